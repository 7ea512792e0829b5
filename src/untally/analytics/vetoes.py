"""Veto counts under named conventions, lone vs joint vetoes, and when a count held.

Press figures on vetoes disagree because they count different units. Every function here takes
a :class:`Convention` and returns values that carry it, with the cut-off date and the evidence
(the drafts counted), so the CLI, the API and the claim checker print the same thing.

Conventions (see docs/conventions.md):

* ``drafts``: one vetoed draft, however many permanent members voted no (the Library's list).
* ``member-votes``: one permanent member's negative vote on a vetoed draft; a joint veto by
  China and Russia counts two.
* ``paragraph-votes``: drafts, plus vetoes cast in separate votes on paragraphs or amendments
  (decisions of kind ``part`` or ``amendment`` recorded as vetoed).
* ``drafts-and-amendments``: drafts, plus amendments defeated by a permanent member's negative
  vote, one each (the UN's own yearly summaries: "vetoes on five draft resolutions and one
  amendment" in 2023).

Every convention but the last two leaves amendments out; a filter selects them only when
``amendments`` is true (set by :func:`count_vetoes` and :func:`held` for those conventions).
"""

from __future__ import annotations

import datetime
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

import duckdb
from pydantic import BaseModel, field_validator

from untally.errors import BeyondRecord, UntallyError
from untally.members import lineage, resolve

if TYPE_CHECKING:
    import pyarrow as pa


class Convention(StrEnum):
    drafts = "drafts"
    member_votes = "member-votes"
    paragraph_votes = "paragraph-votes"
    drafts_and_amendments = "drafts-and-amendments"


# Conventions that count a permanent member's negative vote on an amendment.
WITH_AMENDMENTS = (Convention.paragraph_votes, Convention.drafts_and_amendments)


class VetoFilter(BaseModel, frozen=True):
    """Which vetoes: every filter is optional and part of every answer's description."""

    member: str | None = None  # a member code (resolve names before)
    seat: bool = False  # join the seat's holders (SUN + RUS)
    topics: tuple[str, ...] | None = None  # topic ids (a group already expanded)
    topic_label: str | None = None  # what the user asked for, e.g. "israel-related"
    since: date | None = None
    until: date | None = None
    lone: bool | None = None  # True: lone vetoes only; False: joint only
    amendments: bool = False  # also negative votes on amendments (kind 'amendment')

    @field_validator("member")
    @classmethod
    def _a_code(cls, value: str | None) -> str | None:
        """A name here would match nothing: say so instead of returning an empty answer."""
        if value is None:
            return None
        code = resolve(value).code  # an unknown name raises UnknownMember
        if code != value:
            raise UntallyError(
                f"VetoFilter takes a member code, not {value!r}",
                f"use {code!r}, or Record().vetoes({value!r}), which resolves names",
            )
        return value

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        """Topic ids, with groups expanded; an unknown name raises (never an empty answer)."""
        if value is None:
            return None
        from untally.analytics.topics import expand

        if isinstance(value, str):
            value = (value,)
        return tuple(sorted({t for name in value for t in expand(name)}))

    def codes(self) -> list[str] | None:
        if self.member is None:
            return None
        return list(lineage(self.member)) if self.seat else [self.member]

    def describe(self) -> str:
        parts = [self.member or "all permanent members"]
        if self.seat and self.member:
            parts[0] += " (seat: " + "+".join(lineage(self.member)) + ")"
        if self.topic_label:
            parts.append(f"topic {self.topic_label}")
        if self.lone is not None:
            parts.append("lone vetoes" if self.lone else "joint vetoes")
        parts.append(f"{self.since or 'start of record'} to {self.until or 'end of record'}")
        return ", ".join(parts)


class Count(BaseModel, frozen=True):
    """A count that cannot lose its convention, cut-off or evidence."""

    value: int
    convention: Convention
    filter: str
    cutoff: date | None  # the last date the count covers (the record's end if not given)
    record_ends: date | None  # the last veto in the loaded veto list
    drafts: list[str]  # the evidence: every draft counted (repeated for member-votes)


class Period(BaseModel, frozen=True):
    """A span of dates over which a count had one value."""

    value: int
    held_from: date  # the date of the veto that brought the count to ``value``
    held_until: date | None  # the day before the next veto; None: still at the record's end
    record_ends: date | None
    made_by: str  # the draft that brought the count to the value
    ended_on: date | None = None  # the date of the veto that moved the count on
    ended_by: str | None = None  # that veto's draft


def member_filter(name: str | None) -> str | None:
    return resolve(name).code if name else None


def where_clause(f: VetoFilter) -> tuple[str, dict]:
    """SQL predicate over ``vetoes v`` / ``decisions d`` for a filter, with its parameters."""
    clauses = ["TRUE" if f.amendments else "d.kind <> 'amendment'"]
    params: dict = {}
    if (codes := f.codes()) is not None:
        clauses.append("list_has_any(v.vetoed_by, $codes)")
        params["codes"] = codes
    if f.topics is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM decision_topics t WHERE t.decision_id = v.decision_id "
            "AND list_contains($topics, t.topic))"
        )
        params["topics"] = list(f.topics)
    if f.since:
        clauses.append("v.date >= $since")
        params["since"] = f.since
    if f.until:
        clauses.append("v.date <= $until")
        params["until"] = f.until
    if f.lone is True:  # the vetoing member cast the only negative vote
        clauses.append(f"({LONE})")
    elif f.lone is False:  # others voted no too (tally known, or a joint veto)
        clauses.append(f"({NOT_LONE})")
    return " AND ".join(clauses), params


LONE = "d.no = 1 AND len(v.vetoed_by) = 1"
NOT_LONE = "len(v.vetoed_by) > 1 OR d.no > 1"

VETO_ROWS = """
    SELECT v.veto_id, v.date, v.draft, v.decision_id, v.vetoed_by, d.kind, d.yes, d.no, d.abstain,
           CASE WHEN d.no IS NULL THEN NULL ELSE d.no = 1 AND len(v.vetoed_by) = 1 END AS lone
    FROM vetoes v JOIN decisions d USING (decision_id)
    WHERE {where}
    ORDER BY v.date, v.veto_id
"""


def veto_rows(con: duckdb.DuckDBPyConnection, f: VetoFilter) -> list[dict]:
    """The vetoed drafts a filter selects, one row each, in date order (plain rows: a count
    needs no Arrow)."""
    check_within_list(con, f)
    where, params = where_clause(f)
    cursor = con.execute(VETO_ROWS.format(where=where), params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def record_end(con: duckdb.DuckDBPyConnection) -> date | None:
    return con.execute("SELECT max(date) FROM vetoes").fetchall()[0][0]


def check_within_list(con: duckdb.DuckDBPyConnection, f: VetoFilter) -> None:
    """Refuse a question that starts after the loaded veto list ends, instead of answering
    "none" from older data."""
    end = record_end(con)
    if f.since and end and f.since > end:
        raise BeyondRecord(
            f"the loaded veto list ends {end}; nothing loaded covers {f.since} or later",
            f"ask about a period that starts by {end}, or sync a newer record (untally sync)",
        )


def count_vetoes(
    con: duckdb.DuckDBPyConnection, f: VetoFilter, convention: Convention = Convention.drafts
) -> Count:
    """How many vetoes a filter selects, counted under ``convention``."""
    rows = veto_rows(con, for_convention(f, convention))
    codes = set(f.codes() or [])
    drafts: list[str] = []
    for r in rows:
        drafts.extend([r["draft"]] * units(r, convention, codes))
    return Count(
        value=len(drafts),
        convention=convention,
        filter=f.describe(),
        cutoff=f.until,
        record_ends=record_end(con),
        drafts=drafts,
    )


def held(
    con: duckdb.DuckDBPyConnection,
    f: VetoFilter,
    value: int,
    convention: Convention = Convention.drafts,
) -> list[Period]:
    """The periods in which the count equalled ``value`` (empty if it never did).

    A claim with no date ("vetoed 82 times") is true for a span of time: from the veto that
    brought the count to 82 until the day before the next one.
    """
    since_free = for_convention(f, convention).model_copy(update={"until": None})
    rows = veto_rows(con, since_free)
    codes = set(f.codes() or [])
    end = record_end(con)
    steps: list[tuple[date, int, str]] = []  # (date, count after this veto, draft)
    total = 0
    for r in rows:
        n = units(r, convention, codes)
        if n == 0:
            continue
        total += n
        if steps and steps[-1][0] == r["date"]:
            steps[-1] = (r["date"], total, steps[-1][2] + ", " + r["draft"])
        else:
            steps.append((r["date"], total, r["draft"]))
    periods = []
    for i, (when, count, draft) in enumerate(steps):
        if count != value:
            continue
        following = steps[i + 1] if i + 1 < len(steps) else None
        periods.append(
            Period(
                value=value,
                held_from=when,
                held_until=following[0] - timedelta(days=1) if following else None,
                record_ends=end,
                made_by=draft,
                ended_on=following[0] if following else None,
                ended_by=following[2] if following else None,
            )
        )
    return periods


def for_convention(f: VetoFilter, convention: Convention) -> VetoFilter:
    """The filter with amendments selected when the convention counts them."""
    return f.model_copy(update={"amendments": convention in WITH_AMENDMENTS})


def units(row: dict, convention: Convention, codes: set[str]) -> int:
    """How many units one veto row counts for under ``convention``."""
    if convention is Convention.member_votes:
        if row["kind"] != "draft" and row["kind"] != "part":
            return 0
        return len([c for c in row["vetoed_by"] if not codes or c in codes])
    if row["kind"] == "part":
        return int(convention is Convention.paragraph_votes)
    if row["kind"] == "amendment":
        return int(convention in WITH_AMENDMENTS)
    return 1


def veto_stats(
    con: duckdb.DuckDBPyConnection,
    by: str,
    f: VetoFilter | None = None,
) -> pa.Table:
    """Vetoes grouped by member, year, decade or topic, under every convention at once.

    Columns: key, drafts, member_votes, paragraph_votes, drafts_and_amendments, lone (the
    only negative vote), joint (another permanent member also vetoed), with_others (more
    negative votes than vetoing members), tally_unknown (no tally in the sources, so
    lone/joint undecidable unless it was a joint veto). lone, joint, with_others and
    tally_unknown describe drafts and parts, not amendments.
    """
    f = (f or VetoFilter()).model_copy(update={"amendments": True})
    check_within_list(con, f)
    where, params = where_clause(f)
    keys = {
        "member": "unnest(v.vetoed_by)",
        "year": "year(v.date)::VARCHAR",
        "decade": "(year(v.date) // 10 * 10)::VARCHAR || 's'",
        "topic": "t.topic",
    }
    if by not in keys:
        raise UntallyError(f"cannot group vetoes by {by!r}", f"use one of {', '.join(keys)}")
    topic_join = "JOIN decision_topics t ON t.decision_id = v.decision_id" if by == "topic" else ""
    member_key = by == "member"
    query = f"""
        WITH base AS (
            SELECT {keys[by]} AS key, v.draft, v.vetoed_by, d.kind, d.no
            FROM vetoes v JOIN decisions d USING (decision_id) {topic_join}
            WHERE {where}
        )
        SELECT key,
               count(*) FILTER (kind = 'draft') AS drafts,
               coalesce(sum({"1" if member_key else "len(vetoed_by)"})
                        FILTER (kind <> 'amendment'), 0) AS member_votes,
               count(*) AS paragraph_votes,
               count(*) FILTER (kind <> 'part') AS drafts_and_amendments,
               count(*) FILTER (kind <> 'amendment' AND no = 1 AND len(vetoed_by) = 1) AS lone,
               count(*) FILTER (kind <> 'amendment' AND len(vetoed_by) > 1) AS joint,
               count(*) FILTER (kind <> 'amendment' AND no > len(vetoed_by)) AS with_others,
               count(*) FILTER (kind <> 'amendment' AND no IS NULL AND len(vetoed_by) = 1)
                   AS tally_unknown
        FROM base
        {"WHERE list_contains($codes, key)" if member_key and f.member else ""}
        GROUP BY key ORDER BY {"key" if by in ("year", "decade") else "drafts DESC, key"}
    """
    return con.sql(query, params=params).to_arrow_table()


# The General Assembly's "veto initiative": A/RES/76/262, adopted 26 April 2022.
VETO_INITIATIVE = date(2022, 4, 26)
VETO_INITIATIVE_DAYS = 10


class GADebate(BaseModel, frozen=True):
    """A veto cast since A/RES/76/262 and what the record says of the Assembly's debate."""

    date: date
    draft: str
    kind: str = "draft"  # draft | amendment (a negative vote on an amendment, as the UN counts)
    vetoed_by: list[str]
    deadline: datetime.date  # 10 working days later (Monday to Friday; UN holidays not known here)
    debate: str | None  # the GA meeting record, when the loaded sources have it
    status: str  # 'held' | NO_DEBATE_SOURCE


NO_DEBATE_SOURCE = "no loaded source records the debate"


def ga_debates(con: duckdb.DuckDBPyConnection) -> list[GADebate]:
    """Each veto since A/RES/76/262 with the deadline for the Assembly's debate.

    The debates are meetings, not recorded votes, so they are in none of the voting files; a
    debate is reported only where a loaded source names its meeting record.
    """
    import numpy as np

    rows = con.execute(
        "SELECT v.date, v.draft, v.vetoed_by, d.kind FROM vetoes v JOIN decisions d "
        "USING (decision_id) WHERE v.date >= ? ORDER BY v.date, v.veto_id",
        [VETO_INITIATIVE],
    ).fetchall()
    out = []
    for when, draft, vetoed_by, kind in rows:
        deadline = np.busday_offset(np.datetime64(when), VETO_INITIATIVE_DAYS, roll="forward")
        out.append(
            GADebate(
                date=when,
                draft=draft,
                kind=kind,
                vetoed_by=list(vetoed_by),
                deadline=deadline.astype(date),
                debate=None,
                status=NO_DEBATE_SOURCE,
            )
        )
    return out
