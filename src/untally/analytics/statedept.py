"""The State Department's *Voting Practices in the United Nations*: each report's own method.

The reports changed what they count three times, so "X voted with the US N% of the time in
YEAR" has one right reading per year: the method of the report for that calendar year. An
:class:`Era` holds one method as values (universe, scoring, rounding); :func:`era_of` picks it
by year, and ``state-dept-report`` in :mod:`untally.analytics.coincidence` applies it vote by
vote. Every rule below was checked against the printed tables 2013–2020 (see
docs/general-assembly.md, "Against the reports' own tables", and
``scripts/statedept_reproduction.py``).

Categories are those of the reports' tables, always from the US side (``partner``):
identical, opposite, partial (before 2017: the other state abstained) and absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pyarrow as pa

PARTNER = "USA"  # the reports compare every member with the United States

REPORT_INDEX = "https://www.state.gov/voting-practices-in-the-united-nations/"


@dataclass(frozen=True)
class Era:
    """One report method: which votes count, how they score and how the figure is printed."""

    name: str  # e.g. "reports for 2017–2019"
    first: int | None  # first calendar year the method covers (None: every earlier year)
    last: int | None  # last calendar year (None: every later year)
    scoring: str  # the coincidence convention that scores a counted vote
    method: str  # the method in one line, as the reports print it
    partner_yes_no_only: bool  # only votes where the partner voted yes or no are in the table
    absent_on_abstention_is_partial: bool  # one abstains, the other is absent: partial (½)
    decimals: int  # the printed percentage's decimals (rounded half up)
    separate_votes: bool = False  # votes on a paragraph or an amendment count too

    def covers(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last
        )

    def label(self) -> str:
        return f"State Department {self.name}: {self.method}"


ERAS = (
    Era(
        "reports before 2017",
        None,
        2016,
        "state-dept",
        "identical / (identical + opposite) over the recorded plenary votes where the US voted "
        "yes or no, separate votes on paragraphs and amendments included; abstentions and "
        "absences excluded; printed to 0.1%",
        partner_yes_no_only=True,
        absent_on_abstention_is_partial=False,
        decimals=1,
        separate_votes=True,
    ),
    Era(
        "reports for 2017–2019",
        2017,
        2019,
        "state-dept-2017",
        "(same + ½ partial) / (same + opposite + partial) over the year's final recorded "
        "plenary votes; same includes both abstaining, partial is one abstaining; absences "
        "excluded; printed to whole percent",
        partner_yes_no_only=False,
        absent_on_abstention_is_partial=False,
        decimals=0,
    ),
    Era(
        "report for 2020",
        2020,
        2020,
        "state-dept-2017",
        "as 2017–2019, and a state absent when the US abstained counts as partial (½); "
        "printed to whole percent",
        partner_yes_no_only=False,
        absent_on_abstention_is_partial=True,
        decimals=0,
    ),
    Era(
        "reports from 2021",
        2021,
        None,
        "state-dept-2021",
        "(same + ½ partial + ½ absent) / every recorded plenary vote of the year; absences "
        "count half and stay in the denominator (a state absent all year scores 50%); printed "
        "to whole percent",
        partner_yes_no_only=False,
        absent_on_abstention_is_partial=False,
        decimals=0,
    ),
)

# Votes a report left out of its table although they are recorded plenary votes of its
# year: symbol -> (report year, why). Found by leaving each vote of the year out in turn;
# only this one makes every country's counts equal the printed ones.
LEFT_OUT = {
    "A/RES/72/245": (
        2017,
        "Rights of the child, 24 December 2017 (162-0-1): not among the 2017 report's 93 "
        "final plenary votes; without it all 192 countries' counts match, with it none does",
    ),
}


def era_of(year: int) -> Era:
    """The report method for a calendar year."""
    return next(e for e in ERAS if e.covers(year))


def separate_until() -> int | None:
    """The last year whose report counted separate (paragraph and amendment) votes: the 2017
    report moved to final votes only."""
    years = [e.last for e in ERAS if e.separate_votes]
    return max((y for y in years if y is not None), default=None)


def eras_in(years: np.ndarray | list[int]) -> list[Era]:
    """The eras a set of vote years falls in, oldest first."""
    found = {int(y) for y in np.unique(np.asarray(years))}
    return [e for e in ERAS if any(e.covers(y) for y in found)]


def describe(years: np.ndarray | list[int] | None = None) -> str:
    """The methods that apply to ``years`` (every era when None), one phrase each."""
    eras = list(ERAS) if years is None or not len(years) else eras_in(years)
    return "; ".join(e.label() for e in eras)


def printed(value: float | None, year: int) -> str | None:
    """The percentage as the report for ``year`` prints it (rounded half up, like the tables:
    every printed figure 2013–2020 that agrees with its own counts is rounded this way)."""
    if value is None:
        return None
    digits = era_of(year).decimals
    scaled = np.floor(100 * value * 10**digits + 0.5 + 1e-9) / 10**digits
    return f"{scaled:.{digits}f}%"


def left_out_ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Record ids of the votes in :data:`LEFT_OUT` present in the store."""
    keys = [s.replace(" ", "").upper() for s in LEFT_OUT]
    rows = con.execute(
        "SELECT vote_id FROM ga_resolutions WHERE list_has_any(symbols, ?::VARCHAR[])", [keys]
    ).fetchall()
    return [r[0] for r in rows]


def in_universe(
    years: np.ndarray, partner_votes: np.ndarray | None, left_out: np.ndarray
) -> np.ndarray:
    """Which votes a report counts: not left out, and before 2017 only where the partner
    voted yes or no (``partner_votes`` holds vote codes 1..4, 0 = no row)."""
    keep = ~left_out
    if partner_votes is not None:
        before = np.array([era_of(int(y)).partner_yes_no_only for y in years], dtype=bool)
        keep &= ~before | np.isin(partner_votes, (1, 2))
    return keep


def categories(partner: np.ndarray, other: np.ndarray, years: np.ndarray) -> dict[str, np.ndarray]:
    """Per vote (and member, when ``other`` is votes × members), which column of a report's
    table it falls in, as boolean masks. Vote codes 1..4 = Y, N, A, X; 0 = no row (not a
    member then: in no column). ``partner`` is one vote column, ``years`` each vote's year."""
    if other.ndim == 2:
        partner = partner[:, None]
    lenient = np.array([era_of(int(y)).absent_on_abstention_is_partial for y in years], bool)
    lenient = lenient.reshape(-1, *([1] * (other.ndim - 1)))
    both = (partner > 0) & (other > 0)
    absent = both & ((partner == 4) | (other == 4))
    abstains = (partner == 3) | (other == 3)
    partial = both & abstains & (partner != other) & (~absent | lenient)
    absent &= ~partial
    identical = both & ~absent & (partner == other)
    opposite = both & ~absent & ~partial & ~identical
    return {"identical": identical, "opposite": opposite, "partial": partial, "absent": absent}


def table(con: duckdb.DuckDBPyConnection, year: int, partner: str = PARTNER) -> pa.Table:
    """The report's table for ``year`` recomputed from the record: one row per other member
    with identical, opposite, partial (before 2017: the member abstained), absences, the
    value under the year's method and the percentage as the report prints it."""
    from untally.analytics.coincidence import VoteFilter, load_report_matrix

    era = era_of(year)
    where = VoteFilter(since=date(year, 1, 1), until=date(year, 12, 31))
    m = load_report_matrix(con, where)
    keep = np.array([c != partner and (m.codes[:, j] > 0).any() for j, c in enumerate(m.members)])
    cat = categories(m.column(partner), m.codes[:, keep], m.years)
    n = {k: v.sum(axis=0).astype(np.int64) for k, v in cat.items()}
    points = n["identical"] + 0.5 * n["partial"]
    counted = n["identical"] + n["opposite"] + n["partial"]
    if era.scoring == "state-dept":  # abstentions are out of the figure
        points, counted = n["identical"].astype(float), n["identical"] + n["opposite"]
    elif era.scoring == "state-dept-2021":
        points, counted = points + 0.5 * n["absent"], counted + n["absent"]
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(counted > 0, points / np.maximum(counted, 1), np.nan)
    value_list = [None if np.isnan(v) else float(v) for v in values]
    return pa.table(
        {
            "member": pa.array(np.array(m.members, dtype=object)[keep], pa.string()),
            "identical": n["identical"],
            "opposite": n["opposite"],
            "partial": n["partial"],
            "absences": n["absent"],
            "value": pa.array(value_list, pa.float64()),
            "printed": pa.array([printed(v, year) for v in value_list], pa.string()),
        }
    )


# --------------------------------------------------------------------------- the printed tables


@dataclass(frozen=True)
class Row:
    """One country in one report: the printed counts and figure against untally's."""

    year: int
    member: str
    country: str  # as printed
    printed_counts: tuple[int, int, int, int]  # identical, opposite, partial, absences
    counts: tuple[int, int, int, int]  # the same, recomputed from the record
    printed: str
    ours: str | None
    printing_error: str | None  # the report disagrees with itself: why

    @property
    def counts_equal(self) -> bool:
        return self.printed_counts == self.counts

    @property
    def differences(self) -> tuple[int, ...]:
        """Printed minus recomputed, column by column."""
        return tuple(p - c for p, c in zip(self.printed_counts, self.counts, strict=True))

    @property
    def gap(self) -> float | None:
        """Printed minus untally's percentage, both as printed (points)."""
        if self.ours is None:
            return None
        return float(self.printed.rstrip("%")) - float(self.ours.rstrip("%"))

    @property
    def within_one_point(self) -> bool:
        return self.gap is not None and abs(self.gap) <= 1 + 1e-9


def figure_of(counts: tuple[int, int, int, int], year: int) -> float | None:
    """The value a report's method gives for its own printed counts."""
    identical, opposite, partial, absent = counts
    scoring = era_of(year).scoring
    if scoring == "state-dept":
        n = identical + opposite
        return identical / n if n else None
    points, n = identical + partial / 2, identical + opposite + partial
    if scoring == "state-dept-2021":
        points, n = points + absent / 2, n + absent
    return points / n if n else None


def printing_error(counts: tuple[int, int, int, int], printed_text: str, year: int,
                   total: int) -> str | None:  # fmt: skip
    """Why a printed row contradicts itself, or None: its counts do not add up to the year's
    votes (``total``, the most common row sum), or its percentage is not what its counts give
    under the report's method."""
    if sum(counts) != total:
        return f"printed counts add up to {sum(counts)}, not {total}"
    own = printed(figure_of(counts, year), year)
    if own != printed_text:
        return f"printed {printed_text}, its own counts give {own}"
    return None


def reproduce(con: duckdb.DuckDBPyConnection, tables: pa.Table) -> list[Row]:
    """Every printed row (:func:`untally.sources.statedept.read_printed`) against the same
    table recomputed from the record under the year's report method."""
    from collections import Counter

    out = []
    for year in sorted(set(tables.column("year").to_pylist())):
        rows = [r for r in tables.to_pylist() if r["year"] == year]
        ours = {r["member"]: r for r in table(con, year).to_pylist()}
        keys = ("identical", "opposite", "abstentions", "absences")
        total = Counter(sum(r[k] for k in keys) for r in rows).most_common(1)[0][0]
        for r in rows:
            p = tuple(r[k] for k in keys)
            o = ours.get(r["member"])
            c = (o["identical"], o["opposite"], o["partial"], o["absences"]) if o else (0,) * 4
            out.append(
                Row(
                    year=year,
                    member=r["member"],
                    country=r["country"],
                    printed_counts=p,
                    counts=c,
                    printed=r["printed"],
                    ours=o["printed"] if o else None,
                    printing_error=printing_error(p, r["printed"], year, total),
                )
            )
    return out


def votes_counted(con: duckdb.DuckDBPyConnection, year: int) -> int:
    """How many of the record's votes of ``year`` the report's method counts (its universe)."""
    from untally.analytics.coincidence import VoteFilter, load_report_matrix

    where = VoteFilter(since=date(year, 1, 1), until=date(year, 12, 31))
    return len(load_report_matrix(con, where).vote_ids)
