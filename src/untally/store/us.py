"""US support tables: foreign aid, the Greenbook's economic/military split, SIPRI arms
transfers and congressional roll calls, loaded beside the UN record in the same file.

Every source here is optional (:attr:`untally.sources.base.SourceFile.optional`): a mirror
without ``us_support/`` still syncs, the tables are then empty, and the loss guard
(:mod:`untally.store.diff`) refuses to swap in a database that would drop rows a previous
sync loaded. SIPRI names are matched to the members table's codes here (one place), so an
arms question can say ``--to ISR``; a name no member matches (a rebel group, "Unknown
recipient(s)") keeps a null code and its SIPRI name.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from untally.errors import StoreError, UnknownMember

US_SCHEMA = """
CREATE TABLE us_aid (                  -- ForeignAssistance.gov country summary
    country_code  VARCHAR,             -- ISO3 (null for some former states)
    country_name  VARCHAR NOT NULL,
    region        VARCHAR,
    income_group  VARCHAR,
    aggregate     BOOLEAN NOT NULL,    -- a region or "World", not a country
    measure       VARCHAR NOT NULL CHECK (measure IN
                  ('obligations', 'disbursements', 'appropriations', 'requests')),
    fiscal_year   SMALLINT NOT NULL,   -- US fiscal year (1 October to 30 September)
    transition_quarter BOOLEAN NOT NULL,  -- July-September 1976
    current_usd   BIGINT NOT NULL,
    constant_usd  BIGINT NOT NULL
);

CREATE TABLE us_aid_greenbook (        -- USAID Greenbook: obligations by category and account
    line          INTEGER PRIMARY KEY,  -- line in the source file (rows repeat otherwise)
    country       VARCHAR NOT NULL,
    iso3          VARCHAR,
    fiscal_year   SMALLINT NOT NULL,
    region        VARCHAR,
    kind          VARCHAR NOT NULL CHECK (kind IN ('economic', 'military')),
    pubrow        VARCHAR,
    agency        VARCHAR,
    account       VARCHAR,
    current_usd   BIGINT NOT NULL,
    constant_usd  BIGINT NOT NULL
);

CREATE TABLE arms_transfers (          -- SIPRI TIV (not dollars), calendar year of delivery
    supplier      VARCHAR NOT NULL,
    supplier_code VARCHAR,             -- members table code, null for non-state suppliers
    supplier_kind VARCHAR NOT NULL,
    supplier_sipri_code VARCHAR NOT NULL,
    recipient     VARCHAR NOT NULL,
    recipient_code VARCHAR,
    recipient_kind VARCHAR NOT NULL,
    year          SMALLINT NOT NULL,
    tiv           DOUBLE NOT NULL,     -- millions of TIV
    PRIMARY KEY (supplier, recipient, year)
);

CREATE TABLE congress_rollcalls (      -- Voteview roll calls
    congress      SMALLINT NOT NULL,
    chamber       VARCHAR NOT NULL,
    rollnumber    INTEGER NOT NULL,    -- Voteview's number
    clerk_session SMALLINT,
    clerk_rollnumber INTEGER,          -- the Clerk's number, where verified
    date          DATE NOT NULL,
    bill          VARCHAR NOT NULL,    -- key form: HR5323, HRES246
    measure       VARCHAR,
    title         VARCHAR,
    question      VARCHAR,
    result        VARCHAR,
    yea           SMALLINT NOT NULL,   -- the published counts
    nay           SMALLINT NOT NULL,
    present       SMALLINT NOT NULL,
    not_voting    SMALLINT NOT NULL,
    metadata_source VARCHAR,
    PRIMARY KEY (congress, chamber, rollnumber)
);

CREATE TABLE congress_votes (          -- each member's vote on those roll calls
    congress      SMALLINT NOT NULL,
    chamber       VARCHAR NOT NULL,
    rollnumber    INTEGER NOT NULL,
    icpsr         INTEGER NOT NULL,
    name          VARCHAR NOT NULL,
    bioguide_id   VARCHAR,
    party         VARCHAR NOT NULL,
    state         VARCHAR NOT NULL,
    district      SMALLINT,
    cast_code     TINYINT NOT NULL,
    position      VARCHAR NOT NULL,    -- yea, nay, present, not voting, not a member
    PRIMARY KEY (congress, chamber, rollnumber, icpsr)
);
"""

# The keys the sync's comparison uses (store/diff.py): rows repeat in the aid file only by
# former states without a code, so its key names the country by name.
US_TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "us_aid": ("country_name", "measure", "fiscal_year", "transition_quarter"),
    "us_aid_greenbook": ("line",),
    "arms_transfers": ("supplier", "recipient", "year"),
    "congress_rollcalls": ("congress", "chamber", "rollnumber"),
    "congress_votes": ("congress", "chamber", "rollnumber", "icpsr"),
}

# The sources whose rows these tables hold (their notes are phrases of their own, shown
# without the years prefix the UN files' notes take).
US_SOURCES = ("fa_gov", "greenbook", "sipri", "voteview")

# SIPRI spellings the members table does not know, and the code each stands for.
SIPRI_NAMES = {
    "UAE": "ARE",
    "Bosnia-Herzegovina": "BIH",
    "DR Congo": "COD",
    "Saint Vincent": "VCT",
    "eSwatini": "SWZ",
    "Soviet Union": "SUN",
    "East Germany (GDR)": "DDR",
    "North Yemen": "YEM",
    "Yemen Arab Republic": "YEM",
    "South Yemen": "YMD",
    "Czechoslovakia": "CSK",
    "Yugoslavia": "YUG",
    "Viet Nam": "VNM",
    "Cabo Verde": "CPV",
    "Micronesia": "FSM",
    "North Korea": "PRK",
    "South Korea": "KOR",
    "Laos": "LAO",
    "Brunei": "BRN",
}


def member_code(name: str, known: set[str]) -> str | None:
    """The members-table code of a SIPRI or Greenbook state name, or None (non-state, a
    region, or no match)."""
    from untally.members import resolve

    code = SIPRI_NAMES.get(name)
    if code is None:
        try:
            code = resolve(name).code
        except UnknownMember:
            return None
    return code if code in known else None


def _codes(con: duckdb.DuckDBPyConnection, table: pa.Table) -> pa.Table:
    known = {r[0] for r in con.execute("SELECT code FROM members").fetchall()}
    names = set(table.column("supplier").to_pylist()) | set(table.column("recipient").to_pylist())
    codes = {n: member_code(n, known) for n in names}
    sup = [codes[n] if k == "state" else None for n, k in zip(
        table.column("supplier").to_pylist(), table.column("supplier_kind").to_pylist(),
        strict=True)]  # fmt: skip
    rec = [codes[n] if k == "state" else None for n, k in zip(
        table.column("recipient").to_pylist(), table.column("recipient_kind").to_pylist(),
        strict=True)]  # fmt: skip
    return table.append_column("supplier_code", pa.array(sup, pa.string())).append_column(
        "recipient_code", pa.array(rec, pa.string())
    )


def _greenbook_codes(con: duckdb.DuckDBPyConnection, table: pa.Table) -> pa.Table:
    """The official Greenbook names countries only: give each the members table's code."""
    known = {r[0] for r in con.execute("SELECT code FROM members").fetchall()}
    names = table.column("country").to_pylist()
    codes = {n: member_code(n, known) for n in set(names)}
    return table.set_column(
        table.column_names.index("iso3"), "iso3", pa.array([codes[n] for n in names], pa.string())
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    con.register("us_in", rows)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM us_in")
    con.unregister("us_in")


def load_us(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Each US source's parsed rows into its table (a source not loaded leaves it empty)."""
    if "fa_gov.country_summary" in tables:
        _insert(con, "us_aid", tables["fa_gov.country_summary"])
    if "greenbook.official" in tables:  # exact amounts: preferred to the rounded copy
        _insert(con, "us_aid_greenbook", _greenbook_codes(con, tables["greenbook.official"]))
    elif "greenbook.loans_grants" in tables:
        _insert(con, "us_aid_greenbook", tables["greenbook.loans_grants"])
    if "sipri.tiv" in tables:
        _insert(con, "arms_transfers", _codes(con, tables["sipri.tiv"]))
    if "voteview.rollcalls" in tables:
        _insert(con, "congress_rollcalls", tables["voteview.rollcalls"])
    if "voteview.member_votes" in tables:
        _insert(con, "congress_votes", tables["voteview.member_votes"])


TALLY = """
    SELECT r.congress, r.chamber, r.rollnumber, r.bill, r.yea, r.nay, r.present,
           r.not_voting,
           count(*) FILTER (v.position = 'yea'), count(*) FILTER (v.position = 'nay'),
           count(*) FILTER (v.position = 'present'),
           count(*) FILTER (v.position = 'not voting')
    FROM congress_rollcalls r JOIN congress_votes v USING (congress, chamber, rollnumber)
    GROUP BY ALL
    HAVING count(*) FILTER (v.position = 'yea') <> r.yea
        OR count(*) FILTER (v.position = 'nay') <> r.nay
"""


def validate_us(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """Issues in the US tables; raise when member votes point at no roll call.

    A roll call whose member votes do not add up to its published yea and nay counts is
    listed (``congress_tally_vs_member_votes``), not hidden.
    """
    orphans = con.execute(
        "SELECT count(*) FROM congress_votes v "
        "ANTI JOIN congress_rollcalls r USING (congress, chamber, rollnumber)"
    ).fetchall()[0][0]
    if orphans:
        raise StoreError(
            f"the new database failed validation: {orphans} congressional member votes "
            "point at no roll call",
            "the previous database is unchanged; check the Voteview files in the sync output",
        )
    return [
        (
            "congress_tally_vs_member_votes",
            f"{bill} ({congress}th Congress, {chamber} roll {roll})",
            f"published {y}-{n}-{p} (not voting {nv}); member rows give {y2}-{n2}-{p2} "
            f"(not voting {nv2})",
        )
        for congress, chamber, roll, bill, y, n, p, nv, y2, n2, p2, nv2 in con.execute(
            TALLY
        ).fetchall()
    ]
