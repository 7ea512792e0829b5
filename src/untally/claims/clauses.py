"""Sentences and clauses: where one claim ends and the next begins.

A sentence is cut at semicolons, list headers ("April 12, 2017: ..."), relative clauses
("..., whose foreign minister said ..."), contrasts and concessions (", while ...",
", despite ..."), a colon that opens a clause of its own, and ", and" before a second
counted clause. States are found by the
lexicon's phrases and, when misspelt ("United Stats"), by fuzzy match.
"""

from __future__ import annotations

import re
from functools import cache

from untally.claims.lexicon import Mention, lexicon


def _mentions(text: str) -> list[Mention]:
    """Lexicon phrases, plus states whose names are misspelt ("United Stats"): a run of
    capitalised words no phrase matched is compared with every member's name (rapidfuzz)."""
    lex = lexicon()
    found = lex.mentions(lex.nlp.make_doc(text))
    for m in re.finditer(r"\b(?!The\b)[A-Z][a-z]{5,}(?:\s+[A-Z][a-z]+){0,3}\b", text):
        if any(x.start < m.end() and m.start() < x.end for x in found) or re.search(
            r"\b(?:Latin|Central|South|North|the)\s+$", text[: m.start()]
        ):
            continue
        code = _fuzzy_member(m.group(0))
        if code:
            found.append(Mention(m.start(), m.end(), "member", code, m.group(0)))
    return sorted(found, key=lambda x: x.start)


@cache
def _member_names() -> dict[str, str]:
    from untally.members import all_members

    return {
        _squash(name): member.code
        for member in all_members()
        for name in (member.name, *member.aliases)
        if len(name) > 4
    }


def _squash(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@cache
def _fuzzy_member(words: str) -> str | None:
    from rapidfuzz import fuzz, process

    names = _member_names()
    hit = process.extractOne(_squash(words), list(names), scorer=fuzz.ratio, score_cutoff=85)
    return names[hit[0]] if hit else None


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for every sentence; lines are never joined (lists, headlines)."""
    lex = lexicon()
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip() and not METADATA.match(line):
            doc = lex.nlp(line)
            for s in doc.sents:
                if s.text.strip():
                    out.append((offset + s.start_char, s.text))
        offset += len(line) + 1
    return out


_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
)
# Front-matter lines ("# source: ...", "date: 2024-03-24") are about the text, not in it;
# a Markdown heading ("# Russia vetoes ...") is read like any sentence.
METADATA = re.compile(r"^\s*#*\s*(?:source|date|url|author|title|published|tags)\s*:", re.I)
CLAUSE_CUT = re.compile(
    r";\s+|\s+[—–]\s+(?=[A-Z]|among\b|including\b)(?![^—–]*[—–])|(?<=\w)\.\s*\[\d+\]\s+"
    r"|,\s+and\s+(?=(?:in (?:every|each) case|every (?:one|time)|all of (?:them|these))\b)"
    r"|,\s+(?=(?:whose|who)\s)|,\s+(?=(?:while|whereas|yet|despite|notwithstanding)\s)"
    r"|,\s+and\s+(?=(?:it|they|he|she|we|this|that)\s)|,\s+(?=most recently\b|when\b)"
    r"|,\s+(?=where\s+(?:the\s+)?[A-Z]\w+\s)"  # "the Council on Syria, where Russia has ..."
    r"|,?\s+(?=rather than\s)"  # "France abstained rather than join the US": a contrast
    rf"|,\s+and,?\s+(?=(?:\w+,\s+)?(?:just\s+|only\s+)?(?:{_NUMBER_WORDS}|\d+)\s+\w+)"
    rf"|,\s+(?=(?:{_NUMBER_WORDS}|\d+)\s+of\s+(?:which|whom)\b)"
    r"|,\s+(?:and|but)\s+(?=(?:more than |less than |nearly |almost |about )?"
    r"(?:half|a third|a quarter|two[- ]thirds|three[- ]quarters|most|a majority)\s+of\b)"
)
HEADER = re.compile(
    r"^(?:[-*•]\s+)?(?P<h>(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}"
    r"|[A-Z][\w./ ]{1,30})):\s+"
)


class _Cut:
    """A cut that is not a regular-expression match (same two methods)."""

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def clauses(offset: int, sentence: str) -> list[tuple[int, str, str | None]]:
    """(offset, clause, list header) for one sentence."""
    header = None
    header_end = 0
    m = HEADER.match(sentence)
    if m and len(sentence) > m.end() + 10:
        header = m.group("h")
        header_end = m.end()
    out = []
    pos = 0
    cuts: list[re.Match[str] | _Cut] = list(CLAUSE_CUT.finditer(sentence))
    # a colon that opens a clause of its own ("...on its own: every Chinese veto since 2011
    # ..."), not a list of states ("voting no: Mali, Laos ...") or a list header
    for m in re.finditer(r":\s+", sentence):
        rest = sentence[m.end() :]
        if (header and m.start() < header_end) or len(rest) < 25:
            continue
        first = _mentions(rest[:40])
        if first and first[0].family == "member" and first[0].start < 6:
            continue
        if re.match(r"^(?:\d|[A-Z][\w.]*\s*\(|the\s+[A-Z])", rest):
            continue
        cuts.append(m)
    # "..., and since 1946 it has cast 30 in all": a second counted clause
    num = rf"\b(?:\d+|{_NUMBER_WORDS})\b"
    for m in re.finditer(r",\s+and\s+", sentence):
        left = sentence[pos : m.start()]
        right = re.split(r"[;:]", sentence[m.end() :])[0]
        if (
            re.search(num, left, re.I)
            and re.search(num, right, re.I)
            and re.search(
                r"\b(?:has|have|had|was|were|is|are|vetoed|blocked|voted|abstained|used|cast)\b",
                right,
                re.I,
            )
        ):
            cuts.append(m)
    # "..., and the Soviet Union cast vetoes on ...": a second state with its own act
    for m in re.finditer(r",\s+and\s+", sentence):
        right = sentence[m.end() :]
        first = _mentions(right[:50])
        if (
            first
            and first[0].family == "member"
            and first[0].start <= 4
            and re.match(
                r"^(?:the\s+)?[\w .'’-]{2,45}?\s+(?:(?:has|have|had|also|then|later)\s+)*"
                r"(?:vetoed|voted|cast|abstained|used|blocked|opposed|backed|supported)\b",
                right,
            )
        ):
            cuts.append(m)
    intro = re.match(
        r"^(?:Amid|Despite|Following|Ahead of|After|As)\b(?:[^,;]|,(?=\d)){10,160}?,\s+"
        r"(?=the\s|it\s|[A-Z])",
        sentence,
    )
    if intro and re.search(r"\bkill|\bdied|\bdead|\breports?\b|\bsaid\b", intro.group(0), re.I):
        comma = intro.group(0).rstrip().rfind(",")
        cuts.append(_Cut(comma, intro.end()))  # an opening phrase about something else
    cuts.sort(key=lambda c: c.start())
    for cut in [*cuts, None]:
        if cut is not None and cut.start() < pos:
            continue
        end = cut.start() if cut else len(sentence)
        piece = sentence[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((offset + pos + lead, piece.strip(), header))
        if cut:
            pos = cut.end()
    return out


# ----------------------------------------------------------------------------- reading
