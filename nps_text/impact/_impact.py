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


def topic_impact(mentions: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """One row per (topic_id, kind) with mention counts, group shares, NPS of mentioners and impact.

    Parameters
    ----------
    mentions : DataFrame
        Columns ``respondent_key`` (index into ``responses``), ``topic_id``, ``kind``.
    responses : DataFrame
        The responses table; only rows with a valid score count.

    Returns
    -------
    DataFrame with columns topic_id, kind, n_mentions, n_respondents, pct_respondents,
    share_promoters, share_passives, share_detractors, nps_mentioners,
    nps_mentioners_moe, nps_without, impact.
    """
    valid = responses[responses[C.STATUS] != C.EXCLUDED]
    groups = valid[C.GROUP]
    overall = nps_of(groups)
    n_all = overall["n"]
    rows = []
    for (topic, kind), part in mentions.groupby([C.TOPIC_ID, C.KIND], sort=False):
        who = pd.Index(part["respondent_key"].unique()).intersection(valid.index)
        stats = nps_of(groups.loc[who])
        rest = nps_of(groups.drop(index=who))
        rows.append({
            C.TOPIC_ID: topic, C.KIND: kind,
            C.N_MENTIONS: int(len(part)), C.N_RESPONDENTS: int(stats["n"]),
            C.PCT_RESPONDENTS: 100.0 * stats["n"] / n_all if n_all else np.nan,
            C.SHARE_PROM: stats["share_promoters"], C.SHARE_PASS: stats["share_passives"],
            C.SHARE_DETR: stats["share_detractors"],
            C.NPS_MENTIONERS: stats["nps"], C.NPS_MENTIONERS_MOE: stats["moe"],
            C.NPS_WITHOUT: rest["nps"],
            C.IMPACT: overall["nps"] - rest["nps"] if rest["n"] else np.nan,
        })
    cols = [C.TOPIC_ID, C.KIND, C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.SHARE_PROM, C.SHARE_PASS,
            C.SHARE_DETR, C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT]
    return pd.DataFrame(rows, columns=cols)


def priorities(topics: pd.DataFrame, responses: pd.DataFrame, *, department: str | None = None,
               owners: pd.DataFrame | None = None, min_respondents: int = 3) -> pd.DataFrame:
    """Barriers ranked by the NPS points fixing them is worth; drivers by the points they hold up.

    ``owners`` (optional) maps topics to owner and KPI: columns ``topic_id`` or
    ``label`` plus ``department``, ``owner``, ``kpi``. Without it those columns
    are left empty, except ``department`` when the survey has a department
    column: then it names the department whose respondents mention the topic most.
    """
    t = topics[topics[C.N_RESPONDENTS] >= min_respondents].copy()
    t["points"] = np.where(t[C.KIND] == C.BARRIER, -t[C.IMPACT], t[C.IMPACT])
    t = t[t["points"] > 0]
    t["action"] = np.where(t[C.KIND] == C.BARRIER, "fix: NPS points gained if solved",
                           "protect: NPS points it holds up")
    t = t.sort_values(["kind", "points"], ascending=[True, False])
    t["rank"] = t.groupby(C.KIND).cumcount() + 1
    t["department"] = ""
    t["owner"] = ""
    t["kpi"] = ""
    if department and "top_department" in t.columns:
        t["department"] = t["top_department"].fillna("")
    if owners is not None and len(owners):
        for _, o in owners.iterrows():
            topic_id, label = _cell(o.get("topic_id")), _cell(o.get("label"))
            if topic_id:
                try:
                    mask = t[C.TOPIC_ID] == int(float(topic_id))
                except ValueError:
                    continue
            elif label and C.LABEL in t.columns:
                mask = t[C.LABEL].fillna("").str.contains(label, case=False, regex=False)
            else:  # neither a topic id nor a label: the row names no topic
                continue
            for col in ("department", "owner", "kpi"):
                value = _cell(o.get(col))
                if col in owners.columns and value:
                    t.loc[mask, col] = value
    cols = ["rank", C.KIND, C.TOPIC_ID, C.LABEL, "points", "action", C.N_RESPONDENTS, C.PCT_RESPONDENTS,
            C.NPS_MENTIONERS, C.SHARE_DETR, C.SHARE_PROM, "department", "owner", "kpi"]
    order = {C.BARRIER: 0, C.DRIVER: 1}
    t = t.sort_values([C.KIND, "rank"], key=lambda s: s.map(order) if s.name == C.KIND else s)
    return t[[c for c in cols if c in t.columns]].reset_index(drop=True)


def _cell(value) -> str:
    """An owners-table cell as stripped text; missing and blank cells (read as '' from CSV) become ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()
