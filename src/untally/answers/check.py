"""The claim checker as a question on the record: ``record.check(text)``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from untally.claims.models import Report

MAX_TEXT_BYTES = 200_000  # the HTTP API's limit on a pasted article (the CLI reads files)


class CheckAnswers:
    """The claim checker (a mixin of :class:`untally.record.Record`)."""

    def check(self, text: str, as_of: date | None = None, *, source: str = "text") -> Report:
        """Every checkable claim about UN votes in ``text``, each with a verdict, the
        convention, the period the claimed value held and the evidence."""
        from untally.claims import check

        return check(text, self, as_of, source=source)
