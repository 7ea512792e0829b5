"""Errors that name the problem and the remedy.

Every error untally raises on bad input is an :class:`UntallyError`; the CLI prints it as
one line (``problem — remedy``) instead of a traceback, and nothing already stored is touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from untally.store.diff import Diff


class UntallyError(Exception):
    """Base class: a problem the user can fix, with the fix."""

    def __init__(self, problem: str, remedy: str | None = None) -> None:
        self.problem = problem
        self.remedy = remedy
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.problem} — {self.remedy}" if self.remedy else self.problem


class UnknownMember(UntallyError):
    """A name or code that matches no UN member, past or present."""


class InvalidVote(UntallyError):
    """A Council vote that cannot have happened (negative counts, too many votes...)."""


class SourceError(UntallyError):
    """An upstream file could not be fetched or read."""


class DownloadError(SourceError):
    """The network failed after every retry."""


class TruncatedDownload(SourceError):
    """Fewer bytes arrived than the server announced."""


class ChecksumMismatch(SourceError):
    """The bytes do not hash to the published checksum."""


class MalformedData(SourceError):
    """A row or file does not have the shape the upstream documents."""


class StoreError(UntallyError):
    """The database is missing, or a new one failed validation."""


class NoDatabase(StoreError):
    """No database has been built yet."""


class NotFound(UntallyError):
    """A symbol or query that matches nothing in the record."""


class BeyondRecord(NotFound):
    """A question about dates after the loaded record ends: said, not answered from older data."""


class WouldLoseData(StoreError):
    """A new database holds less than the previous one; it is swapped in only when asked."""

    def __init__(self, problem: str, remedy: str | None = None, diff: Diff | None = None) -> None:
        super().__init__(problem, remedy)
        self.diff = diff


class DatabaseBusy(StoreError):
    """Another process holds the database (a sync running, or a writer): wait, nothing is wrong."""


class SyncInterrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM during a sync: the temp files are gone, the database is as it was."""

    def __init__(self, signum: int, message: str) -> None:
        super().__init__(message)
        self.signum = signum
        self.message = message

    @property
    def exit_status(self) -> int:
        return 128 + self.signum
