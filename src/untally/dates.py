"""The one date parser of every command and method.

``YYYY-MM-DD``, or a partial date ``YYYY-MM`` / ``YYYY`` meaning its first day when it starts a
period and its last day when it ends one (``until="2020-05"`` is 31 May 2020, in every
command and every :class:`untally.Record` method alike).
"""

from __future__ import annotations

from datetime import date, datetime

from untally.errors import UntallyError

__all__ = ["as_date", "parse_date"]


def parse_date(text: str | None, what: str = "the date", *, end: bool = False) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning the first day (``end``: the last day) of it."""
    if text is None:
        return None
    text = text.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(text) == 7:
            first = date.fromisoformat(text + "-01")
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text)
    except ValueError:
        raise UntallyError(
            f"{what} {text!r} is not a date", "write it as YYYY-MM-DD (or YYYY-MM, YYYY)"
        ) from None


def as_date(
    value: date | str | int | None, what: str = "the date", *, end: bool = False
) -> date | None:
    """A method argument as a date: a ``date``, a year, or text :func:`parse_date` reads
    (``end``: a partial date or a year means its last day)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool):
        return parse_date(f"{value:04d}", what, end=end)
    if isinstance(value, str):
        return parse_date(value, what, end=end)
    raise UntallyError(f"{what} {value!r} is not a date", "give a date, YYYY-MM-DD or a year")
