"""UN members past and present: one code per seat, every name the record uses for it.

Why this module exists
    The record names states in a dozen ways ("USSR", "Russian Federation", "the Russian
    Federation", "UK", "Zaire", "COTE D'IVOIRE", ...). Every name is turned into one code
    here, and only here, so counts never split one seat across two spellings.

Where the facts live
    ``untally/data/members.csv`` holds everything pycountry does not: former members (SUN,
    YUG, SCG, CSK, DDR, YMD and the non-ISO ZAN), former and common names, the dates a code
    held its seat, successors, the permanent seats, the two governments of the China seat,
    and the ISO entries that are *not* UN members (territories, observers), which keeps
    "every pycountry country minus those rows" equal to the 193 current members.

Conventions (each one changes how a name is counted, so each is stated)
    * Codes always mean themselves: ``resolve("RUS", on=1980-01-01)`` is RUS.
    * A *name* given with a date before its code held the seat means the seat holder then,
      found by following ``successor`` back: "Russian Federation", "Russia" and "Moscow" on
      a date before 1991-12-25 are SUN (the failed-drafts file writes "Russian Federation"
      for 1947 votes, which were the USSR's), "Serbia" in 2004 is SCG. Without a date a
      name means its current code.
    * Names of a former member stay with it: "USSR" and "Soviet Union" are SUN on any date.
    * CHN is one code for both governments of the China seat; :func:`seat_holder_name` says
      which one held it (Republic of China until GA res. 2758 of 1971-10-25).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import pycountry
from rapidfuzz import fuzz, process

from untally.errors import UnknownMember

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "Member",
    "is_permanent",
    "members_table",
    "permanent_members",
    "resolve",
    "seat_holder_name",
]

#: The Charter entered into force: no seat, permanent or not, existed before.
CHARTER_IN_FORCE = dt.date(1945, 10, 24)
_NOT_MEMBER_KINDS = frozenset({"observer", "non-member"})
_MEMBER_KINDS = frozenset({"state", "historical"})
_REMEDY = "use an ISO3 code or a name"


@dataclass(frozen=True)
class Member:
    """One UN seat under one code; ``valid_from``/``valid_until`` bound when the code held it
    (``None``: from admission, or still holds it)."""

    code: str
    name: str
    iso3: str | None
    kind: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    successor: str | None
    aliases: tuple[str, ...]

    def held_on(self, on: dt.date) -> bool:
        """Whether this code held its seat on ``on`` (admission dates are not known here)."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


@dataclass(frozen=True)
class _Entry:
    member: Member
    permanent: bool
    seat_holders: tuple[tuple[dt.date, str], ...]
    notes: str
    curated: tuple[str, ...] = ()  # names written in members.csv: they outrank pycountry's


@dataclass(frozen=True)
class _Index:
    entries: dict[str, _Entry]  # every code, members and non-members
    codes: dict[str, str]  # normalised ISO3 / ISO2 / file code -> code
    names: dict[str, str]  # normalised name or alias -> code
    predecessors: dict[str, tuple[str, ...]]
    choices: dict[str, str]  # spaced name -> code, members only, for suggestions


# --- Normalisation --------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Lower-case ASCII words: diacritics, apostrophes, dots, punctuation and "the" dropped."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).casefold()
    t = t.replace("&", " and ")
    t = re.sub(r"['’‘`´.]", "", t)  # "U.S." -> "us", "d'Ivoire" -> "divoire"
    t = re.sub(r"[^0-9a-z]+", " ", t)
    return ["saint" if w == "st" else w for w in t.split() if w != "the"]


def _key(text: str) -> str:
    """Spaces removed too, so "Cote d' Ivoire" and "Côte d'Ivoire" meet."""
    return "".join(_words(text))


def _variants(text: str) -> list[str]:
    """The text plus its un-inverted forms: "Korea, Republic of" and "Iran (Islamic Republic
    of)" as "Republic of Korea" and "Islamic Republic of Iran"."""
    out = [text]
    if "," in text:
        head, tail = text.split(",", 1)
        out.append(f"{tail} {head}")
    m = re.fullmatch(r"\s*(.*?)\s*\((.*)\)\s*", text)
    if m:
        out.append(f"{m[2]} {m[1]}")
    return out


# --- Loading --------------------------------------------------------------------------------


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split("|") if a.strip())


def _pycountry_names(country: object) -> list[str]:
    names = [getattr(country, f, None) for f in ("common_name", "name", "official_name")]
    return [n for n in names if n]


def _display_name(country: object) -> str:
    """pycountry's short name, un-inverted ("Korea, Republic of" would read oddly in a table)."""
    name = str(getattr(country, "common_name", None) or getattr(country, "name", ""))
    return _variants(name)[1].strip() if "," in name else name


def _read_file() -> list[dict[str, str]]:
    text = (resources.files("untally") / "data" / "members.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _entries() -> dict[str, _Entry]:
    """File rows first, then every pycountry country the file does not mention (a member)."""
    entries: dict[str, _Entry] = {}
    for row in _read_file():
        code = row["code"].strip().upper()
        iso3 = row["iso3"].strip().upper() or None
        country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
        extra = _pycountry_names(country) if country else []
        name = row["name"].strip() or (_display_name(country) if country else code)
        aliases = _dedupe([*_split(row["aliases"]), *extra], exclude=name)
        holders = tuple(
            (dt.date.fromisoformat(since.strip()), holder.strip())
            for since, holder in (h.split(":", 1) for h in _split(row["seat_holders"]))
        )
        member = Member(
            code=code,
            name=name,
            iso3=iso3,
            kind=row["kind"].strip(),
            valid_from=_date(row["valid_from"].strip()),
            valid_until=_date(row["valid_until"].strip()),
            successor=row["successor"].strip().upper() or None,
            aliases=aliases,
        )
        if code in entries:
            raise ValueError(f"members.csv: code {code} appears twice")
        permanent = row["permanent"].strip().lower() == "true"
        curated = (name, *_split(row["aliases"]))
        entries[code] = _Entry(member, permanent, holders, row["notes"].strip(), curated)
    for country in pycountry.countries:
        code = country.alpha_3
        if code not in entries:
            name = _display_name(country)
            aliases = _dedupe(_pycountry_names(country), exclude=name)
            member = Member(code, name, code, "state", None, None, None, aliases)
            entries[code] = _Entry(member, False, (), "")
    return entries


def _dedupe(names: Iterable[str], exclude: str) -> tuple[str, ...]:
    seen = {_key(exclude)}
    out = []
    for n in names:
        if _key(n) not in seen:
            seen.add(_key(n))
            out.append(n)
    return tuple(out)


def _add(layer: dict[str, str], ambiguous: set[str], key: str, code: str) -> None:
    """Keys that two codes claim are dropped: an ambiguous name must not guess."""
    if not key or key in ambiguous:
        return
    if layer.get(key, code) != code:
        ambiguous.add(key)
        del layer[key]
    else:
        layer[key] = code


def _claim(layer: dict[str, str], text: str, code: str) -> None:
    """Curated keys must be unambiguous: a clash is a bug in members.csv, reported at once."""
    key = _key(text)
    if layer.setdefault(key, code) != code:
        raise ValueError(f"members.csv: {text!r} names both {layer[key]} and {code}")


def _merge(high: dict[str, str], low: dict[str, str]) -> dict[str, str]:
    return {**low, **high}


@cache
def _index() -> _Index:
    """Built once: codes, then curated names, then pycountry names, then inverted forms."""
    entries = _entries()
    codes: dict[str, str] = {}
    for code, e in entries.items():
        for text in filter(None, (code, e.member.iso3)):
            _claim(codes, text, code)
    iso2: dict[str, str] = {}
    amb_iso2: set[str] = set()  # "CS" was Czechoslovakia, then Serbia and Montenegro
    for country in pycountry.countries:
        _add(iso2, amb_iso2, _key(country.alpha_2), country.alpha_3)
    for code, e in entries.items():
        old = pycountry.historic_countries.get(alpha_3=code)
        if e.member.kind == "historical" and old is not None:
            _add(iso2, amb_iso2, _key(old.alpha_2), code)
    codes = _merge(codes, iso2)

    curated: dict[str, str] = {}
    for code, e in entries.items():
        for text in e.curated:
            _claim(curated, text, code)
    listed: dict[str, str] = {}
    variants: dict[str, str] = {}
    amb_listed: set[str] = set()
    amb_variants: set[str] = set()
    for code, e in entries.items():
        found = _pycountry_names(c) if (c := pycountry.countries.get(alpha_3=code)) else []
        if e.member.kind == "historical" and (
            old := pycountry.historic_countries.get(alpha_3=code)
        ):
            found.append(old.name)
        for text in found:
            _add(listed, amb_listed, _key(text), code)
        for text in (e.member.name, *e.member.aliases):
            for v in _variants(text)[1:]:
                _add(variants, amb_variants, _key(v), code)
    names = _merge(curated, _merge(listed, variants))
    clashes = {k: (codes[k], names[k]) for k in codes.keys() & names.keys() if codes[k] != names[k]}
    if clashes:
        raise ValueError(f"members.csv: names that are also other states' codes: {clashes}")

    predecessors: dict[str, list[str]] = {}
    for code, e in entries.items():
        if e.member.successor:
            predecessors.setdefault(e.member.successor, []).append(code)
    choices = {
        " ".join(_words(text)): code
        for code, e in entries.items()
        if e.member.kind in _MEMBER_KINDS
        for text in (e.member.name, *e.member.aliases)
    }
    return _Index(entries, codes, names, {k: tuple(v) for k, v in predecessors.items()}, choices)


# --- Public API -----------------------------------------------------------------------------


def _as_date(on: dt.date) -> dt.date:
    """Datetimes cut to their day: they do not compare with dates."""
    return on.date() if isinstance(on, dt.datetime) else on


def _holder_then(code: str, on: dt.date) -> str:
    """Follow ``successor`` back while ``code`` did not yet hold its seat on ``on``."""
    idx = _index()
    while True:
        m = idx.entries[code].member
        if m.valid_from is None or on >= m.valid_from:
            return code
        earlier = [
            p
            for p in idx.predecessors.get(code, ())
            if (u := idx.entries[p].member.valid_until) is None or on <= u
        ]
        if not earlier:
            return code
        code = earlier[0]


def seat_on(code: str, on: dt.date) -> str:
    """The code that held ``code``'s seat on ``on``, following ``successor`` either way.

    Sources that name a seat by one code for its whole life (Voeten's data writes the Soviet
    seat as Russia's and Serbia's as Yugoslavia's) are read through this, so a vote is kept
    under the code that cast it: ``seat_on("RUS", 1950-01-01)`` is SUN and
    ``seat_on("YUG", 2017-12-24)`` is SRB.
    """
    on = _as_date(on)
    code = _holder_then(code, on)
    idx = _index()
    while True:
        m = idx.entries[code].member
        if m.valid_until is None or on <= m.valid_until or not m.successor:
            return code
        code = m.successor


def _suggest(text: str) -> str:
    query = " ".join(_words(text))
    if not query:
        return _REMEDY
    idx = _index()
    found = process.extract(query, list(idx.choices), scorer=fuzz.WRatio, limit=40)
    codes: list[str] = []
    for choice, _score, _i in found:
        code = idx.choices[choice]
        if code not in codes:
            codes.append(code)
    if not codes:
        return _REMEDY
    named = ", ".join(f"{c} ({idx.entries[c].member.name})" for c in codes[:3])
    return f"did you mean {named}? — {_REMEDY}"


@lru_cache(maxsize=65536)
def resolve(text: str, on: dt.date | None = None) -> Member:
    """The member ``text`` names: a code (ISO3, ISO2 or historical) or a name, in any case
    and spacing. With ``on``, a name of a state whose code did not yet hold the seat gives
    the seat holder then ("Russian Federation" in 1947 is SUN); codes never change.

    Raises :class:`UnknownMember`, with up to three suggestions, for text naming no member
    (and for territories and observers, which hold no seat).
    """
    if not text or not text.strip():
        raise UnknownMember("the member name is empty", "use an ISO3 code or a name, e.g. USA")
    if len(text) > MAX_NAME_CHARS:
        raise UnknownMember(
            f"a member name of {len(text):,} characters names no member",
            "use an ISO3 code or a name, e.g. USA",
        )
    idx = _index()
    key = _key(text)
    code = idx.codes.get(key)
    by_name = code is None
    if by_name:
        code = next(
            (idx.names[k] for v in _variants(text) if (k := _key(v)) in idx.names),
            None,
        )
    if code is None:
        raise UnknownMember(f"unknown member {text!r}", _suggest(text))
    entry = idx.entries[code]
    if entry.member.kind in _NOT_MEMBER_KINDS:
        why = f": {entry.notes}" if entry.notes else ""
        raise UnknownMember(
            f"unknown member {text!r}",
            f"{entry.member.name} ({code}) is not a UN member{why}",
        )
    if by_name and on is not None:
        code = _holder_then(code, _as_date(on))
    return idx.entries[code].member


MAX_NAME_CHARS = 200  # the longest name is under 60: anything longer is cut off early


@lru_cache(maxsize=4096)
def permanent_members(on: dt.date) -> tuple[str, ...]:
    """Codes holding the five permanent seats on ``on``, sorted: SUN until 1991-12-24, RUS
    from 1991-12-25, CHN throughout. Empty before the Charter entered into force."""
    on = _as_date(on)
    if on < CHARTER_IN_FORCE:
        return ()
    return tuple(
        sorted(c for c, e in _index().entries.items() if e.permanent and e.member.held_on(on))
    )


def is_permanent(code: str, on: dt.date) -> bool:
    """Whether ``code`` (or a name, resolved as of ``on``) held a permanent seat on ``on``."""
    return resolve(code, on=on).code in permanent_members(on)


def seat_holder_name(code: str, on: dt.date) -> str:
    """Who sat behind ``code`` on ``on``: "Republic of China" for CHN before 1971-10-25,
    "People's Republic of China" from then; the member's name for every other code."""
    on = _as_date(on)
    member = resolve(code, on=on)
    holders = _index().entries[member.code].seat_holders
    if not holders:
        return member.name
    then = [name for since, name in holders if since <= on]
    return then[-1] if then else holders[0][1]


def _schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema(
        [
            ("code", pa.string()),
            ("name", pa.string()),
            ("iso3", pa.string()),
            ("kind", pa.string()),
            ("valid_from", pa.date32()),
            ("valid_until", pa.date32()),
            ("successor", pa.string()),
            ("permanent", pa.bool_()),
            ("aliases", pa.list_(pa.string())),
        ]
    )


def members_table(admissions: pa.Table | None = None) -> pa.Table:
    """Every member, past and present, one row per code, sorted by code.

    ``permanent`` is true for codes that ever held a permanent seat. ``admissions`` (columns
    ``iso3``, ``admission_date``: the synced UN list) adds an ``admitted`` column; a code it
    lists that is not yet known as a member (a new admission) is added as a state.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    entries = _index().entries
    rows = {c: e for c, e in entries.items() if e.member.kind in _MEMBER_KINDS}
    admitted: dict[str, dt.date] = {}
    if admissions is not None:
        dates = admissions.column("admission_date")
        if not pa.types.is_date32(dates.type):
            dates = pc.cast(dates, pa.date32())
        for iso3, when in zip(
            admissions.column("iso3").to_pylist(), dates.to_pylist(), strict=True
        ):
            if not iso3:
                continue
            code = iso3.strip().upper()
            admitted[code] = when
            if code not in rows:
                known = entries.get(code)
                member = (
                    replace(known.member, kind="state")
                    if known
                    else Member(code, code, code, "state", None, None, None, ())
                )
                rows[code] = _Entry(member, False, (), "")
    ordered = [rows[c] for c in sorted(rows)]
    columns = {
        "code": [e.member.code for e in ordered],
        "name": [e.member.name for e in ordered],
        "iso3": [e.member.iso3 for e in ordered],
        "kind": [e.member.kind for e in ordered],
        "valid_from": [e.member.valid_from for e in ordered],
        "valid_until": [e.member.valid_until for e in ordered],
        "successor": [e.member.successor for e in ordered],
        "permanent": [e.permanent for e in ordered],
        "aliases": [list(e.member.aliases) for e in ordered],
    }
    table = pa.table(columns, schema=_schema())
    if admissions is not None:
        table = table.append_column(
            pa.field("admitted", pa.date32()),
            pa.array([admitted.get(e.member.code) for e in ordered], pa.date32()),
        )
    return table


def lineage(code: str) -> tuple[str, ...]:
    """Every code that held ``code``'s seat, oldest first (SUN, RUS): counts "by seat" join these.

    A seat passes by succession (``successor``), so the chain is followed both ways.
    """
    index = _index()
    code = code.strip().upper()
    first = code
    while index.predecessors.get(first):
        first = index.predecessors[first][0]
    chain = [first]
    while (nxt := index.entries[chain[-1]].member.successor) and nxt not in chain:
        chain.append(nxt)
    return tuple(chain) if code in chain else (code,)


def all_members(kinds: tuple[str, ...] = ("state", "historical")) -> list[Member]:
    """Every member of the given kinds (from the cached index: no Arrow table is built).

    For callers that need every name at once, e.g. the claim checker's phrase matcher.
    """
    return [e.member for e in _index().entries.values() if e.member.kind in kinds]
