"""Verification: what the record says of a claim, under which convention, for which period.

Figures are the mirror's (veto list to 2022-07-08, meeting tables to 2019, Assembly to 2021).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from untally.claims import check
from untally.claims.models import Verdict
from untally.record import Record


@pytest.fixture(scope="session")
def record(built_db: Path):
    with Record(built_db) as r:
        yield r


def verdicts(record: Record, text: str, as_of: date | None = None):
    return check(text, record, as_of).findings


def one(record: Record, text: str, as_of: date | None = None):
    found = verdicts(record, text, as_of)
    assert len(found) == 1, [(f.claim.kind.value, f.claim.text) for f in found]
    return found[0]


def test_an_undated_count_names_the_period_in_which_it_held(record):
    f = one(record, "The United States has vetoed 82 draft resolutions.")
    assert f.verdict is Verdict.supported
    assert (f.held_from, f.held_until) == (date(2020, 8, 31), None)  # None: still at the end
    assert any("no date" in n for n in f.notes)


def test_a_count_that_held_only_in_the_past_still_names_its_period(record):
    f = one(record, "China has vetoed 16 resolutions.")
    assert f.verdict is Verdict.supported
    assert (f.held_from, f.held_until) == (date(2020, 7, 10), date(2022, 5, 25))


def test_a_wrong_count_is_contradicted_with_the_value_found(record):
    f = one(record, "The United States has vetoed 89 resolutions.", date(2021, 6, 1))
    assert f.verdict is Verdict.contradicted and f.value_found == "82"


def test_since_a_year_excludes_earlier_vetoes(record):
    # The first US veto (S/9696, 1970) is before 1972: 81, not 82.
    f = one(
        record, "Since 1972 the United States has vetoed 82 draft resolutions.", date(2021, 6, 1)
    )
    assert f.verdict is Verdict.contradicted and f.value_found == "81"


def test_the_israel_related_group_gives_44_us_vetoes(record):
    f = verdicts(
        record, "The US has vetoed 82 resolutions, 44 of them on Israel.", date(2021, 5, 31)
    )[1]
    assert f.verdict is Verdict.supported and f.value_found == "44"
    assert len(f.evidence) == 44 and all(e.url for e in f.evidence)


def test_lone_in_every_case_holds_for_the_subset_only_and_names_the_joint_vetoes(record):
    text = (
        "The US has vetoed 82 resolutions, 44 of them on Israel, "
        "and in every case it was the lone vote against."
    )
    f = verdicts(record, text, date(2021, 5, 31))[2]
    assert f.verdict is Verdict.partly_supported
    assert len(f.counter_examples) == 22
    assert all("GBR" in e.vetoed_by for e in f.counter_examples)
    assert sum("FRA" in e.vetoed_by for e in f.counter_examples) == 13


def test_a_total_depends_on_the_counting_unit(record):
    f = one(record, "Since 1946 the veto has been used 260 times.", date(2021, 5, 31))
    assert f.verdict is Verdict.partly_supported
    assert f.convention == "member-votes" and "210 (drafts)" in f.value_found


def test_draft_wording_fixes_the_drafts_convention(record):
    f = one(record, "Since 1946, 210 draft resolutions have been vetoed.", date(2021, 5, 31))
    assert f.verdict is Verdict.supported and f.convention == "drafts"


def test_russia_and_the_soviet_seat_are_two_readings(record):
    f = one(record, "Russia has never vetoed a resolution on Israel.")
    assert f.verdict is Verdict.partly_supported
    assert {e.symbol for e in f.counter_examples} >= {"S/3151/Rev.2", "S/7575/Rev.1"}


def test_a_universal_claim_names_its_counter_examples(record):
    f = one(record, "Every American veto since 2001 has been cast to protect Israel.")
    assert f.verdict is Verdict.contradicted
    assert [e.symbol for e in f.counter_examples] == ["S/2002/712", "S/2020/852"]


def test_first_and_last_vetoes_are_checked_against_the_claimed_date(record):
    right = one(record, "The Soviet Union cast the first veto in February 1946.")
    wrong = one(record, "China cast its first veto in 1971.")
    assert right.verdict is Verdict.supported
    assert wrong.verdict is Verdict.contradicted and "1972-08-25" in wrong.value_found


def test_a_claim_after_the_end_of_the_veto_list_is_unverifiable_not_false(record):
    f = one(
        record, "Russia has vetoed four draft resolutions on Ukraine since 2014.", date(2023, 12, 1)
    )
    assert f.verdict is Verdict.unverifiable
    assert any("does not reach 2023-12-01" in n for n in f.notes)


def test_a_count_already_exceeded_before_the_record_ends_is_contradicted(record):
    # Counts only grow: 31 by 2022-07-08 rules out "20" at any later date.
    f = one(record, "Russia has vetoed 20 draft resolutions since 1993.", date(2023, 12, 1))
    assert f.verdict is Verdict.contradicted


def test_a_resolution_tally_and_member_votes_are_checked(record):
    f = one(record, "Resolution 1441 passed 14-1 in November 2002, with Syria voting against.")
    assert f.verdict is Verdict.contradicted
    assert "SYR yes, not no" in f.notes and "yes: 15, not 14" in f.notes


def test_a_procedural_decision_is_said_to_be_one(record):
    f = one(
        record,
        "On 27 February 2022 the Council voted 11 to 1, with 3 abstentions.",
        date(2022, 3, 3),
    )
    assert f.verdict is Verdict.supported and any("procedural" in n for n in f.notes)


def test_a_blocked_press_statement_is_not_a_recorded_vote(record):
    f = one(record, "Russia blocked a Council press statement on Syria.")
    assert f.verdict is Verdict.unverifiable and "no vote is recorded" in f.notes[0]


def test_assembly_isolation_names_who_else_voted_no(record):
    text = (
        "The General Assembly called for an end to the US embargo on Cuba, by 187 votes to 3, "
        "with 2 abstentions. Only the United States and Israel voted against the resolution."
    )
    f = verdicts(record, text, date(2019, 11, 7))[1]
    assert f.verdict is Verdict.contradicted and "BRA, ISR, USA" in f.notes[0]


def test_an_assembly_pattern_names_the_year_that_breaks_it(record):
    text = (
        "The General Assembly condemned the embargo on Cuba. "
        "Washington has voted against the Cuba resolution every year since 1992."
    )
    f = verdicts(record, text, date(2019, 11, 7))[-1]
    assert f.verdict is Verdict.contradicted
    assert [e.symbol for e in f.counter_examples] == ["A/RES/71/5"]  # 2016: abstained


def test_voting_agreement_is_checked_under_each_state_department_method(record):
    f = one(
        record,
        "Britain sided with Washington on 64 percent of recorded votes in the Assembly in 2019.",
    )
    assert f.verdict is Verdict.partly_supported
    assert "state-dept-2017" in f.convention
    assert "state-dept:" in " ".join(f.notes)


def test_assembly_claims_are_unverifiable_when_the_assembly_is_not_loaded(
    built_db: Path, tmp_path: Path
):
    plain_db = tmp_path / "council-only.duckdb"
    shutil.copyfile(built_db, plain_db)
    with duckdb.connect(str(plain_db)) as con:
        con.execute("DROP TABLE IF EXISTS ga_votes")
        con.execute("DROP TABLE IF EXISTS ga_resolutions")
    with Record(plain_db) as plain:
        f = one(
            plain, "In 2019 the General Assembly voted 187 to 3 to condemn the embargo on Cuba."
        )
    assert f.verdict is Verdict.unverifiable
    assert f.notes == ("the General Assembly record is not loaded",)


def test_the_report_names_where_each_source_ends(record):
    report = check("China has vetoed 16 resolutions.", record)
    assert report.record.vetoes == date(2022, 7, 8)
    assert report.record.assembly == date(2025, 12, 18)
    assert report.as_of is None and report.as_of_source.startswith("unknown")
