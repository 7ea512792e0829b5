"""Discourse memory: the texts and sets an article has already talked about.

Articles name a draft once and then say "the vote was 11 to 3", "China voted in favour of
the proposal", "it met a French veto"; they count vetoes once and then say "44 of them". The
memory keeps the decisions the checker has resolved (newest first) and the last counted set,
with the sentence it came from, so that:

* an anaphoric frame ("the resolution", "it", "that text", or a frame with no target of its
  own) is checked against the decision the article is about;
* a share ("N of them") is taken of the set counted *in the same or the previous sentence*
  only: a count never leaks into an unrelated later sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Mentioned:
    decision_id: str
    symbol: str
    date: date | None
    body: str
    sentence: int  # index of the sentence that resolved it


@dataclass
class CountedSet:
    rows: list[dict]
    label: str
    sentence: int
    query: object = None  # the compiled query that counted it (claims.compile.Query)


@dataclass
class Discourse:
    decisions: list[Mentioned] = field(default_factory=list)  # newest first
    counted: CountedSet | None = None
    narrowed: CountedSet | None = None  # a share of the counted set ("44 of them on Israel")
    sentence: int = 0  # index of the sentence being read
    topics: tuple[str, ...] = ()  # topics of the decisions the article is about
    day: object = None  # the last day the article named ("on October 25, the Council ...")
    named_topics: tuple[str, ...] = ()  # topics a claim's own words named, and in which sentence
    named_sentence: int = -2
    named_paragraph: int = -1
    paragraph: int = 0  # index of the line being read (articles put a paragraph on a line)

    def name_topics(self, topics: tuple[str, ...]) -> None:
        self.named_topics = topics
        self.named_sentence = self.sentence
        self.named_paragraph = self.paragraph

    def near_topics(self) -> tuple[str, ...]:
        """Topics a claim named earlier in this paragraph ("Russia's eighth veto on Syria. ...
        China has blocked six"): the scope the next count is read in. Not across lines: the
        items of a list ("UK: 32 vetoes ...", "France: 18 vetoes") each have their own."""
        return self.named_topics if self.paragraph == self.named_paragraph else ()

    def next_sentence(self, index: int, paragraph: int = 0) -> None:
        self.sentence = index
        self.paragraph = paragraph

    def mention(self, row: dict) -> None:
        self.decisions = [d for d in self.decisions if d.decision_id != row["decision_id"]]
        self.decisions.insert(
            0,
            Mentioned(row["decision_id"], row["symbol"], row["date"], row["body"], self.sentence),
        )
        del self.decisions[8:]
        if row.get("topics"):
            self.topics = tuple(row["topics"])

    def current(self, body: str | None = None) -> Mentioned | None:
        """The decision the article is talking about now (of ``body`` if given)."""
        for d in self.decisions:
            if body is None or d.body == body:
                return d
        return None

    def count(self, rows: list[dict], label: str, query: object = None) -> None:
        self.counted = CountedSet(rows, label, self.sentence, query)
        self.narrowed = None

    def narrow(self, rows: list[dict], label: str, query: object = None) -> None:
        self.narrowed = CountedSet(rows, label, self.sentence, query)

    def previous_set(self) -> CountedSet | None:
        """The set counted in this or the previous sentence, else nothing."""
        if self.counted and self.sentence - self.counted.sentence <= 1:
            return self.counted
        return None
