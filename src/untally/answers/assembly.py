"""General Assembly questions: agreement between states under a named convention, isolated
votes, and ideal points. Every answer carries the data it used per source and their notes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from untally.answers import Answer
from untally.errors import UntallyError

if TYPE_CHECKING:
    from untally.store.db import Store

AGREEMENT_CONVENTIONS = (
    "state-dept", "state-dept-2017", "state-dept-2021", "state-dept-report", "all-votes",
    "agreement-index",
)  # fmt: skip


def describe_convention(name: str) -> str:
    """An agreement convention's definition in one line; an unknown name raises the one-line
    error that lists the conventions."""
    from untally.analytics import coincidence as co

    return co.DESCRIPTIONS[co.convention_of(name)]


class AssemblyScope(Answer, frozen=True):
    """Which recorded Assembly votes count; ``year`` and ``session`` are shorthands."""

    since: date | None = None
    until: date | None = None
    year: int | None = None
    session: int | None = None
    topic: str | None = None  # a substring of the title, agenda item or subjects

    @field_validator("year")
    @classmethod
    def _year_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 1945 <= value <= 9999:
            raise UntallyError(f"year {value} is out of range", "give a year from 1946 on")
        return value

    @field_validator("session")
    @classmethod
    def _session_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 999:
            raise UntallyError(
                f"session {value} is out of range", "give a regular session number, e.g. 75"
            )
        return value

    @field_validator("topic")
    @classmethod
    def _topic_given(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise UntallyError("the topic is empty", "leave --topic out for all, or give a word")
        if value is not None and len(value) > 200:
            raise UntallyError(
                f"a topic of {len(value):,} characters", "give a word or phrase of a title"
            )
        return value


class DataUsed(Answer):
    """One source's share of the votes an answer used: dates, votes and note."""

    source: str
    first: date | None
    last: date | None
    votes: int
    note: str | None


class AgreementFigure(Answer):
    """``value`` = ``points`` / ``n_votes`` under ``convention``; ``n_both`` = recorded votes
    on which both were members; ``value`` is None when nothing was counted."""

    a: str
    b: str
    period: str
    convention: str
    value: float | None
    points: float
    n_votes: int
    n_both: int
    note: str | None = None
    name: str | None = None  # the other state's name (rankings)
    method: str | None = None  # state-dept-report: the report method(s) of the period's years
    printed: str | None = None  # state-dept-report, one year: as that year's report prints it

    @property
    def percent(self) -> str | None:
        return None if self.value is None else f"{100 * self.value:.1f}%"


class ReportFigure(Answer):
    """A state's agreement with the US in one calendar year as the State Department's report
    for that year computes it (``state-dept-report``): the report's universe of votes, its
    scoring and its rounding, with the four counts its table prints."""

    member: str
    name: str
    partner: str
    year: int
    convention: str
    method: str  # the method of the report for ``year``, in one line
    value: float | None  # None when no vote is counted
    printed: str | None  # as the report prints it: "96.8%" before 2017, "94%" after
    identical: int
    opposite: int
    partial: int  # before 2017: votes on which ``member`` abstained
    absences: int
    n_votes: int  # recorded votes in the report's universe that year
    data_used: list[DataUsed]
    notes: list[str]
    coverage: str


class Agreement(Answer):
    """Agreement between states: per period for two or more, or a ranking for one."""

    convention: str
    description: str
    scope: str
    by: str  # year | session | all | rank
    members: list[str]
    data_used: list[DataUsed]
    notes: list[str]
    coverage: str  # the data used in one line, as captions print it
    results: list[AgreementFigure]
    overall: list[AgreementFigure] = Field(
        default_factory=list
    )  # over the whole scope (pairs only)
    sparklines: dict[str, str] = Field(
        default_factory=dict
    )  # pair -> trend, one character per period (0–100%)


class IsolatedVote(Answer):
    vote_id: int
    resolution: str
    date: date | None
    year: int | None = None
    session: int | str | None = None
    vote: str
    n_with: int
    joined: list[str]
    yes: int
    no: int
    abstain: int
    non_voting: int | None = None
    title: str | None
    url: str | None = None

    @property
    def tally(self) -> str:
        return f"{self.yes}-{self.no}-{self.abstain}"


class Isolation(Answer):
    """Recorded votes where ``member`` voted one of ``positions`` with at most ``max_with``
    others casting the same vote."""

    member: str
    definition: str
    max_with: int
    positions: list[str]
    scope: str
    n_considered: int
    data_used: list[DataUsed]
    notes: list[str]
    coverage: str
    votes: list[IsolatedVote]


class IdealPoint(Answer):
    member: str
    session: int
    year: int
    ideal: float
    sd: float
    n_votes: int
    published: float | None = None


class Comparison(Answer):
    release: str
    overall_r: float
    n: int
    median_session: float
    per_session: list[dict[str, Any]]


class IdealPoints(Answer):
    """One-dimensional ideal points per state and session, with how they were fitted."""

    model: str
    seed: int
    omega: float
    iterations: int
    converged: bool
    seconds: float
    n_votes: int
    n_items: int
    n_bridged: int
    scope: str
    members: list[str]
    data_used: list[DataUsed]
    notes: list[str]
    coverage: str
    comparison: Comparison | None
    points: list[IdealPoint]


def _filter(scope: AssemblyScope) -> Any:
    from untally.analytics.coincidence import VoteFilter

    start, stop = scope.since, scope.until
    if scope.year is not None:
        if scope.since or scope.until:
            raise UntallyError("--year cannot be combined with --since/--until", "use one")
        start, stop = date(scope.year, 1, 1), date(scope.year, 12, 31)
    if start and stop and start > stop:
        raise UntallyError(f"the period starts ({start}) after it ends ({stop})", "swap them")
    return VoteFilter(
        since=start,
        until=stop,
        sessions=(scope.session, scope.session) if scope.session is not None else None,
        topic=scope.topic,
    )


def _used(spans: list[Any]) -> tuple[list[DataUsed], list[str], str]:
    from untally.store.ga import describe_spans

    return (
        [DataUsed(**asdict(s)) for s in spans],
        [s.note for s in spans if s.note],
        describe_spans(list(spans)),
    )


def _report_methods(spans: list[Any]) -> str:
    """The State Department methods of the years the data used covers."""
    from untally.analytics import statedept as sd

    years = [d.year for s in spans for d in (s.first, s.last) if d is not None]
    if not years:
        return sd.describe()
    return sd.describe(list(range(min(years), max(years) + 1)))


def _figure(c: Any, **extra: Any) -> AgreementFigure:
    return AgreementFigure(**asdict(c), **extra)


def plot_agreement(answer: Agreement, path: Path) -> Path:
    """Draw a pairs answer's agreement over time into ``path`` (.png or .svg)."""
    from untally.analytics.plots import plot_agreement as draw

    lines: dict[str, list[tuple[int, float | None]]] = {f"{c.a}–{c.b}": [] for c in answer.overall}
    for c in answer.results:
        lines[f"{c.a}–{c.b}"].append((int(c.period), c.value))
    return draw(
        lines,
        path,
        title=f"General Assembly agreement {', '.join(lines)}, {answer.scope}",
        convention=f"{answer.convention} ({answer.description})",
        by=answer.by,
    )


def check_figure_path(path: Path) -> None:
    """Refuse a figure path untally cannot write (before any long computation)."""
    from untally.analytics.plots import figure_path

    figure_path(path)


def plot_ideal_points(answer: IdealPoints, members: list[str], path: Path) -> Path:
    """Draw the ideal point tracks of ``members`` (default USA, RUS, CHN) into ``path``."""
    from untally.analytics.plots import plot_ideal_points as draw

    shown = members or ["USA", "RUS", "CHN"]
    series = {c: [(p.year, p.ideal, p.sd) for p in answer.points if p.member == c] for c in shown}
    published = (
        {
            c: [
                (p.year, p.published)
                for p in answer.points
                if p.member == c and p.published is not None
            ]
            for c in shown
        }
        if answer.comparison
        else None
    )
    return draw(
        series,
        path,
        title=f"General Assembly ideal points: {', '.join(shown)}",
        model=answer.model,
        published=published,
        release="Bailey, Strezhnev & Voeten, July 2023 release",
    )


class AssemblyAnswers:
    """Assembly questions (a mixin of :class:`untally.record.Record`)."""

    store: Store

    def agreement(
        self,
        members: list[str],
        convention: str = "state-dept",
        scope: AssemblyScope = AssemblyScope(),  # noqa: B008 - frozen
        *,
        by: str = "year",
        top: int | None = None,
        least: bool = False,
        seat: bool = False,
    ) -> Agreement:
        """How often states voted the same way, under a named convention.

        One state: every other state ranked over the scope (``top``, ``least``). Two or more:
        every pair per ``by`` (year, session or all) and overall.
        Example: ``record.agreement(["USA", "ISR"], scope=AssemblyScope(since=date(2000,1,1)))``
        """
        from untally.analytics import coincidence as co
        from untally.analytics import statedept as sd
        from untally.analytics.plots import sparkline
        from untally.members import resolve

        if not members:
            raise UntallyError("no state given", "name one state to rank, or two or more")
        if by not in ("year", "session", "all"):
            raise UntallyError(f"cannot group agreement by {by!r}", "use year, session or all")
        conv = co.convention_of(convention)
        where = _filter(scope)
        about = co.DESCRIPTIONS[conv]
        con = self.store.con
        report = conv is co.Convention.state_dept_report
        spans = co.data_used(con, where, separate_until=sd.separate_until() if report else None)
        data_used, notes, coverage = _used(spans)
        if report:
            about = _report_methods(spans)
        common = {
            "convention": conv.value,
            "description": about,
            "scope": where.describe(),
            "data_used": data_used,
            "notes": notes,
            "coverage": coverage,
        }
        if len(members) == 1:
            code = co.member_code(members[0])
            ranked = co.rank(con, code, conv, where=where, top=top or None, least=least, seat=seat)
            return Agreement(
                **common,
                by="rank",
                members=[code],
                results=[_figure(c, name=resolve(c.b).name) for c in ranked],
            )
        period = None if by == "all" else by
        results = co.pairs(con, members, conv, by=period, where=where, seat=seat)
        overall = co.pairs(con, members, conv, by=None, where=where, seat=seat)
        lines: dict[str, list[float | None]] = {f"{c.a}–{c.b}": [] for c in overall}
        if by != "all":
            for c in results:
                lines[f"{c.a}–{c.b}"].append(c.value)
        return Agreement(
            **common,
            by=by,
            members=[co.member_code(m) for m in members],
            results=[_figure(c) for c in results],
            overall=[_figure(c) for c in overall],
            sparklines={k: sparkline(v) for k, v in lines.items()} if by != "all" else {},
        )

    def report_agreement(self, member: str, year: int, partner: str = "USA") -> ReportFigure:
        """How often ``member`` voted with the US in calendar ``year``, as the State
        Department's report for that year computes and prints it (the answer to "X voted with
        the US N% of the time in YEAR"; ``method`` names the report's method).

        Example: ``record.report_agreement("Israel", 2020).printed`` is ``"91%"``
        """
        from untally.analytics import coincidence as co
        from untally.analytics import statedept as sd
        from untally.errors import NotFound
        from untally.members import resolve

        scope = AssemblyScope(year=year)  # validates the year
        code, other = co.member_code(member), co.member_code(partner)
        if code == other:
            raise UntallyError(f"{code} compared with itself", "name two different states")
        con = self.store.con
        spans = co.data_used(con, _filter(scope), separate_until=sd.separate_until())
        rows = sd.table(con, year, other).to_pylist()
        row = next((r for r in rows if r["member"] == code), None)
        if row is None:
            raise NotFound(
                f"{code} has no General Assembly vote in {year}", "check the member and the year"
            )
        data_used, notes, coverage = _used(spans)
        return ReportFigure(
            member=code,
            name=resolve(code).name,
            partner=other,
            year=year,
            convention=co.Convention.state_dept_report.value,
            method=sd.era_of(year).label(),
            value=row["value"],
            printed=row["printed"],
            identical=row["identical"],
            opposite=row["opposite"],
            partial=row["partial"],
            absences=row["absences"],
            n_votes=sd.votes_counted(con, year),
            data_used=data_used,
            notes=notes,
            coverage=coverage,
        )

    def isolation(
        self,
        member: str,
        *,
        max_with: int = 3,
        positions: tuple[str, ...] = ("N",),
        scope: AssemblyScope = AssemblyScope(),  # noqa: B008 - frozen
        seat: bool = False,
    ) -> Isolation:
        """Recorded votes where ``member`` voted alone or nearly alone, with who joined it."""
        from untally.analytics.isolation import isolation as find

        where = _filter(scope)
        positions = tuple(p.strip().upper() for p in positions)
        r = find(
            self.store.con, member, max_with=max_with, positions=positions, where=where, seat=seat
        )
        data_used, notes, coverage = _used(list(r.data_used))
        return Isolation(
            member=r.member,
            definition=r.definition,
            max_with=max_with,
            positions=list(positions),
            scope=r.scope,
            n_considered=r.n_considered,
            data_used=data_used,
            notes=notes,
            coverage=coverage,
            votes=[IsolatedVote(**v) for v in r.votes.to_pylist()],
        )

    def idealpoints(
        self,
        members: list[str] | None = None,
        scope: AssemblyScope = AssemblyScope(),  # noqa: B008 - frozen
        *,
        seed: int = 0,
        omega: float = 0.1,
        bridge: bool = True,
        max_iter: int = 1000,
        published: Path | None = None,
    ) -> IdealPoints:
        """Ideal points per state and session (dynamic ordered IRT fitted on every vote in
        scope: 5–7 s for 1946–2025); ``members`` selects the states shown."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from untally.analytics import idealpoints as ip
        from untally.analytics.coincidence import load_matrix, member_code

        where = _filter(scope)
        codes = [member_code(m) for m in members or []]
        con = self.store.con
        voted = set(load_matrix(con, where).members)
        missing = [c for c in codes if c not in voted]
        if missing:
            raise UntallyError(
                f"no ideal point for {', '.join(missing)}: no vote in {where.describe()}",
                "check the states and the period",
            )
        fit = ip.fit(con, where=where, seed=seed, omega=omega, bridge=bridge, max_iter=max_iter)
        table = fit.table
        if codes:
            missing = [c for c in codes if c not in set(table.column("member").to_pylist())]
            if missing:
                raise UntallyError(
                    f"no ideal point for {', '.join(missing)} in {where.describe()}",
                    "check the states and the period",
                )
            table = table.filter(pc.is_in(table.column("member"), pa.array(codes, pa.string())))
        comparison = None
        theirs: dict[tuple[str, int], float] = {}
        if published:
            pub = ip.read_published(published)
            c = ip.compare(fit, pub)
            comparison = Comparison(
                release=c.release,
                overall_r=c.overall,
                n=c.n,
                median_session=c.median_session,
                per_session=c.per_session.to_pylist(),
            )
            theirs = {
                (code, s): v
                for code, s, v in zip(
                    pub.column("iso3").to_pylist(),
                    pub.column("session").to_pylist(),
                    pub.column("ideal").to_pylist(),
                    strict=True,
                )
            }
        points = []
        for r in table.to_pylist():
            r["ideal"], r["sd"] = round(r["ideal"], 3), round(r["sd"], 3)
            if published:
                r["published"] = theirs.get(
                    (ip.published_code(r["member"], r["session"]), r["session"])
                )
            points.append(IdealPoint(**r))
        data_used, notes, coverage = _used(list(fit.data_used))
        return IdealPoints(
            model=fit.model,
            seed=fit.seed,
            omega=fit.omega,
            iterations=fit.iterations,
            converged=fit.converged,
            seconds=fit.seconds,
            n_votes=fit.n_votes,
            n_items=fit.n_items,
            n_bridged=fit.n_bridged,
            scope=fit.scope,
            members=codes,
            data_used=data_used,
            notes=notes,
            coverage=coverage,
            comparison=comparison,
            points=points,
        )
