"""Security Council questions beyond vetoes: topics, counterfactual rules, the Charter's rules on
a hypothetical vote, the rules against every recorded vote, and read-only SQL."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from untally.answers import Answer
from untally.errors import InvalidVote, UntallyError

if TYPE_CHECKING:
    from untally.store.db import Store

COUNTERFACTUAL_NAMES = ("no-veto", "two-veto", "restraint", "seven-votes", "nine-votes")
RULE_NAMES = ("charter", "no-veto", "two-veto")


class Topic(Answer):
    """One topic of the taxonomy (``src/untally/data/topics.toml``)."""

    topic: str
    label: str
    groups: list[str]
    atrocity: bool
    rules: int
    description: str


class DecisionTopic(Answer):
    """A decision's topic and the rule or cited override that assigned it."""

    decision_id: str
    date: str | None
    topic: str | None
    groups: list[str]
    reason: str | None


class CounterfactualChange(Answer):
    decision_id: str
    date: date | None
    kind: str | None = None
    tally: str | None  # yes-no-abstain; None when unknown (a listed veto assumed to pass)
    permanent_no: list[str] | None
    recorded: str
    charter: str
    counterfactual: str
    assumed: bool
    atrocity: bool | None = None
    title: str | None


class Counterfactual(Answer):
    """Every recorded vote whose outcome would change under another decision rule."""

    counterfactual: str
    description: str
    since: date | None
    until: date | None
    assumed: int  # vetoes without a tally taken to have had the required votes
    changes: list[CounterfactualChange]


class Outcome(Answer):
    """The Charter's (or another rule's) verdict on a vote, with the reason in words."""

    adopted: bool
    kind: str
    vetoed_by: list[str]
    required: int
    seats: int
    rule: str
    reason: str
    notes: list[str]


class RuleCheck(Answer):
    decision_id: str
    date: date | None
    year: int
    tally: str
    recorded: str
    rules: str | None
    status: str  # reproduced | mismatch | not checkable
    category: str | None
    reason: str


class RulesReport(Answer):
    """The rules applied to every recorded decision: a summary and the decisions shown."""

    summary: dict[str, int | float]
    decisions: list[RuleCheck]


def taxonomy() -> list[Topic]:
    """The topic taxonomy (no database needed)."""
    from untally.analytics import topics as tx

    return [
        Topic(topic=t.id, label=t.label, groups=list(t.groups), atrocity=t.atrocity,
              rules=len(t.rules), description=t.description)
        for t in tx.taxonomy().topics.values()
    ]  # fmt: skip


def outcome(
    yes: int,
    no: int = 0,
    abstain: int = 0,
    *,
    no_from: list[str] | None = None,
    on: date | None = None,
    procedural: bool = False,
    rule: str = "charter",
) -> Outcome:
    """The rules on a hypothetical vote (no database needed).

    Example: ``outcome(14, 1, no_from=["USA"], on=date(2020, 8, 31))``
    """
    from untally import charter
    from untally.members import permanent_members, resolve

    for name, count in (("yes", yes), ("no", no), ("abstain", abstain)):
        if count < 0:  # before the counts are combined below, where a negative would hide
            raise InvalidVote(f"{name}={count} is negative", "counts of votes are 0 or more")
    when = on or date.today()
    permanent = permanent_members(when)
    codes = []
    for name in no_from or []:
        code = resolve(name, on=when).code
        if code not in permanent:
            raise InvalidVote(
                f"{code} did not hold a permanent seat on {when}",
                f"permanent members then: {', '.join(permanent)}",
            )
        codes.append(code)
    if rule not in charter.RULES:
        raise UntallyError(f"unknown rule {rule!r}", f"choose one of {', '.join(charter.RULES)}")
    seats = charter.era(when).seats
    vote = charter.CouncilVote(
        date=when,
        yes=yes,
        no=max(no, len(codes)),
        abstain=abstain,
        non_voting=max(0, seats - yes - max(no, len(codes)) - abstain),
        permanent_no=tuple(sorted(codes)),
        procedural=procedural,
    )
    r = charter.decide(vote, charter.RULES[rule])
    return Outcome(
        adopted=r.adopted, kind=r.kind, vetoed_by=list(r.vetoed_by), required=r.required,
        seats=r.seats, rule=r.rule, reason=r.reason, notes=list(r.notes),
    )  # fmt: skip


def sync(
    path: Any = None,
    mirror: str | None = None,
    *,
    quiet: bool = False,
    dry_run: bool = False,
    accept_removals: bool = False,
) -> Any:
    """Download (or read from ``mirror``) every source and swap in a new database, unless it
    would lose rows (``accept_removals``) or ``dry_run`` only compares.

    Returns the ``SyncReport`` (files with checksums, table sizes, seconds, the diff).
    """
    from untally.store import build

    return build(path, mirror=mirror, quiet=quiet, dry_run=dry_run, accept_removals=accept_removals)


def doctor(path: Any = None, *, fix: bool = True) -> Any:
    """Check the database and the files beside it; with ``fix``, remove what killed syncs
    left (never the database). Returns a ``Checkup`` (findings, last sync attempts)."""
    from untally.store.doctor import checkup

    return checkup(path, fix=fix)


class CouncilAnswers:
    """Council questions (a mixin of :class:`untally.record.Record`)."""

    store: Store

    def ensure_topics(self) -> None:  # defined on Record
        raise NotImplementedError

    def find(self, symbol: str) -> list[str]:  # defined on Record
        raise NotImplementedError

    def topics_of(self, symbol: str) -> list[DecisionTopic]:
        """The topics of a resolution or draft and why each was assigned."""
        from untally.analytics import topics as tx

        tax = tx.taxonomy()
        self.ensure_topics()
        ids = self.find(symbol)
        rows = self.store.dicts(
            """
            SELECT d.decision_id, coalesce(d.date::VARCHAR, d.year::VARCHAR) AS date, t.topic,
                   t.reason
            FROM decisions d LEFT JOIN decision_topics t USING (decision_id)
            WHERE d.decision_id IN (SELECT unnest($ids)) ORDER BY d.decision_id, t.topic
            """,
            {"ids": ids},
        )
        out = []
        for row in rows:
            topic = tax.topics.get(row["topic"] or "")
            out.append(DecisionTopic(**row, groups=list(topic.groups) if topic else []))
        return out

    def counterfactual(
        self, name: str, since: date | None = None, until: date | None = None
    ) -> Counterfactual:
        """Every recorded vote whose outcome would change under counterfactual ``name``."""
        from untally.analytics import counterfactual as cf
        from untally.analytics import topics as tx

        self.ensure_topics()
        end = self.store.scalar("SELECT max(date) FROM decisions")
        if since and end and since > end:  # "0 outcomes would change" would be from nothing
            from untally.errors import BeyondRecord

            raise BeyondRecord(
                f"the loaded Council record ends {end}; nothing loaded covers {since} or later",
                f"ask about a period that starts by {end}, or sync a newer record (untally sync)",
            )
        table = cf.run(
            self.store.con,
            name,
            since,
            until,
            atrocity_topics=frozenset(tx.atrocity_topics()),
        )
        rows = table.to_pylist()
        return Counterfactual(
            counterfactual=name,
            description=cf.COUNTERFACTUALS[name].description,
            since=since,
            until=until,
            assumed=sum(1 for r in rows if r["assumed"]),
            changes=[CounterfactualChange(**r) for r in rows],
        )

    def rules(self, *, all_decisions: bool = False) -> RulesReport:
        """The Charter's rules against every recorded decision; by default only the
        exceptions (mismatches, uncheckable and categorised decisions) are listed."""
        from untally.reproduce import reproduce_all, summary

        results = reproduce_all(self.store.con)
        shown = [r for r in results if all_decisions or r.status != "reproduced" or r.category]
        return RulesReport(
            summary=summary(results), decisions=[RuleCheck(**r.__dict__) for r in shown]
        )

    def sql(self, query: str) -> list[dict[str, Any]]:
        """One read-only query on the record (``untally sql``), on a sandboxed connection: no
        files, network, extensions or settings (:mod:`untally.store.sandbox`); a refusal or
        an error is one line naming the problem."""
        from untally.store.sandbox import run

        return run(self.store.path, query)
