"""untally: the official UN voting record as answers anyone can verify.

The Python API is one object, :class:`untally.Record` (the Security Council and the General
Assembly), and its errors::

    from untally import Record, UntallyError

    with Record() as record:
        vetoes = record.vetoes("USA", topics=("israel-related",), until="2021-05-31")
        vetoes.to_pandas()  # 44 rows

``Record`` is imported on first use, so ``import untally`` (and the CLI) stays quick.
"""

from typing import TYPE_CHECKING, Any

from untally.errors import (
    BeyondRecord,
    InvalidVote,
    MalformedData,
    NoDatabase,
    NotFound,
    SourceError,
    StoreError,
    UnknownMember,
    UntallyError,
)

if TYPE_CHECKING:
    from untally.answers import Rows
    from untally.record import Record

__version__ = "0.1.0"

__all__ = [
    "BeyondRecord",
    "InvalidVote",
    "MalformedData",
    "NoDatabase",
    "NotFound",
    "Record",
    "Rows",
    "SourceError",
    "StoreError",
    "UnknownMember",
    "UntallyError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name == "Record":
        from untally.record import Record

        return Record
    if name == "Rows":
        from untally.answers import Rows

        return Rows
    raise AttributeError(f"module 'untally' has no attribute {name!r}")
