"""The words the extractor knows, loaded once: state names, demonyms, topics and cue words.

State names and aliases come from :mod:`untally.members` (one place per fact); everything
else is in ``data/claims_lexicon.toml``. Matching runs on spaCy's blank English pipeline
(tokenizer and rule-based sentencizer) with :class:`~spacy.matcher.PhraseMatcher`: no
statistical model, so nothing is downloaded at run time and results do not drift between
installs.
"""

from __future__ import annotations

import sys
import tomllib
import types
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def _skip_spacy_cli() -> None:
    """spaCy's package imports its command line (the model downloader, ``requests``) only to
    re-export ``spacy.info``; untally never calls it, and it is a fifth of ``untally check``'s
    cold start. A placeholder stands in for it when spaCy is not loaded yet."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return

    def info(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("spaCy's command line is not loaded by untally: run `spacy info`")

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that spacy.cli.info is importable
    sub = types.ModuleType("spacy.cli.info")
    sub.info = info  # type: ignore[attr-defined]
    cli.info = sub  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, sub


_skip_spacy_cli()

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.matcher import PhraseMatcher  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from untally.members import all_members  # noqa: E402

# Names that contain a state's name but are not that state ("Latin America" is not the US).
NOT_STATES = (
    "Latin America", "Central America", "South America", "North America", "the Americas",
    "South Africa's neighbours", "Arab Group", "Arab League", "African Union",
    "European Union", "Congress", "Security Council", "General Assembly", "United Nations",
    "Secretary-General", "Human Rights Council", "South West Africa", "southern Africa",
)  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """A phrase found in the text: ``family`` is member, topic, ga_topic, cue, not_a_vote,
    outside or none; ``value`` the code, topic id, cue name or reason."""

    start: int  # character offsets in the document
    end: int
    family: str
    value: str
    text: str


@dataclass(frozen=True)
class Lexicon:
    data: dict[str, Any]
    nlp: Language
    lower: PhraseMatcher
    exact: PhraseMatcher
    labels: dict[int, tuple[str, str]]  # match id -> (family, value)
    topic_yields: dict[str, tuple[str, ...]]
    ga_titles: dict[str, str]
    not_a_vote: dict[str, str]
    outside: dict[str, str]

    def mentions(self, doc: Doc) -> list[Mention]:
        """Every phrase of every family, longest first where two of one family overlap."""
        found: list[Mention] = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                family, value = self.labels[match_id]
                span = doc[start:end]
                found.append(Mention(span.start_char, span.end_char, family, value, span.text))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for m in found:
            clash = any(
                k.start < m.end
                and m.start < k.end
                and (k.family == m.family or {k.family, m.family} <= {"member", "none"})
                for k in kept
            )
            if not clash:
                kept.append(m)
        return [m for m in kept if m.family != "none"]


def _read() -> dict[str, Any]:
    path = resources.files("untally") / "data" / "claims_lexicon.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


BILL_PREFIXES = ("H.R.", "H.Res.", "S.Res.", "H.J.Res.", "S.J.Res.", "H.Con.Res.", "S.Con.Res.")


@cache
def lexicon() -> Lexicon:
    """Built on first use (about a tenth of a second) and kept for the process."""
    data = _read()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    special = getattr(nlp.tokenizer, "add_special_case", None)  # spaCy's Tokenizer
    if special is not None:
        for bill in BILL_PREFIXES:  # "H.Res. 246" is one bill, not the end of a sentence
            special(bill, [{"ORTH": bill}])
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    labels: dict[int, tuple[str, str]] = {}

    def add(matcher: PhraseMatcher, family: str, value: str, phrases: list[str]) -> None:
        key = f"{family}:{value}"
        labels[nlp.vocab.strings.add(key)] = (family, value)
        docs = [nlp.make_doc(p) for p in phrases if p.strip()]
        if docs:
            matcher.add(key, docs)

    names: dict[str, list[str]] = {}
    for member in all_members():
        for name in (member.name, *member.aliases):
            if len(name) > 3:  # codes and short forms are matched case-sensitively
                names.setdefault(member.code, []).append(name)
    for code, phrases in data["demonyms"].items():
        names.setdefault(code, []).extend(phrases)
    for code, phrases in names.items():
        add(lower, "member", code, phrases)
    for code, phrases in data["case_sensitive"].items():
        add(exact, "member", code, phrases)
    add(lower, "none", "none", list(NOT_STATES))

    topic_yields: dict[str, tuple[str, ...]] = {}
    for entry in data["topic"]:
        add(lower, "topic", entry["id"], entry["phrases"])
        topic_yields[entry["id"]] = tuple(entry.get("yields_to", ()))
    ga_titles = {}
    for entry in data["ga_topic"]:
        add(lower, "ga_topic", entry["id"], entry["phrases"])
        ga_titles[entry["id"]] = entry["title"]
    for cue, phrases in data["cues"].items():
        add(lower, "cue", cue, phrases)
    for phrase in data["not_a_vote"]:
        add(lower, "not_a_vote", phrase, [phrase])
    for phrase in data["outside"]:
        add(lower, "outside", phrase, [phrase])
    return Lexicon(
        data=data,
        nlp=nlp,
        lower=lower,
        exact=exact,
        labels=labels,
        topic_yields=topic_yields,
        ga_titles=ga_titles,
        not_a_vote=dict(data["not_a_vote"]),
        outside=dict(data["outside"]),
    )
