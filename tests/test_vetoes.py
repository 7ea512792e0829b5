"""`Record.vetoes` lists exactly the Library's veto list, by member and date."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from untally.errors import UnknownMember
from untally.record import Record

LIST = "vetoes/unsc_vetoes_1946_sept2022.csv"
# The veto list's own names for the permanent members, as an independent oracle.
LIST_NAMES = {"USA": "USA", "GBR": "UK", "FRA": "France", "CHN": "China", "RUS": "Russia",
              "SUN": "USSR"}  # fmt: skip


def drafts_in_list(mirror, name: str, until: date) -> list[str]:
    with duckdb.connect() as con:
        rows = con.execute(
            f"""
            SELECT draft FROM read_csv('{mirror / LIST}', all_varchar=true)
            WHERE ? IN (trim(member_veto1), trim(member_veto2), trim(member_veto3))
              AND strptime(date, '%m/%d/%Y')::DATE <= ?
            """,
            [name, until],
        ).fetchall()
    return [r[0] for r in rows]


@pytest.fixture(scope="module")
def record(built_db):
    with Record(built_db) as r:
        yield r


@pytest.mark.parametrize("code", sorted(LIST_NAMES))
def test_vetoes_by_member_match_the_veto_list(record, mirror, code):
    until = date(2021, 5, 31)
    expected = drafts_in_list(mirror, LIST_NAMES[code], until)
    got = record.vetoes(code, until=until)
    assert len(got) == len(expected)
    assert all(code in v.vetoed_by and v.date <= until for v in got)


def test_us_vetoes_to_31_may_2021_number_82(record):
    assert len(record.vetoes("United States", until=date(2021, 5, 31))) == 82


def test_member_aliases_give_the_same_list(record):
    assert record.vetoes("US") == record.vetoes("USA") == record.vetoes("United States")


def test_russia_alone_excludes_ussr_vetoes_but_seat_joins_them(record):
    russia = record.vetoes("Russia")
    seat = record.vetoes("Russia", seat=True)
    ussr = record.vetoes("USSR")
    assert len(seat) == len(russia) + len(ussr)
    assert all(v.date.year >= 1992 for v in russia)


def test_joint_veto_lists_the_other_permanent_member_as_also_voting_no(record):
    v = next(v for v in record.vetoes("Russia") if v.draft == "S/2019/961")
    assert v.vetoed_by == ["CHN", "RUS"]
    assert v.also_no == ["CHN"]
    assert (v.yes, v.no, v.abstain) == (13, 2, 0)
    assert v.lone is False


def test_lone_us_veto_has_one_negative_vote(record):
    v = next(v for v in record.vetoes("USA") if v.draft == "S/2018/516")
    assert (v.yes, v.no, v.abstain) == (10, 1, 4)
    assert v.lone is True
    assert v.also_no == []


def test_veto_without_a_tally_in_the_sources_says_unknown(record):
    v = next(v for v in record.vetoes("USSR") if v.draft == "S/1894")
    assert v.yes is None and v.lone is None and v.tally_source is None


def test_since_and_until_bound_the_dates(record):
    got = record.vetoes(since=date(2011, 1, 1), until=date(2011, 12, 31))
    assert got and all(v.date.year == 2011 for v in got)


def test_unknown_member_suggests_the_closest(record):
    with pytest.raises(UnknownMember, match="did you mean USA"):
        record.vetoes("Untied States")
