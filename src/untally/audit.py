"""``untally audit``: the store's invariants, checked over the whole record.

Each check is a query on the store (or, for the rules, the Charter engine over every decision)
and each violation names the row it comes from (decision or vote id, source files, link), so
it can be looked up in the upstream file. Sync-time validation stops a sync on *widespread*
problems and tolerates isolated upstream quirks; the audit lists every one of them.

Checks
    ``tally``: a decision's published yes/no/abstain (and non-voting, members) equal its
    member votes; the same for every Assembly vote.
    ``veto_vote``: every veto's member voted no on that draft, where member votes exist.
    ``membership``: no member vote before the state's admission or outside the dates its
    code was valid (the USSR after 1991-12-24, a state before it was admitted).
    ``rules``: the Charter rules engine reproduces every recorded outcome it can check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from untally.store.db import Store
from untally.store.validate import TALLY_MISMATCHES

CHECKS = ("tally", "veto_vote", "membership", "rules")

GA_TALLY_MISMATCHES = """
    SELECT r.vote_id, r.resolution, r.yes, r.no, r.abstain,
           count(*) FILTER (v.vote = 'Y'), count(*) FILTER (v.vote = 'N'),
           count(*) FILTER (v.vote = 'A'), r.source, r.url
    FROM ga_resolutions r JOIN ga_votes v USING (vote_id)
    GROUP BY ALL
    HAVING count(*) FILTER (v.vote = 'Y') <> r.yes OR count(*) FILTER (v.vote = 'N') <> r.no
        OR count(*) FILTER (v.vote = 'A') <> r.abstain
    ORDER BY r.vote_id
"""

VETO_WITHOUT_NO = """
    SELECT v.decision_id, u.code, coalesce(x.vote, 'none'), d.sources, d.url
    FROM vetoes v JOIN decisions d USING (decision_id), unnest(v.vetoed_by) AS u(code)
    LEFT JOIN votes x ON x.decision_id = v.decision_id AND x.member = u.code
    WHERE EXISTS (SELECT 1 FROM votes w WHERE w.decision_id = v.decision_id)
      AND coalesce(x.vote, '-') <> 'N'
    ORDER BY v.date, v.decision_id
"""

OUTSIDE_MEMBERSHIP = """
    SELECT 'Council', d.decision_id, v.member, d.date, m.admitted, m.valid_from, m.valid_until,
           array_to_string(d.sources, ', '), d.url
    FROM votes v JOIN decisions d USING (decision_id) JOIN members m ON m.code = v.member
    WHERE d.date < m.admitted OR d.date < m.valid_from OR d.date > m.valid_until
    UNION ALL
    SELECT 'Assembly', r.resolution || ' (vote ' || r.vote_id || ')', v.member, r.date,
           m.admitted, m.valid_from, m.valid_until, r.source, r.url
    FROM ga_votes v JOIN ga_resolutions r USING (vote_id) JOIN members m ON m.code = v.member
    WHERE r.date < m.admitted OR r.date < m.valid_from OR r.date > m.valid_until
    ORDER BY 4, 2, 3
"""


@dataclass(frozen=True)
class Violation:
    check: str
    subject: str  # the decision, vote or veto that breaks the invariant
    detail: str  # what is wrong, with the numbers
    source: str  # the row it comes from: source files, record id, link


@dataclass
class Audit:
    path: Path
    checked: dict[str, int] = field(default_factory=dict)  # check -> rows examined
    violations: list[Violation] = field(default_factory=list)

    def of(self, check: str) -> list[Violation]:
        return [v for v in self.violations if v.check == check]


def audit(db: str | Path | None = None, checks: tuple[str, ...] = CHECKS) -> Audit:
    """Run the invariant ``checks`` on the database at ``db``; every violation is listed."""
    with Store(db) as store:
        result = Audit(store.path)
        ga = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_votes'"
        has_ga = bool(store.scalar(ga))
        if "tally" in checks:
            _tally(store, result, has_ga)
        if "veto_vote" in checks:
            result.checked["veto_vote"] = store.scalar("SELECT count(*) FROM vetoes")
            for decision, code, vote, sources, url in store.rows(VETO_WITHOUT_NO):
                result.violations.append(
                    Violation(
                        "veto_vote", decision, f"vetoed by {code}, whose recorded vote is {vote}",
                        f"sources {', '.join(sources)}; {url or 'no link'}",
                    )
                )  # fmt: skip
        if "membership" in checks:
            _membership(store, result, has_ga)
        if "rules" in checks:
            _rules(store, result)
    return result


def _tally(store: Store, result: Audit, has_ga: bool) -> None:
    result.checked["tally"] = store.scalar("SELECT count(DISTINCT decision_id) FROM votes")
    rows = store.rows(
        "SELECT m.*, array_to_string(d.sources, ', '), d.undl_id, d.url "
        f"FROM ({TALLY_MISMATCHES}) m JOIN decisions d USING (decision_id) "
        "ORDER BY d.date, d.decision_id"
    )
    for r in rows:
        result.violations.append(
            Violation(
                "tally", r[0],
                f"published {r[1]}-{r[2]}-{r[3]} (non-voting {r[4]}, members {r[5]}); member votes "
                f"give {r[6]}-{r[7]}-{r[8]} (non-voting {r[9]}, {r[10]} rows)",
                f"sources {r[11]}; undl_id {r[12]}; {r[13] or 'no link'}",
            )
        )  # fmt: skip
    if has_ga:
        result.checked["tally"] += store.scalar("SELECT count(*) FROM ga_resolutions")
        for vid, symbol, y, n, a, cy, cn, ca, source, url in store.rows(GA_TALLY_MISMATCHES):
            result.violations.append(
                Violation(
                    "tally", f"{symbol} (vote {vid})",
                    f"published {y}-{n}-{a}; member votes give {cy}-{cn}-{ca}",
                    f"source {source}; {url or 'no link'}",
                )
            )  # fmt: skip


def _membership(store: Store, result: Audit, has_ga: bool) -> None:
    result.checked["membership"] = store.scalar("SELECT count(*) FROM votes")
    query = OUTSIDE_MEMBERSHIP
    if has_ga:
        result.checked["membership"] += store.scalar("SELECT count(*) FROM ga_votes")
    else:
        query = query.split("UNION ALL")[0] + " ORDER BY 4, 2, 3"
    for body, subject, member, on, admitted, valid_from, valid_until, source, url in store.rows(
        query
    ):
        if valid_until is not None and on > valid_until:
            why = f"after its code ceased ({valid_until})"
        elif admitted is not None and on < admitted:
            why = f"before its admission ({admitted})"
        else:
            why = f"before its code took effect ({valid_from})"
        result.violations.append(
            Violation(
                "membership", subject, f"{body} vote by {member} on {on}, {why}",
                f"source {source}; {url or 'no link'}",
            )
        )  # fmt: skip


def _rules(store: Store, result: Audit) -> None:
    from untally.reproduce import reproduce_all

    results = reproduce_all(store.con)
    result.checked["rules"] = len(results)
    for r in results:
        if r.status != "mismatch":
            continue
        result.violations.append(
            Violation(
                "rules", r.decision_id,
                f"the record says {r.recorded}; the rules give {r.rules} "
                f"({r.category or 'unexplained'}: {r.reason})",
                f"date {r.date or r.year}; tally {r.tally}",
            )
        )  # fmt: skip
