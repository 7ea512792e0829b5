"""The claim checker: every checkable statement about UN votes in a text, with a verdict.

    from untally.claims import check
    from untally.record import Record

    with Record() as record:
        report = check(text, record)           # as_of inferred from the text's dateline
    for f in report.findings:
        print(f.verdict, f.claim.text, f.value_found)

Stages, one representation throughout: :mod:`~untally.claims.grammar` reads each clause
into a :class:`~untally.claims.frame.Frame`; :mod:`~untally.claims.compile` turns a frame
into SQL over one view of the record (one query per reading);
:mod:`~untally.claims.verdict` runs the queries and applies the one verdict policy, with
:mod:`~untally.claims.discourse` remembering what the article has mentioned;
:mod:`~untally.claims.report` renders the :class:`~untally.claims.models.Report` as a table,
JSON, Markdown or HTML.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from datetime import date

from untally.claims.models import Claim, Finding, Kind, Report, Verdict

MAX_JUDGED = 4000  # claims judged per text; the rest are listed as not checked, with why

__all__ = ["Claim", "Finding", "Kind", "Report", "Verdict", "check", "extract_claims", "frames"]


def frames(text: str, as_of: date | None = None):
    """The frames read from ``text`` (no database needed); the dateline gives ``as_of``."""
    from untally.claims.grammar import read
    from untally.claims.timex import infer_as_of

    dateline = infer_as_of(text)
    if as_of is None and dateline is not None:
        as_of = dateline.date
    return read(text, as_of, dateline.span if dateline else None)


def extract_claims(text: str, as_of: date | None = None) -> list[Claim]:
    """The claims in ``text``, without verdicts."""
    from untally.claims.verdict import to_claim

    return [to_claim(f) for f in frames(text, as_of)]


def check(text: str, record, as_of: date | None = None, *, source: str = "text") -> Report:
    """Read every claim in ``text`` and judge each against ``record``.

    ``as_of`` is the article's date; if None it is inferred from the text's dateline or
    byline, and without one, claims are judged against the whole record.
    """
    from untally.claims.clauses import sentences
    from untally.claims.grammar import read
    from untally.claims.inputs import check_text
    from untally.claims.timex import infer_as_of
    from untally.claims.verdict import Judge, record_ends

    started = time.perf_counter()
    check_text(text, source)
    dateline = infer_as_of(text)
    how = "given"
    if as_of is None:
        if dateline is not None:
            as_of, how = dateline.date, f"inferred from '{dateline.line[:80]}'"
        else:
            how = "unknown (no date in the text)"
    record.ensure_topics()
    ends, with_ga = record_ends(record)
    judge = Judge(record.store.con, ends, as_of, with_ga, record)
    starts = [s for s, _ in sentences(text)]
    lines = [m.start() for m in re.finditer("\n", text)]
    findings = []
    for n, frame in enumerate(read(text, as_of, dateline.span if dateline else None)):
        judge.disc.next_sentence(
            bisect_right(starts, frame.span[0]), bisect_right(lines, frame.span[0])
        )
        if n >= MAX_JUDGED:
            findings.append(judge.not_judged(frame, MAX_JUDGED))
            continue
        findings.append(judge.judge(frame))
    return Report(
        source=source,
        text=text,
        as_of=as_of,
        as_of_source=how,
        record=ends,
        findings=tuple(findings),
        seconds=time.perf_counter() - started,
    )
