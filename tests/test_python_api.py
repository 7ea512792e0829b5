"""The Python API as a researcher uses it in a notebook: one ``Record``, names and topic groups
resolved by the library, every answer a typed Arrow table and a pandas frame."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from untally import Record, UnknownMember, UntallyError


@pytest.fixture(scope="module")
def record(built_db):
    with Record(built_db) as r:
        yield r


def test_us_vetoes_as_arrow_and_pandas(record):
    vetoes = record.vetoes("USA")
    table = vetoes.to_arrow()
    assert table.num_rows == len(vetoes) == 89
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("yes").type == pa.int64()
    assert table.schema.field("vetoed_by").type == pa.list_(pa.string())
    frame = vetoes.to_pandas()
    assert list(frame.columns) == table.column_names
    assert frame["date"].iloc[0] == date(1970, 3, 17)
    assert all("USA" in v for v in frame["vetoed_by"])


def test_israel_related_us_vetoes_to_may_2021(record):
    vetoes = record.vetoes("USA", topics=("israel-related",), until="2021-05-31")
    assert len(vetoes) == 44
    frame = vetoes.to_pandas()
    assert len(frame) == 44 and frame["date"].max() <= date(2021, 5, 31)
    assert record.vetoes("United States", topics="israel-related", until="2021-05").to_arrow() == (
        vetoes.to_arrow()
    )  # a name, a single topic and a partial date (its last day) ask the same
    count = record.veto_count("USA", topic="israel-related", until="2021-05-31")
    assert count.value == 44 and count.to_arrow().column("value").to_pylist() == [44]


def test_a_ga_vote_by_symbol(record):
    vote = record.ga_vote("A/RES/ES-11/1")
    assert (vote.date, vote.yes, vote.no, vote.abstain) == (date(2022, 3, 2), 141, 5, 35)
    votes = vote.to_pandas()
    assert set(votes.columns) >= {"member", "name", "vote"}
    assert votes.set_index("member").loc["RUS", "vote"] == "N"


def test_ga_agreement_for_a_pair(record):
    answer = record.agreement(["USA", "Israel"], year=2024, by="all")
    table = answer.to_arrow()
    assert table.num_rows == 1
    assert table.schema.field("n_votes").type == pa.int64()
    assert table.column("value").to_pylist()[0] == pytest.approx(71 / 75)
    ranked = record.rank("USA", year=2024, top=1).to_pandas()
    assert ranked["b"].tolist() == ["ISR"]


def test_every_analysis_is_a_method_with_a_table(record):
    assert record.decision("S/2018/516").to_arrow().num_rows == 15
    assert record.veto_stats("member").to_pandas().set_index("key").loc["USA", "drafts"] == 89
    assert record.counterfactual("two-veto", since=date(1990, 1, 1)).to_arrow().num_rows == 54
    assert record.isolation("USA", year=2019, max_with=0).to_arrow().num_rows > 0
    report = record.check("The United States has vetoed 89 draft resolutions.")
    assert "verdict" in report.to_pandas().columns


@pytest.mark.parametrize(
    "ask",
    [
        lambda r: r.vetoes("Untied States"),
        lambda r: r.vetoes("USA", topics=("israel",)),
        lambda r: r.veto_count("USA", topic="no-such-topic"),
        lambda r: r.agreement(["USA", "Atlantis"]),
        lambda r: r.ga_vote("A/RES/99/99999"),
        lambda r: r.vetoes("USA", until="2021-13"),
    ],
    ids=["member", "topic", "count-topic", "ga-member", "ga-symbol", "date"],
)
def test_unknown_names_raise_one_line(record, ask):
    with pytest.raises(UntallyError) as caught:
        ask(record)
    assert "\n" not in str(caught.value) and " — " in str(caught.value)


def test_a_veto_filter_given_a_name_raises_instead_of_matching_nothing():
    from untally.analytics.vetoes import VetoFilter

    with pytest.raises(UntallyError, match="member code"):
        VetoFilter(member="United States")
    with pytest.raises(UnknownMember):
        VetoFilter(member="Untied States")
    with pytest.raises(UntallyError, match="unknown topic"):
        VetoFilter(topics=("nope",))
    assert VetoFilter(topics=("israel-related",)).topics == tuple(
        sorted(("gaza", "israel-lebanon", "israel-states", "israel-syria", "palestine"))
    )


def test_one_date_parser_reads_a_partial_until_as_the_end_of_the_period():
    from untally.dates import as_date, parse_date

    assert parse_date("2020-05", "--until", end=True) == date(2020, 5, 31)
    assert parse_date("2020-05", "--since") == date(2020, 5, 1)
    assert as_date(2020, end=True) == date(2020, 12, 31)
    assert as_date("2020-12", end=True) == date(2020, 12, 31)
