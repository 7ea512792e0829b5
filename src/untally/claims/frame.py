"""The one representation of a claim: a semantic frame read from one clause.

Every claim about a vote, whatever its wording, says *who* did *what* to *which* text(s),
*when*, and *how many / how often*. A frame holds exactly that, and nothing downstream reads
the sentence again: :mod:`untally.claims.compile` turns a frame into queries,
:mod:`untally.claims.verdict` turns their answers into a verdict. Words of the clause that the
parse did not use are kept (``unused``), because a claim whose words were not all understood
cannot be called fully supported or contradicted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from untally.claims.models import Period, Quantity
from untally.claims.support import Support


class Act(StrEnum):
    """What the clause says happened."""

    veto = "veto"  # a permanent member's negative vote that defeated a draft
    vote_yes = "vote-yes"
    vote_no = "vote-no"
    abstain = "abstain"
    non_voting = "non-voting"
    adopt = "adopt"  # a text was adopted (passed, approved)
    fail = "fail"  # a text failed (not adopted, defeated, too few votes)
    vote = "vote"  # a vote was held / a tally was given, outcome unsaid
    sponsor = "sponsor"  # drafted, proposed, put forward
    amend = "amend"


class Role(StrEnum):
    voter_yes = "yes"
    voter_no = "no"
    abstainer = "abstain"
    non_voting = "non-voting"
    vetoer = "vetoer"
    drafter = "drafter"
    subject = "subject"  # the clause's subject, role given by the act


class Quant(StrEnum):
    exists = "exists"  # an event: "Russia vetoed a draft on Tuesday"
    # the member shadows str.count, which nothing calls on a Quant
    count = "count"  # type: ignore[assignment]  # "82 vetoes", "vetoed four times"
    ordinal = "ordinal"  # "the sixth veto", "for the 22nd time"
    share = "share"  # "44 of them", "a majority of"
    every = "every"  # "in every case", "always"
    none = "none"  # "never", "no veto since"
    only = "only"  # "only five states", "the sole country", "alone"
    first = "first"
    last = "last"
    most = "most"  # "more than any other"


@dataclass(frozen=True)
class Actor:
    code: str  # a member code (ISO3 or historical)
    role: Role
    text: str


@dataclass(frozen=True)
class Target:
    """Which text(s): one named decision, the one the article is about, or a selector."""

    symbol: str | None = None  # S/2023/773, S/RES/2728(2024), A/RES/ES-10/19
    anaphor: bool = False  # "the resolution", "it", "that text": the discourse's current text
    topics: tuple[str, ...] = ()  # topic ids of data/topics.toml (groups expanded later)
    topic_text: str | None = None
    ga_title: str | None = None  # a title pattern for recurring Assembly texts
    kind: str | None = None  # draft | resolution | amendment
    plural: bool = False  # "neither draft", "both texts": every text in context


@dataclass(frozen=True)
class TallyClaim:
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    non_voting: int | None = None
    total: int | None = None  # "12 of the 15 members", "141 of the 193"

    def given(self) -> bool:
        return any(v is not None for v in (self.yes, self.no, self.abstain, self.non_voting))

    def text(self) -> str:
        parts = []
        for name, v in (
            ("yes", self.yes),
            ("no", self.no),
            ("abstain", self.abstain),
            ("non-voting", self.non_voting),
        ):
            if v is not None:
                parts.append(f"{v} {name}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Frame:
    """One checkable statement, as read. ``kind`` names the family for reports."""

    text: str
    span: tuple[int, int]
    sentence: str
    body: str | None  # SC | GA | None (unsaid)
    act: Act | None
    actors: tuple[Actor, ...] = ()
    target: Target = field(default_factory=Target)
    time: Period | None = None
    day: date | None = None  # a single day the event is dated ("on Friday", "on 18 October")
    later: int | None = None  # days after the text in context ("a month later": 30)
    quant: Quant = Quant.exists
    quantity: Quantity | None = None  # the number a count, share or ordinal states
    total: Quantity | None = None  # share: "N of M"
    of_previous: bool = False  # share of the set the previous claim counted ("of them")
    tally: TallyClaim = field(default_factory=TallyClaim)
    negated: bool = False
    lone: bool | None = None  # the act by one member alone ("the lone vote against")
    joint: bool = False  # the act by all the named members together ("jointly with")
    all_others: Role | None = None  # "all other members supported it": everyone else's vote
    excepted: tuple[str, ...] = ()  # "apart from Chile, every other member ..."
    partner: str | None = None  # "Israel voted with the United States 97% of the time"
    whole: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # a fraction's (members, topics)
    conventions: tuple[str, ...] = ()  # conventions the wording fixes
    outside: str | None = None  # why the clause is about something the record does not hold
    unused: tuple[str, ...] = ()  # content words the parse did not use
    notes: tuple[str, ...] = ()
    support: Support | None = None  # a US aid, arms or roll-call figure (claims.support)

    def who(self, *roles: Role) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.code for a in self.actors if a.role in roles))

    @property
    def kind(self) -> str:
        """A short family name shown in reports (and used to group the scores)."""
        if self.outside:
            return "outside-record"
        if self.support is not None:
            return {"aid": "aid-amount", "arms": "arms-share"}.get(self.support.what, "roll-call")
        if self.body == "GA":
            return "ga-vote"
        if self.act is Act.veto:
            if self.quant in (Quant.count, Quant.ordinal):
                return "veto-count"
            if self.quant is Quant.share:
                return "veto-share"
            if self.quant in (Quant.first, Quant.last):
                return "veto-first-last"
            if self.quant in (Quant.every, Quant.none, Quant.most):
                return "veto-universal"
            return "veto-event"
        if self.quant in (Quant.count, Quant.ordinal) and self.target.symbol is None:
            return "decision-count"
        return "decision-vote"
