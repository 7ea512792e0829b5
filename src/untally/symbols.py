"""UN document symbols: the one place that knows their shape and where they resolve.

Upstream tables write the same draft several ways ("S/471 and S/471/Add.1", "(S/2013/660)",
"S/11400 (as amended)"). untally keys a draft by its first (principal) document symbol and
keeps any bracketed qualifier as a label, so the veto list and the meeting tables meet.
"""

from __future__ import annotations

import re

# S/PV.303, S/5407, S/2018/516, S/1399/Rev.1, S/471/Add.1 — optionally in brackets.
DOC_PATTERN = r"\(?S/(?:PV\.\d+|\d{4}/\d+|\d+)(?:/(?:Rev|Add|Corr)\.\d+)*\)?"
_DOC = re.compile(DOC_PATTERN.replace(r"\(?", "").replace(r"\)?", ""))
_LABEL = re.compile(r"\(([^()]*[A-Za-z][^()]*)\)")

UNDOCS = "https://undocs.org/en/"


def principal(text: str | None) -> tuple[str, str | None]:
    """First document symbol in ``text`` and its bracketed qualifier, if any.

    >>> principal("S/11400 (as amended)")
    ('S/11400', 'as amended')
    >>> principal("S/471 and S/471/Add.1")
    ('S/471', None)
    """
    if not text:
        return "", None
    collapsed = re.sub(r"\s+", " ", text).strip()
    m = _DOC.search(collapsed.replace(" /", "/"))
    symbol = m.group(0) if m else collapsed.strip("() ").replace(" ", "")
    found = _LABEL.search(collapsed)
    label = found.group(1).strip() if found else None
    if label and _DOC.fullmatch(label):
        label = None
    return symbol, label


def doc_url(symbol: str | None) -> str | None:
    """undocs.org resolves any document symbol (drafts, meeting records) to the official text."""
    if not symbol:
        return None
    symbol = symbol.split("#")[0]
    return UNDOCS + symbol if symbol.startswith("S/") else None
