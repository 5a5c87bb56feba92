"""Waves and change: periods from dates, NPS per wave, emerging themes, and why the NPS moved.

Tests used here, and why:

- NPS change between consecutive waves: Welch's z-test on the NPS variable
  (+1 / 0 / -1) of the two (independent) waves.
- A theme's share against the previous waves: the pooled two-proportion z-test,
  which stays defined when the theme was never mentioned before (a new theme
  rising from 0% is exactly what an analyst wants flagged). With ~50 themes per
  wave tested at once, flags use Benjamini-Hochberg adjusted p-values within each
  wave, so a survey does not show a handful of "emerging" themes by chance alone.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .. import _columns as C
from .._params import Interval, Options, validate_params
from ..errors import SurveyValidationError
from ._benchmarks import band_note
from ._bootstrap import _impact_from_sums
from ._indicators import (DEFAULT_KINDS, bh_adjust, build_indicators, items_of, label_lookup,
                          mean_var, two_proportion_p, welch_p)
from ._keydrivers import decompose_difference
from ._nps import nps_from_counts

PERIODS = ("auto", "month", "quarter", "year")
NOTE = "note"
MONTH_SPAN_DAYS = 243      # about 8 months: up to 8 monthly waves
QUARTER_SPAN_DAYS = 6 * 365  # up to 24 quarterly waves; longer surveys go by year


def _to_dates(values: pd.Series) -> pd.Series:
    """Naive datetimes, read like the ingest stage: year-first text as y-m-d, other text day first."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    text = values.map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip())
    year_first = text.str.match(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")

    def parse(part: pd.Series, dayfirst: bool) -> pd.Series:
        return pd.to_datetime(part, errors="coerce", format="mixed", dayfirst=dayfirst, utc=True).dt.tz_localize(None)

    iso = parse(text.where(year_first & (text != ""), None), False)
    rest = parse(text.where(iso.isna() & (text != ""), None), True)
    return iso.fillna(rest)


def choose_period(dates) -> str:
    """The period ``assign_periods(period="auto")`` picks for these dates.

    Monthly waves while the dates span less than about 8 months (at most 8 waves,
    each with enough respondents to compare), quarterly up to 6 years (at most 24
    waves), yearly beyond. A survey with a single date goes by month.
    """
    d = _to_dates(dates if isinstance(dates, pd.Series) else pd.Series(list(dates))).dropna()
    if d.empty:
        return "month"
    span = (d.max() - d.min()).days
    if span < MONTH_SPAN_DAYS:
        return "month"
    if span < QUARTER_SPAN_DAYS:
        return "quarter"
    return "year"


def assign_periods(dates, period: str = "auto") -> pd.Series:
    """Wave labels from dates: ``"2018-04"`` (month), ``"2018Q2"`` (quarter) or ``"2018"`` (year).

    The labels are pandas period labels (the ingest stage's default quarterly
    waves look the same) and sort chronologically as text. Text dates are read
    like the ingest stage reads them: year first (2026-03-01) as year-month-day,
    anything else day first (01.03.2026). Unreadable or missing dates get a
    missing label (those respondents belong to no wave).

    Parameters
    ----------
    dates : sequence or Series of dates or date strings
    period : {"auto", "month", "quarter", "year"}, default="auto"
        "auto" chooses by span, see ``choose_period``.

    Returns
    -------
    Series of str (object dtype) aligned with ``dates``; ``.attrs["period"]`` is the
    period used.

    Raises
    ------
    ParameterError
        NPS201 for an unknown ``period``.
    SurveyValidationError
        NPS116 when not one date can be read.

    Examples
    --------
    >>> assign_periods(["2018-01-05", "2018-03-30"]).tolist()
    ['2018-01', '2018-03']
    >>> assign_periods(["2017-01-05", "2018-03-30"]).tolist()
    ['2017Q1', '2018Q1']
    """
    validate_params("assign_periods", {"period": period}, {"period": [Options(PERIODS)]})
    s = dates if isinstance(dates, pd.Series) else pd.Series(list(dates))
    d = _to_dates(s)
    if d.notna().sum() == 0:
        raise SurveyValidationError(
            f"NPS116: none of the {len(s)} dates could be read, so the survey cannot be split into periods. "
            "Use year-first dates (2026-03-01) or day-first (01.03.2026), or give a wave column.")
    chosen = choose_period(d) if period == "auto" else period
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[chosen]
    out = d.dt.to_period(freq).astype(str).astype(object).where(d.notna(), None)
    out.attrs["period"] = chosen
    return out


def _wave_order(values: pd.Series, order: Sequence | None) -> list:
    if order is not None:
        return list(order)
    present = values.dropna().unique().tolist()
    try:
        return sorted(present)
    except TypeError:
        return sorted(present, key=str)


def wave_table(responses: pd.DataFrame, *, wave: str = C.WAVE, order: Sequence | None = None) -> pd.DataFrame:
    """NPS per wave with its margin, the change from the previous wave and that change's p-value.

    Parameters
    ----------
    responses : DataFrame
        Columns ``group``, ``status`` and ``wave``.
    wave : str, default="wave"
        The wave column (e.g. filled by ``assign_periods``).
    order : sequence, optional
        Wave order; default sorted (period labels sort chronologically).

    Returns
    -------
    DataFrame with columns wave, n, promoters, passives, detractors, nps, moe,
    change, p_value (Welch z-test of this wave against the previous one; NaN for
    the first wave), band, note (``band_note``: a "good" wave below 30 says why
    it is both).
    """
    valid = responses[(responses[C.STATUS] != C.EXCLUDED)]
    y = valid[C.GROUP].map({C.PROMOTER: 1.0, C.PASSIVE: 0.0, C.DETRACTOR: -1.0})
    rows = []
    prev = None
    for value in _wave_order(valid[wave], order):
        yw = y[(valid[wave] == value).to_numpy()].dropna().to_numpy()
        counts = nps_from_counts(int((yw == 1).sum()), int((yw == 0).sum()), int((yw == -1).sum()))
        change = p = np.nan
        if prev is not None and len(yw) and len(prev):
            change = 100.0 * (yw.mean() - prev.mean())
            p = welch_p(*mean_var(yw), *mean_var(prev))
        rows.append({C.WAVE: value, C.N: counts["n"], "promoters": counts["promoters"],
                     "passives": counts["passives"], "detractors": counts["detractors"], C.NPS: counts["nps"],
                     C.MOE: counts["moe"], C.CHANGE: change, C.P_VALUE: p, **band_note(counts["nps"])._asdict()})
        prev = yw
    return pd.DataFrame(rows, columns=[C.WAVE, C.N, "promoters", "passives", "detractors", C.NPS, C.MOE,
                                       C.CHANGE, C.P_VALUE, C.BAND, NOTE])


def _per_wave(responses, mentions, wave, order, key, item, kinds):
    """Indicators over all waves (one column set) and the wave of each valid respondent."""
    ind = build_indicators(responses, mentions, key=key, item=item, kinds=kinds)
    values = ind.responses[wave]
    return ind, values, _wave_order(values, order)


def wave_themes(responses: pd.DataFrame, mentions: pd.DataFrame, *, wave: str = C.WAVE,
                order: Sequence | None = None, labels: Mapping | pd.DataFrame | None = None,
                key: str | Sequence[str] = C.ROW,
                item: str = C.THEME_ID, kinds: Sequence[str] = DEFAULT_KINDS) -> pd.DataFrame:
    """Each item's share of respondents, mentioners' NPS and impact in every wave (long form).

    Returns
    -------
    DataFrame with columns wave, theme_id (or the item column), kind, label,
    n_respondents, pct_respondents, nps_mentioners, impact.
    """
    ind, values, waves = _per_wave(responses, mentions, wave, order, key, item, kinds)
    lookup = label_lookup(labels, item)
    names = [lookup(t, k) for t, k in zip(ind.items[item], ind.items[C.KIND])]
    parts = []
    for value in waves:
        sub = ind.subset((values == value).to_numpy())
        n = sub.n
        nm = np.asarray(sub.X.sum(axis=0)).ravel()
        impact, nps_m = _impact_from_sums(float(n), float(sub.y.sum()), nm, sub.X.T @ sub.y)
        part = ind.items.copy()
        part.insert(0, C.WAVE, value)
        part[C.LABEL] = names
        part[C.N_RESPONDENTS] = nm.astype(int)
        part[C.PCT_RESPONDENTS] = 100.0 * nm / n if n else np.nan
        part[C.NPS_MENTIONERS] = nps_m
        part[C.IMPACT] = impact
        parts.append(part)
    cols = [C.WAVE, item, C.KIND, C.LABEL, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.NPS_MENTIONERS, C.IMPACT]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def emerging_themes(responses: pd.DataFrame, mentions: pd.DataFrame, *, wave: str = C.WAVE,
                    order: Sequence | None = None, labels: Mapping | pd.DataFrame | None = None,
                    key: str | Sequence[str] = C.ROW, item: str = C.THEME_ID, kinds: Sequence[str] = DEFAULT_KINDS,
                    alpha: float = 0.05, min_respondents: int = 5, window: int | None = None) -> pd.DataFrame:
    """Items whose share of respondents changed significantly against the previous waves.

    For every wave after the first, each item's share is compared with its share in
    the pooled previous waves (all of them, or the last ``window``) by the pooled
    two-proportion z-test. ``trend`` is "emerging" when the share rose, "fading"
    when it fell, with a Benjamini-Hochberg adjusted p-value (within the wave)
    below ``alpha``; an emerging item also needs ``min_respondents`` mentioners in
    the wave. Small themes that rise fast (0-1% to 4%) are flagged like big ones:
    nothing filters on the size of the share.

    Returns
    -------
    DataFrame with columns wave, theme_id (or the item column), kind, label,
    n_respondents, pct_before, pct_respondents, change (percentage points),
    p_value (unadjusted), trend; sorted by wave, then emerging first.
    """
    validate_params("emerging_themes", {"alpha": float(alpha), "min_respondents": min_respondents,
                                        "window": window},
                    {"alpha": [Interval(float, 0.0, 1.0)], "min_respondents": [Interval(int, 0, None)],
                     "window": [Interval(int, 1, None), None]})
    ind, values, waves = _per_wave(responses, mentions, wave, order, key, item, kinds)
    lookup = label_lookup(labels, item)
    names = [lookup(t, k) for t, k in zip(ind.items[item], ind.items[C.KIND])]
    counts, sizes = [], []
    for value in waves:
        mask = (values == value).to_numpy()
        counts.append(np.asarray(ind.X[mask].sum(axis=0)).ravel())
        sizes.append(int(mask.sum()))
    parts = []
    for w in range(1, len(waves)):
        lo = 0 if window is None else max(0, w - window)
        k0 = np.sum(counts[lo:w], axis=0)
        n0 = float(sum(sizes[lo:w]))
        k1, n1 = counts[w], float(sizes[w])
        p = two_proportion_p(k1, np.full_like(k1, n1), k0, np.full_like(k0, n0))
        q = bh_adjust(p)
        with np.errstate(divide="ignore", invalid="ignore"):
            before, now = 100.0 * k0 / n0, 100.0 * k1 / n1
        trend = np.where((q < alpha) & (now > before) & (k1 >= min_respondents), C.EMERGING,
                         np.where((q < alpha) & (now < before), C.FADING, ""))
        part = ind.items.copy()
        part.insert(0, C.WAVE, waves[w])
        part[C.LABEL] = names
        part[C.N_RESPONDENTS] = k1.astype(int)
        part[C.PCT_BEFORE] = before
        part[C.PCT_RESPONDENTS] = now
        part[C.CHANGE] = now - before
        part[C.P_VALUE] = p
        part[C.TREND] = trend
        part["_order"] = np.select([trend == C.EMERGING, trend == C.FADING], [0, 1], 2)
        parts.append(part.sort_values(["_order", C.P_VALUE], kind="stable"))
    cols = [C.WAVE, item, C.KIND, C.LABEL, C.N_RESPONDENTS, C.PCT_BEFORE, C.PCT_RESPONDENTS, C.CHANGE,
            C.P_VALUE, C.TREND]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def change_decomposition(responses_old: pd.DataFrame, mentions_old: pd.DataFrame, responses_new: pd.DataFrame,
                         mentions_new: pd.DataFrame, *, labels: Mapping | pd.DataFrame | None = None,
                         key: str | Sequence[str] = C.ROW, item: str = C.THEME_ID, kinds: Sequence[str] = DEFAULT_KINDS,
                         by_kind: bool = False, ridge: float = 1.0) -> pd.DataFrame:
    """Split NPS(new) - NPS(old) into theme contributions that sum exactly to the change.

    Per theme (see ``decompose_difference`` for the algebra):

    - ``mix``: more or fewer respondents mention it, times what a mention is worth
      (its key-driver coefficient, averaged over the two waves);
    - ``rate``: its mentioners score differently than before relative to comparable
      respondents, times its average share;
    - ``total = mix + rate`` = the change of the theme's key-driver points.

    The last row, ``(not explained by a theme)``, is the change of the NPS of
    respondents who mention no theme (no comment, or only other things), i.e. what
    themes do not account for. Overlapping themes are not double counted: the
    coefficients come from one model over all themes.

    Parameters
    ----------
    responses_old, mentions_old, responses_new, mentions_new : DataFrame
        The two waves' tables (two files, or one file's tables cut by wave; rows
        of a mentions table whose key is not in its responses are ignored).
    labels : mapping or DataFrame, optional
        Theme labels ({theme_id: label}, {(theme_id, kind): label} or the themes table).
    by_kind : bool, default=False
        One row per (theme, kind) item instead of per theme (adds a ``kind`` column).
    ridge : float, default=1.0
        Slope penalty of the model, in respondents.

    Returns
    -------
    DataFrame with columns theme_id (or the item column), [kind,] label, mix, rate,
    total; sorted by |total|, the unexplained row last (mix and rate NaN there).
    ``total.sum()`` equals NPS(new) - NPS(old) to float precision;
    ``.attrs["nps_old"]`` and ``.attrs["nps_new"]`` hold the two NPS values.
    """
    items = pd.concat([items_of(mentions_old, kinds=kinds, item=item),
                       items_of(mentions_new, kinds=kinds, item=item)]).drop_duplicates()
    items = items.sort_values([C.KIND, item], kind="stable").reset_index(drop=True)
    old = build_indicators(responses_old, mentions_old, key=key, item=item, kinds=kinds, items=items)
    new = build_indicators(responses_new, mentions_new, key=key, item=item, kinds=kinds, items=items)
    dec = decompose_difference(old, new, ridge=ridge)
    lookup = label_lookup(labels, item)
    table = items.copy()
    table[C.MIX] = dec[C.MIX]
    table[C.RATE] = dec[C.RATE]
    if by_kind:
        table[C.LABEL] = [lookup(t, k) for t, k in zip(table[item], table[C.KIND])]
    else:
        first_kind = table.groupby(item, sort=False)[C.KIND].first()
        table = table.groupby(item, sort=False, as_index=False)[[C.MIX, C.RATE]].sum()
        table[C.LABEL] = [lookup(t, first_kind[t]) for t in table[item]]
    table[C.TOTAL] = table[C.MIX] + table[C.RATE]
    table = table.reindex(table[C.TOTAL].abs().sort_values(ascending=False, kind="stable").index)
    rest = {item: pd.NA, C.LABEL: C.UNEXPLAINED_LABEL, C.MIX: np.nan, C.RATE: np.nan, C.TOTAL: dec["unexplained"]}
    if by_kind:
        rest[C.KIND] = ""
    table = pd.concat([table, pd.DataFrame([rest])], ignore_index=True)
    cols = [item] + ([C.KIND] if by_kind else []) + [C.LABEL, C.MIX, C.RATE, C.TOTAL]
    table = table[cols]
    table.attrs["nps_old"] = dec["nps0"]
    table.attrs["nps_new"] = dec["nps1"]
    return table


def wave_change(responses: pd.DataFrame, mentions: pd.DataFrame, old, new, *, wave: str = C.WAVE,
                **kwargs) -> pd.DataFrame:
    """``change_decomposition`` between two waves of one survey (e.g. the first and last month)."""
    return change_decomposition(responses[responses[wave] == old], mentions, responses[responses[wave] == new],
                                mentions, **kwargs)
