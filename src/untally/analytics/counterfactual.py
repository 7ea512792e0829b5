"""The whole record under other decision rules: what would have been adopted.

Each counterfactual is a :class:`charter.Rule` (or a rule chosen per decision, for the
French–Mexican veto-restraint initiative) applied to every recorded vote with a tally. The
rules run as one DuckDB query over the store; :func:`charter_outcome_sql` is the SQL twin of
:func:`untally.charter.decide`, and a test holds the two equal on every decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from untally import charter
from untally.errors import UntallyError


@dataclass(frozen=True)
class Counterfactual:
    name: str
    description: str
    rule: charter.Rule
    restraint: bool = False  # no veto on decisions whose topic is a mass-atrocity situation
    threshold: int | None = None  # a fixed number of votes required, whatever the era


COUNTERFACTUALS: dict[str, Counterfactual] = {
    c.name: c
    for c in (
        Counterfactual(
            "no-veto", "no veto at all: the required affirmative votes suffice", charter.NO_VETO
        ),
        Counterfactual(
            "two-veto", "a veto needs two permanent members voting no", charter.TWO_VETO
        ),
        Counterfactual(
            "restraint",
            "French–Mexican initiative: permanent members do not veto on mass-atrocity "
            "situations (topics flagged `atrocity` in data/topics.toml); Charter rule elsewhere",
            charter.CHARTER,
            restraint=True,
        ),
        Counterfactual(
            "seven-votes",
            "the 1946-1965 threshold (7 affirmative votes) applied to every vote",
            charter.CHARTER,
            threshold=7,
        ),
        Counterfactual(
            "nine-votes",
            "the post-1965 threshold (9 affirmative votes) applied to every vote",
            charter.CHARTER,
            threshold=9,
        ),
    )
}


def charter_outcome_sql(vetoes_to_block: str, threshold: str) -> str:
    """SQL for :func:`charter.decide` over a row with yes, permanent_no, procedural, date."""
    return f"""
        CASE WHEN yes < {threshold} THEN 'insufficient_votes'
             WHEN NOT procedural AND {vetoes_to_block} IS NOT NULL
                  AND len(permanent_no) >= {vetoes_to_block} THEN 'vetoed'
             ELSE 'adopted' END
    """


def era_threshold_sql() -> str:
    """The era's threshold as SQL, from :data:`charter.ERAS` (the one place it is stated)."""
    cases = " ".join(
        f"WHEN date >= DATE '{e.since.isoformat()}' THEN {e.threshold}"
        for e in sorted(charter.ERAS, key=lambda e: e.since, reverse=True)
    )
    return f"(CASE {cases} END)"


BASE = """
    WITH pno AS (  -- permanent members' negative votes, where member votes are known
        SELECT decision_id, list_sort(list(member)) AS members
        FROM votes WHERE vote = 'N' AND member IN (SELECT code FROM members WHERE permanent)
        GROUP BY decision_id
    ), atrocity AS (
        SELECT DISTINCT decision_id FROM decision_topics WHERE list_contains($atrocity, topic)
    ), base AS (
        SELECT d.decision_id, coalesce(d.date, make_date(d.year, 7, 1)) AS date, d.kind,
               d.outcome AS recorded, d.procedural, d.title, d.agenda,
               -- a listed veto without a tally had the required votes, by the list's definition
               coalesce(d.yes, CASE WHEN v.decision_id IS NOT NULL THEN 99 END) AS yes,
               d.yes IS NULL AS assumed, d.no, d.abstain,
               coalesce(v.vetoed_by, pno.members, []) AS permanent_no,
               a.decision_id IS NOT NULL AS atrocity
        FROM decisions d
        LEFT JOIN vetoes v USING (decision_id)
        LEFT JOIN pno USING (decision_id)
        LEFT JOIN atrocity a USING (decision_id)
        WHERE d.modality = 'vote' AND (d.yes IS NOT NULL OR v.decision_id IS NOT NULL)
          AND ($since IS NULL OR coalesce(d.date, make_date(d.year, 7, 1)) >= $since)
          AND ($until IS NULL OR coalesce(d.date, make_date(d.year, 7, 1)) <= $until)
    )
"""


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    since: date | None = None,
    until: date | None = None,
    atrocity_topics: frozenset[str] = frozenset(),
    changed_only: bool = True,
) -> pa.Table:
    """Every decision whose outcome would differ under counterfactual ``name``.

    Columns: decision_id, date, tally, permanent_no, recorded, charter, counterfactual,
    assumed (tally unknown: a listed veto is taken to have had the required votes).
    """
    if name not in COUNTERFACTUALS:
        raise UntallyError(
            f"unknown counterfactual {name!r}", f"choose one of {', '.join(COUNTERFACTUALS)}"
        )
    c = COUNTERFACTUALS[name]
    era = era_threshold_sql()
    threshold = str(c.threshold or c.rule.threshold or "") or era
    block = "NULL" if not c.rule.has_veto else str(c.rule.vetoes_to_block)
    if c.restraint:
        block = f"CASE WHEN atrocity THEN NULL ELSE {block} END"
    query = (
        BASE
        + f"""
        SELECT decision_id, date, kind,
               CASE WHEN assumed THEN NULL ELSE yes || '-' || no || '-' || abstain END AS tally,
               permanent_no, recorded, {charter_outcome_sql("1", era)} AS charter,
               {charter_outcome_sql(block, threshold)} AS counterfactual, assumed, atrocity,
               coalesce(title, agenda) AS title
        FROM base
        {"WHERE charter <> counterfactual" if changed_only else ""}
        ORDER BY date, decision_id
    """
    )
    params = {"since": since, "until": until, "atrocity": sorted(atrocity_topics)}
    return con.sql(query, params=params).to_arrow_table()
