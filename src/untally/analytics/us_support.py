"""US aid, arms transfers and roll calls as queries over the store's US tables.

Pure functions of a DuckDB connection and plain arguments, each returning an Arrow table (or
a few scalars); :mod:`untally.answers.us` turns them into typed answers that name their
source and conventions. Which table answers which question is decided here, in one place:

* ``kind="total"``: ForeignAssistance.gov (``us_aid``), any measure, exact dollars;
* ``kind="military"`` or ``"economic"``: the Greenbook (``us_aid_greenbook``), which reports
  obligations only, and whose mirror copy is rounded (see :mod:`untally.sources.greenbook`).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

KINDS = ("total", "military", "economic")
MEASURES = ("obligations", "disbursements", "appropriations", "requests")
DOLLARS = ("current", "constant")


def aid_table(kind: str) -> str:
    return "us_aid" if kind == "total" else "us_aid_greenbook"


def constant_base(con: duckdb.DuckDBPyConnection, kind: str, measure: str) -> int | None:
    """The fiscal year whose constant dollars equal its current dollars: the deflator's base.

    Neither file states it, and it differs by measure in ForeignAssistance.gov, so it is read
    from the data (the latest year where every row has constant = current).
    """
    if kind == "total":
        query = (
            "SELECT fiscal_year FROM us_aid WHERE measure = ? GROUP BY 1 "
            "HAVING bool_and(constant_usd = current_usd) AND sum(abs(current_usd)) > 0 "
            "ORDER BY 1 DESC LIMIT 1"
        )
        rows = con.execute(query, [measure]).fetchall()
    else:
        rows = con.execute(
            "SELECT fiscal_year FROM us_aid_greenbook GROUP BY 1 "
            "HAVING bool_and(constant_usd = current_usd) AND sum(abs(current_usd)) > 0 "
            "ORDER BY 1 DESC LIMIT 1"
        ).fetchall()
    return rows[0][0] if rows else None


def aid_codes(con: duckdb.DuckDBPyConnection, kind: str) -> set[str]:
    if kind == "total":
        query = "SELECT DISTINCT country_code FROM us_aid WHERE country_code IS NOT NULL"
    else:
        query = "SELECT DISTINCT iso3 FROM us_aid_greenbook WHERE iso3 IS NOT NULL"
    return {r[0] for r in con.execute(query).fetchall()}


def aid_years(con: duckdb.DuckDBPyConnection, kind: str, measure: str) -> tuple[int, int] | None:
    if kind == "total":
        row = con.execute(
            "SELECT min(fiscal_year), max(fiscal_year) FROM us_aid WHERE measure = ?", [measure]
        ).fetchall()[0]
    else:
        row = con.execute(
            "SELECT min(fiscal_year), max(fiscal_year) FROM us_aid_greenbook"
        ).fetchall()[0]
    return None if row[0] is None else (row[0], row[1])


def aid_series(
    con: duckdb.DuckDBPyConnection,
    code: str,
    *,
    since: int | None,
    until: int | None,
    kind: str,
    measure: str,
    dollars: str,
) -> pa.Table:
    """One row per fiscal year with aid: ``amount`` of the kind asked, and for the Greenbook
    the economic and military parts (the transition quarter of 1976 is summed into FY1976)."""
    sql, params = aid_query(code, since=since, until=until, kind=kind, measure=measure,
                            dollars=dollars)  # fmt: skip
    return con.sql(sql, params=params).to_arrow_table()


AID_TOTAL_SQL = """
SELECT fiscal_year, sum({col})::BIGINT AS amount,
       NULL::BIGINT AS economic, NULL::BIGINT AS military
FROM us_aid
WHERE country_code = ? AND measure = ? AND fiscal_year BETWEEN ? AND ?
GROUP BY 1 ORDER BY 1
"""
AID_GREENBOOK_SQL = """
SELECT fiscal_year,
       sum({col}) FILTER (kind = ?)::BIGINT AS amount,
       coalesce(sum({col}) FILTER (kind = 'economic'), 0)::BIGINT AS economic,
       coalesce(sum({col}) FILTER (kind = 'military'), 0)::BIGINT AS military
FROM us_aid_greenbook
WHERE iso3 = ? AND fiscal_year BETWEEN ? AND ?
GROUP BY 1 HAVING amount IS NOT NULL ORDER BY 1
"""


def aid_query(
    code: str, *, since: int | None, until: int | None, kind: str, measure: str, dollars: str
) -> tuple[str, list]:
    """The SQL behind :func:`aid_series` and its parameters (the claim checker logs them)."""
    col = f"{dollars}_usd"
    lo, hi = since or 0, until or 9999
    if kind == "total":
        return AID_TOTAL_SQL.format(col=col), [code, measure, lo, hi]
    return AID_GREENBOOK_SQL.format(col=col), [kind, code, lo, hi]


def aid_ranking(
    con: duckdb.DuckDBPyConnection, year: int, *, kind: str, measure: str, dollars: str, top: int
) -> pa.Table:
    """Countries by aid in one fiscal year, largest first (regions and "World" left out)."""
    col = f"{dollars}_usd"
    if kind == "total":
        return con.sql(
            f"""
            SELECT country_code AS code, any_value(country_name) AS name,
                   sum({col})::BIGINT AS amount
            FROM us_aid
            WHERE fiscal_year = ? AND measure = ? AND NOT aggregate AND country_code IS NOT NULL
            GROUP BY 1 ORDER BY amount DESC, code LIMIT ?
            """,
            params=[year, measure, top],
        ).to_arrow_table()
    return con.sql(
        f"""
        SELECT iso3 AS code, any_value(country) AS name, sum({col})::BIGINT AS amount
        FROM us_aid_greenbook
        WHERE fiscal_year = ? AND kind = ? AND iso3 IS NOT NULL
        GROUP BY 1 ORDER BY amount DESC, code LIMIT ?
        """,
        params=[year, kind, top],
    ).to_arrow_table()


def arms_recipient_names(con: duckdb.DuckDBPyConnection, code: str | None, name: str) -> list:
    """The SIPRI recipient names standing for a member code (or, failing that, a name)."""
    return [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT recipient FROM arms_transfers "
            "WHERE recipient_code = ? OR lower(recipient) = lower(?) ORDER BY 1",
            [code, name],
        ).fetchall()
    ]


ARMS_SQL = """
SELECT {group}, sum(tiv) AS tiv, min(year) AS first, max(year) AS last
FROM arms_transfers
WHERE list_contains(?, recipient) AND year BETWEEN ? AND ?
GROUP BY 1 ORDER BY {order}
"""


def arms_shares(
    con: duckdb.DuckDBPyConnection,
    recipients: list[str],
    *,
    since: int | None,
    until: int | None,
    by: str,
) -> pa.Table:
    """TIV delivered to ``recipients`` by supplier (or by year), with each row's share of the
    period's total."""
    group = (
        "supplier AS label, any_value(supplier_code) AS code"
        if by == "supplier"
        else "year::VARCHAR AS label, NULL::VARCHAR AS code"
    )
    order = "tiv DESC, label" if by == "supplier" else "label"
    table = con.sql(
        ARMS_SQL.format(group=group, order=order),
        params=[recipients, since or 0, until or 9999],
    ).to_arrow_table()
    total = pc.sum(table.column("tiv")).as_py() or None  # a few dozen rows: no window needed
    share = (
        pc.divide(table.column("tiv"), total) if total else pa.nulls(table.num_rows, pa.float64())
    )
    return table.add_column(3, "share", share)


def arms_years(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    row = con.execute("SELECT min(year), max(year) FROM arms_transfers").fetchall()[0]
    return None if row[0] is None else (row[0], row[1])


def roll_calls(con: duckdb.DuckDBPyConnection, bill: str, congress: int | None) -> list[dict]:
    cursor = con.execute(
        "SELECT * FROM congress_rollcalls WHERE bill = ? AND (? IS NULL OR congress = ?) "
        "ORDER BY congress, chamber, rollnumber",
        [bill, congress, congress],
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def member_votes(
    con: duckdb.DuckDBPyConnection, congress: int, chamber: str, rollnumber: int
) -> pa.Table:
    return con.sql(
        "SELECT name, party, state, district, position, cast_code, icpsr, bioguide_id "
        "FROM congress_votes WHERE congress = ? AND chamber = ? AND rollnumber = ? "
        "ORDER BY state, district NULLS FIRST, name",
        params=[congress, chamber, rollnumber],
    ).to_arrow_table()


def party_tally(
    con: duckdb.DuckDBPyConnection, congress: int, chamber: str, rollnumber: int
) -> pa.Table:
    return con.sql(
        """
        SELECT party,
               count(*) FILTER (position = 'yea') AS yea,
               count(*) FILTER (position = 'nay') AS nay,
               count(*) FILTER (position = 'present') AS present,
               count(*) FILTER (position = 'not voting') AS not_voting
        FROM congress_votes WHERE congress = ? AND chamber = ? AND rollnumber = ?
        GROUP BY 1 ORDER BY count(*) DESC, party
        """,
        params=[congress, chamber, rollnumber],
    ).to_arrow_table()


def loaded_bills(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    return [
        (m or b, c)
        for b, m, c in con.execute(
            "SELECT DISTINCT bill, measure, congress FROM congress_rollcalls WHERE bill <> '' "
            "ORDER BY 3, 1"
        ).fetchall()
    ]
