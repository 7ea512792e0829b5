"""What :class:`~untally.claims.verdict.Judge` shares with its mixins
(:class:`~untally.claims.sets.SetClaims`, :class:`~untally.claims.decisions.DecisionClaims`):
its state and the helpers they call, declared once so each mixin type-checks on its own.

The methods are declared for the type checker only: at run time they are Judge's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    import duckdb

    from untally.claims.compile import Query
    from untally.claims.discourse import Discourse
    from untally.claims.frame import Frame
    from untally.claims.models import Claim, Evidence, Finding, QueryLog, RecordEnds
    from untally.record import Record


class JudgeBase:
    """The state of one article's judging: the database, the record's ends, the article's
    date, whether the Assembly is loaded, and the discourse so far."""

    con: duckdb.DuckDBPyConnection
    ends: RecordEnds
    as_of: date | None  # the article's date
    with_ga: bool  # the Assembly's votes are loaded
    disc: Discourse
    record: Record | None  # the Record the article is checked against (aid, arms, reports)

    if TYPE_CHECKING:

        def run(self, q: Query) -> list[dict]: ...

        def memo(self, key: tuple, make: Callable[[], Any]) -> Any: ...

        def refute(
            self,
            claim: Claim,
            *,
            blocked: bool,
            why: str,
            found: str,
            convention: str,
            logs: tuple[QueryLog, ...],
            claimed: str | None = None,
            evidence: tuple[Evidence, ...] = (),
        ) -> Finding: ...

        def member_votes(self, rows: list[dict]) -> None: ...

        def end_for(self, frame: Frame) -> date | None: ...

        def _unverifiable(
            self, claim: Claim, why: str, logs: tuple[QueryLog, ...] = ()
        ) -> Finding: ...

        def _after_end(self, frame: Frame, when: date | None) -> str | None: ...

        def _logs(
            self, results: Sequence[tuple[Query, list[dict] | None]], held: dict[int, bool]
        ) -> tuple[QueryLog, ...]: ...

        def _qlogs(self, queries: list[Query], held: dict[int, bool]) -> tuple[QueryLog, ...]: ...
