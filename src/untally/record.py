"""The Python API: the record as typed answers.

``Record`` is the library the CLI (and later the HTTP API) are thin layers over: every method
returns Pydantic models that carry their evidence (symbols, dates, tallies, links), so every
interface prints the same facts.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from untally.answers import Answer
from untally.answers.assembly import AssemblyAnswers
from untally.answers.check import CheckAnswers
from untally.answers.council import CouncilAnswers
from untally.answers.members import MemberAnswers
from untally.answers.vetoes import Veto, VetoAnswers
from untally.errors import NotFound, UntallyError
from untally.store.db import Store

if TYPE_CHECKING:
    from untally.reproduce import Reproduction

__all__ = ["Decision", "Info", "Record", "Veto"]


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


LOCKED_SETTINGS = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

MAX_SYMBOL_CHARS = 100  # the longest symbol in the record is under 40 characters

RESOLUTION = re.compile(r"^S/RES/(\d+)\s*(?:\((\d{4})\))?$", re.I)


def normalize_query_symbol(text: str) -> str:
    text = re.sub(r"\s+", "", text.strip()).upper()
    return text


class Record(VetoAnswers, CouncilAnswers, AssemblyAnswers, MemberAnswers, CheckAnswers):
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

        notes = {(s.name, f.key): f.note for s in SOURCES for f in s.files}
        has_ga = self.store.one(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_resolutions'"
        )[0]
        ga = "UNION ALL SELECT source, date FROM ga_resolutions" if has_ga else ""
        rows = self.store.rows(
            f"""
            WITH dated AS (
                SELECT unnest(sources) AS tag, date FROM decisions
                {ga}
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
                note=source_note(notes[src, file], first and first.year, last and last.year)
                if notes.get((src, file))
                else None,
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
            t: self.store.one(f"SELECT count(*) FROM {t}")[0]
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
        found = self.store.dicts(
            """
            SELECT d.*, v.vetoed_by FROM decisions d LEFT JOIN vetoes v USING (decision_id)
            WHERE decision_id = ?
            """,
            [decision_id],
        )
        if not found:
            raise NotFound(f"no decision {decision_id!r}", "use `untally show SYMBOL`")
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
        exists = self.store.one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'decision_topics'"
        )[0]
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
        since: date | None = None,
        until: date | None = None,
        *,
        seat: bool = False,
        topics: tuple[str, ...] | None = None,
        lone: bool | None = None,
    ) -> list[Veto]:
        """Vetoed drafts (the Library's list), optionally by member, topic, dates, lone/joint.

        ``seat=True`` joins a permanent seat's holders (USSR and Russian Federation).
        """
        from untally.analytics.vetoes import VetoFilter
        from untally.members import resolve

        code = resolve(member).code if member else None
        f = VetoFilter(member=code, seat=seat, topics=topics, since=since, until=until, lone=lone)
        return self._veto_rows(f)
