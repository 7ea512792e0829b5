"""Ideal points: recovered from votes simulated with known positions, reproducible from a
seed, bridged across sessions, and in line with the published estimates on the mirror."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from test_ga_store import ga_connection, mirror_database
from untally.analytics import idealpoints as ip
from untally.analytics.coincidence import VoteFilter
from untally.members import members_table
from untally.store.ga_separate import SEPARATE_SCHEMA, SEPARATE_SOURCE

PUBLISHED = "voeten/ideal_points_all_jul2023_by_iso3_year.csv"


def ga_table(
    rows: list[tuple[int, str, str, int]],
    titles: dict[int, str],
    symbols: dict[int, str] | None = None,
) -> pa.Table:
    """The Library's GA layout from (vote id, member, vote, session) rows."""
    ids, members, votes, session = zip(*rows, strict=True)
    n = len(rows)
    tallies: dict[int, dict[str, int]] = {}
    for i, v in zip(ids, votes, strict=True):
        tallies.setdefault(i, {"Y": 0, "N": 0, "A": 0})[v] += 1
    states = {i: sum(t.values()) for i, t in tallies.items()}
    symbols = symbols or {}
    return pa.table(
        {
            "undl_id": pa.array(ids, pa.int64()),
            "ms_code": list(members),
            "ms_name": list(members),
            "ms_vote": list(votes),
            "date": pa.array([dt.date(1945 + s, 11, 1) for s in session], pa.date32()),
            "year": pa.array([1945 + s for s in session], pa.int16()),
            "session": [str(s) for s in session],
            "resolution": [
                symbols.get(i, f"A/RES/{s}/{i}") for i, s in zip(ids, session, strict=True)
            ],
            **{c: pa.nulls(n, pa.string()) for c in ("draft", "committee_report", "meeting")},
            "title": [titles[i] for i in ids],
            **{c: pa.nulls(n, pa.string()) for c in ("agenda_title", "subjects", "vote_note")},
            "total_yes": pa.array([tallies[i]["Y"] for i in ids], pa.int16()),
            "total_no": pa.array([tallies[i]["N"] for i in ids], pa.int16()),
            "total_abstentions": pa.array([tallies[i]["A"] for i in ids], pa.int16()),
            "total_non_voting": pa.array([0] * n, pa.int16()),
            "total_ms": pa.array([states[i] for i in ids], pa.int16()),
            "undl_link": [f"https://digitallibrary.un.org/record/{i}" for i in ids],
        }
    )


def simulated(seed: int = 7, states: int = 40, sessions: int = 4, per_session: int = 60):
    """Votes drawn from the model itself: ordered probit with a random-walk position."""
    rng = np.random.default_rng(seed)
    codes = [c for c in members_table().column("code").to_pylist() if len(c) == 3][:states]
    codes = ["USA", *[c for c in codes if c != "USA"]][:states]
    x = np.cumsum(rng.normal(0, 0.15, (states, sessions)), axis=1) + rng.normal(0, 1, (states, 1))
    x[0] += 2.0 - x[0, 0]  # the anchor sits clearly on the positive side
    rows = []
    vote_id = 1000
    for s in range(sessions):
        for _ in range(per_session):
            vote_id += 1
            a, b, tau = rng.normal(0.5, 1), rng.normal(0, 1.5), 0.6
            ystar = a + b * x[:, s] + rng.normal(0, 1, states)
            votes = np.where(ystar < 0, "N", np.where(ystar < tau, "A", "Y"))
            for code, v in zip(codes, votes, strict=True):
                rows.append((vote_id, code, v, 60 + s))
    table = ga_table(rows, {i: f"Item {i}" for i, *_ in rows})
    return ga_connection(table), codes, x


@pytest.fixture(scope="module")
def sim():
    con, codes, x = simulated()
    yield con, codes, x
    con.close()


def estimates(fit: ip.IdealPoints, codes: list[str], sessions: int) -> np.ndarray:
    got = {(r["member"], r["session"]): r["ideal"] for r in fit.table.to_pylist()}
    return np.array([[got[(c, 60 + s)] for s in range(sessions)] for c in codes])


def test_positions_simulated_from_the_model_are_recovered(sim):
    con, codes, x = sim
    fit = ip.fit(con, max_iter=300)
    est = estimates(fit, codes, x.shape[1])
    for s in range(x.shape[1]):
        assert np.corrcoef(est[:, s], x[:, s])[0, 1] > 0.95
    assert np.corrcoef(est.ravel(), x.ravel())[0, 1] > 0.95
    assert fit.converged and fit.iterations < 300


def test_the_anchor_state_is_on_the_positive_side(sim):
    con, _, _ = sim
    fit = ip.fit(con, max_iter=50)
    usa = fit.series("USA").column("ideal").to_numpy()
    assert usa.mean() > 0


def test_the_same_seed_gives_the_same_estimates(sim):
    con, _, _ = sim
    a = ip.fit(con, max_iter=40, seed=3, tol=0)
    b = ip.fit(con, max_iter=40, seed=3, tol=0)
    assert a.table.equals(b.table)
    c = ip.fit(con, max_iter=40, seed=4, tol=0)
    assert not c.table.equals(a.table)


def test_every_state_session_has_an_estimate_with_its_vote_count(sim):
    con, codes, x = sim
    fit = ip.fit(con, max_iter=20)
    assert fit.table.num_rows == len(codes) * x.shape[1]
    assert set(fit.table.column("n_votes").to_pylist()) == {60}
    assert pc.all(pc.greater(fit.table.column("sd"), 0)).as_py()
    assert fit.table.column("year").to_pylist()[0] == fit.table.column("session")[0].as_py() + 1945


def bridge_keys(titles: list[str | None], symbols: list[str]) -> list[str]:
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT {ip.BRIDGE_KEY} FROM (SELECT unnest(?::VARCHAR[]) AS title, "
            "unnest(?::VARCHAR[]) AS resolution, unnest(generate_series(1, ?)) AS vote_id)",
            [titles, symbols, len(titles)],
        ).fetchall()
    return [r[0] for r in rows]


def test_the_bridging_key_is_the_title_and_the_part_letter():
    suffix = " : resolution / adopted by the General Assembly"
    keys = bridge_keys(
        [f"Question of Palestine{suffix}", "Question of Palestine", "Question of Palestine",
         f"Question of Algeria{suffix}.", "Question of Algeria", None],
        ["A/RES/37/86C", "A/RES/38/58 C", "A/RES/32/40[B]",
         "A/RES/383(V)[A]", "A/RES/1514(XV)", "A/RES/70/1"],
    )  # fmt: skip
    assert keys[0] == keys[1] == "question of palestine|C"  # suffix or not, part C both times
    assert keys[2] == "question of palestine|B"
    assert keys[3] == "question of algeria|A"
    assert keys[4] == "question of algeria|"  # (XV) is the session, not a part
    assert keys[5] == "#6"  # no title: a key of its own


def test_a_vote_may_repeat_any_vote_with_its_key_in_the_nearest_earlier_session_holding_it():
    keys = np.array(["k", "k", "k", "k", "j", "j"])
    sessions = np.array([70, 71, 71, 72, 70, 73])
    later, earlier = ip.candidate_pairs(keys, sessions)
    pairs = set(zip(later.tolist(), earlier.tolist(), strict=True))
    # both votes of session 71 may repeat the one of 70; the vote of 72 either of 71's;
    # the j of session 73 the j of 70 (no j between)
    assert pairs == {(1, 0), (2, 0), (3, 1), (3, 2), (5, 4)}


def test_bridges_pair_votes_one_to_one_best_split_first_and_only_above_the_threshold():
    later = np.array([1, 2, 3, 3])
    earlier = np.array([0, 0, 1, 2])
    kappa = np.array([0.8, 0.95, ip.SAME_SPLIT - 0.01, np.nan])
    previous = ip.match_bridges(4, later, earlier, kappa)
    # vote 2 splits the membership most like vote 0 and takes it; vote 1 is left a text of
    # its own; vote 3 is like neither vote of its previous session
    assert previous.tolist() == [-1, -1, 0, -1]


def test_a_chain_of_repeated_votes_is_one_item():
    item = ip.bridge_items(np.array([-1, 0, 1, -1, 3]))
    assert item[0] == item[1] == item[2] != item[3] == item[4]
    assert len(set(item.tolist())) == 2


def test_a_text_voted_again_is_one_item_and_a_new_text_under_its_title_is_not():
    codes = ["USA", "GBR", "FRA", "RUS", "CHN", "IND", "BRA", "CUB", "IRN", "ISR"]
    west = {"USA", "GBR", "FRA", "ISR"}
    rows, titles, symbols = [], {}, {}
    for k, session in enumerate((60, 61, 62)):
        for part in "ABC":
            vote_id = 100 * session + ord(part)
            titles[vote_id] = "Question of X : resolution / adopted by the General Assembly"
            symbols[vote_id] = f"A/RES/{session}/{k + 1}{part}"
            for code in codes:
                if part == "C":  # lopsided: one state against, a different one each session
                    vote = "N" if code == codes[k] else "Y"
                else:  # part B splits the membership the other way in session 62
                    vote = "Y" if (code in west) ^ (part == "B" and session < 62) else "N"
                rows.append((vote_id, code, vote, session))
    with ga_connection(ga_table(rows, titles, symbols)) as con:
        d = ip._load(con, VoteFilter(), bridge=True)
        unbridged = ip._load(con, VoteFilter(), bridge=False)
    assert unbridged.n_items == 9
    # A in 60-62 is one item, B in 60-61 another; B in 62 and each C (80% of states agree
    # from one session to the next, no more than chance for such tallies) stand alone
    assert d.n_items == 6
    assert d.n_bridged == 5


def test_published_codes_follow_the_published_file():
    assert ip.published_code("SUN", 30) == "RUS"
    assert ip.published_code("SRB", 70) == "YUG"
    assert ip.published_code("CHN", 20) == "TWN"
    assert ip.published_code("CHN", 30) == "CHN"
    assert ip.published_code("YEM", 40) == "YAR"
    assert ip.published_code("USA", 40) == "USA"


def test_recent_sessions_agree_with_the_published_estimates(tmp_path_factory, mirror):
    db = mirror_database(tmp_path_factory, mirror)
    with duckdb.connect(str(db), read_only=True) as con:
        fit = ip.fit(con, where=VoteFilter(sessions=(70, 76)), max_iter=150)
    comparison = ip.compare(fit, ip.read_published(mirror / PUBLISHED))
    assert comparison.overall > 0.95
    assert comparison.median_session > 0.95
    assert "July 2023" in comparison.release
    last = {r["member"]: r["ideal"] for r in fit.table.to_pylist() if r["session"] == 76}
    # The known ordering: the US and Israel far from Russia, China and Iran.
    assert last["USA"] > last["ISR"] > last["GBR"] > last["RUS"] > last["CHN"] > last["IRN"]


def test_a_published_file_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "pub.csv"
    path.write_text("code,when,score\nUSA,2020,1.0\n")
    with pytest.raises(Exception, match="missing column"):
        ip.read_published(path)


def test_the_tabulated_mills_ratio_matches_the_exact_one():
    u = np.concatenate([np.linspace(-60, 15, 200_001), [-1e3, 1e3]])
    exact = ip._mills_exact(u)
    assert np.max(np.abs(ip._mills(u) - exact) / np.maximum(1.0, np.abs(exact))) < 1e-6


def test_the_accelerated_fit_reaches_the_plain_fits_estimates(sim):
    con, codes, x = sim
    fast = estimates(ip.fit(con, tol=1e-5), codes, x.shape[1])
    plain = estimates(ip.fit(con, tol=1e-5, accelerate=False), codes, x.shape[1])
    assert np.max(np.abs(fast - plain)) < 0.01


def test_a_session_offset_and_scale_cost_the_overall_r_but_not_the_within_session_r(sim):
    con, _, _ = sim
    fit = ip.fit(con, max_iter=50)
    t = fit.table
    session = t.column("session").to_numpy().astype(np.int64)
    # the "published" estimates: ours, stretched and shifted differently in every session
    shifted = t.column("ideal").to_numpy() * (session - 58) + 3.0 * (session - 60)
    published = pa.table({"iso3": t.column("member"), "session": session, "ideal": shifted})
    c = ip.compare(fit, published)
    assert c.within_sessions == pytest.approx(1.0)
    assert c.overall < 0.95
    assert c.per_session.column("r").to_numpy() == pytest.approx(1.0)
    assert c.per_session.column("sd_ratio").to_numpy() == pytest.approx(
        1 / (session.min() - 58 + np.arange(4))
    )


def test_the_drift_of_a_session_is_the_affine_map_between_two_updates(sim):
    con, _, _ = sim
    update = ip._Updates(ip._load(con, VoteFilter(), True), 0.01)
    old = np.random.default_rng(0).normal(size=update.shape)
    new = old * np.array([1.1, 1.0, 0.9, 1.0]) + np.array([0.2, 0.0, -0.1, 0.0])
    update.observed[0, 3] = False
    new[0, 3] += 5.0  # a state that did not vote in the session does not count
    drift = update.drift(old, new)
    assert drift == pytest.approx(np.array([[0.1, 0.2], [0, 0], [-0.1, -0.1], [0, 0]]))
    update.observed[2:, 3] = False  # one state voting: no scale to measure
    assert update.drift(old, new)[3].tolist() == [0.0, 0.0]


def with_separate_votes(con: duckdb.DuckDBPyConnection, votes: dict[int, dict[str, str]]) -> None:
    """Add paragraph votes (rcid -> member -> vote) of session 60 to a test database."""
    con.execute(SEPARATE_SCHEMA)
    for rcid, cast in votes.items():
        tally = [sum(v == k for v in cast.values()) for k in "YNA"]
        con.execute(
            "INSERT INTO ga_separate_votes VALUES (?, 60, DATE '2005-10-01', 2005, 'paragraph', "
            "NULL, NULL, 'para', 'a paragraph', ?, ?, ?)",
            [rcid, *tally],
        )
        con.executemany(
            "INSERT INTO ga_separate_member_votes VALUES (?, ?, ?)",
            [(rcid, m, v) for m, v in cast.items()],
        )


def test_paragraph_and_amendment_votes_place_states_the_final_votes_cannot_tell_apart():
    west = ["USA", "GBR", "FRA", "ISR"]
    rest = ["RUS", "CHN", "CUB", "IRN", "EGY", "ZAF"]
    pair = ["IND", "BRA"]  # vote alike on every final vote
    rng = np.random.default_rng(0)
    rows, titles = [], {}
    for vote_id in range(1, 21):
        titles[vote_id] = f"Item {vote_id}"
        defectors = set(rng.choice(west + rest, size=2, replace=False).tolist())
        for code in west + rest + pair:
            side = code in west
            rows.append((vote_id, code, "Y" if side ^ (code in defectors) else "N", 60))
    paragraphs = {
        900 + k: {c: ("Y" if c in [*west, "IND"] else "N") for c in west + rest + pair}
        for k in range(6)
    }
    with ga_connection(ga_table(rows, titles)) as con:
        without = ip.fit(con)
        with_separate_votes(con, paragraphs)
        with_ = ip.fit(con)
        final_only = ip.fit(con, separate=False)

    def gap(fit: ip.IdealPoints) -> float:
        got = {r["member"]: r["ideal"] for r in fit.table.to_pylist()}
        return got["IND"] - got["BRA"]

    assert abs(gap(without)) < 0.05 and abs(gap(final_only)) < 0.05
    assert gap(with_) > 0.2  # India sides with the West on the paragraphs
    assert with_.n_votes == without.n_votes + len(paragraphs)
    assert [s.source for s in with_.data_used][-1] == SEPARATE_SOURCE
    assert SEPARATE_SOURCE not in [s.source for s in final_only.data_used]
