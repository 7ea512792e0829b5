"""Voeten's issue codes (R unvotes, in the mirror) beside untally's Assembly topics, on the
recorded votes both hold: matched by session, resolution number and part, whole-resolution
roll calls only (not amendments or paragraph votes), the closest date when several match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CODES = ("me", "nu", "di", "co", "hr", "ec")

MATCH = """
WITH rc AS (
    SELECT rcid::BIGINT AS rcid, session::INTEGER AS session, date::DATE AS date,
           regexp_extract(unres, '^R/\\d+/(\\d+)([A-Z]*)', 1) AS num,
           regexp_extract(unres, '^R/\\d+/(\\d+)([A-Z]*)', 2) AS part
    FROM read_csv($calls, all_varchar = true)
    WHERE coalesce(amend, '0') = '0' AND coalesce(para, '0') = '0'
),
ga AS (
    SELECT vote_id, session_no AS session, date,
           regexp_extract(resolution, '^A/RES/(?:\\d+/)?(\\d+)', 1) AS num,
           regexp_extract(resolution, '^A/RES/(?:\\d+/)?\\d+(?:\\([IVXL]+\\))?\\s*([A-Z]*)', 1)
               AS part
    FROM ga_resolutions WHERE resolution NOT LIKE 'A/RES/ES-%' AND resolution NOT LIKE 'A/RES/S-%'
)
SELECT vote_id, arg_min(rcid, abs(date_diff('day', ga.date, rc.date))) AS rcid
FROM ga JOIN rc USING (session, num, part)
WHERE num <> '' AND abs(date_diff('day', ga.date, rc.date)) <= 31
GROUP BY vote_id
"""


def agreement(con: Any, ours: Any, unvotes: str | Path) -> list[dict[str, Any]]:
    """Per issue code: the overlap, Voeten's and untally's positives, both, and agreement."""
    unvotes = Path(unvotes)
    pairs = con.execute(MATCH, {"calls": str(unvotes / "un_roll_calls.csv")}).fetchall()
    theirs: dict[str, set[int]] = {c: set() for c in CODES}
    for rcid, code in con.execute(
        "SELECT rcid::BIGINT, short_name FROM read_csv($p, all_varchar = true)",
        {"p": str(unvotes / "un_roll_call_issues.csv")},
    ).fetchall():
        if code in theirs:
            theirs[code].add(rcid)
    mine: dict[str, set[int]] = {c: set() for c in CODES}
    for vote_id, topic in zip(
        ours.column("vote_id").to_pylist(), ours.column("topic").to_pylist(), strict=True
    ):
        if topic in mine:
            mine[topic].add(vote_id)
    rows = []
    for code in CODES:
        both = yes_v = yes_u = agree = 0
        for vote_id, rcid in pairs:
            v, u = rcid in theirs[code], vote_id in mine[code]
            yes_v += v
            yes_u += u
            both += v and u
            agree += v == u
        n = len(pairs)
        rows.append(
            {
                "code": code, "overlap": n, "voeten": yes_v, "untally": yes_u, "both": both,
                "agreement": agree / n if n else None,
                "precision": both / yes_u if yes_u else None,
                "recall": both / yes_v if yes_v else None,
            }
        )  # fmt: skip
    return rows
