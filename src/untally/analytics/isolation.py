"""Votes on which a state stood alone or nearly alone in the General Assembly.

"The US was one of only two states voting no" is a claim about one vote's roll call: the
state's vote, and who else cast the same vote. An isolated vote here is a recorded vote where
the state voted one of ``positions`` (default: no) and at most ``max_with`` other members cast
the same vote. Every row carries the tally and the names of those who joined, so the claim
can be checked against the record it cites.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from untally.analytics.coincidence import VoteFilter, data_used, member_code
from untally.errors import UntallyError
from untally.members import lineage
from untally.store.ga import GASpan

POSITIONS = {"Y": "yes", "N": "no", "A": "abstain"}


@dataclass(frozen=True)
class Isolation:
    """The isolated votes of ``member`` with the definition that selected them.

    ``votes`` has one row per vote: vote_id, resolution, date, year, session, vote (the
    member's), n_with, joined (codes), yes, no, abstain, non_voting, title, url.
    """

    member: str
    max_with: int
    positions: tuple[str, ...]
    scope: str
    votes: pa.Table = field(repr=False)
    n_considered: int = 0  # recorded votes in scope on which the member cast one of positions
    data_used: tuple[GASpan, ...] = ()  # per source: first and last date, votes, note

    @property
    def notes(self) -> list[str]:
        """The phrases the answer must carry (a secondary source in scope), once each."""
        return [s.note for s in self.data_used if s.note]

    @property
    def definition(self) -> str:
        said = " or ".join(POSITIONS[p] for p in self.positions)
        others = "alone" if self.max_with == 0 else f"with at most {self.max_with} other(s)"
        return f"{self.member} voted {said} {others} casting the same vote"


def isolation(
    con: duckdb.DuckDBPyConnection,
    member: str,
    *,
    max_with: int = 3,
    positions: tuple[str, ...] = ("N",),
    where: VoteFilter = VoteFilter(),  # noqa: B008 - frozen, so a safe default
    seat: bool = False,
) -> Isolation:
    """Recorded votes where ``member`` cast one of ``positions`` with at most ``max_with``
    others casting the same vote, oldest first. ``seat`` adds the seat's earlier holders."""
    if max_with < 0:
        raise UntallyError(f"--max-with {max_with} is negative", "use 0 for 'alone'")
    bad = [p for p in positions if p not in POSITIONS]
    if bad or not positions:
        raise UntallyError(
            f"unknown vote position(s) {', '.join(bad) or '(none)'}", "use Y, N or A"
        )
    code = member_code(member)
    codes = list(lineage(code)) if seat else [code]
    spans = tuple(data_used(con, where))
    clause, params = where.where()
    query = f"""
        WITH sel AS (SELECT * FROM ga_resolutions WHERE {clause}),
        mine AS (
            SELECT v.vote_id, v.vote FROM ga_votes v SEMI JOIN sel USING (vote_id)
            WHERE v.member IN (SELECT unnest(?::VARCHAR[])) AND v.vote IN (SELECT unnest(?))
        ),
        joined AS (
            SELECT m.vote_id, m.vote,
                   coalesce(list(o.member ORDER BY o.member)
                            FILTER (WHERE o.member NOT IN (SELECT unnest(?::VARCHAR[]))),
                            []::VARCHAR[]) AS joined
            FROM mine m JOIN ga_votes o ON o.vote_id = m.vote_id AND o.vote = m.vote
            GROUP BY m.vote_id, m.vote
        )
        SELECT s.vote_id, s.resolution, s.date, s.year, s.session, j.vote,
               len(j.joined)::INTEGER AS n_with, j.joined, s.yes, s.no, s.abstain,
               s.non_voting, s.title, s.url
        FROM joined j JOIN sel s USING (vote_id)
        WHERE len(j.joined) <= ?
        ORDER BY coalesce(s.date, make_date(s.year, 7, 1)), s.resolution, s.vote_id
    """
    table = con.sql(
        query, params=[*params, codes, list(positions), codes, max_with]
    ).to_arrow_table()
    considered = con.execute(
        f"""
        SELECT count(DISTINCT vote_id) FROM ga_votes
        WHERE vote_id IN (SELECT vote_id FROM ga_resolutions WHERE {clause})
          AND member IN (SELECT unnest(?::VARCHAR[])) AND vote IN (SELECT unnest(?))
        """,
        [*params, codes, list(positions)],
    ).fetchall()[0][0]
    return Isolation(
        member=code,
        max_with=max_with,
        positions=tuple(positions),
        scope=where.describe(),
        votes=table,
        n_considered=int(considered),
        data_used=spans,
    )
