"""The record to 2025 on the mirror: the veto-list supplement, member votes on failed drafts
2020-2025, amendments and exact symbols, joined into one model (issue 9)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from untally.analytics.vetoes import (
    Convention,
    VetoFilter,
    count_vetoes,
    ga_debates,
    held,
    veto_stats,
)
from untally.cli import app
from untally.record import Record

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def record(built_db):
    with Record(built_db) as r:
        yield r


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_us_vetoes_to_the_end_of_the_record_number_89(record):
    assert count_vetoes(record.store.con, VetoFilter(member="USA")).value == 89


def test_us_count_of_82_held_until_the_veto_of_s_2023_773(record, built_db):
    (p,) = held(record.store.con, VetoFilter(member="USA"), 82)
    assert (p.held_from, p.ended_on, p.ended_by) == (
        date(2020, 8, 31), date(2023, 10, 18), "S/2023/773",
    )  # fmt: skip
    text = run("vetoes", "--member", "USA", "--count", "--held", "82", "--db", str(built_db))
    assert "from 2020-08-31 (veto of S/2020/852) until 2023-10-18 (veto of S/2023/773)" in text


def test_stats_per_member_to_the_end_of_the_record(record):
    rows = {r["key"]: r for r in veto_stats(record.store.con, "member").to_pylist()}
    drafts = {k: r["drafts"] for k, r in rows.items()}
    assert drafts["SUN"] + drafts["RUS"] == 129
    assert (drafts["USA"], drafts["GBR"], drafts["FRA"], drafts["CHN"]) == (89, 29, 16, 19)
    seat = count_vetoes(record.store.con, VetoFilter(member="RUS", seat=True))
    assert seat.value == 129


def test_s_2020_852_shows_14_1_0_with_each_members_vote(record, built_db):
    (decision_id,) = record.find("S/2020/852")
    d = record.decision(decision_id)
    assert (d.yes, d.no, d.abstain) == (14, 1, 0)
    assert len(d.votes) == 15
    assert [v.member for v in d.votes if v.vote == "N"] == ["USA"]
    assert d.rules_agree is True
    assert d.verification and "secondary source" in d.verification
    text = run("show", "S/2020/852", "--db", str(built_db))
    assert "(14-1-0)" in text and "secondary sources:" in text and "Viet Nam" in text


def test_supplement_vetoes_continue_the_list_order(record):
    rows = record.store.rows(
        "SELECT veto_id, v.draft FROM vetoes v JOIN decisions d USING (decision_id) "
        "WHERE kind = 'draft' AND v.date > DATE '2022-07-08' ORDER BY veto_id"
    )
    assert len(rows) == 15
    assert rows[0][0] == 215 and rows[0][1] == "S/2022/720"
    assert [r[0] for r in rows] == list(range(215, 230))


def test_every_decision_resting_on_a_secondary_source_says_so(record, built_db):
    v = next(v for v in record.vetoes("USA") if v.draft == "S/2023/773")
    assert v.verification and "symbol" in v.verification
    rows = json.loads(run("vetoes", "-m", "USA", "--since", "2023-01-01", "--db", str(built_db),
                          "-f", "json"))  # fmt: skip
    assert all(r["verification"] for r in rows)
    csv_text = run("vetoes", "-m", "USA", "--since", "2023-01-01", "--db", str(built_db),
                   "-f", "csv")  # fmt: skip
    assert csv_text.splitlines()[0].endswith(",verification")


def test_drafts_without_a_symbol_are_decisions_with_a_synthetic_id(record):
    d = record.decision("unknown-symbol:2023-10-25")
    assert d.draft is None and d.url is None
    assert (d.yes, d.no, d.abstain) == (4, 2, 9)
    assert d.outcome == "not_adopted" and d.rules_agree is True
    assert "symbol not found" in (d.verification or "")


def test_a_draft_without_symbol_takes_the_failed_drafts_tables_symbol(record):
    d = record.decision("S/2022/821")
    assert d.date == date(2022, 11, 2) and len(d.votes) == 15
    assert "failed-drafts table" in (d.verification or "")


def test_amendments_are_decisions_linked_to_their_draft(record):
    d = record.decision("S/2023/1029 amendment")
    assert d.kind == "amendment" and d.amends == "S/RES/2720(2023)" and d.draft == "S/2023/1029"
    assert d.vetoed_by == ["USA"] and (d.yes, d.no, d.abstain) == (10, 1, 4)
    russia = [record.decision(i) for i in ("S/2025/112 amendment 1", "S/2025/112 amendment 2")]
    assert all(a.vetoed_by == ["RUS"] and a.amends == "S/RES/2774(2025)" for a in russia)


def test_the_drafts_convention_leaves_amendments_out(record):
    f = VetoFilter(member="USA")
    con = record.store.con
    assert "S/2023/1029 amendment" not in count_vetoes(con, f).drafts
    assert count_vetoes(con, f, Convention.drafts_and_amendments).value == 90
    assert [v for v in record.vetoes("USA") if "amendment" in v.draft] == []


def test_the_uns_2023_summary_five_drafts_and_one_amendment_is_reproduced(record):
    """GA/12610 and the Highlights 2023: vetoes on five draft resolutions and one amendment,
    seven instances of a veto."""
    con = record.store.con
    year = VetoFilter(since=date(2023, 1, 1), until=date(2023, 12, 31))
    drafts = count_vetoes(con, year, Convention.drafts)
    both = count_vetoes(con, year, Convention.drafts_and_amendments)
    member_votes = count_vetoes(con, year, Convention.member_votes)
    assert drafts.value == 5
    assert both.value == 6 and both.value - drafts.value == 1
    assert member_votes.value + (both.value - drafts.value) == 7


def test_every_veto_since_the_veto_initiative_has_its_deadline_and_no_guessed_debate(record):
    debates = ga_debates(record.store.con)
    vetoes_since = record.store.one("SELECT count(*) FROM vetoes WHERE date >= DATE '2022-04-26'")[
        0
    ]
    assert len(debates) == vetoes_since >= 20
    assert all(d.debate is None and d.status == "no loaded source records the debate"
               for d in debates)  # fmt: skip
    last = debates[-1]
    assert (last.date, last.draft, last.deadline) == (
        date(2025, 9, 18), "S/2025/583", date(2025, 10, 2),
    )  # fmt: skip


def test_every_symbol_form_finds_the_draft(record):
    assert record.find("S/18087") == record.find("S/18087/Rev.1") == ["S/18087/Rev.1"]
    assert record.decision("S/18087/Rev.1").symbols == ["S/18087", "S/18087/Rev.1"]


def symbol_pairs(record) -> list[tuple[str, str]]:
    return [
        (d, ", ".join(s for s in forms if s != d))
        for d, forms in record.store.rows(
            "SELECT draft, symbols FROM decisions WHERE symbols IS NOT NULL ORDER BY date"
        )
    ]


def test_docs_list_every_symbol_pair_found(record):
    text = (DOCS / "symbols.md").read_text()
    pairs = symbol_pairs(record)
    assert pairs
    for kept, other in pairs:
        assert f"| {kept} | {other} |" in text
    listed = [line for line in text.splitlines() if line.startswith("| S/")]
    assert len(listed) == len(pairs)
