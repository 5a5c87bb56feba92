"""Link topics to NPS: who mentions a theme, and how many NPS points it is worth.

Definition used throughout: the impact of a topic row (topic x driver/barrier)
is ``NPS(all respondents) - NPS(respondents who did not mention it)``. A barrier
whose mentioners are mostly detractors has negative impact: removing the reason
(making its mentioners look like everyone else) is worth ``-impact`` points.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import _columns as C
from ._nps import nps_of


def item_impact(mentions: pd.DataFrame, responses: pd.DataFrame, key: str = C.THEME_ID) -> pd.DataFrame:
    """One row per (``key``, kind) with mention counts, group shares, NPS of mentioners and impact.

    Parameters
    ----------
    mentions : DataFrame
        Columns ``row`` (the respondent's row in ``responses``), ``key`` and ``kind``.
    responses : DataFrame
        The responses table (columns row, group, status); only rows with a valid score count.
    key : str, default="theme_id"
        The item column: ``theme_id`` for themes, ``topic_id`` for sub-topics.

    Returns
    -------
    DataFrame with columns key, kind, n_mentions, n_respondents, pct_respondents,
    share_promoters, share_passives, share_detractors, nps_mentioners,
    nps_mentioners_moe, nps_without, impact.
    """
    valid = responses[responses[C.STATUS] != C.EXCLUDED]
    groups = pd.Series(valid[C.GROUP].to_numpy(), index=valid[C.ROW].to_numpy())
    overall = nps_of(groups)
    n_all = overall["n"]
    rows = []
    for (item, kind), part in mentions.groupby([key, C.KIND], sort=False):
        who = pd.Index(part[C.ROW].unique()).intersection(groups.index)
        stats = nps_of(groups.loc[who])
        rest = nps_of(groups.drop(index=who))
        rows.append({
            key: item, C.KIND: kind,
            C.N_MENTIONS: int(len(part)), C.N_RESPONDENTS: int(stats["n"]),
            C.PCT_RESPONDENTS: 100.0 * stats["n"] / n_all if n_all else np.nan,
            C.SHARE_PROM: stats["share_promoters"], C.SHARE_PASS: stats["share_passives"],
            C.SHARE_DETR: stats["share_detractors"],
            C.NPS_MENTIONERS: stats["nps"], C.NPS_MENTIONERS_MOE: stats["moe"],
            C.NPS_WITHOUT: rest["nps"],
            C.IMPACT: overall["nps"] - rest["nps"] if rest["n"] else np.nan,
        })
    cols = [key, C.KIND, C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.SHARE_PROM, C.SHARE_PASS,
            C.SHARE_DETR, C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT]
    return pd.DataFrame(rows, columns=cols)


def topic_impact(mentions: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """``item_impact`` over sub-topics (``topic_id``)."""
    return item_impact(mentions, responses, key=C.TOPIC_ID)


def priorities(themes: pd.DataFrame, *, min_respondents: int = 10) -> pd.DataFrame:
    """Barrier themes ranked by the NPS points fixing them is worth; driver themes by the points they hold up.

    One list overall (``scope`` = "overall") and one per department of the
    theme -> department map (``themes.department``, from the taxonomy). Themes
    mentioned by fewer than ``min_respondents`` are left out: their points are noise.

    Returns columns rank, scope, kind, theme_id, label, points, action,
    n_respondents, pct_respondents, nps_mentioners, share_detractors,
    share_promoters, kpi_baseline, department, owner, kpi, target.
    """
    t = themes[(themes[C.N_RESPONDENTS] >= min_respondents) & themes[C.KIND].isin([C.BARRIER, C.DRIVER])
               & (themes[C.THEME_ID] != -1)].copy()
    t[C.POINTS] = np.where(t[C.KIND] == C.BARRIER, -t[C.IMPACT], t[C.IMPACT])
    if C.IMPACT_LOW in t.columns:  # a barrier's points are minus its impact: its interval flips
        barrier = t[C.KIND] == C.BARRIER
        t[C.POINTS_LOW] = np.where(barrier, -t[C.IMPACT_HIGH], t[C.IMPACT_LOW])
        t[C.POINTS_HIGH] = np.where(barrier, -t[C.IMPACT_LOW], t[C.IMPACT_HIGH])
    t = t[t[C.POINTS] > 0]
    t[C.ACTION] = np.where(t[C.KIND] == C.BARRIER, "fix: NPS points gained if solved",
                           "protect: NPS points it holds up")
    share = np.where(t[C.KIND] == C.BARRIER, t[C.SHARE_DETR], t[C.SHARE_PROM])
    who = np.where(t[C.KIND] == C.BARRIER, "detractors", "promoters")
    t[C.KPI_BASELINE] = [f"share of {w} among mentioners: {100 * s:.1f}%; mentioned by {p:.1f}% of respondents"
                         for w, s, p in zip(who, share, t[C.PCT_RESPONDENTS])]
    for col in (C.DEPARTMENT, C.OWNER, C.KPI):
        t[col] = t[col].fillna("").astype(str) if col in t.columns else ""
    t[C.TARGET] = ""
    parts = [t.assign(**{C.SCOPE: "overall"})]
    for dept, part in t[t[C.DEPARTMENT] != ""].groupby(C.DEPARTMENT, sort=True):
        parts.append(part.assign(**{C.SCOPE: dept}))
    out = pd.concat(parts, ignore_index=True)
    order = {C.BARRIER: 0, C.DRIVER: 1}
    out = out.sort_values([C.SCOPE, C.KIND, C.POINTS], key=lambda s: s.map(order) if s.name == C.KIND else s,
                          ascending=[True, True, False])
    out[C.RANK] = out.groupby([C.SCOPE, C.KIND]).cumcount() + 1
    out["_overall"] = out[C.SCOPE] != "overall"
    out = out.sort_values(["_overall", C.SCOPE, C.KIND, C.RANK],
                          key=lambda s: s.map(order) if s.name == C.KIND else s).drop(columns="_overall")
    cols = [C.RANK, C.SCOPE, C.KIND, C.THEME_ID, C.LABEL, C.POINTS, C.POINTS_LOW, C.POINTS_HIGH, C.ACTION,
            C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.NPS_MENTIONERS, C.SHARE_DETR, C.SHARE_PROM, C.KPI_BASELINE,
            C.DEPARTMENT, C.OWNER, C.KPI, C.TARGET]
    return out[[c for c in cols if c in out.columns]].reset_index(drop=True)
