"""One compiler: a frame becomes parameterized SQL over one view of the record.

The view (:data:`VIEW`) has one row per decision of either organ: body, date, symbol, kind,
outcome, tally, title, topics, vetoers and each member's vote grouped by vote (``yes_by``,
``no_by``, ``abstain_by``, ``non_voting_by``; empty lists where the sources give no member
votes). Every claim is answered from it, so filtering, end-of-record handling and member
lists are written once.

A frame with an ambiguous reading ("vetoes by Russia": the Russian Federation alone, or the
seat with the USSR; "on Israel": the Israel-related group, or Palestine only; drafts or
members' negative votes) compiles to one :class:`Query` per reading; the verdict policy
reports each and which held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from untally.claims.frame import Act, Frame, Role
from untally.members import lineage

VIEW = """
WITH sc AS (
    SELECT d.decision_id, 'SC' AS body, d.kind,
           coalesce(d.resolution, d.draft, d.decision_id) AS symbol,
           d.draft, d.resolution, d.date, d.outcome, d.yes, d.no, d.abstain, d.non_voting,
           d.total_ms,
           coalesce(d.title, d.agenda) AS title, d.url, d.meeting,
           coalesce(v.vetoed_by, []::VARCHAR[]) AS vetoed_by,
           coalesce((SELECT list(topic) FROM decision_topics t
                     WHERE t.decision_id = d.decision_id), []::VARCHAR[]) AS topics,
           d.sources, {verification} AS verification
    FROM decisions d LEFT JOIN vetoes v USING (decision_id)
), ga AS (
    SELECT vote_id::VARCHAR AS decision_id, 'GA' AS body, 'resolution' AS kind,
           resolution AS symbol, draft, resolution, date,
           CASE WHEN yes > no THEN 'adopted' ELSE 'not_adopted' END AS outcome,
           yes, no, abstain, non_voting, total_ms, title, url, meeting, []::VARCHAR[] AS vetoed_by,
           []::VARCHAR[] AS topics, {ga_sources} AS sources, NULL::VARCHAR AS verification
    FROM ga_resolutions
), record AS (
    SELECT * FROM sc {ga}
)
"""
COLUMNS = (
    "decision_id, body, kind, symbol, date, outcome, yes, no, abstain, non_voting, total_ms, "
    "title, url, "
    "meeting, vetoed_by, topics, sources, verification"
)


PRC_SEAT = date(1971, 10, 25)  # GA resolution 2758: the People's Republic takes China's seat
RECORD = "claims_record"  # the view, materialized once per connection (a temporary table)


def materialize(con) -> bool:
    """Build the record view once per connection; returns whether the Assembly is loaded.

    Every claim runs several queries; reading them from one small temporary table (a few
    thousand rows) instead of re-joining the store each time makes a check about ten times
    faster. The store is opened read-only: a temporary table lives in memory only.
    """

    def has(table: str, column: str | None = None) -> bool:
        sql = "SELECT count(*) FROM information_schema.columns WHERE table_name = $t"
        params = {"t": table}
        if column:
            sql += " AND column_name = $c"
            params["c"] = column
        return bool(con.execute(sql, params).fetchone()[0])

    with_ga = has("ga_resolutions") and has("ga_votes")
    sql = VIEW.format(
        ga="UNION ALL BY NAME SELECT * FROM ga" if with_ga else "",
        ga_sources="[source]" if with_ga and has("ga_resolutions", "source") else "[]::VARCHAR[]",
        verification="d.verification" if has("decisions", "verification") else "NULL::VARCHAR",
    )
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {RECORD} AS {sql} SELECT * FROM record")
    return with_ga


@dataclass(frozen=True)
class Query:
    """One reading of a frame as SQL: what a reader sees is ``label`` and ``sql``."""

    label: str
    sql: str
    params: dict
    full: bool = True  # False: a reading under a convention the wording does not suggest
    convention: str = "drafts"
    codes: tuple[str, ...] = ()  # the vetoers counted (member-votes)


@dataclass
class Plan:
    """Every reading of one frame, and the constraints that were not compiled."""

    queries: list[Query] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)


def in_period(where: list[str], params: dict, since: date | None, until: date | None) -> None:
    if since:
        where.append("date >= $since")
        params["since"] = since
    if until:
        where.append("date <= $until")
        params["until"] = until


def veto_set(
    frame: Frame,
    topics: tuple[tuple[str, ...], ...],
    until: date | None,
    since: date | None,
    with_ga: bool,
    *,
    amendments: bool = False,
    context_topics: tuple[str, ...] = (),
    amendment_dates: tuple[date, ...] | None = None,
) -> Plan:
    """The vetoed texts a count, share, ordinal, universal or first/last claim is about.

    ``context_topics``: a topic reading taken from the article, not the claim's words; a
    value that holds only under it is partly supported.

    Readings: each vetoer alone and with its seat's holders (USSR + Russia); each topic
    reading; drafts, and drafts with vetoed amendments (not the default convention).
    """
    plan = Plan()
    vetoers = frame.who(Role.vetoer, Role.subject)
    vetoers = tuple(c for c in vetoers if c in ("CHN", "FRA", "GBR", "RUS", "SUN", "USA"))
    # Readings that cannot differ in the period are not run: the USSR's seat before 1992,
    # the Republic of China's before 25 October 1971, vetoed amendments where there are any.
    early = since is None or since < date(1992, 1, 1)
    if amendment_dates is not None and not any(
        (since is None or d >= since) and (until is None or d <= until) for d in amendment_dates
    ):
        amendments = False
    seat_options: list[tuple[tuple[str, ...], str]] = [(vetoers, "")]
    if any(c in ("RUS", "SUN") for c in vetoers):
        joined = tuple(dict.fromkeys(x for c in vetoers for x in lineage(c)))
        if joined != vetoers and early:
            seat_options.append((joined, " (the seat: USSR and Russia joined)"))
    if vetoers == ("CHN",) and (
        since is None or since < PRC_SEAT
    ):  # the China seat: the Republic of China until 25 October 1971
        seat_options.append((vetoers, " (the People's Republic only, from 1971-10-25)"))
    for codes, seat_label in seat_options:
        for topic_set in topics:
            for with_amendments in (False, True) if amendments else (False,):
                where = ["outcome = 'vetoed'"]
                params: dict = {}
                if not with_amendments:
                    where.append("kind <> 'amendment'")
                if frame.lone:  # "vetoed alone five times": the only negative vote
                    where.append("no = 1 AND len(vetoed_by) = 1")
                if codes:
                    joint = frame.joint and len(codes) > 1 and "joined" not in seat_label
                    where.append(f"list_has_{'all' if joint else 'any'}(vetoed_by, $codes)")
                    params["codes"] = list(codes)
                if topic_set:
                    where.append("list_has_any(topics, $topics)")
                    params["topics"] = list(topic_set)
                prc = "People's Republic" in seat_label
                in_period(where, params, max(since or PRC_SEAT, PRC_SEAT) if prc else since, until)
                label = ", ".join(codes) if codes else "all permanent members"
                label += seat_label
                if topic_set:
                    label += f", topics {', '.join(sorted(topic_set))}"
                if with_amendments:
                    label += ", amendments counted"
                sql = (
                    f"SELECT {COLUMNS} FROM {RECORD} WHERE "
                    + " AND ".join(where)
                    + " ORDER BY date, symbol"
                )
                plan.queries.append(
                    Query(
                        label,
                        sql,
                        params,
                        full=not with_amendments
                        and not (topic_set and topic_set == context_topics),
                        convention="drafts-and-amendments" if with_amendments else "drafts",
                        codes=codes,
                    )
                )
    return plan


def decisions(
    frame: Frame,
    *,
    symbol_ids: list[str] | None,
    since: date | None,
    until: date | None,
    body: str | None,
    with_ga: bool,
    ga_title: str | None = None,
    newest_first: bool = False,
) -> Query:
    """Candidate decisions for an event or a vote claim: by symbol, else by date and act."""
    where: list[str] = []
    params: dict = {}
    if symbol_ids is not None:
        where.append("list_contains($ids, decision_id)")
        params["ids"] = symbol_ids
    else:
        in_period(where, params, since, until)
        if body:
            where.append("body = $body")
            params["body"] = body
        if frame.act is Act.veto and not frame.negated:
            where.append("outcome = 'vetoed'")
            codes = [c for c in frame.who(Role.vetoer) if c in ("CHN", "FRA", "GBR", "RUS", "USA")]
            if codes:
                where.append("list_has_any(vetoed_by, $codes)")
                params["codes"] = codes
        elif frame.act is Act.adopt and not frame.negated:
            where.append("outcome = 'adopted'")
        elif frame.act is Act.fail:
            where.append("outcome <> 'adopted'")
        if ga_title:
            where.append("(body = 'SC' OR title ILIKE $title)")
            params["title"] = ga_title
    sql = (
        f"SELECT {COLUMNS} FROM {RECORD} WHERE "
        + (" AND ".join(where) or "TRUE")
        + (
            " ORDER BY date DESC, symbol LIMIT 60"
            if newest_first
            else " ORDER BY date, symbol LIMIT 60"
        )
    )
    return Query("candidate decisions", sql, params)


def failed_with_no_votes(codes: list[str], since: date, until: date) -> Query:
    """Council drafts that failed for lack of votes although every one of ``codes`` voted no:
    what an article calls "vetoed by" them is, under Art. 27, not a veto."""
    sql = (
        f"SELECT {COLUMNS} FROM {RECORD} WHERE body = 'SC' AND outcome = 'not_adopted' "
        "AND date BETWEEN $since AND $until AND decision_id IN ("
        "SELECT decision_id FROM votes WHERE vote = 'N' AND list_contains($codes, member) "
        "GROUP BY decision_id HAVING count(DISTINCT member) = len($codes)) ORDER BY date"
    )
    return Query(
        "drafts that failed for lack of votes, with a no from each member named",
        sql,
        {"codes": codes, "since": since, "until": until},
    )


def members_votes_in_period(codes: list[str], since: date, until: date) -> Query:
    """Every Council decision of a period with the named members' votes on it, and whether it
    has member votes at all: "China abstained in 2008" is false only if every vote is known."""
    sql = (
        "SELECT r.decision_id, r.symbol, r.date, r.vetoed_by, "
        "list(v.member || ':' || v.vote) FILTER (WHERE v.member IS NOT NULL) AS named, "
        "EXISTS (SELECT 1 FROM votes w WHERE w.decision_id = r.decision_id) AS has_votes "
        f"FROM {RECORD} r LEFT JOIN votes v "
        "ON v.decision_id = r.decision_id AND list_contains($codes, v.member) "
        "WHERE r.body = 'SC' AND r.kind IN ('draft', 'resolution') "
        "AND r.date BETWEEN $since AND $until GROUP BY ALL ORDER BY r.date"
    )
    return Query(
        "every Council decision of the period, with the named members' votes",
        sql,
        {"codes": codes, "since": since, "until": until},
    )


MEMBER_VOTES_SC = """
SELECT decision_id, vote, list(member ORDER BY member) FROM votes
WHERE list_contains($ids, decision_id) GROUP BY ALL
"""
MEMBER_VOTES_GA = """
SELECT vote_id::VARCHAR, vote, list(member ORDER BY member) FROM ga_votes
WHERE vote_id IN (SELECT unnest($ids)::BIGINT) GROUP BY ALL
"""


def day_window(day: date, days: int = 1) -> tuple[date, date]:
    """A claimed day and its neighbours: meetings run past midnight, time zones differ."""
    return day - timedelta(days=days), day + timedelta(days=days)
