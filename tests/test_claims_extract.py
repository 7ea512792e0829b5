"""Extraction: which statements become claims, and who, what, when each is about.

No database: these specify how sentences are read, one behaviour per test.
"""

from __future__ import annotations

from datetime import date

import pytest

from untally.claims import extract_claims
from untally.claims.models import Kind
from untally.claims.timex import find_times, infer_as_of


def only(text: str, as_of: date | None = None, kind: Kind | None = None):
    claims = [c for c in extract_claims(text, as_of) if kind is None or c.kind == kind]
    assert len(claims) == 1, [(c.kind.value, c.text) for c in claims]
    return claims[0]


def test_a_count_of_vetoes_names_the_member_and_the_number():
    c = only("The United States has vetoed 82 draft resolutions in the Security Council.")
    assert (c.kind, c.scope.subjects, c.quantity.value) == (Kind.veto_count, ("USA",), 82)
    assert c.convention_hint == "drafts"  # "draft resolutions" fixes the counting unit


def test_a_sub_count_inherits_the_member_and_adds_the_topic():
    claims = extract_claims("The US has vetoed 82 resolutions, 44 of them on Israel.")
    assert [c.quantity.value for c in claims] == [82, 44]
    assert claims[1].scope.subjects == ("USA",)
    assert claims[1].scope.topic == "israel-related"


def test_in_every_case_after_a_subset_is_read_both_ways():
    text = (
        "Washington has vetoed 82 drafts, 44 of them on Israel, "
        "and in every case it was the lone vote against."
    )
    c = extract_claims(text)[-1]
    assert (c.kind, c.predicate, c.universal) == (Kind.veto_universal, "lone", True)
    assert c.scope.topic is None and [r.topic for r in c.readings] == ["israel-related"]


@pytest.mark.parametrize(
    ("name", "code"),
    [("Washington", "USA"), ("Moscow", "RUS"), ("Beijing", "CHN"), ("Britain", "GBR"),
     ("The American delegation", "USA"), ("The Chinese delegation", "CHN"), ("The UK", "GBR")],
)  # fmt: skip
def test_capitals_and_demonyms_name_the_member(name, code):
    c = only(f"{name} has vetoed 12 drafts.")
    assert c.scope.subjects == (code,)


def test_moscow_before_1992_is_the_soviet_seat():
    c = only("Between 1946 and 1984 Moscow vetoed 90 drafts.")
    assert c.scope.subjects == ("SUN",)
    assert (c.scope.period.since, c.scope.period.until) == (date(1946, 1, 1), date(1984, 12, 31))


def test_russia_alone_means_without_the_soviet_seat_not_a_lone_veto():
    c = only("Russia alone has cast about 30 vetoes since 1993.")
    assert c.scope.seat is False and c.scope.lone is None
    assert (c.quantity.op, c.quantity.value) == ("approx", 30)


def test_an_elliptical_clause_repeats_the_verb_for_another_member():
    claims = extract_claims("Britain has cast 32 vetoes since 1946, France 18.")
    assert [(c.scope.subjects, c.quantity.value) for c in claims] == [
        (("GBR",), 32),
        (("FRA",), 18),
    ]
    assert claims[1].scope.period.since == date(1946, 1, 1)


def test_to_shield_israel_is_the_israel_related_group():
    c = only("The United States vetoed 44 resolutions to shield Israel.")
    assert c.scope.topic == "israel-related"


@pytest.mark.parametrize(
    ("phrase", "since", "until"),
    [
        ("since 1972", date(1972, 1, 1), None),
        ("in 2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("between 1970 and 1988", date(1970, 1, 1), date(1988, 12, 31)),
        ("in the 1980s", date(1980, 1, 1), date(1989, 12, 31)),
        ("in March 1970", date(1970, 3, 1), date(1970, 3, 31)),
        ("this year", date(2018, 1, 1), date(2018, 12, 28)),
        ("last year", date(2017, 1, 1), date(2017, 12, 31)),
        ("before 1990", None, date(1989, 12, 31)),
    ],
)
def test_time_phrases_become_periods(phrase, since, until):
    (t,) = find_times(f"Russia vetoed drafts {phrase}.", date(2018, 12, 28))
    assert (t.period.since, t.period.until) == (since, until)


def test_not_since_a_year_means_after_that_year():
    c = only("France has not cast a veto since 1989.")
    assert (c.kind, c.negated, c.predicate) == (Kind.veto_universal, True, "any")
    assert c.scope.period.since == date(1990, 1, 1)


def test_the_article_date_comes_from_its_dateline():
    found = infer_as_of("MOSCOW, 12 July 2020 — Russia vetoed a draft on Syria on 10 July.")
    assert found is not None and found.date == date(2020, 7, 12)


def test_a_date_in_the_body_is_not_the_article_date():
    body = "The Council met at length. " * 30 + "On 12 July 2020 Russia vetoed a draft."
    assert infer_as_of(body) is None


def test_the_dateline_is_not_the_time_of_a_claim():
    c = only("MOSCOW, 12 July 2020 — Russia has vetoed 16 drafts on Syria.")
    assert c.scope.period is None


def test_never_with_on_its_own_is_a_universal_about_lone_vetoes():
    c = only("China has never cast a veto on its own.")
    assert (c.kind, c.negated, c.predicate) == (Kind.veto_universal, True, "lone")


def test_every_veto_since_a_year_on_a_topic_makes_the_topic_the_predicate():
    c = only("Every American veto since 2001 has been cast to protect Israel.")
    assert c.predicate == "topic" and c.whole.topic == "israel-related"
    assert c.scope.topic is None and c.scope.subjects == ("USA",)


def test_first_veto_carries_the_claimed_date_as_the_value_not_the_scope():
    c = only("Washington cast its first veto in March 1970.")
    assert (c.kind, c.which) == (Kind.veto_first_last, "first")
    assert c.scope.period is None and c.whole.period.since == date(1970, 3, 1)


def test_shares_read_the_whole_and_the_part():
    c = only("More than half of all US vetoes have concerned Israel.")
    assert c.kind == Kind.veto_share
    assert (c.whole.subjects, c.scope.topic) == (("USA",), "israel-related")
    assert (c.quantity.op, c.quantity.value) == ("gt", 0.5)


def test_n_out_of_m_refers_to_the_previous_count():
    claims = extract_claims(
        "The US has vetoed 82 resolutions. Israel-related drafts account for 44 out of those 82."
    )
    share = claims[-1]
    assert share.kind == Kind.veto_share and share.total.value == 82 and share.quantity.value == 44


def test_a_tally_and_abstentions_on_a_numbered_resolution():
    c = only(
        "In December 2016, resolution 2334 was adopted by 14 votes to none "
        "after the United States abstained."
    )
    assert (c.kind, c.resolution) == (Kind.resolution_vote, "S/RES/2334")
    assert (c.tally.yes, c.tally.no) == (14, 0) and c.positions == (("USA", "A"),)


def test_unanimously_is_a_claim_about_the_tally():
    c = only("Resolution 242 was adopted unanimously in November 1967.")
    assert c.unanimous and c.resolution == "S/RES/242"


def test_only_x_and_y_voted_against_is_an_exact_set():
    text = (
        "The General Assembly called for an end to the embargo on Cuba. "
        "Only the United States and Israel voted against the resolution."
    )
    c = extract_claims(text, date(2019, 11, 7))[-1]
    assert c.kind == Kind.ga_isolation and c.only_position == ("N", ("USA", "ISR"))


def test_a_voting_agreement_figure_names_both_states_and_the_percentage():
    c = only(
        "Israel voted with the United States 97 percent of the time "
        "in the General Assembly in 2019."
    )
    assert c.kind == Kind.ga_coincidence
    assert (c.scope.subjects, c.others, c.quantity.value) == (("ISR",), ("USA",), 0.97)


def test_naming_the_classic_state_department_method_fixes_the_convention():
    c = only(
        "Israel voted with the United States 97 percent of the time in the Assembly in 2019, "
        "counting only yes and no votes."
    )
    assert c.convention_hint == "state-dept"


@pytest.mark.parametrize(
    "sentence",
    [
        "China and Russia blocked a Council press statement on Myanmar.",
        "The talks took place in closed consultations.",
        "The United States threatened to veto any text on the matter.",
    ],
)
def test_things_no_vote_records_are_listed_as_not_a_vote(sentence):
    c = only(sentence)
    assert c.kind == Kind.not_a_vote
    assert "no vote" in c.reason or "not cast" in c.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States gives Israel $3.8 billion in military aid each year.",
        "Russia sells weapons to Syria.",
        "Diplomats accused Beijing of lobbying members of the Council.",
        "The Kremlin sent a letter to the Secretary-General.",
    ],
)
def test_money_weapons_lobbying_and_letters_are_outside_the_record(sentence):
    c = only(sentence)
    assert c.kind == Kind.outside_record and "outside the UN voting record" in c.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The veto is an anachronism that should be abolished.",
        "Diplomats said the mood in the chamber was tense.",
        "Russia's negative vote did not count as a veto because the decision was procedural.",
    ],
)
def test_opinions_and_meta_statements_are_not_claims(sentence):
    assert extract_claims(sentence) == []


def test_spans_point_at_the_claim_in_the_original_text():
    text = "Headline\n\nBy a reporter, 1 June 2021\n\nChina has vetoed 16 drafts."
    c = only(text)
    assert text[c.span[0] : c.span[1]] == c.text == "China has vetoed 16 drafts"
