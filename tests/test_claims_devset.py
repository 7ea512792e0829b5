"""The claim checker on real writing: the development set in ../shared/claims_devset.

The set's sentences are read from ../shared at test time, never copied here. The floors are
the measured values (docs/claims.md) less a small margin, so a change that loses recall,
accuracy or honesty on real articles fails here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import score_devset  # noqa: E402 - the scorer lives with the benchmarks

RECALL_FLOOR = 0.96  # measured 99% (171/173) on 2026-12-07
ACCURACY_FLOOR = 0.85  # measured 86.1% (149/173); the issue-10 target is 85%
FALSE_CONTRADICTION_CEILING = 0.02  # measured 1 of 117 true claims


@pytest.fixture(scope="module")
def judged(built_db: Path):
    if not (score_devset.DEVSET / "expected_A.csv").is_file():
        pytest.skip(f"the development set is not at {score_devset.DEVSET}")
    return score_devset.score(built_db)[0]


def test_the_checker_finds_nearly_every_judged_claim(judged):
    found = sum(j.found for j in judged) / len(judged)
    assert found >= RECALL_FLOOR, [j.file for j in judged if not j.found]


def test_verdicts_on_real_writing_stay_above_the_floor(judged):
    right = sum(j.right for j in judged) / len(judged)
    assert right >= ACCURACY_FLOOR


def test_true_claims_are_almost_never_called_contradicted(judged):
    true = [j for j in judged if j.expected in ("supported", "partly supported")]
    false = [f"{j.file}:{j.span}" for j in true if j.false_contradiction]
    assert len(false) / len(true) <= FALSE_CONTRADICTION_CEILING, false


def test_claims_beyond_the_record_or_outside_it_are_never_contradicted(judged):
    cannot = [j for j in judged if j.expected in ("unverifiable", "outside-record")]
    assert not [f"{j.file}:{j.span}" for j in cannot if "contradicted" in j.verdicts]
