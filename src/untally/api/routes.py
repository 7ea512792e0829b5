"""The ``/api`` endpoints: each parses its parameters, asks the record one question and
returns the answer's model (or CSV, where a table is asked for)."""

from __future__ import annotations

import csv
import io
import threading
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from untally.answers.assembly import Agreement, AssemblyScope, IdealPoints, Isolation
from untally.answers.check import MAX_TEXT_BYTES
from untally.answers.council import COUNTERFACTUAL_NAMES, Counterfactual
from untally.answers.members import MemberProfile
from untally.answers.us import AidRanking, AidSeries, ArmsShares, RollCall
from untally.answers.vetoes import CONVENTIONS, STATS_BY, Veto, VetoCount, VetoQuery, VetoStats
from untally.api import MAX_LIMIT, record_for
from untally.errors import UntallyError
from untally.record import Decision, Info

router = APIRouter()

Since = Annotated[date | None, Query(description="First date, YYYY-MM-DD.")]
Until = Annotated[date | None, Query(description="Last date (the cut-off), YYYY-MM-DD.")]
Member = Annotated[str | None, Query(max_length=80, description="ISO3 code or name.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]


class VetoPage(BaseModel):
    """One page of the vetoed drafts a query selects (convention `drafts`)."""

    convention: str
    filter: str
    cutoff: date | None
    record_ends: date | None
    total: int
    limit: int
    offset: int
    vetoes: list[Veto]


def veto_query(
    member: str | None,
    topic: str | None,
    since: date | None,
    until: date | None,
    seat: bool,
    lone: bool | None,
) -> VetoQuery:
    return VetoQuery(member=member, topic=topic, since=since, until=until, seat=seat, lone=lone)


def to_csv(rows: list[dict[str, Any]], filename: str) -> Response:
    buffer = io.StringIO()
    columns = list(rows[0]) if rows else []
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
        )
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/vetoes", response_model=VetoPage, responses={200: {"content": {"text/csv": {}}}})
def vetoes(
    request: Request,
    member: Member = None,
    topic: Annotated[str | None, Query(max_length=80)] = None,
    since: Since = None,
    until: Until = None,
    seat: bool = False,
    lone: Annotated[bool | None, Query(description="true: lone only; false: joint")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Vetoed drafts (the Library's veto list and its supplement) with tallies and who else
    voted no; the CLI's filters. ``format=csv`` returns every row selected as CSV."""
    answer = record_for(request).veto_list(veto_query(member, topic, since, until, seat, lone))
    if format == "csv":
        rows = [
            {"convention": answer.convention, **v.model_dump(mode="json")} for v in answer.vetoes
        ]
        return to_csv(rows, "vetoes.csv")
    return VetoPage(
        convention=answer.convention,
        filter=answer.filter,
        cutoff=answer.cutoff,
        record_ends=answer.record_ends,
        total=len(answer.vetoes),
        limit=limit,
        offset=offset,
        vetoes=answer.vetoes[offset : offset + limit],
    )


@router.get("/vetoes/count", response_model=VetoCount)
def vetoes_count(
    request: Request,
    member: Member = None,
    topic: Annotated[str | None, Query(max_length=80)] = None,
    since: Since = None,
    until: Until = None,
    seat: bool = False,
    lone: bool | None = None,
    # Literal[TUPLE] takes the values from their one place (FastAPI reads them at run time);
    # mypy wants a Literal spelled out, hence the ignore
    convention: Literal[CONVENTIONS] = "drafts",  # type: ignore[valid-type]
) -> VetoCount:
    """How many vetoes, counted under a named convention, with every draft counted."""
    q = veto_query(member, topic, since, until, seat, lone)
    return record_for(request).veto_count(q, convention)


@router.get("/vetoes/stats", response_model=VetoStats)
def vetoes_stats(
    request: Request,
    by: Literal[STATS_BY] = "member",  # type: ignore[valid-type]  # as `convention` above
    member: Member = None,
    topic: Annotated[str | None, Query(max_length=80)] = None,
    since: Since = None,
    until: Until = None,
) -> VetoStats:
    """Vetoes grouped by member, year, decade or topic, under every convention at once."""
    q = veto_query(member, topic, since, until, False, None)
    return record_for(request).veto_stats(by, q)


@router.get("/decisions/{symbol:path}", response_model=list[Decision])
def decisions(
    request: Request,
    symbol: Annotated[str, Path(max_length=80, description="S/RES/242(1967), S/2020/852")],
) -> list[Decision]:
    """The whole vote on a Security Council resolution or draft: each member's vote, the
    outcome, the Charter rules' verdict, links to the UN record."""
    return record_for(request).show(symbol)


@router.get("/members/{code}", response_model=MemberProfile)
def members(
    request: Request, code: Annotated[str, Path(max_length=80, description="USA, France...")]
) -> MemberProfile:
    """A member by code or name, with the vetoes it cast (convention `drafts`)."""
    return record_for(request).member(code)


@router.get("/agreement", response_model=Agreement)
def agreement(
    request: Request,
    members: Annotated[
        list[str], Query(min_length=1, max_length=6, description="One state to rank; 2–6: pairs")
    ],
    convention: Literal[
        "state-dept",
        "state-dept-2017",
        "state-dept-2021",
        "state-dept-report",
        "all-votes",
        "agreement-index",
    ] = "state-dept",
    since: Since = None,
    until: Until = None,
    year: Annotated[int | None, Query(ge=1946, le=2100)] = None,
    by: Literal["year", "session", "all"] = "year",
    top: Annotated[int, Query(ge=0, le=200)] = 20,
    least: bool = False,
) -> Agreement:
    """How often states voted the same way in the General Assembly, under a named
    convention: one state ranks the others; two or more give every pair per period."""
    scope = AssemblyScope(since=since, until=until, year=year)
    return record_for(request).agreement(
        members, convention, scope, by=by, top=top or None, least=least
    )


@router.get("/isolation", response_model=Isolation)
def isolation(
    request: Request,
    member: Annotated[str, Query(max_length=80)],
    max_with: Annotated[int, Query(ge=0, le=50)] = 3,
    vote: Annotated[list[Literal["Y", "N", "A"]] | None, Query()] = None,
    since: Since = None,
    until: Until = None,
    year: Annotated[int | None, Query(ge=1946, le=2100)] = None,
) -> Isolation:
    """Recorded Assembly votes where a state voted alone or nearly alone."""
    scope = AssemblyScope(since=since, until=until, year=year)
    return record_for(request).isolation(
        member, max_with=max_with, positions=tuple(vote or ["N"]), scope=scope
    )


IDEAL_MAX_YEARS = 25
_fits: dict[tuple[Any, ...], IdealPoints] = {}
_fit_lock = threading.Lock()


def ideal_points(request: Request, since: date, until: date | None) -> IdealPoints:
    """Every state's ideal points in a period, fitted once per period and process."""
    span = ((until or date.today()) - since).days / 365.25
    if span > IDEAL_MAX_YEARS or span < 0:
        raise UntallyError(
            f"ideal points over {span:.0f} years take too long to fit per request",
            f"ask for at most {IDEAL_MAX_YEARS} years (the CLI fits the whole record)",
        )
    key = (request.app.state.opened, since, until)  # a new file (a sync) is fitted anew
    with _fit_lock:
        if key not in _fits:
            scope = AssemblyScope(since=since, until=until)
            _fits[key] = record_for(request).idealpoints(None, scope)
        return _fits[key]


@router.get("/idealpoints", response_model=IdealPoints)
def idealpoints(
    request: Request,
    members: Annotated[list[str] | None, Query(max_length=20)] = None,
    since: Annotated[date, Query(description="First date (at most 25 years before until).")] = (
        date(2010, 1, 1)
    ),
    until: Until = None,
) -> IdealPoints:
    """One-dimensional ideal points per state and session (dynamic ordered IRT), fitted on
    every Assembly vote in the period (cached per period)."""
    from untally.members import resolve

    fit = ideal_points(request, since, until)
    codes = [resolve(m).code for m in members or []]
    if not codes:
        return fit
    missing = [c for c in codes if c not in {p.member for p in fit.points}]
    if missing:
        raise UntallyError(f"no ideal point for {', '.join(missing)} in {fit.scope}")
    return fit.model_copy(
        update={"members": codes, "points": [p for p in fit.points if p.member in codes]}
    )


@router.get("/counterfactual/{rule}", response_model=Counterfactual)
def counterfactual(
    request: Request,
    rule: Literal[COUNTERFACTUAL_NAMES],  # type: ignore[valid-type]  # as in vetoes_count
    since: Since = None,
    until: Until = None,
) -> Counterfactual:
    """Every recorded vote whose outcome would change under another decision rule."""
    return record_for(request).counterfactual(rule, since, until)


class CheckRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_BYTES, description="The article.")
    as_of: date | None = Field(None, description="The article's date (default: its dateline).")


@router.post("/check")
def check(request: Request, body: Annotated[CheckRequest, Body()]) -> JSONResponse:
    """Every checkable claim about UN votes in a text, each with a verdict (supported,
    contradicted, partly supported, unverifiable), the convention, when the claimed value
    held, and the evidence."""
    from untally.claims.report import to_json

    report = record_for(request).check(body.text, body.as_of, source="pasted text")
    return JSONResponse(to_json(report))


@router.get("/provenance", response_model=Info)
def provenance(request: Request) -> Info:
    """What is loaded: coverage per source, row counts, and every file's URL and sha256."""
    return record_for(request).info()


# ------------------------------------------------------------ beyond the UN record

Kind = Literal["total", "military", "economic"]
Measure = Literal["obligations", "disbursements", "appropriations", "requests"]
Dollars = Literal["current", "constant"]
Year = Annotated[int | None, Query(ge=1900, le=2200, description="A fiscal or calendar year.")]


@router.get("/aid", response_model=AidRanking)
def aid_ranking(
    request: Request,
    year: Annotated[int, Query(ge=1900, le=2200, description="The fiscal year.")],
    top: Annotated[int, Query(ge=1, le=300)] = 10,
    kind: Kind = "total",
    measure: Measure = "obligations",
    dollars: Dollars = "current",
) -> AidRanking:
    """The top recipients of US aid in one fiscal year (regions and "World" left out), with
    the source, measure, dollar basis and fiscal-year basis."""
    return record_for(request).aid_top(year, top=top, kind=kind, measure=measure, dollars=dollars)


@router.get("/aid/{country}", response_model=AidSeries)
def aid(
    request: Request,
    country: Annotated[str, Path(max_length=80, description="ISO3 code or name: ISR")],
    since: Year = None,
    until: Year = None,
    kind: Kind = "total",
    measure: Measure = "obligations",
    dollars: Dollars = "current",
) -> AidSeries:
    """US aid to a country per fiscal year: ``total`` from ForeignAssistance.gov (any
    measure), ``military``/``economic`` from the USAID Greenbook (obligations; the mirror's
    copy is rounded to two significant figures from $10M)."""
    return record_for(request).aid(
        country, since=since, until=until, kind=kind, measure=measure, dollars=dollars
    )


@router.get("/arms/{recipient}", response_model=ArmsShares)
def arms(
    request: Request,
    recipient: Annotated[str, Path(max_length=80, description="ISR, or a SIPRI name")],
    by: Literal["supplier", "year"] = "supplier",
    since: Year = None,
    until: Year = None,
) -> ArmsShares:
    """Major arms delivered to a recipient by supplier (shares) or year, in SIPRI
    trend-indicator values (a volume index, not dollars), calendar years."""
    return record_for(request).arms(recipient, since=since, until=until, by=by)


@router.get("/congress/{bill}", response_model=list[RollCall])
def congress(
    request: Request,
    bill: Annotated[str, Path(max_length=40, description="H.R.5323, H.Res.246")],
    congress: Annotated[int | None, Query(ge=1, le=200, description="e.g. 117")] = None,
) -> list[RollCall]:
    """Roll calls on a bill: the published tally, each party's tally, who voted no and every
    member's vote (Voteview)."""
    return list(record_for(request).congress(bill, congress))
