"""Security Council meeting outcomes and failed-draft roll calls (emilytong123/unsc_for_us).

Upstream: the GitHub repository ``emilytong123/unsc_for_us`` (commit 1202afce, no licence;
the content is UN material). Its two meeting sheets were compiled from the Dag Hammarskjöld
Library's "Security Council Meetings & Outcomes" tables: one row per meeting with ``year``,
``date`` (day and month only), ``topics`` and ``result``, a free-text cell listing what the
meeting produced. ``sample_2000_2019.xlsx`` repeats 3,332 of the 4,865 rows that
``sample_1946_2019.xlsx`` has for 2000–2019, laid out differently (in the 2023 files, where
both give a tally they agree). ``cleaned_data_unsc.xlsx`` holds 53 failed drafts
(1947–2022) whose member-by-member votes the repo author typed in from the UN meeting records.

What this module does, and why:

* ``result`` is split into one row per *outcome* (adopted resolution, vetoed or failed draft,
  presidential statement), because a meeting can produce several and the assembler matches
  drafts one by one against the veto list and the failed-drafts file.
* Resolution symbols are rewritten to the UN Digital Library form ``S/RES/15(1946)`` (no
  space), the key the official voting file uses.
* A draft's ``symbol`` is its *principal* document symbol, with whitespace and brackets
  removed and its own suffix kept (``(S/2013/660)`` -> ``S/2013/660``,
  ``S/15255/Rev.2 (as corrected)`` -> ``S/15255/Rev.2``). Companion documents listed beside
  it (``S/471 & Add.1``, ``S/9696 and Corr.1 and Corr.2``, ``S/507 & Add.1 & S/516``) are not
  folded into the symbol, so it stays a join key for the veto list and UN document links;
  they remain in ``text``. Early drafts that never got a document symbol are named by their
  meeting record (``S/PV.57``), as the Library does. A bracketed qualifier after the symbol
  (``Transjordan``, ``preliminary question``, ``as amended``) goes to ``label``; for a
  resolution, a trailing note such as ``1 absent`` does.
* Tallies are yes-no-abstain. "adopted unanimously" gives no numbers: the tallies stay null
  and ``unanimous`` is true. ``unanimous`` is also true for an adopted resolution whose tally
  has no votes against and no abstentions. "without vote" / "adopted by consensus" set
  ``without_vote`` (an extra column: the numbers are null because no vote was taken, not
  because the sheet omits them).
* ``vetoed_by`` keeps the names as written ("USSR", "UK", "Russian Federation"), split on
  commas and "and", a leading "the" dropped; mapping to members is the assembler's job.
* Cells that record no voting outcome — "--", "Communiqué" (private meetings), "Note (S/…)",
  "Letter (S/…)", elections of ICJ judges, "Decision", referrals to the admissions
  committee — are recognised and skipped. Anything else that is not understood is kept as
  an *unparsed fragment* (:func:`unparsed_fragments`), never dropped silently.
* In the failed-drafts file the tally tuple is ordered (for, abstain, against); it is kept
  as yes-no-abstain and wins over the typed-in name lists, whose disagreements go to
  ``warnings`` (one in the 2023 file: S/1127 lists 5 names for 6 votes in favour).
  ``source_row`` (sheet row, header = 1) is kept so every number can be traced back.

Known limits: the meeting sheets carry no meeting numbers (rows are identified by sheet row),
their dates have no year (built from the ``year`` column; multi-day or blank dates give null),
and they stop at the end of 2019. Meeting rows with no outcome are not in the table.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
from python_calamine import CalamineError, CalamineWorkbook

from untally.errors import MalformedData
from untally.sources.base import Source, SourceFile
from untally.symbols import DOC_PATTERN

REMEDY = "the file is damaged or not the expected unsc_for_us sheet; run `untally sync` again"
REPO = "https://raw.githubusercontent.com/emilytong123/unsc_for_us/1202afcef5f4f1c90a570ee612e190f9c23f2e5a"

MEETING_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("source_row", pa.int32()),
        ("year", pa.int16()),
        ("date", pa.date32()),
        ("topic", pa.string()),
        ("kind", pa.string()),
        ("symbol", pa.string()),
        ("label", pa.string()),
        ("outcome", pa.string()),
        ("yes", pa.int8()),
        ("no", pa.int8()),
        ("abstain", pa.int8()),
        ("unanimous", pa.bool_()),
        ("without_vote", pa.bool_()),
        ("vetoed_by", pa.list_(pa.string())),
        ("seq", pa.int8()),
        ("text", pa.string()),
    ]
)
DRAFT_SCHEMA = pa.schema(
    [
        ("meeting", pa.string()),
        ("meeting_number", pa.int32()),
        ("year", pa.int16()),
        ("voting_on", pa.string()),
        ("symbol", pa.string()),
        ("part", pa.string()),
        ("yes", pa.int8()),
        ("no", pa.int8()),
        ("abstain", pa.int8()),
        ("note", pa.string()),
        ("seq", pa.int8()),
        ("source_row", pa.int32()),
        ("warnings", pa.string()),
    ]
)
MEMBER_VOTE_SCHEMA = pa.schema(
    [
        ("meeting_number", pa.int32()),
        ("seq", pa.int8()),
        ("name", pa.string()),
        ("vote", pa.string()),
    ]
)
MEETING_COLUMNS = ("year", "date", "topics", "result")
DRAFT_COLUMNS = (
    "Meeting Number",
    "Voting On",
    "Year",
    "In Favor",
    "Abstain",
    "Against",
    "Note",
    "For,Abstain,Against",
)

# --------------------------------------------------------------------- result-cell grammar
# Applied to whitespace-collapsed text. A symbol may follow a word or a tally with no space
# ("15-0-0S/PRST/2001/15", "without voteS/RES/1091"), but never starts inside another symbol;
# a keyword never starts inside a word.
_START = r"(?<![/.])"
_WORD_START = r"(?<![\w/.])"
_TALLY = r"(?P<yes>\d{1,2})\s*-\s*(?P<no>\d{1,2})\s*-\s*(?P<abstain>\d{1,2})(?!\d)"
_DOC = DOC_PATTERN
_COMPANION = rf"(?:{_DOC}|(?:Rev|Add|Corr)\.\s?\d+)"
# A vetoing member: capitalised words, never the start of the next outcome ("Draft ...",
# "PRST", "S/RES/..."), so a tally-less veto does not swallow what follows.
_WORD = (
    r"(?!(?:Draft|Power|PRST|Note|Letter|Election|Decision|Referral)\b|Communiqu)"
    r"[A-Z][A-Za-z.]*(?![/A-Za-z])"
)
_NAME = rf"(?:[Tt]he\s+)?{_WORD}(?:\s+{_WORD})*"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b)\s*{_NAME})*"

_DRAFT = re.compile(
    rf"""(?:{_WORD_START}(?:Power\s+Four\s+)?[Dd]raft\s+[Rr]esolutions?\s*)?
    {_START}(?P<docs>{_DOC}(?:\s*(?:,|&|\band\b)\s*{_COMPANION})*)
    (?P<labels>(?:\s*\((?!S/)[^()]*\))*)
    \s*(?:(?i:vetoed)\s+by\s+(?P<names>{_NAMES})|(?P<failed>(?i:not\s+adopted)))
    (?:\s*{_TALLY})?""",
    re.X,
)
_RESOLUTION = re.compile(
    rf"""{_START}S/RES/(?P<num>\d+)\s*\((?P<ryear>\d{{4}})\)
    (?:\s*(?:{_TALLY}
        |(?P<unanimous>(?i:adopted\s+unanimously))
        |(?P<novote>(?i:without\s+(?:a\s+)?vote|adopted\s+by\s+consensus))))?
    (?:\s*\((?P<note>(?!S/)[^()]*)\))?""",
    re.X,
)
_PRST = re.compile(
    rf"""{_START}(?:(?P<prst>S/PRST/\d{{4}}/\d+)
    |(?P<doc>S/(?:PV\.)?\d+)\s*\(PRST\)(?:\s*and\s+Corr\.\s?\d+)?
    |(?<![\w/.])PRST(?:\s+unnumbered)?(?![\w/]))""",
    re.X,
)
_NOT_AN_OUTCOME = re.compile(
    rf"""{_WORD_START}(?:(?i:communiqu[ée])
    |(?:Note|Letter)\s*\(?S/\d{{4}}/\d+\)?
    |Election\b.*
    |Decision\b
    |Referral\s+to\s+the\s+Committee\s+on\s+the\s+Admission\s+of\s+New\s+Members
    |--)""",
    re.X,
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("draft", _DRAFT),
    ("resolution", _RESOLUTION),
    ("prst", _PRST),
    ("skip", _NOT_AN_OUTCOME),
)
_SEPARATORS = re.compile(r"(?:\s+|[+&,;]|\band\b)*")


def _collapse(text: str) -> str:
    """One space between words; the HTML entity some cells kept ("Communiqu&eacute") decoded."""
    return " ".join(re.sub(r"&eacute;?", "é", text).split())


def _tally(m: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    if m.group("yes") is None:
        return None, None, None
    return int(m.group("yes")), int(m.group("no")), int(m.group("abstain"))


def _outcome(kind: str, m: re.Match[str]) -> dict[str, Any]:
    """One outcome dict from a pattern match (``kind`` names the pattern that matched)."""
    row: dict[str, Any] = {
        "kind": kind,
        "symbol": None,
        "label": None,
        "outcome": None,
        "yes": None,
        "no": None,
        "abstain": None,
        "unanimous": False,
        "without_vote": False,
        "vetoed_by": [],
        "text": m.group(0).strip(),
    }
    if kind == "draft":
        principal = re.split(r"\s*(?:,|&|\band\b)\s*", m.group("docs"))[0]
        row["symbol"] = re.sub(r"[()\s]", "", principal)
        labels = [s.strip() for s in re.findall(r"\(([^()]*)\)", m.group("labels"))]
        row["label"] = "; ".join(s for s in labels if s) or None
        row["yes"], row["no"], row["abstain"] = _tally(m)
        if m.group("failed"):
            row["outcome"] = "not_adopted"
        else:
            row["outcome"] = "vetoed"
            names = re.split(r"\s*,\s*|\s+and\s+", m.group("names"))
            row["vetoed_by"] = [re.sub(r"^[Tt]he\s+", "", n).strip() for n in names if n]
    elif kind == "resolution":
        row["symbol"] = f"S/RES/{m.group('num')}({m.group('ryear')})"
        row["outcome"] = "adopted"
        row["yes"], row["no"], row["abstain"] = _tally(m)
        row["label"] = (m.group("note") or "").strip() or None
        row["without_vote"] = m.group("novote") is not None
        row["unanimous"] = m.group("unanimous") is not None or (
            row["no"] == 0 and row["abstain"] == 0
        )
    else:  # prst
        row["symbol"] = m.group("prst") or m.group("doc")
        row["outcome"] = "statement"
    return row


def _scan(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Outcomes in one ``result`` cell, and the pieces that matched no known form."""
    text = _collapse(text)
    outcomes: list[dict[str, Any]] = []
    leftovers: list[str] = []
    pos = 0
    while True:
        sep = _SEPARATORS.match(text, pos)
        pos = sep.end() if sep else pos
        if pos >= len(text):
            break
        for kind, pattern in _PATTERNS:
            m = pattern.match(text, pos)
            if m and m.end() > pos:
                if kind != "skip":
                    outcomes.append(_outcome(kind, m))
                pos = m.end()
                break
        else:  # not understood: keep it, up to where the next known form starts
            starts = [m.start() for _, p in _PATTERNS if (m := p.search(text, pos + 1))]
            end = min(starts, default=len(text))
            piece = text[pos:end].strip(" +&,;")
            if piece:
                leftovers.append(piece)
            pos = end
    return outcomes, leftovers


def parse_result_text(text: str) -> list[dict[str, Any]]:
    """The outcomes one ``result`` cell lists, in order (keys: the outcome columns)."""
    return _scan(text)[0]


def unparsed_text(text: str) -> list[str]:
    """The pieces of one ``result`` cell that no known form matched."""
    return _scan(text)[1]


# --------------------------------------------------------------------------- sheet reading
def _read_sheet(path: Path) -> list[list[Any]]:
    try:
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    except (OSError, CalamineError, ValueError, IndexError) as exc:
        raise MalformedData(f"{path.name}: cannot be read as a workbook ({exc})", REMEDY) from None


def _header(rows: Sequence[Sequence[Any]], required: Sequence[str], name: str) -> dict[str, int]:
    """Column positions by name; a missing column is named in the error."""
    if not rows:
        raise MalformedData(f"{name}: the sheet is empty (no header row)", REMEDY)
    found = {str(c).strip(): i for i, c in enumerate(rows[0]) if c is not None}
    folded = {k.lower(): i for k, i in found.items()}
    missing = [c for c in required if c.lower() not in folded]
    if missing:
        raise MalformedData(
            f"{name}: row 1 (header) has no column {', '.join(map(repr, missing))} "
            f"(found {', '.join(map(repr, found)) or 'nothing'})",
            REMEDY,
        )
    return {c: folded[c.lower()] for c in required}


def _cell(row: Sequence[Any], i: int) -> Any:
    return row[i] if i < len(row) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _integer(value: Any, name: str, row: int, column: str) -> int:
    """A whole number from a numeric or text cell, or a one-line error naming the cell."""
    try:
        number = float(value)
        if number.is_integer():
            return int(number)
    except (TypeError, ValueError):
        pass
    raise MalformedData(
        f"{name}: row {row}, column {column!r}: {value!r} is not a whole number", REMEDY
    )


_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            start=1,
        )
    },
    "sept": 9,
}


def _day_month(text: str, year: int) -> date | None:
    """'20 September ' + 1946 -> 1946-09-20; blank or a range ('14-15 October') -> None."""
    m = re.fullmatch(r"\s*(\d{1,2})\s+([A-Za-z]+)\.?\s*", text)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return None
    try:
        return date(year, month, int(m.group(1)))
    except ValueError:
        return None


def _meeting_rows(
    rows: Sequence[Sequence[Any]], source: str, name: str
) -> tuple[pa.Table, list[tuple[int, str]]]:
    col = _header(rows, MEETING_COLUMNS, name)
    out: dict[str, list[Any]] = {f: [] for f in MEETING_SCHEMA.names}
    leftovers: list[tuple[int, str]] = []
    for sheet_row, row in enumerate(rows[1:], start=2):
        result = _text(_cell(row, col["result"]))
        if not result.strip():
            continue
        outcomes, pieces = _scan(result)
        leftovers.extend((sheet_row, p) for p in pieces)
        if not outcomes:
            continue
        year = _integer(_cell(row, col["year"]), name, sheet_row, "year")
        when = _day_month(_text(_cell(row, col["date"])), year)
        topic = " ".join(_text(_cell(row, col["topics"])).split()) or None
        for seq, o in enumerate(outcomes, start=1):
            o.update(
                source=source, source_row=sheet_row, year=year, date=when, topic=topic, seq=seq
            )
            for field in MEETING_SCHEMA.names:
                out[field].append(o[field])
    return pa.table(out, schema=MEETING_SCHEMA), leftovers


def parse_meeting_rows(
    rows: Sequence[Sequence[Any]], source: str, name: str = "<rows>"
) -> pa.Table:
    """One row per outcome from sheet rows (header first); ``name`` labels errors."""
    return _meeting_rows(rows, source, name)[0]


def parse_meeting_table(path: Path, source: str) -> pa.Table:
    """One row per outcome listed in a meeting sheet's ``result`` column (see module doc)."""
    return _meeting_rows(_read_sheet(path), source, path.name)[0]


def unparsed_fragments(path: Path | Sequence[Sequence[Any]]) -> list[tuple[int, str]]:
    """(sheet row, text) of every piece of ``result`` that no known form matched."""
    if isinstance(path, Path | str):
        p = Path(path)
        return _meeting_rows(_read_sheet(p), p.stem, p.name)[1]
    return _meeting_rows(path, "<rows>", "<rows>")[1]


# ---------------------------------------------------------------------------- failed drafts
def _literal(value: Any, kind: type, name: str, row: int, column: str) -> Any:
    """A Python literal cell (list of names, tally tuple), checked for its shape."""
    text = _text(value).strip()
    if kind is list and not text:
        return []
    try:
        parsed = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        parsed = None
    ok = (
        isinstance(parsed, list) and all(isinstance(x, str) for x in parsed)
        if kind is list
        else isinstance(parsed, tuple)
        and len(parsed) == 3
        and all(isinstance(x, int) and 0 <= x <= 15 for x in parsed)
    )
    if not ok:
        want = "a list of names" if kind is list else "a tuple (for, abstain, against) of 0-15"
        raise MalformedData(
            f"{name}: row {row}, column {column!r}: {text[:60]!r} is not {want}", REMEDY
        )
    return parsed


def _failed_draft_rows(
    rows: Sequence[Sequence[Any]], name: str
) -> tuple[pa.Table, pa.Table, list[list[dict[str, str]]]]:
    col = _header(rows, DRAFT_COLUMNS, name)
    drafts: dict[str, list[Any]] = {f: [] for f in DRAFT_SCHEMA.names}
    votes: dict[str, list[Any]] = {f: [] for f in MEMBER_VOTE_SCHEMA.names}
    nested: list[list[dict[str, str]]] = []
    seen: dict[int, int] = {}
    for sheet_row, row in enumerate(rows[1:], start=2):
        if all(not _text(c).strip() for c in row):
            continue
        number = _integer(_cell(row, col["Meeting Number"]), name, sheet_row, "Meeting Number")
        year = _integer(_cell(row, col["Year"]), name, sheet_row, "Year")
        voting_on = " ".join(_text(_cell(row, col["Voting On"])).split())
        m = re.match(r"\(?(S/[\w./]+?)\)?(?:\s+|$)", voting_on)
        symbol = m.group(1) if m else None
        rest = voting_on[m.end() :].strip() if m else ""
        if not m:
            whole = re.search(
                r"(?i)\b(?:(?:first|last)\s+)?(?:paragraphs?|part|preamble)\b.*", voting_on
            )
            rest = whole.group(0) if whole else ""
        tally = _literal(
            _cell(row, col["For,Abstain,Against"]), tuple, name, sheet_row, "For,Abstain,Against"
        )
        yes, abstain, no = tally  # upstream order: for, abstain, against
        lists = {
            vote: _literal(_cell(row, col[column]), list, name, sheet_row, column)
            for vote, column in (("Y", "In Favor"), ("N", "Against"), ("A", "Abstain"))
        }
        warnings = [
            f"{column} lists {len(lists[vote])} names but the tally says {count}"
            for vote, column, count in (
                ("Y", "In Favor", yes),
                ("N", "Against", no),
                ("A", "Abstain", abstain),
            )
            if len(lists[vote]) != count
        ]
        everyone = [n for names in lists.values() for n in names]
        twice = sorted({n for n in everyone if everyone.count(n) > 1})
        if twice:
            warnings.append(f"listed more than once: {', '.join(twice)}")
        seen[number] = seq = seen.get(number, 0) + 1
        note = " ".join(_text(_cell(row, col["Note"])).split()) or None
        for field, value in (
            ("meeting", f"S/PV.{number}"),
            ("meeting_number", number),
            ("year", year),
            ("voting_on", voting_on),
            ("symbol", symbol),
            ("part", rest or None),
            ("yes", yes),
            ("no", no),
            ("abstain", abstain),
            ("note", note),
            ("seq", seq),
            ("source_row", sheet_row),
            ("warnings", "; ".join(warnings) or None),
        ):
            drafts[field].append(value)
        these = [{"name": n, "vote": v} for v, names in lists.items() for n in names]
        nested.append(these)
        for v in these:
            votes["meeting_number"].append(number)
            votes["seq"].append(seq)
            votes["name"].append(v["name"])
            votes["vote"].append(v["vote"])
    return (
        pa.table(drafts, schema=DRAFT_SCHEMA),
        pa.table(votes, schema=MEMBER_VOTE_SCHEMA),
        nested,
    )


def parse_failed_draft_rows(
    rows: Sequence[Sequence[Any]], name: str = "<rows>"
) -> tuple[pa.Table, pa.Table]:
    """(drafts, member_votes) from sheet rows, header first."""
    drafts, votes, _ = _failed_draft_rows(rows, name)
    return drafts, votes


def parse_failed_drafts(path: Path) -> tuple[pa.Table, pa.Table]:
    """(drafts, member_votes) from ``cleaned_data_unsc.xlsx``; the tally tuple wins over lists.

    Where a list's length disagrees with the tally, the tally is kept (it is what the UN
    record prints) and the disagreement is written to ``warnings``; the row is never dropped.
    """
    drafts, votes, _ = _failed_draft_rows(_read_sheet(path), path.name)
    return drafts, votes


def failed_drafts_with_votes(path: Path) -> pa.Table:
    """The drafts table with each draft's votes nested in ``member_votes`` (for the store)."""
    drafts, _, nested = _failed_draft_rows(_read_sheet(path), path.name)
    kind = pa.list_(pa.struct([("name", pa.string()), ("vote", pa.string())]))
    return drafts.append_column("member_votes", pa.array(nested, kind))


# --------------------------------------------------------------------------------- source
def parse(key: str, path: Path) -> pa.Table:
    """The :class:`Source` entry point: one typed table per file key."""
    if key == "failed_drafts":
        return failed_drafts_with_votes(path)
    return parse_meeting_table(path, key)


SOURCE = Source(
    name="meeting_tables",
    title="Security Council meetings & outcomes and failed-draft votes (unsc_for_us)",
    publisher="UN Dag Hammarskjöld Library tables, compiled by emilytong123/unsc_for_us",
    terms="UN material (non-commercial use with attribution); the repo itself has no licence",
    files=(
        SourceFile(
            key="meetings_1946_2019",
            url=f"{REPO}/sample_1946_2019.xlsx",
            mirror_path="unsc_for_us/sample_1946_2019.xlsx",
            sha256="7290c47990eee5bfbcaacc92aecc018e5a7cf4923db784b18d386ab0f66753a4",
        ),
        SourceFile(
            key="meetings_2000_2019",
            url=f"{REPO}/sample_2000_2019.xlsx",
            mirror_path="unsc_for_us/sample_2000_2019.xlsx",
            sha256="d541e16a525924659b1913a35efdbbcd888ca25dc537fb0982efa88f21209ab3",
        ),
        SourceFile(
            key="failed_drafts",
            url=f"{REPO}/cleaned_data_unsc.xlsx",
            mirror_path="unsc_for_us/cleaned_data_unsc.xlsx",
            sha256="9387b6ebf290a1726eb4bad8454040f4902b1907a9e318e70b74726e97e337ec",
        ),
    ),
    parse=parse,
)
