"""Priority lists per department, built from the theme -> department map (taxonomy)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import _columns as C
from .._params import Interval, Options, validate_params

_COLUMNS = [C.RANK, C.SCOPE, C.KIND, C.THEME_ID, C.LABEL, C.POINTS, C.POINTS_LOW, C.POINTS_HIGH, C.N_RESPONDENTS,
            C.KPI_BASELINE, C.DEPARTMENT, C.OWNER, C.KPI, C.TARGET]
OVERALL = "overall"


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _group_counts(responses: pd.DataFrame | None) -> dict[str, int] | None:
    if responses is None:
        return None
    valid = responses[responses[C.STATUS] != C.EXCLUDED]
    counts = valid[C.GROUP].value_counts()
    return {g: int(counts.get(g, 0)) for g in (C.PROMOTER, C.DETRACTOR)}


def department_priorities(themes: pd.DataFrame, taxonomy: pd.DataFrame | None, *,
                          responses: pd.DataFrame | None = None, measure: str = C.IMPACT,
                          min_respondents: int = 10) -> pd.DataFrame:
    """What each department should fix (barriers) and protect (drivers), ranked by NPS points.

    Parameters
    ----------
    themes : DataFrame
        The themes table: theme_id, label, kind, n_respondents, share_detractors,
        share_promoters, pct_respondents and the ``measure`` columns with their
        interval (``impact, impact_low, impact_high`` or ``key_driver, ...``).
    taxonomy : DataFrame or None
        Theme -> owner map: ``theme_id`` (or ``label``), ``department``, and
        optionally ``owner``, ``kpi``. A theme may belong to several departments.
        Themes it does not name appear in the overall list only.
    responses : DataFrame, optional
        Counts the survey's detractors and promoters for the KPI baseline ("share
        of detractors mentioning X: 7.9%"); without it the baseline is the share of
        all respondents.
    measure : {"impact", "key_driver"}, default="impact"
        Which points to rank by: the leave-out impact or the key-driver estimate.
    min_respondents : int, default=10
        Themes with fewer mentioners are too uncertain to prioritise.

    Returns
    -------
    DataFrame with columns rank, scope ("overall" or the department), kind,
    theme_id, label, points, points_low, points_high, n_respondents, kpi_baseline,
    department, owner, kpi, target (empty: for the department to fill in).
    Points are NPS points at stake: ``-measure`` for a barrier (gained if solved),
    ``measure`` for a driver (held up by it); only positive points are listed,
    barriers first, ranked within (scope, kind).
    """
    validate_params("department_priorities", {"measure": measure, "min_respondents": min_respondents},
                    {"measure": [Options((C.IMPACT, C.KEY_DRIVER))], "min_respondents": [Interval(int, 0, None)]})
    low_col, high_col = f"{measure}_low", f"{measure}_high"
    t = themes[themes[C.KIND].isin([C.BARRIER, C.DRIVER]) & (themes[C.N_RESPONDENTS] >= min_respondents)].copy()
    barrier = (t[C.KIND] == C.BARRIER).to_numpy()
    value = t[measure].to_numpy(dtype=float)
    low = t[low_col].to_numpy(dtype=float) if low_col in t.columns else np.full(len(t), np.nan)
    high = t[high_col].to_numpy(dtype=float) if high_col in t.columns else np.full(len(t), np.nan)
    t[C.POINTS] = np.where(barrier, -value, value)
    t[C.POINTS_LOW] = np.where(barrier, -high, low)
    t[C.POINTS_HIGH] = np.where(barrier, -low, high)
    t = t[t[C.POINTS] > 0]

    counts = _group_counts(responses)
    baselines = []
    for _, r in t.iterrows():
        group = C.DETRACTOR if r[C.KIND] == C.BARRIER else C.PROMOTER
        share_col = C.SHARE_DETR if group == C.DETRACTOR else C.SHARE_PROM
        if counts is not None and counts[group] and share_col in t.columns:
            pct = 100.0 * r[C.N_RESPONDENTS] * r[share_col] / counts[group]
            baselines.append(f"share of {group}s mentioning {r[C.LABEL]}: {pct:.1f}%")
        elif C.PCT_RESPONDENTS in t.columns:
            baselines.append(f"share of respondents mentioning {r[C.LABEL]}: {r[C.PCT_RESPONDENTS]:.1f}%")
        else:
            baselines.append("")
    t[C.KPI_BASELINE] = baselines

    owners = pd.DataFrame(columns=[C.THEME_ID, C.DEPARTMENT, C.OWNER, C.KPI])
    if taxonomy is not None and len(taxonomy):
        tax = taxonomy.copy()
        for col in (C.DEPARTMENT, C.OWNER, C.KPI):
            tax[col] = tax[col].map(_text) if col in tax.columns else ""
        if C.THEME_ID not in tax.columns and C.LABEL in tax.columns:
            by_label = {_text(lab).lower(): tid for tid, lab in zip(t[C.THEME_ID], t[C.LABEL])}
            tax[C.THEME_ID] = tax[C.LABEL].map(lambda s: by_label.get(_text(s).lower()))
        owners = tax[tax[C.THEME_ID].notna() & (tax[C.DEPARTMENT] != "")][
            [C.THEME_ID, C.DEPARTMENT, C.OWNER, C.KPI]].drop_duplicates()

    def joined(col):
        return owners.groupby(C.THEME_ID)[col].agg(lambda s: "; ".join(dict.fromkeys(v for v in s if v)))

    overall = t.copy()
    overall[C.SCOPE] = OVERALL
    for col in (C.DEPARTMENT, C.OWNER, C.KPI):
        overall[col] = overall[C.THEME_ID].map(joined(col)).fillna("") if len(owners) else ""
    per_dept = t.drop(columns=[c for c in (C.DEPARTMENT, C.OWNER, C.KPI) if c in t.columns]).merge(
        owners, on=C.THEME_ID, how="inner")
    per_dept[C.SCOPE] = per_dept[C.DEPARTMENT]
    out = pd.concat([overall, per_dept], ignore_index=True)
    out[C.TARGET] = ""
    out["_scope"] = (out[C.SCOPE] != OVERALL).astype(int)
    out["_kind"] = (out[C.KIND] != C.BARRIER).astype(int)
    out = out.sort_values(["_scope", C.SCOPE, "_kind", C.POINTS], ascending=[True, True, True, False],
                          kind="stable")
    out[C.RANK] = out.groupby([C.SCOPE, C.KIND]).cumcount() + 1
    return out[_COLUMNS].reset_index(drop=True)
