"""Topic assignments are reviewable: hand-checked decisions, rule semantics, the data file's rules.

Every expected set below was checked against the decision's agenda or title in the built record
and against what the draft or resolution was about (meeting record, sponsors, contemporary
accounts). The comment on each line says what it was.
"""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untally.analytics import topics as T
from untally.errors import NotFound, UntallyError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "topics.md"

# (decision, expected topics): vetoed drafts of every permanent member and era first.
HAND_CHECKED: list[tuple[str, set[str]]] = [
    # USSR
    ("S/PV.23", {"lebanon"}),  # 1946: British and French troops in Syria and Lebanon
    ("S/PV.45", {"postwar-europe"}),  # 1946: the Spanish (Franco) question
    ("S/PV.57", {"admission"}),  # 1946: Transjordan's application
    ("S/PV.122", {"postwar-europe"}),  # 1947: Corfu Channel (the list says Greek Civil War)
    ("S/1653", {"korea"}),  # 1950: complaint of aggression upon the Republic of Korea
    ("S/2671", {"korea"}),  # 1952: investigation of alleged bacterial warfare in Korea
    ("S/3151/Rev.2", {"israel-syria"}),  # 1954: Israeli canal works in the Syrian DMZ
    ("S/3188/Corr.1", {"israel-states"}),  # 1954: Egypt's restrictions on Suez shipping to Israel
    ("S/3730/Rev.1", {"east-west-europe"}),  # 1956: Hungary
    ("S/4050/Rev.1", {"lebanon"}),  # 1958: UAR interference in Lebanon, not Israel
    ("S/4523", {"congo-crisis"}),  # 1960: the Congo
    ("S/5033", {"portuguese-colonies"}),  # 1961: Goa (the list says India-Pakistan)
    ("S/5407", {"israel-syria"}),  # 1963: Almagor killings, Israel's complaint against Syria
    ("S/6113", {"israel-syria"}),  # 1964: Israel–Syria incidents of 13 November
    ("S/7575/Rev.1", {"israel-syria"}),  # 1966: Israel's complaint against Syria
    ("S/8761", {"east-west-europe"}),  # 1968: Czechoslovakia
    ("S/11400", {"cyprus"}),  # 1974: Cyprus
    ("S/13162", {"indochina"}),  # 1979: China–Viet Nam war
    ("S/13729", {"afghanistan"}),  # 1980: Soviet invasion (letter from 52 states)
    ("S/15966/Rev.1", {"cold-war-incidents"}),  # 1983: KAL 007
    ("S/16351/Rev.2", {"lebanon"}),  # 1984: UN force for Beirut replacing the MNF
    # United Kingdom and France
    ("S/3710", {"israel-states"}),  # 1956: US draft on Israel's invasion of Egypt
    ("S/3713/Rev.1", {"israel-states"}),  # 1956: Soviet draft on the same
    ("S/5425/Rev.1", {"southern-rhodesia"}),  # 1963: Southern Rhodesia (UK alone)
    ("S/11967", {"africa-other"}),  # 1976: Mayotte and the Comoros (France alone)
    ("S/11543", {"south-africa"}),  # 1974: expulsion of South Africa
    ("S/14459", {"namibia"}),  # 1981: sanctions over Namibia
    ("S/15156/Rev.2", {"falklands"}),  # 1982: Falklands (UK and US)
    ("S/20378", {"libya"}),  # 1989: US downing of Libyan jets (the list says Israel-Palestine)
    # United States
    ("S/10784", {"israel-lebanon", "israel-syria"}),  # 1972: Israeli raids on Syria and Lebanon
    ("S/10974", {"palestine"}),  # 1973: Palestinian rights and withdrawal
    ("S/11898", {"israel-lebanon"}),  # 1975: Israeli air raids on Lebanon
    ("S/12110", {"admission"}),  # 1976: Angola's admission (the list says Angola)
    ("S/14664/Rev.2", {"south-africa"}),  # 1981: South Africa's attack on Angola
    ("S/14832/Rev.1", {"israel-syria"}),  # 1982: measures over the Golan annexation
    ("S/15185", {"israel-lebanon"}),  # 1982: Israel's invasion of Lebanon
    ("S/16077/Rev.1", {"central-america-caribbean"}),  # 1983: Grenada
    ("S/17796/Rev.1", {"israel-states"}),  # 1986: Israel's interception of a Libyan airliner
    ("S/18016/Rev.1", {"libya"}),  # 1986: US strikes on Libya
    ("S/19466", {"palestine"}),  # 1988: the intifada
    ("S/21048", {"central-america-caribbean"}),  # 1989: Panama
    ("S/1997/241", {"palestine"}),  # 1997: Har Homa settlement, East Jerusalem
    ("S/2002/712", {"former-yugoslavia"}),  # 2002: UNMIBH and ICC immunity
    ("S/2004/240", {"palestine"}),  # 2004: killing of Sheikh Yassin
    ("S/2006/878", {"palestine", "gaza"}),  # 2006: Beit Hanoun
    ("S/2011/24", {"palestine"}),  # 2011: settlements
    ("S/2017/1060", {"palestine"}),  # 2017: status of Jerusalem
    ("S/2018/516", {"palestine", "gaza"}),  # 2018: protection of Palestinians in Gaza
    ("S/2020/852", {"counter-terrorism"}),  # 2020: foreign terrorist fighters, not Israel
    # China
    ("S/10771", {"admission"}),  # 1972: Bangladesh
    ("S/1997/18", {"central-america-caribbean"}),  # 1997: Guatemala peace observers
    ("S/1999/201", {"former-yugoslavia"}),  # 1999: UNPREDEP in Macedonia
    # Russian Federation (with China where both vetoed)
    ("S/25693", {"cyprus"}),  # 1993: UNFICYP financing
    ("S/1994/1358", {"former-yugoslavia"}),  # 1994: Bihać, Bosnia
    ("S/2004/313", {"cyprus"}),  # 2004: the Annan plan
    ("S/2007/14", {"myanmar"}),  # 2007: Myanmar
    ("S/2008/447", {"africa-other"}),  # 2008: Zimbabwe sanctions
    ("S/2009/310", {"georgia"}),  # 2009: UNOMIG
    ("S/2011/612", {"syria-civil-war"}),  # 2011: repression of protests
    ("S/2014/189", {"ukraine"}),  # 2014: Crimea referendum
    ("S/2015/508", {"former-yugoslavia"}),  # 2015: Srebrenica genocide
    ("S/2015/562", {"ukraine"}),  # 2015: MH17 tribunal
    ("S/2016/1026", {"syria-civil-war"}),  # 2016: Aleppo ceasefire (agenda just 'Middle East')
    ("S/2017/884", {"syria-civil-war"}),  # 2017: chemical weapons mechanism
    ("S/2018/156", {"yemen"}),  # 2018: Yemen sanctions, Iranian arms
    ("S/2019/186", {"venezuela"}),  # 2019: Venezuela
    ("S/2019/961", {"syria-civil-war"}),  # 2019: cross-border aid via Iraq and Turkey
    ("S/2021/990", {"thematic"}),  # 2021: climate and security
    ("S/2022/155", {"ukraine"}),  # 2022: the invasion
    ("S/2022/431", {"korea", "non-proliferation"}),  # 2022: DPRK missiles
    ("S/2022/538", {"syria-civil-war"}),  # 2022: cross-border aid (bare Middle East agenda)
    # Drafts that failed for lack of votes
    ("S/12138", {"israel-states"}),  # 1976: Entebbe raid on Uganda
    ("S/2014/916", {"palestine"}),  # 2014: end of occupation, statehood
    ("S/2016/847", {"syria-civil-war"}),  # 2016: Russia's Aleppo draft (bare Middle East)
    ("S/2018/520", {"palestine", "gaza"}),  # 2018: US draft on Hamas and Gaza
    ("S/2013/660", {"international-justice"}),  # 2013: ICC deferral for Kenya
    ("S/PV.340", {"palestine"}),  # 1948: ICJ opinion on Palestine's status
    ("S/2017/962", {"syria-civil-war"}),  # 2017: JIM renewal (agenda from the same meeting)
    # Adopted resolutions
    ("S/RES/69(1949)", {"admission"}),  # admission of Israel
    ("S/RES/95(1951)", {"israel-states"}),  # Suez Canal shipping to Israel
    ("S/RES/217(1965)", {"southern-rhodesia"}),  # UDI
    ("S/RES/242(1967)", {"israel-states", "palestine", "israel-syria"}),  # land for peace
    ("S/RES/418(1977)", {"south-africa"}),  # arms embargo
    ("S/RES/425(1978)", {"israel-lebanon"}),  # UNIFIL
    ("S/RES/435(1978)", {"namibia"}),  # UNTAG
    ("S/RES/487(1981)", {"israel-states"}),  # Osirak
    ("S/RES/497(1981)", {"israel-syria"}),  # Golan annexation
    ("S/RES/521(1982)", {"palestine"}),  # Sabra and Shatila
    ("S/RES/598(1987)", {"iran-iraq-war"}),  # ceasefire (title cut before 'Iran')
    ("S/RES/660(1990)", {"iraq"}),  # invasion of Kuwait
    ("S/RES/1090(1996)", {"secretary-general"}),  # Kofi Annan
    ("S/RES/1267(1999)", {"afghanistan", "counter-terrorism"}),  # Taliban sanctions
    ("S/RES/1559(2004)", {"lebanon"}),  # Syria's withdrawal from Lebanon
    ("S/RES/1701(2006)", {"israel-lebanon"}),  # Israel–Hizbollah war
    ("S/RES/2118(2013)", {"syria-civil-war"}),  # Syrian chemical weapons
    ("S/RES/2334(2016)", {"palestine"}),  # settlements
    ("S/RES/2639(2022)", {"israel-syria"}),  # UNDOF in 2022 (not the civil war)
    ("S/RES/2650(2022)", {"israel-lebanon"}),  # UNIFIL in 2022
    ("S/RES/2728(2024)", {"palestine", "gaza"}),  # Gaza ceasefire
]


@pytest.fixture(scope="module")
def con(built_db: Path):
    with duckdb.connect(str(built_db), read_only=True) as c:
        yield c


@pytest.fixture(scope="module")
def assigned(con) -> dict[str, set[str]]:
    table = T.topics_table(con)
    out: dict[str, set[str]] = {}
    for d, t in zip(
        table.column("decision_id").to_pylist(), table.column("topic").to_pylist(), strict=True
    ):
        out.setdefault(d, set()).add(t)
    return out


# --------------------------------------------------------------------------- hand-checked


def test_hand_checked_list_is_broad() -> None:
    assert len(HAND_CHECKED) >= 40
    assert len({d for d, _ in HAND_CHECKED}) == len(HAND_CHECKED)
    for _, expected in HAND_CHECKED:
        assert expected <= set(T.taxonomy().topics)


@pytest.mark.parametrize(("decision", "expected"), HAND_CHECKED, ids=[d for d, _ in HAND_CHECKED])
def test_hand_checked_decision(con, assigned, decision: str, expected: set[str]) -> None:
    exists = con.execute("SELECT count(*) FROM decisions WHERE decision_id = ?", [decision])
    assert exists.fetchall()[0][0] == 1, f"{decision} is not in the record"
    assert assigned.get(decision, set()) == expected


def test_hand_checked_vetoes_cover_every_permanent_member(con) -> None:
    ids = [d for d, _ in HAND_CHECKED]
    rows = con.execute(
        "SELECT DISTINCT unnest(vetoed_by) FROM vetoes WHERE list_contains(?, decision_id)", [ids]
    ).fetchall()
    assert {r[0] for r in rows} >= {"SUN", "RUS", "USA", "GBR", "FRA", "CHN"}


# --------------------------------------------------------------------------- the shipped file


def test_every_override_names_a_decision_in_the_record(con) -> None:
    for key in T.taxonomy().overrides:
        n = con.execute(
            "SELECT count(*) FROM decisions WHERE ? IN (decision_id, draft, resolution)", [key]
        ).fetchall()[0][0]
        assert n >= 1, f"override {key} matches no decision"


def test_every_decision_with_text_is_classified_mostly(con, assigned) -> None:
    total = con.execute("SELECT count(*) FROM decisions").fetchall()[0][0]
    assert len(assigned) / total > 0.95
    vetoed = [r[0] for r in con.execute("SELECT decision_id FROM vetoes").fetchall()]
    assert all(assigned.get(d) for d in vetoed), "every vetoed draft has a topic"


def test_us_vetoes_to_may_2021_israel_related(con, assigned) -> None:
    """The figure docs/topics.md reports."""
    rows = con.execute(
        "SELECT decision_id FROM vetoes WHERE list_contains(vetoed_by, 'USA') "
        "AND date <= DATE '2021-05-31'"
    ).fetchall()
    israel = T.expand("israel-related")
    hits = [d for (d,) in rows if assigned.get(d, set()) & israel]
    assert (len(rows), len(hits)) == (82, 44)
    assert "S/20378" not in hits and "S/10784" in hits and "S/2020/852" not in hits


def test_syria_civil_war_and_golan_do_not_mix(con, assigned) -> None:
    undof = con.execute(
        "SELECT decision_id FROM decisions WHERE title ILIKE '%Disengagement Observer Force%'"
    ).fetchall()
    assert len(undof) > 50
    for (d,) in undof:
        assert assigned[d] == {"israel-syria"}, d
    for d, topics in assigned.items():
        if "syria-civil-war" in topics:
            assert not topics & T.expand("israel-related"), d


def test_topics_table_is_fast(con) -> None:
    T.topics_table(con)  # warm up: the taxonomy loads once
    best = min(_timed(lambda: T.topics_table(con)) for _ in range(3))
    assert best < 1.0


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_topics_table_schema(con) -> None:
    table = T.topics_table(con)
    assert table.column_names == ["decision_id", "topic", "reason"]
    assert table.num_rows > 3000
    assert all(table.column("reason").to_pylist())


def test_explain_shows_why(con) -> None:
    found = T.explain(con, "S/2018/516")
    assert found["decision_id"] == "S/2018/516"
    reasons = {a.topic: a.reason for a in found["topics"]}
    assert set(reasons) == {"palestine", "gaza"}
    assert "veto_topic 'Israel-Palestine'" in reasons["palestine"]
    assert "'Gaza'" in reasons["gaza"]
    text = T.render_explanation(found)
    assert "israel-related" in text and "because" in text
    assert T.explain(con, "s/res/242")["decision_id"] == "S/RES/242(1967)"
    override = T.explain(con, "S/20378")["topics"][0]
    assert override.rule == "override:S/20378" and "S/PV.2841" in override.reason
    with pytest.raises(NotFound):
        T.explain(con, "S/1999/99999")


def test_shipped_taxonomy_has_the_required_topics_and_groups() -> None:
    tax = T.TAXONOMY
    required = {
        "palestine",
        "israel-lebanon",
        "israel-syria",
        "israel-states",
        "wider-middle-east",
        "southern-rhodesia",
        "south-africa",
        "namibia",
        "korea",
        "cyprus",
        "ukraine",
        "syria-civil-war",
        "venezuela",
        "myanmar",
        "counter-terrorism",
        "admission",
        "secretary-general",
    }
    assert required <= set(tax.topics)
    assert T.group_members("israel-related") == {
        "palestine",
        "gaza",
        "israel-lebanon",
        "israel-syria",
        "israel-states",
    }
    assert "syria-civil-war" not in T.group_members("israel-related")
    assert "lebanon" not in T.group_members("israel-related")
    assert {"syria-civil-war", "myanmar"} <= T.atrocity_topics()
    assert "palestine" not in T.atrocity_topics()
    for t in tax.topics.values():
        assert t.rules or any(t.id in o.topics for o in tax.overrides.values()), t.id
    for o in tax.overrides.values():
        assert o.citation


def test_docs_table_is_current() -> None:
    assert T.markdown_table() in DOCS.read_text(encoding="utf-8")


def test_prefilter_never_changes_an_assignment(con) -> None:
    """The literal shortcut only skips searches that would fail."""
    tax = T.taxonomy()
    slow = dataclasses.replace(
        tax, rules=tuple(dataclasses.replace(r, needles=None) for r in tax.rules)
    )
    for decision in T._decisions(con):
        assert T.classify(decision, tax) == T.classify(decision, slow), decision["decision_id"]


_WORDS = st.sampled_from(
    [
        "Israel",
        "ISRAELI",
        "lebanon",
        "Leban",
        "Golan",
        "Syria",
        "Gaza",
        "west bank",
        "of the",
        "River Jordan",
        "Middle East",
        "UNDOF",
        "Iraq",
        "Iran",
        "relevant",
        "Levant",
        "-",
        " ",
        "'",
        "admission",
        "Korea",
        "Kuwait",
        "ſ",
        "K",
        "İ",
        "Occupied Territories",
        "1267 (1999",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_prefilter_is_sound(text: str) -> None:
    """Whenever a shipped pattern matches, one of its literals is in the casefolded text."""
    folded = text.casefold()
    for rule in T.taxonomy().rules:
        if rule.needles is not None and rule.pattern.search(text):
            assert any(n in folded for n in rule.needles), (rule.id, text)


# --------------------------------------------------------------------------- rule semantics

SMALL = """
[[topic]]
id = "alpha"
label = "Alpha"
description = "d"
groups = ["letters"]
atrocity = false

[[topic.rule]]
field = "agenda"
pattern = '\\balpha\\b'
since = 2000-01-01
until = 2009-12-31
reason = "alpha in the 2000s"

[[topic]]
id = "beta"
label = "Beta"
description = "d"
groups = ["letters"]
atrocity = true

[[topic.rule]]
field = "title"
pattern = 'beta'
unless = 'not beta'
reason = "beta named"

[[topic.rule]]
field = "veto_topic"
pattern = '^B$'
reason = "coded B"

[[topic]]
id = "gamma"
label = "Gamma"
description = "d"
atrocity = false

[[topic.rule]]
field = "any"
pattern = 'region'
fallback = true
reason = "the region, nothing more specific"

[[topic]]
id = "delta"
label = "Delta"
description = "d"
atrocity = false

[[topic.rule]]
field = "any"
pattern = 'region'
fallback = true
reason = "second fallback never wins over the first"

[[group]]
id = "letters"
label = "Letters"
description = "alpha and beta"
members = ["alpha", "beta"]

[[override]]
decision = "S/1"
topics = ["gamma", "delta"]
citation = "S/PV.1"
note = "text cannot decide."
"""


@pytest.fixture
def small() -> T.Taxonomy:
    return T.loads(SMALL)


def topics(decision: dict, tax: T.Taxonomy) -> list[str]:
    return [a.topic for a in T.classify(decision, tax)]


def test_since_until_window(small) -> None:
    assert topics({"agenda": "the alpha item", "date": date(2005, 1, 1)}, small) == ["alpha"]
    assert topics({"agenda": "the alpha item", "date": date(2000, 1, 1)}, small) == ["alpha"]
    assert topics({"agenda": "the alpha item", "date": "2009-12-31"}, small) == ["alpha"]
    assert topics({"agenda": "the alpha item", "date": date(1999, 12, 31)}, small) == []
    assert topics({"agenda": "the alpha item", "date": date(2010, 1, 1)}, small) == []
    assert topics({"agenda": "the alpha item"}, small) == [], "undated never matches a window"


def test_word_boundaries_and_fields(small) -> None:
    on = date(2005, 1, 1)
    assert topics({"agenda": "alphabet", "date": on}, small) == []
    assert topics({"title": "the alpha item", "date": on}, small) == [], "rule is on agenda only"
    assert topics({"agenda": "ALPHA", "date": on}, small) == ["alpha"], "case-insensitive"


def test_unless_vetoes_the_rule(small) -> None:
    assert topics({"title": "on beta"}, small) == ["beta"]
    assert topics({"title": "on beta, or rather not beta"}, small) == []
    assert topics({"title": "on beta", "agenda": "not beta"}, small) == [], "any field vetoes"
    # ``unless`` belongs to its rule: the topic's other rule still matches.
    assert topics({"title": "not beta", "veto_topic": "B"}, small) == ["beta"]


def test_multiple_topics_each_with_its_reason(small) -> None:
    found = T.classify({"agenda": "alpha", "title": "beta", "date": date(2001, 5, 5)}, small)
    assert [a.topic for a in found] == ["alpha", "beta"]
    assert found[0].rule == "alpha#1"
    assert found[0].reason.startswith("agenda 'alpha' matches /\\balpha\\b/, dated 2000-01-01")
    assert found[1].reason.startswith("title 'beta' matches /beta/: beta named")


def test_fallback_only_when_nothing_specific(small) -> None:
    assert topics({"agenda": "the region"}, small) == ["gamma"], "first fallback only"
    assert topics({"agenda": "the region", "title": "beta"}, small) == ["beta"]


def test_override_wins(small) -> None:
    found = T.classify({"decision_id": "S/1", "title": "beta"}, small)
    assert [a.topic for a in found] == ["gamma", "delta"]
    assert all(a.reason == "override: text cannot decide. [S/PV.1]" for a in found)
    assert found[0].rule == "override:S/1"
    by_draft = T.classify({"decision_id": "S/1#2", "draft": "S/1", "title": "beta"}, small)
    assert [a.topic for a in by_draft] == ["gamma", "delta"]


def test_group_expansion(small) -> None:
    assert T.group_members("letters", small) == {"alpha", "beta"}
    assert T.expand("letters", small) == {"alpha", "beta"}
    assert T.expand("beta", small) == {"beta"}
    assert T.expand(" Beta ", small) == {"beta"}
    assert T.expand("israel-related") == T.group_members("israel-related")


def test_unknown_topic_or_group_suggests(small) -> None:
    with pytest.raises(UntallyError, match=r"did you mean.*letters"):
        T.expand("leters", small)
    with pytest.raises(UntallyError, match="israel-related"):
        T.expand("israel-relatd")
    with pytest.raises(UntallyError, match="unknown group"):
        T.group_members("alpha", small)


def _broken(old: str, new: str) -> str:
    assert old in SMALL
    return SMALL.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _broken('members = ["alpha", "beta"]', 'members = ["alpha", "bta"]'),
            r"group #1 \('letters'\): unknown topic 'bta' \(did you mean beta",
        ),
        (
            _broken('topics = ["gamma", "delta"]', 'topics = ["gama"]'),
            r"override #1 \('S/1'\): unknown topic 'gama' \(did you mean gamma",
        ),
        (
            _broken('groups = ["letters"]\natrocity = true', "atrocity = true"),
            r"group 'letters'.*member 'beta' does not list it",
        ),
        (
            _broken(
                'groups = ["letters"]\natrocity = true',
                'groups = ["letters", "x"]\natrocity = true',
            ),
            r"topic 'beta'.*unknown group 'x'",
        ),
        (
            _broken("pattern = 'beta'", "pattern = 'be(ta'"),
            r"topic #2 \('beta'\) rule #1: bad regex",
        ),
        (_broken('field = "title"', 'field = "titel"'), r"rule #1: field must be one of"),
        (_broken("until = 2009-12-31", "untill = 2009-12-31"), r"unknown key\(s\) untill"),
        (_broken("since = 2000-01-01", "since = 2011-01-01"), r"since 2011-01-01 is after until"),
        (_broken('id = "alpha"', 'id = "Alpha One"'), r"kebab-case"),
        (_broken('citation = "S/PV.1"\n', ""), r"override #1 \('S/1'\): missing citation"),
        (_broken('reason = "coded B"', ""), r"rule #2: missing reason"),
    ],
)
def test_validation_names_the_entry(text: str, message: str) -> None:
    with pytest.raises(UntallyError, match=message) as info:
        T.loads(text)
    assert "topics.toml" in str(info.value)


def test_needles_are_literals_every_match_contains() -> None:
    assert T._prefilter(r"\bGaza\b|\bRafah\b") == frozenset({"gaza", "rafah"})
    assert T._prefilter(r"Israel\w*.{0,60}Syria") == frozenset({"israel"})
    assert T._prefilter(r"^(?:the )?situation") == frozenset({"situation"})
    assert T._prefilter(r"\w+") is None
    assert T._prefilter(r"a|\w") is None


def test_dates_as_text_or_datetime(small) -> None:
    from datetime import datetime

    assert topics({"agenda": "alpha", "date": datetime(2003, 3, 3, 12)}, small) == ["alpha"]
    assert topics({"agenda": "alpha", "date": "2003-03-03"}, small) == ["alpha"]


def test_taxonomy_is_loaded_once() -> None:
    assert T.taxonomy() is T.taxonomy() is T.TAXONOMY
    assert re.fullmatch(r"[a-z0-9-]+", next(iter(T.TAXONOMY.topics)))


def test_expanding_without_the_compiled_taxonomy_gives_the_same_topics():
    from untally.analytics.topics import expand, taxonomy

    tax = taxonomy()
    for name in tax.names():
        assert expand(name) == expand(name, tax), name
