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
from ._nps import nps_from_counts


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
    group_of = pd.Series(valid[C.GROUP].to_numpy(dtype=object), index=valid[C.ROW].to_numpy())
    names = (C.PROMOTER, C.PASSIVE, C.DETRACTOR)
    totals = group_of.value_counts().reindex(list(names), fill_value=0).to_numpy()
    overall = nps_from_counts(*(int(t) for t in totals))
    n_all = overall["n"]
    # counts, not per-row Series: a 100k survey has hundreds of rows, each compared with everyone else
    m = mentions[[key, C.KIND, C.ROW]]
    n_mentions = m.groupby([key, C.KIND], sort=False).size()
    who = m.drop_duplicates()
    who = who.assign(_g=who[C.ROW].map(group_of))
    counts = (who[who["_g"].isin(names)].groupby([key, C.KIND, "_g"], sort=False).size()
              .unstack("_g", fill_value=0).reindex(columns=list(names), fill_value=0))
    rows = []
    for (item, kind), n_m in n_mentions.items():
        own = counts.loc[(item, kind)].to_numpy() if (item, kind) in counts.index else np.zeros(3, dtype=int)
        stats = nps_from_counts(*(int(c) for c in own))
        rest = nps_from_counts(*(int(c) for c in totals - own))
        rows.append({
            key: item, C.KIND: kind,
            C.N_MENTIONS: int(n_m), C.N_RESPONDENTS: int(stats["n"]),
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
