"""How sure is an impact? Respondent-level bootstrap intervals, and the union impact.

Impact of an item = ``NPS(all) - NPS(respondents who do not mention it)``
(Thematic's and Kapiche's definition, see ``_impact.py``). It depends on who
happened to answer, so its uncertainty comes from resampling respondents: each
replicate draws n respondents with replacement and recomputes every statistic on
the same draw. The draw is a weight matrix ``W`` (n_boot x distinct respondents,
counts; respondents who mention the same items and share a group are one row,
drawn together, see ``distinct_rows``), so all items' mentioner counts and score
sums of all replicates are two sparse products ``W @ X`` and ``W @ (X * y)`` - no
Python loop over replicates or items.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from .. import _columns as C
from .._params import Interval, validate_params
from ._indicators import Indicators, boot_chunks, distinct_rows, resample_distinct

_CONSTRAINTS = {
    "n_boot": [Interval(int, 0, None)],
    "seed": [Interval(int, 0, None)],
    "min_respondents": [Interval(int, 0, None)],
    "confidence": [Interval(float, 0.5, 0.999)],
}


def _impact_from_sums(N, T, Nm, Sm):
    """Impact and mentioners' NPS (points) from totals; NaN where undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        impact = 100.0 * (T / N - (T - Sm) / (N - Nm))
        nps_m = 100.0 * Sm / Nm
    impact = np.where((N - Nm) > 0, impact, np.nan)
    nps_m = np.where(Nm > 0, nps_m, np.nan)
    return impact, nps_m


def _percentiles(samples: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval per column, ignoring replicates where the statistic is undefined."""
    tail = 100.0 * (1.0 - confidence) / 2.0
    if samples.shape[0] == 0:
        nan = np.full(samples.shape[1], np.nan)
        return nan, nan.copy()
    ok = ~np.isnan(samples).all(axis=0)
    low = np.full(samples.shape[1], np.nan)
    high = low.copy()
    if ok.any():
        low[ok], high[ok] = np.nanpercentile(samples[:, ok], [tail, 100.0 - tail], axis=0)
    return low, high


def bootstrap_impact(X, y: np.ndarray, *, n_boot: int = 1000, seed: int = 0, min_respondents: int = 10,
                     confidence: float = 0.95) -> dict[str, np.ndarray]:
    """Impact and mentioners' NPS of every item with bootstrap percentile intervals.

    Parameters
    ----------
    X : sparse matrix or ndarray of shape (n, p)
        1 where respondent i mentions item j (see ``build_indicators``).
    y : ndarray of shape (n,)
        +1 promoter, 0 passive, -1 detractor.
    n_boot : int, default=1000
        Bootstrap replicates (0: no intervals, NaN bounds).
    seed : int, default=0
        Seed of the resampling: the same survey gives the same intervals.
    min_respondents : int, default=10
        Items with fewer mentioners are reported but never ``significant``: with a
        handful of mentioners the bootstrap distribution is too coarse to trust.
    confidence : float, default=0.95

    Returns
    -------
    dict of ndarrays of length p: ``n_respondents``, ``nps_mentioners``,
    ``nps_mentioners_low``, ``nps_mentioners_high``, ``impact``, ``impact_low``,
    ``impact_high``, ``significant`` (interval excludes 0 and enough mentioners).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1], [1], [0], [0]]); y = np.array([-1., -1., 1., 0.])
    >>> float(bootstrap_impact(X, y, n_boot=0)["impact"][0])  # NPS -25 vs 50 without
    -75.0
    """
    validate_params("bootstrap_impact", {"n_boot": n_boot, "seed": seed, "min_respondents": min_respondents,
                                         "confidence": float(confidence)}, _CONSTRAINTS)
    X = sparse.csr_matrix(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, p = X.shape
    Nm = np.asarray(X.sum(axis=0)).ravel()
    Sm = X.T @ y
    impact, nps_m = _impact_from_sums(float(n), float(y.sum()), Nm, Sm)
    imp_s = np.empty((n_boot, p))
    npm_s = np.empty((n_boot, p))
    if n_boot and n:
        rng = np.random.default_rng(seed)
        Xd, yd, counts = distinct_rows(X, y)
        XT = Xd.T.tocsr()
        XyT = Xd.multiply(yd[:, None]).T.tocsr()
        start = 0
        for size in boot_chunks(n_boot, len(yd) + 2 * p):
            W = resample_distinct(rng, counts, size)
            WT = np.ascontiguousarray(W.T)  # once: a sparse product copies a transposed operand each time
            nm = (XT @ WT).T
            sm = (XyT @ WT).T
            imp_s[start:start + size], npm_s[start:start + size] = _impact_from_sums(
                W.sum(axis=1)[:, None], (W @ yd)[:, None], nm, sm)
            start += size
    else:
        imp_s, npm_s = imp_s[:0], npm_s[:0]
    imp_lo, imp_hi = _percentiles(imp_s, confidence)
    npm_lo, npm_hi = _percentiles(npm_s, confidence)
    significant = ((imp_lo > 0) | (imp_hi < 0)) & (Nm >= min_respondents)
    return {C.N_RESPONDENTS: Nm.astype(int), C.NPS_MENTIONERS: nps_m, C.NPS_MENTIONERS_LOW: npm_lo,
            C.NPS_MENTIONERS_HIGH: npm_hi, C.IMPACT: impact, C.IMPACT_LOW: imp_lo, C.IMPACT_HIGH: imp_hi,
            C.SIGNIFICANT: significant}


def impact_intervals(indicators: Indicators, *, n_boot: int = 1000, seed: int = 0, min_respondents: int = 10,
                     confidence: float = 0.95) -> pd.DataFrame:
    """One row per item: its leave-out impact and mentioners' NPS with intervals.

    Returns
    -------
    DataFrame with columns theme_id (or the item column), kind, n_respondents,
    nps_mentioners, nps_mentioners_low, nps_mentioners_high, impact, impact_low,
    impact_high, significant. Merge it onto ``themes`` on (theme_id, kind).
    """
    stats = bootstrap_impact(indicators.X, indicators.y, n_boot=n_boot, seed=seed,
                             min_respondents=min_respondents, confidence=confidence)
    return pd.concat([indicators.items, pd.DataFrame(stats)], axis=1)


def union_impact(indicators: Indicators, items: Sequence[int] | np.ndarray | pd.Series | None = None, *,
                 n_boot: int = 1000, seed: int = 0, confidence: float = 0.95) -> dict[str, float]:
    """Impact of the union of the mentioners of several items: a total that never double counts.

    Summing leave-out impacts of overlapping items counts every respondent who
    mentions two of them twice (34 barrier rows of one survey summed to 60.9
    points on an NPS of -24.7). The honest total removes each respondent once:
    ``NPS(all) - NPS(respondents who mention none of the items)``.

    Parameters
    ----------
    indicators : Indicators
    items : column positions, or a boolean mask over ``indicators.items``
        (e.g. ``indicators.items["kind"] == "barrier"``); all items when None.

    Returns
    -------
    dict with n_respondents, impact, impact_low, impact_high.
    """
    X = indicators.X
    if items is None:
        cols = np.arange(X.shape[1])
    else:
        arr = np.asarray(items)
        cols = np.flatnonzero(arr) if arr.dtype == bool else arr.astype(int)
    u = (np.asarray(X[:, cols].sum(axis=1)).ravel() > 0).astype(float)[:, None]
    stats = bootstrap_impact(u, indicators.y, n_boot=n_boot, seed=seed, min_respondents=0,
                             confidence=confidence)
    return {k: (v[0].item() if hasattr(v[0], "item") else v[0]) for k, v in stats.items()
            if k in (C.N_RESPONDENTS, C.IMPACT, C.IMPACT_LOW, C.IMPACT_HIGH)}
