"""Checks a freshly built database must pass before it replaces the current one.

Hard failures (no rows, orphan rows, a veto without its draft, widespread tally disagreement)
abort the sync. Known, isolated upstream quirks (a resolution whose member votes do not add up
to its published totals) are tolerated but written to ``issues`` and shown by ``untally info``.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from untally.errors import StoreError

# A handful of tally disagreements are real upstream quirks; hundreds mean a broken parse.
MAX_TALLY_MISMATCH_SHARE = 0.01

TALLY_MISMATCHES = """
    SELECT d.decision_id,
           d.yes, d.no, d.abstain, d.non_voting, d.total_ms,
           count(*) FILTER (v.vote = 'Y') AS y, count(*) FILTER (v.vote = 'N') AS n,
           count(*) FILTER (v.vote = 'A') AS a, count(*) FILTER (v.vote = 'X') AS x,
           count(v.member) AS members
    FROM decisions d JOIN votes v USING (decision_id)
    GROUP BY ALL
    HAVING y <> d.yes OR n <> d.no OR a <> d.abstain
        OR (d.non_voting IS NOT NULL AND x <> d.non_voting)
        OR (d.total_ms IS NOT NULL AND d.kind = 'resolution' AND members <> d.total_ms)
"""


def fail(problem: str) -> StoreError:
    return StoreError(
        f"the new database failed validation: {problem}",
        "the previous database is unchanged; check the source files named in the sync output",
    )


def expected_counts(tables: dict[str, pa.Table]) -> dict[str, int]:
    """What the parsed files say the store must hold, to check nothing was lost on the way."""
    expected = {}
    sc = [t for name, t in tables.items() if name.startswith("undl_sc.")]
    if sc:
        resolutions = pa.concat_arrays([t.column("resolution").combine_chunks() for t in sc])
        expected["resolutions"] = pc.count_distinct(resolutions).as_py()
    ga = tables.get("undl_ga.ga_voting")
    if ga is not None:
        expected["ga_votes"] = pc.count_distinct(ga.column("undl_id")).as_py()
    lists = (
        "veto_list.veto_list",
        "veto_list_supplement.supplement",
        "amendment_votes.amendment_votes",
    )
    if any(name in tables for name in lists):  # one veto per list row and per amendment voted
        expected["vetoes"] = sum(tables[n].num_rows for n in lists if n in tables)
    if "amendment_votes.amendment_votes" in tables:
        expected["amendments"] = tables["amendment_votes.amendment_votes"].num_rows
    fdv = tables.get("failed_draft_votes.failed_draft_votes")
    if fdv is not None:  # one decision per draft: rows sharing date, symbol, meeting and tally
        key = ["date", "draft", "meeting", "yes", "no", "abstain"]
        expected["failed_draft_votes"] = fdv.group_by(key).aggregate([]).num_rows
    return expected


COUNT_QUERIES = {
    "resolutions": "SELECT count(*) FROM decisions WHERE kind = 'resolution'",
    "vetoes": "SELECT count(*) FROM vetoes",
    "amendments": "SELECT count(*) FROM decisions WHERE kind = 'amendment'",
    "failed_draft_votes": "SELECT count(*) FROM decisions "
    "WHERE list_contains(sources, 'failed_draft_votes')",
    "ga_votes": "SELECT count(*) FROM ga_resolutions WHERE source = 'undl_ga.ga_voting'",
}


def validate(con: duckdb.DuckDBPyConnection, expected: dict[str, int] | None = None) -> int:
    """Run every check; raise :class:`StoreError` on a hard failure, return the issue count."""

    def scalar(query: str) -> int:
        return con.execute(query).fetchall()[0][0]

    for what, n in (expected or {}).items():
        got = scalar(COUNT_QUERIES[what])
        if got != n:
            raise fail(f"the sources hold {n:,} {what} but the new database has {got:,}")

    for table in ("members", "decisions", "votes", "provenance"):
        if scalar(f"SELECT count(*) FROM {table}") == 0:
            raise fail(f"table {table} is empty")
    orphans = scalar(
        "SELECT count(*) FROM votes v ANTI JOIN decisions d USING (decision_id)"
    ) + scalar("SELECT count(*) FROM votes v ANTI JOIN members m ON m.code = v.member")
    if orphans:
        raise fail(f"{orphans} vote rows point at no decision or no member")
    orphan_vetoes = scalar("SELECT count(*) FROM vetoes ANTI JOIN decisions USING (decision_id)")
    if orphan_vetoes:
        raise fail(f"{orphan_vetoes} vetoes point at no decision")
    bad_vetoes = scalar("SELECT count(*) FROM vetoes WHERE len(vetoed_by) = 0")
    if bad_vetoes:
        raise fail(f"{bad_vetoes} vetoes name no member")
    not_permanent = con.execute(
        """
        SELECT v.draft, m.code FROM vetoes v, unnest(v.vetoed_by) AS u(code)
        JOIN members m ON m.code = u.code WHERE NOT m.permanent
        """
    ).fetchall()
    if not_permanent:
        raise fail(f"vetoes by non-permanent members: {not_permanent[:3]}")
    mismatches = con.execute(TALLY_MISMATCHES).fetchall()
    with_votes = scalar("SELECT count(DISTINCT decision_id) FROM votes")
    if len(mismatches) > max(3, MAX_TALLY_MISMATCH_SHARE * with_votes):
        raise fail(
            f"{len(mismatches)} of {with_votes} decisions have member votes that do not add "
            f"up to their totals (first: {mismatches[0][0]})"
        )
    con.executemany(
        "INSERT INTO issues VALUES ('tally_vs_member_votes', ?, ?)",
        [
            (
                m[0],
                f"published {m[1]}-{m[2]}-{m[3]} (non-voting {m[4]}, members {m[5]}); "
                f"member rows give {m[6]}-{m[7]}-{m[8]} (non-voting {m[9]}, rows {m[10]})",
            )
            for m in mismatches
        ],
    )
    return scalar("SELECT count(*) FROM issues")
