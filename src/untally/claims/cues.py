"""The words the grammar reads, as patterns: acts, role cues, tallies, quantifiers, and
what lies outside the voting record.

Kept apart from :mod:`~untally.claims.grammar` so that the vocabulary can be reviewed on its
own; phrases that are data (states, topics, function words) live in
``data/claims_lexicon.toml`` and ``data/events.toml``.
"""

from __future__ import annotations

import re

from untally.claims.frame import Act, Role
from untally.claims.lexicon import _read as lexicon_data
from untally.claims.numbers import MODIFIERS, NUM

P5 = ("CHN", "FRA", "GBR", "RUS", "SUN", "USA")
DEMONYMS = {p.lower() for phrases in lexicon_data()["demonyms"].values() for p in phrases}

# ----------------------------------------------------------------------------- symbols
# Symbols as articles write them: "S/2023/773", "S/15156:Rev 2", "S/RES/242 (1967)".
_REV = r"(?:\s*[:/]\s*Rev\.?\s*\d)?"
SYMBOL = re.compile(
    rf"\b(?P<s>S/RES/\d{{1,4}}\s*\(\d{{4}}\)|S/RES/\d{{1,4}}|S/\d{{4}}/\d{{1,4}}{_REV}|S/\d{{3,5}}"
    rf"{_REV}|A/RES/(?:ES-\d+/)?\d+/\d+[A-Z]?|A/RES/ES-\d+/\d+|A/RES/\d+\s*\([IVXLC]+\))",
)
RESOLUTION_NUMBER = re.compile(
    r"\b(?:[Rr]esolutions?|SCR|UNSCR)\s+(\d{2,4})\b(?!/)(?:\s+of\s|\s*\(\d{4}\))?"
)
# "resolution 67/19", "resolutions 77/247 B": an Assembly resolution by session and number
GA_RESOLUTION_NUMBER = re.compile(r"\b[Rr]esolutions?\s+(\d{1,2})/(\d{1,3})(?:\s?([A-Z])\b)?")


def canonical_symbol(text: str) -> str:
    """ "S/15156:Rev 2" -> "S/15156/Rev.2"; spaces dropped elsewhere."""
    text = re.sub(r"\s*[:/]\s*Rev\.?\s*(\d)", r"/Rev.\1", text)
    return re.sub(r"\s+", "", text)


ES_SYMBOL = re.compile(r"\bES-(\d{1,2})/(\d{1,3})\b")

# ----------------------------------------------------------------------------- acts
# (pattern, act): the first act found in a clause is its main act, in this priority order.
ACT_PATTERNS: list[tuple[re.Pattern[str], Act]] = [
    (re.compile(p, re.I), a)
    for p, a in [
        (
            r"\bveto(?:es|ing|s)?\b|(?<!\bthe )(?<!\bits )(?<!\bthese )\bvetoed\b"
            r"|\bdouble veto\b|\bblock(?:ed|s|ing)?\b|\bstruck down\b"
            r"|\bnegative votes? of (?:a |the )?permanent\b",
            Act.veto,
        ),
        (r"\bamend(?:ment|ments|ed)\b", Act.amend),
        (
            r"\bnot (?:been )?adopted\b|\bfail(?:ed|s|ing)?\b|\bdefeated\b"
            r"|\bdid not (?:obtain|get|win|"
            r"secure|receive)\b|\btoo few votes\b|\bnot obtain\b|\bwas rejected\b|\bwere rejected\b"
            r"|\bnot adopted\b|\bneither (?:draft|text|resolution) was adopted\b",
            Act.fail,
        ),
        (
            r"\b(?:council|assembly)\s+(?:\w+\s+){0,2}?(?:condemned|censured|affirmed|reaffirmed"
            r"|demanded|deplored|called for|urged|endorsed|authori[sz]ed|imposed|extended|renewed"
            r"|welcomed|rescinded|revoked|repealed)\b|"
            r"\badopted\b|\bpassed\b|\bapproved\b|\badopt(?:s|ing)?\b(?=.*\bresolution)"
            r"|\bable to pass\b|\bwas carried\b",
            Act.adopt,
        ),
        (r"\babstain(?:ed|ing|s|ers?)?\b|\babstentions?\b", Act.abstain),
        (
            r"\bvot(?:ed|ing|es?) (?:against|no)\b|\bopposed?\b|\bopposing\b|\bcast a no vote\b"
            r"|\bno votes?\b|\bnegative votes?\b|\brejected\b|\bagainst\b",
            Act.vote_no,
        ),
        (
            r"\bvot(?:ed|ing|es?) (?:for|in favou?r|yes)\b|\bin favou?r\b|\bbacked\b|\bsupported\b"
            r"|\bsided with\b|\bwon\b|\bdrew\b|\breceived the votes\b|\baffirmative votes?\b"
            r"|\b\d{2,3}\s+(?:states|countries|members|nations|governments|delegations)\s+"
            r"(?:demanded|called for|urged|condemned|endorsed|deplored)\b"
            r"|\b(?:switched|changed|moved|turned)\s+(?:its\s+vote\s+|their\s+vote\s+)?to\s+"
            r"(?:an?\s+)?(?:yes|affirmative)\b|\b(?:cast|gave)\s+an?\s+yes\s+vote\b",
            Act.vote_yes,
        ),
        (
            r"\bdid not vote\b|\bcast no vote\b|\bnot voting\b|\bnon-voting\b|\babsent\b"
            r"|\bstayed out of the vot|\bdid not (?:take part|participate)\b",
            Act.non_voting,
        ),
        (
            r"\bdraft(?:ed|ing)\b|\bproposed\b|\bsponsor(?:ed|s)?\b|\btabled\b|\bput forward\b"
            r"|\bbrought by\b|\bsubmitted\b|\bpresented\b",
            Act.sponsor,
        ),
        (
            r"\bvot(?:e|ed|es|ing)\b|\btall(?:y|ies)\b|\bballot\b|\brenew(?:ed|al)?\b"
            r"|\bextend(?:ed)?\b",
            Act.vote,
        ),
    ]
]

# Role cues around a list of states. POST: the cue follows the list; PRE: it precedes it.
POST_CUES: list[tuple[re.Pattern[str], Role]] = [
    (
        re.compile(
            r"^\W{0,3}(?:(?:both|also|likewise|each|too|all|then|later|again|had|has|have)\s+){0,2}"
            + p,
            re.I,
        ),
        r,
    )
    for p, r in [
        (
            r"(?:vetoed|veto(?:es|ing)?\b|cast (?:a |their |its )?(?:double |joint )?vetoe?s?"
            r"|used (?:its|their) veto|blocked|struck down|exercised)",
            Role.vetoer,
        ),
        (r"(?:abstain(?:ed|ing|s)?|(?:cast |with )?abstentions?)", Role.abstainer),
        (
            r"(?:vot(?:ed|ing|es?) (?:against|no)|against|opposed|opposing|rejected|cast a no vote"
            r"|cast (?:a )?negative votes?|objected)",
            Role.voter_no,
        ),
        (
            r"(?:vot(?:ed|ing|es?) (?:for|in favou?r|yes)|in favou?r|backed|supported|sided with"
            r"|joined (?:the |in )?(?:majority|consensus))",
            Role.voter_yes,
        ),
        (
            r"(?:did not vote|cast no vote|not voting|were absent|was absent"
            r"|stayed out of the vot\w+"
            r"|did not (?:take part|participate))",
            Role.non_voting,
        ),
        (
            r"(?:-?drafted|-sponsored|-led|-backed|-proposed|proposed|drafted|tabled|sponsored"
            r"|put forward|submitted|presented|draft(?:s)?\b|text\b|proposal\b)",
            Role.drafter,
        ),
    ]
]
PRE_CUES: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(p + r"\W{0,3}$", re.I), r)
    for p, r in [
        (r"(?:vetoed|blocked|veto(?:es)?|negative votes?) (?:by|of|from)(?: the)?", Role.vetoer),
        (
            r"(?:drafted|proposed|brought|sponsored|submitted|tabled|presented|put forward|"
            r"penned|written|introduced) by(?: the)?|drafts? (?:from|by)(?: the)?|"
            r"(?:draft|text|proposal)s? of(?: the)?"
            r"|(?:draft|text|resolution|proposal|measure)s?\s+(?:\w+\s+)?(?:backed|supported"
            r"|championed|pushed) by(?: the)?",
            Role.drafter,
        ),
        # "voted against the text, siding with Russia": the same vote as the clause's act
        (r"(?:siding|sided|aligning|aligned|joining) with(?: the)?", Role.subject),
        (
            r"(?:abstentions? (?:came )?from|abstaining (?:were|was|:)|abstained:|abstentions?:|"
            r"abstained were)(?: the)?",
            Role.abstainer,
        ),
        (
            r"(?:against|voting (?:against|no)|voted (?:against|no)|opposed)"
            r"(?: were| was|:)(?: the)?"
            r"|(?:no votes?|negative votes?) (?:from|of|by)(?: the)?",
            Role.voter_no,
        ),
        (
            r"(?:in favou?r|voting (?:in favou?r|yes|for)|voted (?:in favou?r|yes|for))"
            r"(?: were| was|:)(?: the)?"
            r"|(?:support|votes?) (?:from|of)(?: the)?",
            Role.voter_yes,
        ),
        (
            r"(?:jointly|together|along|in tandem|teamed up) with(?: the)?|alongside(?: the)?"
            r"|joined by(?: the)?",
            Role.vetoer,
        ),  # joint vetoers (the act decides, see JOINT)
        (r"\bwith\b(?: the)?", Role.subject),  # "with Peru and Chad against": decided by POST
    ]
]
LIST_GLUE = re.compile(
    r"^(?:\s*(?:,|and|&|as well as|plus|or|both|—|–|-|\(|\)|the|and the|,\s*and(?: the)?)\s*)+$",
    re.I,
)
ROLE_OF_ACT = {
    Act.veto: Role.vetoer,
    Act.vote_no: Role.voter_no,
    Act.abstain: Role.abstainer,
    Act.vote_yes: Role.voter_yes,
    Act.non_voting: Role.non_voting,
    Act.sponsor: Role.drafter,
}

# ----------------------------------------------------------------------------- tallies
_N = rf"({NUM}|none|nil|zero|no)"
_ASIDE = r"(?:\s*[—–]\s*[^—–.;]{1,90}?\s*[—–]\s*|\s*\([^()]{1,90}\)\s*|\s*,[^,.;]{1,60},\s*)?"
_WHO = (
    r"(?:(?:other|council|security council|member|of its|of the|un|u\.n\.)\s+)*"
    r"(?:members?|countries|states|nations|delegations|governments)?" + _ASIDE
)
TALLY_FIELDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), f)
    for p, f in [
        (
            rf"\b{_N}\s+{_WHO}\s*(?:(?:had |have )?voted (?:for|in favou?r|yes)"
            rf"|voting (?:for|in favou?r)"
            rf"|(?:votes? )?in favou?r|backed|supported|were in favou?r"
            rf"|demanded|called for|urged|condemned|endorsed|deplored"
            rf"|voted to (?:condemn|demand|adopt|approve|reject|affirm|reaffirm|call|declare"
            rf"|urge|recognis\w+|recogniz\w+|admit|suspend|revoke|upgrade))\b",
            "yes",
        ),
        (
            rf"\b(?:won|got|drew|received|obtained|secured|had|garnered|gained|with)\s+(?:the\s+)?"
            rf"(?:votes?\s+of\s+)?{_N}\s+(?:affirmative\s+|yes\s+|positive\s+)?(?:votes?|members)\b"
            rf"(?!\s+(?:to|against))",
            "yes",
        ),
        (rf"\b(?:backed|supported) by\s+(?:some\s+|about\s+|nearly\s+|over\s+)?{_N}\b", "yes"),
        (rf"\b{_N}\s+(?:votes?\s+)?(?:were\s+)?cast\s+(?:for|in favou?r)\b", "yes"),
        (
            rf"\b{_N}\s+{_WHO}\s*(?:voted (?:against|no)|voting (?:against|no)|against|opposed"
            rf"|votes? against|no votes?|negative votes?|rejected)\b",
            "no",
        ),
        (rf"\b{_N}\s+{_WHO}\s*(?:abstain(?:ed|ing)|abstentions?)\b", "abstain"),
        (rf"\b(?:among|of)\s+the\s+{_N}\s+(?:abstainers|abstaining\s+{_WHO})\b", "abstain"),
        (rf"\bwith\s+{_N}\s+(?:abstentions?|abstaining)\b", "abstain"),
        (
            rf"\b{_N}\s+{_WHO}\s*(?:cast no vote|did not vote|not voting|were absent|absent"
            rf"|stayed out of the vot\w+|did not take part|did not participate)\b",
            "non_voting",
        ),
    ]
]
TALLY_DASH = re.compile(
    r"(?<![\d/.-])(\d{1,3})\s*[-–]\s*(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?(?![\d/-])"
)
TALLY_TO = re.compile(
    rf"\b(?:by\s+|voted\s+|vote\s+(?:was|of)\s+)?{_N}\s+(?:votes?\s+)?to\s+{_N}"
    rf"(?:\s*(?:,|with|and)\s*(?:with\s+)?{_N}\s+(?:abstentions?|abstaining|abstained))?",
    re.I,
)
TOTAL = re.compile(rf"\b{_N}\s+of\s+(?:the|its|all)?\s*(\d{{2,3}}|fifteen|eleven)\b", re.I)

# ----------------------------------------------------------------------------- quantifiers
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
ORDINAL = re.compile(
    r"\b(?:the\s+|its\s+|their\s+|a\s+)?(?P<n>\d{1,3}(?:st|nd|rd|th)|"
    + "|".join(ORDINAL_WORDS)
    + r")\s+(?P<what>(?:[\w-]+\s+){0,3}?(?:veto(?:es)?|time|occasion|draft|resolution|text)s?)\b",
    re.I,
)
COUNT_NOUN = re.compile(
    r"^\s*(?:(?!years?\b|months?\b|days?\b|weeks?\b|decades?\b|members?\b|countries\b|states\b"
    r"|people\b|nations\b)[\w-]+\s+){0,3}?(?P<noun>vetoes|times|occasions|draft resolutions|drafts|"
    r"resolutions|texts|proposals|measures|documents|negative votes|vetoed drafts|veto(?:es)?)\b",
    re.I,
)
COUNT = re.compile(
    rf"\b(?:(?P<mod>{'|'.join(sorted(MODIFIERS, key=len, reverse=True))})\s+)?"
    rf"(?P<n>{NUM})\b",
    re.I,
)
ADVERB_COUNT = re.compile(r"\b(once|twice|thrice)\b", re.I)
SHARE_OF = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:(?:[\w-]+\s+){{0,2}})?(?:of|out of)\s+(?P<rest>them|these|those|which|"
    rf"the\s+(?P<m>{NUM})\b|its\s+(?P<m2>{NUM})\b)",
    re.I,
)
INCLUDING = re.compile(
    rf"\b(?:including|among them|of which|of whom)\s+(?P<n>{NUM})\b(?P<rest>)(?P<m>)(?P<m2>)", re.I
)
MAJORITY = re.compile(r"\b(?:the|a)\s+majority\s+of\b|\bmost\s+of\b|\bmore than half\b", re.I)
EVERY = re.compile(
    r"\bevery (?:one|case|time|single|veto)\b|\bin (?:every|each) case\b|\beach time\b|\balways\b"
    r"|\ball (?:five|5|of (?:them|these|those|the))\b|\bevery\b|\bwithout exception\b",
    re.I,
)
ONLY = re.compile(
    r"\bonly\b(?!\s+(?:if|when|after|last|days|weeks))|\bsole\b|\balone\b|\blone\b|\bsingle-handedly\b"
    r"|\bisolated\b",
    re.I,
)
FIRST = re.compile(r"\b(?:first|earliest|maiden)\b(?!\s+anniversary)", re.I)
LAST = re.compile(
    r"\b(?:last|latest|most recent(?:ly)?|previous(?:ly)?|final)\b(?!\s+(?:week|year|month|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|night|october|"
    r"november|december|january|february|march|april|may|june|july|august|september))",
    re.I,
)
MOST = re.compile(
    r"\bmore (?:\w+ )?than any other\b|\bthe most vetoes\b|\bmost prolific\b"
    r"|\bmost frequent (?:user|wielder|vetoer|caster)\b|\bthe (?:biggest|heaviest|top) user\b",
    re.I,
)
JOINT = re.compile(
    r"\b(?:jointly|together)\b|\balongside\b|\bjoined(?: by)?\b|\bteamed up\b|\b(?:double|triple)"
    r" veto\b|\bjoint veto\b|\bboth vetoed\b",
    re.I,
)
NEVER_VETO = re.compile(
    r"\b(?:never|not once|not|neither|nor)\s+(?:\w+\s+){0,3}?(?:veto\w*|blocked"
    r"|used (?:its|the|a) veto)\b"
    r"|\bno (?:veto|vetoes)\b|\bnone\b",
    re.I,
)
ANAPHOR = re.compile(
    r"\b(?:the|that|this|its|their|both)\s+(?:(?:[\w-]+\s+){0,2})?(?:draft|resolution|text|measure"
    r"|proposal|vote)s?\b|\bit\b|\bthem\b|\b(?:neither|either|each)\s+(?:draft|text|resolution)\b",
    re.I,
)

# ----------------------------------------------------------------------------- outside
OUTSIDE = [
    (re.compile(p, re.I), why)
    for p, why in [
        (
            r"\bkill(?:ed|ing)\b|\bdied\b|\bdead\b|\bcasualt(?:y|ies)\b|\bcivilians?\b.*\b\d"
            r"|\bwounded\b|\bdeath toll\b",
            "casualty figures",
        ),
        (
            r"\$\s?\d|\bbillion\b|\bmillion\b(?! people)|\bdollars?\b|\bfunding\b|\baid package\b",
            "money",
        ),
        (r"\btweet(?:ed)?\b|\bsocial media\b|\breacted\b|\bthank(?:ed|ing)\b", "reactions"),
        (
            r"\b(?:said|says|told|stated|added|argued|warned|urged|appealed|characteri[sz]ed"
            r"|described|called (?:it|the|on)|accused|insisted|noted|observed)\b",
            "speech",
        ),
        (r"\b(?:forecast|predicted|expected to|were expected|hoped|anticipated)\b", "predictions"),
        (
            r"\bpresident\b.*\b(?:decision|announced|recogni[sz]ed?)\b|\brecogni[sz]e\b"
            r"|\bannounce(?:d|ment)\b",
            "government decisions",
        ),
        (r"\bin force since\b|\bembargo\b.*\bsince\b|\bimposed\b", "policy history"),
        (r"\bpresented with\b|\bcirculated\b|\bnegotiat\w+\b|\bconsultations?\b", "negotiations"),
        (
            r"\bmember(?:s)? of (?:various|the) (?:un |international )?organi[sz]ations\b"
            r"|\bInternational Criminal Court\b|\bjoin(?:ed)? (?:the )?(?:treaty|court)\b",
            "treaty accessions",
        ),
        (r"\bgathering of world leaders\b|\bsummit\b|\bschedule[d]?\b", "meetings"),
        (
            r"\b(?:forces|troops|military operations?|invasion|offensive|air ?strikes?|strikes on"
            r"|bombing|shelling|massing|deployed|ceasefire (?:held|collapsed))\b",
            "military events",
        ),
        (r"\b[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+Act\b|\blegislation\b|\bCongress\b", "legislation"),
        (
            r"\b(?:massacre|referendum|elections?|trip|visit(?:ed)?|took shelter|fled|exile"
            r"|coup|talks|summit|conference)\b",
            "events",
        ),
        (r"\b(?:court|tribunal|organi[sz]ations?|charter|treaty|agreement)\b", "institutions"),
        (
            r"\b(?:humanitarian aid|famine|hostages?|refugees|displaced|starvation)\b",
            "humanitarian situation",
        ),
        (
            r"\b(?:pleaded|asserted|dispatching|dispatched|appointed|named|resigned|met with"
            r"|spoke|speech|address(?:ed)?|remarks?|interview)\b",
            "speech and diplomacy",
        ),
    ]
]
STOP = frozenset(lexicon_data()["function_words"]["words"])  # words that carry no claim
