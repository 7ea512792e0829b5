"""Voteview: roll calls of the US House and Senate and each member's vote.

Voteview (Lewis, Poole, Rosenthal, Boche, Rudkin and Sonnet, *Voteview: Congressional
Roll-Call Votes Database*) compiles the Clerk of the House's and the Senate's roll-call
records into per-congress files, one of each kind per chamber (:data:`ROLLCALLS_URL`,
:data:`VOTES_URL`, :data:`MEMBERS_URL`, e.g. ``H117_votes.csv``).

**Online** a sync reads those official files for the congresses and chambers of
:func:`untally.config.voteview_congresses` / :func:`~untally.config.voteview_chambers`
(default: House and Senate of the 113th to the 119th Congress; never the ~1 GB ``HSall``
files) and derives the two tables the store loads (:func:`combine`): every roll call with
the published yea/nay counts and the present and not-voting counts of its member votes, and
every member's vote with name, party, state and district from the members file. Columns
are read by name; extra columns (``majority_requirement``, the NOMINATE estimates) are
ignored. The President's recorded positions (members-file chamber ``President``) are not
member votes and are left out.

**The mirror** holds only a subset, already joined by its builder: the roll calls
(``congress_israel_rollcalls.csv``) and the member votes on them
(``congress_israel_member_votes.csv``); a sync from a mirror reads those and skips the
official files (``in_mirror`` false).

``cast_code`` follows Voteview: 1-3 yea, 4-6 nay, 7-8 present, 9 not voting (0: not a
member at the time). Parties are named from ``party_code`` (:data:`PARTIES`; another code
is named "party code N"). Dates are calendar dates of the vote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    REMEDY,
    MalformedData,
    check_values,
    optional_text,
    read_strings,
    require,
    text,
    to_date,
    to_int,
)

SITE = "https://voteview.com/data"
VOTES_URL = "https://voteview.com/static/data/out/votes/{chamber}{congress}_votes.csv"
ROLLCALLS_URL = "https://voteview.com/static/data/out/rollcalls/{chamber}{congress}_rollcalls.csv"
MEMBERS_URL = "https://voteview.com/static/data/out/members/{chamber}{congress}_members.csv"
ROLLCALLS_PATH = "us_support/congress_israel_rollcalls.csv"
VOTES_PATH = "us_support/congress_israel_member_votes.csv"

CHAMBERS = {"House", "Senate"}
ROLLCALL_COLUMNS = [
    "congress", "chamber", "voteview_rollnumber", "date", "bill_number", "measure", "title",
    "vote_question", "vote_result", "yea", "nay", "present", "not_voting",
]  # fmt: skip
VOTE_COLUMNS = [
    "congress", "chamber", "rollnumber", "icpsr", "bioname", "party", "state_abbrev",
    "cast_code",
]  # fmt: skip

# The official per-congress files: kind -> URL template, and the columns each must have.
OFFICIAL = {"rollcalls": ROLLCALLS_URL, "votes": VOTES_URL, "members": MEMBERS_URL}
OFFICIAL_COLUMNS = {
    "rollcalls": ["congress", "chamber", "rollnumber", "date", "yea_count", "nay_count",
                  "bill_number"],
    "votes": ["congress", "chamber", "rollnumber", "icpsr", "cast_code"],
    "members": ["congress", "chamber", "icpsr", "state_abbrev", "district_code", "party_code",
                "bioname"],
}  # fmt: skip
CHAMBER_NAMES = {"H": "House", "S": "Senate"}
MEMBER_CHAMBERS = {"House", "Senate", "President"}
# Voteview's party codes (its party table) for the parties of the congresses untally reads.
PARTIES = {100: "Democrat", 200: "Republican", 328: "Independent"}
# Bill-number prefixes in key form -> the printed form, longest first.
BILL_PREFIXES = (
    ("HCONRES", "H.Con.Res."), ("HJRES", "H.J.Res."), ("HRES", "H.Res."), ("HR", "H.R."),
    ("SCONRES", "S.Con.Res."), ("SJRES", "S.J.Res."), ("SRES", "S.Res."), ("S", "S."),
)  # fmt: skip


def cast_position(code: int) -> str:
    """Voteview's cast code as the position untally names.

    >>> [cast_position(c) for c in (1, 6, 7, 9)]
    ['yea', 'nay', 'present', 'not voting']
    """
    if 1 <= code <= 3:
        return "yea"
    if 4 <= code <= 6:
        return "nay"
    if code in (7, 8):
        return "present"
    if code == 9:
        return "not voting"
    return "not a member"


def cast_codes(raw: pa.Table, name: str) -> pa.Array:
    """The ``cast_code`` column as integers, every one a Voteview code (0-9), in either
    layout; the first that is not names its line."""
    codes = to_int(raw, "cast_code", name, pa.int8())
    ok = pc.less_equal(codes, 9)
    if not pc.all(ok).as_py():
        i = pc.index(ok, False).as_py()
        raise MalformedData(
            f"{name}: line {i + 2}, column cast_code: {codes[i].as_py()} is not a Voteview "
            "cast code (0-9)",
            REMEDY,
        )
    return codes


def bill_key(text: str) -> str:
    """A bill number in any usual spelling as one key: ``H.R. 5323`` -> ``HR5323``.

    >>> [bill_key(t) for t in ("H.R. 5323", "hr5323", "H.Res.246", "S. 1")]
    ['HR5323', 'HR5323', 'HRES246', 'S1']
    """
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def ordinal(n: int) -> str:
    """>>> [ordinal(n) for n in (111, 117, 121, 122, 123)]
    ['111th', '117th', '121st', '122nd', '123rd']"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bill_label(key: str, congress: int) -> str | None:
    """A bill key as printed, with its congress: ``HR5323`` -> ``H.R. 5323 (117th)``.

    >>> bill_label("HRES246", 116), bill_label("PN47", 118), bill_label("", 118)
    ('H.Res. 246 (116th)', 'PN47 (118th)', None)
    """
    if not key:
        return None
    for prefix, printed in BILL_PREFIXES:
        number = key.removeprefix(prefix)
        if number != key and number.isdigit():
            return f"{printed} {number} ({ordinal(congress)})"
    return f"{key} ({ordinal(congress)})"


def parse_rollcalls(path: Path) -> pa.Table:
    name = path.name
    raw = read_strings(path)
    require(raw, ROLLCALL_COLUMNS, name)
    check_values(raw, "chamber", CHAMBERS, name)
    bills = [bill_key(b) for b in raw.column("bill_number").to_pylist()]
    if any(not b for b in bills):
        i = bills.index("")
        raise MalformedData(f"{name}: line {i + 2}, column bill_number: empty", REMEDY)
    clerk = optional_text(raw, "clerk_rollnumber")
    return pa.table(
        {
            "congress": to_int(raw, "congress", name, pa.int16()),
            "chamber": raw.column("chamber"),
            "rollnumber": to_int(raw, "voteview_rollnumber", name),
            "clerk_session": pc.cast(optional_text(raw, "clerk_session"), pa.int16()),
            "clerk_rollnumber": pc.cast(clerk, pa.int32()),
            "date": to_date(raw, "date", name),
            "bill": pa.array(bills, pa.string()),
            "measure": optional_text(raw, "measure"),
            "title": optional_text(raw, "title"),
            "question": optional_text(raw, "vote_question"),
            "result": optional_text(raw, "vote_result"),
            "yea": to_int(raw, "yea", name, pa.int16()),
            "nay": to_int(raw, "nay", name, pa.int16()),
            "present": to_int(raw, "present", name, pa.int16()),
            "not_voting": to_int(raw, "not_voting", name, pa.int16()),
            "metadata_source": optional_text(raw, "metadata_source"),
        }
    )


def parse_member_votes(path: Path) -> pa.Table:
    name = path.name
    raw = read_strings(path)
    require(raw, VOTE_COLUMNS, name)
    check_values(raw, "chamber", CHAMBERS, name)
    codes = cast_codes(raw, name)
    return pa.table(
        {
            "congress": to_int(raw, "congress", name, pa.int16()),
            "chamber": raw.column("chamber"),
            "rollnumber": to_int(raw, "rollnumber", name),
            "icpsr": to_int(raw, "icpsr", name),
            "name": pc.utf8_trim_whitespace(raw.column("bioname")),
            "bioguide_id": optional_text(raw, "bioguide_id"),
            "party": pc.utf8_trim_whitespace(raw.column("party")),
            "state": pc.utf8_trim_whitespace(raw.column("state_abbrev")),
            "district": pc.cast(optional_text(raw, "district_code"), pa.int16()),
            "cast_code": codes,
            "position": pa.array([cast_position(c) for c in codes.to_pylist()], pa.string()),
        }
    )


# ------------------------------------------------------------------ the official files


def _chambers(raw: pa.Table, name: str, allowed: set[str]) -> None:
    check_values(raw, "chamber", allowed, name)


def parse_official_rollcalls(path: Path) -> pa.Table:
    """``H117_rollcalls.csv`` -> roll calls with the published yea/nay counts (present and
    not voting come from the member votes, in :func:`combine`)."""
    name = path.name
    raw = read_strings(path)
    require(raw, OFFICIAL_COLUMNS["rollcalls"], name)
    _chambers(raw, name, CHAMBERS)
    congress = to_int(raw, "congress", name, pa.int16())
    bills = [bill_key(b) for b in raw.column("bill_number").to_pylist()]
    labels = [bill_label(b, c) for b, c in zip(bills, congress.to_pylist(), strict=True)]
    desc = optional_text(raw, "vote_desc")
    session = optional_text(raw, "session")
    return pa.table(
        {
            "congress": congress,
            "chamber": text(raw, "chamber"),
            "rollnumber": to_int(raw, "rollnumber", name),
            "clerk_session": pc.cast(pc.replace_substring_regex(session, r"\.0+$", ""),
                                     pa.int16()),
            "clerk_rollnumber": pc.cast(
                pc.replace_substring_regex(optional_text(raw, "clerk_rollnumber"), r"\.0+$", ""),
                pa.int32(),
            ),
            "date": to_date(raw, "date", name),
            "bill": pa.array(bills, pa.string()),
            "measure": pa.array(labels, pa.string()),
            "title": pc.coalesce(desc, optional_text(raw, "dtl_desc")),
            "question": optional_text(raw, "vote_question"),
            "result": optional_text(raw, "vote_result"),
            "yea": to_int(raw, "yea_count", name, pa.int16()),
            "nay": to_int(raw, "nay_count", name, pa.int16()),
            "metadata_source": pa.array([f"Voteview {name}"] * raw.num_rows, pa.string()),
        }
    )  # fmt: skip


VOTE_TYPES = {"congress": pa.int16(), "chamber": pa.string(), "rollnumber": pa.int32(),
              "icpsr": pa.int32(), "cast_code": pa.int8()}  # fmt: skip


def _typed_votes(path: Path) -> pa.Table | None:
    """The votes file read straight into its types (the common case, about twice as fast
    as reading text and casting), or None when anything is off: the strict reading below
    then names the first bad line."""
    try:
        table = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                include_columns=list(VOTE_TYPES), column_types=VOTE_TYPES
            ),
        )
    except (pa.ArrowInvalid, OSError):
        return None
    low, high = (v.as_py() for v in pc.min_max(table.column("cast_code")).values())
    fine = (
        all(c.null_count == 0 for c in table.columns)
        and pc.all(pc.is_in(table.column("chamber"), value_set=pa.array(sorted(CHAMBERS)))).as_py()
        and (low is None or (low >= 0 and high <= 9))
    )
    return table.select(list(VOTE_TYPES)) if fine else None


def parse_official_votes(path: Path) -> pa.Table:
    """``H117_votes.csv`` -> one row per member and roll call with the cast code."""
    if path.suffix == ".csv" and (typed := _typed_votes(path)) is not None:
        return typed
    name = path.name
    raw = read_strings(path, encoded=True)
    require(raw, OFFICIAL_COLUMNS["votes"], name)
    _chambers(raw, name, CHAMBERS)
    codes = cast_codes(raw, name)
    return pa.table(
        {
            "congress": to_int(raw, "congress", name, pa.int16()),
            "chamber": pc.cast(text(raw, "chamber"), pa.string()),
            "rollnumber": to_int(raw, "rollnumber", name),
            "icpsr": to_int(raw, "icpsr", name),
            "cast_code": codes,
        }
    )


def parse_official_members(path: Path) -> pa.Table:
    """``H117_members.csv`` -> who each ICPSR number is in that congress and chamber."""
    name = path.name
    raw = read_strings(path)
    require(raw, OFFICIAL_COLUMNS["members"], name)
    _chambers(raw, name, MEMBER_CHAMBERS)
    parties = to_int(raw, "party_code", name)
    names = pa.array([PARTIES.get(c, f"party code {c}") for c in parties.to_pylist()], pa.string())
    district = pc.replace_substring_regex(optional_text(raw, "district_code"), r"\.0+$", "")
    return pa.table(
        {
            "congress": to_int(raw, "congress", name, pa.int16()),
            "chamber": text(raw, "chamber"),
            "icpsr": to_int(raw, "icpsr", name),
            "name": text(raw, "bioname"),
            "bioguide_id": optional_text(raw, "bioguide_id"),
            "party": names,
            "state": text(raw, "state_abbrev"),
            "district": pc.cast(district, pa.int16()),
        }
    )


MEMBER_VOTES = """
    SELECT v.congress, v.chamber, v.rollnumber, v.icpsr, m.name, m.bioguide_id, m.party,
           m.state, CASE WHEN v.chamber = 'House' THEN m.district END AS district,
           v.cast_code,
           CASE WHEN v.cast_code BETWEEN 1 AND 3 THEN 'yea'
                WHEN v.cast_code BETWEEN 4 AND 6 THEN 'nay'
                WHEN v.cast_code IN (7, 8) THEN 'present'
                WHEN v.cast_code = 9 THEN 'not voting'
                ELSE 'not a member' END AS position
    FROM votes v JOIN members m USING (congress, chamber, icpsr)
    ORDER BY v.congress, v.chamber, v.rollnumber, v.icpsr  -- in key order: the store's
"""  # primary key index then builds in about 60% of the time (benchmarks/bench_voteview.py)
ROLLCALLS = """
    SELECT r.congress, r.chamber, r.rollnumber, r.clerk_session, r.clerk_rollnumber, r.date,
           r.bill, r.measure, r.title, r.question, r.result, r.yea, r.nay,
           coalesce(c.present, 0)::SMALLINT AS present,
           coalesce(c.not_voting, 0)::SMALLINT AS not_voting, r.metadata_source
    FROM rollcalls r LEFT JOIN (
        SELECT congress, chamber, rollnumber,
               count(*) FILTER (position = 'present') AS present,
               count(*) FILTER (position = 'not voting') AS not_voting
        FROM member_votes GROUP BY ALL
    ) c USING (congress, chamber, rollnumber)
"""


def combine(parts: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The parsed files -> the ``rollcalls`` and ``member_votes`` tables the store loads.

    The mirror's joined subset passes through; the official per-congress files are joined
    here: each vote to its member (by congress, chamber and ICPSR number; the President's
    positions dropped), and each roll call to the present and not-voting counts of its
    votes. A congress whose three files are not all there, or a vote by an ICPSR number its
    members file lacks, is refused: a roll call would otherwise be silently incomplete.
    """
    if "rollcalls" in parts or "member_votes" in parts:
        return {k: parts[k] for k in ("rollcalls", "member_votes") if k in parts}
    groups: dict[str, dict[str, pa.Table]] = {}
    for key, table in parts.items():
        prefix, _, kind = key.partition("_")
        groups.setdefault(prefix, {})[kind] = table
    if not groups:
        return {}
    for prefix, got in sorted(groups.items()):
        missing = sorted(set(OFFICIAL) - set(got))
        if missing:
            raise MalformedData(
                f"voteview: {prefix} has no {' or '.join(missing)} file",
                "Voteview may not publish that congress yet; set UNTALLY_VOTEVIEW_CONGRESSES "
                "to congresses it publishes, e.g. 113-119",
            )
    kinds = {k: pa.concat_tables(g[k] for g in groups.values()) for k in OFFICIAL}
    con = duckdb.connect()
    try:
        for kind, table in kinds.items():
            con.register(kind, table)
        orphans = con.execute(
            "SELECT v.congress, v.chamber, v.icpsr, count(*) FROM votes v "
            "ANTI JOIN members m USING (congress, icpsr) GROUP BY ALL ORDER BY ALL LIMIT 1"
        ).fetchall()
        if orphans:
            congress, chamber, icpsr, n = orphans[0]
            raise MalformedData(
                f"voteview: {n} votes in the {ordinal(congress)} Congress ({chamber}) by ICPSR "
                f"{icpsr}, who is not in its members file",
                "the Voteview files are from different releases; run `untally sync` again",
            )
        member_votes = con.sql(MEMBER_VOTES).to_arrow_table()
        con.register("member_votes", member_votes)
        rollcalls = con.sql(ROLLCALLS).to_arrow_table()
    finally:
        con.close()
    return {"rollcalls": rollcalls, "member_votes": member_votes}


def official_files(
    congresses: Iterable[int] = (113, 114, 115, 116, 117, 118, 119),
    chambers: Iterable[str] = ("H", "S"),
) -> tuple[SourceFile, ...]:
    """Voteview's three files per congress and chamber, fetched only by an online sync."""
    return tuple(
        SourceFile(
            key=f"{chamber}{congress}_{kind}",
            url=template.format(chamber=chamber, congress=f"{congress:03d}"),
            mirror_path=f"voteview/{chamber}{congress:03d}_{kind}.csv",
            optional=True,
            in_mirror=False,
        )
        for congress in congresses
        for chamber in chambers
        for kind, template in OFFICIAL.items()
    )


def parse(key: str, path: Path) -> pa.Table:
    if key == "rollcalls":
        return parse_rollcalls(path)
    if key == "member_votes":
        return parse_member_votes(path)
    kind = key.partition("_")[2]
    if kind == "rollcalls":
        return parse_official_rollcalls(path)
    return parse_official_votes(path) if kind == "votes" else parse_official_members(path)


def source(
    congresses: Iterable[int] = (113, 114, 115, 116, 117, 118, 119),
    chambers: Iterable[str] = ("H", "S"),
) -> Source:
    """The Voteview source reading the official files of these congresses and chambers."""
    return Source(
        name="voteview",
        title="Voteview: US House and Senate roll calls and member votes",
        publisher=f"Voteview, UCLA ({SITE}), from the Clerk of the House and the Senate",
        terms="Roll-call votes are public records; cite Voteview (Lewis et al.)",
        files=(
            SourceFile(key="rollcalls", url=None, mirror_path=ROLLCALLS_PATH, optional=True),
            SourceFile(key="member_votes", url=None, mirror_path=VOTES_PATH, optional=True),
            *official_files(congresses, chambers),
        ),
        parse=parse,
        combine=combine,
    )


SOURCE = source()
