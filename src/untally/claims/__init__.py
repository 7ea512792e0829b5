"""The claim checker: every checkable statement about UN votes in a text, with a verdict.

    from untally.claims import check
    from untally.record import Record

    with Record() as record:
        report = check(text, record)           # as_of inferred from the text's dateline
    for f in report.findings:
        print(f.verdict, f.claim.text, f.value_found)

Stages (each a pure function of its inputs): :mod:`~untally.claims.extract` finds the claims,
:mod:`~untally.claims.verify` queries the store for each, :mod:`~untally.claims.report`
renders the same :class:`~untally.claims.models.Report` as a table, JSON, Markdown or HTML.
"""

from __future__ import annotations

import time
from datetime import date

from untally.claims.models import Claim, Finding, Kind, Report, Verdict

__all__ = ["Claim", "Finding", "Kind", "Report", "Verdict", "check", "extract_claims"]


def extract_claims(text: str, as_of: date | None = None) -> list[Claim]:
    """The claims in ``text`` (the dateline, if any, gives ``as_of`` when it is not given)."""
    from untally.claims.extract import extract
    from untally.claims.timex import infer_as_of

    dateline = infer_as_of(text)
    if as_of is None and dateline is not None:
        as_of = dateline.date
    return extract(text, as_of, dateline.span if dateline else None)


def check(text: str, record, as_of: date | None = None, *, source: str = "text") -> Report:
    """Extract every claim from ``text`` and verify each against ``record``.

    ``as_of`` is the article's date; if None it is inferred from the text's dateline or
    byline, and if the text has none, each count is reported with the period it held.
    """
    from untally.claims.extract import extract
    from untally.claims.inputs import check_text
    from untally.claims.timex import infer_as_of
    from untally.claims.verify import Checker

    started = time.perf_counter()
    check_text(text, source)
    dateline = infer_as_of(text)
    how = "given"
    if as_of is None:
        if dateline is not None:
            as_of, how = dateline.date, f"inferred from '{dateline.line[:80]}'"
        else:
            how = "unknown (no date in the text)"
    claims = extract(text, as_of, dateline.span if dateline else None)
    checker = Checker(record, as_of)
    findings = tuple(checker.verify(c) for c in claims)
    return Report(
        source=source,
        text=text,
        as_of=as_of,
        as_of_source=how,
        record=checker.ends,
        findings=findings,
        seconds=time.perf_counter() - started,
    )
