"""The unsc_for_us parser: meeting ``result`` cells, sheets, failed drafts, the real files."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pyarrow as pa
import pytest

from untally.errors import MalformedData
from untally.sources import meetings
from untally.sources.meetings import (
    MEETING_SCHEMA,
    failed_drafts_with_votes,
    parse_failed_draft_rows,
    parse_failed_drafts,
    parse_meeting_rows,
    parse_meeting_table,
    parse_result_text,
    unparsed_fragments,
    unparsed_text,
)

FIXTURES = Path(__file__).parent / "fixtures" / "meetings"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "unsc_for_us"


def fixture_rows(name: str) -> list[list[Any]]:
    return json.loads((FIXTURES / name).read_text())["rows"]


def one(text: str) -> dict[str, Any]:
    outcomes = parse_result_text(text)
    assert len(outcomes) == 1, outcomes
    return outcomes[0]


def tally(o: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    return o["yes"], o["no"], o["abstain"]


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    """A one-sheet xlsx with inline strings: enough for calamine, no writer library needed."""

    def cell(r: int, c: int, v: Any) -> str:
        ref = f"{chr(65 + c)}{r}"
        if isinstance(v, int | float):
            return f'<c r="{ref}"><v>{v}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'

    body = "".join(
        f'<row r="{r}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, 1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    rels_type = "application/vnd.openxmlformats-package.relationships+xml"
    sheet = f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>'
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{pkg}/content-types">'
        f'<Default Extension="rels" ContentType="{rels_type}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return path


# ------------------------------------------------------------------ one result cell
def test_adopted_unanimously_has_no_tally_but_is_unanimous() -> None:
    o = one("S/RES/15 (1946)  adopted unanimously")
    assert (o["kind"], o["outcome"], o["symbol"]) == ("resolution", "adopted", "S/RES/15(1946)")
    assert tally(o) == (None, None, None)
    assert o["unanimous"] is True


def test_resolution_tally_is_yes_no_abstain_and_symbol_has_no_space() -> None:
    o = one("S/RES/14 (1946)  9-0-2")
    assert o["symbol"] == "S/RES/14(1946)"
    assert tally(o) == (9, 0, 2)
    assert o["unanimous"] is False


def test_tally_without_dissent_counts_as_unanimous() -> None:
    assert one("S/RES/1334 (2000)\n\t\t\t15-0-0")["unanimous"] is True


def test_tally_glued_to_the_symbol_is_read() -> None:
    assert tally(one("S/RES/34 (1947)9-2-0 ")) == (9, 2, 0)


def test_resolution_without_vote_has_no_tally_and_is_flagged() -> None:
    o = one("S/RES/2403 (2018)\n      without a vote")
    assert tally(o) == (None, None, None)
    assert (o["without_vote"], o["unanimous"]) == (True, False)


def test_note_after_a_resolution_tally_becomes_its_label() -> None:
    o = one("S/RES/1287 (2000)\n      14-0-0 (1 absent)")
    assert (tally(o), o["label"]) == ((14, 0, 0), "1 absent")


def test_veto_followed_by_bare_prst_gives_two_outcomes_in_order() -> None:
    draft, prst = parse_result_text("Draft resolution S/PV.70 vetoed by USSR 8-2-1   PRST ")
    assert (draft["symbol"], draft["outcome"], draft["vetoed_by"]) == (
        "S/PV.70",
        "vetoed",
        ["USSR"],
    )
    assert tally(draft) == (8, 2, 1)
    assert (prst["kind"], prst["outcome"], prst["symbol"]) == ("prst", "statement", None)


def test_each_draft_in_a_cell_keeps_its_bracketed_label() -> None:
    text = (
        "Draft resolution S/PV.57 (Transjordan) vetoed by USSR 8-2-1 \n"
        " Draft resolution S/PV.57 (Ireland) vetoed by USSR 9-1-1"
    )
    first, second = parse_result_text(text)
    assert (first["symbol"], first["label"], tally(first)) == ("S/PV.57", "Transjordan", (8, 2, 1))
    assert (second["label"], tally(second)) == ("Ireland", (9, 1, 1))


def test_not_adopted_with_tally_glued_to_the_words() -> None:
    o = one("Draft resolution S/PV.206 not adopted5-0-6")
    assert (o["kind"], o["outcome"], tally(o), o["vetoed_by"]) == (
        "draft",
        "not_adopted",
        (5, 0, 6),
        [],
    )


def test_symbol_glued_to_words_and_tally_on_the_next_line() -> None:
    o = one("Draft resolutionS/2002/1385vetoed by USA\n      12-1-2")
    assert (o["symbol"], o["vetoed_by"], tally(o)) == ("S/2002/1385", ["USA"], (12, 1, 2))


def test_vetoing_members_split_on_and() -> None:
    o = one("Draft resolution S/2019/961 vetoed by Russian Federation and China\n\t13-2-0")
    assert o["vetoed_by"] == ["Russian Federation", "China"]


def test_vetoing_members_split_on_commas() -> None:
    assert one("Draft resolution S/11543 vetoed by \n\t\tUSA, France and UK10-3-2")[
        "vetoed_by"
    ] == ["USA", "France", "UK"]


def test_leading_the_is_dropped_from_a_vetoing_member() -> None:
    assert one("Draft resolution S/2018/516 vetoed by the United States 10-1-4")["vetoed_by"] == [
        "United States"
    ]


def test_companion_documents_stay_out_of_the_symbol_but_in_the_text() -> None:
    o = one("Draft resolutions S/507 & \n\t\tAdd.1 & \n\t\tS/516 not adopted6-1-3")
    assert o["symbol"] == "S/507"
    assert o["text"] == "Draft resolutions S/507 & Add.1 & S/516 not adopted6-1-3"
    assert tally(o) == (6, 1, 3)


def test_a_bare_symbol_not_adopted_is_a_draft() -> None:
    o = one("S/2018/175 not adopted\n    6-7-2")
    assert (o["kind"], o["symbol"], o["outcome"], tally(o)) == (
        "draft",
        "S/2018/175",
        "not_adopted",
        (6, 7, 2),
    )


def test_a_bracketed_symbol_is_unwrapped() -> None:
    assert one("Draft resolution (S/2013/660) not adopted\n      7-0-8")["symbol"] == "S/2013/660"


def test_a_qualifier_after_the_symbol_goes_to_label() -> None:
    o = one("Draft resolution S/15255/Rev.2 (as corrected)\n\t\tvetoed by USA14-1-0")
    assert (o["symbol"], o["label"]) == ("S/15255/Rev.2", "as corrected")


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("S/PRST/2000/41", "S/PRST/2000/41"),
        ("S/13900 (PRST) and \n\t\tCorr.1", "S/13900"),
        ("S/PV.1603 (PRST)", "S/PV.1603"),
        ("PRST unnumbered", None),
    ],
)
def test_presidential_statements_in_every_written_form(text: str, symbol: str | None) -> None:
    o = one(text)
    assert (o["kind"], o["outcome"], o["symbol"]) == ("prst", "statement", symbol)


def test_prst_glued_to_a_tally_is_still_found() -> None:
    res, prst = parse_result_text("S/RES/1351 (2001)\n      15-0-0S/PRST/2001/15")
    assert (res["symbol"], prst["symbol"]) == ("S/RES/1351(2001)", "S/PRST/2001/15")


@pytest.mark.parametrize(
    "text",
    [
        "--",
        "Communiqu&eacute",
        "communiqué",
        "Note (S/2000/1)",
        "Letter(S/2001/2)",
        "Election of Mr. A (Ruritania), Mr. B (USA) and\n\t\tMr. C (USSR)",
        "Decision",
        "Referral to the Committee on the Admission of New Members",
    ],
)
def test_cells_that_record_no_vote_give_nothing_and_leave_nothing(text: str) -> None:
    assert parse_result_text(text) == []
    assert unparsed_text(text) == []


def test_a_veto_without_tally_does_not_swallow_the_next_outcome() -> None:
    text = (
        "Draft resolution S/PV.49 vetoed by USSR \n"
        " Draft resolution S/PV.49 vetoed by USSR \nS/RES/7 (1946)  11-0-0"
    )
    a, b, c = parse_result_text(text)
    assert a["vetoed_by"] == b["vetoed_by"] == ["USSR"]
    assert tally(a) == (None, None, None)
    assert (c["symbol"], tally(c)) == ("S/RES/7(1946)", (11, 0, 0))


def test_a_piece_nothing_recognises_is_kept_as_a_leftover() -> None:
    text = "S/RES/5 (1946) 11-0-0 Adjourned sine die + S/PRST/1999/1"
    assert [o["symbol"] for o in parse_result_text(text)] == ["S/RES/5(1946)", "S/PRST/1999/1"]
    assert unparsed_text(text) == ["Adjourned sine die"]


# ------------------------------------------------------------------------ sheet rows
@pytest.fixture
def meeting_table() -> pa.Table:
    return parse_meeting_rows(fixture_rows("meeting_rows.json"), "fixture")


def test_table_has_the_declared_schema(meeting_table: pa.Table) -> None:
    assert meeting_table.schema == MEETING_SCHEMA


def test_one_row_per_outcome_numbered_by_sheet_row_and_seq(meeting_table: pa.Table) -> None:
    keys = [(r["source_row"], r["seq"], r["kind"]) for r in meeting_table.to_pylist()]
    assert keys == [
        (2, 1, "draft"),
        (2, 2, "prst"),
        (3, 1, "resolution"),
        (5, 1, "draft"),
        (5, 2, "draft"),
        (6, 1, "resolution"),
        (7, 1, "prst"),
        (9, 1, "draft"),
        (9, 2, "draft"),
    ]
    assert set(meeting_table.column("source").to_pylist()) == {"fixture"}


def test_date_is_built_from_day_month_and_year(meeting_table: pa.Table) -> None:
    by_row = {r["source_row"]: r["date"] for r in meeting_table.to_pylist()}
    assert by_row[2] == date(1946, 9, 20)
    assert by_row[7] == date(2001, 9, 13)  # "13 Sep."


def test_blank_or_multi_day_date_is_null(meeting_table: pa.Table) -> None:
    by_row = {r["source_row"]: r["date"] for r in meeting_table.to_pylist()}
    assert by_row[5] is None and by_row[6] is None


def test_topic_whitespace_is_collapsed(meeting_table: pa.Table) -> None:
    assert meeting_table.column("topic")[0].as_py() == "The Greek question"


def test_rows_without_outcome_are_not_in_the_table(meeting_table: pa.Table) -> None:
    assert not {4, 8, 10} & set(meeting_table.column("source_row").to_pylist())


def test_unparsed_fragments_name_their_sheet_row() -> None:
    assert unparsed_fragments(fixture_rows("meeting_rows.json")) == [(8, "S/99999")]


def test_missing_result_column_raises_naming_the_column() -> None:
    rows = [["year", "date", "topics"], [1946.0, "1 May", "x"]]
    with pytest.raises(MalformedData, match=r"row 1 \(header\) has no column 'result'"):
        parse_meeting_rows(rows, "fixture", "broken.xlsx")


def test_a_year_that_is_not_a_number_raises_naming_the_row() -> None:
    rows = [["year", "date", "topics", "result"], ["n/a", "1 May", "x", "S/PRST/2000/1"]]
    with pytest.raises(MalformedData, match=r"broken.xlsx: row 2, column 'year'"):
        parse_meeting_rows(rows, "fixture", "broken.xlsx")


# ------------------------------------------------------------------------ xlsx files
def test_an_xlsx_file_parses_like_its_rows(tmp_path: Path) -> None:
    rows = fixture_rows("meeting_rows.json")
    path = write_xlsx(tmp_path / "meetings.xlsx", rows)
    assert parse_meeting_table(path, "fixture").equals(parse_meeting_rows(rows, "fixture"))
    assert unparsed_fragments(path) == [(8, "S/99999")]


def test_an_xlsx_without_result_column_names_file_and_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "no_result.xlsx", [["year", "date", "topics"], [1946.0, "x", "y"]])
    with pytest.raises(
        MalformedData, match=r"no_result.xlsx: row 1 \(header\) has no column 'result'"
    ):
        parse_meeting_table(path, "fixture")


def test_an_unreadable_file_raises_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "not_a_workbook.xlsx"
    path.write_text("year,date,topics,result\n")
    with pytest.raises(MalformedData, match=r"not_a_workbook.xlsx: cannot be read"):
        parse_meeting_table(path, "fixture")


# ---------------------------------------------------------------------- failed drafts
@pytest.fixture
def failed() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    drafts, votes = parse_failed_draft_rows(fixture_rows("failed_draft_rows.json"))
    return drafts.to_pylist(), votes.to_pylist()


def test_tally_tuple_is_read_as_for_abstain_against(failed: Any) -> None:
    first = failed[0][0]
    assert (first["yes"], first["no"], first["abstain"]) == (2, 2, 1)


def test_symbol_and_part_are_split_from_voting_on(failed: Any) -> None:
    parts = [(d["symbol"], d["part"]) for d in failed[0]]
    assert parts == [
        ("S/2090/11", None),
        ("S/2090/11", "Paragraphs 1-4"),
        ("S/2090/12", "Last Paragraph"),
        (None, None),
    ]


def test_meeting_is_named_by_its_record_and_seq_counts_within_it(failed: Any) -> None:
    assert [(d["meeting"], d["seq"]) for d in failed[0]] == [
        ("S/PV.9001", 1),
        ("S/PV.9001", 2),
        ("S/PV.9001", 3),
        ("S/PV.170", 1),
    ]


def test_a_list_that_disagrees_with_the_tally_is_kept_and_warned(failed: Any) -> None:
    third = failed[0][2]
    assert (third["yes"], third["no"], third["abstain"]) == (3, 1, 1)
    assert third["warnings"] == "In Favor lists 2 names but the tally says 3"
    assert [d["warnings"] for d in failed[0]].count(None) == 3


def test_member_votes_give_one_row_per_name(failed: Any) -> None:
    first = [
        (v["name"], v["vote"]) for v in failed[1] if (v["meeting_number"], v["seq"]) == (9001, 1)
    ]
    assert first == [
        ("Ruritania", "Y"),
        ("Freedonia", "Y"),
        ("Latveria", "N"),
        ("Genovia", "N"),
        ("Sylvania", "A"),
    ]


def test_a_tally_cell_that_is_not_a_tuple_raises_naming_row_and_column() -> None:
    rows = fixture_rows("failed_draft_rows.json")[:2]
    rows[1][7] = "eight to five"
    with pytest.raises(MalformedData, match=r"row 2, column 'For,Abstain,Against'"):
        parse_failed_draft_rows(rows, "cleaned.xlsx")


def test_failed_drafts_from_xlsx_nest_votes_for_the_store(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "failed.xlsx", fixture_rows("failed_draft_rows.json"))
    drafts, votes = parse_failed_drafts(path)
    nested = failed_drafts_with_votes(path)
    assert nested.drop_columns(["member_votes"]).equals(drafts)
    assert sum(len(v) for v in nested.column("member_votes").to_pylist()) == votes.num_rows


def test_the_source_names_three_pinned_files() -> None:
    files = meetings.SOURCE.files
    assert [f.key for f in files] == ["meetings_1946_2019", "meetings_2000_2019", "failed_drafts"]
    assert all(f.sha256 and f.url and f.mirror_path.startswith("unsc_for_us/") for f in files)


# --------------------------------------------------------------------- the real files
def real(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="module")
def older() -> list[dict[str, Any]]:
    return parse_meeting_table(real("sample_1946_2019.xlsx"), "meetings_1946_2019").to_pylist()


@pytest.fixture(scope="module")
def newer() -> list[dict[str, Any]]:
    return parse_meeting_table(real("sample_2000_2019.xlsx"), "meetings_2000_2019").to_pylist()


def find(rows: list[dict[str, Any]], symbol: str, label: str | None = None) -> dict[str, Any]:
    hits = [r for r in rows if r["symbol"] == symbol and r["label"] == label]
    assert hits, f"{symbol} not found"
    return hits[0]


def test_real_1946_2019_table_has_at_least_190_vetoes(older: list[dict[str, Any]]) -> None:
    assert sum(r["outcome"] == "vetoed" for r in older) >= 190


def test_real_2000_2019_table_has_at_least_25_vetoes(newer: list[dict[str, Any]]) -> None:
    assert sum(r["outcome"] == "vetoed" for r in newer) >= 25


@pytest.mark.parametrize("which", ["older", "newer"])
def test_real_s_2018_516_vetoed_by_the_united_states(which: str, request: Any) -> None:
    o = find(request.getfixturevalue(which), "S/2018/516")
    assert (o["outcome"], o["vetoed_by"], tally(o)) == ("vetoed", ["United States"], (10, 1, 4))


def test_real_s_2019_961_vetoed_by_russia_and_china(older: list[dict[str, Any]]) -> None:
    o = find(older, "S/2019/961")
    assert (o["vetoed_by"], tally(o)) == (["Russian Federation", "China"], (13, 2, 0))


def test_real_s_2014_916_not_adopted(older: list[dict[str, Any]]) -> None:
    o = find(older, "S/2014/916")
    assert (o["outcome"], tally(o)) == ("not_adopted", (8, 2, 5))


def test_real_s_pv_57_transjordan_vetoed(older: list[dict[str, Any]]) -> None:
    o = find(older, "S/PV.57", "Transjordan")
    assert (o["outcome"], o["vetoed_by"], tally(o)) == ("vetoed", ["USSR"], (8, 2, 1))


def test_real_tallies_fit_the_council_of_their_year(
    older: list[dict[str, Any]], newer: list[dict[str, Any]]
) -> None:
    bad = [
        (r["source"], r["source_row"], r["text"])
        for r in older + newer
        if r["yes"] is not None
        and r["yes"] + r["no"] + r["abstain"] > (11 if r["year"] < 1966 else 15)
    ]
    assert bad == []


def test_real_overlapping_years_agree_on_tallies(
    older: list[dict[str, Any]], newer: list[dict[str, Any]]
) -> None:
    old = {(r["symbol"], r["label"]): tally(r) for r in older if r["year"] >= 2000}
    clash = [
        (r["symbol"], tally(r), old[(r["symbol"], r["label"])])
        for r in newer
        if (r["symbol"], r["label"]) in old
        and None not in tally(r)
        and None not in old[(r["symbol"], r["label"])]
        and tally(r) != old[(r["symbol"], r["label"])]
    ]
    assert clash == []


@pytest.mark.parametrize("name", ["sample_1946_2019.xlsx", "sample_2000_2019.xlsx"])
def test_real_unparsed_fragments_are_few(name: str) -> None:
    leftovers = unparsed_fragments(real(name))
    print(f"\n{name}: {len(leftovers)} unparsed fragment(s): {leftovers}")
    assert len(leftovers) <= 5


def test_real_failed_drafts_give_53_drafts_with_consistent_member_votes() -> None:
    drafts, votes = parse_failed_drafts(real("cleaned_data_unsc.xlsx"))
    assert drafts.num_rows == 53
    warned = [
        (d["source_row"], d["voting_on"], d["warnings"])
        for d in drafts.to_pylist()
        if d["warnings"]
    ]
    print(f"\nfailed drafts whose lists disagree with the tally: {warned}")
    assert len(warned) <= 2
    counted: dict[tuple[int, int, str], int] = {}
    for v in votes.to_pylist():
        key = (v["meeting_number"], v["seq"], v["vote"])
        counted[key] = counted.get(key, 0) + 1
    for d in drafts.to_pylist():
        if d["warnings"] is None:
            key = (d["meeting_number"], d["seq"])
            assert [counted.get((*key, v), 0) for v in "YNA"] == [d["yes"], d["no"], d["abstain"]]


def test_real_failed_drafts_agree_with_the_meeting_tables(older: list[dict[str, Any]]) -> None:
    drafts, _ = parse_failed_drafts(real("cleaned_data_unsc.xlsx"))
    tables: dict[str, set[tuple[Any, ...]]] = {}
    for r in older:
        if r["kind"] == "draft":
            tables.setdefault(r["symbol"], set()).add(tally(r))
    differ = [
        (d["meeting"], d["symbol"], (d["yes"], d["no"], d["abstain"]), tables[d["symbol"]])
        for d in drafts.to_pylist()
        if d["part"] is None
        and d["symbol"] in tables
        and (d["yes"], d["no"], d["abstain"]) not in tables[d["symbol"]]
    ]
    print(f"\nfailed drafts whose tally the meeting table does not have: {differ}")
    assert len(differ) <= 1
