"""docs/api.md is the Record's own signatures and docstrings (scripts/api_docs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_api_reference_is_current():
    sys.path.insert(0, str(ROOT / "scripts"))
    from api_docs import OUT, render

    assert OUT.read_text(encoding="utf-8") == render(), "run scripts/api_docs.py"


def test_every_analysis_the_issue_names_is_a_documented_method():
    sys.path.insert(0, str(ROOT / "scripts"))
    from api_docs import methods

    names = {name for name, _, doc in methods() if doc}
    assert names >= {"vetoes", "veto_count", "veto_stats", "decision", "ga_vote", "agreement",
                     "rank", "isolation", "idealpoints", "counterfactual", "check", "export",
                     "export_unvotes", "ga_topics"}  # fmt: skip
