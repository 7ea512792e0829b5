"""One :class:`Report`, four renderings: a Rich table, JSON, Markdown and an HTML page.

All four read the same findings, so they cannot disagree; the HTML page is a Jinja2 template
shipped in the package (``claims/templates/report.html.j2``) that highlights each claim in
the text in its verdict's colour, with the evidence in an expandable table.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from untally.claims.models import Finding, Report, Verdict

COLOURS = {
    Verdict.supported: "green",
    Verdict.contradicted: "red",
    Verdict.partly_supported: "yellow",
    Verdict.unverifiable: "bright_black",
}
CSS_CLASS = {
    Verdict.supported: "supported",
    Verdict.contradicted: "contradicted",
    Verdict.partly_supported: "partly",
    Verdict.unverifiable: "unverifiable",
}


def to_json(report: Report) -> dict[str, Any]:
    """The documented JSON: per claim text, span, kind, verdict, values, convention,
    held_from/held_until and the evidence ({symbol, date, tally, url})."""
    return {
        "source": report.source,
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "as_of_source": report.as_of_source,
        "record_ends": report.record.model_dump(mode="json"),
        "summary": report.counts(),
        "claims": [f.as_json() for f in report.findings],
    }


def render_json(report: Report) -> str:
    return json.dumps(to_json(report), indent=2, ensure_ascii=False)


def _when(f: Finding) -> str:
    if f.held_from is None:
        return ""
    until = f.held_until.isoformat() if f.held_until else "at least the end of the record"
    return f"{f.held_from} to {until}"


def _header(report: Report) -> list[str]:
    ends = report.record
    assembly = ends.assembly.isoformat() if ends.assembly else "not loaded"
    return [
        f"Source: {report.source}",
        f"As of: {report.as_of or 'unknown'} ({report.as_of_source})",
        f"Record: veto list to {ends.vetoes}; meeting tables (tallies) to {ends.tallies}; "
        f"Council resolutions to {ends.resolutions}; General Assembly to {assembly}",
    ]


def render_markdown(report: Report) -> str:
    counts = report.counts()
    lines = ["# Claims checked against the UN voting record", ""]
    lines += [f"- {line}" for line in _header(report)]
    lines.append("- Verdicts: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n))
    lines.append("")
    for i, f in enumerate(report.findings, 1):
        c = f.claim
        lines.append(f"## {i}. {f.verdict.value.upper()}: “{c.text}”")
        lines.append("")
        lines.append(f"- kind: `{c.kind.value}`; characters {c.span[0]}–{c.span[1]}")
        for label, value in (
            ("claimed", f.value_claimed),
            ("found", f.value_found),
            ("convention", f.convention),
            ("held", _when(f)),
        ):
            if value:
                lines.append(f"- {label}: {value}")
        for note in f.notes:
            lines.append(f"- note: {note}")
        rows = [("evidence", e) for e in f.evidence[:20]] + [
            ("counter-example", e) for e in f.counter_examples[:20]
        ]
        if rows:
            lines += [
                "",
                "| | symbol | date | tally | vetoed by | link |",
                "|---|---|---|---|---|---|",
            ]
            for label, e in rows:
                lines.append(
                    f"| {label} | {e.symbol} | {e.date or '—'} | {e.tally or '—'} | "
                    f"{', '.join(e.vetoed_by) or '—'} | {e.url or ''} |"
                )
            more = len(f.evidence) - 20
            if more > 0:
                lines.append(f"\n…and {more} more in the JSON report.")
        lines.append("")
    return "\n".join(lines)


def render_table(report: Report, console) -> None:
    """A Rich table on ``console``: one row per claim, the evidence counted, notes below."""
    from rich.table import Table

    table = Table(title="Claims checked against the UN voting record", show_lines=True)
    for col, width in (
        ("#", 3),
        ("verdict", 12),
        ("claim", 48),
        ("found", 36),
        ("convention / held", 30),
    ):
        table.add_column(col, max_width=width, overflow="fold")
    for i, f in enumerate(report.findings, 1):
        colour = COLOURS[f.verdict]
        held = " ".join(x for x in (f.convention or "", _when(f)) if x)
        found = f.value_found or ("; ".join(f.notes)[:160] if f.notes else "")
        if f.counter_examples:
            found += "; counter-examples: " + ", ".join(
                f"{e.symbol} ({e.date})" for e in f.counter_examples[:4]
            )
        table.add_row(str(i), f"[{colour}]{f.verdict.value}[/]", f.claim.text, found, held)
    for line in _header(report):
        console.print(line, highlight=False)
    console.print(table)
    counts = report.counts()
    console.print(
        ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        + f" — {len(report.findings)} claims in {report.seconds:.2f} s. "
        "Use --format json, markdown or html for the evidence of each claim.",
        highlight=False,
    )


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("untally.claims", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def segments(report: Report) -> list[dict[str, Any]]:
    """The text cut into plain runs and claim runs (claims never overlap in extraction; an
    overlap, if any, is shown from the first claim)."""
    out: list[dict[str, Any]] = []
    pos = 0
    text = report.text
    for i, f in sorted(enumerate(report.findings, 1), key=lambda x: x[1].claim.span[0]):
        start, end = f.claim.span
        if start < pos:
            continue
        if start > pos:
            out.append({"text": text[pos:start], "claim": None})
        out.append(
            {
                "text": text[start:end],
                "claim": i,
                "css": CSS_CLASS[f.verdict],
                "verdict": f.verdict.value,
            }
        )
        pos = end
    out.append({"text": text[pos:], "claim": None})
    return out


def render_html(report: Report) -> str:
    template = _environment().get_template("report.html.j2")
    findings = [
        {"n": i, "f": f, "css": CSS_CLASS[f.verdict], "held": _when(f)}
        for i, f in enumerate(report.findings, 1)
    ]
    return template.render(
        report=report,
        header=_header(report),
        counts=report.counts(),
        segments=segments(report),
        findings=findings,
        data=json.dumps(to_json(report), ensure_ascii=False).replace("</", "<\\/"),
    )
