"""Assembly topics: Voeten's six issue codes assigned by rules (data/ga_topics.toml), each with
its reason, validated against the codes R's unvotes ships (read from the mirror at test time)."""

from __future__ import annotations

import pytest

from ga_overlap import CODES, agreement
from untally import Record
from untally.analytics import topics as T

# Measured on the mirror (docs/topics.md); a rule change that loses agreement fails here.
FLOORS = {"me": 0.96, "nu": 0.955, "di": 0.90, "co": 0.895, "hr": 0.87, "ec": 0.89}


@pytest.fixture(scope="module")
def record(built_db):
    with Record(built_db) as r:
        yield r


@pytest.fixture(scope="module")
def measured(record, mirror):
    record.ensure_ga_topics()
    table = record.store.con.sql("SELECT vote_id, topic FROM ga_topics").to_arrow_table()
    return {row["code"]: row for row in agreement(record.store.con, table, mirror / "unvotes")}


def test_the_taxonomy_has_the_six_codes_and_validates():
    tax = T.ga_taxonomy()
    assert set(tax.topics) == set(CODES)
    assert all(t.rules for t in tax.topics.values())
    assert all(o.citation for o in tax.overrides.values())


@pytest.mark.parametrize("code", CODES)
def test_agreement_with_voeten_per_code(measured, code):
    row = measured[code]
    assert row["overlap"] > 3500
    assert row["agreement"] >= FLOORS[code], row


def test_every_topic_has_its_reason_and_overrides_are_cited(record):
    topics = record.ga_topics("A/RES/64/48").to_pandas()
    assert topics["topic"].tolist() == ["di"]
    assert topics["reason"].iloc[0].startswith("override:")
    es = record.ga_topics("A/RES/ES-10/19").to_pandas()
    assert "me" in set(es["topic"]) and es["reason"].str.contains("Palestin").any()


def test_votes_after_voeten_get_the_codes(record):
    frame = record.ga_topics().to_pandas()
    later = frame[frame["date"].map(lambda d: d is not None and d.year >= 2020)]
    assert set(later["topic"]) == set(CODES)
