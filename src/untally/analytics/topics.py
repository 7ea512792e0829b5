"""Council agenda topics: which question each decision was about, and why untally says so.

Topic assignments drive every "by topic" figure (how many US vetoes concerned Israel, which
vetoes fell on mass-atrocity situations), so they must be reviewable. All knowledge lives in one
data file, ``untally/data/topics.toml``: topics with their regex rules, the groups they form,
and per-decision overrides with citations. This module only loads, validates and applies it,
and every assignment carries the reason (field, pattern, matched text, or override citation).

Rule semantics, in order:

1. An override naming the decision wins outright: its topics replace everything the rules say.
2. Otherwise every rule is tried against its field (``agenda``, ``title``, ``subjects``,
   ``veto_topic`` or ``any`` of them). A rule matches when its pattern is found
   (case-insensitive), its ``unless`` pattern is found in none of the decision's text fields,
   and the decision's date lies in ``[since, until]`` (a rule with a window never matches an
   undated decision).
3. Rules marked ``fallback`` count only when no ordinary rule matched, and then only the first
   matching fallback rule in file order: "the situation in the Middle East" falls back to
   Syria's civil war after March 2011, else to the wider Middle East, only if nothing more
   specific was found.

A decision may get several topics; each topic is reported once, with its first matching rule.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from re import _parser  # type: ignore[attr-defined]  # private, so not in typeshed
from typing import Any

import pyarrow as pa
from rapidfuzz import process

from untally.errors import NotFound, UntallyError

FIELDS = ("agenda", "title", "subjects", "veto_topic", "any")
TEXT_FIELDS = ("agenda", "title", "subjects", "veto_topic")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOPIC_KEYS = {"id", "label", "description", "groups", "atrocity", "atrocity_basis", "rule"}
_RULE_KEYS = {"field", "pattern", "since", "until", "unless", "reason", "fallback"}
_GROUP_KEYS = {"id", "label", "description", "members"}
_OVERRIDE_KEYS = {"decision", "topics", "citation", "note"}
DATA_FILE = "topics.toml"
GA_DATA_FILE = "ga_topics.toml"  # the Assembly's topics: the same format and semantics
_LITERAL, _BRANCH, _SUBPATTERN = _parser.LITERAL, _parser.BRANCH, _parser.SUBPATTERN


@dataclass(frozen=True)
class Assignment:
    """One topic given to one decision, with the evidence for it."""

    topic: str
    reason: str
    rule: str


@dataclass(frozen=True)
class Rule:
    """A regex on one field of a decision, optionally limited to a date window."""

    id: str
    topic: str
    field: str
    pattern: re.Pattern[str]
    reason: str
    since: date | None = None
    until: date | None = None
    unless: re.Pattern[str] | None = None
    fallback: bool = False
    needles: frozenset[str] | None = None  # casefolded literals one of which any match contains

    def match(
        self, texts: Mapping[str, str], folded: Mapping[str, str], on: date | None
    ) -> str | None:
        """The matched text, or None; the window and ``unless`` are checked here."""
        if self.since or self.until:
            if on is None:
                return None
            if self.since and on < self.since:
                return None
            if self.until and on > self.until:
                return None
        text = texts.get(self.field, "")
        if not text:
            return None
        if self.needles is not None:
            low = folded[self.field]
            for n in self.needles:
                if n in low:
                    break
            else:
                return None
        m = self.pattern.search(text)
        if m is None or (self.unless is not None and self.unless.search(texts["any"])):
            return None
        return m.group(0)

    def describe(self, matched: str) -> str:
        window = ""
        if self.since or self.until:
            window = f", dated {self.since or '…'} to {self.until or '…'}"
        return f"{self.field} {matched!r} matches /{self.pattern.pattern}/{window}: {self.reason}"


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    groups: tuple[str, ...]
    atrocity: bool
    atrocity_basis: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    description: str
    members: frozenset[str]


@dataclass(frozen=True)
class Override:
    decision: str
    topics: tuple[str, ...]
    citation: str
    note: str


@dataclass(frozen=True)
class Taxonomy:
    """The validated contents of the data file."""

    topics: dict[str, Topic]
    groups: dict[str, Group]
    overrides: dict[str, Override]
    rules: tuple[Rule, ...] = field(repr=False)

    def names(self) -> list[str]:
        return [*self.topics, *self.groups]


# --------------------------------------------------------------------------- loading


def _fail(where: str, problem: str) -> UntallyError:
    return UntallyError(
        f"{DATA_FILE}: {where}: {problem}",
        "fix the entry in src/untally/data/topics.toml",
    )


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _fail(where, f"{value!r} is not an ISO date") from None


def _regex(text: Any, where: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text:
        raise _fail(where, "pattern must be a non-empty string")
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise _fail(where, f"bad regex {text!r} ({exc})") from None


def _needles(seq: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
    """Literals one of which every match of a parsed regex must contain, or None if unknown.

    A cheap ``in`` test on casefolded text then skips most regex searches: classifying the
    whole record must stay well under a second, and case-insensitive alternations are slow.
    Only mandatory parts are used (literal runs, alternations whose every branch has a literal,
    groups), so the filter can never reject text the pattern would match.
    """
    best = ""
    run: list[str] = []
    alternatives: frozenset[str] | None = None
    for op, av in [*seq, (None, None)]:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
        inner: frozenset[str] | None = None
        if op is _BRANCH:
            branches = [_needles(b) for b in av[1]]
            known = [b for b in branches if b is not None]
            if len(known) == len(branches):
                inner = frozenset().union(*known)
        elif op is _SUBPATTERN:
            inner = _needles(av[-1])
        if inner and (alternatives is None or min(map(len, inner)) > min(map(len, alternatives))):
            alternatives = inner
    if len(best) >= 3 or (best and not alternatives):
        return frozenset({best.casefold()})
    return frozenset(n.casefold() for n in alternatives) if alternatives else None


def _prefilter(pattern: str) -> frozenset[str] | None:
    try:
        found = _needles(_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # a parser detail changed: search without the shortcut
        return None
    return found if found and all(found) else None


def _keys(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(entry) - allowed)
    if extra:
        raise _fail(where, f"unknown key(s) {', '.join(extra)}; allowed: {sorted(allowed)}")


def _closest(name: str, choices: Iterable[str]) -> list[str]:
    found = process.extract(name, list(choices), limit=3, score_cutoff=50)
    return [c for c, _, _ in found]


def _unknown_topic(name: str, topics: Iterable[str]) -> str:
    near = _closest(name, topics)
    return f"unknown topic {name!r}" + (f" (did you mean {', '.join(near)}?)" if near else "")


def parse(data: Mapping[str, Any]) -> Taxonomy:
    """Validate a parsed TOML document; every error names the entry at fault."""
    topics: dict[str, Topic] = {}
    rules: list[Rule] = []
    for n, entry in enumerate(data.get("topic", []), 1):
        tid = entry.get("id")
        where = f"topic #{n} ({tid!r})"
        _keys(entry, _TOPIC_KEYS, where)
        if not isinstance(tid, str) or not _ID.match(tid):
            raise _fail(where, "id must be kebab-case (e.g. 'syria-civil-war')")
        if tid in topics:
            raise _fail(where, "duplicate topic id")
        for key in ("label", "description"):
            if not entry.get(key):
                raise _fail(where, f"missing {key}")
        if not isinstance(entry.get("atrocity"), bool):
            raise _fail(where, "atrocity must be true or false")
        topic_rules = []
        for k, raw in enumerate(entry.get("rule", []), 1):
            rwhere = f"{where} rule #{k}"
            _keys(raw, _RULE_KEYS, rwhere)
            if raw.get("field") not in FIELDS:
                raise _fail(rwhere, f"field must be one of {', '.join(FIELDS)}")
            if not raw.get("reason"):
                raise _fail(rwhere, "missing reason")
            since = _date(raw.get("since"), rwhere)
            until = _date(raw.get("until"), rwhere)
            if since and until and since > until:
                raise _fail(rwhere, f"since {since} is after until {until}")
            rule = Rule(
                id=f"{tid}#{k}",
                topic=tid,
                field=raw["field"],
                pattern=_regex(raw.get("pattern"), rwhere),
                needles=_prefilter(raw["pattern"]),
                reason=raw["reason"],
                since=since,
                until=until,
                unless=_regex(raw["unless"], rwhere) if "unless" in raw else None,
                fallback=bool(raw.get("fallback", False)),
            )
            topic_rules.append(rule)
        rules.extend(topic_rules)
        topics[tid] = Topic(
            id=tid,
            label=entry["label"],
            description=" ".join(entry["description"].split()),
            groups=tuple(entry.get("groups", [])),
            atrocity=entry["atrocity"],
            atrocity_basis=" ".join(entry.get("atrocity_basis", "").split()),
            rules=tuple(topic_rules),
        )

    groups: dict[str, Group] = {}
    for n, entry in enumerate(data.get("group", []), 1):
        gid = entry.get("id")
        where = f"group #{n} ({gid!r})"
        _keys(entry, _GROUP_KEYS, where)
        if not isinstance(gid, str) or not _ID.match(gid):
            raise _fail(where, "id must be kebab-case")
        if gid in groups or gid in topics:
            raise _fail(where, "id already used by another group or topic")
        members = entry.get("members") or []
        for m in members:
            if m not in topics:
                raise _fail(where, _unknown_topic(m, topics))
        groups[gid] = Group(
            gid, entry.get("label", gid), entry.get("description", ""), frozenset(members)
        )

    # A topic's own `groups` list and the group's `members` must say the same thing.
    for t in topics.values():
        for g in t.groups:
            if g not in groups:
                raise _fail(f"topic {t.id!r}", f"unknown group {g!r}")
            if t.id not in groups[g].members:
                raise _fail(f"topic {t.id!r}", f"lists group {g!r} but is not among its members")
    for group in groups.values():
        for m in group.members:
            if group.id not in topics[m].groups:
                raise _fail(f"group {group.id!r}", f"member {m!r} does not list it in its groups")

    overrides: dict[str, Override] = {}
    for n, entry in enumerate(data.get("override", []), 1):
        dec = entry.get("decision")
        where = f"override #{n} ({dec!r})"
        _keys(entry, _OVERRIDE_KEYS, where)
        if not isinstance(dec, str) or not dec:
            raise _fail(where, "missing decision")
        if dec in overrides:
            raise _fail(where, "duplicate override for the same decision")
        if not entry.get("citation"):
            raise _fail(where, "missing citation")
        chosen = entry.get("topics")
        if not isinstance(chosen, list):
            raise _fail(where, "topics must be a list (empty for 'no topic')")
        for t in chosen:
            if t not in topics:
                raise _fail(where, _unknown_topic(t, topics))
        overrides[dec] = Override(dec, tuple(chosen), entry["citation"], entry.get("note", ""))

    return Taxonomy(topics=topics, groups=groups, overrides=overrides, rules=tuple(rules))


def loads(text: str) -> Taxonomy:
    """A taxonomy from TOML text (tests use this to exercise the rule semantics)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail("syntax", str(exc)) from None
    return parse(data)


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The shipped taxonomy, read and validated once per process."""
    return loads(resources.files("untally.data").joinpath(DATA_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def ga_taxonomy() -> Taxonomy:
    """The shipped taxonomy of General Assembly votes (``data/ga_topics.toml``)."""
    return loads(resources.files("untally.data").joinpath(GA_DATA_FILE).read_text(encoding="utf-8"))


def __getattr__(name: str) -> Any:
    # ``TAXONOMY`` is loaded on first use, so importing the module never reads the file.
    if name == "TAXONOMY":
        return taxonomy()
    raise AttributeError(name)


# --------------------------------------------------------------------------- classifying


def _on(decision: Mapping[str, Any]) -> date | None:
    value = decision.get("date")
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    return date.fromisoformat(str(value)[:10])


def _keys_of(decision: Mapping[str, Any]) -> list[str]:
    """Every symbol the decision is known by, for override look-up."""
    return [str(decision[k]) for k in ("decision_id", "draft", "resolution") if decision.get(k)]


def classify(decision: Mapping[str, Any], tax: Taxonomy | None = None) -> list[Assignment]:
    """Topics of one decision (a mapping with agenda/title/subjects/veto_topic/date keys)."""
    tax = tax or taxonomy()
    for key in _keys_of(decision):
        o = tax.overrides.get(key)
        if o is not None:
            prefix = f"{o.note} " if o.note else ""
            return [
                Assignment(t, f"override: {prefix}[{o.citation}]", f"override:{o.decision}")
                for t in o.topics
            ]
    texts = {f: " ".join(str(decision.get(f) or "").split()) for f in TEXT_FIELDS}
    # Newlines keep proximity patterns (``Israel.{0,60}Syria``) from spanning two fields.
    texts["any"] = "\n".join(texts[f] for f in TEXT_FIELDS if texts[f])
    folded = {f: t.casefold() for f, t in texts.items()}
    on = _on(decision)
    note = decision.get("text_from")
    found: dict[str, Assignment] = {}
    fallback: Assignment | None = None
    for rule in tax.rules:
        # Cheap tests inline (this loop runs ~450,000 times for the whole record).
        if rule.topic in found or (rule.fallback and (found or fallback)):
            continue
        if not texts[rule.field]:
            continue
        if rule.needles is not None:
            low = folded[rule.field]
            for n in rule.needles:
                if n in low:
                    break
            else:
                continue
        matched = rule.match(texts, folded, on)
        if matched is None:
            continue
        reason = rule.describe(matched)
        if note and rule.field in ("agenda", "any"):
            reason += f" ({note})"
        if rule.fallback:
            fallback = Assignment(rule.topic, reason, rule.id)
        else:
            found[rule.topic] = Assignment(rule.topic, reason, rule.id)
    if found:
        return list(found.values())
    return [fallback] if fallback else []


def topics_table(con: Any, tax: Taxonomy | None = None) -> pa.Table:
    """decision_id, topic, reason for every decision in the store (one row per topic)."""
    ids: list[str] = []
    topics: list[str] = []
    reasons: list[str] = []
    for decision in _decisions(con):
        for a in classify(decision, tax):
            ids.append(decision["decision_id"])
            topics.append(a.topic)
            reasons.append(a.reason)
    return pa.table(
        {"decision_id": ids, "topic": topics, "reason": reasons},
        schema=pa.schema(
            [("decision_id", pa.string()), ("topic", pa.string()), ("reason", pa.string())]
        ),
    )


def ga_topics_table(con: Any, tax: Taxonomy | None = None) -> pa.Table:
    """vote_id, topic, reason for every General Assembly recorded vote: the rules and cited
    overrides of ``data/ga_topics.toml`` on the Library's title, agenda item and subjects."""
    tax = tax or ga_taxonomy()
    cursor = con.execute(
        """SELECT vote_id, resolution AS decision_id, date, title, agenda, subjects
           FROM ga_resolutions ORDER BY vote_id"""
    )
    names = [c[0] for c in cursor.description]
    ids: list[int] = []
    topics: list[str] = []
    reasons: list[str] = []
    for row in cursor.fetchall():
        vote = dict(zip(names, row, strict=True))
        for a in classify(vote, tax):
            ids.append(vote["vote_id"])
            topics.append(a.topic)
            reasons.append(a.reason)
    return pa.table(
        {"vote_id": ids, "topic": topics, "reason": reasons},
        schema=pa.schema(
            [("vote_id", pa.int64()), ("topic", pa.string()), ("reason", pa.string())]
        ),
    )


def explain(con: Any, symbol: str, tax: Taxonomy | None = None) -> dict[str, Any]:
    """The decision a symbol names, its text fields and its topics: ``untally topics SYMBOL``."""
    sym = re.sub(r"\s+", "", symbol).upper()
    where = """upper(d.decision_id) = $sym OR upper(d.draft) = $sym
               OR upper(d.resolution) = $sym OR upper(d.resolution) LIKE $sym || '(%'"""
    found = _decisions(con, where, {"sym": sym})
    if not found:
        raise NotFound(
            f"no decision {symbol!r} in the record",
            "give a draft symbol (S/2018/516) or a resolution (S/RES/242(1967))",
        )
    exact = [d for d in found if d["decision_id"].upper() == sym]
    decision = (exact or found)[0]
    return {**decision, "topics": classify(decision, tax)}


_DECISIONS = """
    WITH base AS (
        SELECT d.decision_id, d.draft, d.resolution, d.date, d.meeting, d.agenda, d.title,
               d.subjects, v.topic AS veto_topic
        FROM decisions d LEFT JOIN vetoes v USING (decision_id)
    ),
    -- A draft voted in parts, or a draft the tables list without its agenda, takes the agenda
    -- of its parent draft, else of a decision voted at the same meeting.
    parent AS (
        SELECT b.decision_id, p.decision_id AS source, p.agenda
        FROM base b JOIN base p ON p.decision_id = b.draft AND p.decision_id <> b.decision_id
        WHERE b.agenda IS NULL AND b.title IS NULL AND p.agenda IS NOT NULL
    ),
    sibling AS (
        SELECT b.decision_id, arg_min(s.decision_id, s.decision_id) AS source,
               arg_min(s.agenda, s.decision_id) AS agenda
        FROM base b JOIN base s ON s.meeting = b.meeting AND s.decision_id <> b.decision_id
        WHERE b.agenda IS NULL AND b.title IS NULL AND s.agenda IS NOT NULL
        GROUP BY b.decision_id
    )
    SELECT d.decision_id, d.draft, d.resolution, coalesce(d.date, m.date) AS date,
           coalesce(d.agenda, p.agenda, s.agenda) AS agenda, d.title, d.subjects, d.veto_topic,
           CASE WHEN p.source IS NOT NULL THEN 'agenda of ' || p.source
                WHEN s.source IS NOT NULL THEN 'agenda of ' || s.source || ', voted at the '
                     || 'same meeting ' || d.meeting END AS text_from
    FROM base d
    LEFT JOIN parent p USING (decision_id)
    LEFT JOIN sibling s USING (decision_id)
    LEFT JOIN base m ON m.decision_id = coalesce(p.source, s.source)
    WHERE {where}
    ORDER BY d.date NULLS LAST, d.decision_id
"""


def _decisions(
    con: Any, where: str = "TRUE", params: Mapping[str, Any] | None = None
) -> list[dict]:
    """Decisions as mappings ``classify`` takes, with inherited agendas filled in."""
    cursor = con.execute(_DECISIONS.format(where=where), dict(params or {}))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --------------------------------------------------------------------------- groups


def group_members(group_id: str, tax: Taxonomy | None = None) -> set[str]:
    """Topic ids in a group."""
    tax = tax or taxonomy()
    if group_id not in tax.groups:
        raise _unknown(group_id, tax.groups, "group")
    return set(tax.groups[group_id].members)


def expand(topic_or_group: str, tax: Taxonomy | None = None) -> set[str]:
    """A topic id as itself, a group id as its member topics: what ``--topic`` filters take."""
    tax = tax or taxonomy()
    name = topic_or_group.strip().lower()
    if name in tax.topics:
        return {name}
    if name in tax.groups:
        return set(tax.groups[name].members)
    raise _unknown(topic_or_group, tax.names(), "topic or group")


def _unknown(name: str, choices: Iterable[str], what: str) -> UntallyError:
    choices = list(choices)
    near = _closest(name, choices) or difflib.get_close_matches(name, choices, n=3, cutoff=0.3)
    hint = f"did you mean {', '.join(near)}?" if near else "see docs/topics.md for the list"
    return UntallyError(f"unknown {what} {name!r}", hint)


# --------------------------------------------------------------------------- docs


def markdown_table(tax: Taxonomy | None = None) -> str:
    """The taxonomy as a Markdown table, for docs/topics.md."""
    tax = tax or taxonomy()
    lines = [
        "| topic | label | what it covers | groups | atrocity | rules |",
        "|---|---|---|---|---|---|",
    ]
    for t in tax.topics.values():
        groups = ", ".join(f"`{g}`" for g in t.groups) or "—"
        lines.append(
            f"| `{t.id}` | {t.label} | {t.description} | {groups} "
            f"| {'yes' if t.atrocity else 'no'} | {len(t.rules)} |"
        )
    return "\n".join(lines)


def atrocity_topics(tax: Taxonomy | None = None) -> frozenset[str]:
    """Topics flagged as mass-atrocity situations, for the veto-restraint counterfactual."""
    tax = tax or taxonomy()
    return frozenset(t.id for t in tax.topics.values() if t.atrocity)


def render_explanation(found: Mapping[str, Any], tax: Taxonomy | None = None) -> str:
    """Plain text for ``untally topics SYMBOL``: the texts read, then each topic and why."""
    tax = tax or taxonomy()
    lines = [f"{found['decision_id']} ({found.get('date') or 'undated'})"]
    for key, label in (
        ("agenda", "agenda"),
        ("title", "title"),
        ("subjects", "UN subjects"),
        ("veto_topic", "veto list topic"),
        ("text_from", "agenda taken from"),
    ):
        if found.get(key):
            lines.append(f"  {label}: {found[key]}")
    if not found["topics"]:
        lines.append("  no topic: no rule matched and no override names it")
    for a in found["topics"]:
        topic = tax.topics[a.topic]
        groups = f" [{', '.join(topic.groups)}]" if topic.groups else ""
        lines.append(f"  {a.topic} — {topic.label}{groups}")
        lines.append(f"    because {a.reason}")
    return "\n".join(lines)
