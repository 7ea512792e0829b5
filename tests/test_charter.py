"""Specification of the Charter's decision rules (Art. 27) and their counterfactuals."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from untally.charter import (
    CHARTER,
    ERAS,
    NO_VETO,
    RULES,
    TWO_VETO,
    CouncilVote,
    Rule,
    decide,
    era,
    is_veto,
)
from untally.errors import InvalidVote, UntallyError

# --- Eras -----------------------------------------------------------------------------------


def test_last_day_of_1965_is_the_eleven_member_council() -> None:
    assert (era(date(1965, 12, 31)).seats, era(date(1965, 12, 31)).threshold) == (11, 7)


def test_first_day_of_1966_is_the_fifteen_member_council() -> None:
    assert (era(date(1966, 1, 1)).seats, era(date(1966, 1, 1)).threshold) == (15, 9)


def test_eras_are_in_order_and_each_starts_on_its_own_date() -> None:
    assert [e.since for e in ERAS] == sorted(e.since for e in ERAS)
    assert all(era(e.since) == e for e in ERAS)


def test_a_date_before_the_first_council_meeting_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="1945-12-01"):
        era(date(1945, 12, 1))


def test_a_datetime_is_read_as_its_day() -> None:
    assert era(datetime(1966, 1, 1, 0, 30)) == ERAS[-1]


# --- Vetoes and their absence ---------------------------------------------------------------


def test_fourteen_to_one_with_us_no_is_a_us_veto() -> None:
    """S/2020/852, 31 August 2020: 14-1-0, the United States against."""
    outcome = decide(CouncilVote(date(2020, 8, 31), 14, 1, 0, permanent_no=("USA",)))
    assert (outcome.adopted, outcome.kind, outcome.vetoed_by) == (False, "vetoed", ("USA",))
    assert outcome.reason == (
        "vetoed by USA: 14 in favour (9 required) but a permanent member voted against"
    )


def test_s_2014_916_eight_votes_is_not_a_veto_despite_us_no() -> None:
    """30 December 2014: 8-2-5, Australia and the United States against."""
    vote = CouncilVote(date(2014, 12, 30), 8, 2, 5, permanent_no=("USA",))
    outcome = decide(vote)
    assert (outcome.kind, outcome.vetoed_by) == ("insufficient_votes", ())
    assert outcome.reason == (
        "not adopted: 8 in favour, 9 required; USA also voted against, but a draft without "
        "enough votes is conventionally not counted as a veto"
    )
    assert any("USA" in note for note in outcome.notes)
    assert not is_veto(vote)


def test_unanimous_adoption_says_no_permanent_member_voted_against() -> None:
    outcome = decide(CouncilVote(date(2021, 1, 5), 15, 0, 0))
    assert outcome.adopted
    assert outcome.reason == "adopted: 15 in favour, 9 required, no permanent member voted against"


def test_abstention_of_permanent_member_is_not_a_veto() -> None:
    """S/RES/1973 (2011), Libya: 10-0-5, China and Russia among the abstentions."""
    vote = CouncilVote(date(2011, 3, 17), 10, 0, 5, permanent_abstain=("RUS", "CHN"))
    outcome = decide(vote)
    assert outcome.adopted
    assert any("CHN and RUS abstained" in n and "Namibia" in n for n in outcome.notes)


def test_absence_of_permanent_member_is_not_a_veto() -> None:
    """S/RES/82 (1950), Korea: 9-0-1 with the USSR absent."""
    vote = CouncilVote(date(1950, 6, 25), 9, 0, 1, non_voting=1, permanent_absent=("SUN",))
    outcome = decide(vote)
    assert outcome.adopted
    assert any(n.startswith("SUN absent") for n in outcome.notes)


def test_procedural_vote_ignores_permanent_no() -> None:
    """An agenda vote carried 11-2-2 over the noes of China and Russia."""
    vote = CouncilVote(date(2014, 12, 22), 11, 2, 2, permanent_no=("CHN", "RUS"), procedural=True)
    outcome = decide(vote)
    assert (outcome.adopted, outcome.vetoed_by) == (True, ())
    assert "procedural vote: no veto applies (Art. 27(2))" in outcome.notes
    assert "no veto applies to a procedural vote" in outcome.reason


def test_procedural_vote_still_needs_the_required_votes() -> None:
    assert decide(CouncilVote(date(2014, 12, 22), 8, 0, 7, procedural=True)).kind == (
        "insufficient_votes"
    )


def test_before_1966_seven_votes_adopt() -> None:
    """S/RES/83 (1950), Korea: 7 in favour, Yugoslavia against, the USSR absent."""
    vote = CouncilVote(date(1950, 6, 27), 7, 1, 2, non_voting=1, permanent_absent=("SUN",))
    outcome = decide(vote)
    assert (outcome.adopted, outcome.required, outcome.seats) == (True, 7, 11)


def test_in_1966_seven_votes_do_not_adopt() -> None:
    outcome = decide(CouncilVote(date(1966, 1, 1), 7, 0, 8))
    assert (outcome.kind, outcome.required, outcome.seats) == ("insufficient_votes", 9, 15)


def test_joint_veto_names_both_members_sorted() -> None:
    """S/2011/612, 4 October 2011, Syria: 9-2-4, China and Russia against."""
    outcome = decide(CouncilVote(date(2011, 10, 4), 9, 2, 4, permanent_no=("RUS", "CHN")))
    assert outcome.vetoed_by == ("CHN", "RUS")
    assert outcome.reason.startswith("vetoed by CHN and RUS: 9 in favour (9 required)")
    assert outcome.reason.endswith("but permanent members voted against")


def test_exactly_the_required_votes_with_a_permanent_no_is_a_veto() -> None:
    assert is_veto(CouncilVote(date(2011, 10, 4), 9, 2, 4, permanent_no=("CHN", "RUS")))


def test_a_non_permanent_no_is_never_a_veto() -> None:
    assert decide(CouncilVote(date(2020, 8, 31), 14, 1, 0)).adopted


# --- Counterfactual rules -------------------------------------------------------------------


def test_rules_are_registered_by_name() -> None:
    assert RULES == {"charter": CHARTER, "no-veto": NO_VETO, "two-veto": TWO_VETO}


def test_two_veto_rule_lets_single_veto_pass() -> None:
    outcome = decide(CouncilVote(date(2020, 8, 31), 14, 1, 0, permanent_no=("USA",)), TWO_VETO)
    assert (outcome.adopted, outcome.rule) == (True, "two-veto")
    assert "the two-veto rule needs 2 permanent members against to block" in outcome.reason


def test_two_veto_rule_blocks_a_joint_veto() -> None:
    vote = CouncilVote(date(2011, 10, 4), 9, 2, 4, permanent_no=("CHN", "RUS"))
    assert decide(vote, TWO_VETO).vetoed_by == ("CHN", "RUS")


def test_no_veto_rule_adopts_with_nine_votes() -> None:
    vote = CouncilVote(date(2011, 10, 4), 9, 2, 4, permanent_no=("CHN", "RUS"))
    outcome = decide(vote, NO_VETO)
    assert (outcome.adopted, outcome.required) == (True, 9)
    assert any(note.startswith("rule no-veto:") for note in outcome.notes)


def test_rule_threshold_overrides_the_era() -> None:
    strict = Rule("ten-votes", "counterfactual: 10 affirmative votes", threshold=10)
    outcome = decide(CouncilVote(date(2021, 1, 5), 9, 0, 6), strict)
    assert (outcome.kind, outcome.required) == ("insufficient_votes", 10)


def test_veto_applies_false_switches_the_veto_off() -> None:
    rule = Rule("off", "veto switched off", vetoes_to_block=1, veto_applies=False)
    assert decide(CouncilVote(date(2020, 8, 31), 14, 1, 0, permanent_no=("USA",)), rule).adopted


@pytest.mark.parametrize("bad", [{"vetoes_to_block": 0}, {"threshold": 0}])
def test_a_rule_with_a_zero_count_is_invalid(bad: dict[str, int]) -> None:
    with pytest.raises(UntallyError):
        Rule("bad", "bad", **bad)


# --- Building votes from member votes -------------------------------------------------------

P5_2020 = ("CHN", "FRA", "GBR", "RUS", "USA")


def test_from_member_votes_counts_missing_members_as_non_voting() -> None:
    votes = {"CHN": "Y", "FRA": "Y", "GBR": "Y", "USA": "N", "DEU": "A", "IND": "X"}
    vote = CouncilVote.from_member_votes(date(2020, 8, 31), votes, P5_2020)
    assert (vote.yes, vote.no, vote.abstain, vote.non_voting) == (3, 1, 1, 10)
    assert vote.permanent_no == ("USA",)
    assert vote.permanent_absent == ("RUS",)


def test_from_member_votes_names_each_permanent_vote() -> None:
    votes = {"CHN": "A", "FRA": "Y", "GBR": "Y", "RUS": "N", "USA": "X"}
    vote = CouncilVote.from_member_votes(date(2020, 8, 31), votes, P5_2020)
    assert (vote.permanent_no, vote.permanent_abstain, vote.permanent_absent) == (
        ("RUS",),
        ("CHN",),
        ("USA",),
    )


def test_from_member_votes_ignores_case_and_spaces() -> None:
    vote = CouncilVote.from_member_votes(date(2020, 8, 31), {" usa ": "n"}, P5_2020)
    assert vote.permanent_no == ("USA",)


def test_from_member_votes_rejects_an_unknown_vote_code() -> None:
    with pytest.raises(InvalidVote, match="'maybe' of USA"):
        CouncilVote.from_member_votes(date(2020, 8, 31), {"USA": "maybe"}, P5_2020)


def test_from_member_votes_rejects_more_voters_than_seats() -> None:
    votes = {f"M{i:02d}": "Y" for i in range(12)}
    with pytest.raises(InvalidVote, match="12 members voted but the Council had 11 seats"):
        CouncilVote.from_member_votes(date(1950, 6, 25), votes, ())


# --- Invalid votes --------------------------------------------------------------------------


def test_more_votes_than_seats_is_invalid() -> None:
    with pytest.raises(InvalidVote, match=r"16 votes recorded .* 15 seats"):
        CouncilVote(date(2020, 8, 31), 15, 1, 0)


def test_eleven_seat_council_cannot_record_fifteen_votes() -> None:
    with pytest.raises(InvalidVote, match="11 seats"):
        CouncilVote(date(1965, 12, 31), 9, 0, 6)


def test_explicit_seats_allow_a_council_of_another_size() -> None:
    assert decide(CouncilVote(date(1965, 12, 31), 9, 0, 6, seats=15)).seats == 15


def test_negative_count_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="abstain=-1 is negative"):
        CouncilVote(date(2020, 8, 31), 9, 0, -1)


def test_more_permanent_noes_than_noes_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="2 permanent members in permanent_no but no=1"):
        CouncilVote(date(2011, 10, 4), 9, 1, 5, permanent_no=("CHN", "RUS"))


def test_duplicate_code_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="USA appears twice in permanent_no"):
        CouncilVote(date(2020, 8, 31), 13, 2, 0, permanent_no=("USA", "USA"))


def test_a_member_both_voting_no_and_abstaining_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="USA appears twice in permanent_no and permanent_abs"):
        CouncilVote(date(2020, 8, 31), 13, 1, 1, permanent_no=("USA",), permanent_abstain=("USA",))


def test_a_bare_string_of_codes_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="is a string"):
        CouncilVote(date(2020, 8, 31), 14, 1, 0, permanent_no="USA")  # type: ignore[arg-type]


def test_more_than_five_permanent_members_is_invalid() -> None:
    with pytest.raises(InvalidVote, match="6 permanent members"):
        CouncilVote(date(2020, 8, 31), 9, 6, 0, permanent_no=("A", "B", "C", "D", "E", "F"))


def test_invalid_vote_message_is_one_line_with_a_remedy() -> None:
    with pytest.raises(InvalidVote) as caught:
        CouncilVote(date(2020, 8, 31), 15, 1, 0)
    assert "\n" not in str(caught.value)
    assert caught.value.remedy


def test_permanent_codes_are_kept_sorted_so_equal_votes_compare_equal() -> None:
    one = CouncilVote(date(2011, 10, 4), 9, 2, 4, permanent_no=("RUS", "CHN"))
    assert one == CouncilVote(date(2011, 10, 4), 9, 2, 4, permanent_no=("CHN", "RUS"))


# --- Properties -----------------------------------------------------------------------------

FIRST_DAY, LAST_DAY = date(1946, 1, 17), date(2035, 12, 31)
ELECTED = tuple(f"E{i:02d}" for i in range(1, 11))


def permanent_on(day: date) -> tuple[str, ...]:
    """The five permanent seats (kept here so the tests need no membership data)."""
    return ("CHN", "FRA", "GBR", "SUN" if day < date(1991, 12, 25) else "RUS", "USA")


@dataclass(frozen=True)
class Ballot:
    """Per-member votes, so a property can change one member's vote and re-tally."""

    day: date
    votes: dict[str, str]
    permanent: tuple[str, ...]
    procedural: bool

    def tally(self) -> CouncilVote:
        return CouncilVote.from_member_votes(
            self.day, self.votes, self.permanent, procedural=self.procedural
        )


@st.composite
def ballots(draw: st.DrawFn) -> Ballot:
    """Valid ballots in both eras; yes counts spread evenly so thresholds are often hit."""
    day = draw(
        st.one_of(
            st.dates(FIRST_DAY, LAST_DAY),
            st.dates(date(1965, 12, 20), date(1966, 1, 10)),  # the switch of eras
        )
    )
    permanent = permanent_on(day)
    members = draw(st.permutations(permanent + ELECTED[: era(day).seats - 5]))
    yes = draw(st.integers(0, len(members)))
    votes = dict.fromkeys(members[:yes], "Y")
    for code in members[yes:]:
        cast = draw(st.sampled_from(["N", "A", "X", "missing"]))
        if cast != "missing":
            votes[code] = cast
    return Ballot(day, votes, permanent, draw(st.booleans()))


council_votes = ballots().map(Ballot.tally)
rules = st.sampled_from(list(RULES.values()))


@given(council_votes)
def test_charter_adopts_iff_enough_votes_and_no_permanent_no_on_substance(
    vote: CouncilVote,
) -> None:
    enough = vote.yes >= era(vote.date).threshold
    assert decide(vote).adopted == (enough and (vote.procedural or not vote.permanent_no))


@given(council_votes, rules)
def test_a_vetoed_outcome_always_had_the_required_votes(vote: CouncilVote, rule: Rule) -> None:
    outcome = decide(vote, rule)
    if outcome.kind == "vetoed":
        assert vote.yes >= outcome.required
        assert not vote.procedural
        assert outcome.vetoed_by == tuple(sorted(vote.permanent_no))
    else:
        assert outcome.vetoed_by == ()


@given(ballots(), st.data())
def test_a_permanent_member_turning_to_abstention_never_undoes_adoption(
    ballot: Ballot, data: st.DataObject
) -> None:
    not_in_favour = [c for c in ballot.permanent if ballot.votes.get(c, "X") in ("N", "X")]
    assume(not_in_favour)
    code = data.draw(st.sampled_from(not_in_favour))
    changed = dataclasses.replace(ballot, votes={**ballot.votes, code: "A"})
    if decide(ballot.tally()).adopted:
        assert decide(changed.tally()).adopted


@given(council_votes)
def test_no_veto_adopts_whenever_there_are_enough_votes(vote: CouncilVote) -> None:
    outcome = decide(vote, NO_VETO)
    assert outcome.adopted == (vote.yes >= outcome.required)


@given(council_votes)
def test_two_veto_adopts_at_least_whenever_the_charter_does(vote: CouncilVote) -> None:
    if decide(vote, CHARTER).adopted:
        assert decide(vote, TWO_VETO).adopted
    if decide(vote, TWO_VETO).adopted:
        assert decide(vote, NO_VETO).adopted


@given(council_votes, rules)
def test_the_reason_always_states_the_yes_count(vote: CouncilVote, rule: Rule) -> None:
    assert f"{vote.yes} in favour" in decide(vote, rule).reason


@given(council_votes, rules)
def test_decide_is_deterministic(vote: CouncilVote, rule: Rule) -> None:
    assert decide(vote, rule) == decide(dataclasses.replace(vote), rule)


@given(council_votes, rules)
def test_kind_and_adopted_agree(vote: CouncilVote, rule: Rule) -> None:
    outcome = decide(vote, rule)
    assert outcome.adopted == (outcome.kind == "adopted")


@given(ballots())
def test_member_votes_fill_every_seat(ballot: Ballot) -> None:
    vote = ballot.tally()
    assert vote.yes + vote.no + vote.abstain + vote.non_voting == era(vote.date).seats


@given(
    st.integers(-2, 17),
    st.integers(-2, 17),
    st.integers(-2, 17),
    st.integers(-2, 17),
    st.lists(st.sampled_from(("CHN", "FRA", "GBR", "RUS", "USA")), max_size=6),
)
def test_any_tally_is_either_valid_or_an_invalid_vote(
    yes: int, no: int, abstain: int, non_voting: int, permanent_no: list[str]
) -> None:
    counts = (yes, no, abstain, non_voting)
    valid = (
        min(counts) >= 0
        and sum(counts) <= 15
        and len(permanent_no) <= no
        and len(set(permanent_no)) == len(permanent_no)
    )
    try:
        CouncilVote(date(2020, 1, 1), yes, no, abstain, non_voting, tuple(permanent_no))
    except InvalidVote:
        assert not valid
    else:
        assert valid
