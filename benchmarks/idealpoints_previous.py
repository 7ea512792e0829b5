"""The ideal-point fit as it was before issue 15 (commit 683ae79), kept unchanged as the
same-run baseline of ``bench_ga.py``: plain variational EM (one update per iteration, no
acceleration), the cut-off functions evaluated exactly, observations in record order, and
bridges by title alone. Not part of the package; see ``untally.analytics.idealpoints``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
from scipy import special

from untally.analytics.coincidence import VoteFilter, data_used
from untally.errors import NotFound, UntallyError
from untally.store.ga import GASpan, check_within_record

PRIOR_VAR = 25.0
START_VAR = 1.0
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
# General Assembly" suffix, case-folded (SQL, so no Python loop runs over the votes).
TITLE_KEY = r"""
    nullif(lower(trim(regexp_replace(coalesce(title, ''),
        '\s*:\s*resolutions?\s*/\s*adopted by the general assembly\.?\s*$', '', 'i'))), '')
"""


def bridge_keys(keys: np.ndarray, sessions: np.ndarray) -> np.ndarray:
    """Item index per vote: votes with one key (title), unique within each of two or more
    sessions, share an item; every other vote is its own item (a vote without a title gets
    a key of its own, ``#<vote_id>``)."""
    n = len(keys)
    _, key_index, counts = np.unique(keys, return_inverse=True, return_counts=True)
    pair = key_index.astype(np.int64) * 100_000 + sessions.astype(np.int64)
    _, pair_index, pair_counts = np.unique(pair, return_inverse=True, return_counts=True)
    unique_in_session = pair_counts[pair_index] == 1
    # a key bridges only if every one of its votes is alone in its session
    bad = np.bincount(key_index, weights=~unique_in_session, minlength=len(counts)) > 0
    sessions_per_key = np.bincount(key_index, minlength=len(counts))
    bridged = ~bad[key_index] & (sessions_per_key[key_index] > 1)
    raw = np.where(bridged, key_index, np.arange(n) + len(counts))
    _, item = np.unique(raw, return_inverse=True)
    return item


def _load(con: duckdb.DuckDBPyConnection, where: VoteFilter, bridge: bool) -> _Data:
    check_within_record(con, where.since)
    clause, params = where.where()
    meta = con.execute(
        f"""
        SELECT vote_id, session_no, coalesce({TITLE_KEY}, '#' || vote_id) AS key
        FROM ga_resolutions WHERE {clause}
        ORDER BY session_no, coalesce(date, make_date(year, 7, 1)), vote_id
        """,
        params,
    ).fetchnumpy()
    if len(meta["vote_id"]) == 0:
        raise NotFound(f"no recorded General Assembly vote in {where.describe()}", "widen it")
    sessions = meta["session_no"].astype(np.int64)
    item_of_vote = (
        bridge_keys(meta["key"], sessions) if bridge else np.arange(len(sessions), dtype=np.int64)
    )
    rows = con.execute(
        f"""
        SELECT v.vote_id, v.member,
               CASE v.vote WHEN 'N' THEN 0 WHEN 'A' THEN 1 ELSE 2 END::TINYINT AS y
        FROM ga_votes v SEMI JOIN (SELECT vote_id FROM ga_resolutions WHERE {clause}) s
             USING (vote_id)
        WHERE v.vote <> 'X'
        """,
        params,
    ).fetchnumpy()
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


def _mills(u: np.ndarray) -> np.ndarray:
    """phi(u) / Phi(u), stable in both tails (through the scaled complementary error fn)."""
    return _SQRT_2_OVER_PI / special.erfcx(-u * _SQRT_HALF)


def _phi(u: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * u * u - _LOG_SQRT_2PI)


@dataclass(frozen=True)
class _Categories:
    """Observation indices by vote, computed once: no, abstain, yes."""

    no: np.ndarray
    abstain: np.ndarray
    yes: np.ndarray
    has_abstain: np.ndarray  # per item

    @classmethod
    def of(cls, y: np.ndarray, item: np.ndarray, n_items: int) -> _Categories:
        abstain = np.flatnonzero(y == 1)
        return cls(
            no=np.flatnonzero(y == 0),
            abstain=abstain,
            yes=np.flatnonzero(y == 2),
            has_abstain=np.bincount(item[abstain], minlength=n_items) > 0,
        )


def _e_step(
    m: np.ndarray, tau: np.ndarray, item: np.ndarray, cat: _Categories, n_items: int
) -> tuple[np.ndarray, np.ndarray]:
    """E[y*] for y* ~ N(m, 1) cut to the observed category's interval, and the cut points
    after one Newton step each on the ordered-probit likelihood (a generalized EM step;
    the same Mills ratios serve both)."""
    ystar = np.empty_like(m)
    grad = np.zeros(n_items)
    hess = np.zeros(n_items)
    no, ab, ye = cat.no, cat.abstain, cat.yes
    ystar[no] = m[no] - _mills(-m[no])
    t_ye = tau[item[ye]]
    u = m[ye] - t_ye
    lam = _mills(u)
    ystar[ye] = m[ye] + lam
    # d/dtau log Phi(m - tau) = -lam; second derivative -lam (u + lam)
    grad += np.bincount(item[ye], weights=-lam, minlength=n_items)
    hess += np.bincount(item[ye], weights=-lam * (u + lam), minlength=n_items)
    t_ab = tau[item[ab]]
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
    grad += np.bincount(item[ab], weights=g_ab, minlength=n_items)
    hess += np.bincount(item[ab], weights=-hi * g_ab - g_ab * g_ab, minlength=n_items)
    step = np.clip(-grad / np.minimum(hess, -1e-6), -0.5, 0.5)
    tau = np.where(cat.has_abstain, np.clip(tau + step, 1e-3, 10.0), 0.0)
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
) -> IdealPoints:
    """Fit the model on the votes ``where`` selects; see the module docstring.

    ``omega`` is the random walk's standard deviation per session; ``tol`` the largest change
    of any ideal point between iterations at which the fit stops.
    """
    started = time.perf_counter()
    if omega <= 0:
        raise UntallyError(f"omega {omega} must be positive", "use e.g. 0.1")
    d = _load(con, where, bridge)
    n, n_t, n_j = len(d.members), len(d.sessions), d.n_items
    rng = np.random.default_rng(seed)
    omega2 = omega * omega
    cell = d.state * n_t + d.period  # (state, session) of each observation
    first = np.full(n, n_t)
    last = np.full(n, -1)
    np.minimum.at(first, d.state, d.period)
    np.maximum.at(last, d.state, d.period)
    n_cell = np.bincount(cell, minlength=n * n_t).reshape(n, n_t)

    x_mean = _start(d, n_t, rng, jitter)
    x_var = np.full((n, n_t), 0.1)
    cat = _Categories.of(d.y, d.item, n_j)
    tau = np.where(cat.has_abstain, 0.5, 0.0)
    ystar = np.where(d.y == 2, 1.0, np.where(d.y == 0, -1.0, 0.25))
    count = np.bincount(d.item, minlength=n_j) + 1.0 / PRIOR_VAR
    history = []

    iterations, converged = 0, False
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        # q(alpha, beta): a 2×2 Bayesian regression of E[y*] on (1, x) per item
        ex = x_mean.ravel()[cell]
        ex2 = ex * ex + x_var.ravel()[cell]
        sx = np.bincount(d.item, weights=ex, minlength=n_j)
        sxx = np.bincount(d.item, weights=ex2, minlength=n_j) + 1.0 / PRIOR_VAR
        sy = np.bincount(d.item, weights=ystar, minlength=n_j)
        sxy = np.bincount(d.item, weights=ex * ystar, minlength=n_j)
        det = count * sxx - sx * sx
        a_mean = (sxx * sy - sx * sxy) / det
        b_mean = (count * sxy - sx * sy) / det
        bb = b_mean * b_mean + count / det  # E[beta^2]
        ab = a_mean * b_mean - sx / det  # E[alpha beta]

        # q(x): Kalman smoother on each state's sums of the item terms per session
        b_obs = b_mean[d.item]
        prec = np.bincount(cell, weights=bb[d.item], minlength=n * n_t).reshape(n, n_t)
        lin = np.bincount(cell, weights=b_obs * ystar - ab[d.item], minlength=n * n_t)
        new_mean, x_var = _smooth(prec, lin.reshape(n, n_t), first, last, omega2)
        change = float(np.max(np.abs(new_mean - x_mean)[n_cell > 0]))
        history.append(change)
        x_mean = new_mean

        # q(y*) and the cut points, given the new parameters
        m = a_mean[d.item] + b_obs * x_mean.ravel()[cell]
        ystar, tau = _e_step(m, tau, d.item, cat, n_j)
        if change < tol:
            converged = True
            break

    sign = 1.0
    if anchor in d.members:
        k = d.members.index(anchor)
        if x_mean[k][n_cell[k] > 0].mean() < 0:
            sign = -1.0
    state_idx, period_idx = np.nonzero(n_cell > 0)
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
        n_items=n_j,
        n_bridged=d.n_bridged,
        n_observations=len(d.y),
        scope=where.describe(),
        history=tuple(history),
        data_used=tuple(data_used(con, where)),
    )
