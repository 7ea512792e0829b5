"""Property tests: the grammar and the checker never crash or hang, whatever the text.

Two kinds of input: arbitrary Unicode (``st.text``), and sentences built from the words
claims are made of (vote words, numbers in digits and words, members, dates, tallies), which
reach far more of the grammar. Each example must finish within the deadline.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from untally.claims import check
from untally.claims.grammar import read
from untally.claims.inputs import InputError
from untally.record import Record

VOCAB = [
    # acts and cues
    "vetoed", "veto", "vetoes", "blocked", "abstained", "abstaining", "voted", "against",
    "in favour", "adopted", "failed", "passed", "drafted by", "proposed by", "US-drafted",
    "with", "and", ",", ";", ".", ":", "—", "of them", "of the", "by", "to", "times", "twice",
    "only", "alone", "lone", "every", "never", "not", "first", "last", "most recent",
    "more than any other", "at least", "about", "nearly", "since", "until", "on", "in",
    "draft", "resolution", "text", "it", "they", "the", "Council", "Security Council",
    "General Assembly", "members", "abstentions", "votes",
    # numbers, ordinals, tallies
    "0", "1", "3", "9", "15", "44", "82", "120", "193", "1000000", "forty-four", "eleven",
    "sixth", "14th", "11-1-3", "14-0-1", "13 to 2", "141 votes in favour", "2-9-4",
    # members and topics
    "the United States", "Russia", "China", "Britain", "France", "the Soviet Union",
    "Malta", "Brazilian", "Israel", "Syria", "Ukraine", "southern Africa", "Haiti",
    # dates and references
    "Friday", "last Friday", "last week", "4 October 2011", "12 March", "1970", "2031",
    "S/2011/612", "S/RES/2700 (2023)", "A/RES/ES-10/19", "resolution 242",
    # outside the record
    "killed", "$4 billion", "said", "tweeted", "only if", "unless",
]  # fmt: skip

vocab_text = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=40).map(" ".join)
dates = st.dates(min_value=date(1946, 1, 1), max_value=date(2035, 12, 31))


@pytest.fixture(scope="module")
def record(built_db: Path):
    with Record(built_db) as r:
        yield r


def warm_up() -> None:
    read("Russia vetoed a draft on Friday.", date(2024, 3, 18))  # load spaCy and the lexicon


def assert_frames_are_sane(text: str, frames) -> None:
    for f in frames:
        assert 0 <= f.span[0] <= f.span[1] <= len(text)
        assert f.text


@settings(max_examples=80, deadline=2000)
@given(text=st.text(max_size=400), as_of=st.none() | dates)
def test_read_never_raises_on_arbitrary_text(text, as_of):
    warm_up()
    assert_frames_are_sane(text, read(text, as_of))


@settings(max_examples=150, deadline=2000)
@given(text=vocab_text, as_of=st.none() | dates)
def test_read_never_raises_on_text_made_of_vote_words(text, as_of):
    warm_up()
    assert_frames_are_sane(text, read(text, as_of))


@settings(
    max_examples=40,
    deadline=4000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(vocab_text, st.text(min_size=1, max_size=200)), as_of=st.none() | dates)
def test_check_never_raises_on_arbitrary_text(record, text, as_of):
    try:
        report = check(text, record, as_of)
    except InputError:
        event("refused")
        return  # empty, binary or non-English input: the documented one-line refusal
    event("checked, with findings" if report.findings else "checked, no findings")
    for f in report.findings:
        assert 0 <= f.claim.span[0] <= f.claim.span[1] <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "vetoed by the " * 400,
        "the United States, " * 300 + "abstained.",
        "1-2-3 " * 1000,
        "11 to 3 " * 600,
        "forty-four " * 500 + "vetoes",
        "(" * 2000 + "veto" + ")" * 2000,
        "a" * 20000,
        "Russia vetoed a draft on Friday.\n" * 300,
    ],
    ids=[
        "by-the",
        "long-list",
        "dashes",
        "to-tallies",
        "number-words",
        "parens",
        "one-word",
        "many-lines",
    ],
)
def test_read_finishes_quickly_on_pathological_text(text):
    warm_up()
    started = time.perf_counter()
    read(text, date(2024, 3, 18))
    assert time.perf_counter() - started < 5
