"""The record as open data: tidy tables (Parquet or CSV) with a Frictionless ``datapackage.json``,
and the three tables of R's ``unvotes`` package in its exact column layout.

Every table is one ``COPY (SELECT ...)`` in DuckDB, so an export streams from the database
file to disk without passing rows through Python. The descriptor names each table's fields and
types, primary and foreign keys, the sources it rests on with their terms, the files loaded
(URL, sha256, rows, retrieved) and the dates it covers. See docs/exports.md.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from untally.errors import UntallyError

if TYPE_CHECKING:
    import duckdb

FORMATS = ("parquet", "csv")
ORGANS = ("sc", "ga")


@dataclass(frozen=True)
class Table:
    """One exported table: its name, the query that makes it, keys and what it rests on."""

    name: str
    organ: str | None  # sc | ga | None (both)
    query: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, table, field)
    sources: tuple[str, ...] = ()  # Source names (sources.registry); () = every loaded source
    date_column: str | None = None
    requires: str | None = None  # a database table without which this one is skipped


TABLES = (
    Table(
        "members", None,
        """SELECT code, name, iso3, kind, valid_from, valid_until, successor, permanent,
                  aliases, admitted FROM members ORDER BY code""",
        "UN members past and present: codes (ISO 3166 alpha-3, or the UN's historical code), "
        "names, lineage and permanent seats.",
        ("code",), sources=("un_members",), date_column="admitted",
    ),
    Table(
        "sc_decisions", "sc",
        """SELECT decision_id, kind, resolution, draft, part, label, date, year::INTEGER AS year,
                  meeting, title, agenda, subjects, outcome, modality, yes::INTEGER AS yes,
                  no::INTEGER AS no, abstain::INTEGER AS abstain,
                  non_voting::INTEGER AS non_voting, total_ms::INTEGER AS total_ms, procedural,
                  procedural_reason, amends, symbols, sources, verification, source_url, url
           FROM decisions ORDER BY date, decision_id""",
        "Security Council decisions (roll calls): adopted resolutions, drafts not adopted, "
        "separately voted parts and amendments, with the tally and outcome.",
        ("decision_id",),
        sources=("undl_sc", "veto_list", "meeting_tables", "veto_list_supplement",
                 "failed_draft_votes", "amendment_votes"),
        date_column="date",
    ),
    Table(
        "sc_votes", "sc",
        """SELECT decision_id, member, vote, name_as_recorded FROM votes
           ORDER BY decision_id, member""",
        "Each member's vote on a Security Council decision: Y (yes), N (no), A (abstain), "
        "X (present, not voting / absent).",
        ("decision_id", "member"),
        (("decision_id", "sc_decisions", "decision_id"), ("member", "members", "code")),
        sources=("undl_sc", "failed_draft_votes", "meeting_tables"),
    ),
    Table(
        "sc_topics", "sc",
        "SELECT decision_id, topic, reason FROM decision_topics ORDER BY decision_id, topic",
        "Each Security Council decision's topics (src/untally/data/topics.toml) and the rule "
        "or cited override that assigned it.",
        ("decision_id", "topic"), (("decision_id", "sc_decisions", "decision_id"),),
        sources=("undl_sc", "veto_list", "meeting_tables"),
    ),
    Table(
        "vetoes", "sc",
        """SELECT veto_id, decision_id, date, draft, meeting, agenda, topic, vetoed_by,
                  tally_source FROM vetoes ORDER BY veto_id""",
        "Vetoes: one row per entry of the Library's veto list (and its 2022-2025 supplement) "
        "and per amendment defeated by a permanent member.",
        ("veto_id",), (("decision_id", "sc_decisions", "decision_id"),),
        sources=("veto_list", "veto_list_supplement", "amendment_votes"), date_column="date",
    ),
    Table(
        "ga_roll_calls", "ga",
        """SELECT vote_id, resolution, draft, committee_report, meeting, date,
                  year::INTEGER AS year, session, session_no::INTEGER AS session_no, title,
                  agenda, subjects, vote_note, yes::INTEGER AS yes, no::INTEGER AS no,
                  abstain::INTEGER AS abstain, non_voting::INTEGER AS non_voting,
                  total_ms::INTEGER AS total_ms, url, source, symbols
           FROM ga_resolutions ORDER BY date, vote_id""",
        "General Assembly recorded votes (roll calls), one per resolution or part voted.",
        ("vote_id",), sources=("undl_ga", "undl_ga_2022on"), date_column="date",
        requires="ga_resolutions",
    ),
    Table(
        "ga_votes", "ga",
        # Stored in (vote_id, member) order, which a plain scan keeps (DuckDB preserves
        # insertion order; tests/test_exports.py checks): a million-row sort saved.
        "SELECT vote_id, member, vote, name_as_recorded FROM ga_votes",
        "Each member's vote on a General Assembly roll call: Y, N, A, X (non-voting).",
        ("vote_id", "member"),
        (("vote_id", "ga_roll_calls", "vote_id"), ("member", "members", "code")),
        sources=("undl_ga", "undl_ga_2022on"), requires="ga_votes",
    ),
    Table(
        "ga_topics", "ga",
        "SELECT vote_id, topic, reason FROM ga_topics ORDER BY vote_id, topic",
        "Each General Assembly roll call's topics, including the six issue codes of the "
        "Voeten data (me, nu, di, co, hr, ec), and the rule that assigned it.",
        ("vote_id", "topic"), (("vote_id", "ga_roll_calls", "vote_id"),),
        sources=("undl_ga", "undl_ga_2022on"), requires="ga_topics",
    ),
    Table(
        "ga_separate_roll_calls", "ga",
        """SELECT rcid, session::INTEGER AS session, date, year::INTEGER AS year, kind, unres,
                  resolution, short, description, yes::INTEGER AS yes, no::INTEGER AS no,
                  abstain::INTEGER AS abstain
           FROM ga_separate_votes ORDER BY date, rcid""",
        "General Assembly separate votes on a paragraph or an amendment (Erik Voeten's data, "
        "1946 to January 2020): not in the Library's file, counted only by the State "
        "Department's reports before 2017.",
        ("rcid",), sources=("unvotes",), date_column="date", requires="ga_separate_votes",
    ),
    Table(
        "ga_separate_votes", "ga",
        "SELECT rcid, member, vote FROM ga_separate_member_votes ORDER BY rcid, member",
        "Each member's vote on a General Assembly separate vote: Y, N, A, X (absent: a member "
        "that day without a vote in the data).",
        ("rcid", "member"),
        (("rcid", "ga_separate_roll_calls", "rcid"), ("member", "members", "code")),
        sources=("unvotes",), requires="ga_separate_member_votes",
    ),
    Table(
        "provenance", None,
        """SELECT source, file, url, sha256, bytes, retrieved_at, rows, loaded_at,
                  untally_version FROM provenance ORDER BY source, file""",
        "Every file the record was built from: URL, sha256, size, rows, when retrieved.",
        ("source", "file"),
    ),
)  # fmt: skip


@dataclass
class Written:
    name: str
    path: str
    rows: int
    bytes: int
    seconds: float


@dataclass
class ExportReport:
    """What an export wrote: one entry per table, the descriptor, and the time taken."""

    directory: str
    format: str
    tables: list[Written] = field(default_factory=list)
    descriptor: str | None = None
    seconds: float = 0.0

    def to_arrow(self) -> Any:
        import pyarrow as pa

        return pa.Table.from_pylist([w.__dict__ for w in self.tables])

    def to_pandas(self) -> Any:
        return self.to_arrow().to_pandas()


# DuckDB type -> Frictionless field type.
def _field_type(duck: str, fmt: str) -> dict[str, Any]:
    t = duck.upper()
    if t.endswith("[]"):
        # Parquet keeps lists as lists (Frictionless has no list-of-strings type: "any");
        # CSV writes them as 'a;b' text.
        return {"type": "any"} if fmt == "parquet" else {"type": "string"}
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
             "UINTEGER", "UBIGINT"):  # fmt: skip
        return {"type": "integer"}
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return {"type": "number"}
    if t == "BOOLEAN":
        return {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    if t == "DATE":
        return {"type": "date"}
    if t.startswith("TIMESTAMP"):
        return {"type": "datetime"} if fmt == "parquet" else {"type": "string"}
    return {"type": "string"}


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """A table or view (a registered one too, e.g. topics classified on demand)."""
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchall()[0][0]
    )


def _csv_query(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """Lists as ``a;b`` text and timestamps as ISO text, so a CSV reader needs no parsing."""
    described = con.execute(f"DESCRIBE {query}").fetchall()
    cols = []
    for name, kind, *_ in described:
        if kind.endswith("[]"):
            cols.append(f"array_to_string({name}, ';') AS {name}")
        elif kind.upper().startswith("TIMESTAMP"):
            cols.append(f"strftime({name}, '%Y-%m-%dT%H:%M:%SZ') AS {name}")
        else:
            cols.append(name)
    return f"SELECT {', '.join(cols)} FROM ({query})"


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, fmt: str) -> int:
    """Write the query's rows to ``path``; the number of rows written."""
    target = str(path).replace("'", "''")
    if fmt == "parquet":
        options = "FORMAT parquet, COMPRESSION zstd"
    else:
        options = "FORMAT csv, HEADER true"
        query = _csv_query(con, query)
    return int(con.execute(f"COPY ({query}) TO '{target}' ({options})").fetchall()[0][0])


def _prepare(directory: str | Path, fmt: str, organ: str | None) -> Path:
    if fmt not in FORMATS:
        raise UntallyError(f"unknown export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if organ is not None and organ not in ORGANS:
        raise UntallyError(f"unknown organ {organ!r}", "use sc (Security Council) or ga")
    out = Path(directory)
    try:
        if out.exists() and not out.is_dir():
            raise UntallyError(f"{out} is a file", "give a folder to write the tables into")
        if not out.parent.is_dir():
            raise UntallyError(f"the folder {out.parent} does not exist", "create it first")
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise UntallyError(
            f"cannot write into {str(out)[:80]!r}: {exc.strerror}", "give another folder"
        ) from None
    return out


def _sources_of(table: Table, loaded: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    from untally.sources.registry import SOURCES

    names = table.sources or tuple(loaded)
    out = []
    for s in SOURCES:
        if s.name not in names or s.name not in loaded:
            continue
        out.append(
            {
                "title": s.title,
                "path": next((f["url"] for f in loaded[s.name] if f["url"]), ""),
                "publisher": s.publisher,
                "terms": s.terms,
                "files": loaded[s.name],
            }
        )
    return out


def export(
    con: duckdb.DuckDBPyConnection,
    directory: str | Path,
    fmt: str = "parquet",
    organ: str | None = None,
) -> ExportReport:
    """Write the tidy tables of ``organ`` (sc, ga, or both) as Parquet or CSV, with a
    ``datapackage.json`` describing them (fields, keys, sources and terms, coverage)."""
    from untally import __version__

    out = _prepare(directory, fmt, organ)
    started = time.perf_counter()
    report = ExportReport(directory=str(out), format=fmt)
    loaded: dict[str, list[dict[str, Any]]] = {}
    for src, file, url, sha, size, retrieved, rows in con.execute(
        "SELECT source, file, url, sha256, bytes, retrieved_at, rows FROM provenance"
        " ORDER BY source, file"
    ).fetchall():
        loaded.setdefault(src, []).append(
            {"file": file, "url": url, "sha256": sha, "bytes": size,
             "retrieved_at": retrieved.isoformat(), "rows": rows}
        )  # fmt: skip
    resources = []
    for table in TABLES:
        if organ is not None and table.organ not in (None, organ):
            continue
        if table.requires and not _has(con, table.requires):
            continue
        path = out / f"{table.name}.{fmt}"
        t0 = time.perf_counter()
        n = _copy(con, table.query, path, fmt)
        report.tables.append(
            Written(table.name, str(path), n, path.stat().st_size, time.perf_counter() - t0)
        )
        described = con.execute(f"DESCRIBE {table.query}").fetchall()
        fields = []
        for col, kind, *_ in described:
            f = {"name": col, **_field_type(kind, fmt)}
            if kind.endswith("[]"):
                f["description"] = (
                    "a list of strings" if fmt == "parquet" else "a list, items separated by ';'"
                )
            fields.append(f)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.primary_key)}
        fks = [
            {"fields": col, "reference": {"resource": ref.replace("_", "-"), "fields": ref_col}}
            for col, ref, ref_col in table.foreign_keys
        ]
        if fks:
            schema["foreignKeys"] = fks
        coverage = None
        if table.date_column:
            unordered = table.query.split("ORDER BY")[0]  # min and max need no sort
            first, last = con.execute(
                f"SELECT min({table.date_column}), max({table.date_column}) FROM ({unordered})"
            ).fetchall()[0]
            coverage = {"start": str(first) if first else None, "end": str(last) if last else None}
        resource: dict[str, Any] = {
            "name": table.name.replace("_", "-"),
            "path": path.name,
            "format": fmt,
            "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
            "description": table.description,
            "schema": schema,
            "sources": _sources_of(table, loaded),
            "rows": n,
        }
        if fmt == "csv":  # (Frictionless cannot count a Parquet file's bytes)
            resource["bytes"] = path.stat().st_size
            resource["encoding"] = "utf-8"
            resource["dialect"] = {"header": True, "delimiter": ","}
        if coverage:
            resource["coverage"] = coverage
        resources.append(resource)
    written = {r["name"] for r in resources}
    for r in resources:  # a key into a table not written (e.g. --organ) is left out
        fks = r["schema"].get("foreignKeys", [])
        keys = [fk for fk in fks if fk["reference"]["resource"] in written]
        if keys:
            r["schema"]["foreignKeys"] = keys
        else:
            r["schema"].pop("foreignKeys", None)
    descriptor = {
        "name": "untally-record" + (f"-{organ}" if organ else ""),
        "title": "The UN voting record (untally export)"
        + {None: "", "sc": ": Security Council", "ga": ": General Assembly"}[organ],
        "description": "Tidy tables of the UN Security Council and General Assembly voting "
        "record as loaded by untally, with every source's terms and the files it was built "
        "from. Votes: Y yes, N no, A abstain, X non-voting or absent.",
        "version": __version__,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": "https://github.com/untally/untally",
        "licenses": [
            {
                "name": "UN-DL-terms",
                "title": "UN Digital Library terms: copyright United Nations, non-commercial "
                "use with attribution; other sources' terms per resource",
                "path": "https://digitallibrary.un.org/pages/?ln=en&page=tos",
            }
        ],
        "contributors": [{"title": "untally", "role": "author"}],
        "resources": resources,
    }
    target = out / "datapackage.json"
    target.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")
    report.descriptor = str(target)
    report.seconds = time.perf_counter() - started
    return report


# ---------------------------------------------------------------------------------- unvotes

# R's unvotes: un_votes$vote is a factor with these levels, un_roll_call_issues$issue one
# with the six issue names in alphabetical order (R's factor() default).
UNVOTES_VOTES = ("yes", "abstain", "no")
UNVOTES_ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "co": "Colonialism",
    "hr": "Human rights",
    "ec": "Economic development",
}
# unvotes writes the Soviet Union's votes as Russia's (RU), the country's name as it is known.
UNVOTES_NAMES = {"SUN": ("Russia", "RU"), "RUS": ("Russia", "RU")}
TITLE_TAIL = r"\s*:\s*resolution\s*/\s*adopted by the General Assembly.*$"


def iso2_table(con: duckdb.DuckDBPyConnection) -> Any:
    """Member code -> (unvotes country name, ISO 3166 alpha-2, historical codes from 3166-3)."""
    import pyarrow as pa
    import pycountry

    codes, names, iso2 = [], [], []
    for code, name in con.execute("SELECT code, name FROM members ORDER BY code").fetchall():
        found = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(
            alpha_3=code
        )
        name_, two = UNVOTES_NAMES.get(code, (name, found.alpha_2 if found else None))
        codes.append(code)
        names.append(name_)
        iso2.append(two)
    return pa.table({"code": codes, "country": names, "country_code": iso2})


def _factor(column: Any, levels: tuple[str, ...]) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    dictionary = pa.array(levels, pa.string())
    return pa.DictionaryArray.from_arrays(
        pc.index_in(column, value_set=dictionary).cast(pa.int8()), dictionary
    )


def unvotes_tables(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The three tables of R's ``unvotes`` from the Assembly record, as Arrow tables typed as
    the package documents them (rcid and session numeric, importantvote/amend/para integer,
    date a Date, vote and issue factors)."""
    import pyarrow as pa

    if not _has(con, "ga_votes"):
        raise UntallyError(
            "the record has no General Assembly votes", "run `untally sync` to load them"
        )
    con.register("unvotes_members", iso2_table(con))
    try:
        votes = con.sql(
            """
            SELECT v.vote_id::DOUBLE AS rcid, m.country, m.country_code,
                   CASE v.vote WHEN 'Y' THEN 'yes' WHEN 'A' THEN 'abstain' ELSE 'no' END AS vote
            FROM ga_votes v JOIN unvotes_members m ON m.code = v.member
            WHERE v.vote IN ('Y', 'N', 'A')
            ORDER BY v.vote_id, m.country
            """
        ).to_arrow_table()
    finally:
        con.unregister("unvotes_members")
    votes = votes.set_column(3, "vote", _factor(votes.column("vote"), UNVOTES_VOTES))
    calls = con.sql(
        f"""
        SELECT vote_id::DOUBLE AS rcid, session_no::DOUBLE AS session,
               NULL::INTEGER AS importantvote, date, resolution AS unres,
               0::INTEGER AS amend, 0::INTEGER AS para,
               regexp_replace(coalesce(title, ''), '{TITLE_TAIL}', '', 'i') AS short,
               title AS descr
        FROM ga_resolutions ORDER BY date, vote_id
        """
    ).to_arrow_table()
    if _has(con, "ga_topics"):
        issues = con.sql(
            """
            SELECT vote_id::DOUBLE AS rcid, topic AS short_name
            FROM ga_topics WHERE list_contains($codes, topic) ORDER BY vote_id, topic
            """,
            params={"codes": list(UNVOTES_ISSUES)},
        ).to_arrow_table()
        names = [UNVOTES_ISSUES[c] for c in issues.column("short_name").to_pylist()]
    else:
        issues = pa.table(
            {"rcid": pa.array([], pa.float64()), "short_name": pa.array([], pa.string())}
        )
        names = []
    issues = pa.table(
        {
            "rcid": issues.column("rcid"),
            "short_name": issues.column("short_name"),
            "issue": _factor(pa.array(names, pa.string()), tuple(sorted(UNVOTES_ISSUES.values()))),
        }
    )
    return {"un_votes": votes, "un_roll_calls": calls, "un_roll_call_issues": issues}


def export_unvotes(
    con: duckdb.DuckDBPyConnection, directory: str | Path, fmt: str = "csv"
) -> ExportReport:
    """Write ``un_votes``, ``un_roll_calls`` and ``un_roll_call_issues`` in the exact column
    layout of R's ``unvotes`` (docs/exports.md: the mapping and what cannot be filled)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    out = _prepare(directory, fmt, None)
    started = time.perf_counter()
    report = ExportReport(directory=str(out), format=fmt)
    for name, table in unvotes_tables(con).items():
        t0 = time.perf_counter()
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            pq.write_table(table, path, compression="zstd")
        else:  # rcid and session as whole numbers, factors as their words, NA as empty
            plain = pa.table(
                {
                    c: (
                        table.column(c).cast(pa.int64())
                        if c in ("rcid", "session")
                        else table.column(c).cast(pa.string())
                        if pa.types.is_dictionary(table.column(c).type)
                        else table.column(c)
                    )
                    for c in table.column_names
                }
            )
            pacsv.write_csv(
                plain, path, pacsv.WriteOptions(quoting_style="needed", null_string="NA")
            )
        report.tables.append(
            Written(name, str(path), table.num_rows, path.stat().st_size, time.perf_counter() - t0)
        )
    report.seconds = time.perf_counter() - started
    return report
