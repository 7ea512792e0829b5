"""The 2020-2025 Security Council sources: veto-list supplement, failed-draft votes, amendments.

Every fixture is written here by hand (a few invented rows in the files' layouts), never
copied from the mirror.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from untally.errors import MalformedData
from untally.sources.amendments import amendment_count, parse_amendment_votes
from untally.sources.failed_draft_votes import parse_failed_draft_votes, verification_phrase
from untally.sources.veto_supplement import parse_supplement, secondary_phrase

LIST_HEADER = (
    "year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,"
    "member_veto2,member_veto3,single_veto,multiple_vetoes,China,France,Russia,USSR,USA,UK,"
    "russia_china,usa_uk,usa_france,usa_france_uk,france_uk,source_url,verification\n"
)
LIST_ROW = (
    "2031,3/4/2031,3,S/2031/10,S/PV.12001,Agenda A,Topic A,Region,Russia,China,,0,1,1,0,1,0,0,0,"
    '1,0,0,0,0,https://press.un.org/x,"partly: draft symbol and meeting number from leads only. '
    'Verified in a UN press release: date, vetoes"\n'
)
VOTES_HEADER = (
    "date,draft,meeting,member,vote,tally_yes,tally_no,tally_abstain,vetoed_by,source_url\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def votes_rows(draft: str, yes: int, no: int, abstain: int, vetoed_by: str, url: str) -> str:
    members = ["China", "France", "Russian Federation", "United Kingdom", "United States",
               "Brazil", "Ghana", "Japan", "Malta", "Mozambique", "Albania", "Ecuador",
               "Gabon", "Switzerland", "United Arab Emirates"]  # fmt: skip
    votes = ["N"] * no + ["A"] * abstain + ["Y"] * yes
    return "".join(
        f"2031-03-04,{draft},S/PV.12001,{m},{v},{yes},{no},{abstain},{vetoed_by},{url}\n"
        for m, v in zip(members, votes, strict=True)
    )


# ------------------------------------------------------------------ veto-list supplement


def test_supplement_rows_keep_the_list_columns_and_a_short_secondary_phrase(tmp_path):
    table = parse_supplement(write(tmp_path, "supp.csv", LIST_HEADER + LIST_ROW))
    row = table.to_pylist()[0]
    assert row["date"] == date(2031, 3, 4)
    assert row["draft"] == "S/2031/10"
    assert row["vetoed_by"] == ["Russia", "China"]
    assert row["source_url"] == "https://press.un.org/x"
    assert row["verification"].startswith("partly:")
    assert row["secondary"] == "symbol and meeting from secondary sources"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("partly: draft symbol from leads only. Verified in X: date",
         "symbol from secondary sources"),
        ("partly: date, US veto and tally from news; draft symbol from leads only",
         "symbol, date, tally and vetoing member from secondary sources"),
        ("partly: agenda title by analogy with the 2022 DPRK veto",
         "agenda title from secondary sources"),
        ("", None),
        ("checked in full against S/PV.1", None),
    ],
)  # fmt: skip
def test_secondary_phrase_names_only_what_the_partly_clause_names(text, phrase):
    assert secondary_phrase(text) == phrase


def test_supplement_row_without_source_url_names_line_and_column(tmp_path):
    row = LIST_ROW.replace("https://press.un.org/x", "")
    with pytest.raises(MalformedData, match=r"supp\.csv: line 2, column source_url"):
        parse_supplement(write(tmp_path, "supp.csv", LIST_HEADER + row))


def test_supplement_without_verification_column_is_refused(tmp_path):
    header = LIST_HEADER.replace(",verification", "")
    row = LIST_ROW.rsplit(',"partly', 1)[0] + "\n"
    with pytest.raises(MalformedData, match=r"missing column.*verification"):
        parse_supplement(write(tmp_path, "supp.csv", header + row))


def test_supplement_bad_date_names_line_and_format(tmp_path):
    with pytest.raises(MalformedData, match=r"line 2, column date: '2031-03-04' is not M/D/YYYY"):
        parse_supplement(
            write(tmp_path, "supp.csv", LIST_HEADER + LIST_ROW.replace("3/4/2031", "2031-03-04"))
        )


# ------------------------------------------------------------------ failed-draft votes


def test_failed_draft_votes_resolve_press_release_names_to_codes(tmp_path):
    text = VOTES_HEADER + votes_rows(
        "S/2031/10", 13, 2, 0, "China;Russian Federation", "https://press.un.org/x"
    )
    table = parse_failed_draft_votes(write(tmp_path, "votes.csv", text))
    rows = table.to_pylist()
    assert len(rows) == 15
    assert {r["member"] for r in rows} >= {"CHN", "RUS", "GBR", "USA", "ARE", "CHE"}
    assert rows[2]["name"] == "Russian Federation"
    assert rows[0]["vetoed_by"] == ["CHN", "RUS"]
    assert (rows[0]["yes"], rows[0]["no"], rows[0]["abstain"]) == (13, 2, 0)
    assert rows[0]["verification"] is None  # a UN source, symbol known


def test_failed_draft_without_symbol_or_un_source_says_so():
    assert verification_phrase(None, "https://www.un.org/press/x") == "symbol not found"
    assert verification_phrase("S/2031/1", "https://news.example.com/a") == (
        "tally and member votes from a secondary source (news.example.com)"
    )


def test_failed_draft_votes_unknown_member_names_line_and_column(tmp_path):
    text = VOTES_HEADER + votes_rows("S/2031/10", 13, 2, 0, "", "https://press.un.org/x")
    text = text.replace("Ghana", "Gondor")
    with pytest.raises(
        MalformedData, match=r"votes\.csv: line 8, column member: unknown member 'Gondor'"
    ):
        parse_failed_draft_votes(write(tmp_path, "votes.csv", text))


def test_failed_draft_votes_that_do_not_add_up_are_refused(tmp_path):
    text = VOTES_HEADER + votes_rows("S/2031/10", 13, 2, 0, "", "https://press.un.org/x")
    lines = text.splitlines(keepends=True)
    lines[-1] = lines[-1].replace(",Y,", ",A,", 1)
    with pytest.raises(MalformedData, match=r"S/2031/10 has member votes 12-2-1 but tally 13-2-0"):
        parse_failed_draft_votes(write(tmp_path, "votes.csv", "".join(lines)))


def test_failed_draft_votes_bad_vote_code_names_line_and_column(tmp_path):
    text = VOTES_HEADER + votes_rows("S/2031/10", 13, 2, 0, "", "https://press.un.org/x")
    text = text.replace(",Japan,Y,", ",Japan,yes,")
    with pytest.raises(MalformedData, match=r"line 9, column vote: 'yes' is not one of A, N, Y"):
        parse_failed_draft_votes(write(tmp_path, "votes.csv", text))


def test_failed_draft_votes_bad_tally_names_line_and_column(tmp_path):
    text = VOTES_HEADER + votes_rows("S/2031/10", 13, 2, 0, "", "https://press.un.org/x")
    text = text.replace(",13,2,0,", ",13,two,0,", 1)
    with pytest.raises(MalformedData, match=r"line 2, column tally_no: 'two' is not a count"):
        parse_failed_draft_votes(write(tmp_path, "votes.csv", text))


# ------------------------------------------------------------------ amendments

AMEND_HEADER = (
    "date,parent_draft_adopted_as,amendment_by,negative_vote_by,yes,no,abstain,abstaining,"
    "source,verification\n"
)


def test_amendment_rows_expand_to_one_row_per_amendment_voted(tmp_path):
    text = AMEND_HEADER + (
        '2031-01-02,S/RES/9001 (2031),"Japan, Malta",Russian Federation,,,,,UN News,'
        '"partly: two amendments; symbols and tallies not found"\n'
        "2031-02-03,S/RES/9002 (2031),Russian Federation,United States,10,1,4,,AP,partly: x\n"
    )
    rows = parse_amendment_votes(write(tmp_path, "amend.csv", text)).to_pylist()
    assert [(r["parent_resolution"], r["number"], r["of"]) for r in rows] == [
        ("S/RES/9001(2031)", 1, 2), ("S/RES/9001(2031)", 2, 2), ("S/RES/9002(2031)", 1, 1),
    ]  # fmt: skip
    assert rows[0]["amendment_by"] == ["JPN", "MLT"]
    assert rows[0]["negative_vote_by"] == ["RUS"]
    assert rows[0]["yes"] is None
    assert (rows[2]["yes"], rows[2]["no"], rows[2]["abstain"]) == (10, 1, 4)


@pytest.mark.parametrize(
    ("text", "n"), [("partly: two amendments; x", 2), ("3 amendments", 3), ("partly: x", 1),
                    (None, 1)]
)  # fmt: skip
def test_amendment_count_reads_the_verification_text(text, n):
    assert amendment_count(text) == n


def test_amendment_with_a_bad_parent_symbol_names_line_and_column(tmp_path):
    text = AMEND_HEADER + "2031-01-02,resolution 9001,Malta,United States,,,,,x,partly: x\n"
    with pytest.raises(MalformedData, match=r"line 2, column parent_draft_adopted_as"):
        parse_amendment_votes(write(tmp_path, "amend.csv", text))


def test_amendment_with_a_bad_tally_names_line_and_column(tmp_path):
    text = AMEND_HEADER + "2031-01-02,S/RES/9001 (2031),Malta,United States,ten,1,4,,x,y\n"
    with pytest.raises(MalformedData, match=r"line 2, column yes: 'ten' is not a count"):
        parse_amendment_votes(write(tmp_path, "amend.csv", text))


def test_amendment_with_an_unknown_member_names_line_and_column(tmp_path):
    text = AMEND_HEADER + "2031-01-02,S/RES/9001 (2031),Malta,Atlantis,,,,,x,y\n"
    with pytest.raises(MalformedData, match=r"line 2, column negative_vote_by: unknown member"):
        parse_amendment_votes(write(tmp_path, "amend.csv", text))
