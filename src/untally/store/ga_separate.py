"""The Assembly's separate votes (on a paragraph or an amendment) beside its final votes.

Why separate tables
    ``ga_resolutions``/``ga_votes`` hold the Library's record: one final vote per resolution.
    A paragraph or amendment vote is a different kind of decision (it adopts no resolution),
    and most answers must not count it; the conventions that do (the State Department's
    reports before 2017, ideal points from every vote) join these tables on purpose. Rows
    come from Voeten's data (:mod:`untally.sources.unvotes`), a third-party compilation that
    ends in January 2020, and every answer using them names it.

Members
    Voeten's data names a state by its ISO alpha-2 code and name and keeps one code for a
    seat's whole life (the Soviet votes as Russia's, Serbia's as Yugoslavia's). Each is
    resolved through :mod:`untally.members` to the code that held the seat on the vote's date
    (:func:`untally.members.seat_on`), the codes ``ga_votes`` uses; "Taiwan" before
    1971-10-25 is the China seat (CHN), as in the Library's file. A code that names no member
    stops the sync: a vote must never be counted for the wrong state.

Absences
    The data list votes cast only. A member of the United Nations on the vote's date without a
    row is stored as ``X`` (absent or not voting), as ``ga_votes`` does.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from untally import members as mem
from untally.errors import MalformedData, UnknownMember
from untally.sources.csvread import REMEDY

ROLL_CALLS = "unvotes.roll_calls"
SEPARATE_SOURCE = ROLL_CALLS  # the source key answers name for separate votes
VOTES = "unvotes.votes"

SEPARATE_SCHEMA = """
CREATE TABLE ga_separate_votes (       -- one row per paragraph or amendment vote
    rcid        INTEGER PRIMARY KEY,   -- Voeten's roll-call id
    session     SMALLINT NOT NULL,
    date        DATE NOT NULL,
    year        SMALLINT NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('paragraph', 'amendment')),
    unres       VARCHAR,               -- Voeten's reference to the resolution, e.g. R/71/44
    resolution  VARCHAR,               -- the record's symbol it names (sessions 31 on), if held
    short       VARCHAR,
    description VARCHAR,
    yes         SMALLINT NOT NULL,     -- counted from the member votes
    no          SMALLINT NOT NULL,
    abstain     SMALLINT NOT NULL
);

CREATE TABLE ga_separate_member_votes (  -- one row per member per separate vote
    rcid        INTEGER NOT NULL,
    member      VARCHAR NOT NULL,
    vote        VARCHAR NOT NULL CHECK (vote IN ('Y', 'N', 'A', 'X')),
    PRIMARY KEY (rcid, member)
);
"""

SEPARATE_TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "ga_separate_votes": ("rcid",),
    "ga_separate_member_votes": ("rcid", "member"),
}

# A members row sat on the vote's date: admitted (the seat's first member) and its code valid.
HELD = """(m.admitted IS NULL OR m.admitted <= c.date)
          AND (m.valid_from IS NULL OR m.valid_from <= c.date)
          AND (m.valid_until IS NULL OR c.date <= m.valid_until)"""

# Voeten's "Taiwan" rows are the China seat while the Republic of China held it.
CHINA_SEAT_UNTIL = dt.date(1971, 10, 24)


def _base_code(iso2: str, name: str, on: dt.date) -> str:
    if iso2 == "TW" and on <= CHINA_SEAT_UNTIL:
        return "CHN"
    for text in (iso2, name):
        try:
            return mem.resolve(text).code
        except UnknownMember:
            continue
    raise MalformedData(
        f"un_votes: country {name!r} ({iso2 or 'no code'}) on {on} names no UN member",
        REMEDY,
    )


def member_codes(pairs: list[tuple[str, str, dt.date]]) -> dict[tuple[str, str, dt.date], str]:
    """(ISO2, name, date) -> the members code holding that seat on the date."""
    return {(iso2, name, on): mem.seat_on(_base_code(iso2, name, on), on)
            for iso2, name, on in pairs}  # fmt: skip


def load_separate(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """The separate votes and their member votes into their tables (left empty when the
    source is not loaded). Needs ``members`` and ``ga_resolutions`` loaded first."""
    if ROLL_CALLS not in tables or VOTES not in tables:
        return
    con.register("sep_calls_in", tables[ROLL_CALLS])
    con.register("sep_votes_in", tables[VOTES])
    try:
        pairs = con.execute(
            "SELECT DISTINCT v.country_code, v.country, c.date FROM sep_votes_in v "
            "JOIN sep_calls_in c USING (rcid)"
        ).fetchall()
        codes = member_codes(pairs)
        con.register(
            "sep_codes",
            pa.table(
                {
                    "country_code": [k[0] for k in codes],
                    "country": [k[1] for k in codes],
                    "date": pa.array([k[2] for k in codes], pa.date32()),
                    "member": list(codes.values()),
                }
            ),
        )
        con.execute(
            """
            CREATE TEMP TABLE sep_cast AS
            SELECT v.rcid, k.member, any_value(v.vote) AS vote, count(*) AS n
            FROM sep_votes_in v JOIN sep_calls_in c USING (rcid)
            JOIN sep_codes k ON k.country_code = v.country_code AND k.country = v.country
                 AND k.date = c.date
            GROUP BY ALL
            """
        )
        twice = con.execute("SELECT rcid, member FROM sep_cast WHERE n > 1 LIMIT 1").fetchall()
        if twice:
            raise MalformedData(
                f"un_votes: roll call {twice[0][0]} has two votes for {twice[0][1]}", REMEDY
            )
        con.execute(
            f"""
            INSERT INTO ga_separate_member_votes
            SELECT c.rcid, m.code, coalesce(s.vote, 'X')
            FROM sep_calls_in c
            JOIN members m ON m.kind IN ('state', 'historical') AND {HELD}
            LEFT JOIN sep_cast s ON s.rcid = c.rcid AND s.member = m.code
            UNION ALL  -- a vote cast by a seat the members table does not date (kept, not lost)
            SELECT s.rcid, s.member, s.vote FROM sep_cast s JOIN sep_calls_in c USING (rcid)
            WHERE NOT EXISTS (
                SELECT 1 FROM members m WHERE m.code = s.member AND {HELD})
            ORDER BY 1, 2
            """
        )
        con.execute(
            """
            INSERT INTO ga_separate_votes
            WITH keys AS (SELECT unnest(symbols) AS key, resolution FROM ga_resolutions),
            named AS (
                SELECT c.*, CASE WHEN c.session >= 31
                    THEN 'A/RES/' || nullif(regexp_extract(c.unres, '^R/(\\d+/\\d+[A-Z]?)$', 1), '')
                    END AS key
                FROM sep_calls_in c),
            tally AS (
                SELECT rcid, count(*) FILTER (WHERE vote = 'Y') AS yes,
                       count(*) FILTER (WHERE vote = 'N') AS no,
                       count(*) FILTER (WHERE vote = 'A') AS abstain
                FROM ga_separate_member_votes GROUP BY rcid)
            SELECT n.rcid, n.session, n.date, year(n.date), n.kind, n.unres,
                   (SELECT any_value(k.resolution) FROM keys k WHERE k.key = n.key),
                   n.short, n.description,
                   coalesce(t.yes, 0), coalesce(t.no, 0), coalesce(t.abstain, 0)
            FROM named n LEFT JOIN tally t USING (rcid)
            ORDER BY n.rcid
            """
        )
    finally:
        con.execute("DROP TABLE IF EXISTS sep_cast")
        for view in ("sep_calls_in", "sep_votes_in", "sep_codes"):
            con.unregister(view)


def has_separate(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has the separate-vote tables (a file synced before they existed
    has not: answers then count final votes only, and say so through their data used)."""
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_separate_votes'"
        ).fetchall()[0][0]
    )
