"""One state: who it is in the record, the vetoes it cast, and its Assembly votes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from untally.answers import Answer
from untally.answers.vetoes import VetoList, VetoQuery

if TYPE_CHECKING:
    from untally.store.db import Store


class YearCount(Answer):
    year: int
    drafts: int


class MemberProfile(Answer):
    """A member with its veto record (the `drafts` convention) and what the record holds."""

    code: str
    name: str
    kind: str  # state | historical
    valid_from: date | None
    valid_until: date | None
    successor: str | None
    aliases: list[str]
    permanent: bool  # ever held a permanent seat
    vetoes: VetoList | None  # None: never a permanent member
    vetoes_by_year: list[YearCount]
    assembly_votes: int  # recorded Assembly votes it took part in


class MemberAnswers:
    """Member questions (a mixin of :class:`untally.record.Record`)."""

    store: Store

    def veto_list(self, q: VetoQuery) -> VetoList:  # defined in VetoAnswers
        raise NotImplementedError

    def member(self, name: str) -> MemberProfile:
        """A member by code or name (``USA``, ``Soviet Union``), with its vetoes."""
        from untally.members import resolve

        m = resolve(name)
        permanent = bool(
            self.store.scalar("SELECT count(*) FROM members WHERE code = ? AND permanent", [m.code])
        )
        vetoes = self.veto_list(VetoQuery(member=m.code)) if permanent else None
        by_year: dict[int, int] = {}
        for v in vetoes.vetoes if vetoes else []:
            by_year[v.date.year] = by_year.get(v.date.year, 0) + 1
        has_ga = self.store.scalar(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_votes'"
        )
        ga = (
            self.store.scalar("SELECT count(*) FROM ga_votes WHERE member = ?", [m.code])
            if has_ga
            else 0
        )
        return MemberProfile(
            code=m.code, name=m.name, kind=m.kind, valid_from=m.valid_from,
            valid_until=m.valid_until, successor=m.successor, aliases=list(m.aliases),
            permanent=permanent, vetoes=vetoes,
            vetoes_by_year=[YearCount(year=y, drafts=n) for y, n in sorted(by_year.items())],
            assembly_votes=ga,
        )  # fmt: skip
