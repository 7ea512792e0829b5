"""Erik Voeten's General Assembly voting data: the separate (paragraph and amendment) votes.

The Library's Assembly file records one vote per resolution, the vote on the text as a
whole. The Assembly also votes on single paragraphs and on amendments, and those votes count
where a convention says so: the State Department's reports before 2017 score them, and
Bailey, Strezhnev and Voeten's ideal points use every recorded vote. Voeten's data (Harvard
Dataverse hdl:1902.1/12379, CC0) is the public record of them, released with the R package
``unvotes`` (David Robinson, MIT) as ``un_roll_calls`` (one row per roll call: ``rcid,
session, importantvote, date, unres, amend, para, short, descr``) and ``un_votes`` (``rcid,
country, country_code, vote``: ISO 3166 alpha-2 and yes/no/abstain; absent members have no
row). untally reads only the roll calls flagged ``amend`` or ``para``: its final votes are
the Library's.

Online the package's data files are read at a pinned commit (:data:`ROLL_CALLS_URL`,
:data:`VOTES_URL`, R's ``.rda`` format, read with ``pyreadr``); the mirror keeps them
converted to CSV (``unvotes/``). The parser tells the two apart by content, not name.

The data end in January 2020 (session 74); later separate votes are not in any source
untally reads, and every answer resting on these rows says so (:data:`NOTE`).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.errors import MalformedData
from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    REMEDY,
    check_values,
    narrow,
    optional_text,
    read_strings,
    require,
    text,
    to_date,
    to_int,
    to_number,
)

PACKAGE_COMMIT = "7eb7034314ff79c49c9e0785fcd9d216fa04cf14"  # dgrtwo/unvotes, 2021-03-08
_RAW = f"https://raw.githubusercontent.com/dgrtwo/unvotes/{PACKAGE_COMMIT}/data"
ROLL_CALLS_URL = f"{_RAW}/un_roll_calls.rda"
VOTES_URL = f"{_RAW}/un_votes.rda"
DATAVERSE = "https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379"
NOTE = (
    "paragraph and amendment votes from Erik Voeten's UN voting data (third-party "
    "compilation, to January 2020)"
)

ROLL_CALL_COLUMNS = ["rcid", "session", "date", "unres", "amend", "para"]
VOTE_COLUMNS = ["rcid", "country", "country_code", "vote"]
VOTES = {"yes": "Y", "no": "N", "abstain": "A"}
FLAGS = {"", "0", "1", "0.0", "1.0", "NA"}


def is_rdata(path: Path) -> bool:
    """Whether ``path`` holds R's saved workspace format (``RDX2``/``RDX3`` once decompressed)
    rather than CSV: the cache keeps the official ``.rda`` under the mirror's CSV name."""
    with path.open("rb") as f:
        head = f.read(6)
    opener = {b"\x1f\x8b": gzip.open, b"BZ": bz2.open, b"\xfd7": lzma.open}.get(head[:2])
    if opener is not None:
        with opener(path, "rb") as f:  # type: ignore[operator]
            head = f.read(5)
    return head.startswith((b"RDX", b"RDA"))


def _read(path: Path, encoded: bool = False) -> pa.Table:
    """Every column as text, from either format (R's NA and missing as ""); ``encoded``
    reads a CSV dictionary-encoded (the member votes repeat some 200 names 870,000 times)."""
    if not is_rdata(path):
        return read_strings(path, encoded=encoded)
    import pyreadr

    try:
        frames = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own errors for damaged files
        raise MalformedData(f"{path.name}: not a readable R data file ({exc})", REMEDY) from None
    if len(frames) != 1:
        raise MalformedData(f"{path.name}: holds {len(frames)} R objects, not one table", REMEDY)
    frame = next(iter(frames.values()))
    columns = {str(c): pa.array([_text(v) for v in frame[c].tolist()], pa.string())
               for c in frame.columns}  # fmt: skip
    if encoded:  # the same types as the CSV read
        columns = {c: narrow(a.dictionary_encode()) for c, a in columns.items()}
    return pa.table(columns)


def _text(value: object) -> str:
    """One R value as the CSV conversion writes it: NA empty, whole doubles without ".0"."""
    if value is None or value != value:  # None or NaN
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _flag(raw: pa.Table, column: str, name: str) -> pa.Array:
    check_values(raw, column, FLAGS, name)
    return pc.is_in(pc.utf8_trim_whitespace(raw.column(column)), pa.array(["1", "1.0"]))


def parse_roll_calls(path: Path) -> pa.Table:
    """The roll calls flagged as amendment or paragraph votes, typed; the rest are dropped."""
    name = path.name
    raw = _read(path)
    require(raw, ROLL_CALL_COLUMNS, name)
    amend, para = _flag(raw, "amend", name), _flag(raw, "para", name)
    raw = raw.filter(pc.or_(amend, para))
    amend = pc.filter(amend, pc.or_(amend, para))
    session = pc.cast(to_number(raw, "session", name), pa.int16())
    return _typed_calls(raw, name, amend, session)


def _typed_calls(raw: pa.Table, name: str, amend: pa.Array, session: pa.Array) -> pa.Table:
    return pa.table(
        {
            "rcid": to_int(raw, "rcid", name, pa.int32()),
            "session": session,
            "date": to_date(raw, "date", name),
            "unres": optional_text(raw, "unres"),
            "kind": pc.if_else(amend, "amendment", "paragraph"),
            "short": optional_text(raw, "short"),
            "description": optional_text(raw, "descr"),
        }
    )


def parse_votes(path: Path) -> pa.Table:
    """Every member vote of the data (the store keeps those of the separate votes)."""
    name = path.name
    raw = _read(path, encoded=True)
    require(raw, VOTE_COLUMNS, name)
    check_values(raw, "vote", set(VOTES), name)
    votes = text(raw, "vote")
    return pa.table(
        {
            "rcid": to_int(raw, "rcid", name, pa.int32()),
            "country": text(raw, "country"),
            "country_code": text(raw, "country_code", upper=True),
            "vote": pc.take(
                pa.array(list(VOTES.values())),
                pc.index_in(pc.cast(votes, pa.string()), pa.array(list(VOTES))),
            ),
        }
    )


def parse(key: str, path: Path) -> pa.Table:
    return parse_roll_calls(path) if key == "roll_calls" else parse_votes(path)


SOURCE = Source(
    name="unvotes",
    title="Erik Voeten's UN General Assembly voting data: paragraph and amendment votes",
    publisher=f"Erik Voeten, Harvard Dataverse ({DATAVERSE}); R package unvotes (D. Robinson)",
    terms="Data CC0 (public domain dedication); the R package MIT",
    files=(
        SourceFile(
            key="roll_calls",
            url=ROLL_CALLS_URL,
            mirror_path="unvotes/un_roll_calls.csv",
            optional=True,
            note=NOTE,
        ),
        SourceFile(
            key="votes",
            url=VOTES_URL,
            mirror_path="unvotes/un_votes.csv.gz",
            optional=True,
            note=NOTE,
        ),
    ),
    parse=parse,
)
