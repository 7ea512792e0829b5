"""Read frames from text: tag the tokens, cut clauses, assign roles, fill one frame per claim.

The grammar is small and explicit, so that every frame can be traced to the words that made
it:

1. **Tagging.** spaCy's blank English pipeline (tokenizer and rule-based sentencizer, no model
   download) with the lexicon's PhraseMatcher tags states, topics, recurring Assembly texts,
   and cue words; regular expressions tag symbols, numbers (digits and words), tallies and
   time expressions (:mod:`~untally.claims.numbers`, :mod:`~untally.claims.timex`).
2. **Clauses.** A sentence is cut at semicolons and list headers ("April 12, 2017: ..."); a
   gapped clause ("40 times by France, 25 by Britain") becomes one
   frame per gap, sharing the act.
3. **Roles.** A list of states ("the US, Britain, and France") takes the role of the cue next
   to it: after it ("... abstained", "... voting in favour", "... vetoed it"), else before it
   ("vetoed by ...", "drafted by ...", "abstentions came from ..."); a state written as the
   qualifier of a text ("a US-drafted resolution", "the Mexican draft") is its drafter,
   never a co-vetoer. A list left without a cue is the clause's subject, whose role is the
   clause's act.
4. **What is left.** Content words that no tag used are kept in ``Frame.unused``: the
   verdict policy will not call a claim contradicted on a parse that ignored part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from untally.claims.clauses import _mentions, clauses, sentences
from untally.claims.cues import (
    ACT_PATTERNS,
    ADVERB_COUNT,
    ANAPHOR,
    COUNT,
    COUNT_NOUN,
    DEMONYMS,
    ES_SYMBOL,
    EVERY,
    FIRST,
    GA_RESOLUTION_NUMBER,
    INCLUDING,
    JOINT,
    LAST,
    LIST_GLUE,
    MAJORITY,
    MOST,
    NEVER_VETO,
    ONLY,
    ORDINAL,
    ORDINAL_WORDS,
    OUTSIDE,
    P5,
    POST_CUES,
    PRE_CUES,
    RESOLUTION_NUMBER,
    ROLE_OF_ACT,
    SHARE_OF,
    STOP,
    SYMBOL,
    TALLY_DASH,
    TALLY_FIELDS,
    TALLY_TO,
    TOTAL,
    canonical_symbol,
)
from untally.claims.frame import Act, Actor, Frame, Quant, Role, TallyClaim, Target
from untally.claims.lexicon import Mention, lexicon
from untally.claims.models import Op, Period, Quantity
from untally.claims.numbers import MODIFIERS, NUM, find_shares, value_of
from untally.claims.support import SUPPORT_HINT, UN_WORDS, Support, pieces, read_support
from untally.claims.timex import find_times

# a positive frame of knowing or showing around the claim ("one considers that", "the record
# shows that", "given that"): its words say nothing about the vote. Denials ("it is false that")
# are not in the list: they would turn the claim around.
FRAMING = re.compile(
    r"^[^.;]{0,120}?\b(?:considers?|considering|recalls?|recalling|remembers?|notes?|noting"
    r"|shows?|showed|shown|means?|meant|suggests?|indicates?|reveals?|confirms?|proves?"
    r"|knows?|known|the fact|given|bears? in mind)\s+that\b",
    re.I,
)
# whose figure a claim gives ("by the State Department's count", "according to the State
# Department"): the source, not the vote
ATTRIBUTION = re.compile(
    r"\b(?:by|according to|in|per)\s+(?:the\s+)?(?:U\.?S\.?\s+)?State\s+Department(?:'s|’s)?"
    r"(?:\s+(?:own\s+)?(?:count|counts|figures?|tally|tallies|reckoning|reports?|method"
    r"|numbers|data|calculations?))?\b",
    re.I,
)
# counts written as words of size: the bound each one sets
VAGUE_COUNT = re.compile(
    r"\b(?P<more>more than |over )?(?P<w>dozens|a dozen|scores|hundreds)(?: of)?\b", re.I
)
VAGUE_VALUES: dict[str, tuple[float, Op]] = {
    "dozens": (24, "ge"), "a dozen": (12, "approx"), "scores": (40, "ge"),
    "hundreds": (200, "ge"),
}  # fmt: skip
FRACTION_OF_THEM = re.compile(
    r"\b(?:(?:about|roughly|around|some|nearly|almost|more than|over|less than|under|just"
    r"\s+over|just\s+under)\s+)?(?:half|one half|a third|one third|two thirds|two-thirds"
    r"|a quarter|one quarter|three quarters|a fifth)\s+of\s+(?:them|these|those|which)\b",
    re.I,
)
POSITION_IN_SET = re.compile(
    rf"\bthe\s+(?:first|second|third|fourth|fifth|last|latest)\s+of\s+(?:the|these|those)\s+"
    rf"(?:{NUM})\b",
    re.I,
)
# verbs that say what a set of texts was about ("criticised Israel", "condemning apartheid")
TOPIC_VERB = re.compile(
    r"\b(?:criticis|criticiz|condemn|censur|deplor|concern|target|shield|protect)\w*"
    r"\s+(?:the\s+|its\s+)?(?:\w+\s+)?$",
    re.I,
)
RELATIVE_ASIDE = re.compile(
    r",\s*(?:which|who)\s+(?!\w*\s*(?:vot|abstain|veto|back|support|oppos|reject|cast))"
    r"[^,;—–()]{1,60}(?=,|\s+[—–])",
    re.I,
)
# "only twice", "only 3 times": the word bounds a count, it does not say "alone"
COUNTED_ONLY = re.compile(rf"\b(?:only|just)\s+(?:(?:{NUM})\b|once\b|twice\b|thrice\b)", re.I)


@dataclass
class Context:
    """What earlier sentences fixed: used for words like "it", "the Council", "those"."""

    body: str | None = None
    subjects: tuple[str, ...] = ()
    sentence_period: Period | None = None  # the period an earlier clause of this sentence set
    sentence_act: Act | None = None  # the act of the previous clause of this sentence
    support: Support | None = None  # the last aid, arms or roll-call figure read
    support_here: bool = False  # ... and it was read in this sentence ("...; in today's money")
    last_time: Period | None = None  # the latest time any clause named, for "since then"
    partner: str | None = None  # the last agreement partner ("... sided with it 96%")


def read(text: str, as_of: date | None, masked: tuple[int, int] | None = None) -> list[Frame]:
    """Every frame in ``text`` in reading order (``masked``: the dateline's span)."""
    ctx = Context()
    frames: list[Frame] = []
    for s_off, sentence in sentences(text):
        if (
            masked
            and s_off <= masked[0] < s_off + len(sentence)
            and len(sentence) < 120
            and _act(sentence)[0] is None
        ):
            continue  # the dateline itself (a dated sentence that states a vote is read)
        ctx.sentence_period = None
        ctx.sentence_act = None
        ctx.support_here = False
        before = ""
        for c_off, clause, header in clauses(s_off, sentence):
            # "..., since December 1989, when both joined ...": the when-clause happened on
            # the date itself, not in the period it opens
            when = _point_before(before, as_of) if clause.lower().startswith("when ") else None
            # "the Council on Syria, where Russia has vetoed ...": the relative clause is about
            # the topic its antecedent names
            antecedent = (
                tuple(m.value for m in _mentions(before[-60:]) if m.family == "topic")
                if clause.lower().startswith("where ")
                else ()
            )
            before = clause
            for f in read_clause(clause, c_off, sentence, header, as_of, ctx):
                if antecedent and not f.target.topics and not f.target.symbol:
                    f = replace(f, target=replace(f.target, topics=antecedent))
                if when is not None and (f.time is None or f.time == ctx.sentence_period):
                    f = replace(f, time=when)
                if f.time is None and f.day is None and (later := _later(clause)) is not None:
                    f = replace(f, later=later)
                if "since then" in f.unused and f.time is None and ctx.last_time is not None:
                    # "The UK last vetoed in 1989. France has not used its veto since then":
                    # from the end of the time the text named last
                    end = ctx.last_time.until or ctx.last_time.since
                    if end is not None:
                        f = replace(
                            f,
                            time=Period(since=end + timedelta(days=1), until=None,
                                        text="since then"),
                            unused=tuple(w for w in f.unused if w != "since then"),
                        )  # fmt: skip
                if f.time is not None and f.time.since is not None and f.time.text != "since then":
                    ctx.last_time = f.time
                if f.time is None and ctx.sentence_period is not None and not f.outside:
                    f = replace(f, time=ctx.sentence_period)  # "..., and nine failed"
                elif f.time is not None and not f.day:
                    ctx.sentence_period = f.time
                frames.append(f)
    return frames


LATER = re.compile(
    rf"\b(?P<n>a|an|one|{NUM})\s+(?P<unit>day|week|month|year)s?\s+later\b"
    r"|\bthe\s+(?:next|following)\s+(?P<unit2>day|week|month|year)\b",
    re.I,
)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _later(clause: str) -> int | None:
    """ "Six weeks later", "a month later", "the next day": days after the text in context."""
    m = LATER.search(clause)
    if not m:
        return None
    if m.group("unit2"):
        return UNIT_DAYS[m.group("unit2").lower()]
    n = 1 if m.group("n").lower() in ("a", "an", "one") else value_of(m.group("n"))
    return int(n) * UNIT_DAYS[m.group("unit").lower()] if n else None


def _point_before(text: str, as_of: date | None) -> Period | None:
    """The date a clause ends on ("... since December 1989"), as the period of that date
    itself (December 1989), for a following "when" clause."""
    found = [t for t in find_times(text, as_of) if t.period is not None]
    if not found or found[-1].end < len(text.rstrip(" ,.")) - 1:
        return None
    return _time_named(text[found[-1].start :], as_of)


def _time_named(phrase: str, as_of: date | None) -> Period | None:
    """The period a time phrase names, without the bound its preposition sets: "since
    December 1989" and "until March 1970" name December 1989 and March 1970."""
    bare = re.sub(r"^(?:since|after|before|until|till|from|by)\s+", "", phrase.strip(), flags=re.I)
    point = [t for t in find_times("in " + bare, as_of) if t.period is not None]
    return point[0].period if point else None


def _members_in(text: str) -> list[Mention]:
    return [m for m in _mentions(text) if m.family == "member"]


def _act(clause: str) -> tuple[Act | None, tuple[int, int] | None]:
    best: tuple[int, Act, tuple[int, int]] | None = None
    for rank, (pattern, act) in enumerate(ACT_PATTERNS):
        m = pattern.search(clause)
        if m and (best is None or rank < best[0]):
            best = (rank, act, m.span())
    return (best[1], best[2]) if best else (None, None)


def _groups(members: list[Mention], text: str) -> list[list[Mention]]:
    """Adjacent states joined by commas and "and" form one list."""
    groups: list[list[Mention]] = []
    for m in members:
        if (groups and LIST_GLUE.match(text[groups[-1][-1].end : m.start] or ",")) or (
            groups and text[groups[-1][-1].end : m.start].strip() == ""
        ):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _role(group: list[Mention], text: str) -> Role | None:
    after = text[group[-1].end : group[-1].end + 60]
    for pattern, role in POST_CUES:
        if pattern.match(after):
            return role
    if re.match(r"^[\s-]*(?:drafted|sponsored|proposed|led|backed)\b", after, re.I):
        return Role.drafter
    before = text[max(0, group[0].start - 50) : group[0].start]
    # "a draft British resolution", "the UK text", "Mexican draft": drafters
    if re.search(r"\b(?:a|the|an)\s+(?:draft\s+)?$", before, re.I) and re.match(
        r"^(?:'s)?\s*(?:-?drafted\s+)?(?:draft\s+)?(?:resolution|text|draft|proposal)s?\b",
        after,
        re.I,
    ):
        return Role.drafter
    for pattern, role in PRE_CUES:
        if pattern.search(before):
            return None if role is Role.subject else role
    colon = re.search(r"([^:;]{0,70}):\s*(?:the\s+)?$", before)
    if colon:  # "... in voting no: Mali, Laos, Chad", "Abstaining: ..."
        cue = colon.group(1).lower()
        for words, role in (
            (r"abstain|abstention", Role.abstainer),
            (r"against|\bno\b|oppos|negative", Role.voter_no),
            (r"in favou?r|\byes\b|for\b|support", Role.voter_yes),
            (r"veto", Role.vetoer),
            (r"did not vote|absent|not voting|non-voting", Role.non_voting),
        ):
            if re.search(words, cue):
                return role
    return None


def _fraction_of(clause: str, members: list[Mention], mentions: list[Mention]):
    """(share, whole actors, whole topics, part actors, part topics) of "X of <whole> were
    <part>", or None. The whole is the noun phrase after "of", the part what the verb says."""
    shares = find_shares(clause)
    if not shares or shares[0].quantity.unit != "share":
        return None
    m = re.match(
        r"\s+of\s+(?P<np>.+?)\s+(?:were|was|have been|had been|have|has|had)\s+(?P<vp>.+)$",
        clause[shares[0].end :],
        re.I,
    )
    subject = re.match(  # "the Soviet Union cast nearly half of all vetoes (cast ...)"
        r"^(?P<subj>.{2,60}?)\s+(?:cast|accounts? for|accounted for|(?:was|is|were|are)"
        r"\s+responsible for|used|has cast|had cast)\s*$",
        clause[: shares[0].start],
        re.I,
    )
    tail = re.match(
        r"\s+of\s+(?:all\s+|the\s+)?(?P<np>[^,;]*?\bvetoe?s?\b[^,;]*)",
        clause[shares[0].end :],
        re.I,
    )
    if (not m or not re.search(r"\bveto|\bdrafts?\b|\bresolutions\b", m.group("np"), re.I)) and (
        subject and tail
    ):
        part = tuple(
            dict.fromkeys(x.value for x in members if x.start < shares[0].start and x.value in P5)
        )
        if not part:
            return None
        noun = re.search(r"\bvetoe?s?\b", tail.group(0), re.I)
        end = shares[0].end + (noun.end() if noun else tail.end())
        return (shares[0].quantity, (0, end), (), (), part, ())
    if not m or not re.search(r"\bveto|\bdrafts?\b|\bresolutions\b", m.group("np"), re.I):
        return None
    base = shares[0].end + m.start("np")
    vp = shares[0].end + m.start("vp")

    def codes(lo: int, hi: int) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(x.value for x in members if lo <= x.start < hi and x.value in P5)
        )

    def tops(lo: int, hi: int) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(x.value for x in mentions if x.family == "topic" and lo <= x.start < hi)
        )

    verb = re.match(r"\s*(?:\w+\s+)?\w+", clause[vp:])
    used_to = vp + (verb.end() if verb else 0)
    return (
        shares[0].quantity,
        (shares[0].start, used_to),
        codes(base, vp),
        tops(base, vp),
        codes(vp, len(clause)),
        tops(vp, len(clause)),
    )


def _veto_count(
    text: str,
    span: tuple[int, int],
    sentence: str,
    actors: tuple[Actor, ...],
    topics: tuple[str, ...],
    period: Period | None,
    quantity: Quantity,
    joint: bool = False,
) -> Frame:
    """One gap of a gapped count ("40 by France, 25 by Britain"): a veto count frame."""
    return Frame(
        text,
        span,
        sentence,
        "SC",
        Act.veto,
        actors=actors,
        target=Target(topics=topics),
        time=period,
        quant=Quant.count,
        quantity=quantity,
        joint=joint,
    )


def _outside(
    clause: str, offset: int, sentence: str, body: str | None, why: str, day: date | None = None
) -> list[Frame]:
    """The clause as one claim about something no vote records, with the reason."""
    return [
        Frame(clause, (offset, offset + len(clause)), sentence, body, None, day=day, outside=why)
    ]


def _general(clause: str, offset: int, sentence: str, body: str | None) -> list[Frame]:
    """A sentence about the veto in general: nothing to check, unless it states a fact the
    record does not hold ("the word appears nowhere in the Charter")."""
    why = next((w for p, w in OUTSIDE if p.search(clause)), None)
    if why is None:
        return []
    return _outside(clause, offset, sentence, body, why)


def _ordinal(word: str) -> int | None:
    w = word.lower()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    m = re.match(r"(\d+)(?:st|nd|rd|th)$", w)
    return int(m.group(1)) if m else None


def _tally(clause: str, taken: list[tuple[int, int]]) -> TallyClaim:
    fields: dict[str, int] = {}

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for m in TALLY_DASH.finditer(clause):
        yes, no = int(m[1]), int(m[2])
        ab = int(m[3]) if m[3] else None
        if yes > 193 or no > 193 or (ab is None and yes < no) or not free(*m.span()):
            continue
        fields.update(yes=yes, no=no, **({"abstain": ab} if ab is not None else {}))
        taken.append(m.span())
    for m in TALLY_TO.finditer(clause):
        if not free(*m.span()) or not re.search(r"\bvot|\bby\b|\bto\b", m.group(0), re.I):
            continue
        vals = [value_of(g) if g and g.lower() != "no" else (0 if g else None) for g in m.groups()]
        if (
            vals[0] is None
            or vals[1] is None
            or not re.search(r"vot|\bfail|\badopt|\bpass|\bdefeat|\bapprov|\breject", clause, re.I)
        ):
            continue
        fields.update(yes=int(vals[0]), no=int(vals[1]))
        if vals[2] is not None:
            fields["abstain"] = int(vals[2])
        taken.append(m.span())
    for pattern, name in TALLY_FIELDS:
        for m in pattern.finditer(clause):
            if name in fields or not free(*m.span()):
                continue
            v = value_of(m.group(1)) if m.group(1).lower() != "no" else None
            if v is None:
                continue
            fields[name] = int(v)
            taken.append(m.span())
    if re.search(r"\bunanimous(?:ly)?\b|\bwithout (?:a )?dissent", clause, re.I) and not fields:
        fields.update(no=0, abstain=0)  # "adopted unanimously": no one against or abstaining
    total = None
    t = TOTAL.search(clause)
    if t and (n := value_of(t.group(2))) in (11, 15, 193, 191, 192, 190) and value_of(t.group(1)):
        total = int(n)
    whole = re.search(
        r"\bof\s+(?:the|its|all)\s+(\d{2,3})\s+(?:[\w.]+\s+){0,2}(?:member\s+)?"
        r"(?:states|members|countries|nations)\b",
        clause,
        re.I,
    )
    if total is None and whole:
        total = int(whole.group(1))
    return TallyClaim(total=total, **fields)


def _support_frames(
    clause: str,
    offset: int,
    sentence: str,
    as_of: date | None,
    ctx: Context,
    mentions: list[Mention],
) -> list[Frame]:
    """Aid, arms and roll-call figures (claims.support), one frame per figure; none when the
    clause is about the UN (a veto, a resolution) and names no roll call."""
    if not SUPPORT_HINT.search(clause):
        return []  # no amount, share, chamber or signers: a vote claim, or none
    out = []
    parts = pieces(clause)
    whole = [m.value for m in mentions if m.family == "member" and m.value != "USA"]
    for n, (a, b) in enumerate(parts):
        piece = clause[a:b]
        here = [  # the clause's mentions that fall in the piece, in the piece's offsets
            replace(m, start=m.start - a, end=m.end - a)
            for m in mentions
            if a <= m.start and m.end <= b
        ]
        # "The MOU pledged $38 billion, or $3.8 billion a year, to Israel": one recipient
        subjects = (*whole[:1], *ctx.subjects) if len(parts) > 1 else ctx.subjects
        support = read_support(piece, as_of, here, subjects, ctx.support, n > 0 or ctx.support_here)
        if support is None or (support.what != "roll-call" and UN_WORDS.search(piece)):
            continue
        span = (offset + a, offset + b)
        if support.not_held:
            out.append(Frame(piece, span, sentence, None, None, outside=support.not_held))
            continue
        ctx.support = support
        ctx.support_here = True
        if support.recipient:
            ctx.subjects = (support.recipient,)
        out.append(Frame(piece, span, sentence, None, None, support=support))
    return out


def read_clause(
    clause: str,
    offset: int,
    sentence: str,
    header: str | None,
    as_of: date | None,
    ctx: Context,
) -> list[Frame]:
    """The frames one clause states (usually one; a gapped list gives several)."""
    # footnote markers ("members[3]") would split numbers from their nouns
    clause = re.sub(r"\[\d{1,2}\]", lambda m: " " * len(m.group(0)), clause)
    mentions = _mentions(clause)
    # "Egypt, which recognizes Israel, ...": a state named in a relative clause that says no
    # vote is not one of the clause's voters
    asides = [r.span() for r in RELATIVE_ASIDE.finditer(clause)]
    members = [
        m for m in mentions if m.family == "member" and not any(a <= m.start < b for a, b in asides)
    ]
    topics = tuple(dict.fromkeys(m.value for m in mentions if m.family == "topic"))
    ga_topics = [m for m in mentions if m.family == "ga_topic"]
    not_vote = [m for m in mentions if m.family == "not_a_vote"]
    used: list[tuple[int, int]] = [(m.start, m.end) for m in mentions]
    low = clause.lower()
    support_frames = _support_frames(clause, offset, sentence, as_of, ctx, mentions)
    if support_frames:
        return support_frames

    # body: the organ named first decides; weak cues ("193", "member states") only alone
    body = None
    strong = re.search(
        r"security council|\bcouncil\b|\bunsc\b|general assembly|\bassembly\b"
        r"|\bunga\b",
        clause,
        re.I,
    )
    if strong:
        body = "GA" if re.match(r"general|assembly|unga", strong.group(0), re.I) else "SC"
    elif re.search(
        r"A/RES|\b193(?:-member|-nation)?\b|\bES-1\d|member (?:states|nations)", clause, re.I
    ):
        body = "GA"
    elif re.search(r"S/RES|S/\d|15-member|fifteen-member|\bveto", clause, re.I):
        body = "SC"
    elif any(
        (n := value_of(m.group(1))) is not None and n > 15
        for m in re.finditer(
            rf"\b({NUM})\s+(?:other\s+)?(?:states|countries|nations|governments|delegations"
            r"|abstainers)\b",
            clause,
            re.I,
        )
    ):
        body = "GA"  # "141 states demanded ...": more voters than the Council has members
    # symbols
    symbol = None
    sm = SYMBOL.search(clause)
    if sm:
        symbol = canonical_symbol(sm.group("s"))
        used.append(sm.span())
        body = "GA" if symbol.startswith("A/") else "SC"
    else:
        es = ES_SYMBOL.search(clause)
        if es:
            symbol = f"A/RES/ES-{es[1]}/{es[2]}"
            body = "GA"
            used.append(es.span())
        elif ga_rn := GA_RESOLUTION_NUMBER.search(clause):
            symbol = f"A/RES/{ga_rn[1]}/{ga_rn[2]}{ga_rn[3] or ''}"
            body = "GA"
            used.append(ga_rn.span())
        else:
            rn = RESOLUTION_NUMBER.search(clause)
            if rn and body != "GA" and 1 <= int(rn[1]) <= 3000:
                symbol = f"S/RES/{rn[1]}"
                body = body or "SC"
                used.append(rn.span())

    # time
    symbol_spans = list(used)  # "resolution 1973" is a number, not a year

    def free(t) -> bool:
        return not any(a < t.end and t.start < b for a, b in symbol_spans if symbol)

    times = [t for t in find_times(clause, as_of) if t.period is not None and free(t)]
    header_times = [t for t in find_times(header, as_of) if t.period is not None] if header else []
    times += header_times
    for t in find_times(clause, as_of):
        used.append((t.start, t.end))
    period: Period | None = None
    day: date | None = None
    weekday = re.search(
        r"\b(?i:on|last|this|earlier|late)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
        r"|Sunday)\b"
        r"(?!,?\s+(?:\d|[A-Z][a-z]+ \d))",
        clause,
    )
    since_after = None
    for t in times:
        p = t.period
        assert p is not None  # times holds only expressions with a period
        lead = clause[max(0, t.start - 80) : t.start].lower()
        if (
            p.exact_day
            and p.since
            and re.search(r"\bsince\b(?!.*\b(?:on|in)\s+\w+\s+\d)", lead + " ")
            and ("since" in lead or clause[t.start : t.end].lower().startswith("since"))
        ):
            t = replace(t, role="since")
            p = p.model_copy(update={"exact_day": False, "until": None})
        if p.exact_day and p.since and day is None:  # the clause's first day is its own
            day = p.since
        if t.role == "since" and p.since:
            period = Period(since=p.since, until=(period.until if period else None), text=p.text)
            since_after = t.after  # "has not vetoed since 1989": after that year
        elif t.role == "until":
            period = Period(since=period.since if period else None, until=p.until, text=p.text)
        elif period is None:
            period = p
    if (
        since_after
        and re.search(
            r"\b(?:not|never|no|neither|nor)\b[^.;]{0,60}\bsince\b"
            r"|\bsince\b[^.;]{0,40}\b(?:not|never|no)\b",
            clause,
            re.I,
        )
        and period is not None
    ):
        period = period.model_copy(update={"since": since_after})
    today = re.search(r"\b(today|yesterday|tonight)\b", clause, re.I)
    if today and as_of and day is None and not weekday:
        day = as_of - timedelta(days=1 if today.group(1).lower() == "yesterday" else 0)
        period = Period(since=day, until=day, text=today.group(0), exact_day=True)
    if weekday and as_of and day is None:
        names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        back = (as_of.weekday() - names.index(weekday.group(1).lower())) % 7
        if back == 0 and weekday.group(0).lower().startswith("last"):
            back = 7
        day = as_of - timedelta(days=back)
        period = Period(since=day, until=day, text=weekday.group(0), exact_day=True)
        used.append(weekday.span())

    # outside the record
    act, act_span = _act(clause)
    if act_span:
        used.append(act_span)
    elif ctx.sentence_act is Act.veto and re.search(
        r"\b(?:of|out of)\s+(?:them|these|those|which)\b|^(?:most recently|the latest|the last)\b",
        clause,
        re.I,
    ):
        act = Act.veto  # "..., and 44 of them ...", "..., most recently on 3 May": the act
        # of the clause before
    if act is not None:
        ctx.sentence_act = act
    taken: list[tuple[int, int]] = []
    tally = _tally(clause, taken)
    used += taken
    if not_vote:
        return _outside(clause, offset, sentence, body, lexicon().not_a_vote[not_vote[0].value])
    vote_words = act is not None or tally.given() or symbol
    if not vote_words:
        why = next((w for p, w in OUTSIDE if p.search(clause)), None)
        has_fact = (
            bool(re.search(r"\d|\b(?:" + NUM + r")\b", clause, re.I))
            or members
            or re.search(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", clause.strip())
        )
        if why and has_fact:
            return _outside(clause, offset, sentence, body, why, day)
        return []
    if act is None and not tally.given() and not symbol:
        return []
    if re.search(
        r"\b(?:only if|if it|unless|would have to|must (?:win|obtain|receive)|requires?"
        r"|to be adopted|needs? (?:at least|a minimum))\b",
        low,
    ):
        return []  # a statement of the rules, not of a vote
    # A clause about casualties or speech with a stray vote word ("ahead of the vote, X told")
    speech = re.search(
        r"\b(?:told|said|says|added|argued|warned|urged|appealed|thanking|tweet|according to"
        r"|ambassador|minister|diplomat|defended|contending|contended|explained|insisted)\b",
        clause,
        re.I,
    )
    casualty = re.search(r"\bkill(?:ed|ing)\b|\bdied\b|\bcasualt", clause, re.I)
    if re.search(
        r"\b(?:appeal\w*|urg\w+|ask\w*|call\w* on|press\w*|warn\w*|threat\w*|promis\w*"
        r"|vow\w*|pledg\w*|lobby\w*)\b[^.;]{0,120}?\b(?:not\s+)?to\s+"
        r"(?:block|veto|use (?:its|their|the) veto|vote (?:against|for)|oppose|support|back)",
        clause,
        re.I,
    ):
        return _outside(
            clause,
            offset,
            sentence,
            body,
            "a request, threat or promise about a vote is not a vote cast",
            day,
        )
    if re.search(
        r"\b(?:forecast|predicted|expected to|hoped|anticipated|would (?:ordinarily|"
        r"normally|likely)|could have)\b",
        clause,
        re.I,
    ):
        return _outside(clause, offset, sentence, body, "predictions and counterfactuals", day)
    if (
        (speech or casualty)
        and not tally.given()
        and act in (Act.vote, Act.vote_yes, Act.sponsor, None)
    ):
        why = "speech" if speech else "casualty figures"
        return _outside(clause, offset, sentence, body, why, day)
    strong_act = act in (Act.veto, Act.adopt, Act.fail) and act_span is not None
    if casualty and not tally.given() and not strong_act:
        # "in which 40 people died": a figure no vote records (a clause that also
        # reports a veto or an adoption keeps its vote, the rest of it left unused)
        return _outside(clause, offset, sentence, body, "casualty figures", day)

    if (
        act is not None
        and not members
        and not times
        and not weekday
        and not tally.given()
        and not symbol
        and not ANAPHOR.search(clause)
        and not re.search(rf"\b(?:{NUM}|\d+)\b", clause, re.I)
        and len(clause) < 60
    ):
        return []  # a headline or a general remark ("How the veto works"): nothing to check
    # roles
    actors: list[Actor] = []
    topic_spans = [(m.start, m.end) for m in mentions if m.family in ("topic", "ga_topic")]
    starts = [m.start() for p, _ in ACT_PATTERNS for m in [p.search(clause)] if m]
    act_at = min(starts) if starts else len(clause)
    for group in _groups(members, clause):
        role = _role(group, clause)
        if role is None and act is Act.veto:
            lead = clause[max(0, group[0].start - 12) : group[0].start].lower()
            if re.search(r"\bwith\s+(?:the\s+)?$", lead):
                role = Role.vetoer  # "vetoed ... with the United States": a co-vetoer
        if role is None:
            before = clause[max(0, group[0].start - 14) : group[0].start].lower()
            after = clause[group[-1].end : group[-1].end + 3]
            verb_after = re.match(
                r"^\s+(?:(?:also|then|again|too)\s+)?(?:has|have|had|was|were|is|are|cast|voted"
                r"|vetoed|used|abstained|blocked|opposed|supported|backed)\b",
                clause[group[-1].end :],
                re.I,
            )
            if (
                group[0].start > act_at
                and not verb_after
                and not re.search(r"\bby\s+(?:the\s+)?$", before)
            ):
                continue  # named after the verb without a cue: what the text is about
            governed = re.search(
                r"\b(?:of|on|in|into|to|over|about|against|for|at|from|towards?)\s+"
                r"(?:the\s+)?$",
                before,
            ) or re.match(r"^(?:'s|’s)", after)
            own_veto = re.match(
                r"^(?:'s|’s)\s+(?:\w+\s+)?(?:veto|ambassador|representative|envoy|delegat\w+"
                r"|mission|foreign minister)"
                r"|^\s+to\s+(?:wield|use|cast|exercise)\s+(?:its|their)\s+veto",
                clause[group[-1].end :],
                re.I,
            )  # "the readiness of France to use its veto": France is the vetoer
            if governed and not own_veto:
                continue  # "Chile's election", "a ban on Laos": not an actor
        for m in group:
            lead = clause[max(0, m.start - 12) : m.start].lower()
            if len(group) > 1 and re.search(r"\b(?:on|of|in|about|over)\s+(?:the\s+)?$", lead):
                continue  # "on Haiti, the US, Britain and France abstained": the topic
            if (
                role is None
                and m.text.lower() in DEMONYMS
                and not re.match(
                    r"^\s*(?:veto|vetoes|delegation|government|draft|text|resolution|proposal|"
                    r"representative|ambassador|mission|envoy)\b",
                    clause[m.end :],
                    re.I,
                )
            ):
                continue  # "the American invasion": an adjective, not an actor
            if any(a <= m.start < b for a, b in topic_spans) and re.match(
                r"^\s*(?:resolutions?|drafts?|texts?|conflict|war|crisis)\b",
                clause[m.end :],
                re.I,
            ):
                continue  # "a Syria resolution": the topic, not an actor
            actors.append(Actor(m.value, role or Role.subject, m.text))
    # "X joined Y in voting no", "Nauru sided with Chile and Peru in opposing it"
    joined = re.search(
        r"\b(?:joined|sided with|voted with|teamed up with|stood with)\b.{0,90}?\bin\s+"
        r"(opposing|voting (?:against|[\"“]?no[\"”]?)|rejecting|abstaining|supporting|backing"
        r"|voting (?:for|in favou?r|[\"“]?yes[\"”]?))",
        clause,
        re.I,
    )
    if joined:
        g = joined.group(1).lower()
        shared = (
            Role.voter_no
            if re.match(r"oppos|rejecting|voting (?:against|\W?no)", g)
            else Role.abstainer
            if g == "abstaining"
            else Role.voter_yes
        )
        actors = [
            replace(a, role=shared)
            if a.role in (Role.subject, Role.voter_yes, Role.vetoer) or a.role is None
            else a
            for a in actors
        ]
        # states named inside "sided with ... in" are voters too, whatever the cue said
        inside = [
            m
            for m in members
            if joined.start() <= m.start < joined.end() and all(a.code != m.value for a in actors)
        ]
        actors += [Actor(m.value, shared, m.text) for m in inside]
    subject_role = ROLE_OF_ACT.get(act) if act else None
    if act is Act.fail and re.search(r"\bveto", low):
        subject_role = Role.vetoer
    resolved: list[Actor] = []
    for a in actors:
        if a.role is Role.subject:
            a = replace(a, role=subject_role or Role.subject)
        if a.role is Role.vetoer and act is not Act.veto and JOINT.search(clause):
            a = replace(a, role=subject_role or Role.subject)
        if a.role is Role.vetoer and a.code not in P5:
            continue  # only a permanent member vetoes: a state named near "veto" is a topic
        resolved.append(a)
    # "it"/"they"/"Washington" as subject with no state named: the context's subject
    if not any(a.role is not Role.drafter for a in resolved) and (
        re.match(
            r"^(?:[^,]{0,60}\s)?(?:it|they|the country|the two|neither(?: country| of them)?"
            r"|both(?: countries)?"
            r"|each)\s+(?:(?:also|then|later|again|had|has|have|ever|never|not|did|does)\s+)*"
            r"(?:voted|vetoed|abstained|cast|used|blocked|opposed|supported|backed|rejected"
            r"|joined|(?:was|were)\s+(?:the\s+)?(?:only|sole|lone)\s+(?:\w+\s+){0,2}?"
            r"(?:to|that|who)\s+(?:vote|veto|abstain|oppose))\b",
            clause.strip(),
            re.I,
        )
        or (act is Act.veto and re.match(r"^(?:its|their)\s", clause.strip(), re.I))
        or (act is Act.veto and re.search(r"\bthe seat\b", clause, re.I))
    ):
        resolved += [Actor(c, subject_role or Role.subject, "(context)") for c in ctx.subjects]
    # "a joint veto by France and Britain": vetoers
    # quantifier
    quant = Quant.exists
    quantity = None
    total = None
    of_previous = False
    lone = None
    year_spans = [(t.start, t.end) for t in find_times(clause, as_of)]
    masked = [*year_spans, *([sm.span()] if sm else [])]
    # "the first of the four texts": a position in a set the article counted, not a count
    position = POSITION_IN_SET.search(clause)
    if position:
        masked.append(position.span())
        used.append(position.span())
    share = SHARE_OF.search(clause) or INCLUDING.search(clause)
    ordm = ORDINAL.search(clause) or (
        re.search(r"\b(?:its|their)\s+(?P<n>\d{1,3}(?:st|nd|rd|th))\b(?P<what>)", clause)
        if act is Act.veto
        else None
    )
    if (
        ordm
        and re.match(r"^(?:the\s+)?\w+\s+(?:text|draft|proposal)s?$", ordm.group(0).strip(), re.I)
        and (symbol or re.search(r"\bthe (?:first|second|third|other) (?:text|draft)\b", low))
    ):
        ordm = None  # "the second text (S/1999/123)": which text, not how many
    if ordm and re.match(r"^(?:the\s+)?\w+\s+of\s+the\b", ordm.group(0).strip(), re.I):
        ordm = None  # "the first of the three drafts": which one, not a rank
    if ordm and re.match(r"^an?\s+[a-z]", ordm.group(0).strip(), re.I):
        ordm = None  # "it blocked a second text": another one, not a rank
    fraction = None
    whole_actors: tuple[str, ...] = ()
    whole_topics: tuple[str, ...] = ()
    # "Of the 36 vetoes cast since 1990, 16 were by China", "Of the 86 vetoes the US has cast,
    # roughly half concerned Israel": the count, then a part of it (a number or a fraction)
    lead_of = re.match(
        rf"^\s*(?:of|out of)\s+(?:the|its|all)\s+(?P<m>{NUM})\s+(?P<noun>[^,]{{3,80}}),\s+"
        rf"(?:(?:(?P<mod>only|just|some|about|nearly|more than)\s+)?(?P<n>{NUM})"
        r"|(?P<frac>(?:(?:about|roughly|around|nearly|almost|more than|over|just over"
        r"|just under|some)\s+)?(?:half|one half|a third|one third|two thirds|two-thirds"
        r"|a quarter|three quarters|a fifth|most|a majority)))\s+(?P<rest>.*)$",
        clause,
        re.I,
    )
    fraction_part = find_shares(lead_of["frac"]) if lead_of and lead_of["frac"] else []
    if (
        lead_of
        and value_of(lead_of.group("m"))
        and (fraction_part or (lead_of["n"] and value_of(lead_of["n"])))
    ):
        part_at = lead_of.start("frac") if fraction_part else lead_of.start("n")
        whole_text = clause[:part_at].rstrip(" ,")
        head = f"There were {lead_of.group('m')} {lead_of.group('noun')}"
        whole = read_clause(head, offset, sentence, header, as_of, replace(ctx))
        whole = [
            replace(f, text=whole_text, span=(offset, offset + len(whole_text))) for f in whole
        ]
        number_words = "" if fraction_part else f"{lead_of['n']} "
        part = read_clause(
            f"{number_words}{lead_of.group('noun')} {lead_of.group('rest')}",
            offset + part_at,
            sentence,
            None,
            as_of,
            ctx,
        )
        part = [
            replace(
                f,
                text=clause[part_at:],
                span=(offset + part_at, offset + len(clause)),
                quant=Quant.share,
                quantity=fraction_part[0].quantity if fraction_part else f.quantity,
                of_previous=True,
                time=f.time or (whole[0].time if whole else None),
            )
            for f in part
        ]
        if whole and part:
            return whole + part
    last_m = re.search(
        rf"\b(?P<n>{NUM})\s+of\s+(?:the\s+)?(?:[\w.']+\s+)?last\s+(?P<m>{NUM})\s+vetoe?s?\b",
        clause,
        re.I,
    )
    if last_m and value_of(last_m.group("n")) and value_of(last_m.group("m")):
        n, m_last = value_of(last_m.group("n")), value_of(last_m.group("m"))
        return [
            Frame(
                clause[: last_m.end()],
                (offset, offset + last_m.end()),
                sentence,
                "SC",
                Act.veto,
                actors=tuple(
                    Actor(x.value, Role.vetoer, x.text)
                    for x in members
                    if x.value in P5 and x.start < last_m.start()
                ),
                quant=Quant.share,
                quantity=Quantity(value=n, text=last_m.group(0)),
                total=Quantity(value=m_last, text=last_m.group("m")),
                conventions=("last",),
            )
        ]

    def whole_then_part(start: int, quantity: Quantity) -> list[Frame] | None:
        """ "Nine vetoes, most of them with Russia", "50 vetoes, just three of them ...": a
        count before the share is a claim of its own, and the share is of that count."""
        head = clause[:start]
        counted = re.search(
            rf"\b({NUM})\s+(?:draft\s+)?(vetoes|vetoed drafts|times|drafts|resolutions)\b",
            head,
            re.I,
        )
        if counted and act is Act.veto and value_of(counted.group(1)):
            # "50 vetoes, just three of them ...": the whole, then the part
            whole = read_clause(
                re.sub(r"[\s,;]+(?:only|just|some|about|nearly|almost|more than)?\s*$", "", head),
                offset,
                sentence,
                header,
                as_of,
                ctx,
            )
            part = read_clause(
                clause[start:],
                offset + start,
                sentence,
                None,
                as_of,
                replace(
                    ctx,
                    subjects=(
                        tuple(a.code for f in whole for a in f.actors if a.role is Role.vetoer)
                        or ctx.subjects
                    ),
                ),
            )
            vetoers = tuple(
                Actor(a.code, Role.vetoer, a.text)
                for w in whole
                for a in w.actors
                if a.role is Role.vetoer
            )
            tail = clause[start:]
            if not part:
                ptimes = [t for t in find_times(tail, as_of) if t.period is not None]
                part = [
                    Frame(
                        tail,
                        (offset + start, offset + len(clause)),
                        sentence,
                        "SC",
                        Act.veto,
                        actors=vetoers,
                        target=Target(
                            topics=tuple(
                                dict.fromkeys(
                                    m.value for m in _mentions(tail) if m.family == "topic"
                                )
                            )
                        ),
                        time=ptimes[0].period if ptimes else None,
                    )
                ]
            joint = bool(JOINT.search(tail))
            extra = (
                tuple(
                    Actor(m.value, Role.vetoer, m.text) for m in _members_in(tail) if m.value in P5
                )
                if joint
                else ()
            )
            part = [
                replace(
                    f,
                    act=Act.veto,
                    actors=vetoers + extra,
                    quant=Quant.share,
                    quantity=quantity,
                    of_previous=True,
                    total=None,
                    joint=joint,
                )
                for f in part
            ]
            return whole + part
        return None

    if share and re.match(
        r"(?i)(?:one|two|three|four)[\s-]+(?:half|halves|thirds?|quarters?|fifths?)\b",
        share.group(0),
    ):
        share = None  # "two thirds of them": a fraction, read below, not "two of them"
    m_of = share and (share.group("m") or share.group("m2"))
    if share and m_of and value_of(m_of) in (11, 15, 190, 191, 192, 193):
        share = None  # "141 of the 193 members", "12 of the 15": a tally
    if share and not any(a <= share.start() < b for a, b in masked):
        n = value_of(share.group("n"))
        m_total = share.group("m") or share.group("m2")
        if n is not None:
            quant = Quant.share
            quantity = Quantity(value=n, text=share.group(0))
            if m_total:
                total = Quantity(value=value_of(m_total) or 0, text=m_total)
            else:
                of_previous = True
            used.append(share.span())
            split = whole_then_part(share.start(), quantity)
            if split is not None:
                return split
    elif (fraction := _fraction_of(clause, members, mentions)) is not None:
        # "two thirds of Russia's vetoes since 2011 were cast on Syria": the part of a whole
        quant = Quant.share
        quantity, span, whole_actors, whole_topics, part_actors, part_topics = fraction
        used.append(span)
        act = Act.veto
        fraction = (part_actors, part_topics)
    elif (
        (them := FRACTION_OF_THEM.search(clause))
        and act in (Act.veto, None)
        and (shares := find_shares(them.group(0)))
    ):
        # "86 vetoes, about half of them concerning Israel": a fraction of the set counted
        quant = Quant.share
        quantity = shares[0].quantity
        of_previous = True
        used.append(them.span())
        split = whole_then_part(them.start(), quantity) if act is Act.veto else None
        if split is not None:
            return split
    elif (majority := MAJORITY.search(clause)) and act in (Act.veto, Act.fail, None):
        quant = Quant.share
        quantity = Quantity(value=0.5, op="gt", unit="share", text="a majority")
        of_previous = True
        split = whole_then_part(majority.start(), quantity) if act is Act.veto else None
        if split is not None:
            return split
    elif act in (Act.vote_yes, Act.adopt, Act.vote) and (shares := find_shares(clause)):
        # "over half of the 150 members", "two-thirds of those voting": of a vote
        quantity = shares[0].quantity
        used.append((shares[0].start, shares[0].end))
    elif (
        ordm
        and act in (Act.veto, Act.fail, Act.vote, Act.adopt, Act.vote_no)
        and _ordinal(ordm.group("n"))
    ):
        n = _ordinal(ordm.group("n"))
        if n == 1 and "first" in ordm.group(0).lower():
            quant = Quant.first
        else:
            quant = Quant.ordinal
            quantity = Quantity(value=n, text=ordm.group(0))
        used.append(ordm.span())
    if quant is Quant.exists and act is not None:
        counts = []
        for hit in COUNT.finditer(clause):
            s, e = hit.span("n")
            if any(a < e and s < b for a, b in masked) or re.fullmatch(r"\d{4}", hit.group("n")):
                continue
            noun = COUNT_NOUN.match(clause[e:])
            before = clause[max(0, s - 40) : s].lower()
            if noun or re.search(r"(?:veto(?:ed)?|blocked|used (?:its|their) veto)\s+$", before):
                v = value_of(hit.group("n"))
                if v is None or (hit.group("n").lower() == "one" and not noun):
                    continue
                op = MODIFIERS.get((hit.group("mod") or "").lower(), "eq")
                counts.append((s, Quantity(value=v, op=op, text=hit.group(0)), hit.span()))
        for hit in VAGUE_COUNT.finditer(clause):
            # "dozens of resolutions", "more than a dozen times": counts with a wide bound
            if act is Act.veto and COUNT_NOUN.match(" " + clause[hit.end() :]):
                word = hit.group("w").lower()
                low_n, op = VAGUE_VALUES[word]
                if hit.group("more"):
                    op = "gt"
                counts.append(
                    (hit.start(), Quantity(value=low_n, op=op, text=hit.group(0)), hit.span())
                )
        for hit in ADVERB_COUNT.finditer(clause):
            if not re.search(
                r"(?:veto\w*|blocked|used)\W+(?:\w+\W+){0,5}$", clause[: hit.start()], re.I
            ):
                continue
            v = {"once": 1, "twice": 2, "thrice": 3}[hit.group(1).lower()]
            counts.append((hit.start(), Quantity(value=v, text=hit.group(0)), hit.span()))
        # gapped by topic: "on Namibia (eight), South Africa (ten) and ...": the numbers in
        # brackets are counts though no noun follows them
        topic_gaps = [
            (m, g)
            for m in mentions
            if m.family == "topic"
            for g in [re.match(rf"\s*\(({NUM})\)", clause[m.end :], re.I)]
            if g and value_of(g.group(1))
        ]
        if len(topic_gaps) >= 1 and act is Act.veto:
            vet = tuple(Actor(m.value, Role.vetoer, m.text) for m in members if m.value in P5)
            out = []
            for m, g in topic_gaps:
                end = m.end + g.end()
                out.append(
                    _veto_count(
                        clause[m.start : end],
                        (offset + m.start, offset + end),
                        sentence,
                        vet,
                        (m.value,),
                        period,
                        Quantity(value=value_of(g.group(1)) or 0, text=g.group(0)),
                        joint=bool(JOINT.search(clause)) and len(vet) > 1,
                    )
                )
            return out
        if counts and act in (
            Act.veto,
            Act.fail,
            Act.vote,
            Act.adopt,
            Act.sponsor,
            Act.vote_no,
            Act.vote_yes,
            Act.abstain,
        ):
            # gapped by member: "Britain has cast 32 vetoes since 1946, France 18"
            member_gaps = [
                (m, g)
                for m in members
                if m.value in P5 and m.start > counts[0][2][1]
                for g in [re.match(rf"\s+({NUM})\b(?!\s+(?:per|%|percent))", clause[m.end :], re.I)]
                if g
                and value_of(g.group(1))
                and re.search(r"(?:,|\band)\s*(?:the\s+)?$", clause[max(0, m.start - 8) : m.start])
            ]
            if member_gaps and act is Act.veto:
                first_end = member_gaps[0][0].start
                head_members = [
                    Actor(m.value, Role.vetoer, m.text)
                    for m in members
                    if m.start < first_end and m.value in P5
                ]
                out = [
                    _veto_count(
                        clause[:first_end].rstrip(" ,"),
                        (offset, offset + first_end),
                        sentence,
                        tuple(head_members),
                        topics,
                        period,
                        counts[0][1],
                    )
                ]
                for m, g in member_gaps:
                    end = m.end + g.end()
                    out.append(
                        _veto_count(
                            clause[m.start : end],
                            (offset + m.start, offset + end),
                            sentence,
                            (Actor(m.value, Role.vetoer, m.text),),
                            topics,
                            period,
                            Quantity(value=value_of(g.group(1)) or 0, text=g.group(0)),
                        )
                    )
                ctx.subjects = tuple(a.code for f in out for a in f.actors)
                ctx.body = "SC"
                return out
            # gapped: "40 times by France, 25 times by Britain, 10 by ..."
            gaps = list(
                re.finditer(rf"\b({NUM})\s+(?:times\s+|vetoes\s+)?by\s+(?:the\s+)?", clause, re.I)
            )
            if len(gaps) >= 2 and act is Act.veto:
                frames = []
                for i, g in enumerate(gaps):
                    end = gaps[i + 1].start() if i + 1 < len(gaps) else len(clause)
                    piece_members = [m for m in members if g.end() <= m.start < end]
                    if not piece_members:
                        continue
                    mod = re.search(
                        r"(only|just|some|about|nearly|more than)\s+$",
                        clause[max(0, g.start() - 15) : g.start()],
                        re.I,
                    )
                    q = Quantity(
                        value=value_of(g.group(1)) or 0,
                        op=MODIFIERS.get(mod.group(1).lower(), "eq") if mod else "eq",
                        text=g.group(0),
                    )
                    frames.append(
                        _veto_count(
                            clause[g.start() : end].rstrip(" ,."),
                            (offset + g.start(), offset + end),
                            sentence,
                            tuple(Actor(m.value, Role.vetoer, m.text) for m in piece_members),
                            topics,
                            period,
                            q,
                        )
                    )
                if frames:
                    ctx.body = "SC"
                    return frames
            quant = Quant.count
            quantity = counts[0][1]
            used.append(counts[0][2])
    if quant is Quant.exists:
        if MOST.search(clause) and (
            act is Act.veto or (act in (Act.vote_no, Act.vote_yes, Act.abstain) and any(members))
        ):
            quant = Quant.most  # "voted no more often than any other member"
        elif EVERY.search(clause):
            quant = Quant.every
        elif (
            FIRST.search(clause)
            and act is not None
            and not re.search(r"\bthe first (?:of|text|draft)\b", low)
        ):
            quant = Quant.first
        elif LAST.search(clause) and act is not None:
            quant = Quant.last
        elif NEVER_VETO.search(clause) and act is Act.veto:
            quant = Quant.none
    restrictive_alone = re.search(
        r"\balone\s+(?:has|have|had|is|was|cast|vetoed|accounts?)\b|\balone,"
        r"|\b(?:decade|years?|months?|period|century|year)\s+alone\b",
        clause,
        re.I,
    )
    if ONLY.search(
        COUNTED_ONLY.sub("", re.sub(r"\balone\b", "", clause) if restrictive_alone else clause)
    ) and not re.search(
        r"\bonly (?:one|\w+) of\b|\bof the [\w\s]{1,30}countries, only\b", clause, re.I
    ):
        lone = True  # "only one of NATO's members" is relative to a group: not checked
    # negation binds to the act: "did not veto", "never vetoed", "was not adopted"
    negated = bool(
        act_span
        and act not in (Act.fail,)
        and re.search(
            r"\b(?:not|never|neither|nor|n't|no)\s+(?:(?:\w+ly|been|be|have|has|yet|once|even)"
            r"\s+)*$",
            low[max(0, act_span[0] - 30) : act_span[0]],
        )
    )

    # target
    anaphor = bool(ANAPHOR.search(clause)) and symbol is None
    plural = bool(
        re.search(
            r"\b(?:neither|both|the two|all (?:the |four |three |two )?)"
            r"(?:drafts?|texts?|resolutions?|proposals?)\b",
            low,
        )
    )
    ga_title = None
    if ga_topics:
        ga_title = lexicon().ga_titles.get(ga_topics[0].value)
    if body is None:
        body = ctx.body or ("SC" if act is Act.veto else None)
    kind = "amendment" if re.search(r"\bamendments?\b", low) else None
    target = Target(
        plural=plural,
        symbol=symbol,
        anaphor=anaphor,
        topics=topics,
        ga_title=ga_title,
        kind=kind,
        topic_text=", ".join(m.text for m in mentions if m.family == "topic") or None,
    )

    # unused content words
    consumed = list(used) + [(m.start, m.end) for m in mentions]
    for m in mentions:  # "seven of which criticised Israel": the verb attaches the topic
        if m.family == "topic":
            verb = TOPIC_VERB.search(clause[max(0, m.start - 30) : m.start])
            if verb:
                consumed.append((max(0, m.start - 30) + verb.start(), m.start))
    framing = FRAMING.search(clause)
    if framing:  # "... becomes clear when one considers that <claim>": the claim is after
        consumed.append((0, framing.end()))
    for said in ATTRIBUTION.finditer(clause):  # "by the State Department's count": whose figure
        consumed.append(said.span())
    unused = []
    for w in re.finditer(r"[A-Za-z][A-Za-z'’-]+", clause):
        word = w.group(0).lower().strip("'’")
        if word in STOP or len(word) < 3 or any(a <= w.start() < b for a, b in consumed):
            continue
        unused.append(w.group(0))

    joint = (
        bool(JOINT.search(clause))
        and act is Act.veto
        and not re.search(
            r"\b(?:counting|taking|taken|combin\w+|added)\b[^.;]{0,60}\btogether\b", low
        )
    )
    partner = None
    agree = re.search(
        r"\b(?:voted|votes|voting|sided|agreed|coincided|aligned)\s+(?:with|alongside)\s+"
        r"|\b(?:voting coincidence|agreement|coincidence)\s+(?:rate\s+)?with\s+",
        clause,
        re.I,
    )
    pct = re.search(r"\b(\d{1,3}(?:\.\d)?)\s*(?:%|percent|per cent)", clause, re.I)
    if agree and pct:
        named_after = [m for m in members if m.start >= agree.end()]
        named_before = [m for m in members if m.start < agree.start()]
        if (
            named_before
            and not named_after
            and ctx.partner
            and re.match(r"\s*(?:it|them)\b", clause[agree.end() :], re.I)
        ):
            partner = ctx.partner  # "while Israel sided with it 96 percent of the time"
            resolved = [Actor(named_before[0].value, Role.subject, named_before[0].text)]
            quant = Quant.share
            quantity = Quantity(value=float(pct.group(1)) / 100, unit="share", text=pct.group(0))
            body = "GA"
            used.append(pct.span())
        if named_after and named_before:
            partner = named_after[0].value
            resolved = [Actor(named_before[0].value, Role.subject, named_before[0].text)]
            quant = Quant.share
            quantity = Quantity(value=float(pct.group(1)) / 100, unit="share", text=pct.group(0))
            body = "GA"
            used.append(pct.span())
        if partner:
            ctx.partner = partner
    others = re.search(
        r"\b(?:all|every)\s+(?:the\s+)?other\s+(?:\w+\s+)?(?:members?|states|countries|nations)"
        r"\b[^.;]{0,60}?\b(supported|backed|voted (?:for|in favou?r)|voted (?:against|no)"
        r"|opposed|abstained)",
        clause,
        re.I,
    )
    all_others = None
    if others and quant is Quant.every:
        quant = Quant.exists  # the quantifier is the claim about the tally, checked as such
    if others:
        verb_text = others.group(1).lower()
        all_others = (
            Role.voter_no
            if re.match(r"voted (?:against|no)|opposed", verb_text)
            else Role.abstainer
            if verb_text == "abstained"
            else Role.voter_yes
        )
    except_for = tuple(
        m.value
        for m in members
        if re.search(
            r"\b(?:apart from|except(?: for)?|other than|besides|save)\s+(?:the\s+)?$",
            clause[max(0, m.start - 20) : m.start],
            re.I,
        )
    )
    if except_for:  # "apart from Finland": read, the member is excepted from "every other"
        unused = [w for w in unused if w.lower() not in ("apart", "except", "besides", "save")]
    if re.search(r"\bsince then\b|\bsince that (?:time|date|day|vote)\b", low):
        unused.append("since then")  # a time the sentence takes from an earlier one
    conventions = []
    if re.search(r"\bparagraph", low):
        conventions.append("paragraph-votes")
    oppose = re.search(r"\b(?:opposed|voted against|voting against|sided against)\s+", clause, re.I)
    share_of_votes = pct or re.search(
        r"\b(?:on|in)\s+(?:most|the majority of|a majority of)\s+(?:its\s+|the\s+)?"
        r"(?:recorded\s+)?votes\b",
        clause,
        re.I,
    )
    if oppose and share_of_votes and not partner and act in (Act.vote_no, Act.vote, None):
        # "Russia opposed the United States on most recorded votes that year": a share of
        # votes on which the two voted opposite ways
        opposed = [m for m in members if m.start >= oppose.end()]
        opposing = [m for m in members if m.start < oppose.start()]
        if opposed and opposing:
            partner = opposed[0].value
            resolved = [Actor(opposing[0].value, Role.subject, opposing[0].text)]
            quant = Quant.share
            quantity = (
                Quantity(value=float(pct.group(1)) / 100, unit="share", text=pct.group(0))
                if pct
                else Quantity(value=0.5, op="gt", unit="share", text=share_of_votes.group(0))
            )
            body = "GA"
            conventions.append("opposed")
            unused = [w for w in unused if w.lower() not in ("recorded", "majority")]
    if (
        period is not None
        and (quant is Quant.none or negated)
        and re.match(r"(?i)(?:until|till)\s", period.text)
        and (named := _time_named(period.text, as_of)) is not None
        and named.since is not None
    ):
        # "did not use its veto until March 1970": none before March 1970, the month itself
        # being when it did
        period = Period(since=period.since, until=named.since - timedelta(days=1),
                        text=period.text)  # fmt: skip
    frame = Frame(
        text=clause,
        span=(offset, offset + len(clause)),
        sentence=sentence,
        body=body,
        act=act,
        actors=tuple(resolved),
        target=target,
        time=period,
        day=day,
        quant=quant,
        quantity=quantity,
        total=total,
        of_previous=of_previous,
        tally=tally,
        negated=negated,
        lone=lone,
        joint=joint,
        all_others=all_others,
        excepted=except_for,
        partner=partner,
        whole=(whole_actors, whole_topics) if fraction is not None else None,
        conventions=tuple(conventions),
        unused=tuple(unused),
    )
    actor_spans = {(m.start, m.end) for m in members if any(a.text == m.text for a in resolved)}
    colon = clause.find(": ")

    def restricts(m: Mention) -> bool:
        """A topic narrows a set only where the words attach it to the set ("vetoes on
        Syria", "a Syria resolution"), not in an elaboration after a colon."""
        if quant not in (Quant.count, Quant.share, Quant.ordinal, Quant.every, Quant.none):
            return True
        if 0 <= colon < m.start:
            return False
        lead = clause[max(0, m.start - 30) : m.start].lower()
        return bool(
            re.search(
                r"\b(?:on|over|about|concern(?:ing|ed|s)?|involv\w+|regarding|critical of"
                r"|relat\w+ to|dealing with|dealt with|in"
                r"|against|to|of)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,4}[\w-]*$",
                lead,
            )
            or re.match(r"^[\w-]*\s+(?:resolutions?|drafts?|texts?|vetoes?)\b", clause[m.end :])
        )

    topic_ids = tuple(
        dict.fromkeys(
            m.value
            for m in mentions
            if m.family == "topic" and (m.start, m.end) not in actor_spans and restricts(m)
        )
    )
    if topic_ids != frame.target.topics:
        frame = replace(frame, target=replace(frame.target, topics=topic_ids))
    if fraction is not None:  # the part's members and topics; the whole's are in frame.whole
        part_actors, part_topics = fraction
        frame = replace(
            frame,
            actors=tuple(Actor(c, Role.vetoer, c) for c in part_actors),
            target=replace(frame.target, topics=part_topics),
            of_previous=False,
        )
    # context for the next clauses
    ctx.body = body or ctx.body
    subj = frame.who(Role.vetoer, Role.voter_no, Role.subject)
    if subj:
        ctx.subjects = subj
    if (
        act is Act.veto
        and quant is Quant.exists
        and not frame.who(Role.vetoer, Role.subject)
        and not tally.given()
        and not symbol
        and not day
        and not period
        and not target.anaphor
    ):
        return _general(clause, offset, sentence, body)  # "the veto is the only protection"
    if (
        act is Act.veto
        and quant is Quant.exists
        and not tally.given()
        and not symbol
        and not day
        and not period
        and not target.anaphor
        and not target.topics
        and not target.plural
        and not re.search(r"\b(?:drafts?|resolutions?|texts?|measures?|proposals?)\b", low)
    ):
        return _general(clause, offset, sentence, body)  # "Fifty years of the American veto"
    frames = [frame]
    h = clause.find(header) if header else -1
    after_header = [
        t for t in times[: len(times) - len(header_times)] if t.start >= h + len(header or "")
    ]
    if header and header_times and symbol and h >= 0 and not after_header:
        # "May 1990: Haiti (SCR 600)": the date the list gives is one claim,
        # what the item says of the text another
        rest = h + len(header)
        frames = [
            replace(frame, text=header, span=(offset + h, offset + rest)),
            replace(
                frame,
                text=clause[rest:].lstrip(": "),
                span=(offset + rest, offset + len(clause)),
                time=Period(text=""),  # no time of its own, and none inherited
            ),
        ]
    if (
        act is Act.veto
        and len(frame.who(Role.vetoer)) > 1
        and not frame.joint
        and re.search(r"\b(?:their|both)\b|\b(?:double|triple)\b", low)
    ):
        frames = [replace(frame, joint=True)]
    if act is Act.veto and quant is Quant.count and MOST.search(clause):
        # "21 times, more than any other permanent member": a count and a rank
        frames.append(replace(frames[0], quant=Quant.most, quantity=None))
    if act is Act.veto and day and quant in (Quant.ordinal, Quant.count, Quant.first, Quant.last):
        # a dated event that is also the n-th: the event and its rank are two claims
        frames.append(replace(frames[0], quant=Quant.exists, quantity=None))
    elif (
        act is Act.veto
        and quant is Quant.ordinal
        and frames[0].time is not None
        and frames[0].time.since is not None
        and frames[0].time.until is not None
        and (frames[0].time.until - frames[0].time.since).days <= 31
    ):
        # "blocked by Russia in April 2017, the eighth Russian veto on Syria": the event of
        # that month, then its rank among all before it (the month dates the event, it does
        # not bound the set)
        frames = [
            replace(frames[0], quant=Quant.exists, quantity=None),
            replace(frames[0], time=Period(text="")),  # no time of its own, none inherited
        ]
    return frames
