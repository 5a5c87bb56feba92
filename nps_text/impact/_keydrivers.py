"""Key drivers: how many NPS points each item is worth once overlap with other items is accounted for.

Why not the leave-out impact alone: a theme that is only mentioned together with a
bad theme (``"the engineer never came and nobody answered the phone"``) looks bad
on its own, and the leave-out impacts of overlapping themes add up to more than
the points really at stake. Why not the Shapley split of the leave-out game
(value of a set = NPS(all) - NPS(mentioners of none of it)): it sums to the union
impact, but it splits every shared respondent evenly, so the innocent theme still
carries half the blame of its bad companion.

The estimate used here is a linear model of the NPS variable (+1 / 0 / -1, whose
mean x 100 *is* the NPS) on all item indicators at once, fitted by least squares
with an intercept:

    y_i = b0 + sum_j beta_j x_ij + e_i

``beta_j`` (x 100) is the NPS difference between mentioners and non-mentioners
*who mention the same other items*; the key driver of item j is

    key_driver_j = 100 x share_j x beta_j

the NPS points the survey would move if nobody had the experience j and nothing
else changed. Because the model is additive this is also the exact Shapley value
of the model's counterfactual game (remove any set of items' effects), so it
splits overlap without double counting; with a single item it equals the
leave-out impact. The sum of key drivers is ``NPS - 100 x b0`` (b0: the model's
NPS of a respondent who mentions nothing). It is usually well below the union
impact of the same items, and that is the point: a detractor with three
complaints is not won back by fixing one of them, so each complaint alone is
worth less than its leave-out impact says, while fixing all of them at once (the
union impact) is worth more than the sum of the parts. On telecom with keyword
themes (direction taken from the score) the 25 barrier rows have leave-out
impacts summing to -87.8 points, a union impact of -58.8 and key drivers summing
to -25.4.

A small ridge penalty on the slopes (``ridge`` pseudo-respondents; the intercept
is not penalised, so ``NPS = 100 x (b0 + sum_j share_j beta_j)`` still holds
exactly) keeps items with a handful of mentioners, and bootstrap replicates where
an item drops out, well defined, and shrinks their estimates toward "no effect".

Intervals come from the same respondent-level bootstrap as the impact: every
replicate's weighted normal equations are built with one sparse product (the
respondent x item-pair matrix times the weight matrix) and solved in a batch.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse

from .. import _columns as C
from .._params import Interval, validate_params
from ._bootstrap import _percentiles
from ._indicators import Indicators, boot_chunks, distinct_rows, resample_distinct

_CONSTRAINTS = {
    "n_boot": [Interval(int, 0, None)],
    "seed": [Interval(int, 0, None)],
    "ridge": [Interval(float, 0.0, None)],
    "confidence": [Interval(float, 0.5, 0.999)],
}


def _design(X) -> sparse.csr_matrix:
    """[1, X] as CSR."""
    X = sparse.csr_matrix(X, dtype=float)
    return sparse.hstack([sparse.csr_matrix(np.ones((X.shape[0], 1))), X], format="csr")


def _solve(G: np.ndarray, r: np.ndarray, ridge: float) -> np.ndarray:
    """Solve (G + ridge * I_slopes) b = r for one (p1, p1) system or a batch (B, p1, p1)."""
    p1 = G.shape[-1]
    pen = np.full(p1, float(ridge))
    pen[0] = 0.0
    A = G + np.diag(pen)
    if ridge > 0:
        try:
            return np.linalg.solve(A, r[..., None])[..., 0]
        except np.linalg.LinAlgError:
            pass
    # min-norm least squares: still satisfies the normal equations, hence the intercept's
    return (np.linalg.pinv(A, hermitian=True) @ r[..., None])[..., 0]


def fit_linear(X, y: np.ndarray, *, ridge: float = 1.0) -> tuple[float, np.ndarray]:
    """Least squares of ``y`` on ``[1, X]`` with ridge ``ridge`` on the slopes.

    Returns ``(b0, beta)``. The intercept's normal equation holds exactly, so
    ``mean(y) == b0 + share @ beta`` to float precision (what makes the change
    decomposition exact).
    """
    Z = _design(X)
    y = np.asarray(y, dtype=float)
    G = (Z.T @ Z).toarray()
    r = Z.T @ y
    b = _solve(G, r, ridge)
    return float(b[0]), b[1:]


def _pair_matrix(Z: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Respondent x (item pair) matrix Q with Q[i, s] = z_ij z_ik, and the flat (j, k) index of each slot s.

    ``W @ Q`` gives every replicate's Gram matrix ``Z' diag(w) Z`` in one product;
    only pairs that co-occur in some respondent get a slot.
    """
    n, p1 = Z.shape
    counts = np.diff(Z.indptr)
    entry_row = np.repeat(np.arange(n), counts)
    rep = counts[entry_row]
    left = np.repeat(np.arange(Z.nnz), rep)
    offsets = np.arange(len(left)) - np.repeat(np.cumsum(rep) - rep, rep)
    right = Z.indptr[entry_row[left]] + offsets
    flat = Z.indices[left].astype(np.int64) * p1 + Z.indices[right]
    slots, inverse = np.unique(flat, return_inverse=True)
    Q = sparse.csr_matrix((np.ones(len(flat)), (entry_row[left], inverse)), shape=(n, len(slots)))
    return Q, slots


_DENSE_MAX = 64  # above this many coefficients the replicates are solved by preconditioned CG


@lru_cache(maxsize=1)
def _fused_gram():
    """A compiled ``out += Z' diag(w_b) Z V`` for every replicate b at once, or None without numba.

    It adds the same products in the same order as scipy's ``ZT @ (W.T * (Z @ V))`` (each
    respondent's row sum over its items in storage order, then each item's sum over its
    respondents in increasing order, ``ZT`` having sorted indices), so the key-driver intervals
    are the same to the last bit, but in one pass with no (n, B) temporaries: the conjugate
    gradients of a 100k survey's 1,000 replicates spent ~10 s in those products.
    """
    try:
        import numba
    except ImportError:  # pragma: no cover - numba comes with umap-learn
        return None

    @numba.njit(cache=True, nogil=True)
    def fused(indptr, indices, data, WT, V, out):  # pragma: no cover - compiled
        n_rows = indptr.shape[0] - 1
        n_vecs = V.shape[1]
        u = np.empty(n_vecs)
        for i in range(n_rows):
            for k in range(n_vecs):
                u[k] = 0.0
            for jj in range(indptr[i], indptr[i + 1]):
                j = indices[jj]
                a = data[jj]
                for k in range(n_vecs):
                    u[k] += a * V[j, k]
            for k in range(n_vecs):
                u[k] = WT[i, k] * u[k]
            for jj in range(indptr[i], indptr[i + 1]):
                j = indices[jj]
                a = data[jj]
                for k in range(n_vecs):
                    out[j, k] += a * u[k]

    return fused


def _solve_pcg(Z: sparse.csr_matrix, ZT: sparse.csr_matrix, W: np.ndarray, r: np.ndarray, pen: np.ndarray,
               M: np.ndarray, *, tol: float = 1e-11, max_iter: int = 200,
               WT: np.ndarray | None = None) -> np.ndarray:
    """Solve every replicate's ridge normal equations ``(Z' diag(w_b) Z + P) b = r_b`` at once.

    Conjugate gradients preconditioned with the full-sample inverse ``M``: a
    bootstrap Gram matrix is close to the full one, so a handful of iterations
    reach float precision, and each iteration is two sparse products
    (``Z @ V`` and ``Z' @ (W' * ZV)``) instead of one dense O(p^3) solve per
    replicate. Replicates that do not converge are solved densely.
    """
    WT = np.ascontiguousarray(W.T, dtype=np.float64) if WT is None else WT  # read row by row
    R = r.T  # (p1, B)
    fused = _fused_gram() if ZT.has_sorted_indices else None

    def apply(V):
        if fused is not None:
            out = np.zeros(V.shape)
            fused(Z.indptr, Z.indices, Z.data, WT, np.ascontiguousarray(V, dtype=np.float64), out)
            return out + pen[:, None] * V
        return ZT @ (WT * (Z @ V)) + pen[:, None] * V

    X = M @ R
    res = R - apply(X)
    zr = M @ res
    P = zr.copy()
    rz = (res * zr).sum(axis=0)
    scale = np.maximum(np.linalg.norm(R, axis=0), 1e-300)
    for _ in range(max_iter):
        if (np.linalg.norm(res, axis=0) / scale).max() < tol:
            break
        AP = apply(P)
        den = (P * AP).sum(axis=0)
        alpha = np.divide(rz, den, out=np.zeros_like(rz), where=den > 0)
        X += alpha * P
        res -= alpha * AP
        zr = M @ res
        rz_new = (res * zr).sum(axis=0)
        beta = np.divide(rz_new, rz, out=np.zeros_like(rz), where=rz > 0)
        P = zr + beta * P
        rz = rz_new
    bad = np.flatnonzero(np.linalg.norm(res, axis=0) / scale >= tol)
    for b in bad:  # rare: solve those replicates exactly
        A = (ZT @ Z.multiply(W[b][:, None])).toarray() + np.diag(pen)
        X[:, b] = _solve(A, r[b], 0.0)
    return X.T


def bootstrap_key_drivers(X, y: np.ndarray, *, n_boot: int = 1000, seed: int = 0, ridge: float = 1.0,
                          confidence: float = 0.95) -> dict[str, np.ndarray]:
    """Key-driver points of every item (see module docstring) with bootstrap percentile intervals.

    Parameters
    ----------
    X : sparse matrix or ndarray of shape (n, p)
    y : ndarray of shape (n,)
        +1 / 0 / -1.
    n_boot : int, default=1000
    seed : int, default=0
    ridge : float, default=1.0
        Penalty on the slopes in units of respondents.
    confidence : float, default=0.95

    Returns
    -------
    dict with ``key_driver``, ``key_driver_low``, ``key_driver_high`` (arrays of
    length p) and ``baseline`` (the model's NPS of a respondent mentioning nothing).
    """
    validate_params("bootstrap_key_drivers", {"n_boot": n_boot, "seed": seed, "ridge": float(ridge),
                                              "confidence": float(confidence)}, _CONSTRAINTS)
    Z = _design(X)
    y = np.asarray(y, dtype=float)
    n, p1 = Z.shape
    p = p1 - 1
    share = np.asarray(Z.sum(axis=0)).ravel()[1:] / max(n, 1)
    b0, beta = fit_linear(Z[:, 1:], y, ridge=ridge) if n else (np.nan, np.full(p, np.nan))
    point = 100.0 * share * beta
    samples = np.empty((n_boot, p))
    if n_boot and n:
        rng = np.random.default_rng(seed)
        iterative = p1 > _DENSE_MAX and ridge > 0
        if iterative:
            pen = np.full(p1, float(ridge))
            pen[0] = 0.0
            M = np.linalg.inv((Z.T @ Z).toarray() + np.diag(pen))
        Xd, yd, kind_counts = distinct_rows(Z[:, 1:], y)  # the replicates draw kinds of respondent
        Z = _design(Xd)
        if not iterative:
            Q, slots = _pair_matrix(Z)
            QT = Q.T.tocsr()
        ZyT = Z.multiply(yd[:, None]).T.tocsr()
        ZT = Z.T.tocsr()
        start = 0
        nd = len(yd)
        for size in boot_chunks(n_boot, 4 * nd + 4 * p1 if iterative else nd + 2 * p1 * p1):
            W = resample_distinct(rng, kind_counts, size)
            WT = np.ascontiguousarray(W.T)  # once: a sparse product copies a transposed operand each time
            r = (ZyT @ WT).T
            if iterative:
                b = _solve_pcg(Z, ZT, W, r, pen, M, WT=WT)
            else:
                G = np.zeros((size, p1 * p1))
                G[:, slots] = (QT @ WT).T
                b = _solve(G.reshape(size, p1, p1), r, ridge)
            counts = (ZT @ WT).T
            samples[start:start + size] = 100.0 * (counts[:, 1:] / counts[:, :1]) * b[:, 1:]
            start += size
    else:
        samples = samples[:0]
    low, high = _percentiles(samples, confidence)
    return {C.KEY_DRIVER: point, C.KEY_DRIVER_LOW: low, C.KEY_DRIVER_HIGH: high, "baseline": 100.0 * b0}


def key_drivers(indicators: Indicators, *, n_boot: int = 1000, seed: int = 0, ridge: float = 1.0,
                confidence: float = 0.95) -> pd.DataFrame:
    """One row per item: key-driver points with their bootstrap interval.

    Returns
    -------
    DataFrame with columns theme_id (or the item column), kind, key_driver,
    key_driver_low, key_driver_high; ``.attrs["baseline"]`` holds the model's NPS
    of a respondent mentioning no item. Merge it onto ``themes`` on (theme_id, kind).
    """
    out = bootstrap_key_drivers(indicators.X, indicators.y, n_boot=n_boot, seed=seed, ridge=ridge,
                                confidence=confidence)
    baseline = out.pop("baseline")
    table = pd.concat([indicators.items, pd.DataFrame(out)], axis=1)
    table.attrs["baseline"] = float(baseline)
    return table


def theme_statistics(indicators: Indicators, *, n_boot: int = 1000, seed: int = 0, min_respondents: int = 10,
                     ridge: float = 1.0, confidence: float = 0.95) -> pd.DataFrame:
    """Everything ``themes.csv`` gains, in one table: impact and key driver side by side with intervals.

    Returns
    -------
    DataFrame with columns theme_id (or the item column), kind, n_respondents,
    nps_mentioners, nps_mentioners_low, nps_mentioners_high, impact, impact_low,
    impact_high, significant, key_driver, key_driver_low, key_driver_high.
    """
    from ._bootstrap import impact_intervals

    imp = impact_intervals(indicators, n_boot=n_boot, seed=seed, min_respondents=min_respondents,
                           confidence=confidence)
    kd = key_drivers(indicators, n_boot=n_boot, seed=seed, ridge=ridge, confidence=confidence)
    out = pd.concat([imp, kd[[C.KEY_DRIVER, C.KEY_DRIVER_LOW, C.KEY_DRIVER_HIGH]]], axis=1)
    out.attrs["baseline"] = kd.attrs["baseline"]
    return out


def decompose_difference(ind0: Indicators, ind1: Indicators, *, ridge: float = 1.0) -> dict[str, object]:
    """Split NPS(group 1) - NPS(group 0) into item contributions and an unexplained part.

    Both groups must share the same item columns (build them with the same
    ``items=``). In each group the linear model of the module docstring gives
    ``NPS_g = 100 x (b0_g + sum_j s_gj beta_gj)`` exactly (the intercept is not
    penalised). With the midpoint (two-factor Shapley) split of each product::

        mix_j  = 100 x (s1_j - s0_j) x (beta0_j + beta1_j) / 2   # more or fewer people mention it
        rate_j = 100 x (s0_j + s1_j) / 2 x (beta1_j - beta0_j)   # its mentioners score differently
        unexplained = NPS_1 - NPS_0 - sum_j (mix_j + rate_j)     # = 100 x (b0_1 - b0_0)

    ``mix_j + rate_j`` is exactly the change of item j's key-driver points, and the
    unexplained part is the change of the NPS of respondents mentioning no item
    (including those without a comment). The residual form makes the rows sum to
    the change to float precision whatever the solver does.

    Returns
    -------
    dict with arrays ``mix``, ``rate`` (length p) and floats ``nps0``, ``nps1``,
    ``unexplained``.
    """
    if ind0.X.shape[1] != ind1.X.shape[1]:
        raise ValueError("both groups need the same item columns; build them with the same items=")
    parts = []
    for ind in (ind0, ind1):
        n = ind.n
        if n == 0:
            p = ind.X.shape[1]
            parts.append((np.nan, np.full(p, np.nan), np.full(p, np.nan), np.nan))
            continue
        b0, beta = fit_linear(ind.X, ind.y, ridge=ridge)
        share = np.asarray(ind.X.sum(axis=0)).ravel() / n
        parts.append((b0, beta, share, 100.0 * float(ind.y.mean())))
    (_, beta0, s0, nps0), (_, beta1, s1, nps1) = parts
    mix = 100.0 * (s1 - s0) * (beta0 + beta1) / 2.0
    rate = 100.0 * (s0 + s1) / 2.0 * (beta1 - beta0)
    unexplained = (nps1 - nps0) - float(np.sum(mix + rate))
    return {C.MIX: mix, C.RATE: rate, "nps0": nps0, "nps1": nps1, "unexplained": unexplained}
