"""The General Assembly record in the same DuckDB file: one row per recorded vote, one per
member vote.

Why two tables and these types
    The Library's file repeats a vote's symbol, title and tally on every member's row (about
    860,000 rows for some 5,000 votes). Stored once per vote (``ga_resolutions``) and once per
    member vote (``ga_votes``: a BIGINT, a code and one letter), the member votes compress to a
    few megabytes and every analysis joins on an integer. ``ga_votes`` is written sorted by
    (vote_id, member), so DuckDB's zone maps skip whole blocks on a vote-id or date range.

Member codes
    The file's ``ms_code`` is kept when it is a members code (SUN, YUG, CSK... are members
    codes with their dates); any other code is resolved through :mod:`untally.members` (a
    withdrawn ISO code such as ZAR), and one that resolves to nothing stops the load with
    :class:`MalformedData` naming it: a vote must never be counted for the wrong state.

Sources and the scrape note
    ``ga_resolutions.source`` names the file each vote came from (``undl_ga.ga_voting``, the
    Library's file; ``undl_ga_2022on.ga_voting_2022on``, the mirror's third-party scrape for
    2022 on). Where both hold a vote (same record id or symbol) the Library's row wins.
    :func:`ga_spans` gives, for any selection of votes, each source's first and last date and
    its note (the one phrase defined on the ``SourceFile``), so every answer names the end of
    the data it used and says when part of it rests on a third-party scrape.

Symbols
    ``ga_resolutions.symbols`` holds every form a vote answers to (:func:`ga_symbol_keys`):
    ``A/RES/78/183 A/B`` is found as ``A/RES/78/183``, ``A/RES/78/183 A`` or ``A/RES/78/183B``.

``session_no``
    The regular session a vote belongs to, for series by session: the session number when the
    vote was in a regular session, otherwise (emergency special and special sessions, or a
    symbol without a session) the regular session in progress on its date, which opens in
    September: ES-10 votes of December 2003 fall in session 58.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from untally import members as mem
from untally.errors import BeyondRecord, MalformedData, StoreError, UnknownMember
from untally.sources.registry import SOURCES
from untally.store.validate import MAX_TALLY_MISMATCH_SHARE

GA_TABLE = "undl_ga.ga_voting"
GA_2022ON_TABLE = "undl_ga_2022on.ga_voting_2022on"
GA_TABLES = (GA_TABLE, GA_2022ON_TABLE)  # in order of precedence: the Library's file first

GA_SCHEMA = """
CREATE TABLE ga_resolutions (          -- one row per General Assembly recorded vote
    vote_id     BIGINT PRIMARY KEY,    -- the Library's record id (undl_id)
    resolution  VARCHAR NOT NULL,      -- symbol as the Library writes it, e.g. A/RES/75/1
    draft       VARCHAR,
    committee_report VARCHAR,
    meeting     VARCHAR,
    date        DATE,                  -- null where the source gives only a year
    year        SMALLINT NOT NULL,     -- calendar year of the vote
    session     VARCHAR,               -- '75', 'ES-10', 'S-28'; null when unknown
    session_no  SMALLINT NOT NULL,     -- regular session the vote falls in (see store/ga.py)
    title       VARCHAR,
    agenda      VARCHAR,
    subjects    VARCHAR,
    vote_note   VARCHAR,
    yes         SMALLINT NOT NULL,
    no          SMALLINT NOT NULL,
    abstain     SMALLINT NOT NULL,
    non_voting  SMALLINT NOT NULL,
    total_ms    SMALLINT NOT NULL,
    url         VARCHAR,
    source      VARCHAR NOT NULL,      -- '<source>.<file>' it was loaded from (GA_TABLES)
    symbols     VARCHAR[] NOT NULL     -- every form the symbol is found by (ga_symbol_keys)
);

CREATE TABLE ga_votes (                -- one row per member per recorded vote
    vote_id     BIGINT NOT NULL REFERENCES ga_resolutions (vote_id),
    member      VARCHAR NOT NULL REFERENCES members (code),
    name_as_recorded VARCHAR,
    vote        VARCHAR NOT NULL CHECK (vote IN ('Y', 'N', 'A', 'X')),
    PRIMARY KEY (vote_id, member)
);
"""

# The regular session a vote falls in: its number, else the one in progress on its date.
SESSION_NO = """
    CASE WHEN regexp_full_match(coalesce(session, ''), '\\d+') THEN session::SMALLINT
         WHEN date IS NOT NULL
              THEN greatest(1, year(date) - 1945 - CASE WHEN month(date) < 9 THEN 1 ELSE 0 END)
         ELSE greatest(1, year - 1945) END
"""


_BASE = re.compile(r"^A/[A-Z]+/(?:(?:ES|S)-\d+/|\d+/)?\d+")
_LETTERS = re.compile(r"^\[?([A-Z](?:/[A-Z])*)\]?$")


def normal_symbol(text: str) -> str:
    """Upper case without whitespace: the form every symbol lookup compares."""
    return re.sub(r"\s+", "", text).upper()


def ga_symbol_keys(symbol: str) -> list[str]:
    """Every form an Assembly symbol is found by, normalised (:func:`normal_symbol`).

    ``A/RES/78/183 A/B`` -> ``A/RES/78/183A/B``, ``A/RES/78/183``, ``A/RES/78/183A``,
    ``A/RES/78/183B``; ``A/RES/77/263A`` -> itself and ``A/RES/77/263``;
    ``A/RES/1514(XV)`` -> itself and ``A/RES/1514``; ``A/DEC/80/506`` -> itself.
    """
    compact = normal_symbol(symbol)
    keys = [compact]
    base = _BASE.match(compact)
    if base and base[0] != compact:
        keys.append(base[0])
        letters = _LETTERS.match(compact[len(base[0]) :])
        if letters:
            keys += [base[0] + letter for letter in letters[1].split("/")]
    return list(dict.fromkeys(keys))


def _member_codes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """File code -> members code, for every code in ``ga_in``; raises on an unknown one."""
    rows = con.execute(
        "SELECT ms_code, any_value(ms_name), min(undl_id) FROM ga_in GROUP BY ms_code"
    ).fetchall()
    known = {r[0] for r in con.execute("SELECT code FROM members").fetchall()}
    mapping: dict[str, str] = {}
    for code, name, first in rows:
        if code in known:
            continue
        try:
            resolved = mem.resolve(code).code
        except UnknownMember:
            resolved = None
        if resolved is None or resolved not in known:
            raise MalformedData(
                f"General Assembly voting data: unknown member code {code!r} ({name}, "
                f"first in record {first})",
                "add the code to untally/data/members.csv or fix the upstream row",
            )
        mapping[code] = resolved
    return mapping


def _union(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> list[str]:
    """Create ``ga_in``: every loaded GA file's rows with their ``source``; a later file's
    vote is dropped where an earlier one has the same record id or symbol. Returns the names
    of inputs still registered (none: the table holds the rows)."""
    present = [name for name in GA_TABLES if name in tables]
    selects = []
    for i, name in enumerate(present):
        view = f"ga_in_{i}"
        con.register(view, tables[name])
        earlier = " UNION ALL ".join(
            f"SELECT undl_id, upper(regexp_replace(resolution, '\\s+', '', 'g')) AS symbol "
            f"FROM ga_in_{j}"
            for j in range(i)
        )
        keep = (
            f"WHERE undl_id NOT IN (SELECT undl_id FROM ({earlier})) AND "
            f"upper(regexp_replace(resolution, '\\s+', '', 'g')) "
            f"NOT IN (SELECT symbol FROM ({earlier}))"
            if earlier
            else ""
        )
        selects.append(f"SELECT *, '{name}' AS source FROM {view} {keep}")
    # materialized once: six queries read it, and as a view each re-ran the union's filter
    con.execute(f"CREATE OR REPLACE TEMP TABLE ga_in AS {' UNION ALL BY NAME '.join(selects)}")
    for i in range(len(present)):
        con.unregister(f"ga_in_{i}")
    return []


def load_ga(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], *, drop_inputs: bool = False
) -> None:
    """Insert the parsed GA files (:data:`GA_TABLES`) the sync loaded, if any.

    Rows whose vote-level fields disagree within one record id, and repeated (record, member)
    rows, are kept once and listed in a temporary table that :func:`validate_ga` reports.
    An empty ``ms_name`` (the scrape has none) is stored as null: names come from the members
    table wherever a member vote is shown. ``drop_inputs`` removes the GA tables from
    ``tables`` once their rows are copied, so their memory is freed during the load.
    """
    if not any(name in tables for name in GA_TABLES):
        return
    views = _union(con, tables)
    if drop_inputs:
        for name in GA_TABLES:
            tables.pop(name, None)
        pa.default_memory_pool().release_unused()
    try:
        mapping = _member_codes(con)
        con.register(
            "ga_codes",
            pa.table(
                {"file_code": list(mapping), "code": list(mapping.values())},
                schema=pa.schema([("file_code", pa.string()), ("code", pa.string())]),
            ),
        )
        symbols = con.execute("SELECT DISTINCT resolution FROM ga_in").fetchall()
        con.register(
            "ga_symbols",
            pa.table(
                {
                    "resolution": [r[0] for r in symbols],
                    "symbols": [ga_symbol_keys(r[0]) for r in symbols],
                },
                schema=pa.schema([("resolution", pa.string()), ("symbols", pa.list_(pa.string()))]),
            ),
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE ga_load_conflicts AS
            SELECT 'ga_vote_fields_differ' AS check_name, undl_id::VARCHAR AS subject,
                   'rows of one record disagree on resolution, date, session or tally; '
                   || 'the first row is kept' AS detail
            FROM ga_in GROUP BY undl_id
            HAVING count(DISTINCT (resolution, date, year, session, total_yes, total_no,
                                   total_abstentions, total_non_voting, total_ms)) > 1
            UNION ALL
            SELECT 'ga_repeated_member_row', undl_id::VARCHAR,
                   ms_code || ' appears ' || count(*) || ' times (votes '
                   || string_agg(DISTINCT ms_vote, '/') || '); one row kept'
            FROM ga_in GROUP BY undl_id, ms_code HAVING count(*) > 1
            """
        )
        con.execute(
            f"""
            INSERT INTO ga_resolutions
            SELECT undl_id, first(resolution), first(draft), first(committee_report),
                   first(meeting), first(date), first(year), first(session),
                   first({SESSION_NO}), first(title), first(agenda_title), first(subjects),
                   first(vote_note), first(total_yes), first(total_no),
                   first(total_abstentions), first(total_non_voting), first(total_ms),
                   first(undl_link), first(source), first(s.symbols)
            FROM ga_in JOIN ga_symbols s USING (resolution)
            GROUP BY undl_id ORDER BY undl_id
            """
        )
        con.execute(
            """
            INSERT INTO ga_votes
            SELECT undl_id, coalesce(c.code, ms_code) AS member, first(nullif(ms_name, '')),
                   first(ms_vote)
            FROM ga_in LEFT JOIN ga_codes c ON c.file_code = ms_code
            GROUP BY undl_id, member
            ORDER BY undl_id, member
            """
        )
    finally:
        for view in views:
            con.unregister(view)
        con.execute("DROP TABLE IF EXISTS ga_in")
        for view in ("ga_codes", "ga_symbols"):
            with contextlib.suppress(duckdb.Error):
                con.unregister(view)


@dataclass(frozen=True)
class GASpan:
    """One source's share of a selection of Assembly votes: its dates, votes and note."""

    source: str  # '<source>.<file>', as in GA_TABLES
    first: date | None
    last: date | None
    votes: int
    note: str | None  # the one phrase an answer resting on these votes carries, with years

    def describe(self) -> str:
        return f"{self.source.split('.')[0]} {self.first} to {self.last}"


def file_notes() -> dict[str, str]:
    """``'<source>.<file>'`` -> the note its ``SourceFile`` defines, for files that have one."""
    return {f"{s.name}.{f.key}": f.note for s in SOURCES for f in s.files if f.note}


def source_note(note: str, first: int | None, last: int | None) -> str:
    """``2022–2025 rests on a third-party scrape ...``: a file's note with the years it covers
    in the answer (``first``/``last`` are years)."""
    if first is None or last is None:
        return note
    years = str(first) if first == last else f"{first}–{last}"
    return f"{years} {note}"


def ga_spans(
    con: duckdb.DuckDBPyConnection, clause: str = "TRUE", params: list | None = None
) -> list[GASpan]:
    """Per source, the first and last date and the number of votes ``clause`` selects
    (a predicate over ``ga_resolutions``), in date order."""
    rows = con.execute(
        f"""
        SELECT source, min(coalesce(date, make_date(year, 1, 1))),
               max(coalesce(date, make_date(year, 12, 31))), count(*)
        FROM ga_resolutions WHERE {clause} GROUP BY source ORDER BY 2, 1
        """,
        params or [],
    ).fetchall()
    notes = file_notes()
    return [
        GASpan(
            source=src,
            first=first,
            last=last,
            votes=n,
            note=source_note(notes[src], first.year, last.year) if src in notes else None,
        )
        for src, first, last, n in rows
    ]


def describe_spans(spans: list[GASpan], record: list[GASpan] | None = None) -> str:
    """One line for a caption: the data an answer used, per source, its end, and any note."""
    if not spans:
        return "no Assembly vote in scope"
    text = "Assembly data used: " + ", ".join(s.describe() for s in spans)
    if record:
        text += f" (the loaded Assembly record ends {max(s.last for s in record if s.last)})"
    notes = [s.note for s in spans if s.note]
    return text + (". " + "; ".join(notes) if notes else "") + "."


def check_within_record(con: duckdb.DuckDBPyConnection, since: date | None) -> None:
    """Refuse a question that starts after the last loaded Assembly vote: the answer would
    otherwise come silently from nothing, or from older data."""
    if since is None:
        return
    end = con.execute(
        "SELECT max(coalesce(date, make_date(year, 12, 31))) FROM ga_resolutions"
    ).fetchall()[0][0]
    if end is not None and since > end:
        raise BeyondRecord(
            f"the General Assembly record ends {end}; nothing loaded covers {since} or later",
            f"ask about a period that starts by {end}, or sync a newer record (untally sync)",
        )


TALLY_MISMATCHES = """
    SELECT r.vote_id, r.resolution, r.yes, r.no, r.abstain, r.non_voting, r.total_ms,
           count(*) FILTER (v.vote = 'Y'), count(*) FILTER (v.vote = 'N'),
           count(*) FILTER (v.vote = 'A'), count(*) FILTER (v.vote = 'X'), count(v.member)
    FROM ga_resolutions r LEFT JOIN ga_votes v USING (vote_id)
    GROUP BY ALL
    HAVING count(*) FILTER (v.vote = 'Y') <> r.yes OR count(*) FILTER (v.vote = 'N') <> r.no
        OR count(*) FILTER (v.vote = 'A') <> r.abstain
        OR count(*) FILTER (v.vote = 'X') <> r.non_voting OR count(v.member) <> r.total_ms
    ORDER BY r.vote_id
"""

# A member code voting outside the dates members.csv gives it: a mapping error, or a name
# history the members table has wrong.
OUT_OF_PERIOD = """
    SELECT m.code, count(*), min(r.date), max(r.date), any_value(m.valid_from),
           any_value(m.valid_until)
    FROM ga_votes v JOIN ga_resolutions r USING (vote_id) JOIN members m ON m.code = v.member
    WHERE r.date < m.valid_from OR r.date > m.valid_until
    GROUP BY m.code ORDER BY m.code
"""


def _fail(problem: str) -> StoreError:
    return StoreError(
        f"the new database failed validation: {problem}",
        "the previous database is unchanged; check the General Assembly voting file",
    )


def validate_ga(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """Issues found in the GA tables as (check_name, subject, detail); raise on hard failures.

    Hard: member votes pointing at no vote or no member, a vote without member votes, or
    tallies that disagree with the member votes on more than 1% of votes (a broken parse).
    Tolerated and listed: isolated tally disagreements, conflicting rows found by
    :func:`load_ga`, and codes voting outside the dates the members table gives them.
    """

    def scalar(query: str) -> int:
        return con.execute(query).fetchall()[0][0]

    votes = scalar("SELECT count(*) FROM ga_resolutions")
    if votes == 0:
        return []
    orphans = scalar(
        "SELECT count(*) FROM ga_votes v ANTI JOIN ga_resolutions r USING (vote_id)"
    ) + scalar("SELECT count(*) FROM ga_votes v ANTI JOIN members m ON m.code = v.member")
    if orphans:
        raise _fail(f"{orphans} General Assembly member votes point at no vote or no member")
    empty = scalar("SELECT count(*) FROM ga_resolutions r ANTI JOIN ga_votes v USING (vote_id)")
    if empty:
        raise _fail(f"{empty} General Assembly votes have no member votes")
    mismatches = con.execute(TALLY_MISMATCHES).fetchall()
    if len(mismatches) > max(3, MAX_TALLY_MISMATCH_SHARE * votes):
        raise _fail(
            f"{len(mismatches)} of {votes} General Assembly votes have member votes that do "
            f"not add up to their totals (first: {mismatches[0][1]}, record {mismatches[0][0]})"
        )
    issues = [
        (
            "ga_tally_vs_member_votes",
            f"{m[1]} (record {m[0]})",
            f"published {m[2]}-{m[3]}-{m[4]} (non-voting {m[5]}, members {m[6]}); "
            f"member rows give {m[7]}-{m[8]}-{m[9]} (non-voting {m[10]}, rows {m[11]})",
        )
        for m in mismatches
    ]
    issues += [
        (
            "ga_member_outside_its_dates",
            code,
            f"{n} votes from {first} to {last}, but the code holds its seat "
            f"{since or 'from admission'} to {until or 'now'}",
        )
        for code, n, first, last, since, until in con.execute(OUT_OF_PERIOD).fetchall()
    ]
    has_conflicts = scalar(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_load_conflicts' AND temporary"
    )
    if has_conflicts:
        issues += [
            tuple(r) for r in con.execute("SELECT * FROM ga_load_conflicts ORDER BY ALL").fetchall()
        ]
    return issues
