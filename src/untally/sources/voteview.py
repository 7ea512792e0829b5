"""Voteview: roll calls of the US House and Senate and each member's vote.

Voteview (Lewis, Poole, Rosenthal, Boche, Rudkin and Sonnet, *Voteview: Congressional
Roll-Call Votes Database*) compiles the Clerk of the House's and the Senate's roll-call
records into per-congress files (:data:`VOTES_URL`, :data:`ROLLCALLS_URL`,
:data:`MEMBERS_URL`). The mirror holds only a subset, already joined: the roll calls
(``congress_israel_rollcalls.csv``: congress, chamber, Voteview and Clerk roll numbers,
date, bill, question, result and the published yea/nay/present/not-voting counts) and the
member votes on them (``congress_israel_member_votes.csv``: name, party, state, district
and Voteview's ``cast_code``). Because that joined layout is not Voteview's own, an online
sync skips these files (``url`` is ``None``) until the per-congress files are read.

``cast_code`` follows Voteview: 1-3 yea, 4-6 nay, 7-8 present, 9 not voting (0: not a
member at the time). Dates are calendar dates of the vote.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    REMEDY,
    MalformedData,
    check_values,
    optional_text,
    read_strings,
    require,
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


def bill_key(text: str) -> str:
    """A bill number in any usual spelling as one key: ``H.R. 5323`` -> ``HR5323``.

    >>> [bill_key(t) for t in ("H.R. 5323", "hr5323", "H.Res.246", "S. 1")]
    ['HR5323', 'HR5323', 'HRES246', 'S1']
    """
    return re.sub(r"[^A-Z0-9]", "", text.upper())


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
    codes = to_int(raw, "cast_code", name, pa.int8())
    ok = pc.less_equal(codes, 9)
    if not pc.all(ok).as_py():
        i = pc.index(ok, False).as_py()
        raise MalformedData(
            f"{name}: line {i + 2}, column cast_code: {codes[i].as_py()} is not a Voteview "
            "cast code (0-9)",
            REMEDY,
        )
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


def parse(key: str, path: Path) -> pa.Table:
    return parse_rollcalls(path) if key == "rollcalls" else parse_member_votes(path)


SOURCE = Source(
    name="voteview",
    title="Voteview: US House and Senate roll calls and member votes",
    publisher=f"Voteview, UCLA ({SITE}), from the Clerk of the House and the Senate",
    terms="Roll-call votes are public records; cite Voteview (Lewis et al.)",
    files=(
        SourceFile(key="rollcalls", url=None, mirror_path=ROLLCALLS_PATH, optional=True),
        SourceFile(key="member_votes", url=None, mirror_path=VOTES_PATH, optional=True),
    ),
    parse=parse,
)
