"""Vetoes: the list, counts under named conventions, when a count held, statistics, and the
General Assembly's veto initiative."""

from __future__ import annotations

import datetime
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field, ValidationInfo, field_validator

from untally.answers import Answer
from untally.errors import UntallyError

if TYPE_CHECKING:
    from untally.store.db import Store

CONVENTIONS = ("drafts", "member-votes", "paragraph-votes", "drafts-and-amendments")
STATS_BY = ("member", "year", "decade", "topic")


class VetoQuery(Answer, frozen=True):
    """Which vetoes, as a user asks: names, topic groups and dates are resolved by the record.

    ``lone``: True for lone vetoes only, False for joint ones, None for both.
    """

    member: str | None = None
    topic: str | None = None
    since: date | None = None
    until: date | None = None
    seat: bool = False
    lone: bool | None = None

    @field_validator("member", "topic")
    @classmethod
    def _not_empty(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not value.strip():
            raise UntallyError(
                f"the {info.field_name} is empty",
                f"leave --{info.field_name} out for all, or name one",
            )
        return value


class Veto(Answer):
    """One vetoed draft (the `drafts` counting unit) with its tally and who else voted no."""

    convention: str = "drafts"
    cutoff: date | None  # the --until date, else the last date of the loaded veto list
    date: date
    draft: str
    vetoed_by: list[str]
    yes: int | None
    no: int | None
    abstain: int | None
    also_no: list[str]
    abstained: list[str] | None  # None: member votes not in the sources
    lone: bool | None
    meeting: str | None
    title: str | None
    topic: str | None
    decision_id: str
    url: str | None
    tally_source: str | None
    verification: str | None = None  # what rests on secondary sources (None: nothing flagged)


class VetoList(Answer):
    """The vetoed drafts a query selects, under the `drafts` convention."""

    convention: str = "drafts"
    filter: str  # the query in words, e.g. "USA, 2020-01-01 to end of record"
    cutoff: date | None  # the until date, else the end of the loaded veto list
    record_ends: date | None  # the last veto in the loaded veto list
    vetoes: list[Veto]


class VetoCount(Answer, frozen=True):
    """A count that cannot lose its convention, cut-off or evidence."""

    value: int
    convention: str
    filter: str
    cutoff: date | None  # the last date the count covers (the record's end if not given)
    record_ends: date | None  # the last veto in the loaded veto list
    drafts: list[str]  # the evidence: every draft counted (repeated for member-votes)


class HeldPeriod(Answer, frozen=True):
    """A span of dates over which a count had one value."""

    value: int
    held_from: date  # the date of the veto that brought the count to ``value``
    held_until: date | None  # the day before the next veto; None: still at the record's end
    record_ends: date | None
    made_by: str  # the draft that brought the count to the value
    ended_on: date | None = None  # the date of the veto that moved the count on
    ended_by: str | None = None  # that veto's draft


class Held(Answer):
    """When did the count equal ``value``? (empty ``periods``: never)."""

    value: int
    convention: str
    filter: str
    periods: list[HeldPeriod]


class VetoStats(Answer):
    """Vetoes grouped by member, year, decade or topic, under every convention at once."""

    by: str
    filter: str
    cutoff: date | None
    conventions: list[str] = Field(default_factory=lambda: list(CONVENTIONS))
    columns: list[str]
    rows: list[dict[str, Any]]


class GADebate(Answer, frozen=True):
    """A veto cast since A/RES/76/262 and what the record says of the Assembly's debate."""

    date: date
    draft: str
    kind: str = "draft"
    vetoed_by: list[str]
    deadline: datetime.date  # 10 working days later (Monday to Friday; UN holidays not known here)
    debate: str | None  # the GA meeting record, when the loaded sources have it
    status: str


class VetoAnswers:
    """Veto questions (a mixin of :class:`untally.record.Record`)."""

    store: Store

    def ensure_topics(self) -> None:  # defined on Record
        raise NotImplementedError

    def _veto_filter(self, q: VetoQuery) -> Any:
        from untally.analytics.vetoes import VetoFilter
        from untally.members import resolve

        topics = None
        if q.topic:
            from untally.analytics.topics import expand

            topics = tuple(sorted(expand(q.topic)))
        if q.since and q.until and q.since > q.until:
            raise UntallyError(
                f"the period starts ({q.since}) after it ends ({q.until})", "swap the dates"
            )
        return VetoFilter(
            member=resolve(q.member).code if q.member else None,
            seat=q.seat,
            topics=topics,
            topic_label=q.topic,
            since=q.since,
            until=q.until,
            lone=q.lone,
        )

    @staticmethod
    def _convention(name: str) -> Any:
        from untally.analytics.vetoes import Convention

        try:
            return Convention(name)
        except ValueError:
            raise UntallyError(
                f"unknown convention {name!r}", f"use one of {', '.join(CONVENTIONS)}"
            ) from None

    def veto_filter_description(self, q: VetoQuery) -> str:
        """The query in words, as every answer about it names it."""
        return self._veto_filter(q).describe()

    def veto_list(self, q: VetoQuery = VetoQuery()) -> VetoList:  # noqa: B008 - frozen
        """The vetoed drafts ``q`` selects, in date order, with tallies and who else voted no.

        Example: ``record.veto_list(VetoQuery(member="USA", since=date(2020, 1, 1)))``
        """
        f = self._veto_filter(q)
        end = self.store.scalar("SELECT max(date) FROM vetoes")
        return VetoList(
            filter=f.describe(),
            cutoff=q.until or end,
            record_ends=end,
            vetoes=self._veto_rows(f),
        )

    def _veto_rows(self, f: Any) -> list[Veto]:
        """The rows of a resolved filter (an ``analytics.vetoes.VetoFilter``)."""
        from untally.analytics.vetoes import check_within_list, where_clause

        if f.topics is not None:
            self.ensure_topics()
        check_within_list(self.store.con, f)
        where, params = where_clause(f)
        codes = f.codes()
        end = self.store.scalar("SELECT max(date) FROM vetoes")
        rows = self.store.rows(
            f"""
            SELECT v.date, v.draft, v.vetoed_by, d.yes, d.no, d.abstain,
                   list_sort(list_distinct(list_concat(
                       coalesce((SELECT list(member) FROM votes x
                                 WHERE x.decision_id = v.decision_id AND x.vote = 'N'), []),
                       v.vetoed_by))) AS noes,
                   v.meeting, coalesce(d.title, v.agenda), v.topic, v.decision_id, d.url,
                   v.tally_source,
                   (SELECT list(member ORDER BY member) FILTER (vote = 'A') FROM votes x
                    WHERE x.decision_id = v.decision_id) AS abstained,
                   EXISTS (SELECT 1 FROM votes x WHERE x.decision_id = v.decision_id) AS known,
                   d.verification
            FROM vetoes v JOIN decisions d USING (decision_id)
            WHERE {where}
            ORDER BY v.date, v.veto_id
            """,
            params,
        )
        cutoff = f.until or end
        result = []
        for r in rows:
            vetoed_by = list(r[2])
            focus = set(codes or vetoed_by)
            also = [c for c in r[6] if c not in focus]
            # Lone: the only negative vote. Known when the tally says one no.
            lone = None if r[4] is None else (r[4] == 1 and len(vetoed_by) == 1)
            result.append(
                Veto(
                    cutoff=cutoff, abstained=(list(r[13] or []) if r[14] else None),
                    date=r[0], draft=r[1], vetoed_by=vetoed_by, yes=r[3], no=r[4], abstain=r[5],
                    also_no=also, lone=lone, meeting=r[7], title=r[8], topic=r[9],
                    decision_id=r[10], url=r[11], tally_source=r[12], verification=r[15],
                )
            )  # fmt: skip
        return result

    def veto_count(self, q: VetoQuery = VetoQuery(), convention: str = "drafts") -> VetoCount:  # noqa: B008
        """How many vetoes ``q`` selects under ``convention``, with every draft counted."""
        from untally.analytics.vetoes import count_vetoes

        f = self._veto_filter(q)
        conv = self._convention(convention)
        if f.topics is not None:
            self.ensure_topics()
        c = count_vetoes(self.store.con, f, conv)
        return VetoCount(**{**c.model_dump(), "convention": c.convention.value})

    def veto_held(self, q: VetoQuery, value: int, convention: str = "drafts") -> Held:
        """Between which dates the count of ``q`` under ``convention`` equalled ``value``."""
        from untally.analytics.vetoes import held

        f = self._veto_filter(q)
        conv = self._convention(convention)
        if f.topics is not None:
            self.ensure_topics()
        periods = held(self.store.con, f, value, conv)
        return Held(
            value=value,
            convention=conv.value,
            filter=f.describe(),
            periods=[HeldPeriod(**p.model_dump()) for p in periods],
        )

    def veto_stats(self, by: str = "member", q: VetoQuery = VetoQuery()) -> VetoStats:  # noqa: B008
        """Vetoes grouped ``by`` member, year, decade or topic, under every convention."""
        from untally.analytics.vetoes import record_end, veto_stats

        f = self._veto_filter(q)
        self.ensure_topics()
        table = veto_stats(self.store.con, by, f)
        return VetoStats(
            by=by,
            filter=f.describe(),
            cutoff=f.until or record_end(self.store.con),
            columns=table.column_names,
            rows=table.to_pylist(),
        )

    def ga_debates(self) -> list[GADebate]:
        """Each veto since A/RES/76/262 (26 April 2022) and the Assembly debate due after it."""
        from untally.analytics.vetoes import ga_debates

        return [GADebate(**d.model_dump()) for d in ga_debates(self.store.con)]
