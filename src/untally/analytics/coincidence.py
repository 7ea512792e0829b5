"""How often two states voted the same way in the General Assembly, under named conventions.

Published agreement figures disagree mostly because they count different things, so every
figure here carries the convention that produced it (:class:`Coincidence`), and the CLI, the
API and any claim check print the same value for the same question.

Conventions (see docs/general-assembly.md; a vote is Y, N, A (abstain) or X (non-voting,
"absent"); a state with no row on a vote was not a member then and is never counted):

``state-dept``
    The State Department's *Voting Practices in the United Nations* before 2017:
    same / (same + opposite), counting only votes where both voted yes or no.
``state-dept-2017``
    Its 2017–2020 reports: both yes, both no or both abstaining = 1, one abstaining
    ("partial") = ½, opposite = 0; absences excluded.
``state-dept-2021``
    Its reports from 2021: as 2017, and a vote where either was absent scores ½ and stays in
    the denominator (a state absent all year scores 50%).
``state-dept-report``
    The method of the report for each vote's calendar year (:mod:`untally.analytics.statedept`):
    the universe, scoring and rounding each report printed, one era per method.
``all-votes``
    Abstention is a third position: share of votes where both voted Y, N or A and chose the
    same one; absences excluded.
``agreement-index``
    The agreement score used with Voeten's data: Y = 1, A = 2, N = 3 and
    1 − |v1 − v2| / 2, so same = 1, one abstains = ½, opposite = 0; absences excluded.
    On the same votes it equals ``state-dept-2017``; the two are kept apart because the
    published series count different universes of votes.

How it is computed: the votes in scope are one int8 matrix (votes × members) read from DuckDB
in a single query. For each convention a 4×4 table gives the points and whether a pair of
votes counts; with one indicator matrix per vote value, the points and counts of every pair
of states in every period are two matrix products per period (BLAS), with no loop over votes
or pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import combinations

import duckdb
import numpy as np
import pyarrow as pa

from untally.analytics import statedept as sd
from untally.errors import NotFound, UntallyError
from untally.members import lineage, resolve
from untally.store.ga import GASpan, check_within_record, file_notes, ga_spans, source_note
from untally.store.ga_separate import SEPARATE_SOURCE, has_separate

VALUES = ("Y", "N", "A", "X")  # vote codes 1..4 in a VoteMatrix; 0 = no row (not a member)


class Convention(StrEnum):
    state_dept = "state-dept"
    state_dept_2017 = "state-dept-2017"
    state_dept_2021 = "state-dept-2021"
    state_dept_report = "state-dept-report"
    all_votes = "all-votes"
    agreement_index = "agreement-index"


DESCRIPTIONS = {
    Convention.state_dept: "State Department before 2017: same / (same + opposite); "
    "only votes where both voted yes or no",
    Convention.state_dept_2017: "State Department 2017–2020: same (incl. both abstaining) 1, "
    "one abstaining ½, opposite 0; absences excluded",
    Convention.state_dept_2021: "State Department from 2021: as 2017, and an absence by "
    "either scores ½ and is counted",
    Convention.state_dept_report: "State Department, the method of the report for each "
    "calendar year (before 2017, 2017–2019, 2020, from 2021)",
    Convention.all_votes: "same position (yes, no or abstain) / votes where both voted; "
    "absences excluded",
    Convention.agreement_index: "Voeten agreement index: 1 − |v1 − v2| / 2 with Y=1, A=2, N=3; "
    "absences excluded",
}


def _tables(convention: Convention, era: sd.Era | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(points, counted): 4×4 over (a's vote, b's vote) in the order Y, N, A, X; for
    ``state-dept-report``, those of the report ``era``."""
    half = 0.5
    if convention is Convention.state_dept_report:
        if era is None:
            raise ValueError("state-dept-report scores each vote by its year's era")
        points, counted = _tables(Convention(era.scoring))
        if era.absent_on_abstention_is_partial:  # one abstains, the other is absent: ½
            points[2, 3] = points[3, 2] = half
            counted[2, 3] = counted[3, 2] = 1
        return points, counted
    if convention is Convention.state_dept:
        points = np.diag([1.0, 1.0, 0.0, 0.0])
        counted = np.zeros((4, 4))
        counted[:2, :2] = 1
    elif convention is Convention.all_votes:
        points = np.diag([1.0, 1.0, 1.0, 0.0])
        counted = np.zeros((4, 4))
        counted[:3, :3] = 1
    else:  # agreement-index and the State Department's 2017 and 2021 methods
        points = np.array(
            [[1, 0, half, 0], [0, 1, half, 0], [half, half, 1, 0], [0, 0, 0, 0]], dtype=float
        )
        counted = np.zeros((4, 4))
        counted[:3, :3] = 1
        if convention is Convention.state_dept_2021:
            points[3, :] = points[:, 3] = half
            counted[:, :] = 1
    return points, counted


def convention_of(name: str | Convention) -> Convention:
    try:
        return Convention(name)
    except ValueError:
        raise UntallyError(
            f"unknown convention {name!r}",
            f"choose one of {', '.join(c.value for c in Convention)}",
        ) from None


# --------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class VoteFilter:
    """Which recorded votes count: each bound is optional and part of every answer's period.

    A vote whose source date is only a year is inside ``since``/``until`` when its year is.
    ``topic`` is a case-insensitive substring of the title, agenda item or subjects.
    """

    since: date | None = None
    until: date | None = None
    sessions: tuple[int, int] | None = None  # regular session numbers, inclusive
    topic: str | None = None

    def where(self) -> tuple[str, list[object]]:
        clauses, params = ["TRUE"], []
        if self.since is not None:
            clauses.append("(date >= ? OR (date IS NULL AND year >= ?))")
            params += [self.since, self.since.year]
        if self.until is not None:
            clauses.append("(date <= ? OR (date IS NULL AND year <= ?))")
            params += [self.until, self.until.year]
        if self.sessions is not None:
            clauses.append("session_no BETWEEN ? AND ?")
            params += list(self.sessions)
        if self.topic:
            clauses.append("contains(lower(concat_ws(' ', title, agenda, subjects)), lower(?))")
            params.append(self.topic)  # a plain substring: % and _ are not wildcards
        return " AND ".join(clauses), params

    def separate_where(self, until_year: int) -> tuple[str, list[object]] | None:
        """The same bounds over ``ga_separate_votes`` (paragraph and amendment votes) of the
        years up to ``until_year``; None with a topic: separate votes carry no title to match."""
        if self.topic:
            return None
        clauses: list[str] = ["year <= ?"]
        params: list[object] = [until_year]
        if self.since is not None:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.sessions is not None:
            clauses.append("session BETWEEN ? AND ?")
            params += list(self.sessions)
        return " AND ".join(clauses), params

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or 'start'} to {self.until or 'end'}")
        if self.sessions:
            lo, hi = self.sessions
            parts.append(f"session {lo}" if lo == hi else f"sessions {lo}–{hi}")
        if self.topic:
            parts.append(f"topic ~ {self.topic!r}")
        return ", ".join(parts) or "all recorded votes"


def columns(con: duckdb.DuckDBPyConnection, query: str, params: list) -> dict[str, np.ndarray]:
    """A query's columns as NumPy arrays, masked where NULL (duckdb's types also allow pandas
    Categoricals, which only ENUM columns become; these queries select none)."""
    result = con.execute(query, params).fetchnumpy()
    return {name: np.asanyarray(a) for name, a in result.items()}


@dataclass(frozen=True)
class VoteMatrix:
    """Every member's vote on every vote in scope: ``codes[v, m]`` is 0 (no row: not a member
    then), or 1..4 for Y, N, A, X. Votes are sorted by date, then record id."""

    members: tuple[str, ...]
    vote_ids: np.ndarray
    years: np.ndarray
    sessions: np.ndarray
    codes: np.ndarray
    sources: np.ndarray | None = None  # per vote, the file it came from (store.ga.GA_TABLES)

    def note(self, rows: np.ndarray | slice = slice(None)) -> str | None:
        """The notes of the sources the votes ``rows`` rest on, with their years, or None."""
        if self.sources is None:
            return None
        notes = file_notes()
        sources, years = self.sources[rows], self.years[rows]
        parts = [
            source_note(notes[src], int(years[sources == src].min()),
                        int(years[sources == src].max()))
            for src in dict.fromkeys(sources.tolist())
            if src in notes
        ]  # fmt: skip
        return "; ".join(parts) or None

    def column(self, code: str) -> np.ndarray:
        try:
            return self.codes[:, self.members.index(code)]
        except ValueError:
            raise NotFound(
                f"{code} has no General Assembly vote in the selected period",
                "check the member and the dates",
            ) from None


def member_code(text: str) -> str:
    """A code or name as a members code (names resolve to today's code: use codes for SUN)."""
    return resolve(text).code


def load_matrix(
    con: duckdb.DuckDBPyConnection,
    where: VoteFilter = VoteFilter(),
    *,
    seat: tuple[str, ...] = (),
    separate_until: int | None = None,
) -> VoteMatrix:
    """One query, then NumPy: the vote matrix of the votes ``where`` selects.

    ``seat`` lists codes whose column also takes the votes of the seat's other holders
    (RUS takes SUN's, SRB takes SCG's and YUG's, SUN takes RUS's), on votes where the code
    itself has no row; nearer holders come first.

    ``separate_until`` adds the separate votes (on a paragraph or an amendment,
    ``ga_separate_votes``) of the years up to it, for the conventions that count them; their
    ids are the negative roll-call ids, their source ``unvotes.roll_calls``.
    """
    check_within_record(con, where.since)
    clause, params = where.where()
    final = f"""
        SELECT vote_id, year, session_no, source, coalesce(date, make_date(year, 7, 1)) AS day
        FROM ga_resolutions WHERE {clause}
    """
    votes_of = "SELECT vote_id, member, vote FROM ga_votes"
    separate = None
    if separate_until is not None and has_separate(con):
        separate = where.separate_where(separate_until)
    if separate is not None:
        final += f"""
        UNION ALL
        SELECT -rcid, year, session, '{SEPARATE_SOURCE}', date
        FROM ga_separate_votes WHERE {separate[0]}
        """
        params = [*params, *separate[1]]
        votes_of += " UNION ALL SELECT -rcid, member, vote FROM ga_separate_member_votes"
    selected = f"""
        SELECT vote_id, year, session_no, source,
               (row_number() OVER (ORDER BY day, vote_id) - 1)::INTEGER AS i
        FROM ({final})
    """
    meta = columns(
        con, f"SELECT vote_id, year, session_no, source FROM ({selected}) ORDER BY i", params
    )
    members = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT member FROM ({votes_of}) SEMI JOIN ({selected}) USING (vote_id) "
            "ORDER BY member",
            params,
        ).fetchall()
    ]
    rows = columns(
        con,
        f"""
        WITH sel AS ({selected}),
             ids AS (SELECT unnest(?::VARCHAR[]) AS member,
                            (generate_subscripts(?::VARCHAR[], 1) - 1)::INTEGER AS j)
        SELECT s.i, d.j,
               CASE v.vote WHEN 'Y' THEN 1 WHEN 'N' THEN 2 WHEN 'A' THEN 3 ELSE 4 END::TINYINT
               AS code
        FROM ({votes_of}) v JOIN sel s USING (vote_id) JOIN ids d USING (member)
        """,
        [*params, members, members],
    )
    codes = np.zeros((len(meta["vote_id"]), len(members)), dtype=np.int8)
    codes[rows["i"], rows["j"]] = rows["code"]
    names = tuple(members)
    for code in seat:
        chain = lineage(code)
        k = chain.index(code) if code in chain else 0
        # the code's own votes first, then the nearest earlier holders, then later ones
        holders = [c for c in (*reversed(chain[:k]), *chain[k + 1 :]) if c in names]
        if not holders:
            continue
        if code not in names:
            names = (*names, code)
            codes = np.concatenate([codes, np.zeros((len(codes), 1), np.int8)], axis=1)
        merged = codes[:, names.index(code)].copy()
        for other in holders:
            merged = np.where(merged == 0, codes[:, names.index(other)], merged)
        codes[:, names.index(code)] = merged
    return VoteMatrix(
        members=names,
        vote_ids=meta["vote_id"],
        years=meta["year"],
        sessions=meta["session_no"],
        codes=codes,
        sources=meta["source"],
    )


def load_report_matrix(
    con: duckdb.DuckDBPyConnection, where: VoteFilter = VoteFilter(), *, seat: tuple[str, ...] = ()
) -> VoteMatrix:
    """The votes ``where`` selects as the State Department's reports count them
    (``state-dept-report``): separate votes included in the years whose reports counted them
    (:func:`untally.analytics.statedept.separate_until`), then :func:`report_matrix`."""
    m = load_matrix(con, where, seat=seat, separate_until=sd.separate_until())
    return report_matrix(con, m)


def report_matrix(con: duckdb.DuckDBPyConnection, m: VoteMatrix) -> VoteMatrix:
    """The votes of ``m`` the State Department's reports count (``state-dept-report``):
    without the votes a report left out, and before 2017 only where the US voted yes or no."""
    left_out = np.isin(m.vote_ids, sd.left_out_ids(con))
    partner = m.codes[:, m.members.index(sd.PARTNER)] if sd.PARTNER in m.members else None
    keep = sd.in_universe(m.years, partner, left_out)
    if keep.all():
        return m
    return VoteMatrix(
        m.members,
        m.vote_ids[keep],
        m.years[keep],
        m.sessions[keep],
        m.codes[keep],
        None if m.sources is None else m.sources[keep],
    )


def _vote_tables(
    conv: Convention, years: np.ndarray
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Per vote, which (points, counted) pair scores it: one pair for a fixed convention, one
    per report era for ``state-dept-report``."""
    if conv is not Convention.state_dept_report:
        return np.zeros(len(years), dtype=np.int64), [_tables(conv)]
    index = np.array([sd.ERAS.index(sd.era_of(int(y))) for y in years], dtype=np.int64)
    return index, [_tables(conv, era) for era in sd.ERAS]


def data_used(
    con: duckdb.DuckDBPyConnection,
    where: VoteFilter = VoteFilter(),
    *,
    separate_until: int | None = None,
) -> list[GASpan]:
    """Per source, the votes ``where`` selects (first and last date, count, note): what every
    answer names as the data it used. Refuses a period that starts after the record ends.
    With ``separate_until``, the separate votes :func:`load_matrix` adds are a span too."""
    check_within_record(con, where.since)
    clause, params = where.where()
    spans = ga_spans(con, clause, params)
    separate = where.separate_where(separate_until) if separate_until is not None else None
    if separate is None or not has_separate(con):
        return spans
    first, last, n = con.execute(
        f"SELECT min(date), max(date), count(*) FROM ga_separate_votes WHERE {separate[0]}",
        separate[1],
    ).fetchall()[0]
    if not n:
        return spans
    note = file_notes().get(SEPARATE_SOURCE)
    return [
        *spans,
        GASpan(SEPARATE_SOURCE, first, last, n, note and source_note(note, first.year, last.year)),
    ]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Coincidence:
    """One agreement figure: ``value`` = ``points`` / ``n_votes`` under ``convention``.

    ``n_votes`` is the denominator (votes the convention counts); ``n_both`` the recorded
    votes on which both were members. ``value`` is None when nothing was counted.
    """

    a: str
    b: str
    period: str
    convention: str
    value: float | None
    points: float
    n_votes: int
    n_both: int
    note: str | None = None  # set when the period's votes rest on a secondary source
    method: str | None = None  # state-dept-report: the report method(s) of the period's years
    printed: str | None = None  # state-dept-report, one year: the figure as the report prints it

    @property
    def percent(self) -> float | None:
        return None if self.value is None else round(100 * self.value, 1)


def report_terms(
    convention: str, years: tuple[int, int] | None, value: float | None
) -> dict[str, str | None]:
    """For ``state-dept-report``: the method of the years ``(first, last)`` and, for one year,
    the value as that year's report prints it; nothing for other conventions."""
    if convention != Convention.state_dept_report.value or years is None:
        return {}
    first, last = years
    return {
        "method": sd.describe(list(range(first, last + 1))),
        "printed": sd.printed(value, first) if first == last else None,
    }


@dataclass(frozen=True)
class CoincidenceMatrix:
    """Every pair of ``members`` in every period: ``points[g, i, j]`` and ``counted[g, i, j]``.

    Symmetric in (i, j); the diagonal is each state with itself.
    """

    convention: str
    members: tuple[str, ...]
    by: str
    periods: tuple[str, ...]
    points: np.ndarray
    counted: np.ndarray
    both: np.ndarray
    scope: str
    notes: tuple[str | None, ...] = ()  # per period, the note of its secondary sources
    years: tuple[tuple[int, int] | None, ...] = ()  # per period, its votes' first and last year

    def values(self) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.counted > 0, self.points / np.maximum(self.counted, 1), np.nan)

    def get(self, a: str, b: str, period: int = 0) -> Coincidence:
        i, j = self.members.index(a), self.members.index(b)
        counted = int(self.counted[period, i, j])
        points = float(self.points[period, i, j])
        return Coincidence(
            a=a,
            b=b,
            period=self.periods[period],
            convention=self.convention,
            value=points / counted if counted else None,
            points=points,
            n_votes=counted,
            n_both=int(self.both[period, i, j]),
            note=self.notes[period] if self.notes else None,
            **report_terms(
                self.convention,
                self.years[period] if self.years else None,
                points / counted if counted else None,
            ),
        )

    def to_arrow(self) -> pa.Table:
        """Long form: one row per unordered pair and period with at least one counted vote."""
        g, i, j = np.nonzero(np.triu(self.counted > 0, k=1))
        members = np.array(self.members, dtype=object)
        return pa.table(
            {
                "period": pa.array(np.array(self.periods, dtype=object)[g], pa.string()),
                "a": pa.array(members[i], pa.string()),
                "b": pa.array(members[j], pa.string()),
                "convention": pa.array([self.convention] * len(g), pa.string()),
                "value": pa.array(self.points[g, i, j] / self.counted[g, i, j]),
                "points": pa.array(self.points[g, i, j].astype(float)),
                "n_votes": pa.array(self.counted[g, i, j].astype(np.int64)),
                "n_both": pa.array(self.both[g, i, j].astype(np.int64)),
            }
        )


def _groups(m: VoteMatrix, by: str | None, label: str) -> tuple[np.ndarray, tuple[str, ...]]:
    if by in (None, "all"):
        return np.zeros(len(m.vote_ids), dtype=np.int64), (label,)
    if by == "year":
        keys = m.years
    elif by == "session":
        keys = m.sessions
    else:
        raise UntallyError(f"unknown grouping {by!r}", "use year, session or all")
    labels, index = np.unique(keys, return_inverse=True)
    return index, tuple(str(int(x)) for x in labels)


def coincidence_matrix(
    m: VoteMatrix,
    convention: str | Convention = Convention.state_dept,
    by: str | None = "year",
    label: str = "all",
) -> CoincidenceMatrix:
    """Points and counts for every pair of members in every period, from a vote matrix
    (``label`` names the single period when ``by`` is None)."""
    conv = convention_of(convention)
    index, periods = _groups(m, by, label)
    n = len(m.members)
    points = np.zeros((len(periods), n, n))
    counted = np.zeros((len(periods), n, n))
    both = np.zeros((len(periods), n, n))
    order = np.argsort(index, kind="stable")
    bounds = np.searchsorted(index[order], np.arange(len(periods) + 1))
    which, table_sets = _vote_tables(conv, m.years)
    tables = [[t.astype(np.float32) for t in pair] for pair in table_sets]
    notes = tuple(m.note(order[bounds[g] : bounds[g + 1]]) for g in range(len(periods)))
    years = tuple(
        (int(m.years[rows].min()), int(m.years[rows].max())) if len(rows) else None
        for rows in (order[bounds[g] : bounds[g + 1]] for g in range(len(periods)))
    )
    for g in range(len(periods)):  # two matrix products per period, none per vote or pair
        rows = order[bounds[g] : bounds[g + 1]]
        codes, era = m.codes[rows], which[rows]
        stack = np.stack([(codes == k + 1).T for k in range(4)]).astype(np.float32)  # (4, M, V)
        flat = stack.transpose(1, 0, 2).reshape(n, -1)  # (M, 4V): [I_Y I_N I_A I_X]
        for out, t in ((points, 0), (counted, 1)):
            # sum over k, l of table[k, l] * I_k @ I_l.T, as one product with inner size 4V;
            # each vote's table is its era's (one table unless the convention is the reports')
            present_eras = np.unique(era)
            if len(present_eras) == 1:
                mixed = np.tensordot(tables[present_eras[0]][t], stack, axes=(1, 0))
            else:
                mixed = np.empty_like(stack)
                for e in present_eras:
                    sel = era == e
                    mixed[:, :, sel] = np.tensordot(tables[e][t], stack[:, :, sel], axes=(1, 0))
            out[g] = flat @ mixed.transpose(1, 0, 2).reshape(n, -1).T
        present = (codes > 0).T.astype(np.float32)
        both[g] = present @ present.T
    return CoincidenceMatrix(
        convention=conv.value,
        members=m.members,
        by=by or "all",
        periods=periods,
        points=points,
        counted=np.rint(counted).astype(np.int64),
        both=np.rint(both).astype(np.int64),
        scope="",
        notes=notes,
        years=years,
    )


# --------------------------------------------------------------------------- questions


def _scope(where: VoteFilter, by: str | None) -> str:
    return where.describe() + (f", by {by}" if by not in (None, "all") else "")


def matrix(
    con: duckdb.DuckDBPyConnection,
    convention: str | Convention = Convention.state_dept,
    *,
    by: str | None = "session",
    where: VoteFilter = VoteFilter(),
    members: list[str] | None = None,
    seat: bool = False,
) -> CoincidenceMatrix:
    """Every pair of states (or of ``members``) in every period: the whole-record matrix."""
    codes = [member_code(x) for x in members] if members else None
    seats = tuple(codes) if seat and codes else ()
    if convention_of(convention) is Convention.state_dept_report:
        m = load_report_matrix(con, where, seat=seats)
    else:
        m = load_matrix(con, where, seat=seats)
    if codes:
        missing = [c for c in codes if c not in m.members]
        if missing:
            raise NotFound(
                f"{', '.join(missing)}: no General Assembly vote in {where.describe()}",
                "check the members and the period",
            )
        keep = [m.members.index(c) for c in codes]
        m = VoteMatrix(tuple(codes), m.vote_ids, m.years, m.sessions, m.codes[:, keep], m.sources)
    result = coincidence_matrix(m, convention, by, label=where.describe())
    return CoincidenceMatrix(**{**result.__dict__, "scope": _scope(where, by)})


def pair(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    convention: str | Convention = Convention.state_dept,
    *,
    by: str | None = "year",
    where: VoteFilter = VoteFilter(),
    seat: bool = False,
) -> list[Coincidence]:
    """Agreement of ``a`` with ``b`` per period (periods where both were members)."""
    return pairs(con, [a, b], convention, by=by, where=where, seat=seat)


def pairs(
    con: duckdb.DuckDBPyConnection,
    members: list[str],
    convention: str | Convention = Convention.state_dept,
    *,
    by: str | None = "year",
    where: VoteFilter = VoteFilter(),
    seat: bool = False,
) -> list[Coincidence]:
    """Every pair of a set of states per period, in period order, then pair order."""
    codes = [member_code(x) for x in members]
    if len(set(codes)) != len(codes) or len(codes) < 2:
        raise UntallyError(
            f"need two or more different states, got {', '.join(codes)}",
            "name each state once",
        )
    mat = matrix(con, convention, by=by, where=where, members=codes, seat=seat)
    out = []
    for g in range(len(mat.periods)):
        for a, b in combinations(codes, 2):
            c = mat.get(a, b, g)
            if c.n_both:
                out.append(c)
    return out


def rank(
    con: duckdb.DuckDBPyConnection,
    member: str,
    convention: str | Convention = Convention.state_dept,
    *,
    where: VoteFilter = VoteFilter(),
    top: int | None = None,
    least: bool = False,
    seat: bool = False,
) -> list[Coincidence]:
    """Every other state ranked by agreement with ``member`` over the whole scope.

    States with no counted vote are left out; ties are broken by more votes counted, then code.
    """
    code = member_code(member)
    conv = convention_of(convention)
    if conv is Convention.state_dept_report:
        m = load_report_matrix(con, where, seat=(code,) if seat else ())
    else:
        m = load_matrix(con, where, seat=(code,) if seat else ())
    col = m.column(code)
    which, table_sets = _vote_tables(conv, m.years)
    # One member against all: index the 5×5 tables (row 0 = no row) of each vote's table set
    # by both vote columns.
    p5 = np.zeros((len(table_sets), 5, 5))
    c5 = np.zeros((len(table_sets), 5, 5))
    for e, (points_table, counted_table) in enumerate(table_sets):
        p5[e, 1:, 1:], c5[e, 1:, 1:] = points_table, counted_table
    points = p5[which[:, None], col[:, None], m.codes].sum(axis=0)
    counted = np.rint(c5[which[:, None], col[:, None], m.codes].sum(axis=0)).astype(np.int64)
    both = ((col[:, None] > 0) & (m.codes > 0)).sum(axis=0)
    skip = set(lineage(code)) if seat else {code}
    period = where.describe()
    note = m.note()
    span = (int(m.years.min()), int(m.years.max())) if len(m.years) else None
    with np.errstate(invalid="ignore", divide="ignore"):
        values = points / np.maximum(counted, 1)
    out = [
        Coincidence(code, other, period, conv.value, float(values[i]), float(points[i]),
                    int(counted[i]), int(both[i]), note,
                    **report_terms(conv.value, span, float(values[i])))
        for i, other in enumerate(m.members)
        if counted[i] and other not in skip
    ]  # fmt: skip
    sign = 1 if least else -1
    # value is never None here (only counted pairs are kept); `or 0.0` says so to the type
    out.sort(key=lambda c: (sign * (c.value or 0.0), -c.n_votes, c.b))
    return out[:top] if top else out
