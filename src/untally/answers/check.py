"""The claim checker as a question on the record: ``record.check(text)``."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from untally.claims.models import Report

MAX_TEXT_BYTES = 200_000  # the HTTP API's limit on a pasted article (the CLI reads files)

# One row per claim: the documented JSON fields that are scalars, and the evidence symbols.
CLAIM_COLUMNS = ("text", "kind", "verdict", "value_claimed", "value_found", "convention")


@cache
def _report_class() -> type[Report]:
    """The claim checker's Report with ``to_arrow``/``to_pandas`` (one row per claim)."""
    from untally.claims.models import Report

    class CheckReport(Report, frozen=True):
        __doc__ = Report.__doc__

        def to_arrow(self) -> Any:
            import pyarrow as pa

            rows = [f.as_json() for f in self.findings]
            return pa.table(
                {
                    **{c: pa.array([r[c] for r in rows], pa.string()) for c in CLAIM_COLUMNS},
                    **{
                        c: pa.array([getattr(f, c) for f in self.findings], pa.date32())
                        for c in ("held_from", "held_until")
                    },
                    "evidence": pa.array(
                        [[e["symbol"] for e in r["evidence"]] for r in rows],
                        pa.list_(pa.string()),
                    ),
                }
            )

        def to_pandas(self) -> Any:
            return self.to_arrow().to_pandas()

    return CheckReport


class CheckAnswers:
    """The claim checker (a mixin of :class:`untally.record.Record`)."""

    def check(self, text: str, as_of: date | str | None = None, *, source: str = "text") -> Report:
        """Every checkable claim about UN votes in ``text``, each with a verdict, the
        convention, the period the claimed value held and the evidence (``.to_arrow()``:
        one row per claim)."""
        from untally.claims import check
        from untally.dates import as_date

        report = check(text, self, as_date(as_of, "as of"), source=source)
        return _report_class()(**dict(report))
