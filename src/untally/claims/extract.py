"""Find the checkable statements about UN votes in a text: ``extract(text, as_of) -> [Claim]``.

How it reads (rules, not a statistical model, so every claim can be traced to the words that
made it):

1. The text is split into lines and sentences (spaCy's blank English pipeline and its
   rule-based sentencizer), and every phrase the lexicon knows is found with spaCy's
   PhraseMatcher: states (names, aliases, capitals, demonyms), topics, recurring Assembly
   texts and cue words ("vetoed", "lone", "every", "abstained"...).
2. Each sentence is cut into clauses at semicolons, colons, dashes and at commas that open a
   new statement (", 44 of them", ", and in every case", ", when ..."). A clause is read
   for one claim: a count, a share, a universal, a first/last, an event, a tally or a
   member's vote, an agreement figure.
3. Who, what topic and when come from the clause, else from the sentence, else from the
   sentences before ("it", "Neither country", "those vetoes", "the resolution"): a small
   discourse state carried through the text.
4. Sentences about things no vote records (press statements, closed consultations, threats
   of a veto) and about money, weapons, lobbying or letters are kept as claims of their own
   kind, so a reader sees them listed rather than silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from untally.claims.lexicon import Lexicon, Mention, lexicon
from untally.claims.models import Claim, Kind, Period, Quantity, Scope, Tally
from untally.claims.numbers import (
    Number,
    TallyMatch,
    find_counts,
    find_shares,
    find_tallies,
    merge_tallies,
    value_of,
)
from untally.claims.timex import TimeExpr, find_times, merge

P5 = ("CHN", "FRA", "GBR", "RUS", "SUN", "USA")
SOVIET_END = date(1991, 12, 24)
VETO_NOUN = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?"
    r"(draft|resolution|text|measure|proposal|veto|time|occasion|negative vote)",
    re.I,
)
NOT_COUNTED = re.compile(
    r"^\s*(?:votes?|in favou?r|members?|countries|states|abstention|years?|days?|months?|"
    r"percent|per cent|%|to\b|-|regions?|people|weeks?)",
    re.I,
)
OF_PARENT = re.compile(
    r"^\s*(?:of|out of)\s+(?:them|these|those|which|its vetoes|the vetoes)\b(?!\s+\d)", re.I
)
OF_TOTAL = re.compile(
    r"^\s*(?:out\s+of|of)\s+(?:the\s+|its\s+|those\s+|these\s+|all\s+)?(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b",
    re.I,
)
LEADING_OF = re.compile(
    r"^\s*of\s+the\s+(\d[\d,]*)\s+(?:drafts?|resolutions?|vetoes|vetoed drafts?)\b", re.I
)
NOT_VETO_ACT = re.compile(
    r"count(?:ed)? as a veto|not (?:count as )?a veto|amount(?:ed)? to a veto|"
    r"the veto (?:is|was) (?:an?|the)\b|veto (?:power|initiative|reform)|reform of the veto|"
    r"(?:using|use) the veto in cases|refrain from (?:using )?the veto|written into the Charter|"
    r"give up the veto",
    re.I,
)
DRAFT_WORDS = re.compile(r"\b(?:drafts?|resolutions?|texts?)\b", re.I)
ATTACHED = re.compile(r"^\s*(?:when|where|which|after which|as)\b", re.I)
RESTRICTIVE_ALONE = re.compile(
    r"\b(?:alone|by itself)\s+(?:has|have|had|is|was|cast|vetoed)\b|\balone,|"
    r"\b(?:decade|years?|months?|period|century)\s+alone\b",
    re.I,
)
RANK = re.compile(r"\bmore (?:\w+ )?than any other\b|\bthe most vetoes\b", re.I)
LEADING_PARENT = re.compile(r"^\s*(?:of|among) (?:those|them|these)\b", re.I)
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
ORDINAL = re.compile(
    r"\bthe (" + "|".join(ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th)) ([\w-]+ )?veto\b(?!es)", re.I
)
PRONOUN = re.compile(r"\b(?:it|its|they|their|both|neither|either|each of them)\b", re.I)
SEAT_WORDS = re.compile(r"\b(?:together|combined|seat|including the Soviet|and the Soviet)\b", re.I)
TOPIC_ATTACHED = re.compile(
    r"\b(?:veto|vetoes)\s+(?:on|over|about|concerning|to (?:protect|shield)|regarding)"
    r"\s+(?:the\s+)?$",
    re.I,
)
QUESTION_TOPIC = re.compile(r"\bon the (?:question|issue|subject|matter)\b", re.I)
DRAFT_SYMBOL = re.compile(r"\bS/(?:19|20)\d\d/\d+(?:/Rev\.\d)?\b|\bS/\d{3,5}(?:/Rev\.\d)?\b")
SC_REF = re.compile(
    r"\bS/RES/(\d{1,4})\s*(?:\((\d{4})\))?|\b(?:[Rr]esolution|[Rr]es\.)\s+(\d{1,4})(?:\s*\((\d{4})\))?(?![/\d])"
)
GA_REF = re.compile(
    r"\bA/RES/((?:ES-\d+/)?\d+(?:/\d+)?(?:\s*\([IVXLC]+\))?)|\b[Rr]esolution\s+((?:ES-\d+/\d+)|\d{1,3}/\d{1,4})\b"
)
COINCIDENCE_HINTS = [
    (
        re.compile(r"only yes and no|ignor\w+ abstentions|classic|before 2017|old method", re.I),
        "state-dept",
    ),
    (re.compile(r"2017[–-]2020 method|partial credit", re.I), "state-dept-2017"),
    (re.compile(r"absences? (?:scored|counted) as half", re.I), "state-dept-2021"),
    (re.compile(r"agreement (?:index|score)|Voeten", re.I), "agreement-index"),
    (re.compile(r"counting abstentions as a position|all votes", re.I), "all-votes"),
]
POSITION_WORDS = [
    ("N", r"voted against|voting against|voted no|voting no|opposed it|were opposed|"
          r"cast (?:a |their )?negative votes?|against"),
    ("A", r"abstained|abstaining|abstentions?|abstain"),
    ("Y", r"voted (?:in favou?r|for|yes)|voting (?:in favou?r|for|yes)|backed|supported"),
]  # fmt: skip


# --------------------------------------------------------------------------- the sentence


@dataclass
class Sentence:
    """One sentence with everything the lexicon and the number grammar found in it."""

    text: str
    start: int  # offset in the document
    mentions: list[Mention]  # offsets relative to the sentence
    times: list[TimeExpr]
    tallies: list[TallyMatch]
    counts: list[Number]
    shares: list[Number]
    sc_refs: list[tuple[int, int, str]]
    ga_refs: list[tuple[int, int, str]]

    def cue(self, name: str, lo: int = 0, hi: int | None = None) -> list[Mention]:
        hi = len(self.text) if hi is None else hi
        return [
            m
            for m in self.mentions
            if m.family == "cue" and m.value == name and lo <= m.start and m.end <= hi
        ]

    def family(self, family: str, lo: int = 0, hi: int | None = None) -> list[Mention]:
        hi = len(self.text) if hi is None else hi
        return [m for m in self.mentions if m.family == family and lo <= m.start and m.end <= hi]

    def segments(self) -> list[tuple[int, int]]:
        """Clause boundaries: ; : — – ( ), and commas that open a new statement."""
        cuts = {0, len(self.text)}
        for m in re.finditer(r"\s*[;:—–]\s+|\s+-\s+|\s*[()]\s*", self.text):
            cuts.add(m.start())
        opener = (
            r",\s+(?=(?:and|but|while|whereas|although|though|when|where|which|yet|"
            r"most recently|more than any|in every|in each|every|each time|all of|all but|"
            r"none of|including|"
            r"(?:most|half|many|some|a third|two thirds|a quarter) of (?:them|those|these)|"
            r"the (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
            r"\d+(?:st|nd|rd|th))\s)\b)"
        )
        for m in re.finditer(opener, self.text, re.I):
            cuts.add(m.start())
        for n in self.counts + self.shares:
            before = self.text[: n.start].rstrip()
            if before.endswith(","):
                cuts.add(len(before) - 1)
            elif re.search(r",\s+(?:and|but)\s+$", self.text[: n.start]):
                cuts.add(self.text[: n.start].rfind(","))
        # ", France 18": a state followed by a bare number opens an elliptical clause
        for m in re.finditer(
            r",\s+(?:and\s+)?(?=(?:the\s+)?[A-Z][\w.]+(?:\s+[A-Z]\w+)?\s+\d+\b)", self.text
        ):
            cuts.add(m.start())
        ordered = sorted(cuts)
        return [(a, b) for a, b in pairwise(ordered) if self.text[a:b].strip(" ,;:—–()")]


def _build(
    text: str, start: int, end: int, mentions: list[Mention], as_of: date | None
) -> Sentence:
    body = text[start:end]
    local = [
        Mention(m.start - start, m.end - start, m.family, m.value, m.text)
        for m in mentions
        if start <= m.start and m.end <= end
    ]
    times = find_times(body, as_of)
    sc_refs = [
        (
            m.start(),
            m.end(),
            f"S/RES/{m.group(1) or m.group(3)}"
            + (f" ({m.group(2) or m.group(4)})" if (m.group(2) or m.group(4)) else ""),
        )
        for m in SC_REF.finditer(body)
    ]
    ga_refs = [
        (m.start(), m.end(), "A/RES/" + (m.group(1) or m.group(2)).strip())
        for m in GA_REF.finditer(body)
    ]
    # A time phrase inside a symbol ("resolution 242 (1967)") is not a time phrase.
    symbol_spans = [(a, b) for a, b, _ in sc_refs + ga_refs] + [
        (m.start(), m.end()) for m in DRAFT_SYMBOL.finditer(body)
    ]
    times = [t for t in times if not any(a <= t.start and t.end <= b for a, b in symbol_spans)]
    time_spans = [(t.start, t.end) for t in times]
    tallies = find_tallies(body, time_spans + symbol_spans)
    masked = time_spans + symbol_spans + [(t.start, t.end) for t in tallies]
    shares = find_shares(body)
    masked += [(n.start, n.end) for n in shares]
    counts = find_counts(body, masked)
    return Sentence(body, start, local, times, tallies, counts, shares, sc_refs, ga_refs)


# --------------------------------------------------------------------------- discourse


@dataclass
class Discourse:
    """What earlier sentences established, for pronouns and elliptical references."""

    subjects: tuple[str, ...] = ()
    body: str | None = None
    topic: str | None = None
    last_count: Claim | None = None
    sc_target: Claim | None = None  # the last SC decision a claim was about
    ga_target: Claim | None = None
    ga_topic: str | None = None


@dataclass
class Ctx:
    s: Sentence
    d: Discourse
    as_of: date | None
    lex: Lexicon
    claims: list[Claim] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def _span(ctx: Ctx, a: int, b: int) -> tuple[str, tuple[int, int]]:
    text = ctx.s.text
    while a < b and text[a] in " ,;:—–()":
        a += 1
    while b > a and text[b - 1] in " ,;:—–().":
        b -= 1
    return text[a:b], (ctx.s.start + a, ctx.s.start + b)


def _claim(ctx: Ctx, a: int, b: int, kind: Kind, **fields) -> Claim:
    text, span = _span(ctx, a, b)
    return Claim(text=text, span=span, sentence=ctx.s.text.strip(), kind=kind, **fields)


def _members(ctx: Ctx, a: int, b: int) -> list[Mention]:
    return ctx.s.family("member", a, b)


def _joint_partners(ctx: Ctx, a: int, b: int) -> tuple[list[str], list[str]]:
    """(subjects, partners): states after "alongside / together with / joined" are partners."""
    subjects, partners = [], []
    text = ctx.s.text
    for m in _members(ctx, a, b):
        before = text[max(a, m.start - 30) : m.start].lower()
        if re.search(
            r"(?:alongside|together with|jointly with|joined(?: by)?|in tandem with|along with|"
            r"with)\s+(?:the\s+)?$",
            before,
        ) or (re.search(r"\bby\s+(?:the\s+)?$", before) and ctx.s.cue("joint", a, b)):
            partners.append(m.value)
        else:
            subjects.append(m.value)
    return _dedupe(subjects), _dedupe(partners)


def _dedupe(codes: list[str]) -> list[str]:
    out: list[str] = []
    for c in codes:
        if c not in out:
            out.append(c)
    return out


def _topic(
    ctx: Ctx, a: int, b: int, exclude: tuple[str, ...] = ()
) -> tuple[str | None, str | None]:
    found = [m for m in ctx.s.family("topic", a, b)]
    if QUESTION_TOPIC.search(ctx.s.text[a:b]) and not found and ctx.d.topic:
        return ctx.d.topic, "the question"
    ids = _dedupe([m.value for m in found])
    ids = [t for t in ids if not any(y in ids for y in ctx.lex.topic_yields.get(t, ()))]
    ids = [t for t in ids if t not in exclude]
    if not ids:
        return None, None
    texts = [next(m.text for m in found if m.value == i) for i in ids]
    return ",".join(ids), " and ".join(texts)


def _period(
    times: list[TimeExpr], roles: tuple[str, ...] = ("since", "until", "range", "point")
) -> Period | None:
    period = None
    for t in times:
        if t.period is not None and t.role in roles:
            period = merge(period, t.period)
    return period


def _times(ctx: Ctx, a: int, b: int) -> list[TimeExpr]:
    return [t for t in ctx.s.times if a <= t.start and t.end <= b]


def _unresolved(ctx: Ctx, a: int, b: int) -> bool:
    return any(t.role == "unresolved" for t in _times(ctx, a, b))


def _subject_codes(ctx: Ctx, codes: list[str], period: Period | None) -> tuple[str, ...]:
    """Russia named for a period before 1992 means the Soviet seat (members.resolve's rule)."""
    out = []
    for c in codes:
        if c == "RUS" and period and period.until and period.until <= SOVIET_END:
            c = "SUN"
        out.append(c)
    return tuple(_dedupe(out))


def _p5(codes: list[str]) -> list[str]:
    return [c for c in codes if c in P5]


# --------------------------------------------------------------------------- entry point


def extract(
    text: str, as_of: date | None = None, dateline: tuple[int, int] | None = None
) -> list[Claim]:
    """Every checkable claim in ``text``, in reading order. ``as_of`` resolves "this year";
    ``dateline`` (character span) is the article's own date, which is not a claim's time."""
    lex = lexicon()
    d = Discourse()
    claims: list[Claim] = []
    offset = 0
    lines = text.split("\n")
    docs = lex.nlp.pipe(lines)
    for line, doc in zip(lines, docs, strict=True):
        if line.strip():
            mentions = lex.mentions(doc)
            for sent in doc.sents:
                s = _build(line, sent.start_char, sent.end_char, mentions, as_of)
                s = replace(s, start=offset + sent.start_char)
                if dateline:
                    lo, hi = dateline[0] - s.start, dateline[1] - s.start
                    s.times = [t for t in s.times if not (lo <= t.start < hi)]
                claims.extend(_sentence(Ctx(s, d, as_of, lex)))
        offset += len(line) + 1
    return claims


def _sentence(ctx: Ctx) -> list[Claim]:
    s = ctx.s
    if len(s.text.strip()) < 12:
        return []
    nav = s.family("not_a_vote")
    if nav:
        reason = ctx.lex.not_a_vote[nav[0].value]
        ctx.claims.append(_claim(ctx, 0, len(s.text), Kind.not_a_vote, reason=reason))
        return ctx.claims
    body = _body(ctx)
    for a, b in s.segments():
        _segment(ctx, a, b, body)
    if not ctx.claims:
        _outside(ctx)
    _remember(ctx, body)
    return ctx.claims


def _body(ctx: Ctx) -> str | None:
    s = ctx.s
    if s.ga_refs:
        return "GA"
    if s.sc_refs or s.cue("veto") or DRAFT_SYMBOL.search(s.text):
        return "SC"
    firsts = sorted(s.cue("ga") + s.cue("sc"), key=lambda m: m.start)
    if firsts:
        return "GA" if firsts[0].value == "ga" else "SC"
    if s.family("ga_topic") and ctx.d.body == "GA":
        return "GA"
    return ctx.d.body


def _remember(ctx: Ctx, body: str | None) -> None:
    d = ctx.d
    if body:
        d.body = body
    subjects: list[str] = []
    for c in ctx.claims:
        if c.kind in (Kind.not_a_vote, Kind.outside_record):
            continue
        subjects.extend(c.scope.subjects)
        if c.kind in (Kind.veto_count, Kind.veto_share):
            d.last_count = c
        if c.kind == Kind.resolution_vote:
            d.sc_target = c
        if c.kind in (Kind.ga_vote, Kind.ga_isolation):
            d.ga_target = c
        if c.scope.topic:
            d.topic = c.scope.topic
    if subjects:
        d.subjects = tuple(_dedupe(subjects))
    elif _p5([m.value for m in ctx.s.family("member")]) and ctx.s.cue("veto"):
        d.subjects = tuple(_dedupe(_p5([m.value for m in ctx.s.family("member")])))
    ga = ctx.s.family("ga_topic")
    if ga:
        d.ga_topic = ga[0].value


def _outside(ctx: Ctx) -> None:
    s = ctx.s
    found = s.family("outside")
    if not found:
        return
    actors = (
        s.family("member") + s.family("topic") + s.family("ga_topic") + s.cue("sc") + s.cue("ga")
    )
    if not actors and not re.search(r"\b(?:we|our|UN|United Nations)\b", s.text):
        return
    what = ctx.lex.outside[found[0].value]
    ctx.claims.append(
        _claim(
            ctx,
            0,
            len(s.text),
            Kind.outside_record,
            reason=f"outside the UN voting record ({what})",
        )
    )


# --------------------------------------------------------------------------- clauses


def _segment(ctx: Ctx, a: int, b: int, body: str | None) -> None:
    s = ctx.s
    seg = s.text[a:b]
    if NOT_VETO_ACT.search(seg):
        return
    if ATTACHED.match(seg.lstrip(" ,;:")) and ctx.claims and _attach(ctx, a, b):
        return
    vetoish = bool(s.cue("veto", a, b)) or (
        bool(s.cue("block", a, b))
        and (bool(s.cue("draft", a, b)) or bool(s.cue("sc")) or bool(s.cue("veto")))
    )
    if body == "GA" and not s.cue("veto", a, b):
        _ga_segment(ctx, a, b)
        return
    if vetoish or _elliptical(ctx, a, b) or (_inherits_veto(ctx, a, b)):
        _veto_segment(ctx, a, b)
        return
    if s.tallies or s.sc_refs or s.cue("unanimous", a, b) or _positions(ctx, a, b)[0]:
        if body == "GA":
            _ga_segment(ctx, a, b)
        else:
            _sc_vote_segment(ctx, a, b)


def _inherits_veto(ctx: Ctx, a: int, b: int) -> bool:
    """A clause of a veto sentence with no veto word: "44 of them on Israel", "all of them on
    Syria", "and in every case it was the lone vote against"."""
    seg = ctx.s.text[a:b]
    referring = any(
        OF_PARENT.match(n.after) or OF_TOTAL.match(n.after) or LEADING_PARENT.match(ctx.s.text)
        for n in ctx.s.counts
        if a <= n.start < b
    )
    if not ctx.s.cue("veto") and not ctx.s.cue("block") and not (referring and ctx.d.last_count):
        return False
    if not any(c.kind.value.startswith("veto") for c in ctx.claims) and not ctx.d.last_count:
        return False
    return bool(
        [n for n in ctx.s.counts + ctx.s.shares if a <= n.start < b]
        or ctx.s.cue("universal", a, b)
        or ctx.s.cue("lone", a, b)
        or ctx.s.cue("rank", a, b)
        or re.search(r"\bmost recently\b", seg, re.I)
    )


def _veto_count(ctx: Ctx, n: Number, a: int, b: int) -> bool:
    """Whether a number in a veto clause counts vetoes ("82 draft resolutions", "vetoed 82",
    "21 times", "44 of them"), not years, members or votes."""
    sub = OF_PARENT.match(n.after) or (
        LEADING_PARENT.match(ctx.s.text) and ctx.d.last_count is not None
    )
    if NOT_COUNTED.match(n.after) and not sub:
        return False
    noun = VETO_NOUN.match(n.after)
    by_verb = re.search(r"(?:vetoed|blocked|cast|used (?:its|the) veto)\s*$", n.before)
    return bool(
        noun
        or by_verb
        or sub
        or OF_TOTAL.match(n.after)
        or _elliptical(ctx, a, b)
        or n.after.startswith("times")
    )


def _elliptical(ctx: Ctx, a: int, b: int) -> bool:
    """ ", France 18" after "Britain has cast 32 vetoes": the verb and noun are understood."""
    prev = [c for c in ctx.claims if c.kind == Kind.veto_count]
    if not prev:
        return False
    members = _p5([m.value for m in _members(ctx, a, b)])
    nums = [n for n in ctx.s.counts if a <= n.start < b]
    return len(members) == 1 and len(nums) == 1 and not ctx.s.cue("veto", a, b)


def _attach(ctx: Ctx, a: int, b: int) -> bool:
    """A "when / where" clause describing the event just named: its partners and tally
    become part of that claim. Returns False when the clause states a new event."""
    last = ctx.claims[-1]
    if last.kind in (Kind.resolution_vote, Kind.ga_vote):
        seg = ctx.s.text[a:b]
        tally = merge_tallies([t for t in ctx.s.tallies if a <= t.start < b])
        unanimous = bool(ctx.s.cue("unanimous", a, b))
        if not (tally or unanimous) or _positions(ctx, a, b)[0] or "veto" in seg.lower():
            return False
        _, span = _span(ctx, 0, b)
        text = ctx.s.text[last.span[0] - ctx.s.start : span[1] - ctx.s.start]
        ctx.claims[-1] = last.model_copy(
            update={"unanimous": last.unanimous or unanimous, "tally": last.tally or tally,
                    "span": (last.span[0], span[1]), "text": text}
        )  # fmt: skip
        return True
    if last.kind not in (Kind.veto_event, Kind.veto_first_last):
        return False
    _, partners = _joint_partners(ctx, a, b)
    tally = merge_tallies([t for t in ctx.s.tallies if a <= t.start < b])
    update: dict = {}
    if partners:
        update["scope"] = last.scope.model_copy(
            update={"joint_with": tuple(_dedupe([*last.scope.joint_with, *partners]))}
        )
    if tally:
        update["tally"] = tally
    text, span = _span(ctx, 0, b)
    start = last.span[0]
    update["span"] = (start, span[1])
    update["text"] = ctx.s.text[start - ctx.s.start : span[1] - ctx.s.start]
    ctx.claims[-1] = last.model_copy(update=update)
    return True


# --------------------------------------------------------------------------- vetoes


def _veto_segment(ctx: Ctx, a: int, b: int) -> None:
    s, d = ctx.s, ctx.d
    seg = s.text[a:b]
    subjects, partners = _joint_partners(ctx, a, b)
    subjects = _p5(subjects)
    partners = _p5(partners)
    restrictive = bool(RESTRICTIVE_ALONE.search(seg))
    lone_cues = [] if restrictive else s.cue("lone", a, b)
    if restrictive:
        lone_cues = []
    prior = [c for c in ctx.claims if c.kind in (Kind.veto_count, Kind.veto_event, Kind.veto_share)]
    if not subjects:
        if re.search(r"\b(?:neither|both)\b", seg, re.I) and len(d.subjects) > 1:
            subjects = list(d.subjects)
        elif prior:
            subjects = list(prior[0].scope.subjects)
        else:
            sentence_subjects = _p5(_joint_partners(ctx, 0, len(s.text))[0])
            subjects = (
                sentence_subjects[:1]
                if sentence_subjects
                else list(d.subjects[:1] if len(d.subjects) == 1 else d.subjects)
            )
    own_times = _times(ctx, a, b)
    lead_times = [
        t for t in s.times if t.end <= a and not [n for n in s.counts if n.start < t.start]
    ]
    topic, topic_text = _topic(ctx, a, b)
    universal = bool(s.cue("universal", a, b))
    never = bool(s.cue("never", a, b))
    which = "first" if s.cue("first", a, b) else "last" if (s.cue("last", a, b)) else None
    if which and not (s.cue("veto", a, b) or re.search(r"most recently|came", seg, re.I)):
        which = None
    seat = (
        True
        if (
            ("SUN" in subjects and "RUS" in subjects)
            or (SEAT_WORDS.search(s.text) and "the seat" in s.text.lower())
        )
        else (False if restrictive and "RUS" in subjects else None)
    )
    if seat and not {"SUN", "RUS"} & set(subjects):
        subjects = ["SUN", "RUS"]
    lone = (
        True
        if lone_cues
        else (
            False
            if s.cue("joint", a, b) and not partners and re.search(r"\bjoint(?:ly)?\b", seg, re.I)
            else None
        )
    )
    shares = [n for n in s.shares if a <= n.start < b]
    counts = [n for n in s.counts if a <= n.start < b and _veto_count(ctx, n, a, b)]
    only_one = re.search(
        r"(?:\b(?:its|the|their)|'s)\s+only\s+(?:[\w-]+\s+)?veto\b(?!es)", seg, re.I
    )
    if only_one and not counts:
        m = only_one
        counts = [
            Number(a + m.start(), a + m.end(), Quantity(value=1, text=m.group(0)), "veto", "")
        ]

    def base_scope(period: Period | None) -> Scope:
        return Scope(
            subjects=_subject_codes(ctx, subjects, period),
            seat=seat,
            topic=topic,
            topic_text=topic_text,
            period=period,
            lone=lone,
            joint_with=tuple(partners),
        )

    # ---- the rank of a member: "more than any other permanent member"
    if s.cue("rank", a, b) or RANK.search(seg):
        parent = prior[-1] if prior else None
        period = (
            _period(own_times) or (parent.scope.period if parent else None) or _period(lead_times)
        )
        scope = parent.scope if parent else base_scope(period)
        if (
            re.search(r"\bin that period|over the same period|in the same period\b", seg, re.I)
            and parent
        ):
            scope = parent.scope
        ctx.claims.append(_claim(ctx, a, b, Kind.veto_rank, body="SC", scope=scope))
        return

    # ---- shares: "more than half of all US vetoes", "44 out of those 82", "Of the 210 ..."
    lead = LEADING_OF.match(seg)
    if lead:
        whole = base_scope(_period(own_times))
        whole = whole.model_copy(update={"subjects": (), "topic": None})
        total = Quantity(value=value_of(lead.group(1)) or 0, text=lead.group(0).strip())
        ctx.claims.append(
            _claim(
                ctx,
                a,
                b,
                Kind.veto_share,
                body="SC",
                whole=whole,
                total=total,
                scope=whole,
                convention_hint="drafts",
            )
        )
        return
    pending_share = next(
        (c for c in ctx.claims if c.kind == Kind.veto_share and c.quantity is None), None
    )
    if pending_share and counts:
        n = counts[0]
        part = pending_share.whole.model_copy(
            update={
                "subjects": _subject_codes(ctx, subjects, pending_share.whole.period)
                if _members(ctx, a, b)
                else (),
                "topic": topic or pending_share.whole.topic,
                "lone": lone,
            }
        )  # type: ignore[union-attr]
        ctx.claims.remove(pending_share)
        start = pending_share.span[0] - s.start
        ctx.claims.append(
            _claim(
                ctx,
                start,
                b,
                Kind.veto_share,
                body="SC",
                whole=pending_share.whole,
                total=pending_share.total,
                quantity=n.quantity,
                scope=part,
                convention_hint=pending_share.convention_hint,
            )
        )
        return
    for n in counts:
        m = OF_TOTAL.match(n.after)
        if m and value_of(m.group(1)) is not None and not OF_PARENT.match(n.after):
            parent = d.last_count or (prior[-1] if prior else None)
            whole = parent.scope if parent else base_scope(_period(own_times))
            part = whole.model_copy(
                update={
                    "topic": topic or whole.topic,
                    "topic_text": topic_text or whole.topic_text,
                    "lone": lone if lone is not None else whole.lone,
                }
            )
            total = Quantity(value=value_of(m.group(1)) or 0, text=m.group(0).strip())
            ctx.claims.append(
                _claim(
                    ctx,
                    a,
                    b,
                    Kind.veto_share,
                    body="SC",
                    whole=whole,
                    total=total,
                    quantity=n.quantity,
                    scope=part,
                )
            )
            return
    if shares:
        n = shares[0]
        rest = seg[n.end - a :]
        np = re.match(
            r"\s+(?:of\s+)?(.*?)\s+(?:were|was|have|has|had|are|is|went|came|concerned|related|targeted|involved)\b",
            rest,
            re.I,
        )
        np_end = n.end + (np.end(1) if np else 0)
        parent_np = np is not None and re.fullmatch(
            r"(?:them|those|these)(?: vetoes)?", np.group(1).strip(), re.I
        )
        if not parent_np and re.match(r"\s+of\s+(?:them|those|these)\b", rest, re.I):
            parent_np = True
            np_end = n.end + len(re.match(r"\s+of\s+(?:them|those|these)", rest, re.I).group(0))
        whole_members = _p5([m.value for m in _members(ctx, n.end, np_end)])
        part_members = _p5([m.value for m in _members(ctx, np_end, b)])
        period = _period(own_times) or _period(lead_times)
        whole_topic = _topic(ctx, n.end, np_end)
        part_topic = _topic(ctx, np_end, b)
        whole = Scope(
            subjects=_subject_codes(ctx, whole_members, period),
            period=period,
            topic=whole_topic[0],
            topic_text=whole_topic[1],
            seat=seat,
        )
        part = whole.model_copy(
            update={
                "subjects": _subject_codes(ctx, part_members, period)
                if part_members
                else whole.subjects,
                "topic": part_topic[0] or whole.topic,
                "topic_text": part_topic[1] or whole.topic_text,
                "lone": lone,
            }
        )
        if part_members and len(part_members) > 1:
            part = part.model_copy(
                update={"seat": True if {"SUN", "RUS"} == set(part_members) else seat}
            )
        parent = (
            next((c for c in reversed(ctx.claims) if c.kind == Kind.veto_count), None)
            or d.last_count
        )
        if parent_np and parent is not None:
            whole = parent.scope
            part = whole.model_copy(
                update={
                    "topic": part_topic[0] or whole.topic,
                    "topic_text": part_topic[1] or whole.topic_text,
                    "lone": lone if lone is not None else whole.lone,
                }
            )
            partners_after = _p5(_joint_partners(ctx, np_end, b)[1])
            if partners_after:
                part = part.model_copy(
                    update={"joint_with": tuple(partners_after), "subjects": whole.subjects}
                )
        hint = "drafts" if DRAFT_WORDS.search(seg) else None
        ctx.claims.append(
            _claim(
                ctx,
                a,
                b,
                Kind.veto_share,
                body="SC",
                whole=whole,
                quantity=n.quantity,
                scope=part,
                convention_hint=hint,
            )
        )
        return

    # ---- universals: every / always / never
    if (universal or never) and not counts:
        parent = prior[-1] if prior else None
        own_subjects = _p5(_joint_partners(ctx, a, b)[0])
        if never:  # "has not vetoed since 1989": after 1989
            own_times = [
                replace(t, period=t.period.model_copy(update={"since": t.after}))
                if t.after and t.period
                else t
                for t in own_times
            ]
        period = _period(own_times)
        predicate = (
            "lone"
            if lone_cues
            else "joint"
            if (partners or lone is False)
            else ("topic" if topic and not never else ("topic" if topic else "any"))
        )
        if predicate == "topic" and never:
            predicate = "topic"
        if own_subjects or not parent:
            if period is None and not own_subjects and lead_times:
                period = _period(lead_times)
            scope = base_scope(period).model_copy(update={"lone": None, "joint_with": ()})
            if predicate == "topic":
                scope = scope.model_copy(update={"topic": None, "topic_text": None})
            readings: tuple[Scope, ...] = ()
        else:
            scopes = [c.scope for c in prior]
            scope = scopes[0]
            if predicate in ("lone", "joint") and topic:
                scope = scope.model_copy(update={"topic": topic, "topic_text": topic_text})
            if period:
                scope = scope.model_copy(update={"period": merge(scope.period, period)})
            readings = tuple(sc for sc in scopes[1:] if sc != scope)
        if predicate == "topic":
            pred_topic, pred_text = topic, topic_text
        else:
            pred_topic, pred_text = None, None
        extra = Scope(
            topic=pred_topic,
            topic_text=pred_text,
            joint_with=tuple(partners),
            lone=True if predicate == "lone" else None,
        )
        ctx.claims.append(
            _claim(
                ctx, a, b, Kind.veto_universal, body="SC", scope=scope, readings=readings,
                universal=True, negated=never, predicate=predicate,
                whole=extra,
            )
        )  # fmt: skip
        return

    # ---- "..., and was the only member to vote against it": lone, of the veto just named
    if lone_cues and not counts and prior and not s.cue("veto", a, b):
        ctx.claims.append(
            _claim(
                ctx, a, b, Kind.veto_universal, body="SC", scope=prior[-1].scope,
                universal=True, predicate="lone", whole=Scope(lone=True),
            )
        )  # fmt: skip
        return

    # ---- first / last veto
    if which and not counts:
        parent = prior[-1] if prior else None
        points = [t for t in own_times if t.role == "point" and t.period]
        scope_times = [t for t in own_times if t.role in ("since", "until", "range")]
        attached = topic is not None and any(
            TOPIC_ATTACHED.search(seg[: m.start - a] + " ")
            or re.search(
                r"\b(?:veto|vetoes)\s+(?:on|over|to (?:protect|shield))\s+(?:the\s+)?$",
                s.text[max(0, m.start - 30) : m.start],
                re.I,
            )
            for m in ctx.s.family("topic", a, b)
        )
        if re.search(r"\bmost recently\b", seg, re.I) and parent:
            scope = parent.scope.model_copy(
                update={
                    "period": _period(scope_times)
                    or (
                        parent.scope.period.model_copy(update={"until": None})
                        if parent.scope.period
                        else None
                    )
                }
            )
        else:
            scope = base_scope(_period(scope_times)).model_copy(
                update={"joint_with": (), "lone": None}
            )
            if not attached:
                scope = scope.model_copy(update={"topic": None, "topic_text": None})
        prop = Scope(
            topic=None if attached else topic,
            topic_text=None if attached else topic_text,
            joint_with=tuple(partners),
        )
        if re.search(r"\bcast the first veto\b|\bthe first veto in the Council", seg, re.I):
            prop = prop.model_copy(update={"subjects": scope.subjects})
            scope = scope.model_copy(update={"subjects": ()})
        claimed = points[0].period if points else None
        ctx.claims.append(
            _claim(
                ctx, a, b, Kind.veto_first_last, body="SC", scope=scope, which=which,
                whole=prop.model_copy(update={"period": claimed}),
            )
        )  # fmt: skip
        return

    # ---- counts
    for n in counts:
        noun = VETO_NOUN.match(n.after)
        sub = OF_PARENT.match(n.after) or LEADING_PARENT.match(s.text)
        ellipsis = _elliptical(ctx, a, b)
        hint = None
        if noun and noun.group(1).lower() in ("draft", "resolution", "text", "measure", "proposal"):
            hint = "drafts"
        if sub or ellipsis:
            parent = (
                next((c for c in reversed(ctx.claims) if c.kind == Kind.veto_count), None)
                or d.last_count
            )
            if parent is None:
                continue
            pscope = parent.scope
            own_members = _p5(_joint_partners(ctx, a, b)[0])
            scope = pscope.model_copy(
                update={
                    "subjects": _subject_codes(ctx, own_members, pscope.period)
                    if own_members
                    else pscope.subjects,
                    "topic": topic or pscope.topic,
                    "topic_text": topic_text or pscope.topic_text,
                    "lone": lone if lone is not None else pscope.lone,
                    "joint_with": tuple(partners) or pscope.joint_with,
                    "period": merge(pscope.period, _period(own_times))
                    if own_times
                    else pscope.period,
                }
            )
            ctx.claims.append(
                _claim(
                    ctx,
                    a,
                    b,
                    Kind.veto_count,
                    body="SC",
                    scope=scope,
                    quantity=n.quantity,
                    convention_hint=parent.convention_hint,
                )
            )
            continue
        period = _period(own_times) or _period(lead_times)
        if topic is None and ATTACHED.match(seg.lstrip(" ,;:")):
            topic, topic_text = _topic(ctx, 0, a)
        if _unresolved(ctx, a, b) and period is None:
            period = Period(text="unresolved: " + ", ".join(t.text for t in _times(ctx, a, b)))
        scope = base_scope(period)
        if scope.topic is None and not topic and d.topic and QUESTION_TOPIC.search(seg):
            scope = scope.model_copy(update={"topic": d.topic})
        if (
            not scope.subjects
            and re.search(r"\bthe veto\b|\ball vetoes\b", seg, re.I) is None
            and d.subjects
            and PRONOUN.search(seg)
        ):
            scope = scope.model_copy(update={"subjects": d.subjects})
        ctx.claims.append(
            _claim(
                ctx,
                a,
                b,
                Kind.veto_count,
                body="SC",
                scope=scope,
                quantity=n.quantity,
                convention_hint=hint,
            )
        )
    if counts:
        return

    # ---- an ordinal: "the eighth Russian veto on Syria" (the count up to the event's date)
    ordinal = ORDINAL.search(seg)
    if ordinal and ordinal.group(1).lower() not in ("first",) and prior:
        word = ordinal.group(1).lower()
        value = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        event = prior[-1].scope
        own = _p5([m.value for m in _members(ctx, a + ordinal.start(), b)]) or list(event.subjects)
        own_topic = _topic(ctx, a + ordinal.start(), b)
        until = event.period.until if event.period else None
        scope = Scope(
            subjects=_subject_codes(ctx, own, event.period),
            topic=own_topic[0] or event.topic,
            topic_text=own_topic[1] or event.topic_text,
            period=Period(until=until, text=f"up to {until}") if until else None,
        )
        ctx.claims.append(
            _claim(ctx, a + ordinal.start(), b, Kind.veto_count, body="SC", scope=scope,
                   quantity=Quantity(value=value, text=ordinal.group(0)), convention_hint="drafts")
        )  # fmt: skip
        return

    # ---- an event: "China and Russia vetoed a draft on Myanmar in January 2007"
    if not (s.cue("veto", a, b) or s.cue("block", a, b)):
        return
    if re.search(
        r"\b(?:would|will|could|might|may|threaten\w*)\s+(?:\w+\s+)?(?:veto|block)", seg, re.I
    ):
        return
    points = [t for t in own_times if t.role in ("point", "range")]
    period = _period(points) or _period([t for t in s.times if t.role == "point"])
    unresolved = _unresolved(ctx, a, b) and period is None
    if not subjects or (
        topic is None and period is None and not unresolved and not DRAFT_SYMBOL.search(seg)
    ):
        return
    scope = base_scope(period if not unresolved else Period(text="unresolved"))
    tally = merge_tallies([t for t in s.tallies if a <= t.start < b])
    ctx.claims.append(_claim(ctx, a, b, Kind.veto_event, body="SC", scope=scope, tally=tally))


# --------------------------------------------------------------------------- member votes


def _tagged(ctx: Ctx, a: int, b: int) -> tuple[str, dict[str, str]]:
    """The clause with each state replaced by ⟦n⟧, for list-and-position patterns."""
    seg = ctx.s.text[a:b]
    codes: dict[str, str] = {}
    out, pos = [], a
    for i, m in enumerate(sorted(_members(ctx, a, b), key=lambda m: m.start)):
        if m.start < pos:
            continue
        out.append(ctx.s.text[pos : m.start])
        key = f"⟦{i}⟧"
        codes[key] = m.value
        out.append(key)
        pos = m.end
    out.append(ctx.s.text[pos:b])
    del seg
    return "".join(out), codes


LIST = r"(?:the\s+)?⟦\d+⟧(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?⟦\d+⟧)*"


def _positions(
    ctx: Ctx, a: int, b: int
) -> tuple[list[tuple[str, str]], tuple[str, tuple[str, ...]] | None]:
    """(member, position) pairs the clause states, and an "only X and Y voted no" set."""
    tagged, codes = _tagged(ctx, a, b)
    pairs: list[tuple[str, str]] = []
    only = None

    def members(text: str) -> list[str]:
        return [codes[k] for k in re.findall(r"⟦\d+⟧", text)]

    for position, words in POSITION_WORDS:
        pats = [
            rf"(?P<only>\b[Oo]nly\s+)?(?P<list>{LIST})\s+(?:(?:were|was)\s+(?:(?:one\s+of|among)\s+(?:the|those|only)?[^,.;⟦]*?)?)?(?:had\s+)?(?:{words})\b",
            rf"\b(?:with|after|as|while)\s+(?P<list>{LIST})\s+(?:{words})",
            rf"(?:{words})\b[^.;⟦]{{0,40}}?,?\s*(?:among them|including|notably|led by)"
            rf"\s+(?P<list>{LIST})",
            rf"\bamong them\s+(?P<list>{LIST}),?\s+(?:{words})",
            rf"(?P<list>{LIST})\s+(?:were|was)\s+the\s+only\s+(?:\w+\s+)?(?:countries|states|members|nations|country|state|member)\s+to\s+(?:vote\s+against|abstain|vote\s+no)",
        ]
        for i, pat in enumerate(pats):
            for m in re.finditer(pat, tagged):
                if (
                    position == "N"
                    and words.endswith("against")
                    and re.search(
                        r"force against|war against|sanctions against|action against|"
                        r"embargo against",
                        m.group(0),
                    )
                ):
                    continue
                found = members(m.group("list"))
                if not found:
                    continue
                is_only = (i == 0 and m.group("only")) or i == 4
                if is_only:
                    only = (position, tuple(found))
                else:
                    pairs.extend((c, position) for c in found)
    return _dedupe_pairs(pairs), only


def _dedupe_pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for p in pairs:
        if p not in out:
            out.append(p)
    return out


def _continue_tally(ctx: Ctx, b: int, kinds: tuple[Kind, ...], tally: Tally | None) -> bool:
    """ ", while 11 voted against and 58 abstained": the rest of the tally just begun."""
    last = ctx.claims[-1] if ctx.claims else None
    if last is None or last.kind not in kinds or last.tally is None or tally is None:
        return False
    old = last.tally
    merged = Tally(
        yes=old.yes if old.yes is not None else tally.yes,
        no=old.no if old.no is not None else tally.no,
        abstain=old.abstain if old.abstain is not None else tally.abstain,
    )
    _, span = _span(ctx, 0, b)
    text = ctx.s.text[last.span[0] - ctx.s.start : span[1] - ctx.s.start]
    ctx.claims[-1] = last.model_copy(
        update={"tally": merged, "span": (last.span[0], span[1]), "text": text}
    )
    return True


def _sc_vote_segment(ctx: Ctx, a: int, b: int) -> None:
    s, d = ctx.s, ctx.d
    refs = [r for r in s.sc_refs if a <= r[0] < b] or ([s.sc_refs[0]] if s.sc_refs else [])
    tally = merge_tallies([t for t in s.tallies if a <= t.start < b])
    positions, only = _positions(ctx, a, b)
    unanimous = bool(s.cue("unanimous", a, b))
    if not (tally or positions or only or unanimous):
        return
    own_refs = [r for r in s.sc_refs if a <= r[0] < b]
    if (
        not positions
        and not only
        and not own_refs
        and _continue_tally(ctx, b, (Kind.resolution_vote,), tally)
    ):
        return
    times = _times(ctx, a, b) or [t for t in s.times if t.role == "point"]
    period = _period([t for t in times if t.role == "point"])
    resolution = refs[0][2] if refs else None
    locator = None
    if resolution is None:
        partial = tally is None or (tally.yes is None and not s.times)
        prev = next((c for c in reversed(ctx.claims) if c.kind == Kind.resolution_vote), None) or (
            d.sc_target if partial else None
        )
        if prev is not None and not (tally and period):
            resolution = prev.resolution
            locator = prev.tally if prev.resolution is None else None
            period = period or prev.scope.period
        elif tally is None:
            return
    topic, topic_text = _topic(ctx, a, b)
    scope = Scope(period=period, topic=topic, topic_text=topic_text)
    ctx.claims.append(
        _claim(
            ctx, a, b, Kind.resolution_vote, body="SC", scope=scope, resolution=resolution,
            tally=tally, unanimous=unanimous, positions=tuple(positions), only_position=only,
            total=Quantity(value=0, text="locator", op="eq") if locator else None,
            whole=Scope(label=f"{locator.yes}-{locator.no}-{locator.abstain}") if locator else None,
        )
    )  # fmt: skip


# --------------------------------------------------------------------------- the Assembly


def _ga_segment(ctx: Ctx, a: int, b: int) -> None:
    s, d = ctx.s, ctx.d
    seg = s.text[a:b]
    own_times = _times(ctx, a, b)
    period = _period(own_times) or _period(
        [t for t in s.times if t.role in ("point", "since", "range")]
    )
    unresolved = _unresolved(ctx, 0, len(s.text)) and period is None
    ga_topics = s.family("ga_topic", a, b) or s.family("ga_topic")
    ga_topic = ga_topics[0].value if ga_topics else None
    members = [m.value for m in _members(ctx, a, b)]
    shares = [n for n in s.shares if a <= n.start < b]
    # ---- agreement: "Israel voted with the United States 97 percent of the time"
    if s.cue("coincidence", a, b) and shares and len(_dedupe(members)) >= 2:
        hint = next((h for pat, h in COINCIDENCE_HINTS if pat.search(s.text)), None)
        if hint is None and re.search(r"State Department", s.text):
            hint = "state-dept-in-force"
        pair = _dedupe(members)[:2]
        scope = Scope(subjects=(pair[0],), period=period)
        ctx.claims.append(
            _claim(
                ctx,
                a,
                b,
                Kind.ga_coincidence,
                body="GA",
                scope=scope,
                others=(pair[1],),
                quantity=shares[0].quantity,
                convention_hint=hint,
            )
        )
        return
    tally = merge_tallies([t for t in s.tallies if a <= t.start < b])
    positions, only = _positions(ctx, a, b)
    counts = [n for n in s.counts if a <= n.start < b]
    # ---- a count of a member's votes: "voted against 72 resolutions in 2019"
    for n in counts:
        if re.match(r"^\s*(?:resolutions|texts|votes|drafts|times)\b", n.after) and re.search(
            r"(?:voted against|voted for|abstained on|voted in favou?r of|voted no on)\s*$",
            n.before,
        ):
            subject = [m.value for m in _members(ctx, a, n.start)]
            if not subject:
                continue
            position = (
                "N"
                if "against" in n.before or "no on" in n.before
                else "A"
                if "abstain" in n.before
                else "Y"
            )
            scope = Scope(subjects=(subject[0],), period=period)
            ctx.claims.append(
                _claim(
                    ctx,
                    a,
                    b,
                    Kind.ga_count,
                    body="GA",
                    scope=scope,
                    quantity=n.quantity,
                    positions=((subject[0], position),),
                )
            )
            return
    # ---- a pattern: "has voted against the Cuba resolution every year since 1992"
    if s.cue("year_in_a_row", a, b) or (
        s.cue("universal", a, b) and re.search(r"\bevery year\b|\beach year\b", seg, re.I)
    ):
        verb = next((p for p, w in POSITION_WORDS if re.search(w, seg)), None)
        subject = _dedupe(members)
        if verb and subject and (ga_topic or d.ga_topic):
            scope = Scope(subjects=(subject[0],), period=period)
            ctx.claims.append(
                _claim(
                    ctx,
                    a,
                    b,
                    Kind.ga_pattern,
                    body="GA",
                    scope=scope,
                    universal=True,
                    positions=((subject[0], verb),),
                    ga_topic=ga_topic or d.ga_topic,
                )
            )
            return
    first_time = bool(re.search(r"\bfor the first time\b|\bthe first time\b", s.text, re.I))
    if first_time and not positions:
        verb = next((p for p, w in POSITION_WORDS if re.search(w, seg)), None)
        subject = _dedupe(members)
        if verb and subject:
            positions = [(subject[0], verb)]
    if not (tally or positions or only):
        return
    if not positions and not only and _continue_tally(ctx, b, (Kind.ga_vote,), tally):
        return
    resolution = next(
        (r[2] for r in s.ga_refs if a <= r[0] < b), s.ga_refs[0][2] if s.ga_refs else None
    )
    locator = None
    target_topic = ga_topic
    partial = (tally is None or tally.yes is None) and not s.family("ga_topic") and not s.times
    if resolution is None and not partial:
        target_topic = target_topic or d.ga_topic
    if resolution is None and partial:
        prev = (
            next(
                (c for c in reversed(ctx.claims) if c.kind in (Kind.ga_vote, Kind.ga_isolation)),
                None,
            )
            or d.ga_target
        )
        if prev is not None and not first_time:
            resolution = prev.resolution
            locator = prev.tally
            target_topic = target_topic or prev.ga_topic
            period = period or prev.scope.period
        else:
            target_topic = target_topic or d.ga_topic
    scope = Scope(period=period if not unresolved else Period(text="unresolved"))
    kind = Kind.ga_isolation if only else Kind.ga_vote
    ctx.claims.append(
        _claim(
            ctx, a, b, kind, body="GA", scope=scope, resolution=resolution, tally=tally,
            positions=tuple(positions), only_position=only, ga_topic=target_topic,
            first_time=first_time,
            whole=Scope(label=f"{locator.yes}-{locator.no}-{locator.abstain}") if locator else None,
        )
    )  # fmt: skip


def with_tally(label: str) -> Tally | None:
    """The locator tally stored in ``whole.label`` ("128-9-35"; "None" parts unknown)."""
    parts = label.split("-")
    if len(parts) != 3:
        return None
    vals = [None if p == "None" else int(p) for p in parts]
    return Tally(yes=vals[0], no=vals[1], abstain=vals[2])
