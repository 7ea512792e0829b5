"""The Python API: the record as typed answers.

``Record`` is the library the CLI (and later the HTTP API) are thin layers over: every method
returns Pydantic models that carry their evidence (symbols, dates, tallies, links), so every
interface prints the same facts.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field

from untally.answers import Answer, Rows
from untally.answers.assembly import AssemblyAnswers
from untally.answers.check import CheckAnswers
from untally.answers.council import CouncilAnswers
from untally.answers.members import MemberAnswers
from untally.answers.us import USAnswers
from untally.answers.vetoes import Veto, VetoAnswers, VetoCount, VetoQuery, VetoStats
from untally.errors import NotFound, UntallyError
from untally.store.db import Store

if TYPE_CHECKING:
    from untally.answers.assembly import Agreement, AssemblyScope, IdealPoints, Isolation
    from untally.exports import ExportReport
    from untally.reproduce import Reproduction

__all__ = ["AssemblyVote", "Decision", "GATopic", "Info", "Record", "Rows", "Veto"]


class Provenance(Answer):
    source: str
    file: str
    url: str
    sha256: str
    bytes: int
    retrieved_at: datetime
    rows: int


class Coverage(Answer):
    what: str
    count: int
    first: date | None
    last: date | None


class SourceCoverage(Answer):
    """What one loaded file covers: its rows, the first and last date of the record it gave,
    and the phrase answers resting on it carry (a secondary or third-party source)."""

    source: str
    file: str
    rows: int
    first: date | None
    last: date | None
    note: str | None


class Info(Answer):
    path: str
    tables: dict[str, int]
    coverage: list[Coverage]
    sources: list[SourceCoverage]
    provenance: list[Provenance]
    issues: dict[str, int]
    missing_resolutions: list[str]  # numbers below the highest loaded that the sources lack


class MemberVote(Answer):
    member: str
    name: str
    permanent: bool
    vote: str


class Decision(Answer):
    decision_id: str
    kind: str
    resolution: str | None
    draft: str | None
    part: str | None
    label: str | None
    date: date | None
    year: int
    meeting: str | None
    title: str | None
    agenda: str | None
    outcome: str
    modality: str
    yes: int | None
    no: int | None
    abstain: int | None
    non_voting: int | None
    procedural: bool
    procedural_reason: str | None
    vetoed_by: list[str]
    url: str | None
    meeting_url: str | None
    sources: list[str]
    amends: str | None = None  # an amendment: the decision_id of the draft it amends
    symbols: list[str] = Field(
        default_factory=list
    )  # every form of the draft symbol the sources give, if several
    verification: str | None = None  # what rests on secondary sources (None: nothing flagged)
    source_url: str | None = None  # the report a secondary-source row cites
    votes: list[MemberVote]
    rules_outcome: str | None  # what the Charter rules say, with the reason
    rules_agree: bool | None


class GATopic(Answer):
    """One topic of a recorded Assembly vote and the rule or cited override that gave it."""

    vote_id: int
    resolution: str
    date: date | None
    topic: str
    reason: str


class AssemblyVote(Answer):
    """One recorded General Assembly vote with each member's vote (names from the members
    table where the source gives none) and the note of a secondary source."""

    vote_id: int
    resolution: str
    date: date | None
    session: str | None
    title: str | None
    yes: int
    no: int
    abstain: int
    non_voting: int
    url: str | None
    source: str
    note: str | None
    votes: list[MemberVote]


LOCKED_SETTINGS: dict[str, Any] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

MAX_SYMBOL_CHARS = 100  # the longest symbol in the record is under 40 characters

RESOLUTION = re.compile(r"^S/RES/(\d+)\s*(?:\((\d{4})\))?$", re.I)


# The span each US source covers, as dates: a fiscal year runs from 1 October of the year
# before to 30 September; SIPRI counts calendar years; roll calls are dated.
US_SPANS = """
    UNION ALL SELECT 'fa_gov', make_date(min(fiscal_year)::INT - 1, 10, 1) FROM us_aid
    UNION ALL SELECT 'fa_gov', make_date(max(fiscal_year)::INT, 9, 30) FROM us_aid
    UNION ALL SELECT 'greenbook', make_date(min(fiscal_year)::INT - 1, 10, 1) FROM us_aid_greenbook
    UNION ALL SELECT 'greenbook', make_date(max(fiscal_year)::INT, 9, 30) FROM us_aid_greenbook
    UNION ALL SELECT 'sipri', make_date(min(year)::INT, 1, 1) FROM arms_transfers
    UNION ALL SELECT 'sipri', make_date(max(year)::INT, 12, 31) FROM arms_transfers
    UNION ALL SELECT 'voteview', date FROM congress_rollcalls
"""


def topic_filter(topics: str | tuple[str, ...] | list[str]) -> dict[str, object]:
    """Topic ids and groups as a veto filter's topics (groups expanded) and its label; an
    unknown name raises the one-line error the CLI prints."""
    from untally.analytics.topics import expand

    names = [topics] if isinstance(topics, str) else list(topics)
    if not names:
        raise UntallyError("no topic given", "name a topic or group, e.g. israel-related")
    ids = {t for name in names for t in expand(name)}
    return {"topics": tuple(sorted(ids)), "topic_label": ", ".join(names)}


def normalize_query_symbol(text: str) -> str:
    text = re.sub(r"\s+", "", text.strip()).upper()
    return text


class Record(VetoAnswers, CouncilAnswers, AssemblyAnswers, MemberAnswers, CheckAnswers, USAnswers):
    """The record in one DuckDB file: every question untally answers is one method here
    (the question modules are in :mod:`untally.answers`)."""

    def __init__(self, db: str | Path | None = None) -> None:
        self.store = Store(db)

    @classmethod
    def locked(cls, db: str | Path | None = None) -> Record:
        """The record for a server: read-only, DuckDB's file and network access disabled, no
        extension loading, and the configuration locked so a query cannot undo it."""
        import duckdb

        from untally import config

        path = config.db_path(db)
        Store(path).close()  # the same checks and one-line errors as every other opening
        store = object.__new__(Store)
        store.path = path
        store.con = duckdb.connect(str(path), read_only=True, config=LOCKED_SETTINGS)
        record = object.__new__(cls)
        record.store = store
        return record

    def cursor(self) -> Record:
        """The same record on another connection (one per thread or request)."""
        store = object.__new__(Store)
        store.path = self.store.path
        store.con = self.store.con.cursor()
        record = object.__new__(type(self))
        record.store = store
        return record

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Record:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ info

    def source_coverage(self) -> list[SourceCoverage]:
        """Per loaded file: rows, the first and last date of what it gave, and its note."""
        from untally.sources.registry import SOURCES
        from untally.store.ga import source_note
        from untally.store.us import US_SOURCES

        notes = {(s.name, f.key): f.note for s in SOURCES for f in s.files}
        # a file a setting adds (SIPRI's table per supplier) carries its source's one note
        shared = {s.name: s.files[0].note for s in SOURCES
                  if len({f.note for f in s.files}) == 1}  # fmt: skip
        has_ga = self.store.scalar(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_resolutions'"
        )
        ga = "UNION ALL SELECT source, date FROM ga_resolutions" if has_ga else ""
        has_us = self.store.scalar(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'us_aid'"
        )
        us = US_SPANS if has_us else ""
        rows = self.store.rows(
            f"""
            WITH dated AS (
                SELECT unnest(sources) AS tag, date FROM decisions
                {ga}
                {us}
                UNION ALL SELECT 'members', admitted FROM members
            )
            SELECT p.source, p.file, p.rows, min(d.date), max(d.date)
            FROM provenance p LEFT JOIN dated d
              ON d.tag IN (p.file, p.source, p.source || '.' || p.file)
            GROUP BY ALL ORDER BY min(d.date) NULLS LAST, p.source, p.file
            """
        )
        return [
            SourceCoverage(
                source=src, file=file, rows=n, first=first, last=last,
                note=None if not (text := notes.get((src, file), shared.get(src)))
                else text if src in US_SOURCES
                else source_note(text, first and first.year, last and last.year),
            )
            for src, file, n, first, last in rows
        ]  # fmt: skip

    def assembly_vote(self, symbol: str) -> list[AssemblyVote]:
        """Recorded Assembly votes by symbol, in any form the sources write it
        (``A/RES/78/183 A/B`` as ``A/RES/78/183``, ``A/RES/78/183 A`` or ``A/RES/78/183B``)."""
        from untally.store.ga import file_notes, normal_symbol, source_note

        q = normal_symbol(symbol)
        found = self.store.dicts(
            "SELECT * FROM ga_resolutions WHERE list_contains(symbols, ?) ORDER BY date, vote_id",
            [q],
        )
        if not found:
            raise NotFound(
                f"no recorded General Assembly vote {symbol!r} in the record",
                "use a symbol like A/RES/ES-11/1 (only resolutions adopted by a recorded vote)",
            )
        notes = file_notes()
        result = []
        for r in found:
            votes = [
                MemberVote(member=m, name=name, permanent=False, vote=v)
                for m, name, v in self.store.rows(
                    """
                    SELECT v.member, coalesce(v.name_as_recorded, m.name), v.vote
                    FROM ga_votes v JOIN members m ON m.code = v.member
                    WHERE vote_id = ? ORDER BY v.member
                    """,
                    [r["vote_id"]],
                )
            ]
            note = notes.get(r["source"])
            result.append(
                AssemblyVote(
                    **{k: r[k] for k in AssemblyVote.model_fields if k in r and k != "note"},
                    note=source_note(note, r["year"], r["year"]) if note else None,
                    votes=votes,
                )
            )
        return result

    def info(self) -> Info:
        tables = {
            t: self.store.scalar(f"SELECT count(*) FROM {t}")
            for t in ("members", "meetings", "decisions", "votes", "vetoes")
        }
        coverage = [
            Coverage(what=what, count=n, first=first, last=last)
            for what, n, first, last in self.store.rows(
                """
                SELECT CASE kind WHEN 'resolution' THEN 'adopted resolutions'
                       ELSE outcome || ' drafts' END AS what, count(*), min(date), max(date)
                FROM decisions GROUP BY ALL
                UNION ALL
                SELECT 'vetoes (veto list)', count(*), min(date), max(date) FROM vetoes
                ORDER BY 1
                """
            )
        ]
        provenance = [
            Provenance(
                **dict(
                    zip(
                        ["source", "file", "url", "sha256", "bytes", "retrieved_at", "rows"],
                        r,
                        strict=True,
                    )
                )
            )
            for r in self.store.rows(
                "SELECT source, file, url, sha256, bytes, retrieved_at, rows FROM provenance"
            )
        ]
        issues = dict(
            self.store.rows("SELECT check_name, count(*) FROM issues GROUP BY 1 ORDER BY 1")
        )
        missing = [
            f"S/RES/{n}"
            for (n,) in self.store.rows(
                """
                WITH numbers AS (
                    SELECT DISTINCT regexp_extract(resolution, 'S/RES/(\\d+)', 1)::INTEGER AS n
                    FROM decisions WHERE kind = 'resolution'
                )
                SELECT s.n FROM generate_series(1, (SELECT max(n) FROM numbers)) s(n)
                ANTI JOIN numbers USING (n) ORDER BY 1
                """
            )
        ]
        return Info(
            missing_resolutions=missing,
            path=str(self.store.path),
            tables=tables,
            coverage=coverage,
            sources=self.source_coverage(),
            provenance=provenance,
            issues=issues,
        )

    # ------------------------------------------------------------------ show

    def find(self, symbol: str) -> list[str]:
        """Decision ids for a resolution or draft symbol, in date order."""
        if not symbol.strip() or len(symbol) > MAX_SYMBOL_CHARS:
            raise NotFound(
                f"{symbol[:40]!r}{'…' if len(symbol) > 40 else ''} is not a document symbol",
                "use a symbol like S/RES/242(1967) or S/2020/852",
            )
        q = normalize_query_symbol(symbol)
        m = RESOLUTION.match(q)
        if m:
            number, year = m.groups()
            pattern = f"S/RES/{number}({year})" if year else f"S/RES/{number}(%"
            rows = self.store.rows(
                "SELECT decision_id FROM decisions WHERE resolution LIKE ? ORDER BY date", [pattern]
            )
        else:
            rows = self.store.rows(
                """
                SELECT decision_id FROM decisions
                WHERE replace(upper(decision_id), ' ', '') = $q OR upper(draft) = $q
                   OR starts_with(upper(decision_id), $q || '#')
                   OR list_contains(list_transform(symbols, lambda s: upper(s)), $q)
                ORDER BY date, decision_id
                """,
                {"q": q},
            )
        if not rows:
            from rapidfuzz import process

            ids = [r[0] for r in self.store.rows("SELECT decision_id FROM decisions")]
            close = [c for c, score, _ in process.extract(q, ids, limit=3) if score > 60]
            hint = f"did you mean {', '.join(close)}? " if close else ""
            raise NotFound(
                f"no Security Council resolution or draft {symbol!r} in the record",
                f"{hint}use a symbol like S/RES/242(1967) or S/2020/852",
            )
        return [r[0] for r in rows]

    def show(self, symbol: str) -> list[Decision]:
        """Every decision a resolution or draft symbol names, each with its whole vote."""
        return [self.decision(i) for i in self.find(symbol)]

    def decision(self, decision_id: str) -> Decision:
        """One decision with its whole vote and the Charter rules' verdict, by decision id
        or by a symbol naming one decision (``S/2018/516``, ``S/RES/242(1967)``)."""
        found = self.store.dicts(
            """
            SELECT d.*, v.vetoed_by FROM decisions d LEFT JOIN vetoes v USING (decision_id)
            WHERE decision_id = ?
            """,
            [decision_id],
        )
        if not found:
            ids = self.find(decision_id)  # a symbol: its decision, if it names one
            if len(ids) == 1:
                return self.decision(ids[0])
            raise NotFound(
                f"{decision_id!r} names {len(ids)} decisions: {', '.join(ids)}",
                "give one of them (or use Record.show for all)",
            )
        from untally.members import permanent_members

        d = found[0]
        on = d["date"] or date(d["year"], 7, 1)
        permanent = set(permanent_members(on))
        votes = [
            MemberVote(member=m, name=name or m, permanent=m in permanent, vote=v)
            for m, name, v in self.store.rows(
                """
                SELECT v.member, coalesce(v.name_as_recorded, m.name), v.vote
                FROM votes v JOIN members m ON m.code = v.member
                WHERE decision_id = ? ORDER BY v.member
                """,
                [decision_id],
            )
        ]
        rules_outcome, agree = self.reproduce(d, votes)
        meeting = d["meeting"]
        return Decision(
            **{
                k: d[k]
                for k in Decision.model_fields
                if k in d and k not in ("vetoed_by", "sources", "symbols")
            },
            vetoed_by=list(d["vetoed_by"] or []),
            sources=list(d["sources"]),
            symbols=list(d.get("symbols") or []),
            meeting_url=f"https://undocs.org/en/{meeting}" if meeting else None,
            votes=votes,
            rules_outcome=rules_outcome,
            rules_agree=agree,
        )

    def reproduce(self, d: dict, votes: list[MemberVote]) -> tuple[str | None, bool | None]:
        """The Charter rules applied to a recorded decision: (reason, agrees with the record)."""
        from untally import charter
        from untally.reproduce import agrees, council_vote

        try:
            vote = council_vote(d, {v.member: v.vote for v in votes})
        except UntallyError as exc:
            return f"the recorded tally is impossible: {exc}", False
        if vote is None:
            return None, None
        outcome = charter.decide(vote)
        return outcome.reason, agrees(d["outcome"], outcome)

    # ------------------------------------------------------------------ topics

    def ensure_topics(self) -> None:
        """Make ``decision_topics`` queryable in a database built before topics were stored."""
        exists = self.store.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'decision_topics'"
        )
        if not exists:
            from untally.analytics.topics import topics_table

            self.store.con.register("decision_topics", topics_table(self.store.con))

    # ------------------------------------------------------------------ rules

    def reproduce_all(self) -> list[Reproduction]:
        """The Charter rules applied to every recorded decision (see :mod:`untally.reproduce`)."""
        from untally.reproduce import reproduce_all

        return reproduce_all(self.store.con)

    # ------------------------------------------------------------------ vetoes

    def vetoes(
        self,
        member: str | None = None,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        *,
        seat: bool = False,
        topics: str | tuple[str, ...] | list[str] | None = None,
        lone: bool | None = None,
    ) -> Rows[Veto]:
        """Vetoed drafts (the Library's list), optionally by member, topic, dates, lone/joint.

        ``member`` is a code, a name or an alias (``"USA"``, ``"United States"``, ``"Soviet
        Union"``); ``topics`` topic ids or groups (``("israel-related",)``), expanded here;
        ``since``/``until`` dates, years or partial dates (``until="2021-05"`` is 31 May).
        ``seat=True`` joins a permanent seat's holders (USSR and Russian Federation).
        Anything unknown raises :class:`~untally.errors.UntallyError`.

        Example: ``len(Record().vetoes("USA", topics=("israel-related",), until="2021-05-31"))``
        is 44.
        """
        from untally.dates import as_date

        q = VetoQuery(
            member=member,
            since=as_date(since, "since"),
            until=as_date(until, "until", end=True),
            seat=seat,
            lone=lone,
        )
        f = self._veto_filter(q)
        if topics is not None:
            f = f.model_copy(update=topic_filter(topics))
        return Rows(self._veto_rows(f), Veto)

    # ------------------------------------------------------------------ the Assembly

    def ga_vote(self, symbol: str) -> AssemblyVote:
        """The recorded General Assembly vote on ``symbol`` (``A/RES/ES-11/1``), with each
        member's vote (``.to_arrow()``: one row per member). A symbol naming several
        recorded votes (separate votes on parts A and B) raises, listing them."""
        found = self.assembly_vote(symbol)
        if len(found) > 1:
            listed = ", ".join(f"{v.resolution} ({v.date})" for v in found)
            raise UntallyError(
                f"{symbol!r} names {len(found)} recorded votes: {listed}",
                "name one part (e.g. A/RES/78/183 A), or use Record.assembly_vote for all",
            )
        return found[0]

    def rank(
        self,
        member: str,
        convention: str = "state-dept",
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        *,
        year: int | None = None,
        top: int | None = None,
        least: bool = False,
        seat: bool = False,
    ) -> Agreement:
        """Every other state ranked by its Assembly agreement with ``member`` (the closest
        first; ``least``: the furthest), under a named convention."""
        return self.agreement(
            [member], convention, since=since, until=until, year=year,
            top=top, least=least, seat=seat,
        )  # fmt: skip

    @staticmethod
    def _query(
        q: VetoQuery | str | None,
        since: date | str | int | None,
        until: date | str | int | None,
        topic: str | None,
        seat: bool,
        lone: bool | None,
    ) -> VetoQuery:
        """A query from a ``VetoQuery`` or from a member name and keywords (not both)."""
        from untally.dates import as_date

        extra: dict[str, Any] = {
            k: v
            for k, v in {
                "since": as_date(since, "since"),
                "until": as_date(until, "until", end=True),
                "topic": topic,
                "seat": seat or None,
                "lone": lone,
            }.items()
            if v is not None
        }
        if isinstance(q, VetoQuery):
            return q.model_copy(update=extra) if extra else q
        return VetoQuery(member=q, **extra)

    def veto_count(
        self,
        q: VetoQuery | str | None = None,
        convention: str = "drafts",
        *,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        topic: str | None = None,
        seat: bool = False,
        lone: bool | None = None,
    ) -> VetoCount:
        """How many vetoes under ``convention``, with every draft counted: ``q`` is a
        :class:`VetoQuery` or a member (``record.veto_count("USA", topic="israel-related",
        until="2021-05-31").value`` is 44)."""
        return super().veto_count(self._query(q, since, until, topic, seat, lone), convention)

    def veto_stats(
        self,
        by: str = "member",
        q: VetoQuery | str | None = None,
        *,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        topic: str | None = None,
    ) -> VetoStats:
        """Vetoes grouped ``by`` member, year, decade or topic, under every convention."""
        return super().veto_stats(by, self._query(q, since, until, topic, False, None))

    @staticmethod
    def _scope(
        scope: AssemblyScope | None,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        year: int | None = None,
        session: int | None = None,
        topic: str | None = None,
    ) -> AssemblyScope:
        """An Assembly scope from an ``AssemblyScope`` or from keywords (dates read by the
        one parser: ``until="2020-05"`` is 31 May 2020)."""
        from untally.answers.assembly import AssemblyScope
        from untally.dates import as_date

        given = {
            k: v
            for k, v in {
                "since": as_date(since, "since"),
                "until": as_date(until, "until", end=True),
                "year": year,
                "session": session,
                "topic": topic,
            }.items()
            if v is not None
        }
        if scope is None:
            return AssemblyScope(**given)
        return AssemblyScope(**{**scope.model_dump(exclude_unset=True), **given})

    def agreement(
        self,
        members: str | list[str] | tuple[str, ...],
        convention: str = "state-dept",
        scope: AssemblyScope | None = None,
        *,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        year: int | None = None,
        session: int | None = None,
        topic: str | None = None,
        by: str = "year",
        top: int | None = None,
        least: bool = False,
        seat: bool = False,
    ) -> Agreement:
        """How often states voted the same way in the Assembly, under a named convention:
        two or more states per ``by`` (year, session, all) and overall; one state ranks the
        others (see :meth:`rank`). Names and aliases are resolved; dates as in :meth:`vetoes`.

        Example: ``record.agreement(["USA", "ISR"], since=2000, by="all").overall[0].value``
        """
        names = [members] if isinstance(members, str) else list(members)
        return super().agreement(
            names,
            convention,
            self._scope(scope, since, until, year, session, topic),
            by=by,
            top=top,
            least=least,
            seat=seat,
        )

    def isolation(
        self,
        member: str,
        *,
        max_with: int = 3,
        positions: tuple[str, ...] = ("N",),
        scope: AssemblyScope | None = None,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        year: int | None = None,
        session: int | None = None,
        topic: str | None = None,
        seat: bool = False,
    ) -> Isolation:
        """Recorded Assembly votes where ``member`` voted alone or nearly alone (at most
        ``max_with`` others casting the same vote), with who joined it."""
        return super().isolation(
            member,
            max_with=max_with,
            positions=positions,
            scope=self._scope(scope, since, until, year, session, topic),
            seat=seat,
        )

    def idealpoints(
        self,
        members: list[str] | None = None,
        scope: AssemblyScope | None = None,
        *,
        since: date | str | int | None = None,
        until: date | str | int | None = None,
        seed: int = 0,
        omega: float = 0.1,
        bridge: bool = True,
        max_iter: int = 1000,
        published: Path | None = None,
    ) -> IdealPoints:
        """Ideal points per state and session (dynamic ordered IRT over every vote in
        scope); ``members`` selects the states shown."""
        return super().idealpoints(
            members,
            self._scope(scope, since, until),
            seed=seed,
            omega=omega,
            bridge=bridge,
            max_iter=max_iter,
            published=published,
        )

    # ------------------------------------------------------------------ open data

    def export(
        self, directory: str | Path, fmt: str = "parquet", organ: str | None = None
    ) -> ExportReport:
        """Write tidy tables (``organ`` ``"sc"``, ``"ga"`` or both) as Parquet or CSV with a
        Frictionless ``datapackage.json`` (see docs/exports.md); returns what was written."""
        from untally.exports import export

        self.ensure_topics()
        self.ensure_ga_topics()
        return export(self.store.con, directory, fmt, organ)

    def export_unvotes(self, directory: str | Path, fmt: str = "csv") -> ExportReport:
        """Write R ``unvotes``' three tables in its exact column layout (docs/exports.md)."""
        from untally.exports import export_unvotes

        self.ensure_ga_topics()
        return export_unvotes(self.store.con, directory, fmt)

    def unvotes(self) -> dict[str, Any]:
        """R ``unvotes``' three tables as Arrow tables (``un_votes``, ``un_roll_calls``,
        ``un_roll_call_issues``), typed as the package documents them."""
        from untally.exports import unvotes_tables

        self.ensure_ga_topics()
        return unvotes_tables(self.store.con)

    # ------------------------------------------------------------------ Assembly topics

    def ensure_ga_topics(self) -> None:
        """Make ``ga_topics`` (vote_id, topic, reason) queryable: the Assembly votes classified
        by ``data/ga_topics.toml`` (about 0.4 s, once per connection)."""
        has = self.store.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN "
            "('ga_topics', 'ga_resolutions')"
        )
        if has == 1:  # the Assembly is loaded, its topics not yet
            from untally.analytics.topics import ga_topics_table

            self.store.con.register("ga_topics", ga_topics_table(self.store.con))

    def ga_topics(self, symbol: str | None = None) -> Rows[GATopic]:
        """The topics of every recorded Assembly vote (or of ``symbol``'s), each with the rule
        or cited override that assigned it: Voeten's six issue codes (me, nu, di, co, hr, ec)
        by the rules of ``data/ga_topics.toml`` (docs/topics.md: agreement with Voeten)."""
        self.ensure_ga_topics()
        ids = [v.vote_id for v in self.assembly_vote(symbol)] if symbol else None
        rows = self.store.dicts(
            """
            SELECT t.vote_id, r.resolution, r.date, t.topic, t.reason
            FROM ga_topics t JOIN ga_resolutions r USING (vote_id)
            WHERE $ids IS NULL OR list_contains($ids, t.vote_id)
            ORDER BY r.date, t.vote_id, t.topic
            """,
            {"ids": ids},
        )
        return Rows([GATopic(**r) for r in rows], GATopic)
