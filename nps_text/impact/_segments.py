"""Segment gaps: NPS per segment value, is it different from the rest, and which themes explain it.

The test is Welch's two-sample z-test on the NPS variable (+1 / 0 / -1) of the
segment against every other respondent: NPS is 100 x that variable's mean, and
Welch's form does not assume the two groups have the same spread (a segment of
mostly detractors has a much smaller variance than a mixed one).

The themes behind a gap come from the same decomposition as the wave-to-wave
change (``decompose_difference``), with "the rest" as group 0 and the segment as
group 1: per item a *mix* part (the segment mentions it more or less often, times
what a mention is worth) and a *rate* part (the segment's mentioners score
differently), plus what no theme explains; the rows sum exactly to the gap.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _columns as C
from ._indicators import DEFAULT_KINDS, Indicators, build_indicators, label_lookup, mean_var, welch_p
from ._keydrivers import decompose_difference
from ._nps import nps_from_counts

_BLANK = "(blank)"


def _segment_values(ind: Indicators, column: str) -> pd.Series:
    return ind.responses[column].astype(object).where(ind.responses[column].notna(), _BLANK).astype(str)


def _segment_masks(ind: Indicators, segments: Sequence[str]):
    """(column, value, respondent mask) for every value of every segment column with two or more values."""
    for column in segments:
        if column not in ind.responses.columns:
            continue
        values = _segment_values(ind, column)
        if values.nunique() < 2:
            continue
        for value in sorted(values.unique()):
            yield column, value, (values == value).to_numpy()


def _contributions(ind: Indicators, mask: np.ndarray, lookup, item: str, ridge: float) -> pd.DataFrame:
    """Long rows (item, kind, label, mix, rate, total) + the unexplained row: segment minus rest."""
    dec = decompose_difference(ind.subset(~mask), ind.subset(mask), ridge=ridge)
    out = ind.items.copy()
    out[C.LABEL] = [lookup(t, k) for t, k in zip(out[item], out[C.KIND])]
    out[C.MIX] = dec[C.MIX]
    out[C.RATE] = dec[C.RATE]
    out[C.TOTAL] = out[C.MIX] + out[C.RATE]
    rest = pd.DataFrame({item: [pd.NA], C.KIND: [""], C.LABEL: [C.UNEXPLAINED_LABEL], C.MIX: [np.nan],
                         C.RATE: [np.nan], C.TOTAL: [dec["unexplained"]]})
    return pd.concat([out, rest], ignore_index=True)


def gap_text(contrib: pd.DataFrame, gap: float, *, top: int = 3) -> str:
    """``"Engineer visit (-12.3); Billing (-4.1)"``: the items pushing the gap's way, largest first.

    Only items whose contribution has the sign of the gap are named (they explain
    it; the others work against it). A label shared by a driver and a barrier row
    gets its kind in brackets.
    """
    items = contrib[contrib[C.LABEL] != C.UNEXPLAINED_LABEL]
    if not np.isfinite(gap) or gap == 0 or items.empty:
        return ""
    same = items[np.sign(items[C.TOTAL]) == np.sign(gap)]
    same = same.reindex(same[C.TOTAL].abs().sort_values(ascending=False).index).head(top)
    dup = same[C.LABEL].duplicated(keep=False)
    names = [f"{lab} [{kind}]" if d else str(lab) for lab, kind, d in zip(same[C.LABEL], same[C.KIND], dup)]
    return "; ".join(f"{name} ({value:+.1f})" for name, value in zip(names, same[C.TOTAL]))


def segment_table(responses: pd.DataFrame, mentions: pd.DataFrame, segments: Sequence[str], *,
                  labels: Mapping | pd.DataFrame | None = None, key: str | Sequence[str] = C.ROW,
                  item: str = C.THEME_ID, kinds: Sequence[str] = DEFAULT_KINDS, alpha: float = 0.05,
                  min_n: int = 10, top: int = 3, ridge: float = 1.0) -> pd.DataFrame:
    """NPS per segment value, its margin, a test against the rest and the themes behind a gap.

    Parameters
    ----------
    responses, mentions : DataFrame
        The engine's tables (``segments`` columns are read from ``responses``).
    segments : sequence of str
        Segment columns (product, channel, journey stage...). Missing columns are
        skipped; a column with one value has nothing to compare and is skipped.
    labels : mapping or DataFrame, optional
        Theme labels: {theme_id: label}, {(theme_id, kind): label} or the themes table.
    alpha : float, default=0.05
        ``gap_themes`` is filled for values with ``p_value < alpha``.
    min_n : int, default=10
        Values with fewer respondents get NPS and margin but no test.
    top : int, default=3
        Themes named in ``gap_themes``.

    Returns
    -------
    DataFrame with columns segment, value, n, nps, moe, p_value, gap_themes
    (p_value: Welch z-test of the NPS variable, segment vs all other respondents).
    """
    ind = build_indicators(responses, mentions, key=key, item=item, kinds=kinds)
    lookup = label_lookup(labels, item)
    rows = []
    for column, value, mask in _segment_masks(ind, segments):
        y1, y0 = ind.y[mask], ind.y[~mask]
        counts = nps_from_counts(int((y1 == 1).sum()), int((y1 == 0).sum()), int((y1 == -1).sum()))
        p = np.nan
        text = ""
        if len(y1) >= min_n and len(y0) >= min_n:
            p = welch_p(*mean_var(y1), *mean_var(y0))
            if p < alpha:
                gap = 100.0 * (y1.mean() - y0.mean())
                text = gap_text(_contributions(ind, mask, lookup, item, ridge), gap, top=top)
        rows.append({C.SEGMENT: column, C.VALUE: value, C.N: counts["n"], C.NPS: counts["nps"],
                     C.MOE: counts["moe"], C.P_VALUE: p, C.GAP_THEMES: text})
    return pd.DataFrame(rows, columns=[C.SEGMENT, C.VALUE, C.N, C.NPS, C.MOE, C.P_VALUE, C.GAP_THEMES])


def gap_contributions(responses: pd.DataFrame, mentions: pd.DataFrame, segments: Sequence[str], *,
                      labels: Mapping | pd.DataFrame | None = None, key: str | Sequence[str] = C.ROW,
                      item: str = C.THEME_ID, kinds: Sequence[str] = DEFAULT_KINDS,
                      ridge: float = 1.0) -> pd.DataFrame:
    """Every item's contribution to every segment value's gap against the rest (long form).

    Returns
    -------
    DataFrame with columns segment, value, gap, theme_id (or the item column), kind,
    label, mix, rate, total. Per (segment, value) the ``total`` column, including
    the ``(not explained by a theme)`` row, sums to ``gap`` = NPS(value) - NPS(rest).
    """
    ind = build_indicators(responses, mentions, key=key, item=item, kinds=kinds)
    lookup = label_lookup(labels, item)
    parts = []
    for column, value, mask in _segment_masks(ind, segments):
        contrib = _contributions(ind, mask, lookup, item, ridge)
        contrib.insert(0, C.GAP, 100.0 * (ind.y[mask].mean() - ind.y[~mask].mean()))
        contrib.insert(0, C.VALUE, value)
        contrib.insert(0, C.SEGMENT, column)
        parts.append(contrib)
    cols = [C.SEGMENT, C.VALUE, C.GAP, item, C.KIND, C.LABEL, C.MIX, C.RATE, C.TOTAL]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]
