"""Discourse memory: the decision an article is talking about, and the set it last counted.

A share ("N of them") may only be taken of a set counted in the same or the previous
sentence: a count must never leak into an unrelated later sentence.
"""

from __future__ import annotations

from datetime import date

from untally.claims.discourse import Discourse


def row(decision_id: str, symbol: str, body: str = "SC", topics: tuple[str, ...] = ()) -> dict:
    return {
        "decision_id": decision_id,
        "symbol": symbol,
        "date": date(2020, 1, 1),
        "body": body,
        "topics": list(topics),
    }


def test_nothing_is_current_before_anything_is_mentioned():
    d = Discourse()
    assert d.current() is None and d.previous_set() is None


def test_the_last_mentioned_decision_is_current():
    d = Discourse()
    d.mention(row("sc-1", "S/2020/1"))
    d.mention(row("sc-2", "S/2020/2"))
    current = d.current()
    assert current is not None and current.symbol == "S/2020/2"


def test_current_of_a_body_skips_decisions_of_the_other_body():
    d = Discourse()
    d.mention(row("sc-1", "S/2020/1"))
    d.mention(row("ga-1", "A/RES/75/1", body="GA"))
    sc, ga = d.current("SC"), d.current("GA")
    assert sc is not None and sc.symbol == "S/2020/1"
    assert ga is not None and ga.symbol == "A/RES/75/1"


def test_mentioning_a_decision_again_makes_it_current_once():
    d = Discourse()
    d.mention(row("sc-1", "S/2020/1"))
    d.mention(row("sc-2", "S/2020/2"))
    d.mention(row("sc-1", "S/2020/1"))
    assert [m.symbol for m in d.decisions] == ["S/2020/1", "S/2020/2"]


def test_the_memory_keeps_only_the_latest_decisions():
    d = Discourse()
    for i in range(20):
        d.mention(row(f"sc-{i}", f"S/2020/{i}"))
    assert len(d.decisions) == 8
    assert d.decisions[0].symbol == "S/2020/19"


def test_a_mention_remembers_its_sentence_and_topics():
    d = Discourse()
    d.next_sentence(3)
    d.mention(row("sc-1", "S/2020/1", topics=("syria-civil-war",)))
    current = d.current()
    assert current is not None and current.sentence == 3
    assert d.topics == ("syria-civil-war",)


def test_a_set_counted_in_this_sentence_is_the_previous_set():
    d = Discourse()
    d.next_sentence(2)
    d.count([{"decision_id": "a"}, {"decision_id": "b"}], "USA vetoes")
    counted = d.previous_set()
    assert counted is not None and counted.label == "USA vetoes" and len(counted.rows) == 2


def test_a_set_counted_in_the_previous_sentence_is_still_available():
    d = Discourse()
    d.next_sentence(2)
    d.count([{"decision_id": "a"}], "USA vetoes")
    d.next_sentence(3)
    assert d.previous_set() is not None


def test_a_count_does_not_leak_two_sentences_later():
    d = Discourse()
    d.next_sentence(2)
    d.count([{"decision_id": "a"}], "USA vetoes")
    d.next_sentence(4)
    assert d.previous_set() is None


def test_a_newer_count_replaces_the_older_one():
    d = Discourse()
    d.next_sentence(1)
    d.count([{"decision_id": "a"}], "USA vetoes")
    d.next_sentence(2)
    d.count([{"decision_id": "b"}, {"decision_id": "c"}], "RUS vetoes")
    counted = d.previous_set()
    assert counted is not None and counted.label == "RUS vetoes"
