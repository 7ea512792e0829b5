"""The Security Council's decision rules (Charter Art. 27), their history, and counterfactuals.

Rules
    * Art. 27(2): procedural decisions need the affirmative votes of 9 members; no veto.
    * Art. 27(3): all other (substantive) decisions need 9 affirmative votes "including the
      concurring votes of the permanent members", so one permanent member's "no" blocks them.

History
    The Charter as signed gave the Council 11 seats and a threshold of 7. The 1963 amendment
    (GA res. 1991 A (XVIII)) raised them to 15 and 9; it entered into force on 31 August 1965
    and the first 15-member Council met in January 1966, so the switch here is 1 January 1966.

Conventions followed (each one changes published counts, so each is stated)
    * A permanent member's abstention or absence is not a veto: Council practice since 1946
      (and the USSR's 1950 absence), confirmed by the ICJ's Namibia advisory opinion (1971).
    * A "no" is a veto only if the draft had the required affirmative votes: a draft that fails
      for lack of votes is not counted as vetoed even if a permanent member voted against
      (S/2014/916: 8-2-5, the United States against).
    * A draft vetoed by two members is one vetoed draft; ``Outcome.vetoed_by`` names both.
    * The Art. 27(3) duty of a party to a dispute to abstain is not modelled: it changes no
      outcome in the record.

Rules are values (:class:`Rule`), so counterfactuals ("no veto", "two vetoes to block") go
through the same :func:`decide` as the Charter. Everything here is pure: no data, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from untally.errors import InvalidVote, UntallyError

__all__ = [
    "CHARTER",
    "ERAS",
    "NO_VETO",
    "RULES",
    "TWO_VETO",
    "CouncilVote",
    "Era",
    "Outcome",
    "OutcomeKind",
    "Rule",
    "decide",
    "era",
    "is_veto",
]

OutcomeKind = Literal["adopted", "vetoed", "insufficient_votes"]

#: Permanent seats fixed by Art. 23; more permanent codes than this in one vote is a data error.
PERMANENT_SEATS = 5
_VOTE_CODES = frozenset("YNAX")


# --- Eras -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Era:
    """A period with one Council size and one voting threshold."""

    seats: int
    threshold: int
    label: str
    since: dt.date


ERAS: tuple[Era, ...] = (
    Era(11, 7, "11 members, 7 votes (Charter as signed)", dt.date(1946, 1, 17)),
    Era(15, 9, "15 members, 9 votes (1963 amendment, in force 31 Aug 1965)", dt.date(1966, 1, 1)),
)


def _as_date(on: object) -> dt.date:
    """A plain date (datetimes are cut to their day: they do not compare with dates)."""
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    raise InvalidVote(f"vote date {on!r} is not a date", "pass a datetime.date")


def era(on: dt.date) -> Era:
    """The Council's size and threshold on a date (the 15-seat Council sat from 1966)."""
    day = _as_date(on)
    if day < ERAS[0].since:
        raise InvalidVote(
            f"no Security Council vote can date from {day.isoformat()}",
            "the Council first met on 17 January 1946; check the date",
        )
    return next(e for e in reversed(ERAS) if day >= e.since)


# --- Rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A decision rule, so the Charter and its counterfactuals are values to compare.

    ``vetoes_to_block``: permanent "no" votes needed to block a substantive draft (1 under the
    Charter; ``None``: no veto). ``threshold``: affirmative votes required (``None``: the
    era's). ``veto_applies=False`` switches the veto off whatever ``vetoes_to_block`` says.
    """

    name: str
    description: str
    vetoes_to_block: int | None = 1
    threshold: int | None = None
    veto_applies: bool = True

    def __post_init__(self) -> None:
        if self.vetoes_to_block is not None and self.vetoes_to_block < 1:
            raise UntallyError(
                f"rule {self.name!r}: vetoes_to_block={self.vetoes_to_block} is below 1",
                "use 1 or more, or None for no veto",
            )
        if self.threshold is not None and self.threshold < 1:
            raise UntallyError(
                f"rule {self.name!r}: threshold={self.threshold} is below 1",
                "use 1 or more, or None for the era's threshold",
            )

    @property
    def has_veto(self) -> bool:
        """Whether permanent members can block a substantive draft under this rule."""
        return self.veto_applies and self.vetoes_to_block is not None


CHARTER = Rule(
    "charter",
    "Art. 27: 9 affirmative votes (7 before 1966); one permanent member's no blocks "
    "a substantive draft",
)
NO_VETO = Rule(
    "no-veto",
    "counterfactual: the required affirmative votes suffice; permanent members have no veto",
    vetoes_to_block=None,
    veto_applies=False,
)
TWO_VETO = Rule(
    "two-veto",
    "counterfactual: a substantive draft is blocked only if two permanent members vote against",
    vetoes_to_block=2,
)
RULES: dict[str, Rule] = {rule.name: rule for rule in (CHARTER, NO_VETO, TWO_VETO)}


# --- Votes ----------------------------------------------------------------------------------


def _codes(field: str, value: object) -> tuple[str, ...]:
    """Codes as a sorted tuple, so equal votes compare equal; a bare string is a mistake."""
    if isinstance(value, str):
        raise InvalidVote(
            f"{field}={value!r} is a string, not a sequence of codes",
            f"pass a tuple, e.g. {field}=({value!r},)",
        )
    if not isinstance(value, Iterable):
        raise InvalidVote(f"{field}={value!r} is not a sequence of codes", "pass a tuple")
    codes = tuple(value)
    for code in codes:
        if not isinstance(code, str) or not code.strip():
            raise InvalidVote(f"{field} holds {code!r}, not a member code", "use codes like 'USA'")
    return tuple(sorted(codes))


@dataclass(frozen=True)
class CouncilVote:
    """The tally of one Council vote, with the permanent members' negative votes named.

    ``non_voting`` counts members absent or not participating. ``permanent_abstain`` and
    ``permanent_absent`` are optional: they only add notes, since neither is a veto.
    ``seats=None`` takes the era's size. Impossible tallies raise :class:`InvalidVote`.
    """

    date: dt.date
    yes: int
    no: int
    abstain: int
    non_voting: int = 0
    permanent_no: tuple[str, ...] = ()
    procedural: bool = False
    seats: int | None = None
    permanent_abstain: tuple[str, ...] = ()
    permanent_absent: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        day = _as_date(self.date)
        object.__setattr__(self, "date", day)
        for name in ("yes", "no", "abstain", "non_voting"):
            count = getattr(self, name)
            if not isinstance(count, int) or isinstance(count, bool):
                raise InvalidVote(f"{name}={count!r} is not a whole number", "count votes as ints")
            if count < 0:
                raise InvalidVote(f"{name}={count} is negative", "counts of votes are 0 or more")
        if self.seats is not None and (
            not isinstance(self.seats, int) or isinstance(self.seats, bool) or self.seats < 1
        ):
            raise InvalidVote(f"seats={self.seats!r} is not a positive whole number", "pass None")
        era(day)  # rejects dates before the Council existed
        cast = self.yes + self.no + self.abstain + self.non_voting
        if cast > self.council_seats:
            raise InvalidVote(
                f"{cast} votes recorded (yes+no+abstain+non_voting) but the Council had "
                f"{self.council_seats} seats on {day.isoformat()}",
                "check the counts, or pass seats= for a Council of another size",
            )
        groups = {
            "permanent_no": ("no", self.no),
            "permanent_abstain": ("abstain", self.abstain),
            "permanent_absent": ("non_voting", self.non_voting),
        }
        seen: dict[str, str] = {}
        for field, (count_name, count) in groups.items():
            codes = _codes(field, getattr(self, field))
            object.__setattr__(self, field, codes)
            for code in codes:
                if code in seen:
                    where = field if seen[code] == field else f"{seen[code]} and {field}"
                    raise InvalidVote(f"{code} appears twice in {where}", "list each code once")
                seen[code] = field
            if len(codes) > count:
                raise InvalidVote(
                    f"{len(codes)} permanent members in {field} but {count_name}={count}",
                    f"{field} names members counted in {count_name}; fix one or the other",
                )
        if len(seen) > PERMANENT_SEATS:
            raise InvalidVote(
                f"{len(seen)} permanent members named, but the Charter has {PERMANENT_SEATS}",
                "name only the permanent members' codes",
            )

    @property
    def council_seats(self) -> int:
        """Seats on the Council for this vote: as given, or the era's."""
        return self.seats if self.seats is not None else era(self.date).seats

    @classmethod
    def from_member_votes(
        cls,
        date: dt.date,
        votes: Mapping[str, str],
        permanent: Iterable[str],
        procedural: bool = False,
        seats: int | None = None,
    ) -> CouncilVote:
        """Tally per-member votes ("Y", "N", "A", "X"); members missing count as non-voting.

        ``permanent`` are the permanent members' codes on that date (taken as given, so this
        module needs no membership data). Codes are compared case-insensitively.
        """
        tally: dict[str, str] = {}
        for code, cast in votes.items():
            key, value = str(code).strip().upper(), str(cast).strip().upper()
            if value not in _VOTE_CODES:
                raise InvalidVote(
                    f"vote {cast!r} of {code} is not Y, N, A or X",
                    "code votes as Y (yes), N (no), A (abstain) or X (non-voting)",
                )
            if key in tally:
                raise InvalidVote(f"{key} has two votes", "give each member one vote")
            tally[key] = value
        if isinstance(permanent, str):
            raise InvalidVote(
                f"permanent={permanent!r} is a string, not a sequence of codes",
                "pass the permanent members' codes as a tuple",
            )
        p5 = {str(code).strip().upper() for code in permanent}
        if len(p5) > PERMANENT_SEATS:
            raise InvalidVote(
                f"{len(p5)} permanent members given, but the Charter has {PERMANENT_SEATS}",
                "pass the five permanent members' codes on that date",
            )
        size = seats if seats is not None else era(date).seats
        if len(tally) > size:
            raise InvalidVote(
                f"{len(tally)} members voted but the Council had {size} seats on {date}",
                "check the vote list, or pass seats= for a Council of another size",
            )
        counts = Counter(tally.values())
        return cls(
            date=date,
            yes=counts["Y"],
            no=counts["N"],
            abstain=counts["A"],
            non_voting=size - counts["Y"] - counts["N"] - counts["A"],
            permanent_no=tuple(c for c in p5 if tally.get(c) == "N"),
            procedural=procedural,
            seats=seats,
            permanent_abstain=tuple(c for c in p5 if tally.get(c) == "A"),
            permanent_absent=tuple(c for c in p5 if tally.get(c, "X") == "X"),
        )


# --- Outcomes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a rule makes of a vote, with one sentence saying why and notes on conventions."""

    adopted: bool
    kind: OutcomeKind
    vetoed_by: tuple[str, ...]
    required: int
    seats: int
    rule: str
    reason: str
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.reason


def _join(codes: Iterable[str]) -> str:
    """'USA', 'CHN and RUS', 'CHN, RUS and USA'."""
    items = list(codes)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def decide(vote: CouncilVote, rule: Rule = CHARTER) -> Outcome:
    """Adopted, vetoed, or short of votes, under ``rule`` (the Charter by default).

    Votes are counted first: a draft short of the required affirmative votes fails, and is
    not called a veto even if a permanent member voted no (the conventional count).
    """
    current = era(vote.date)
    required = rule.threshold if rule.threshold is not None else current.threshold
    against = vote.permanent_no
    veto_possible = rule.has_veto and not vote.procedural
    notes: list[str] = []
    if rule != CHARTER:
        notes.append(f"rule {rule.name}: {rule.description}")
    if vote.procedural:
        notes.append("procedural vote: no veto applies (Art. 27(2))")
    if veto_possible and vote.permanent_abstain:
        notes.append(
            f"{_join(vote.permanent_abstain)} abstained: a permanent member's abstention is not "
            "a veto (Art. 27(3) practice, confirmed by the ICJ Namibia advisory opinion, 1971)"
        )
    if veto_possible and vote.permanent_absent:
        notes.append(
            f"{_join(vote.permanent_absent)} absent: a permanent member's absence is not a veto "
            "(Council practice since the USSR's absence in 1950)"
        )

    vetoed_by: tuple[str, ...] = ()
    if vote.yes < required:
        kind: OutcomeKind = "insufficient_votes"
        reason = f"not adopted: {vote.yes} in favour, {required} required"
        if against:
            reason += (
                f"; {_join(against)} also voted against, but a draft without enough votes "
                "is conventionally not counted as a veto"
            )
            notes.append(
                f"permanent member voting against: {_join(against)} "
                "(not a veto: the draft lacked the required affirmative votes)"
            )
    elif veto_possible and rule.vetoes_to_block and len(against) >= rule.vetoes_to_block:
        kind, vetoed_by = "vetoed", against
        who = "a permanent member" if len(against) == 1 else "permanent members"
        reason = (
            f"vetoed by {_join(against)}: {vote.yes} in favour ({required} required) "
            f"but {who} voted against"
        )
    else:
        kind = "adopted"
        reason = f"adopted: {vote.yes} in favour, {required} required"
        if not against:
            reason += ", no permanent member voted against"
        elif vote.procedural:
            reason += f"; {_join(against)} voted against, but no veto applies to a procedural vote"
        elif not rule.has_veto:
            reason += f"; {_join(against)} voted against, but the {rule.name} rule has no veto"
        else:
            reason += (
                f"; {_join(against)} voted against, but the {rule.name} rule needs "
                f"{rule.vetoes_to_block} permanent members against to block"
            )
    return Outcome(
        adopted=kind == "adopted",
        kind=kind,
        vetoed_by=vetoed_by,
        required=required,
        seats=vote.council_seats,
        rule=rule.name,
        reason=reason,
        notes=tuple(notes),
    )


def is_veto(vote: CouncilVote, rule: Rule = CHARTER) -> bool:
    """The conventional test: enough affirmative votes, yet a permanent no on substance."""
    return decide(vote, rule).kind == "vetoed"
