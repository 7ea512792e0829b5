"""The web explorer: server-rendered pages over the same answers as ``/api``.

Each page parses its query string (so a URL is shareable), asks the record one question,
renders it with a Jinja2 template, and links its JSON twin (the ``/api`` URL with the same
query). Charts are Vega-Lite specs embedded in the page, drawn by the vendored vega-embed
in ``static/`` (no CDN); without JavaScript every chart's data is still in a table.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from untally.answers.assembly import AGREEMENT_CONVENTIONS, describe_convention
from untally.answers.check import MAX_TEXT_BYTES
from untally.answers.council import COUNTERFACTUAL_NAMES
from untally.answers.us import MEASURES
from untally.answers.vetoes import VetoQuery
from untally.errors import UntallyError

HERE = Path(__file__).parent
# Okabe–Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


@cache
def templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tojson_script"] = lambda v: json.dumps(v, default=str).replace("</", "<\\/")
    env.filters["usd"] = lambda v: "—" if v is None else f"{'-' if v < 0 else ''}${abs(v):,}"
    env.globals["palette"] = PALETTE
    return env


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    twin = context.pop("twin", None)
    html = templates().get_template(name).render(request=request, twin=twin, **context)
    return HTMLResponse(html, status_code=status)


def query_string(**params: Any) -> str:
    flat = []
    for k, v in params.items():
        for item in v if isinstance(v, list) else [v]:
            if item not in (None, "", False):
                flat.append((k, "true" if item is True else str(item)))
    return urlencode(flat)


def parse_day(text: str | None, what: str) -> date | None:
    """The one date parser (:mod:`untally.dates`): a partial ``until`` is its last day."""
    from untally.dates import parse_date

    return parse_date(text, what, end=what == "until") if text else None


def year_of(text: str | None, what: str) -> int | None:
    """A year (or a congress number) typed in a form; empty means none."""
    if text is None or not text.strip():
        return None
    if not text.strip().isdigit() or len(text.strip()) > 4:
        raise UntallyError(f"{what} {text!r} is not a year", "give a year such as 2000")
    return int(text)


def mount(app: FastAPI) -> None:
    """Add the pages and the static files to ``app``."""
    from untally.api import record_for, status_of

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def failure(request: Request, exc: UntallyError) -> HTMLResponse:
        return page(request, "error.html", status=status_of(exc), error=exc)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        record = record_for(request)
        info = record.info()
        latest = record.veto_list(VetoQuery()).vetoes[-10:][::-1]
        return page(request, "home.html", info=info, latest=latest, twin="/api/provenance")

    @app.get("/vetoes", response_class=HTMLResponse, include_in_schema=False)
    def vetoes(
        request: Request,
        member: str | None = None,
        topic: str | None = None,
        since: str | None = None,
        until: str | None = None,
        lone: str | None = None,
    ) -> Response:
        params = {"member": member, "topic": topic, "since": since, "until": until}
        lone_flag = {"lone": True, "joint": False}.get(lone or "")
        qs = query_string(**params, lone=lone_flag)
        try:
            q = VetoQuery(
                member=member or None,
                topic=topic or None,
                since=parse_day(since, "since"),
                until=parse_day(until, "until"),
                lone=lone_flag,
            )
            answer = record_for(request).veto_list(q)
        except UntallyError as exc:
            return failure(request, exc)
        chart = [{"year": v.date.year, "member": "+".join(v.vetoed_by)} for v in answer.vetoes]
        return page(
            request,
            "vetoes.html",
            answer=answer,
            params={**params, "lone": lone or ""},
            timeline=chart,
            csv=f"/api/vetoes?{query_string(**params, lone=lone_flag, format='csv')}",
            twin=f"/api/vetoes?{qs}",
        )

    @app.get("/decisions/{symbol:path}", response_class=HTMLResponse, include_in_schema=False)
    def decision(request: Request, symbol: str) -> Response:
        try:
            found = record_for(request).show(symbol)
        except UntallyError as exc:
            return failure(request, exc)
        return page(
            request, "decision.html", symbol=symbol, decisions=found,
            twin=f"/api/decisions/{symbol}",
        )  # fmt: skip

    @app.get("/members/{code}", response_class=HTMLResponse, include_in_schema=False)
    def member(
        request: Request,
        code: str,
        with_: Annotated[list[str] | None, Query(alias="with")] = None,
        convention: str = "state-dept-report",
    ) -> Response:
        try:
            profile = record_for(request).member(code)
            described = describe_convention(convention)
        except UntallyError as exc:
            return failure(request, exc)
        others = [w for w in with_ or [] if w] or (
            ["ISR", "GBR"] if profile.code == "USA" else ["USA"]
        )
        agreement_url = "/api/agreement?" + query_string(
            members=[profile.code, *others[:4]], since="1991-01-01", convention=convention
        )
        ideal_url = "/api/idealpoints?" + query_string(members=profile.code)
        return page(
            request, "member.html", profile=profile, others=others,
            agreement_url=agreement_url, ideal_url=ideal_url, twin=f"/api/members/{code}",
            convention=convention, conventions=AGREEMENT_CONVENTIONS, described=described,
        )  # fmt: skip

    @app.get("/counterfactual", response_class=HTMLResponse, include_in_schema=False)
    def counterfactual(
        request: Request,
        rule: str = "two-veto",
        since: str | None = None,
        until: str | None = None,
    ) -> Response:
        try:
            answer = record_for(request).counterfactual(
                rule, parse_day(since, "since"), parse_day(until, "until")
            )
        except UntallyError as exc:
            return failure(request, exc)
        qs = query_string(since=since, until=until)
        return page(
            request, "counterfactual.html", answer=answer, rules=COUNTERFACTUAL_NAMES,
            params={"rule": rule, "since": since or "", "until": until or ""},
            twin=f"/api/counterfactual/{rule}" + (f"?{qs}" if qs else ""),
        )  # fmt: skip

    @app.get("/aid", response_class=HTMLResponse, include_in_schema=False)
    def aid_form(request: Request, country: str = "ISR", since: str | None = None,
                 until: str | None = None, measure: str | None = None,
                 dollars: str | None = None) -> Response:  # fmt: skip
        """The form's GET: the country goes into the path, the rest stays a query."""
        from urllib.parse import quote

        from fastapi.responses import RedirectResponse

        qs = query_string(since=since, until=until, measure=measure, dollars=dollars)
        return RedirectResponse(
            f"/aid/{quote(country.strip() or 'ISR')}" + (f"?{qs}" if qs else "")
        )

    @app.get("/aid/{country}", response_class=HTMLResponse, include_in_schema=False)
    def aid(
        request: Request,
        country: str,
        since: str | None = None,
        until: str | None = None,
        measure: str = "obligations",
        dollars: str = "current",
    ) -> Response:
        record = record_for(request)
        try:
            first, last = year_of(since, "since"), year_of(until, "until")
            total = record.aid(country, since=first, until=last, measure=measure, dollars=dollars)
        except UntallyError as exc:
            return failure(request, exc)
        split, split_error = None, None
        try:
            split = record.aid(country, since=first, until=last, kind="military", dollars=dollars)
        except UntallyError as exc:
            split_error = str(exc)
        stacked = [
            {"fiscal_year": r.fiscal_year, "kind": kind, "usd": getattr(r, f"{kind}_usd")}
            for r in (split.rows if split else [])
            for kind in ("military", "economic")
        ]
        qs = query_string(since=first, until=last, measure=measure, dollars=dollars)
        split_url = f"/api/aid/{total.country}?" + query_string(
            since=first, until=last, kind="military", dollars=dollars
        )
        return page(
            request, "aid.html", total=total, split=split, split_error=split_error,
            stacked=stacked, split_url=split_url, measures=MEASURES,
            params={"since": first or "", "until": last or ""},
            twin=f"/api/aid/{total.country}" + (f"?{qs}" if qs else ""),
        )  # fmt: skip

    @app.get("/arms", response_class=HTMLResponse, include_in_schema=False)
    def arms_form(request: Request, to: str = "ISR", since: str | None = None,
                  until: str | None = None) -> Response:  # fmt: skip
        from urllib.parse import quote

        from fastapi.responses import RedirectResponse

        qs = query_string(since=since, until=until)
        return RedirectResponse(f"/arms/{quote(to.strip() or 'ISR')}" + (f"?{qs}" if qs else ""))

    @app.get("/arms/{recipient}", response_class=HTMLResponse, include_in_schema=False)
    def arms(
        request: Request, recipient: str, since: str | None = None, until: str | None = None
    ) -> Response:
        try:
            first, last = year_of(since, "since"), year_of(until, "until")
            answer = record_for(request).arms(recipient, since=first, until=last)
        except UntallyError as exc:
            return failure(request, exc)
        qs = query_string(since=first, until=last)
        return page(
            request, "arms.html", answer=answer,
            params={"since": first or "", "until": last or ""},
            twin=f"/api/arms/{recipient}" + (f"?{qs}" if qs else ""),
        )  # fmt: skip

    @app.get("/congress/{bill}", response_class=HTMLResponse, include_in_schema=False)
    def congress(request: Request, bill: str, congress: str | None = None) -> Response:
        try:
            number = year_of(congress, "congress")
            calls = record_for(request).congress(bill, number)
        except UntallyError as exc:
            return failure(request, exc)
        qs = query_string(congress=number)
        return page(
            request, "congress.html", bill=bill, calls=calls,
            twin=f"/api/congress/{bill}" + (f"?{qs}" if qs else ""),
        )  # fmt: skip

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_form(request: Request) -> Response:
        return page(
            request,
            "check.html",
            report=None,
            text="",
            twin="/api/docs#/default/check_api_check_post",
        )

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check(
        request: Request,
        text: str = Form(""),
        as_of: str = Form(""),
        file: UploadFile | None = None,
        format: str = Query("html"),
    ) -> Response:
        from starlette.concurrency import run_in_threadpool

        from untally.claims.inputs import decode, html_to_text, looks_like_html
        from untally.claims.report import segments, to_json

        try:
            label = "pasted text"
            if file is not None and file.filename:
                raw = await file.read(MAX_TEXT_BYTES + 1)
                if len(raw) > MAX_TEXT_BYTES:
                    raise UntallyError(
                        f"the file is over {MAX_TEXT_BYTES:,} bytes", "upload a shorter text"
                    )
                label = file.filename
                text = decode(raw, label)
                if looks_like_html(text):
                    text = html_to_text(text, label)
            if not text.strip():
                raise UntallyError("no text to check", "paste an article or upload a file")
            when = parse_day(as_of, "as of")
            record = record_for(request)
            report = await run_in_threadpool(record.check, text, when, source=label)
        except UntallyError as exc:
            if format == "json":
                return JSONResponse({"error": exc.problem, "remedy": exc.remedy}, status_of(exc))
            return page(request, "check.html", status=status_of(exc), report=None, text=text,
                        error=exc)  # fmt: skip
        data = to_json(report)
        if format == "json":
            return JSONResponse(data)
        return page(
            request, "check.html", report=report, data=data, segments=segments(report),
            text=text, as_of=as_of, twin=None,
        )  # fmt: skip
