"""Score a survey too large for one machine on a Dask cluster, with a fitted model.

Fitting (topics, polarity) happens once, on one machine, on a sample. Scoring is
per respondent (split, embed, assign a topic, call driver or barrier), so it runs
partition by partition on the workers, and everything the report needs from it is
*additive*: per topic row, how many promoters / passives / detractors mention it, and
the same counts overall. Summing the partitions' counts and turning the sums into NPS
and leave-out impact gives exactly the numbers one machine would compute on the whole
survey (tested in ``tests/test_dask.py``).

Two details keep it exact:

- theme rows with fewer than ``min_respondents`` respondents join the unassigned row
  (-1). Whether a row is small is a property of the whole survey, so partitions are
  scored with that merge switched off, and it is applied after the counts of all
  partitions are known (a second, cheap pass over the partitions' mention keys);
- only ``result.responses`` (row, group, status) and ``result.mentions`` (row,
  theme_id, kind) are read, through ``partition_keys`` -- the one function to change
  if those tables change.

Example
-------
>>> from dask.distributed import Client                          # doctest: +SKIP
>>> import dask.dataframe as dd
>>> from nps_text import NpsAnalyzer
>>> from nps_text.distributed import score_dask
>>> client = Client("tcp://scheduler:8786")
>>> analyzer = NpsAnalyzer.load("model/")
>>> ddf = dd.read_csv("s3://bucket/wave-*.csv", blocksize="64MB", dtype=str)
>>> out = score_dask(analyzer, ddf, client=client, score="score", comment="comment")
>>> out.themes.head(); out.nps
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import _columns as C
from .impact import nps_from_counts

__all__ = ["score_dask", "partition_keys", "partition_counts", "combine_counts", "DistributedResult"]

OUTLIER = -1
UNASSIGNED_KIND = "mixed"  # the unassigned row holds every direction, as in NpsAnalyzer's themes table
_GROUPS = (C.PROMOTER, C.PASSIVE, C.DETRACTOR)


@dataclass
class DistributedResult:
    """What ``score_dask`` returns.

    Attributes
    ----------
    themes : DataFrame
        One row per theme and direction (theme_id, kind): theme_id, kind, label, n_mentions, n_respondents,
        pct_respondents, promoters, passives, detractors, share_promoters,
        share_passives, share_detractors, nps_mentioners, nps_mentioners_moe,
        nps_without, impact; sorted by |impact|, the unassigned row (-1) last.
    overall : dict
        Counts and NPS of every respondent with a valid score (``nps_from_counts``).
    n_rows : int
        Responses read (all statuses).
    n_partitions : int
    """

    themes: pd.DataFrame
    overall: dict[str, float]
    n_rows: int
    n_partitions: int
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def nps(self) -> float:
        return float(self.overall["nps"])


# ----------------------------------------------------------------- per partition (runs on a worker)
def partition_keys(result) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The adapter: the only place that reads the pipeline's output tables.

    Returns ``(responses, mentions)`` with columns ``row, group, valid`` and
    ``row, theme_id, kind`` (one line per mention; the unassigned row has kind "").
    """
    r = result.responses
    responses = pd.DataFrame({"row": r[C.ROW].to_numpy(), "group": r[C.GROUP].to_numpy(),
                              "valid": (r[C.STATUS] != C.EXCLUDED).to_numpy()})
    m = result.mentions
    topic = m[C.THEME_ID].to_numpy()
    kind = np.where(topic == OUTLIER, UNASSIGNED_KIND, m[C.KIND].astype(str).to_numpy())
    mentions = pd.DataFrame({"row": m[C.ROW].to_numpy(), "theme_id": topic, "kind": kind})
    return responses, mentions


def _score(analyzer, part: pd.DataFrame, read_options: dict, segments: Sequence[str]):
    """Run the fitted analyzer on one partition; small-row merging is left to the reduce step."""
    from .ingest import read_survey

    if C.STATUS not in part.columns:  # raw survey rows: validate them here, as read_survey would
        part, schema = read_survey(part.reset_index(drop=True), **read_options)
        segments = list(segments) or list(schema.segments)
    local = copy.copy(analyzer)
    local.min_respondents = 1  # a row's size is a whole-survey fact: decided after the reduce
    local.n_boot = 0  # intervals are a whole-survey statistic: not computed per partition
    local.progress = False
    return partition_keys(local.transform(part, segments))


def partition_counts(analyzer, part: pd.DataFrame, read_options: dict | None = None,
                     segments: Sequence[str] = ()) -> dict:
    """Score one partition and return its mention keys plus its additive counts."""
    responses, mentions = _score(analyzer, part, read_options or {}, segments)
    valid = responses[responses["valid"]]
    overall = valid["group"].value_counts().reindex(list(_GROUPS), fill_value=0)
    sizes = (mentions[mentions["row"].isin(valid["row"])].drop_duplicates(["row", "theme_id", "kind"])
             .groupby(["theme_id", "kind"]).size())
    return {"responses": responses, "mentions": mentions, "overall": overall, "sizes": sizes,
            "n_rows": len(responses)}


def _item_counts(part: dict, small: frozenset) -> pd.DataFrame:
    """Per (theme_id, kind) after merging small rows into -1: mentions and distinct mentioners by group."""
    m = part["mentions"].copy()
    if small and len(m):
        hit = np.fromiter(((t, k) in small for t, k in zip(m["theme_id"], m["kind"])), dtype=bool, count=len(m))
        m.loc[hit, "theme_id"] = OUTLIER
        m.loc[hit, "kind"] = UNASSIGNED_KIND
    n_mentions = m.groupby(["theme_id", "kind"]).size().rename("n_mentions")
    valid = part["responses"][part["responses"]["valid"]].set_index("row")["group"]
    who = m.drop_duplicates(["row", "theme_id", "kind"])
    who = who[who["row"].isin(valid.index)]
    who = who.assign(group=valid.reindex(who["row"]).to_numpy())
    by_group = who.groupby(["theme_id", "kind", "group"]).size().unstack("group")
    by_group = by_group.reindex(columns=list(_GROUPS)).fillna(0)
    return pd.concat([n_mentions, by_group], axis=1).fillna(0).astype(np.int64)


# ----------------------------------------------------------------- reduce (runs on the client)
def combine_counts(parts: list[dict], *, min_respondents: int, labels: pd.Series | None = None
                   ) -> tuple[pd.DataFrame, dict]:
    """Sum the partitions' counts and turn them into the topic table and overall NPS.

    Parameters
    ----------
    parts : list of dict
        ``partition_counts`` outputs.
    min_respondents : int
        Theme rows with fewer distinct respondents join the unassigned row (-1), as in
        ``NpsAnalyzer``.
    labels : Series, optional
        theme_id -> label.
    """
    overall_counts = sum((p["overall"] for p in parts), pd.Series(0, index=list(_GROUPS)))
    sizes = pd.concat([p["sizes"] for p in parts]).groupby(level=[0, 1]).sum() if parts else pd.Series(dtype=int)
    small = frozenset(k for k, v in sizes.items() if v < min_respondents)
    return _topics_from(small, [_item_counts(p, small) for p in parts], overall_counts, labels)


def _topics_from(small, counts: list[pd.DataFrame], overall_counts: pd.Series, labels) -> tuple[pd.DataFrame, dict]:
    overall = nps_from_counts(*(int(overall_counts[g]) for g in _GROUPS))
    cols = [C.THEME_ID, C.KIND, C.LABEL, C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, "promoters", "passives",
            "detractors", C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR, C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE,
            C.NPS_WITHOUT, C.IMPACT]
    if not counts:
        return pd.DataFrame(columns=cols), overall
    total = pd.concat(counts).groupby(level=[0, 1]).sum()
    rows = []
    for (topic, kind), c in total.iterrows():
        mine = [int(c[g]) for g in _GROUPS]
        stats = nps_from_counts(*mine)
        rest = nps_from_counts(*(int(overall_counts[g]) - x for g, x in zip(_GROUPS, mine)))
        rows.append({
            C.THEME_ID: int(topic), C.KIND: kind,
            C.LABEL: (labels.get(topic) if labels is not None else None),
            C.N_MENTIONS: int(c["n_mentions"]), C.N_RESPONDENTS: int(stats["n"]),
            C.PCT_RESPONDENTS: 100.0 * stats["n"] / overall["n"] if overall["n"] else np.nan,
            "promoters": mine[0], "passives": mine[1], "detractors": mine[2],
            C.SHARE_PROM: stats["share_promoters"], C.SHARE_PASS: stats["share_passives"],
            C.SHARE_DETR: stats["share_detractors"], C.NPS_MENTIONERS: stats["nps"],
            C.NPS_MENTIONERS_MOE: stats["moe"], C.NPS_WITHOUT: rest["nps"],
            C.IMPACT: overall["nps"] - rest["nps"] if rest["n"] else np.nan,
        })
    table = pd.DataFrame(rows, columns=cols)
    table["_order"] = (table[C.THEME_ID] == OUTLIER).astype(int)
    table["_abs"] = table[C.IMPACT].abs()
    table = (table.sort_values(["_order", "_abs", C.THEME_ID, C.KIND], ascending=[True, False, True, True])
             .drop(columns=["_order", "_abs"]).reset_index(drop=True))
    return table, overall


# ----------------------------------------------------------------- driver
def score_dask(analyzer, ddf, *, client=None, segments: Sequence[str] = (), **read_options) -> DistributedResult:
    """Score a ``dask.dataframe`` of survey responses with a fitted ``NpsAnalyzer``.

    Parameters
    ----------
    analyzer : NpsAnalyzer
        Fitted (``fit`` on a sample, or ``NpsAnalyzer.load``). It is sent to the
        workers once (``client.scatter(..., broadcast=True)``).
    ddf : dask.dataframe.DataFrame
        Either raw survey rows (each partition goes through ``read_survey`` with
        ``read_options``: score=, comment=, id=, scale=, ...) or responses tables
        already built by ``read_survey`` (they carry the ``status`` column).
        A respondent's rows must sit in one partition (one row per respondent, as
        ``read_survey`` requires), since mentioners are counted per partition.
    client : dask.distributed.Client, optional
        Default: the current client (``distributed.get_client()``).
    segments : sequence of str
        Segment columns passed to ``transform``.

    Returns
    -------
    DistributedResult
        ``themes`` holds the same counts, NPS and impact as ``NpsAnalyzer.transform``
        on the whole survey puts in its ``themes`` table.
    """
    import dask
    from dask.distributed import get_client, wait

    if not hasattr(analyzer, "topic_model_"):
        from .errors import NotFittedError

        raise NotFittedError("NPS204: this NpsAnalyzer is not fitted yet; call fit first.")
    client = client or get_client()
    remote = client.scatter(analyzer, broadcast=True)
    score = dask.delayed(partition_counts, pure=False)
    futures = client.compute([score(remote, part, read_options, list(segments)) for part in ddf.to_delayed()])
    wait(futures)
    # pass 1: whole-survey sizes of theme rows (tiny) decide which rows are too small to show
    sizes = client.gather([client.submit(lambda p: p["sizes"], f) for f in futures])
    overall_parts = client.gather([client.submit(lambda p: p["overall"], f) for f in futures])
    n_rows = sum(client.gather([client.submit(lambda p: p["n_rows"], f) for f in futures]))
    total_sizes = pd.concat(sizes).groupby(level=[0, 1]).sum() if sizes else pd.Series(dtype=int)
    small = frozenset(k for k, v in total_sizes.items() if v < analyzer.min_respondents)
    # pass 2: per-partition counts after the merge, summed on the client (one small table per partition)
    counts = client.gather([client.submit(_item_counts, f, small) for f in futures])
    overall_counts = sum(overall_parts, pd.Series(0, index=list(_GROUPS)))
    info = analyzer.themes_
    labels = info.set_index(C.THEME_ID)[C.LABEL] if C.LABEL in info else None
    topics, overall = _topics_from(small, counts, overall_counts, labels)
    client.cancel(futures)
    return DistributedResult(themes=topics, overall=overall, n_rows=int(n_rows), n_partitions=len(futures),
                             meta={"small_rows_merged": sorted(small)})
