"""Beyond the UN record: US aid, arms transfers and congressional roll calls.

Every figure these answers carry names its source, its measure (obligations,
disbursements, appropriations, requests; TIV for arms), its dollar basis (current, or
constant dollars of a named fiscal year) and its year basis (US fiscal year, or calendar
year), so the CLI, the API, the web pages and the claim checker print the same conventions.
``Record.aid(...).total_usd`` with ``.convention`` is the figure a money claim is compared
with; ``Record.us_facts()`` lists the figures only official documents state.
"""

from __future__ import annotations

import contextlib
import csv
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from untally.answers import Answer, Rows
from untally.errors import NotFound, UnknownMember, UntallyError

if TYPE_CHECKING:
    from untally.store.db import Store

KINDS = ("total", "military", "economic")
MEASURES = ("obligations", "disbursements", "appropriations", "requests")
DOLLARS = ("current", "constant")
ARMS_BY = ("supplier", "year")
FISCAL_YEAR = "US fiscal year (1 October to 30 September)"
CALENDAR_YEAR = "calendar year of delivery"
FA_GOV = "ForeignAssistance.gov, Country Summary (USAID / State Department)"
GREENBOOK = "USAID Greenbook, U.S. Overseas Loans and Grants"
SIPRI = "SIPRI Arms Transfers Database"
VOTEVIEW = "Voteview (from the Clerk of the House and the Senate roll-call records)"
MAX_TOP = 300
MAX_BILLS_LISTED = 10


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    text = (value or "").strip().lower()
    if text not in allowed:
        raise UntallyError(f"unknown {what} {value!r}", f"use one of: {', '.join(allowed)}")
    return text


def _year(value: int | None, what: str) -> int | None:
    if value is not None and not 1900 <= value <= 2200:
        raise UntallyError(f"{what} {value} is out of range", "give a year such as 2000")
    return value


class AidYear(Answer):
    """One fiscal year's aid; ``economic_usd``/``military_usd`` only from the Greenbook."""

    fiscal_year: int
    amount_usd: int
    economic_usd: int | None = None
    military_usd: int | None = None


class AidSeries(Answer):
    """US aid to one country over fiscal years, under named conventions; ``total_usd`` is the
    sum of ``rows``."""

    country: str
    name: str
    kind: str  # total | military | economic
    measure: str
    dollars: str  # current | constant
    dollar_basis: str  # "current US dollars" or "constant FY2023 US dollars"
    year_basis: str
    since: int | None
    until: int | None
    first_year: int | None
    last_year: int | None
    total_usd: int
    source: str
    source_url: str
    notes: list[str]
    rows: list[AidYear]

    @property
    def convention(self) -> str:
        """The figure's conventions in one phrase (what a claim's verdict names)."""
        return f"{self.kind} aid, {self.measure}, {self.dollar_basis}, {self.year_basis}"


class AidFigure(Answer):
    """One aid total under one set of conventions (a row of ``Record.aid_figures``)."""

    country: str
    kind: str
    measure: str
    dollars: str
    dollar_basis: str
    since: int | None
    until: int | None
    first_year: int | None
    last_year: int | None
    total_usd: int
    convention: str
    source: str
    notes: list[str]


class AidRank(Answer):
    rank: int
    code: str
    name: str
    amount_usd: int


class AidRanking(Answer):
    """Countries ranked by US aid in one fiscal year (regions and "World" left out)."""

    fiscal_year: int
    kind: str
    measure: str
    dollars: str
    dollar_basis: str
    year_basis: str
    source: str
    source_url: str
    notes: list[str]
    rows: list[AidRank]


class ArmsRow(Answer):
    """One supplier's (or year's) deliveries: TIV in millions, and its share of the total."""

    label: str
    code: str | None
    tiv: float
    share: float | None
    first_year: int
    last_year: int


class ArmsShares(Answer):
    """Arms delivered to one recipient, by supplier or by year, as SIPRI TIV (not dollars)."""

    recipient: str
    recipient_names: list[str]
    by: str
    since: int | None
    until: int | None
    unit: str
    year_basis: str
    total_tiv: float
    source: str
    source_url: str
    notes: list[str]
    rows: list[ArmsRow]


class PartyTally(Answer):
    party: str
    yea: int
    nay: int
    present: int
    not_voting: int


class CongressMember(Answer):
    name: str
    party: str
    state: str
    district: int | None
    position: str


class RollCall(Answer):
    """One roll call: the published tally, the tally of the member votes, each party's
    tally and every member's vote (``.to_arrow()``: one row per member)."""

    congress: int
    chamber: str
    rollnumber: int
    clerk_rollnumber: int | None
    date: date
    bill: str
    measure: str | None
    title: str | None
    question: str | None
    result: str | None
    yea: int
    nay: int
    present: int
    not_voting: int
    counted: PartyTally  # the member rows' own tally (party "all")
    parties: list[PartyTally]
    nays: list[CongressMember]
    source: str
    source_url: str
    members: list[CongressMember]


class USFact(Answer):
    """A figure an official document states and no dataset holds (the facts ledger)."""

    fact_id: str
    country: str | None
    topic: str
    statement: str
    value: float | None
    unit: str | None
    dollars: str | None
    measure: str | None
    fiscal_years: str | None
    document: str
    document_date: str
    location: str | None
    url: str
    official: bool


@cache
def _facts() -> tuple[USFact, ...]:
    text = resources.files("untally.data").joinpath("us_facts.csv").read_text()
    out = []
    for r in csv.DictReader(text.splitlines()):
        out.append(
            USFact(
                **{k: (v or None) for k, v in r.items() if k not in ("value", "official")},
                value=float(r["value"]) if r["value"] else None,
                official=r["official"] == "yes",
            )
        )
    return tuple(out)


class USAnswers:
    """US aid, arms and Congress questions (a mixin of :class:`untally.record.Record`)."""

    store: Store

    def _require(self, table: str, what: str) -> None:
        if not self.store.scalar(
            f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{table}'"
        ) or not self.store.scalar(f"SELECT count(*) FROM {table}"):
            raise NotFound(
                f"the record holds no {what}",
                "sync from a mirror with us_support/ (`untally sync --from DIR`)",
            )

    def _aid_code(self, country: str, kind: str) -> tuple[str, str]:
        from untally.analytics.us_support import aid_codes
        from untally.members import resolve

        text = (country or "").strip()
        if not text:
            raise UntallyError("the country is empty", "name a country, e.g. ISR or Israel")
        codes = aid_codes(self.store.con, kind)
        if text.upper() in codes:
            code = text.upper()
        else:
            try:
                code = resolve(text).code
            except UnknownMember as exc:
                raise UnknownMember(
                    f"unknown country {text!r}", exc.remedy or "use an ISO3 code such as ISR"
                ) from None
        if code not in codes:
            raise NotFound(
                f"no US aid rows for {code} in the {'aid' if kind == 'total' else 'Greenbook'} "
                "table",
                "check the code (ISO3, e.g. ISR); `untally aid --year 2020 --top 10` lists some",
            )
        table = "us_aid" if kind == "total" else "us_aid_greenbook"
        column = "country_code" if kind == "total" else "iso3"
        name_col = "country_name" if kind == "total" else "country"
        name = self.store.scalar(
            f"SELECT any_value({name_col}) FROM {table} WHERE {column} = ?", [code]
        )
        return code, name

    def _aid_conventions(self, kind: str, measure: str, dollars: str) -> tuple[str, list[str]]:
        from untally.analytics.us_support import constant_base

        notes: list[str] = []
        if kind != "total" and measure != "obligations":
            raise UntallyError(
                f"no {kind} aid as {measure}: the military/economic split is only in the "
                "Greenbook, which reports obligations",
                f"use --measure obligations with --kind {kind}, or --kind total",
            )
        if dollars == "current":
            basis = "current US dollars"
        else:
            base = constant_base(self.store.con, kind, measure)
            basis = f"constant FY{base} US dollars" if base else "constant US dollars"
        if kind == "total":
            notes.append(
                "ForeignAssistance.gov revises recent fiscal years as agencies report; the "
                "latest years may be incomplete"
            )
        elif not self.store.scalar(  # the official file's amounts are exact
            "SELECT count(*) FROM provenance WHERE source = 'greenbook' AND file = 'official'"
        ):
            from untally.sources.greenbook import ROUNDED_NOTE

            notes.append(ROUNDED_NOTE)
        return basis, notes

    def aid(
        self,
        country: str,
        *,
        since: int | None = None,
        until: int | None = None,
        kind: str = "total",
        measure: str = "obligations",
        dollars: str = "current",
    ) -> AidSeries:
        """US aid to ``country`` per fiscal year from ``since`` to ``until`` (inclusive),
        with the total: the figure and every convention it rests on."""
        from untally.analytics.us_support import aid_series, aid_years
        from untally.sources.fa_gov import SITE

        kind = _choice(kind, KINDS, "kind")
        measure = _choice(measure, MEASURES, "measure")
        dollars = _choice(dollars, DOLLARS, "dollar basis")
        since, until = _year(since, "--since"), _year(until, "--until")
        if since is not None and until is not None and since > until:
            raise UntallyError(f"the period starts ({since}) after it ends ({until})",
                               "swap --since and --until")  # fmt: skip
        self._require("us_aid" if kind == "total" else "us_aid_greenbook",
                      "US aid data" if kind == "total" else "Greenbook data")  # fmt: skip
        code, name = self._aid_code(country, kind)
        basis, notes = self._aid_conventions(kind, measure, dollars)
        span = aid_years(self.store.con, kind, measure)
        data = f"the {measure} data" if kind == "total" else "the Greenbook's data"
        if span is None:
            raise NotFound(f"the record holds no {measure} data", "use --measure obligations")
        if since is not None and since > span[1]:
            raise NotFound(f"{data} end in FY{span[1]}", f"ask for --since {span[1]} or earlier")
        if until is not None and until < span[0]:
            raise NotFound(f"{data} start in FY{span[0]}", f"ask for --until {span[0]} or later")
        if since is None or since < span[0]:
            notes.append(f"{data} start in FY{span[0]}: earlier years are not counted")
        table = aid_series(self.store.con, code, since=since, until=until, kind=kind,
                           measure=measure, dollars=dollars)  # fmt: skip
        rows = [AidYear(fiscal_year=r["fiscal_year"], amount_usd=r["amount"],
                        economic_usd=r["economic"], military_usd=r["military"])
                for r in table.to_pylist()]  # fmt: skip
        return AidSeries(
            country=code, name=name, kind=kind, measure=measure, dollars=dollars,
            dollar_basis=basis, year_basis=FISCAL_YEAR, since=since, until=until,
            first_year=rows[0].fiscal_year if rows else None,
            last_year=rows[-1].fiscal_year if rows else None,
            total_usd=sum(r.amount_usd for r in rows),
            source=FA_GOV if kind == "total" else GREENBOOK, source_url=SITE,
            notes=notes, rows=rows,
        )  # fmt: skip

    def aid_figures(
        self,
        country: str,
        *,
        since: int | None = None,
        until: int | None = None,
        kind: str = "total",
    ) -> Rows[AidFigure]:
        """The same period's total under every measure and dollar basis the sources hold
        (the Greenbook's kinds: obligations only), so a claimed figure can be matched to the
        conventions under which it holds and shown beside those under which it does not."""
        kind = _choice(kind, KINDS, "kind")
        measures = MEASURES if kind == "total" else ("obligations",)
        out = []
        for measure in measures:
            for dollars in DOLLARS:
                try:
                    a = self.aid(country, since=since, until=until, kind=kind,
                                 measure=measure, dollars=dollars)  # fmt: skip
                except NotFound:
                    continue  # e.g. a measure whose data end before the period
                out.append(
                    AidFigure(
                        country=a.country,
                        kind=kind,
                        measure=measure,
                        dollars=dollars,
                        dollar_basis=a.dollar_basis,
                        since=since,
                        until=until,
                        first_year=a.first_year,
                        last_year=a.last_year,
                        total_usd=a.total_usd,
                        convention=a.convention,
                        source=a.source,
                        notes=a.notes,
                    )
                )
        return Rows(out, AidFigure)

    def aid_top(
        self,
        year: int,
        *,
        top: int = 10,
        kind: str = "total",
        measure: str = "obligations",
        dollars: str = "current",
    ) -> AidRanking:
        """The ``top`` recipients of US aid in fiscal year ``year``."""
        from untally.analytics.us_support import aid_ranking, aid_years
        from untally.sources.fa_gov import SITE

        kind = _choice(kind, KINDS, "kind")
        measure = _choice(measure, MEASURES, "measure")
        dollars = _choice(dollars, DOLLARS, "dollar basis")
        _year(year, "--year")
        if not 1 <= top <= MAX_TOP:
            raise UntallyError(f"--top {top} is out of range", f"give 1 to {MAX_TOP}")
        self._require("us_aid" if kind == "total" else "us_aid_greenbook",
                      "US aid data" if kind == "total" else "Greenbook data")  # fmt: skip
        basis, notes = self._aid_conventions(kind, measure, dollars)
        span = aid_years(self.store.con, kind, measure)
        if span and not span[0] <= year <= span[1]:
            raise NotFound(f"no {measure} data for FY{year}",
                           f"the data cover FY{span[0]} to FY{span[1]}")  # fmt: skip
        table = aid_ranking(self.store.con, year, kind=kind, measure=measure, dollars=dollars,
                            top=top)  # fmt: skip
        rows = [AidRank(rank=i, code=r["code"], name=r["name"], amount_usd=r["amount"])
                for i, r in enumerate(table.to_pylist(), start=1)]  # fmt: skip
        return AidRanking(
            fiscal_year=year, kind=kind, measure=measure, dollars=dollars, dollar_basis=basis,
            year_basis=FISCAL_YEAR, source=FA_GOV if kind == "total" else GREENBOOK,
            source_url=SITE, notes=notes, rows=rows,
        )  # fmt: skip

    def arms(
        self,
        to: str,
        *,
        since: int | None = None,
        until: int | None = None,
        by: str = "supplier",
    ) -> ArmsShares:
        """Major arms delivered to ``to`` (SIPRI TIV), by supplier or year, with shares."""
        from untally.analytics.us_support import arms_recipient_names, arms_shares, arms_years
        from untally.members import resolve
        from untally.sources.sipri import DATABASE_URL, TIV_NOTE

        by = _choice(by, ARMS_BY, "grouping")
        since, until = _year(since, "--since"), _year(until, "--until")
        if since is not None and until is not None and since > until:
            raise UntallyError(f"the period starts ({since}) after it ends ({until})",
                               "swap --since and --until")  # fmt: skip
        text = (to or "").strip()
        if not text:
            raise UntallyError("the recipient is empty", "name a state, e.g. ISR")
        self._require("arms_transfers", "SIPRI arms-transfer data")
        code = None
        with contextlib.suppress(UnknownMember):
            code = resolve(text).code
        names = arms_recipient_names(self.store.con, code, text)
        if not names:
            raise NotFound(
                f"no SIPRI arms deliveries to {text!r} in the record",
                "use a state's code or SIPRI's name for it (e.g. ISR, Israel)",
            )
        span = arms_years(self.store.con)
        if span and since is not None and since > span[1]:
            raise NotFound(
                f"the SIPRI data end in {span[1]}", f"ask for --since {span[1]} or earlier"
            )
        table = arms_shares(self.store.con, names, since=since, until=until, by=by)
        rows = [
            ArmsRow(label=r["label"], code=r["code"], tiv=r["tiv"], share=r["share"],
                    first_year=r["first"], last_year=r["last"])
            for r in table.to_pylist()
        ]  # fmt: skip
        return ArmsShares(
            recipient=code or names[0], recipient_names=names, by=by, since=since, until=until,
            unit="millions of SIPRI TIV", year_basis=CALENDAR_YEAR,
            total_tiv=sum(r.tiv for r in rows), source=SIPRI, source_url=DATABASE_URL,
            notes=[TIV_NOTE, "a 0 means deliveries under 0.5 million TIV"], rows=rows,
        )  # fmt: skip

    def congress(self, bill: str, congress: int | None = None) -> Rows[RollCall]:
        """Every roll call on ``bill`` (``H.R.5323``, ``H.Res. 246``) in the record."""
        from untally.analytics.us_support import (
            loaded_bills,
            member_votes,
            party_tally,
            roll_calls,
        )
        from untally.sources.voteview import SITE, bill_key

        key = bill_key(bill or "")
        if not key or len(key) > 20:
            raise UntallyError(f"{bill!r} is not a bill number", "write it like H.R.5323")
        if congress is not None and not 1 <= congress <= 200:
            raise UntallyError(f"congress {congress} is out of range", "give e.g. 117")
        self._require("congress_rollcalls", "congressional roll calls")
        found = roll_calls(self.store.con, key, congress)
        if not found:
            bills = [m for m, _ in loaded_bills(self.store.con)]
            where = f" in the {congress}th Congress" if congress else ""
            held = "; ".join(bills[:MAX_BILLS_LISTED])
            if len(bills) > MAX_BILLS_LISTED:  # an online sync holds every roll call
                held = f"roll calls on {len(bills):,} measures, e.g. {held}"
            raise NotFound(
                f"no roll call on {bill.strip()}{where} in the record",
                f"the record holds: {held}",
            )
        out = []
        for r in found:
            args = (r["congress"], r["chamber"], r["rollnumber"])
            members = [CongressMember(**{k: m[k] for k in CongressMember.model_fields})
                       for m in member_votes(self.store.con, *args).to_pylist()]  # fmt: skip
            parties = [PartyTally(**p) for p in party_tally(self.store.con, *args).to_pylist()]
            counted = PartyTally(
                party="all", **{k: sum(getattr(p, k) for p in parties)
                                for k in ("yea", "nay", "present", "not_voting")},
            )  # fmt: skip
            out.append(
                RollCall(
                    **{k: r[k] for k in RollCall.model_fields if k in r},
                    counted=counted,
                    parties=parties,
                    nays=[m for m in members if m.position == "nay"],
                    source=VOTEVIEW,
                    source_url=SITE,
                    members=members,
                )
            )
        return Rows(out, RollCall)

    def us_facts(self, country: str | None = None, topic: str | None = None) -> Rows[USFact]:
        """The facts ledger: figures official documents state (MOU amounts, CRS totals)."""
        facts = [
            f
            for f in _facts()
            if (country is None or (f.country or "").upper() == country.strip().upper())
            and (topic is None or f.topic == topic)
        ]
        return Rows(facts, USFact)
