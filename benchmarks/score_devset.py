"""Score ``untally check`` on the claims development set (../shared/claims_devset).

The set is real writing (rewritten excerpts of articles and UN press releases, 1983-2025) with
hand-judged claims. Scoring follows the set's README:

* *found*: the span of some extracted claim overlaps the judged ``claim_text``;
* *right*: among the extracted claims overlapping it, one gives the judged verdict
  (``outside-record`` and ``unverifiable`` are taken as the same answer: the record cannot
  settle it);
* *false contradiction*: the set judges the claim true or partly true and an overlapping
  extracted claim says ``contradicted``;
* *precision* is the share of extracted claims that overlap some judged claim (an upper
  bound on noise: the set does not judge every sentence, so this understates precision).

Run: .venv/bin/python benchmarks/score_devset.py [--db FILE] [--markdown] [--misses]
The database is built from the mirror into a temporary folder unless ``--db`` is given.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve()
SHARED = HERE.parents[2] / "shared"
DEVSET = Path(os.environ.get("UNTALLY_DEVSET") or SHARED / "claims_devset")
MIRROR = Path(os.environ.get("UNTALLY_MIRROR") or SHARED / "data")
CANNOT_SETTLE = {"outside-record", "unverifiable"}


@dataclass
class Judged:
    file: str
    text: str
    kind: str
    expected: str
    value: str
    span: tuple[int, int] | None = None
    found: bool = False
    verdicts: tuple[str, ...] = ()
    found_text: str = ""

    @property
    def right(self) -> bool:
        want = "unverifiable" if self.expected in CANNOT_SETTLE else self.expected
        got = {"unverifiable" if v in CANNOT_SETTLE else v for v in self.verdicts}
        return self.found and want in got

    @property
    def false_contradiction(self) -> bool:
        return self.expected in ("supported", "partly supported") and "contradicted" in (
            self.verdicts
        )


def load() -> list[Judged]:
    rows: list[Judged] = []
    for name in ("expected_A.csv", "expected_B.csv"):
        with (DEVSET / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                rows.append(
                    Judged(
                        r["file"],
                        r["claim_text"],
                        r["kind"],
                        r["expected_verdict"],
                        r["expected_value"],
                    )
                )
    return rows


def verdict_of(finding) -> str:
    v = finding.verdict.value
    if v == "unverifiable" and finding.claim.kind.value == "outside-record":
        return "outside-record"
    return v


def score(db: Path) -> tuple[list[Judged], int, int, float]:
    """Every judged claim with what the checker said; extracted, unmatched, seconds."""
    from untally.claims import check
    from untally.claims.inputs import read_source
    from untally.record import Record

    judged = load()
    by_file: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        by_file[j.file].append(j)
    extracted = unmatched = 0
    seconds = 0.0
    with Record(db) as record:
        for file, claims in sorted(by_file.items()):
            text, label = read_source(str(DEVSET / "articles" / file), None)
            report = check(text, record, source=label)
            seconds += report.seconds
            for j in claims:
                start = text.find(j.text)
                if start < 0:
                    raise SystemExit(f"{file}: claim text not found: {j.text!r}")
                j.span = (start, start + len(j.text))
            for f in report.findings:
                extracted += 1
                a, b = f.claim.span
                hits = [j for j in claims if j.span and a < j.span[1] and j.span[0] < b]
                if not hits:
                    unmatched += 1
                for j in hits:
                    j.found = True
                    j.verdicts += (verdict_of(f),)
                    j.found_text = j.found_text or f"{f.claim.kind.value}: {f.value_found}"
    return judged, extracted, unmatched, seconds


def table(judged: list[Judged], extracted: int, unmatched: int) -> list[tuple[str, ...]]:
    groups: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        groups[j.kind].append(j)
        groups["all"].append(j)
        groups["set " + j.file[0]].append(j)
    rows = []
    for kind in sorted(groups, key=lambda k: (k == "all", k.startswith("set"), k)):
        js = groups[kind]
        found = sum(j.found for j in js)
        right = sum(j.right for j in js)
        true = [j for j in js if j.expected in ("supported", "partly supported")]
        fc = sum(j.false_contradiction for j in true)
        rows.append(
            (
                kind,
                str(len(js)),
                f"{found / len(js):.0%}",
                f"{right / len(js):.0%}",
                f"{fc}/{len(true)}" + (f" ({fc / len(true):.0%})" if true else ""),
            )
        )
    prec = (extracted - unmatched) / extracted if extracted else 0.0
    rows.append(("precision (extracted overlapping a judged claim)", str(extracted), f"{prec:.0%}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list every miss and wrong verdict")
    args = ap.parse_args(argv)
    if not (DEVSET / "expected_A.csv").is_file():
        print(f"the development set is not at {DEVSET}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from untally.store import build

            db = Path(tmp) / "untally.duckdb"
            build(db, mirror=str(MIRROR))
        judged, extracted, unmatched, seconds = score(db)
    head = ("kind", "claims", "recall", "verdict accuracy", "false contradictions")
    rows = table(judged, extracted, unmatched)
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        for r in (head, *rows):
            print("  ".join(f"{c:<18}" for c in r))
    print(f"\n{len(judged)} judged claims, 27 articles, checked in {seconds:.2f} s")
    if args.misses:
        # Claims are named by article and character offset, never quoted: the set's sentences
        # stay in ../shared (docs/claims.md lists these lines).
        for j in judged:
            if not j.right:
                got = ", ".join(j.verdicts) or "not found"
                where = f"{j.file[:3]}@{j.span[0] if j.span else '?'}"
                print(
                    f"- {where} [{j.kind}] expected {j.expected}, got {got}; "
                    f"checker: {j.found_text or '-'}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
