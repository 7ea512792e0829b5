"""One-dimensional ideal points per state and session from the General Assembly record.

"State X drifted toward Y" is a claim about positions over time, which raw agreement shares
confuse with changes in the agenda. Ideal points place every state on one scale per session,
in the spirit of Bailey, Strezhnev and Voeten (2017, *JCR* 61(2)), "BSV" below:

Model (a dynamic ordered item-response model)
    Each recorded vote j is an item with a latent utility
    ``y*_ij = alpha_j + beta_j * x_i,s(j) + e``, ``e ~ N(0, 1)``; a state votes no when
    ``y* < 0``, abstains when ``0 <= y* < tau_j`` and votes yes when ``y* >= tau_j``.
    Non-voting and non-membership are missing, not votes. Ideal points follow a random walk
    across sessions: ``x_i,first ~ N(0, 4)``, ``x_i,s ~ N(x_i,s-1, omega^2)``; the first
    prior is wide so that a state admitted late (most members) is placed by its votes, not
    drawn to the centre of a scale set by the others. Priors: ``alpha_j, beta_j ~ N(0, 25)``.

Votes
    Every final vote of the record and, where the store has them, the separate votes on
    paragraphs and amendments (Voeten's data, 1946-2019: ``ga_separate_votes``), as BSV's
    "all votes" estimates use them: they are most of the early sessions' contested votes
    (the record holds only the votes adopting a resolution), and without them the ordering
    within sessions 1-29 is visibly worse. ``separate=False`` fits the final votes alone.

Bridging
    BSV treat identical resolutions (the same text voted again in later sessions) as one item
    with one alpha, beta and tau, so that a state voting differently on the same text in a
    later session moves, rather than the item. The record has no texts, so a text is
    recognised by three marks: the same title (without the Library's suffix), the same part
    letter of the symbol (``37/86 C`` and ``38/58 C``: the parts of one resolution share a
    title, not a text), and the same split of the membership: the two votes agree beyond
    chance (Cohen's kappa at least :data:`SAME_SPLIT`). A vote may repeat any vote under its
    key in the nearest earlier session holding the key; pairs are taken one to one, the most
    alike first (:func:`match_bridges`), and a chain of such votes is one item. Any other
    vote (every separate vote among them) is its own item.

Fitting (variational EM, NumPy/SciPy, no loop over votes)
    Truncated-normal means for y*, a 2×2 Bayesian regression per item (sums over each item's
    contiguous run of observations), and a Kalman filter/RTS smoother per state trajectory,
    vectorised over states (the loop is over sessions). Each ``tau_j`` takes a Newton step
    on the ordered-probit likelihood per update (a generalized EM step). The item regression
    uses the ideal points' means, not their mean-field variances: counted as independent
    noise in every item's regressor, those variances (large where a session has few votes)
    shrink the items of thinly voted sessions and with them the sessions' spread, so the
    scale of a session followed the number of states voting in it (measured on the record:
    the ratio of the published spread to ours per session correlated -0.96 with it).
    The plain update crawls along one direction, each session's location and scale drifting
    against its items; every third update jumps along that drift to its geometric limit
    (:func:`_iterate`). The start is the first principal component of the vote matrix;
    ``seed`` adds a reproducible jitter, so two runs with one seed give identical results.

Identification: the sign is fixed so that ``anchor`` (the United States) is positive on
average, as in BSV's published file. The scale is the model's (unit error variance), not
BSV's, so compare by correlation. See docs/general-assembly.md for the check against the
published estimates, and for how the estimates move with the stopping tolerance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from scipy import special

from untally.analytics.coincidence import VoteFilter, columns, data_used
from untally.errors import NotFound, UntallyError
from untally.store.ga import GASpan, check_within_record
from untally.store.ga_separate import has_separate

PRIOR_VAR = 25.0
START_VAR = 4.0  # first session's prior variance (module docstring)
# The slow direction shrinks by about 0.993 per update on the record 1946-2025 (measured);
# a cap of 0.95 limited each jump to 19 times the last drift, a twentieth of the way.
RATIO_CAP = 0.995
# A jump is kept when the update after it moves ideal points no more than twice as far as the
# update before it, or undoes less than a quarter of the jump: after a long jump the bridged
# items cannot keep every session's utilities, and the next update rightly moves further.
UNDONE = 0.25
ALL_YEARS = 9999  # no upper bound on the separate votes' years
PUBLISHED_RELEASE = (
    "Bailey, Strezhnev and Voeten, UN General Assembly Voting Data, Harvard Dataverse "
    "doi:10.7910/DVN/LEJUQZ, IdealpointestimatesAll_Jul2023.csv (July 2023), IdealPointAll"
)
_LOG_SQRT_2PI = 0.5 * np.log(2 * np.pi)


@dataclass(frozen=True)
class IdealPoints:
    """Estimates and how they were made: ``table`` has member, session, year (= session +
    1945), ideal, sd and n_votes (yes/no/abstain votes cast that session)."""

    table: pa.Table = field(repr=False)
    seed: int
    omega: float
    iterations: int
    converged: bool
    seconds: float
    n_votes: int  # recorded votes used
    n_items: int  # after bridging
    n_bridged: int  # votes that share an item with a vote of another session
    n_observations: int
    scope: str
    model: str = "dynamic ordered probit IRT, variational EM"
    history: tuple[float, ...] = field(default=(), repr=False)  # largest change per iteration
    data_used: tuple[GASpan, ...] = ()  # per source: first and last date, votes, note

    @property
    def notes(self) -> list[str]:
        """The phrases the answer must carry (a secondary source in scope), once each."""
        return [s.note for s in self.data_used if s.note]

    def series(self, member: str) -> pa.Table:
        import pyarrow.compute as pc

        rows = self.table.filter(pc.equal(self.table.column("member"), member))
        if rows.num_rows == 0:
            raise NotFound(f"no ideal point for {member}", "check the member and the sessions")
        return rows


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Data:
    members: tuple[str, ...]
    sessions: np.ndarray  # session numbers, sorted, one column each
    state: np.ndarray  # per observation: member index
    period: np.ndarray  # per observation: session index
    item: np.ndarray  # per observation: item index
    y: np.ndarray  # per observation: 0 no, 1 abstain, 2 yes
    n_items: int
    n_votes: int
    n_bridged: int
    cast: np.ndarray  # (states, sessions): yes/no/abstain votes cast, unanimous items included


# The bridging key of a vote: its title without the Library's "resolution / adopted by the
# General Assembly" suffix, case-folded, and the part letter of its symbol where the
# resolution has parts (A/RES/37/86 C, "A/RES/32/40[B]": the parts of one resolution share a
# title but not a text). SQL, so no Python loop runs over the votes. Measured on the record
# 1946-2025: looser keys (titles stripped of punctuation and small words, or without the part
# letter) bridge 3-11% more votes and correlated less with the published estimates (r 0.959
# and 0.955 against 0.961, final votes, before the fit's other changes): a vote under another
# part letter is another text.
TITLE_KEY = r"""
    nullif(lower(trim(regexp_replace(coalesce(title, ''),
        '\s*:\s*resolutions?\s*/\s*adopted by the general assembly\.?\s*$', '', 'i'))), '')
"""
PART_LETTER = r"""
    regexp_extract(upper(resolution), '[\d)]\s*\[?([A-Z](?:/[A-Z])*)\]?\s*$', 1)
"""
BRIDGE_KEY = f"""
    coalesce({TITLE_KEY} || '|' || {PART_LETTER}, '#' || vote_id)
"""
# Two votes on one text split the membership the same way, but for the states that moved; a
# repeated title whose votes split it differently is a new text under an old title. The
# measure is Cohen's kappa over the states voting yes, no or abstain on both (agreement
# beyond what the two tallies give by chance: most votes are lopsided, so two unrelated votes
# of adjacent sessions agree on 78% of states at the median, kappa 0.08). On the record
# 1946-2025 the kappas of same-key votes of two sessions are bimodal, one mode near 0.05 and
# one near 0.95, with a trough from 0.1 to 0.3; the threshold is the top of the trough, so
# that a text some states changed their vote on still bridges (such votes are what bridges
# measure). The correlation with the published estimates hardly moves with it (0.1: 0.977,
# 0.2: 0.977, 0.3: 0.977, 0.5: 0.979 with the default fit); it was not chosen by it.
SAME_SPLIT = 0.3


def candidate_pairs(keys: np.ndarray, sessions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (vote, earlier vote) with one key where the earlier vote is in the nearest
    earlier session holding the key: the votes a vote may repeat."""
    _, key_index = np.unique(keys, return_inverse=True)
    order = np.lexsort((sessions, key_index))  # votes grouped by (key, session)
    k, s = key_index[order], sessions[order]
    new_group = np.r_[True, (k[1:] != k[:-1]) | (s[1:] != s[:-1])]
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.r_[starts, len(order)])
    group = np.cumsum(new_group) - 1  # per position in order
    has_prev = np.r_[False, k[starts[1:]] == k[starts[:-1]]]  # per group
    later_pos = np.flatnonzero(has_prev[group])
    prev_group = group[later_pos] - 1
    counts = sizes[prev_group]
    later = np.repeat(later_pos, counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    earlier = np.repeat(starts[prev_group], counts) + within
    return order[later].astype(np.int64), order[earlier].astype(np.int64)


def match_bridges(n: int, later: np.ndarray, earlier: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """Per vote, the earlier vote it repeats, or -1: candidate pairs are taken one to one,
    the two votes splitting the membership most alike first, while their kappa is at least
    :data:`SAME_SPLIT` (a key voted twice in a session pairs each vote with its own text)."""
    previous = np.full(n, -1)
    taken = np.zeros(n, dtype=bool)
    score = np.nan_to_num(kappa, nan=-1.0)
    for p in np.argsort(-score, kind="stable"):
        if score[p] < SAME_SPLIT:
            break
        a, b = later[p], earlier[p]
        if previous[a] < 0 and not taken[b]:
            previous[a], taken[b] = b, True
    return previous


def bridge_items(previous: np.ndarray) -> np.ndarray:
    """Item index per vote: a vote joins the item of the vote it repeats; every other vote
    starts an item."""
    n = len(previous)
    parent = np.where(previous >= 0, previous, np.arange(n))
    # follow the chains to their first vote (each step halves the remaining length)
    while True:
        nxt = parent[parent]
        if np.array_equal(nxt, parent):
            break
        parent = nxt
    _, item = np.unique(parent, return_inverse=True)
    return item


def _kappa(con: duckdb.DuckDBPyConnection, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair of votes (ids ``a[k]``, ``b[k]``), Cohen's kappa over the states voting yes,
    no or abstain on both (NaN where none; 1 where both are unanimous alike)."""
    out = np.full(len(a), np.nan)
    if len(a) == 0:
        return out
    con.register("bridge_pairs", pa.table({"i": np.arange(len(a)), "a": a, "b": b}))
    try:
        rows = columns(
            con,
            """
            SELECT p.i, avg((va.vote = vb.vote)::DOUBLE) AS observed,
                   avg((va.vote = 'Y')::DOUBLE) * avg((vb.vote = 'Y')::DOUBLE)
                   + avg((va.vote = 'N')::DOUBLE) * avg((vb.vote = 'N')::DOUBLE)
                   + avg((va.vote = 'A')::DOUBLE) * avg((vb.vote = 'A')::DOUBLE) AS chance
            FROM bridge_pairs p
            JOIN ga_votes va ON va.vote_id = p.a AND va.vote <> 'X'
            JOIN ga_votes vb ON vb.vote_id = p.b AND vb.member = va.member AND vb.vote <> 'X'
            GROUP BY p.i
            """,
            [],
        )
    finally:
        con.unregister("bridge_pairs")
    observed, chance = rows["observed"], rows["chance"]
    kappa = np.where(chance < 1.0, (observed - chance) / np.maximum(1.0 - chance, 1e-12), observed)
    out[rows["i"].astype(np.int64)] = kappa
    return out


def _separate_scope(
    con: duckdb.DuckDBPyConnection, where: VoteFilter, separate: bool
) -> tuple[str, list[object]] | None:
    """The clause selecting the separate (paragraph and amendment) votes in scope, or None
    when they are not wanted, not in the store, or not selectable (a topic filter)."""
    if not separate or not has_separate(con):
        return None
    return where.separate_where(ALL_YEARS)


def _load(
    con: duckdb.DuckDBPyConnection, where: VoteFilter, bridge: bool, separate: bool = False
) -> _Data:
    check_within_record(con, where.since)
    clause, params = where.where()
    final = f"""
        SELECT vote_id, session_no, {BRIDGE_KEY} AS key,
               coalesce(date, make_date(year, 7, 1)) AS day
        FROM ga_resolutions WHERE {clause}
    """
    votes_of = f"""
        SELECT v.vote_id, v.member, v.vote
        FROM ga_votes v SEMI JOIN (SELECT vote_id FROM ga_resolutions WHERE {clause}) s
             USING (vote_id)
    """
    vote_params = list(params)
    scope = _separate_scope(con, where, separate)
    if scope is not None:
        # a separate vote is its own item (ids negative, as in coincidence.load_matrix): its
        # description names the motion, not a text voted again
        final += f"""
            UNION ALL
            SELECT -rcid, session, '#-' || rcid, date FROM ga_separate_votes WHERE {scope[0]}
        """
        votes_of += f"""
            UNION ALL
            SELECT -m.rcid, m.member, m.vote FROM ga_separate_member_votes m
            SEMI JOIN (SELECT rcid FROM ga_separate_votes WHERE {scope[0]}) s USING (rcid)
        """
        params = [*params, *scope[1]]
        vote_params = [*vote_params, *scope[1]]
    meta = columns(
        con,
        f"SELECT vote_id, session_no, key FROM ({final}) ORDER BY session_no, day, vote_id",
        params,
    )
    if len(meta["vote_id"]) == 0:
        raise NotFound(f"no recorded General Assembly vote in {where.describe()}", "widen it")
    sessions = meta["session_no"].astype(np.int64)
    if bridge:
        later, earlier = candidate_pairs(meta["key"], sessions)
        ids = meta["vote_id"]
        previous = match_bridges(len(ids), later, earlier, _kappa(con, ids[later], ids[earlier]))
        item_of_vote = bridge_items(previous)
    else:
        item_of_vote = np.arange(len(sessions), dtype=np.int64)
    rows = columns(
        con,
        f"""
        SELECT vote_id, member,
               CASE vote WHEN 'N' THEN 0 WHEN 'A' THEN 1 ELSE 2 END::TINYINT AS y
        FROM ({votes_of}) WHERE vote <> 'X'
        """,
        vote_params,
    )
    members, state = np.unique(rows["member"].astype(str), return_inverse=True)
    order = np.argsort(meta["vote_id"])
    vote_index = order[np.searchsorted(meta["vote_id"], rows["vote_id"], sorter=order)]
    session_values, period_of_vote = np.unique(sessions, return_inverse=True)
    item = item_of_vote[vote_index]
    y = rows["y"].astype(np.int8)
    # Items on which every vote is the same say nothing about positions: drop them.
    lo = np.full(item.max() + 1, 3)
    hi = np.full(item.max() + 1, -1)
    np.minimum.at(lo, item, y)
    np.maximum.at(hi, item, y)
    keep = (lo < hi)[item]
    period = period_of_vote[vote_index]
    cast = np.bincount(
        state * len(session_values) + period, minlength=len(members) * len(session_values)
    ).reshape(len(members), len(session_values))
    _, item = np.unique(item[keep], return_inverse=True)
    n_bridged = int(np.sum(np.bincount(item_of_vote)[item_of_vote] > 1))
    return _Data(
        members=tuple(members),
        sessions=session_values,
        state=state[keep].astype(np.int64),
        period=period[keep].astype(np.int64),
        item=item.astype(np.int64),
        y=y[keep],
        n_items=int(item.max() + 1) if len(item) else 0,
        n_votes=len(meta["vote_id"]),
        n_bridged=n_bridged,
        cast=cast,
    )


# --------------------------------------------------------------------------- model pieces


_SQRT_2_OVER_PI = np.sqrt(2 / np.pi)
_SQRT_HALF = np.sqrt(0.5)


def _mills_exact(u: np.ndarray) -> np.ndarray:
    """phi(u) / Phi(u), stable in both tails (through the scaled complementary error fn)."""
    return _SQRT_2_OVER_PI / special.erfcx(-u * _SQRT_HALF)


# phi(u) / Phi(u) is evaluated about a million times per iteration; a special function costs
# ~50 ns a value, a linear interpolation in a table ~10 ns. Grid step 1/256 on [-40, 10]: the
# interpolation error is below 1e-6 (tested); beyond the grid the asymptotic forms hold.
_GRID_LO, _GRID_HI, _GRID_STEPS = -40.0, 10.0, 256
_GRID = np.linspace(_GRID_LO, _GRID_HI, int((_GRID_HI - _GRID_LO) * _GRID_STEPS) + 1)
_TABLE = _mills_exact(_GRID)
_SLOPE = np.append(np.diff(_TABLE), 0.0)


def _mills(u: np.ndarray) -> np.ndarray:
    """phi(u) / Phi(u) from the table: below the grid -u / (1 - 1/u^2 + 3/u^4) (the Mills
    ratio series), above it 0 (phi(10) / Phi(10) < 1e-22)."""
    pos = np.clip((u - _GRID_LO) * _GRID_STEPS, 0.0, len(_GRID) - 1.0)
    i = pos.astype(np.intp)
    out = _TABLE[i] + (pos - i) * _SLOPE[i]
    below = np.flatnonzero(u < _GRID_LO)
    if len(below):
        ub = u[below]
        out[below] = -ub / (1.0 - 1.0 / ub**2 + 3.0 / ub**4)
    return out


def _phi(u: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * u * u - _LOG_SQRT_2PI)


@dataclass(frozen=True)
class _Runs:
    """The runs of one item within a slice of observations sorted by item: sums by item are
    then ``np.add.reduceat`` over contiguous runs (about ten times faster than a bincount)."""

    span: slice
    starts: np.ndarray  # run starts, relative to the slice
    items: np.ndarray  # the item of each run

    @classmethod
    def of(cls, item: np.ndarray, where: slice) -> _Runs:
        part = item[where]
        starts = np.flatnonzero(np.r_[True, part[1:] != part[:-1]]) if len(part) else part
        return cls(where, starts, part[starts])

    def sum(self, weights: np.ndarray, n_items: int, out: np.ndarray | None = None) -> np.ndarray:
        """Per item, the sum of ``weights`` (one per observation of this slice)."""
        out = np.zeros(n_items) if out is None else out
        if len(self.starts):
            out[self.items] += np.add.reduceat(weights, self.starts)
        return out


@dataclass(frozen=True)
class _Design:
    """The index structure of the observations, computed once. Observations are sorted by
    vote (no, abstain, yes) and then by item, so each category is a contiguous slice and
    every gather and sum by item walks memory in order."""

    item: np.ndarray
    cell: np.ndarray  # (state, session) of each observation, flattened
    n_items: int
    n_cells: int
    no: _Runs
    abstain: _Runs
    yes: _Runs
    has_abstain: np.ndarray  # per item
    count: np.ndarray  # observations per item plus the prior's precision

    @classmethod
    def of(cls, d: _Data) -> _Design:
        n_t = len(d.sessions)
        order = np.lexsort((d.item, d.y))
        y, item = d.y[order], d.item[order]
        bounds = [int(b) for b in np.searchsorted(y, [0, 1, 2, 3])]
        return cls(
            item=item,
            cell=(d.state * n_t + d.period)[order],
            n_items=d.n_items,
            n_cells=len(d.members) * n_t,
            no=_Runs.of(item, slice(bounds[0], bounds[1])),
            abstain=_Runs.of(item, slice(bounds[1], bounds[2])),
            yes=_Runs.of(item, slice(bounds[2], bounds[3])),
            has_abstain=np.bincount(item[bounds[1] : bounds[2]], minlength=d.n_items) > 0,
            count=np.bincount(item, minlength=d.n_items) + 1.0 / PRIOR_VAR,
        )

    def item_sum(self, weights: np.ndarray) -> np.ndarray:
        """Per item, the sum of ``weights`` (one per observation)."""
        out = np.zeros(self.n_items)
        for runs in (self.no, self.abstain, self.yes):
            runs.sum(weights[runs.span], self.n_items, out)
        return out


def _e_step(m: np.ndarray, tau: np.ndarray, g: _Design) -> tuple[np.ndarray, np.ndarray]:
    """E[y*] for y* ~ N(m, 1) cut to the observed category's interval, and the cut points
    after one Newton step each on the ordered-probit likelihood (a generalized EM step;
    the same Mills ratios serve both)."""
    ystar = np.empty_like(m)
    n_items = g.n_items
    no, ab, ye = g.no.span, g.abstain.span, g.yes.span
    ystar[no] = m[no] - _mills(-m[no])
    u = m[ye] - tau[g.item[ye]]
    lam = _mills(u)
    ystar[ye] = m[ye] + lam
    # d/dtau log Phi(m - tau) = -lam; second derivative -lam (u + lam)
    grad = g.yes.sum(-lam, n_items)
    hess = g.yes.sum(-lam * (u + lam), n_items)
    t_ab = tau[g.item[ab]]
    lo, hi = -m[ab], t_ab - m[ab]  # standardised bounds of (0, tau)
    # Phi(hi) - Phi(lo), on the side of the tail that keeps precision
    upper = lo > 0
    mass = np.where(
        upper, special.ndtr(-lo) - special.ndtr(-hi), special.ndtr(hi) - special.ndtr(lo)
    )
    phi_lo, phi_hi = _phi(lo), _phi(hi)
    safe = mass > 1e-12
    mass = np.where(safe, mass, 1.0)
    ystar[ab] = np.where(safe, m[ab] + (phi_lo - phi_hi) / mass, 0.5 * t_ab)
    # d/dtau log(Phi(hi) - Phi(lo)) = phi(hi) / mass
    g_ab = np.where(safe, phi_hi / mass, 0.0)
    g.abstain.sum(g_ab, n_items, grad)
    g.abstain.sum(-hi * g_ab - g_ab * g_ab, n_items, hess)
    step = np.clip(-grad / np.minimum(hess, -1e-6), -0.5, 0.5)
    tau = np.where(g.has_abstain, np.clip(tau + step, 1e-3, 10.0), 0.0)
    return ystar, tau


def _smooth(
    prec: np.ndarray, lin: np.ndarray, first: np.ndarray, last: np.ndarray, omega2: float
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior means and variances of every state's random walk (Kalman filter + RTS
    smoother), vectorised over states. ``prec``/``lin``: (states, sessions) sums of
    E[beta^2] and E[beta] (E[y*] - E[alpha]) over the state's votes in each session."""
    n, t_count = prec.shape
    mean = np.zeros((n, t_count))
    var = np.ones((n, t_count))
    m_prev = np.zeros(n)
    v_prev = np.ones(n)
    for t in range(t_count):
        start = first == t
        m_pred = np.where(start, 0.0, m_prev)
        v_pred = np.where(start, START_VAR, v_prev + omega2)
        v = 1.0 / (1.0 / v_pred + prec[:, t])
        m = v * (m_pred / v_pred + lin[:, t])
        mean[:, t], var[:, t] = m, v
        m_prev, v_prev = m, v
    s_mean, s_var = mean.copy(), var.copy()
    for t in range(t_count - 2, -1, -1):
        inside = (t >= first) & (t < last)
        gain = var[:, t] / (var[:, t] + omega2)
        m = mean[:, t] + gain * (s_mean[:, t + 1] - mean[:, t])
        v = var[:, t] + gain * gain * (s_var[:, t + 1] - var[:, t] - omega2)
        s_mean[:, t] = np.where(inside, m, s_mean[:, t])
        s_var[:, t] = np.where(inside, v, s_var[:, t])
    return s_mean, s_var


def _start(d: _Data, n_periods: int, rng: np.random.Generator, jitter: float) -> np.ndarray:
    """First principal component of the state × item matrix (yes 1, abstain 0, no −1)."""
    n = len(d.members)
    mat = np.zeros((n, d.n_items))
    mat[d.state, d.item] = d.y.astype(float) - 1.0
    seen = np.zeros((n, d.n_items))
    seen[d.state, d.item] = 1.0
    col_mean = mat.sum(0) / np.maximum(seen.sum(0), 1)
    centred = np.where(seen > 0, mat - col_mean, 0.0)
    _, vectors = np.linalg.eigh(centred @ centred.T)  # states × states: small
    score = vectors[:, -1]
    score = (score - score.mean()) / (score.std() or 1.0)
    x = np.repeat(score[:, None], n_periods, axis=1)
    return x + jitter * rng.standard_normal(x.shape)


@dataclass
class _State:
    """What one update carries to the next: ideal points (states × sessions), item means
    and cut points, and the ideal points' variances."""

    x: np.ndarray
    a: np.ndarray
    b: np.ndarray
    tau: np.ndarray
    x_var: np.ndarray


class _Updates:
    """One variational EM update as a map from a state to the next, so that it can be
    iterated plainly or accelerated (:func:`_iterate`)."""

    def __init__(self, d: _Data, omega2: float) -> None:
        self.g = _Design.of(d)
        n, n_t = len(d.members), len(d.sessions)
        self.shape = (n, n_t)
        self.omega2 = omega2
        self.first = np.full(n, n_t)
        self.last = np.full(n, -1)
        np.minimum.at(self.first, d.state, d.period)
        np.maximum.at(self.last, d.state, d.period)
        self.observed = np.bincount(self.g.cell, minlength=n * n_t).reshape(n, n_t) > 0

    def initial(self, x: np.ndarray) -> _State:
        """Item and state updates from a starting position and y* at the category centres."""
        g = self.g
        ystar = np.empty(len(g.item))
        ystar[g.no.span], ystar[g.abstain.span], ystar[g.yes.span] = -1.0, 0.25, 1.0
        tau = np.where(g.has_abstain, 0.5, 0.0)
        return self._positions(ystar, tau, x)

    def __call__(self, s: _State) -> _State:
        g = self.g
        m = s.a[g.item] + s.b[g.item] * s.x.ravel()[g.cell]
        ystar, tau = _e_step(m, s.tau, g)
        return self._positions(ystar, tau, s.x)

    def _positions(self, ystar: np.ndarray, tau: np.ndarray, x: np.ndarray) -> _State:
        g = self.g
        n_c = g.n_cells
        # q(alpha, beta): a 2×2 Bayesian regression of E[y*] on (1, E[x]) per item. The
        # ideal points' variances are left out of the item's sums (see the module docstring:
        # counted as independent noise, they shrink the items of thinly voted sessions)
        ex = x.ravel()[g.cell]
        sx = g.item_sum(ex)
        sxx = g.item_sum(ex * ex) + 1.0 / PRIOR_VAR
        sy = g.item_sum(ystar)
        sxy = g.item_sum(ex * ystar)
        det = g.count * sxx - sx * sx
        a = (sxx * sy - sx * sxy) / det
        b = (g.count * sxy - sx * sy) / det
        bb = b * b + g.count / det  # E[beta^2]
        ab = a * b - sx / det  # E[alpha beta]
        # q(x): Kalman smoother on each state's sums of the item terms per session
        prec = np.bincount(g.cell, weights=bb[g.item], minlength=n_c)
        lin = np.bincount(g.cell, weights=b[g.item] * ystar - ab[g.item], minlength=n_c)
        x, x_var = _smooth(
            prec.reshape(self.shape), lin.reshape(self.shape), self.first, self.last, self.omega2
        )
        return _State(x, a, b, tau, x_var)

    def change(self, new: _State, old: _State) -> float:
        """The largest move of an ideal point a state has (one it voted in)."""
        return float(np.max(np.abs(new.x - old.x)[self.observed]))

    def moved(self, s: _State, x: np.ndarray) -> _State:
        """``s`` with its ideal points moved to ``x`` and each item's (alpha, beta) refitted by
        least squares to keep its utilities ``alpha + beta x`` (exactly, for an item voted in
        one session when x moved by one affine map in that session)."""
        g = self.g
        m = s.a[g.item] + s.b[g.item] * s.x.ravel()[g.cell]
        ex = x.ravel()[g.cell]
        n = g.count - 1.0 / PRIOR_VAR
        sx, sxx = g.item_sum(ex), g.item_sum(ex * ex)
        sm, sxm = g.item_sum(m), g.item_sum(ex * m)
        det = n * sxx - sx * sx
        ok = det > 1e-9 * np.maximum(n * sxx, 1e-300)
        det = np.where(ok, det, 1.0)
        a = np.where(ok, (sxx * sm - sx * sxm) / det, s.a)
        b = np.where(ok, (n * sxm - sx * sm) / det, s.b)
        return _State(x, a, b, s.tau, s.x_var)

    def drift(self, old: np.ndarray, new: np.ndarray) -> np.ndarray:
        """Per session, the affine map that best carries ``old`` ideal points to ``new``
        (least squares over the states voting): (sessions, 2) of (slope − 1, shift); zero
        where fewer than two states voted."""
        w = self.observed.astype(float)
        n = np.maximum(w.sum(0), 1.0)
        mo, mn = (w * old).sum(0) / n, (w * new).sum(0) / n
        co, cn = w * (old - mo), w * (new - mn)
        spread = (co * co).sum(0)
        fitted = (w.sum(0) >= 2) & (spread > 1e-12)  # a session with one state has no scale
        slope = np.where(fitted, (co * cn).sum(0) / np.where(fitted, spread, 1.0), 1.0)
        return np.stack([slope - 1.0, np.where(fitted, mn - slope * mo, 0.0)], axis=1)


def _iterate(
    update: _Updates, s0: _State, max_iter: int, tol: float, accelerate: bool
) -> tuple[_State, int, bool, list[float]]:
    """Iterate the update to a fixed point; stop when one update moves no ideal point by more
    than ``tol``; count updates.

    The plain update converges slowly along one direction: each session's scale and location
    drifting against its items (the model pins them only through the random walk, the
    priors and the bridges). Accelerated, every cycle takes two updates, measures that
    drift in each (one affine map per session), assumes it shrinks geometrically at the
    ratio of the two, jumps to its limit, refits the items to the moved points
    (:meth:`_Updates.moved`) and takes one update from there. A jump the next update undoes
    (:data:`UNDONE`) is dropped."""
    history: list[float] = []

    def step(s: _State) -> tuple[_State, bool]:
        new = update(s)
        history.append(update.change(new, s))
        return new, history[-1] < tol

    while len(history) < max_iter:
        s1, done = step(s0)
        if done or not accelerate or len(history) >= max_iter:
            s0 = s1
            if done:
                return s0, len(history), True, history
            continue
        s2, done = step(s1)
        if done or len(history) >= max_iter:
            s0 = s2
            if done:
                return s0, len(history), True, history
            continue
        e1, e2 = update.drift(s0.x, s1.x), update.drift(s1.x, s2.x)
        ratio = float(np.clip(np.sum(e1 * e2) / max(np.sum(e1 * e1), 1e-300), 0.0, RATIO_CAP))
        ahead = e2 * (ratio / (1.0 - ratio))
        x = (1.0 + ahead[:, 0]) * s2.x + ahead[:, 1]
        jump = float(np.max(np.abs(x - s2.x)[update.observed], initial=0.0))
        s3, done = step(update.moved(s2, x))
        if done:
            return s3, len(history), True, history
        kept = history[-1] <= max(2 * history[-2], UNDONE * jump)
        s0 = s3 if np.isfinite(history[-1]) and kept else s2
    return s0, len(history), False, history


def fit(
    con: duckdb.DuckDBPyConnection,
    *,
    where: VoteFilter = VoteFilter(),  # noqa: B008 - frozen, so a safe default
    seed: int = 0,
    omega: float = 0.1,
    bridge: bool = True,
    max_iter: int = 1000,
    tol: float = 1e-3,
    anchor: str = "USA",
    jitter: float = 0.1,
    accelerate: bool = True,
    separate: bool = True,
) -> IdealPoints:
    """Fit the model on the votes ``where`` selects; see the module docstring.

    ``omega`` is the random walk's standard deviation per session; ``tol`` the largest change
    of any ideal point in one update at which the fit stops; ``accelerate=False`` iterates
    the plain update (slower, to the same fixed point); ``separate=False`` leaves out the
    paragraph and amendment votes.
    """
    started = time.perf_counter()
    if omega <= 0:
        raise UntallyError(f"omega {omega} must be positive", "use e.g. 0.1")
    d = _load(con, where, bridge, separate)
    rng = np.random.default_rng(seed)
    update = _Updates(d, omega * omega)
    s0 = update.initial(_start(d, len(d.sessions), rng, jitter))
    s, iterations, converged, history = _iterate(update, s0, max_iter, tol, accelerate)
    x_mean, x_var, observed = s.x, s.x_var, update.observed

    sign = 1.0
    if anchor in d.members:
        k = d.members.index(anchor)
        if x_mean[k][observed[k]].mean() < 0:
            sign = -1.0
    state_idx, period_idx = np.nonzero(observed)
    sessions = d.sessions[period_idx]
    table = pa.table(
        {
            "member": pa.array(np.array(d.members, dtype=object)[state_idx], pa.string()),
            "session": pa.array(sessions.astype(np.int16)),
            "year": pa.array((sessions + 1945).astype(np.int16)),
            "ideal": pa.array(sign * x_mean[state_idx, period_idx]),
            "sd": pa.array(np.sqrt(x_var[state_idx, period_idx])),
            "n_votes": pa.array(d.cast[state_idx, period_idx].astype(np.int32)),
        }
    )
    return IdealPoints(
        table=table,
        seed=seed,
        omega=omega,
        iterations=iterations,
        converged=converged,
        seconds=time.perf_counter() - started,
        n_votes=d.n_votes,
        n_items=d.n_items,
        n_bridged=d.n_bridged,
        n_observations=len(d.y),
        scope=where.describe(),
        history=tuple(history),
        data_used=tuple(
            data_used(
                con,
                where,
                separate_until=ALL_YEARS if _separate_scope(con, where, separate) else None,
            )
        ),
    )


# --------------------------------------------------------------------------- published check

# Codes in untally's record -> codes in BSV's file, where they differ: BSV key the USSR's
# seat as RUS, every Yugoslav seat as YUG, the China seat before 1971 as TWN (Republic of
# China) and the Yemen Arab Republic as YAR.
_PUBLISHED_CODE = {"SUN": "RUS", "SCG": "YUG", "SRB": "YUG"}


def published_code(member: str, session: int) -> str:
    if member == "CHN" and session <= 25:
        return "TWN"
    if member == "YEM" and session <= 45:
        return "YAR"
    return _PUBLISHED_CODE.get(member, member)


def read_published(path: str | Path) -> pa.Table:
    """The published file as (iso3, session, ideal): columns iso3, year, ideal (an unnamed
    row index is ignored); session = year − 1945."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no published ideal point file at {path}", "pass --published FILE")
    table = pacsv.read_csv(path)
    missing = [c for c in ("iso3", "year", "ideal") if c not in table.column_names]
    if missing:
        raise UntallyError(
            f"{path.name}: missing column(s) {', '.join(missing)}",
            "expected the iso3, year, ideal layout of the voeten/ mirror file",
        )
    year = table.column("year").to_numpy().astype(np.int64)
    return pa.table(
        {
            "iso3": table.column("iso3").cast(pa.string()),
            "session": pa.array(year - 1945),
            "ideal": table.column("ideal").cast(pa.float64()),
        }
    )


@dataclass(frozen=True)
class Comparison:
    """Pearson correlation of untally's ideal points with the published ones."""

    release: str
    overall: float  # pooled over every state-session present in both
    n: int
    per_session: pa.Table = field(repr=False)  # session, year, r, n, sd_ratio
    pairs: pa.Table = field(repr=False)  # code (as published), session, ours, theirs
    # pooled r once each session's estimates are mapped onto the published ones by a linear
    # fit: what the overall r would be if only each session's location and scale differed
    within_sessions: float = float("nan")

    @property
    def median_session(self) -> float:
        return float(np.nanmedian(self.per_session.column("r").to_numpy(zero_copy_only=False)))


def compare(
    points: IdealPoints, published: pa.Table, release: str = PUBLISHED_RELEASE
) -> Comparison:
    """Correlation per session (across states) and overall (across state-sessions)."""
    members = points.table.column("member").to_pylist()
    sessions = points.table.column("session").to_numpy().astype(np.int64)
    ours = {
        (published_code(m, int(s)), int(s)): v
        for m, s, v in zip(members, sessions, points.table.column("ideal").to_pylist(), strict=True)
    }
    theirs = {
        (c, int(s)): v
        for c, s, v in zip(
            published.column("iso3").to_pylist(),
            published.column("session").to_pylist(),
            published.column("ideal").to_pylist(),
            strict=True,
        )
        if v is not None
    }
    keys = sorted(k for k in ours.keys() & theirs.keys())
    if len(keys) < 3:
        raise NotFound("fewer than 3 state-sessions in common with the published file", "")
    a = np.array([ours[k] for k in keys])
    b = np.array([theirs[k] for k in keys])
    s = np.array([k[1] for k in keys])
    rows = []
    aligned = np.empty_like(b)
    for session in np.unique(s):
        sel = s == session
        r = sd_ratio = float("nan")
        aligned[sel] = b[sel].mean()  # no fit on fewer than 3 states: no credit either
        if sel.sum() >= 3:
            r = float(np.corrcoef(a[sel], b[sel])[0, 1])
            sd_ratio = float(a[sel].std() / b[sel].std())
            aligned[sel] = np.polyval(np.polyfit(a[sel], b[sel], 1), a[sel])
        rows.append(
            {
                "session": int(session),
                "year": int(session) + 1945,
                "r": r,
                "n": int(sel.sum()),
                "sd_ratio": sd_ratio,
            }
        )
    return Comparison(
        release=release,
        overall=float(np.corrcoef(a, b)[0, 1]),
        n=len(keys),
        per_session=pa.Table.from_pylist(rows),
        pairs=pa.table({"code": [k[0] for k in keys], "session": s, "ours": a, "theirs": b}),
        within_sessions=float(np.corrcoef(aligned, b)[0, 1]),
    )
