"""UN Digital Library voting data for the General Assembly (Dag Hammarskjöld Library).

*General Assembly voting data* (record 4060887): one row per member state per resolution
adopted by a recorded vote, Y/N/A/X. Resolutions adopted without a vote, failed drafts and
votes on paragraphs are not in it. Two upstream quirks are handled here, not downstream:

* a date can be a bare year (two rows of the current file): ``date`` is null, ``year`` kept;
* ``session`` is normalised to ``"75"``, ``"ES-10"`` or ``"S-28"`` (Roman numerals of the
  early symbols converted); when the column is empty it is read from the resolution symbol,
  and it stays null only when neither says (the one ``MISSING_DATA`` symbol).

The Assembly from 2022 on (``GA_2022ON_SOURCE``)
    A mirror may also carry ``ga_2022on/ga_voting_2022on.csv.gz``: recorded Assembly votes
    from March 2022 on in the same official layout, rebuilt from a **third-party scrape** of
    the Library's records (``ms_name`` and the draft, meeting, agenda and subject columns are
    empty; names are joined from the members table). It is a mirror-only supplement: its
    ``SourceFile`` has ``url=None``, so an online sync (:meth:`Fetcher.wanted`) skips it and
    the official file above, which holds the same votes, replaces it. Where both are loaded
    the official rows win (:func:`untally.store.ga.load_ga` drops scraped votes whose record
    id or symbol the official file has). Every answer that uses its rows carries
    :data:`SCRAPE_NOTE` (see :func:`untally.store.ga.source_notes`). Symbols are kept as
    scraped (``A/RES/77/263A``, ``A/RES/78/183 A/B``, the decision ``A/DEC/80/506``);
    :func:`untally.symbols.ga_symbol_keys` makes every form findable.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    check_values,
    narrow,
    optional_text,
    read_strings,
    require,
    text,
    to_date,
    to_int,
)
from untally.sources.undl import ALIASES, TERMS, VOTES

GA_RECORD = "https://digitallibrary.un.org/record/4060887"
SCRAPE_NOTE = "rests on a third-party scrape of the UN Digital Library's records"

GA_ALIASES = {
    **ALIASES,
    "agenda": "agenda_title",
    "agenda_titles": "agenda_title",
    "titles": "title",
    "sessions": "session",
    "committee_reports": "committee_report",
}
GA_REQUIRED = [
    "undl_id", "ms_code", "ms_name", "ms_vote", "date", "resolution", "title",
    "total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link",
]  # fmt: skip
GA_TEXT = ["draft", "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note"]
COUNTS = ["total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms"]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# What a session (or the session part of a symbol) may look like, upper-cased and trimmed.
_SESSION = re.compile(r"^(?:(ES|S)[- ]?)?(\d+|[IVXLC]+)$")
# A/RES/75/1, A/RES/ES-10/1, A/RES/S-28/2: the session follows A/RES/ ...
_SYMBOL_MODERN = r"^A/RES/(?P<s>(?:ES|S)-\d+|\d+)/"
# ... A/RES/1514(XV), A/RES/S-1/1(ES-I)...: early symbols give it in brackets, in Roman numerals.
_SYMBOL_EARLY = r"\((?P<s>(?:(?:ES|S)-)?[IVXLC]+)\)"


def roman(text: str) -> int | None:
    """``XV`` -> 15; ``None`` for anything that is not a well-formed numeral up to C."""
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def normalise_session(text: str | None) -> str | None:
    """``"75"``, ``"ES-10"``, ``"S-28"``; Roman numerals converted; unknown forms kept as given.

    Unknown forms are kept rather than refused: a future release may label sessions in a way
    this parser has not seen, and the vote is still good (``session_no`` then comes from the
    date, see :mod:`untally.store.ga`).
    """
    if text is None:
        return None
    t = text.strip().upper()
    if not t:
        return None
    m = _SESSION.match(t)
    if not m:
        return t
    number = int(m[2]) if m[2].isdigit() else roman(m[2])
    if number is None:
        return t
    return f"{m[1]}-{number}" if m[1] else str(number)


def session_column(raw: pa.Table) -> pa.Array:
    """The session column, normalised, falling back on the resolution symbol.

    Only the distinct values are normalised in Python (a few hundred), then mapped back with
    a vectorised lookup, so the cost does not grow with the number of rows.
    """
    n = raw.num_rows
    given = (
        _normalised(text(raw, "session"))
        if "session" in raw.column_names
        else pa.nulls(n, pa.string())
    )
    symbol = text(raw, "resolution", upper=True)
    values = symbol.dictionary if isinstance(symbol, pa.DictionaryArray) else symbol
    from_symbol = pc.coalesce(
        pc.struct_field(pc.extract_regex(values, _SYMBOL_MODERN), "s"),
        pc.struct_field(pc.extract_regex(values, _SYMBOL_EARLY), "s"),
    )
    if isinstance(symbol, pa.DictionaryArray):
        from_symbol = pc.take(from_symbol, symbol.indices)
    return narrow(pc.coalesce(given, _normalised(from_symbol)).dictionary_encode())


def _normalised(sessions: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`normalise_session` of every row, computed once per distinct value."""
    if isinstance(sessions, pa.ChunkedArray):
        sessions = sessions.combine_chunks()
    if not isinstance(sessions, pa.DictionaryArray):
        sessions = sessions.dictionary_encode()
    normal = pa.array([normalise_session(v) for v in sessions.dictionary.to_pylist()], pa.string())
    return pc.take(normal, sessions.indices)


def parse_ga_file(path: Path, name: str | None = None) -> pa.Table:
    """One UNDL GA voting CSV -> typed Arrow table (column order of Version 5, plus ``year``).

    Text columns come back dictionary-encoded (see :mod:`untally.sources.csvread`): every
    value repeats on each member's row, and the file holds 860,000 rows.
    """
    name = name or path.name
    raw = read_strings(path, aliases=GA_ALIASES, encoded=True)
    require(raw, GA_REQUIRED, name)
    check_values(raw, "ms_vote", VOTES, name)
    date = to_date(raw, "date", name, allow_year=True)
    columns: dict[str, pa.Array] = {
        "undl_id": to_int(raw, "undl_id", name, pa.int64()),
        "ms_code": text(raw, "ms_code", upper=True),
        "ms_name": text(raw, "ms_name"),
        "ms_vote": raw.column("ms_vote"),
        "date": date,
        "year": year_column(raw),
        "session": session_column(raw),
        "resolution": text(raw, "resolution"),
    }
    for col in GA_TEXT:
        columns[col] = optional_text(raw, col)
    for col in COUNTS:
        columns[col] = to_int(raw, col, name, pa.int16())
    columns["undl_link"] = text(raw, "undl_link")
    return pa.table(columns)


def year_column(raw: pa.Table) -> pa.Array:
    """The year of ``date`` (:func:`to_date` has checked it starts with four digits)."""
    dates = raw.column("date").combine_chunks()
    values = dates.dictionary if isinstance(dates, pa.DictionaryArray) else dates
    years = pc.cast(pc.utf8_slice_codeunits(pc.utf8_trim_whitespace(values), 0, 4), pa.int16())
    return pc.take(years, dates.indices) if isinstance(dates, pa.DictionaryArray) else years


def parse_ga(key: str, path: Path) -> pa.Table:
    return parse_ga_file(path)


GA_SOURCE = Source(
    name="undl_ga",
    title="UN Digital Library: General Assembly voting data",
    publisher="UN Dag Hammarskjöld Library",
    terms=TERMS,
    files=(
        SourceFile(
            key="ga_voting",
            url=f"{GA_RECORD}/files/2026_02_06_ga_voting.csv",
            mirror_path="undl/ga_voting.csv.gz",
        ),
    ),
    parse=parse_ga,
)

GA_2022ON_SOURCE = Source(
    name="undl_ga_2022on",
    title="General Assembly recorded votes from 2022 (third-party scrape of UN Digital Library "
    "records, official layout)",
    publisher="data-driven-decision-lab/un-digital-library-scraper and HZloto/unga-2025 "
    "(records: UN Dag Hammarskjöld Library)",
    terms=TERMS + "; the compilation's own terms are unknown (no licence file)",
    files=(
        SourceFile(
            key="ga_voting_2022on",
            url=None,  # mirror-only: online, the official file of GA_SOURCE holds these votes
            mirror_path="ga_2022on/ga_voting_2022on.csv.gz",
            optional=True,
            note=SCRAPE_NOTE,
        ),
    ),
    parse=parse_ga,
)
