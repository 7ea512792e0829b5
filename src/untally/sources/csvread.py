"""Strict, typed CSV reading shared by the sources.

PyArrow parses the file (multi-threaded, no Python loop over rows); this module only renames
the header variants upstream has released, casts to the declared types, and turns the first
bad row into a one-line :class:`MalformedData` naming file, line, column and value.

Encoded files
    A file that repeats a vote's symbol, title and tally on every member's row (the General
    Assembly's: 860,000 rows, some 5,000 distinct values per column) is read with every column
    dictionary-encoded (``read_strings(..., encoded=True)``): the mirror's file takes 67 MB
    read that way against 239 MB as plain strings, and every check and cast below then runs
    once per distinct value and is mapped back to the rows by the indices. Text stays encoded
    in the result; DuckDB reads it as ``VARCHAR``.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from pathlib import Path
from typing import TypeAlias

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from untally.errors import MalformedData

REMEDY = "the file is damaged or not the expected upstream file; run `untally sync` again"


def _read(
    path: Path, threads: bool, encoded: bool = False
) -> tuple[pa.Table, list[pacsv.InvalidRow]]:
    bad: list[pacsv.InvalidRow] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad.append(row)
        return "skip"

    parse = pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid)
    with pacsv.open_csv(path, parse_options=parse) as reader:
        names = reader.schema.names  # the header only, to declare every column a string
    kind = pa.dictionary(pa.int32(), pa.string()) if encoded else pa.string()
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(use_threads=threads, block_size=1 << 22),
        parse_options=parse,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, kind), strings_can_be_null=False
        ),
    )
    if encoded:  # one dictionary per column instead of one per block, freeing each as it goes
        names, blocks = table.column_names, table.columns
        del table
        columns = []
        while blocks:
            columns.append(narrow(blocks.pop(0).combine_chunks()))
        table = pa.table(columns, names=names)
    return table, bad


def _line_of(path: Path, text: str) -> int | None:
    """Line number of a bad row (error path only: Arrow reports none for threaded reads)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if line.rstrip("\r\n") == text:
                return number
    return None


def read_strings(
    path: Path, *, aliases: Mapping[str, str] | None = None, encoded: bool = False
) -> pa.Table:
    """Read every column as a string (empty stays empty), refusing ragged rows;
    ``encoded`` reads each column dictionary-encoded (see the module's docstring)."""
    try:
        table, bad = _read(path, threads=True, encoded=encoded)
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


Column: TypeAlias = pa.ChunkedArray | pa.Array


def _values(table: pa.Table, column: str) -> tuple[Column, pa.Array | None]:
    """What to compute on: the distinct values of an encoded column with the indices that
    map them back to rows, or a plain column and ``None``."""
    col = table.column(column)
    if pa.types.is_dictionary(col.type):
        array = col.combine_chunks()
        return array.dictionary, array.indices
    return col, None


def _rows(result: Column, indices: pa.Array | None) -> Column:
    """A result computed by :func:`_values`, one entry per row (decoded)."""
    return result if indices is None else pc.take(result, indices)


def _text(result: Column, indices: pa.Array | None) -> Column:
    """A text result computed by :func:`_values`, one entry per row, encoded again when its
    input was (values a function made equal share one entry; null stays null)."""
    if indices is None:
        return result
    encoded = pc.dictionary_encode(result)
    return narrow(
        pa.DictionaryArray.from_arrays(pc.take(encoded.indices, indices), encoded.dictionary)
    )


def narrow(array: pa.DictionaryArray) -> pa.DictionaryArray:
    """The same array with the smallest indices its dictionary allows (int8 up to 127 values,
    int16 up to 32,767): the Assembly file's indices take half the memory or less."""
    size = len(array.dictionary)
    kind = pa.int8() if size <= 127 else pa.int16() if size <= 32767 else pa.int32()
    if array.indices.type == kind:
        return array
    return pa.DictionaryArray.from_arrays(array.indices.cast(kind), array.dictionary)


def text(table: pa.Table, column: str, *, upper: bool = False) -> Column:
    """A text column trimmed (and upper-cased), encoded as it was read."""
    values, indices = _values(table, column)
    values = pc.utf8_trim_whitespace(values)
    return _text(pc.utf8_upper(values) if upper else values, indices)


def optional_text(table: pa.Table, column: str) -> pa.ChunkedArray | pa.Array:
    """A text column some releases lack; trimmed, with empty strings as null."""
    if column not in table.column_names:
        return pa.nulls(table.num_rows, pa.string())
    values, indices = _values(table, column)
    values = pc.utf8_trim_whitespace(values)
    return _text(pc.if_else(pc.equal(values, ""), None, values), indices)


def require(table: pa.Table, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise MalformedData(f"{name}: missing column(s) {', '.join(missing)}", REMEDY)


def _first_bad(
    table: pa.Table,
    column: str,
    ok: Column,
    name: str,
    expected: str,
    indices: pa.Array | None = None,
) -> None:
    """Raise naming the first row where ``ok`` is false (line = row + 2 for the header);
    ``indices`` map an ``ok`` per distinct value back to the rows."""
    ok = pc.fill_null(ok, False)
    if indices is not None:
        if pc.all(ok).as_py():
            return
        ok = pc.take(ok, indices)
    if not pc.all(ok).as_py():
        index = pc.index(ok, False).as_py()
        value = table.column(column)[index].as_py()
        raise MalformedData(
            f"{name}: line {index + 2}, column {column}: {value!r} is not {expected}", REMEDY
        )


def to_int(table: pa.Table, column: str, name: str, type_: pa.DataType | None = None) -> pa.Array:
    values, indices = _values(table, column)
    col = pc.utf8_trim_whitespace(values)
    # Some releases write counts as floats ("120.0"); accept those, reject anything else.
    col = pc.replace_substring_regex(col, r"\.0+$", "")
    ok = pc.match_substring_regex(col, r"^\d+$")
    _first_bad(table, column, ok, name, "a count", indices)
    return _rows(pc.cast(col, type_ or pa.int32()), indices)


def to_amount(table: pa.Table, column: str, name: str) -> pa.Array:
    """Whole dollars, signed (a de-obligation is negative), as int64."""
    values, indices = _values(table, column)
    col = pc.utf8_trim_whitespace(values)
    col = pc.replace_substring_regex(col, r"\.0+$", "")
    ok = pc.match_substring_regex(col, r"^-?\d+$")
    _first_bad(table, column, ok, name, "a whole amount", indices)
    return _rows(pc.cast(col, pa.int64()), indices)


def to_number(table: pa.Table, column: str, name: str) -> pa.Array:
    """A non-negative decimal number (SIPRI's TIV in millions), as float64."""
    values, indices = _values(table, column)
    col = pc.utf8_trim_whitespace(values)
    ok = pc.match_substring_regex(col, r"^\d+(\.\d+)?$")
    _first_bad(table, column, ok, name, "a number", indices)
    return _rows(pc.cast(col, pa.float64()), indices)


def to_date(table: pa.Table, column: str, name: str, *, allow_year: bool = False) -> pa.Array:
    """ISO dates; with ``allow_year`` a bare year (a known upstream quirk) becomes null."""
    values, indices = _values(table, column)
    col = pc.utf8_trim_whitespace(values)
    col = pc.utf8_slice_codeunits(col, 0, 10)
    parsed = pc.strptime(col, format="%Y-%m-%d", unit="s", error_is_null=True)
    ok = pc.is_valid(parsed)
    if allow_year:
        ok = pc.or_(ok, pc.match_substring_regex(col, r"^\d{4}$"))
    _first_bad(table, column, ok, name, "a date (YYYY-MM-DD)", indices)
    return _rows(pc.cast(parsed, pa.date32()), indices)


def check_values(table: pa.Table, column: str, allowed: set[str], name: str) -> None:
    values, indices = _values(table, column)
    ok = pc.is_in(values, value_set=pa.array(sorted(allowed)))
    _first_bad(table, column, ok, name, f"one of {', '.join(sorted(allowed))}", indices)
