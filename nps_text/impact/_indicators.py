"""Respondent x item indicator matrix and the small tests shared by the statistics modules.

An *item* is one (theme_id, kind) pair, i.e. one row of ``themes.csv``: a theme in
one direction. A respondent mentions an item when any of their mentions has that
theme and that kind. Every statistic of the impact stage (bootstrap intervals, key
drivers, segment gaps, wave change) is computed from this one matrix and the NPS
variable ``y`` (+1 promoter, 0 passive, -1 detractor; NPS = 100 x mean(y)), so the
tables built from it always count the same respondents.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .. import _columns as C

Z95 = 1.959964
_SCORE_OF_GROUP = {C.PROMOTER: 1.0, C.PASSIVE: 0.0, C.DETRACTOR: -1.0}
DEFAULT_KINDS = (C.DRIVER, C.BARRIER, C.NEUTRAL)  # the directions themes.csv has rows for
SKIP_THEMES = (-1,)  # the topic model's outlier id: not a theme


@dataclass(frozen=True)
class Indicators:
    """Who mentions what, for the respondents that count for NPS.

    Attributes
    ----------
    X : scipy.sparse.csr_matrix of shape (n_respondents, n_items)
        1.0 where the respondent mentions the item, else 0.
    y : ndarray of shape (n_respondents,)
        The NPS variable: +1 promoter, 0 passive, -1 detractor.
    items : DataFrame
        One row per column of ``X``: ``theme_id``, ``kind``.
    responses : DataFrame
        The valid responses (status != excluded), in the row order of ``X``;
        segment, wave and date columns are read from here.
    """

    X: sparse.csr_matrix
    y: np.ndarray
    items: pd.DataFrame
    responses: pd.DataFrame

    @property
    def n(self) -> int:
        return int(self.X.shape[0])

    def subset(self, mask: np.ndarray) -> Indicators:
        """The same items for the respondents where ``mask`` is true."""
        mask = np.asarray(mask, dtype=bool)
        return Indicators(self.X[mask], self.y[mask], self.items, self.responses[mask])


def nps_variable(groups: pd.Series) -> np.ndarray:
    """+1 / 0 / -1 per group label (NaN for anything else)."""
    return groups.map(_SCORE_OF_GROUP).to_numpy(dtype=float)


def items_of(mentions: pd.DataFrame, *, kinds: Sequence[str] = DEFAULT_KINDS,
             item: str = C.THEME_ID, skip: Sequence = SKIP_THEMES) -> pd.DataFrame:
    """The distinct (item, kind) pairs present in ``mentions``, sorted, as a DataFrame."""
    m = mentions[mentions[C.KIND].isin(kinds) & mentions[item].notna() & ~mentions[item].isin(skip)]
    out = m[[item, C.KIND]].drop_duplicates()
    return out.sort_values([C.KIND, item], kind="stable").reset_index(drop=True)


def build_indicators(responses: pd.DataFrame, mentions: pd.DataFrame, *, key: str | Sequence[str] = C.ROW,
                     item: str = C.THEME_ID, kinds: Sequence[str] = DEFAULT_KINDS,
                     items: pd.DataFrame | None = None, skip: Sequence = SKIP_THEMES) -> Indicators:
    """Build the respondent x item matrix once; every statistic reads it.

    Parameters
    ----------
    responses : DataFrame
        Columns ``group``, ``status`` and the join key. Excluded rows (no valid
        score) are dropped: they never count.
    mentions : DataFrame
        Columns ``kind``, ``item`` (default ``theme_id``) and the join key.
    key : str or list of str, default="row"
        Join column(s). When ``responses`` has no such column its index is used
        (e.g. ``key="respondent_key"``). Two files analysed together both number
        their rows from 1: join them on ``["wave", "row"]``.
    item : str, default="theme_id"
        ``"topic_id"`` gives sub-topic items.
    kinds : sequence of str, default=("driver", "barrier", "neutral")
        Which directions make items (one column per theme and direction, as the
        rows of ``themes.csv``); pass ``("driver", "barrier")`` to leave the
        neutral rows out.
    items : DataFrame, optional
        Fix the columns (``item``, ``kind``), e.g. the union of two waves' items so
        two matrices align. Items absent from ``mentions`` get an all-zero column.
    skip : sequence, default=(-1,)
        Item ids that are not themes (the outlier topic).

    Returns
    -------
    Indicators
    """
    valid = responses[(responses[C.STATUS] != C.EXCLUDED) & responses[C.GROUP].isin(_SCORE_OF_GROUP)]
    if items is None:
        items = items_of(mentions, kinds=kinds, item=item, skip=skip)
    items = items[[item, C.KIND]].reset_index(drop=True)
    m = mentions[mentions[C.KIND].isin(kinds)]
    position = pd.Series(np.arange(len(valid)), index=_key_index(valid, key, use_index=True))
    position = position[~position.index.duplicated()]
    col_index = pd.MultiIndex.from_frame(items)
    r = position.reindex(_key_index(m, key, use_index=False)).to_numpy()
    c = col_index.get_indexer(pd.MultiIndex.from_arrays([m[item].to_numpy(), m[C.KIND].to_numpy()]))
    ok = ~np.isnan(r) & (c >= 0)
    X = sparse.csr_matrix((np.ones(int(ok.sum())), (r[ok].astype(np.int64), c[ok])),
                          shape=(len(valid), len(items)))
    X.sum_duplicates()
    X.data[:] = 1.0  # mentioned twice is mentioned
    return Indicators(X, nps_variable(valid[C.GROUP]), items, valid)


def _key_index(frame: pd.DataFrame, key: str | Sequence[str], *, use_index: bool) -> pd.Index:
    """The join key of ``frame`` as an Index (a MultiIndex for several key columns)."""
    cols = [key] if isinstance(key, str) else list(key)
    if all(c in frame.columns for c in cols):
        if len(cols) == 1:
            return pd.Index(frame[cols[0]].to_numpy())
        return pd.MultiIndex.from_frame(frame[cols])
    if use_index and len(cols) == 1:
        return pd.Index(frame.index)
    missing = [c for c in cols if c not in frame.columns]
    raise KeyError(f"join key column(s) {missing} not found")


def distinct_rows(X, y: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Respondents who mention the same items and are in the same group, merged into one row each.

    Returns ``(X_distinct, y_distinct, counts)``. Why: every bootstrap statistic of a
    replicate depends only on how often each *kind* of respondent was drawn, and drawing n
    respondents with replacement draws the kinds as Multinomial(n, counts / n)
    (``resample_distinct``): the same bootstrap distribution on a matrix several times
    smaller (a 30,000-respondent survey has ~6,400 distinct theme rows, ~15,600 sub-topic rows).
    """
    X = sparse.csr_matrix(X, dtype=float)
    X.sort_indices()
    y = np.asarray(y, dtype=float)
    keys = [X.indices[a:b].tobytes() + y[i:i + 1].tobytes()
            for i, (a, b) in enumerate(zip(X.indptr[:-1], X.indptr[1:]))]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), sort=False)
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # each kind's first respondent
    counts = np.bincount(codes, minlength=len(uniques)).astype(float)
    return X[first], y[first], counts


def resample_distinct(rng: np.random.Generator, counts: np.ndarray, size: int) -> np.ndarray:
    """(size, len(counts)) bootstrap weights of merged rows (``distinct_rows``): Multinomial(n, counts / n)."""
    n = int(round(float(counts.sum())))
    if n == 0:
        return np.zeros((size, len(counts)))
    return rng.multinomial(n, counts / n, size=size).astype(float)


def boot_chunks(n_boot: int, per_replicate: int, budget: int = 4_000_000) -> list[int]:
    """Split ``n_boot`` replicates into chunks whose work arrays stay under ``budget`` floats."""
    size = max(1, min(n_boot, budget // max(per_replicate, 1)))
    return [min(size, n_boot - s) for s in range(0, n_boot, size)]


def welch_p(mean1: float, var1: float, n1: int, mean2: float, var2: float, n2: int) -> float:
    """Two-sided p-value of Welch's z-test for two independent means.

    With the sample sizes of a survey (tens or more per group) the t reference
    distribution is indistinguishable from the normal, so the normal is used.
    """
    if n1 < 2 or n2 < 2:
        return float("nan")
    se = math.sqrt(var1 / (n1 - 1) + var2 / (n2 - 1))
    if se == 0:
        return 1.0 if mean1 == mean2 else 0.0
    return math.erfc(abs(mean1 - mean2) / se / math.sqrt(2.0))


def mean_var(y: np.ndarray) -> tuple[float, float, int]:
    """Mean, population variance and size of the NPS variable."""
    n = len(y)
    if n == 0:
        return float("nan"), float("nan"), 0
    m = float(y.mean())
    return m, float((y * y).mean() - m * m), n


def two_proportion_p(k1: np.ndarray, n1: np.ndarray, k2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Two-sided p-values of the pooled two-proportion z-test (score test), vectorised.

    The pooled variance keeps the test defined when one proportion is 0, which is
    exactly the case of a new theme that was never mentioned before.
    """
    k1, n1, k2, n2 = (np.asarray(a, dtype=float) for a in (k1, n1, k2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (k1 + k2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = np.abs(k1 / n1 - k2 / n2) / se
    from scipy.special import erfc
    p = erfc(z / np.sqrt(2.0))
    p = np.where(se == 0, 1.0, p)
    return np.where((n1 > 0) & (n2 > 0), p, np.nan)


def bh_adjust(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (NaN kept as NaN)."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    order = np.argsort(q)
    ranked = q[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty(m)
    adj[order] = np.minimum(ranked, 1.0)
    out[ok] = adj
    return out


def label_lookup(labels: Mapping | pd.DataFrame | None, item: str = C.THEME_ID) -> Callable[[object, str], str]:
    """A function (item_id, kind) -> readable label.

    ``labels`` may be a mapping keyed by ``(item_id, kind)`` or by ``item_id``, or a
    DataFrame with ``item`` and ``label`` columns (and optionally ``kind``), such as
    the themes table. Unknown ids fall back to their text.
    """
    if labels is None:
        return lambda tid, kind: str(tid)
    if isinstance(labels, pd.DataFrame):
        if C.KIND in labels.columns:
            mapping: dict = {(t, k): lab for t, k, lab in zip(labels[item], labels[C.KIND], labels[C.LABEL])}
        else:
            mapping = {}
        mapping.update({t: lab for t, lab in zip(labels[item], labels[C.LABEL]) if t not in mapping})
    else:
        mapping = dict(labels)

    def lookup(tid, kind):
        for k in ((tid, kind), tid):
            try:
                if k in mapping and pd.notna(mapping[k]):
                    return str(mapping[k])
            except TypeError:  # unhashable id
                break
        return str(tid)

    return lookup
