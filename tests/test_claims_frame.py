"""The grammar: each clause read into a frame (who did what to which text, when, how many).

Every sentence here is written for these tests. ``AS_OF`` is a Monday, so "on Friday" is
three days before it. A test marked xfail states the right reading of a case the grammar gets
wrong today (listed in docs/claims.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from untally.claims.frame import Act, Frame, Quant, Role
from untally.claims.grammar import Context, read, read_clause

AS_OF = date(2024, 3, 18)  # a Monday


def frames_of(text: str, as_of: date | None = AS_OF) -> list[Frame]:
    return read(text, as_of)


def one(text: str, as_of: date | None = AS_OF) -> Frame:
    frames = frames_of(text, as_of)
    assert len(frames) == 1, [f.text for f in frames]
    return frames[0]


def tally(frame: Frame) -> tuple[int | None, int | None, int | None]:
    return frame.tally.yes, frame.tally.no, frame.tally.abstain


# ----------------------------------------------------------------------------- roles


def test_a_list_of_states_before_abstained_are_all_abstainers():
    f = one("The US, Britain and France abstained on the draft.")
    assert f.act is Act.abstain
    assert f.who(Role.abstainer) == ("USA", "GBR", "FRA")


def test_a_state_named_as_the_topic_before_a_list_is_not_an_abstainer():
    f = one("On the resolution on Haiti, the US, Britain and France abstained.")
    assert f.who(Role.abstainer) == ("USA", "GBR", "FRA")


def test_states_after_vetoed_by_are_the_vetoers():
    f = one("A draft on Syria was vetoed by China and Russia.")
    assert f.act is Act.veto
    assert f.who(Role.vetoer) == ("CHN", "RUS")
    assert "syria-civil-war" in f.target.topics


def test_a_state_drafted_text_names_a_drafter_not_a_vetoer():
    f = one("A US-drafted resolution on Ukraine was vetoed by Russia.")
    assert f.who(Role.drafter) == ("USA",)
    assert f.who(Role.vetoer) == ("RUS",)


def test_proposed_by_names_drafters_not_vetoers():
    f = one("The text, proposed by France and Spain, was vetoed by the Soviet Union.")
    assert f.who(Role.drafter) == ("FRA", "ESP")
    assert f.who(Role.vetoer) == ("SUN",)


def test_drafted_by_a_non_permanent_member_names_the_drafter():
    f = one("A resolution drafted by Malta was adopted by the Council.")
    assert f.act is Act.adopt
    assert f.who(Role.drafter) == ("MLT",)


def test_a_national_adjective_before_draft_names_the_drafter():
    f = one("The Brazilian draft was vetoed by the United States.")
    assert f.who(Role.drafter) == ("BRA",)
    assert f.who(Role.vetoer) == ("USA",)


def test_each_state_takes_the_role_of_the_cue_after_it():
    f = one("The text drew 13 votes in favour, with Russia against and China abstaining.")
    assert f.who(Role.voter_no) == ("RUS",)
    assert f.who(Role.abstainer) == ("CHN",)
    assert f.tally.yes == 13


def test_a_state_vetoing_with_an_abstainer_keeps_its_own_role():
    f = one("Russia vetoed the text, with China abstaining.")
    assert f.who(Role.vetoer) == ("RUS",)
    assert f.who(Role.abstainer) == ("CHN",)


def test_a_co_vetoer_named_after_with_is_a_vetoer():
    f = one("The United Kingdom vetoed a text on Rhodesia with the United States in 1970.")
    assert set(f.who(Role.vetoer)) == {"GBR", "USA"}


def test_voters_in_favour_are_read_from_a_list():
    f = one("Brazil, Japan and Germany voted in favour of the resolution.")
    assert f.act is Act.vote_yes
    assert f.who(Role.voter_yes) == ("BRA", "JPN", "DEU")


def test_the_lone_vote_against_marks_the_claim_as_lone():
    f = one("The United States was the lone vote against the draft on Cuba.")
    assert f.who(Role.voter_no) == ("USA",)
    assert f.lone is True


def test_a_negated_veto_is_marked_negated():
    f = one("The United States did not veto the draft on Gaza.")
    assert f.act is Act.veto and f.negated


def test_a_misspelt_state_resolves_by_fuzzy_match():
    f = one("The United Stats vetoed the draft.")
    assert f.who(Role.vetoer) == ("USA",)


def test_it_as_subject_takes_the_previous_clauses_subject():
    ctx = Context()
    first = "China vetoed a draft on Myanmar."
    second = "It abstained on the next text."
    read_clause(first, 0, first, None, AS_OF, ctx)
    [f] = read_clause(second, len(first) + 1, second, None, AS_OF, ctx)
    assert f.act is Act.abstain
    assert f.who(Role.abstainer) == ("CHN",)


# ----------------------------------------------------------------------------- tallies


def test_a_dashed_tally_and_a_resolution_number():
    f = one("The Council adopted resolution 2700 by a vote of 11-1-3.")
    assert f.act is Act.adopt and f.body == "SC"
    assert tally(f) == (11, 1, 3)
    assert f.target.symbol == "S/RES/2700"


def test_a_session_and_number_names_an_assembly_resolution():
    f = one("Delegates adopted resolution 72/191 by 150 votes to 9.")
    assert f.body == "GA" and f.target.symbol == "A/RES/72/191"
    assert one("The text became resolution 77/247 B.").target.symbol == "A/RES/77/247B"


def test_a_tally_by_n_votes_to_m_with_no_abstentions():
    f = one("The resolution was adopted by 14 votes to 1 with no abstentions.")
    assert tally(f) == (14, 1, 0)


def test_won_n_votes_gives_the_votes_in_favour():
    f = one("The text won 12 votes in the Council.")
    assert f.tally.yes == 12 and f.tally.no is None


def test_n_members_abstained_gives_the_abstentions():
    f = one("Resolution 2650 passed, though three members abstained.")
    assert f.act is Act.adopt
    assert f.tally.abstain == 3
    assert f.target.symbol == "S/RES/2650"


def test_counts_on_each_side_of_a_vote_are_separate_fields():
    f = one("Two members voted against the draft and four abstained.")
    assert (f.tally.no, f.tally.abstain) == (2, 4)


def test_an_assembly_tally_in_favour_against_and_abstentions():
    f = one(
        "The General Assembly adopted the text with 141 votes in favour, 5 against and "
        "35 abstentions."
    )
    assert f.body == "GA" and f.kind == "ga-vote"
    assert tally(f) == (141, 5, 35)


def test_a_rejected_draft_with_a_by_n_votes_to_m_tally():
    f = one("The draft was rejected by 2 votes to 9, with 4 abstentions.")
    assert f.act is Act.fail
    assert tally(f) == (2, 9, 4)


def test_a_failed_draft_with_a_bare_n_to_m_tally():
    f = one("The draft failed 2 to 9, with 4 abstentions.")
    assert tally(f) == (2, 9, 4)


# ----------------------------------------------------------------------------- quantities


def test_a_count_in_words():
    f = one("The Soviet Union cast forty-four vetoes in the Security Council.")
    assert f.quant is Quant.count and f.kind == "veto-count"
    assert f.quantity is not None and f.quantity.value == 44
    assert f.who(Role.vetoer) == ("SUN",)


def test_vetoed_twice_is_a_count_of_two():
    f = one("France vetoed twice in the Security Council.")
    assert f.quant is Quant.count and f.quantity is not None and f.quantity.value == 2


def test_used_its_veto_n_times_is_a_count():
    f = one("France has used its veto three times.")
    assert f.quant is Quant.count and f.quantity is not None and f.quantity.value == 3


def test_at_least_and_about_set_the_comparator():
    at_least = one("The Russian Federation has vetoed at least 30 drafts since 1992.")
    about = one("The United States has vetoed about 80 drafts.")
    assert at_least.quantity is not None and at_least.quantity.op == "ge"
    assert about.quantity is not None and about.quantity.op == "approx"
    assert at_least.time is not None and at_least.time.since == date(1992, 1, 1)
    assert at_least.time.until is None


def test_an_ordinal_veto():
    f = one("It was Russia's sixth veto on Syria.")
    assert f.quant is Quant.ordinal
    assert f.quantity is not None and f.quantity.value == 6
    assert f.who(Role.vetoer) == ("RUS",)
    assert "syria-civil-war" in f.target.topics


def test_for_the_nth_time_is_an_ordinal():
    f = one("For the 14th time, the United States vetoed a draft on the Middle East.")
    assert f.quant is Quant.ordinal and f.quantity is not None and f.quantity.value == 14


def test_a_share_with_its_total():
    f = one("The United States vetoed 44 of the 82 drafts.")
    assert f.quant is Quant.share and f.kind == "veto-share"
    assert f.quantity is not None and f.quantity.value == 44
    assert f.total is not None and f.total.value == 82
    assert not f.of_previous


def test_n_of_them_is_a_share_of_the_count_before_it():
    count, share = frames_of("Britain has vetoed 29 drafts, 14 of them on southern Africa.")
    assert count.quant is Quant.count and count.quantity and count.quantity.value == 29
    assert share.quant is Quant.share and share.quantity and share.quantity.value == 14
    assert share.of_previous
    assert share.who(Role.vetoer) == ("GBR",)


def test_most_of_them_after_a_count_keeps_the_count_as_a_claim_of_its_own():
    count, share = frames_of("France has cast its veto 18 times, most of them jointly with London.")
    assert count.quant is Quant.count and count.quantity and count.quantity.value == 18
    assert count.who(Role.vetoer) == ("FRA",)
    assert share.quant is Quant.share and share.of_previous and share.joint
    assert share.quantity and share.quantity.op == "gt" and share.quantity.value == 0.5
    assert share.who(Role.vetoer) == ("FRA", "GBR")


def test_a_where_clause_is_its_own_claim_about_the_topic_its_antecedent_names():
    f = one("Observers call the Council deadlocked on Syria, where China has vetoed 8 drafts.")
    assert f.text.startswith("where China")
    assert f.quant is Quant.count and f.quantity and f.quantity.value == 8
    assert f.target.topics and all("syria" in t for t in f.target.topics)


def test_of_the_n_vetoes_m_were_by_a_state_credits_the_state_with_m():
    frames = frames_of("Of the 36 vetoes cast since 1990, 16 were by China.")
    china = [f.quantity.value for f in frames if "CHN" in f.who(Role.vetoer) and f.quantity]
    assert china == [16]


def test_a_gapped_list_gives_one_count_frame_per_state():
    text = "The veto was cast 95 times by the Soviet Union and 60 by the United States."
    frames = frames_of(text)
    assert [(f.who(Role.vetoer), f.quantity and f.quantity.value) for f in frames] == [
        (("SUN",), 95),
        (("USA",), 60),
    ]
    assert all(f.quant is Quant.count for f in frames)
    assert frames[0].span[1] <= frames[1].span[0]


def test_a_duration_is_not_a_count_of_vetoes():
    frames = frames_of("Fifty years of the American veto")
    assert not any(f.quantity is not None and f.quantity.value == 50 for f in frames)


# ----------------------------------------------------------------------------- time


def test_on_friday_is_resolved_against_the_article_date():
    f = one("Russia vetoed a draft resolution on Friday.")
    assert f.day == date(2024, 3, 15)
    assert f.quant is Quant.exists and f.kind == "veto-event"


def test_last_friday_is_a_day_not_the_most_recent_veto():
    f = one("Russia vetoed a draft resolution last Friday.")
    assert f.day == date(2024, 3, 15)
    assert f.quant is Quant.exists


def test_a_day_without_a_year_takes_the_article_year():
    f = one("The Council adopted the text on 12 March.")
    assert f.day == date(2024, 3, 12)


def test_a_year_is_the_period_of_an_event():
    f = one("Britain and France vetoed a draft on Suez in 1956.")
    assert f.time is not None
    assert (f.time.since, f.time.until) == (date(1956, 1, 1), date(1956, 12, 31))
    assert f.who(Role.vetoer) == ("GBR", "FRA")


def test_a_list_header_dates_the_item():
    f = one("12 April 2017: Russia vetoed a draft on Syria.")
    assert f.day == date(2017, 4, 12)
    assert f.who(Role.vetoer) == ("RUS",)


# ----------------------------------------------------------------------------- no vote


def test_casualty_figures_are_outside_the_record():
    f = one("More than 300 civilians were killed in the shelling last month.")
    assert f.outside == "casualty figures" and f.kind == "outside-record"
    assert f.act is None


def test_money_is_outside_the_record():
    f = one("The donors pledged $4 billion to the relief effort in 2023.")
    assert f.outside == "money"


def test_speech_is_outside_the_record():
    f = one("The ambassador said the text was a disgrace to the Council in 2020.")
    assert f.outside == "speech"


@pytest.mark.parametrize(
    "text",
    [
        "A text is adopted only if nine members back it and no permanent member objects.",
        "The Council must obtain nine votes unless a permanent member objects.",
    ],
    ids=["only-if", "unless"],
)
def test_a_statement_of_the_rules_gives_no_frame(text):
    assert frames_of(text) == []


def test_a_sentence_with_no_vote_gives_no_frame():
    assert frames_of("The weather was fine and the delegates went home.") == []


# ----------------------------------------------------------------------------- bookkeeping


def test_words_the_parse_did_not_use_are_recorded():
    f = one("China vetoed the sanctions draft amid bitter recriminations.")
    assert "recriminations" in f.unused and "bitter" in f.unused
    assert "China" not in f.unused and "vetoed" not in f.unused


def test_a_fully_read_claim_has_no_unused_words():
    assert one("The Soviet Union cast forty-four vetoes in the Security Council.").unused == ()


def test_each_frame_span_is_its_text_in_the_article():
    text = (
        "Diplomats met at noon. The veto was cast 95 times by the Soviet Union and 60 by the "
        "United States. Britain has vetoed 29 drafts, 14 of them on southern Africa."
    )
    frames = frames_of(text)
    assert len(frames) == 4
    for f in frames:
        assert text[f.span[0] : f.span[1]].strip(" ,.") == f.text.strip(" ,.")


def test_the_first_years_of_the_un_are_a_period_from_1946():
    (frame,) = frames_of("In its first ten years, the Soviet Union vetoed 77 drafts.")
    assert (frame.time.since, frame.time.until) == (date(1946, 1, 1), date(1955, 12, 31))


def test_a_named_event_anchors_a_period():
    (frame,) = frames_of("Since President Obama took office, Russia has vetoed 20 drafts.")
    assert frame.time.since == date(2009, 1, 20)


def test_only_before_a_number_bounds_the_count_and_does_not_mean_alone():
    f = one("Britain has vetoed a draft on its own only three times since 1980.")
    assert f.quant is Quant.count and f.quantity is not None and f.quantity.value == 3
    f = one("France has used its veto only twice since 1990.")
    assert f.lone is None


def test_a_frame_of_knowing_around_the_claim_leaves_no_words_unused():
    f = one("It helps to recall that France has used its veto only twice since 1990.")
    assert f.unused == ()


def test_a_trailing_concession_is_a_clause_of_its_own():
    fs = frames_of(
        "China vetoed the draft on Monday, despite weeks of talks about food for the region."
    )
    assert fs[0].text.endswith("on Monday")


def test_n_of_which_opens_a_clause_of_its_own():
    fs = frames_of("Britain cast three of the last 20 vetoes, two of which concerned Rhodesia.")
    assert [f.quantity.value for f in fs if f.quantity] == [3, 2]
    assert fs[1].of_previous and fs[1].target.topics == ("southern-rhodesia",)


def test_counts_in_brackets_after_topics_are_one_count_each():
    fs = frames_of("With France, Britain vetoed texts on Namibia (four) and on Cyprus (two).")
    assert [(f.target.topics, f.quantity.value) for f in fs if f.quantity] == [
        (("namibia",), 4),
        (("cyprus",), 2),
    ]


def test_a_state_in_a_relative_clause_that_states_no_vote_is_not_a_voter():
    f = one("Twelve states — among them Chile, which borders Peru, and Cuba — did not vote.")
    assert f.who(Role.non_voting) == ("CHL", "CUB")
    assert f.tally.non_voting == 12


def test_an_aside_between_two_dashes_does_not_split_the_clause():
    f = one("Nine countries — Chile and Peru among them — abstained on the text.")
    assert f.tally.abstain == 9 and set(f.who(Role.abstainer)) == {"CHL", "PER"}


def test_a_when_clause_after_since_a_date_happened_on_that_date():
    frames = frames_of(
        "No British veto has been cast since March 1988, when London blocked a text on "
        "South Africa."
    )
    when = [f for f in frames if f.text.startswith("when")]
    assert when and when[0].time is not None
    assert (when[0].time.since, when[0].time.until) == (date(1988, 3, 1), date(1988, 3, 31))


@pytest.mark.parametrize(
    ("text", "days"),
    [("Two weeks later Britain abstained.", 14), ("A month later China vetoed a text.", 30),
     ("The next day France voted no.", 1)],
)  # fmt: skip
def test_a_time_relative_to_the_text_in_context_is_read_as_days_after_it(text, days):
    assert one(text, None).later == days


def test_switching_to_a_yes_vote_is_a_yes_vote():
    f = one("Canada switched to a yes vote on the second text.")
    assert f.act is Act.vote_yes and f.who(Role.voter_yes) == ("CAN",)


def test_a_second_text_with_an_indefinite_article_is_another_text_not_a_rank():
    f = one("Later that month Russia blocked a second text on the annexations.")
    assert f.quant is Quant.exists and f.quantity is None


def test_more_states_than_the_council_has_make_an_assembly_vote_and_a_yes_count():
    f = one("On 2 March 2022, 141 states demanded a withdrawal.")
    assert f.body == "GA" and f.tally.yes == 141


def test_among_the_n_abstainers_is_an_abstention_count():
    f = one("India was among the 35 abstainers.")
    assert f.act is Act.abstain and f.tally.abstain == 35


def test_a_first_anniversary_is_not_a_first_claim():
    f = one("On the first anniversary 141 states backed a call for peace.")
    assert f.quant is not Quant.first


def test_a_text_backed_by_a_state_names_its_drafter_not_a_voter():
    f = one("The United States voted against a text backed by Ukraine.")
    assert f.who(Role.voter_no) == ("USA",) and f.who(Role.drafter) == ("UKR",)


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [("In March the Council voted.", date(2024, 3, 1), date(2024, 3, 31)),
     ("In May the Council voted.", date(2023, 5, 1), date(2023, 5, 31))],
)  # fmt: skip
def test_a_month_without_a_year_is_the_latest_such_month_up_to_the_article(text, since, until):
    from untally.claims.timex import find_times

    (t,) = find_times(text, AS_OF)  # AS_OF is in March 2024
    assert t.period is not None and (t.period.since, t.period.until) == (since, until)


def test_of_the_n_vetoes_a_fraction_is_the_count_and_a_fraction_of_it():
    count, part = frames_of("Of the 86 vetoes the US has cast, roughly half concerned Israel.")
    assert count.quant is Quant.count and count.quantity and count.quantity.value == 86
    assert part.quant is Quant.share and part.of_previous
    assert part.quantity and part.quantity.value == 0.5 and part.quantity.op == "approx"


def test_and_a_second_state_with_its_own_act_starts_a_clause():
    frames = frames_of("China vetoed a draft in 2019, and France voted for it.")
    assert [f.who(Role.vetoer, Role.voter_yes) for f in frames] == [("CHN",), ("FRA",)]


def test_n_countries_voted_to_condemn_is_a_yes_count():
    f = one("In December 2017, 128 countries voted to condemn the decision.")
    assert f.body == "GA" and f.tally.yes == 128


@pytest.mark.parametrize(
    ("text", "value", "op"),
    [("Washington has vetoed dozens of drafts.", 24, "ge"),
     ("Paris has vetoed more than a dozen drafts.", 12, "gt")],
)  # fmt: skip
def test_a_count_in_words_of_size_sets_its_bound(text, value, op):
    f = one(text)
    assert f.quant is Quant.count and f.quantity
    assert (f.quantity.value, f.quantity.op) == (value, op)
