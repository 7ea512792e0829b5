"""Money, arms and Congress claims: read into frames (claims.support) and judged against the
aid, arms and roll-call tables (claims.support_checks). Sentences written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from untally.claims import check
from untally.claims.frame import Frame
from untally.claims.grammar import read
from untally.claims.models import Finding, Verdict
from untally.record import Record

HEAD = "Figures in the news.\n"


def figures(text: str, as_of: date = date(2024, 5, 1)) -> list[Frame]:
    return [f for f in read(HEAD + text, as_of) if f.support or f.outside]


@pytest.fixture(scope="module")
def record(built_db: Path):
    with Record(built_db) as r:
        yield r


def judge(record: Record, text: str, as_of: date = date(2024, 5, 1)) -> list[Finding]:
    return [f for f in check(HEAD + text, record, as_of).findings if f.claim.text.strip()]


# ----------------------------------------------------------------------------- reading


def test_an_amount_is_read_with_its_scale_and_hedge():
    (f,) = figures("Washington gave Jordan more than $1.2bn in aid in 2019.")
    assert f.support and f.support.amount
    assert f.support.amount.value == 1.2e9 and f.support.amount.op == "gt"
    assert f.support.recipient == "JOR" and f.support.years == (2019, 2019)


def test_the_kind_of_aid_is_read_next_to_the_amount_not_in_a_later_remark():
    (f,) = figures("Jordan received $1.7 billion in US assistance in FY2023, much of it military.")
    assert f.support and f.support.aid_kind == "total"
    (g,) = figures("Jordan received $425 million in military aid in FY2019.")
    assert g.support and g.support.aid_kind == "military"


def test_two_figures_in_one_clause_are_two_claims_and_the_second_takes_the_year_before():
    fs = figures(
        "Jordan was given $1.69 billion in US aid in 2023, up from $1.19 billion the year before."
    )
    assert [f.support.years for f in fs if f.support] == [(2023, 2023), (2022, 2022)]


def test_a_pledge_a_yearly_and_a_cumulative_figure_are_told_apart():
    pledge, yearly = figures("The 2016 MOU pledged $38 billion, or $3.8 billion a year, to Israel.")
    assert pledge.support and pledge.support.basis == "pledge"
    assert yearly.support and yearly.support.basis == "year"
    (total,) = figures("Since 1948 the US has given Israel some $150 billion.")
    assert total.support and total.support.basis == "cumulative"


def test_an_arms_share_names_its_supplier_and_the_recipient_of_the_possessive():
    fs = figures("Germany supplied 22% of Israel's arms imports in the decade to 2021, Italy 6%.")
    got = [(f.support.supplier, f.support.recipient, f.support.years) for f in fs if f.support]
    assert got == [("DEU", "ISR", (2012, 2021)), ("ITA", "ISR", (2012, 2021))]


def test_a_bill_number_does_not_end_the_sentence():
    (f,) = figures("The House passed H.R. 5323 by 420 to 9.")
    assert f.support and f.support.bill == "H.R.5323" and (f.support.yea, f.support.nay) == (420, 9)


def test_a_figure_no_source_holds_is_outside_the_record_with_the_reason():
    (f,) = figures("The pre-positioned stockpile there is worth $1.8 billion.")
    assert f.outside and "stockpile" in f.outside
    (g,) = figures("Some 230 lawmakers signed a letter urging more aid.")
    assert g.outside and "signed" in g.outside


def test_a_dollar_figure_in_a_sentence_about_a_un_vote_is_not_read_as_aid():
    assert not [
        f for f in figures("The resolution on Gaza asked donors for $2 billion.") if f.support
    ]


# ----------------------------------------------------------------------------- verdicts


def test_a_yearly_figure_under_the_default_measure_is_supported_and_names_it(record):
    (f,) = judge(record, "Israel received $3.31 billion in US aid in fiscal year 2020.")
    assert f.verdict is Verdict.supported
    assert f.convention and "obligations" in f.convention and "current" in f.convention


def test_a_figure_that_holds_only_in_constant_dollars_is_partly_supported(record):
    (f,) = judge(record, "Israel received $3.83 billion in US aid in fiscal year 2020.")
    assert f.verdict is Verdict.partly_supported
    assert f.convention and "constant" in f.convention


def test_a_figure_far_from_every_reading_is_contradicted(record):
    (f,) = judge(record, "Egypt received only $200 million in US aid in fiscal year 2021.")
    assert f.verdict is Verdict.contradicted


def test_a_year_past_the_data_is_unverifiable_never_contradicted(record):
    (f,) = judge(
        record, "Egypt received $9 billion in US aid in fiscal year 2031.", date(2032, 1, 1)
    )
    assert f.verdict is Verdict.unverifiable


def test_a_cumulative_total_is_checked_against_the_official_edition_of_its_date(record):
    (f,) = judge(record, "Since 1948 Israel has received $146 billion in US aid.", date(2021, 6, 1))
    assert f.verdict is Verdict.supported
    assert f.evidence and "RL33222" in (f.evidence[0].note or "")


def test_a_roll_call_tally_is_found_and_a_wrong_one_for_a_named_bill_is_contradicted(record):
    (ok,) = judge(record, "The House voted 398 to 17 for the measure in 2019.")
    assert ok.verdict is Verdict.supported
    (bad,) = judge(record, "The House passed H.R. 5323 by 410 to 19.")
    assert bad.verdict is Verdict.contradicted


def test_a_roll_call_the_record_does_not_hold_is_unverifiable(record):
    (f,) = judge(record, "The Senate voted 88 to 11 for the package.")
    assert f.verdict is Verdict.unverifiable


def test_the_measure_and_dollar_basis_the_wording_names_are_the_suggested_reading(record):
    (f,) = judge(
        record, "Israel got $3.70 billion in US aid disbursements in FY2021, in today's money."
    )
    assert f.verdict is Verdict.supported
    assert f.convention and "disbursements" in f.convention and "constant" in f.convention


def test_a_yearly_figure_of_a_pledge_is_read_as_yearly(record):
    (f,) = judge(
        record, "Under the 2016 memorandum, Washington pledged Israel $3.8 billion a year."
    )
    assert f.verdict is Verdict.supported


def test_a_figure_only_documents_could_refute_is_unverifiable_not_contradicted(record):
    (f,) = judge(record, "In 2024 the US gave Israel $5 billion a year in military aid.")
    assert f.verdict is Verdict.unverifiable


def test_an_arms_share_with_no_period_that_no_window_gives_is_not_contradicted(record):
    (f,) = judge(
        record, "Washington provides roughly 40% of Israel's arms imports.", date(2020, 5, 1)
    )
    assert f.verdict is Verdict.unverifiable


def test_a_cumulative_total_is_not_compared_with_editions_published_after_the_article(record):
    (f,) = judge(record, "Since 1948 Israel has received $158 billion in US aid.", date(2019, 9, 1))
    assert not any("2023" in (e.note or "") for e in f.evidence)


def test_a_roll_call_after_the_article_is_not_its_evidence(record):
    # H.R. 5323 passed 420-9 in September 2021: an article of 2020 cannot mean that vote
    (f,) = judge(record, "The House voted 420 to 9 for the measure.", date(2020, 6, 1))
    assert f.verdict is Verdict.unverifiable
