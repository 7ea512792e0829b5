"""Strict, typed CSV reading shared by the sources.

PyArrow parses the file (multi-threaded, no Python loop over rows); this module only renames
the header variants upstream has released, casts to the declared types, and turns the first
bad row into a one-line :class:`MalformedData` naming file, line, column and value.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from untally.errors import MalformedData

REMEDY = "the file is damaged or not the expected upstream file; run `untally sync` again"


def _read(path: Path, threads: bool) -> tuple[pa.Table, list[pacsv.InvalidRow]]:
    bad: list[pacsv.InvalidRow] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad.append(row)
        return "skip"

    parse = pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid)
    with pacsv.open_csv(path, parse_options=parse) as reader:
        names = reader.schema.names  # the header only, to declare every column a string
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(use_threads=threads, block_size=1 << 22),
        parse_options=parse,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        ),
    )
    return table, bad


def _line_of(path: Path, text: str) -> int | None:
    """Line number of a bad row (error path only: Arrow reports none for threaded reads)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if line.rstrip("\r\n") == text:
                return number
    return None


def read_strings(path: Path, *, aliases: Mapping[str, str] | None = None) -> pa.Table:
    """Read every column as a string (empty stays empty), refusing ragged rows."""
    try:
        table, bad = _read(path, threads=True)
    except (pa.ArrowInvalid, OSError, EOFError) as exc:
        raise MalformedData(f"{path.name}: cannot be read as CSV ({exc})", REMEDY) from None
    if bad:
        row = bad[0]
        number = row.number or _line_of(path, row.text)
        where = f"line {number}" if number else "a row"
        raise MalformedData(
            f"{path.name}: {where} has {row.actual_columns} fields, expected "
            f"{row.expected_columns}: {row.text[:60]!r}",
            REMEDY,
        )
    if aliases:
        names = [aliases.get(n.strip(), n.strip()) for n in table.column_names]
        table = table.rename_columns(names)
    return table


def optional_text(table: pa.Table, column: str) -> pa.ChunkedArray | pa.Array:
    """A text column some releases lack; trimmed, with empty strings as null."""
    if column not in table.column_names:
        return pa.nulls(table.num_rows, pa.string())
    values = pc.utf8_trim_whitespace(table.column(column))
    return pc.if_else(pc.equal(values, ""), None, values)


def require(table: pa.Table, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise MalformedData(f"{name}: missing column(s) {', '.join(missing)}", REMEDY)


def _first_bad(table: pa.Table, column: str, ok: pa.Array, name: str, expected: str) -> None:
    """Raise naming the first row where ``ok`` is false (line = row + 2 for the header)."""
    ok = pc.fill_null(ok, False)
    if not pc.all(ok).as_py():
        index = pc.index(ok, False).as_py()
        value = table.column(column)[index].as_py()
        raise MalformedData(
            f"{name}: line {index + 2}, column {column}: {value!r} is not {expected}", REMEDY
        )


def to_int(table: pa.Table, column: str, name: str, type_: pa.DataType | None = None) -> pa.Array:
    col = pc.utf8_trim_whitespace(table.column(column))
    # Some releases write counts as floats ("120.0"); accept those, reject anything else.
    col = pc.replace_substring_regex(col, r"\.0+$", "")
    _first_bad(table, column, pc.match_substring_regex(col, r"^\d+$"), name, "a count")
    return pc.cast(col, type_ or pa.int32())


def to_amount(table: pa.Table, column: str, name: str) -> pa.Array:
    """Whole dollars, signed (a de-obligation is negative), as int64."""
    col = pc.utf8_trim_whitespace(table.column(column))
    col = pc.replace_substring_regex(col, r"\.0+$", "")
    _first_bad(table, column, pc.match_substring_regex(col, r"^-?\d+$"), name, "a whole amount")
    return pc.cast(col, pa.int64())


def to_number(table: pa.Table, column: str, name: str) -> pa.Array:
    """A non-negative decimal number (SIPRI's TIV in millions), as float64."""
    col = pc.utf8_trim_whitespace(table.column(column))
    ok = pc.match_substring_regex(col, r"^\d+(\.\d+)?$")
    _first_bad(table, column, ok, name, "a number")
    return pc.cast(col, pa.float64())


def to_date(table: pa.Table, column: str, name: str, *, allow_year: bool = False) -> pa.Array:
    """ISO dates; with ``allow_year`` a bare year (a known upstream quirk) becomes null."""
    col = pc.utf8_trim_whitespace(table.column(column))
    col = pc.utf8_slice_codeunits(col, 0, 10)
    parsed = pc.strptime(col, format="%Y-%m-%d", unit="s", error_is_null=True)
    ok = pc.is_valid(parsed)
    if allow_year:
        ok = pc.or_(ok, pc.match_substring_regex(col, r"^\d{4}$"))
    _first_bad(table, column, ok, name, "a date (YYYY-MM-DD)")
    return pc.cast(parsed, pa.date32())


def check_values(table: pa.Table, column: str, allowed: set[str], name: str) -> None:
    ok = pc.is_in(table.column(column), value_set=pa.array(sorted(allowed)))
    _first_bad(table, column, ok, name, f"one of {', '.join(sorted(allowed))}")
