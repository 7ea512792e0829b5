"""The General Assembly record in the same DuckDB file: one row per recorded vote, one per
member vote.

Why two tables and these types
    The Library's file repeats a vote's symbol, title and tally on every member's row (about
    860,000 rows for some 5,000 votes). Stored once per vote (``ga_resolutions``) and once per
    member vote (``ga_votes``: a BIGINT, a code and one letter), the member votes compress to a
    few megabytes and every analysis joins on an integer. ``ga_votes`` is written sorted by
    (vote_id, member), so DuckDB's zone maps skip whole blocks on a vote-id or date range.

Member codes
    The file's ``ms_code`` is kept when it is a members code (SUN, YUG, CSK... are members
    codes with their dates); any other code is resolved through :mod:`untally.members` (a
    withdrawn ISO code such as ZAR), and one that resolves to nothing stops the load with
    :class:`MalformedData` naming it: a vote must never be counted for the wrong state.

``session_no``
    The regular session a vote belongs to, for series by session: the session number when the
    vote was in a regular session, otherwise (emergency special and special sessions, or a
    symbol without a session) the regular session in progress on its date, which opens in
    September: ES-10 votes of December 2003 fall in session 58.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from untally import members as mem
from untally.errors import MalformedData, StoreError, UnknownMember
from untally.store.validate import MAX_TALLY_MISMATCH_SHARE

GA_TABLE = "undl_ga.ga_voting"

GA_SCHEMA = """
CREATE TABLE ga_resolutions (          -- one row per General Assembly recorded vote
    vote_id     BIGINT PRIMARY KEY,    -- the Library's record id (undl_id)
    resolution  VARCHAR NOT NULL,      -- symbol as the Library writes it, e.g. A/RES/75/1
    draft       VARCHAR,
    committee_report VARCHAR,
    meeting     VARCHAR,
    date        DATE,                  -- null where the source gives only a year
    year        SMALLINT NOT NULL,     -- calendar year of the vote
    session     VARCHAR,               -- '75', 'ES-10', 'S-28'; null when unknown
    session_no  SMALLINT NOT NULL,     -- regular session the vote falls in (see store/ga.py)
    title       VARCHAR,
    agenda      VARCHAR,
    subjects    VARCHAR,
    vote_note   VARCHAR,
    yes         SMALLINT NOT NULL,
    no          SMALLINT NOT NULL,
    abstain     SMALLINT NOT NULL,
    non_voting  SMALLINT NOT NULL,
    total_ms    SMALLINT NOT NULL,
    url         VARCHAR
);

CREATE TABLE ga_votes (                -- one row per member per recorded vote
    vote_id     BIGINT NOT NULL REFERENCES ga_resolutions (vote_id),
    member      VARCHAR NOT NULL REFERENCES members (code),
    name_as_recorded VARCHAR,
    vote        VARCHAR NOT NULL CHECK (vote IN ('Y', 'N', 'A', 'X')),
    PRIMARY KEY (vote_id, member)
);
"""

# The regular session a vote falls in: its number, else the one in progress on its date.
SESSION_NO = """
    CASE WHEN regexp_full_match(coalesce(session, ''), '\\d+') THEN session::SMALLINT
         WHEN date IS NOT NULL
              THEN greatest(1, year(date) - 1945 - CASE WHEN month(date) < 9 THEN 1 ELSE 0 END)
         ELSE greatest(1, year - 1945) END
"""


def _member_codes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """File code -> members code, for every code in ``ga_in``; raises on an unknown one."""
    rows = con.execute(
        "SELECT ms_code, any_value(ms_name), min(undl_id) FROM ga_in GROUP BY ms_code"
    ).fetchall()
    known = {r[0] for r in con.execute("SELECT code FROM members").fetchall()}
    mapping = {}
    for code, name, first in rows:
        if code in known:
            continue
        try:
            resolved = mem.resolve(code).code
        except UnknownMember:
            resolved = None
        if resolved not in known:
            raise MalformedData(
                f"General Assembly voting data: unknown member code {code!r} ({name}, "
                f"first in record {first})",
                "add the code to untally/data/members.csv or fix the upstream row",
            )
        mapping[code] = resolved
    return mapping


def load_ga(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Insert the parsed GA file (``tables["undl_ga.ga_voting"]``), if the sync loaded it.

    Rows whose vote-level fields disagree within one record id, and repeated (record, member)
    rows, are kept once and listed in a temporary table that :func:`validate_ga` reports.
    """
    table = tables.get(GA_TABLE)
    if table is None:
        return
    con.register("ga_in", table)
    try:
        mapping = _member_codes(con)
        con.register(
            "ga_codes",
            pa.table(
                {"file_code": list(mapping), "code": list(mapping.values())},
                schema=pa.schema([("file_code", pa.string()), ("code", pa.string())]),
            ),
        )
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE ga_load_conflicts AS
            SELECT 'ga_vote_fields_differ' AS check_name, undl_id::VARCHAR AS subject,
                   'rows of one record disagree on resolution, date, session or tally; '
                   || 'the first row is kept' AS detail
            FROM ga_in GROUP BY undl_id
            HAVING count(DISTINCT (resolution, date, year, session, total_yes, total_no,
                                   total_abstentions, total_non_voting, total_ms)) > 1
            UNION ALL
            SELECT 'ga_repeated_member_row', undl_id::VARCHAR,
                   ms_code || ' appears ' || count(*) || ' times (votes '
                   || string_agg(DISTINCT ms_vote, '/') || '); one row kept'
            FROM ga_in GROUP BY undl_id, ms_code HAVING count(*) > 1
            """
        )
        con.execute(
            f"""
            INSERT INTO ga_resolutions
            SELECT undl_id, first(resolution), first(draft), first(committee_report),
                   first(meeting), first(date), first(year), first(session),
                   first({SESSION_NO}), first(title), first(agenda_title), first(subjects),
                   first(vote_note), first(total_yes), first(total_no),
                   first(total_abstentions), first(total_non_voting), first(total_ms),
                   first(undl_link)
            FROM ga_in GROUP BY undl_id ORDER BY undl_id
            """
        )
        con.execute(
            """
            INSERT INTO ga_votes
            SELECT undl_id, coalesce(c.code, ms_code) AS member, first(ms_name), first(ms_vote)
            FROM ga_in LEFT JOIN ga_codes c ON c.file_code = ms_code
            GROUP BY undl_id, member
            ORDER BY undl_id, member
            """
        )
    finally:
        con.unregister("ga_in")
        con.unregister("ga_codes")


TALLY_MISMATCHES = """
    SELECT r.vote_id, r.resolution, r.yes, r.no, r.abstain, r.non_voting, r.total_ms,
           count(*) FILTER (v.vote = 'Y'), count(*) FILTER (v.vote = 'N'),
           count(*) FILTER (v.vote = 'A'), count(*) FILTER (v.vote = 'X'), count(v.member)
    FROM ga_resolutions r LEFT JOIN ga_votes v USING (vote_id)
    GROUP BY ALL
    HAVING count(*) FILTER (v.vote = 'Y') <> r.yes OR count(*) FILTER (v.vote = 'N') <> r.no
        OR count(*) FILTER (v.vote = 'A') <> r.abstain
        OR count(*) FILTER (v.vote = 'X') <> r.non_voting OR count(v.member) <> r.total_ms
    ORDER BY r.vote_id
"""

# A member code voting outside the dates members.csv gives it: a mapping error, or a name
# history the members table has wrong.
OUT_OF_PERIOD = """
    SELECT m.code, count(*), min(r.date), max(r.date), any_value(m.valid_from),
           any_value(m.valid_until)
    FROM ga_votes v JOIN ga_resolutions r USING (vote_id) JOIN members m ON m.code = v.member
    WHERE r.date < m.valid_from OR r.date > m.valid_until
    GROUP BY m.code ORDER BY m.code
"""


def _fail(problem: str) -> StoreError:
    return StoreError(
        f"the new database failed validation: {problem}",
        "the previous database is unchanged; check the General Assembly voting file",
    )


def validate_ga(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """Issues found in the GA tables as (check_name, subject, detail); raise on hard failures.

    Hard: member votes pointing at no vote or no member, a vote without member votes, or
    tallies that disagree with the member votes on more than 1% of votes (a broken parse).
    Tolerated and listed: isolated tally disagreements, conflicting rows found by
    :func:`load_ga`, and codes voting outside the dates the members table gives them.
    """

    def scalar(query: str) -> int:
        return con.execute(query).fetchall()[0][0]

    votes = scalar("SELECT count(*) FROM ga_resolutions")
    if votes == 0:
        return []
    orphans = scalar(
        "SELECT count(*) FROM ga_votes v ANTI JOIN ga_resolutions r USING (vote_id)"
    ) + scalar("SELECT count(*) FROM ga_votes v ANTI JOIN members m ON m.code = v.member")
    if orphans:
        raise _fail(f"{orphans} General Assembly member votes point at no vote or no member")
    empty = scalar("SELECT count(*) FROM ga_resolutions r ANTI JOIN ga_votes v USING (vote_id)")
    if empty:
        raise _fail(f"{empty} General Assembly votes have no member votes")
    mismatches = con.execute(TALLY_MISMATCHES).fetchall()
    if len(mismatches) > max(3, MAX_TALLY_MISMATCH_SHARE * votes):
        raise _fail(
            f"{len(mismatches)} of {votes} General Assembly votes have member votes that do "
            f"not add up to their totals (first: {mismatches[0][1]}, record {mismatches[0][0]})"
        )
    issues = [
        (
            "ga_tally_vs_member_votes",
            f"{m[1]} (record {m[0]})",
            f"published {m[2]}-{m[3]}-{m[4]} (non-voting {m[5]}, members {m[6]}); "
            f"member rows give {m[7]}-{m[8]}-{m[9]} (non-voting {m[10]}, rows {m[11]})",
        )
        for m in mismatches
    ]
    issues += [
        (
            "ga_member_outside_its_dates",
            code,
            f"{n} votes from {first} to {last}, but the code holds its seat "
            f"{since or 'from admission'} to {until or 'now'}",
        )
        for code, n, first, last, since, until in con.execute(OUT_OF_PERIOD).fetchall()
    ]
    has_conflicts = scalar(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_load_conflicts' AND temporary"
    )
    if has_conflicts:
        issues += [
            tuple(r) for r in con.execute("SELECT * FROM ga_load_conflicts ORDER BY ALL").fetchall()
        ]
    return issues
