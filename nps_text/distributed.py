"""Score a survey too large for one machine's memory or time, with a fitted model.

Fitting (topics, polarity) happens once, on one machine, on a sample. Scoring is
per respondent (split, embed, assign a topic, call driver or barrier), so it runs
part by part -- on a Dask cluster's workers (``score_dask``) or chunk by chunk on one
machine (``score_file``: a file bigger than memory) -- and everything the report needs
from it is *additive*: per topic row, how many promoters / passives / detractors mention
it, and the same counts overall. Summing the parts' counts and turning the sums into NPS
and leave-out impact gives exactly the numbers one machine would compute on the whole
survey (tested in ``tests/test_dask.py``).

Two details keep it exact:

- theme rows with fewer than ``min_respondents`` respondents join the unassigned row
  (-1). Whether a row is small is a property of the whole survey, so parts are scored
  with that merge switched off, and it is applied after the counts of all parts are
  known. A respondent who mentions two rows that both turn out small is still one
  mentioner of the unassigned row: each part counts its respondents by the *set* of
  rows they mention (few distinct sets occur), not only per row;
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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _columns as C
from .impact import nps_from_counts, unassigned_label

__all__ = ["score_dask", "score_file", "partition_keys", "partition_counts", "combine_counts",
           "signature_sizes", "DistributedResult"]

OUTLIER = -1
UNASSIGNED_KIND = "mixed"  # the unassigned row holds every direction, as in NpsAnalyzer's themes table
_GROUPS = (C.PROMOTER, C.PASSIVE, C.DETRACTOR)
#: the columns of themes.csv that a chunked or distributed run can give, in that file's order (the rest:
#: intervals, key-driver statistics, keywords and languages, need the whole survey's rows)
THEMES_COLUMNS = [C.THEME_ID, C.LABEL, C.KIND, C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.SHARE_PROM,
                  C.SHARE_PASS, C.SHARE_DETR, C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT,
                  C.DEPARTMENT, C.EXAMPLES]


@dataclass
class DistributedResult:
    """What ``score_dask`` and ``score_file`` return.

    Attributes
    ----------
    themes : DataFrame
        One row per theme and direction (theme_id, kind), with ``themes.csv``'s columns in its order
        where counts give them (``THEMES_COLUMNS``: theme_id, label, kind, n_mentions, n_respondents,
        pct_respondents, share_*, nps_mentioners, nps_mentioners_moe, nps_without, impact,
        department, examples), then the counts promoters, passives, detractors; sorted by
        |impact|, the unassigned row (-1) last.
    overall : dict
        Counts and NPS of every respondent with a valid score (``nps_from_counts``).
    n_rows : int
        Responses read (all statuses).
    n_partitions : int
        Dask partitions or file chunks scored.
    meta : dict
        ``small_rows_merged``: theme rows (theme_id, kind) merged into the unassigned
        row; ``accounting``: rows read per (status, reason); ``segments``: respondents per
        (wave or segment column, value, group).
    """

    themes: pd.DataFrame
    overall: dict[str, float]
    n_rows: int
    n_partitions: int
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def nps(self) -> float:
        return float(self.overall["nps"])

    @property
    def summary(self) -> pd.DataFrame:
        """``summary.csv``: NPS overall, per wave and per segment value, as ``NpsAnalyzer`` writes it.

        A wave or segment column with a single value is left out, and rows of fewer than 30
        respondents are flagged, as in the single-machine summary.
        """
        from .impact._nps import SUMMARY_MIN_N, add_bands

        counts = self.meta.get("segments", {})
        rows = [{"segment": "overall", "value": "all", **self.overall}]
        columns = dict.fromkeys(col for col, _, _ in counts)
        for col in columns:
            values = sorted({v for c, v, _ in counts if c == col})
            if len(values) < 2:
                continue
            for v in values:
                rows.append({"segment": col, "value": v,
                             **nps_from_counts(*(counts.get((col, v, g), 0) for g in _GROUPS))})
        return add_bands(pd.DataFrame(rows), min_n=SUMMARY_MIN_N)

    @property
    def accounting(self) -> pd.DataFrame:
        """Rows read per status and reason (``accounting.csv``): every row of the input is in one."""
        acc = self.meta.get("accounting", {})
        return pd.DataFrame([{"status": s, "reason": r, "rows": n} for (s, r), n in sorted(acc.items())],
                            columns=["status", "reason", "rows"])

    def save(self, out_dir) -> dict[str, Path]:
        """Write themes.csv, summary.csv and accounting.csv into ``out_dir``, all or nothing."""
        from .report import write_tables

        return write_tables(out_dir, {"themes": self.themes, "summary": self.summary,
                                      "accounting": self.accounting})


# ----------------------------------------------------------------- per partition (runs on a worker)
def partition_keys(result, segments: Sequence[str] = ()) -> tuple[pd.DataFrame, pd.DataFrame, Counter, dict]:
    """The adapter: the only place that reads the pipeline's output tables.

    Returns ``(responses, mentions, accounting, examples)``: ``row, group, valid`` plus the
    wave and ``segments`` columns (missing values as "(blank)"); ``row, theme_id, kind`` (one
    line per mention; the unassigned row has kind "mixed"); rows per (status, reason); the
    part's example verbatims per (theme_id, kind).
    """
    r = result.responses
    responses = pd.DataFrame({"row": r[C.ROW].to_numpy(), "group": r[C.GROUP].to_numpy(),
                              "valid": (r[C.STATUS] != C.EXCLUDED).to_numpy()})
    for col in dict.fromkeys([C.WAVE, *segments]):
        if col in r.columns and col not in responses.columns:
            responses[col] = r[col].astype(object).where(r[col].notna(), "(blank)").astype(str).to_numpy()
    m = result.mentions
    topic = m[C.THEME_ID].to_numpy()
    kind = np.where(topic == OUTLIER, UNASSIGNED_KIND, m[C.KIND].astype(str).to_numpy())
    mentions = pd.DataFrame({"row": m[C.ROW].to_numpy(), "theme_id": topic, "kind": kind})
    acc = result.accounting
    accounting = Counter({(str(s), "" if pd.isna(why) else str(why)): int(n)
                          for s, why, n in zip(acc["status"], acc["reason"], acc["rows"])})
    th = result.themes
    examples = {} if C.EXAMPLES not in th else {
        (int(t), UNASSIGNED_KIND if int(t) == OUTLIER else str(k)): str(e)
        for t, k, e in zip(th[C.THEME_ID], th[C.KIND], th[C.EXAMPLES]) if isinstance(e, str) and e}
    return responses, mentions, accounting, examples


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
    return partition_keys(local.transform(part, segments), segments)


def partition_counts(analyzer, part: pd.DataFrame, read_options: dict | None = None,
                     segments: Sequence[str] = ()) -> dict:
    """Score one partition and return its additive counts (no row-level table: a few KB to send back)."""
    return summarise_partition(*_score(analyzer, part, read_options or {}, segments))


def summarise_partition(responses: pd.DataFrame, mentions: pd.DataFrame, accounting: Counter | None = None,
                        examples: dict | None = None) -> dict:
    """The additive counts of one part, from ``partition_keys``' tables.

    Respondents per group (``overall``), mentions per theme row (``n_mentions``),
    rows per (status, reason)
    (``accounting``), respondents per (column, value, group) for the wave and segment
    columns of ``responses`` (``segments``: the summary's NPS per segment is additive too),
    the part's example verbatims per theme row (``examples``, passed through) and ``signatures``: how many respondents of each group mention exactly this set of
    theme rows. The signatures keep the merge of small rows exact: a respondent who
    mentions two rows that both turn out small is one mentioner of the unassigned row, not
    two; few distinct sets occur, so they stay small.
    """
    valid = responses[responses["valid"]]
    overall = valid["group"].value_counts().reindex(list(_GROUPS), fill_value=0)
    by_segment: Counter = Counter()
    for col in responses.columns.difference(["row", "group", "valid"], sort=False):
        by_segment.update({(col, v, g): int(n) for (v, g), n in valid.groupby([col, "group"]).size().items()})
    n_mentions = mentions.groupby(["theme_id", "kind"]).size()
    who = (mentions[mentions["row"].isin(valid["row"])].drop_duplicates(["row", "theme_id", "kind"])
           .sort_values(["row", "theme_id", "kind"]))
    per_row: dict = {}
    for r, item in zip(who["row"].to_numpy(), zip(who["theme_id"].astype(int), who["kind"].astype(str))):
        per_row.setdefault(r, []).append(item)
    group = valid.set_index("row")["group"]
    signatures = Counter(zip(map(tuple, per_row.values()), group.reindex(list(per_row)).to_numpy()))
    return {"overall": overall, "n_mentions": n_mentions, "signatures": signatures,
            "segments": by_segment, "accounting": accounting or Counter(), "examples": examples or {},
            "n_rows": len(responses)}


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
    table, overall, _ = _combine(parts, min_respondents, labels)
    return table, overall


def _combine(parts: list[dict], min_respondents: int, labels: pd.Series | None
             ) -> tuple[pd.DataFrame, dict, frozenset]:
    """``combine_counts`` plus the theme rows merged into the unassigned row for being small."""
    overall_counts = sum((p["overall"] for p in parts), pd.Series(0, index=list(_GROUPS)))
    signatures = _sum(p["signatures"] for p in parts)
    small = frozenset(k for k, v in signature_sizes(signatures).items() if v < min_respondents)
    merge = {k: (OUTLIER, UNASSIGNED_KIND) for k in small}
    # distinct mentioners after the merge, per group: from each respondent's set of rows
    by_group: dict = {}
    for (items, group), n in signatures.items():
        for item in {merge.get(k, k) for k in items}:
            by_group.setdefault(item, dict.fromkeys(_GROUPS, 0))[group] += int(n)
    n_mentions = _sum([((merge.get(k, k), n) for p in parts for k, n in p["n_mentions"].items())])
    keys = sorted(set(by_group) | set(n_mentions))
    counts = pd.DataFrame([{"n_mentions": n_mentions.get(k, 0), **by_group.get(k, dict.fromkeys(_GROUPS, 0))}
                           for k in keys], index=pd.MultiIndex.from_tuples(keys) if keys else None,
                          columns=["n_mentions", *_GROUPS]).astype(np.int64)
    table, overall = _topics_from(counts, overall_counts, labels)
    return table, overall, small


def signature_sizes(signatures: Mapping) -> Counter:
    """Distinct respondents per theme row, from the counts of respondents per set of rows."""
    sizes: Counter = Counter()
    for (items, _group), n in signatures.items():
        for item in items:
            sizes[item] += int(n)
    return sizes


def _sum(parts) -> Counter:
    """Sum counts over partitions by key (each part: a mapping or (key, count) pairs)."""
    total: Counter = Counter()
    for part in parts:
        for k, v in (part.items() if isinstance(part, Mapping) else part):
            total[k] += int(v)
    return total


def _topics_from(total: pd.DataFrame, overall_counts: pd.Series, labels) -> tuple[pd.DataFrame, dict]:
    """The topic table from summed counts (index (theme_id, kind); n_mentions and one column per group)."""
    overall = nps_from_counts(*(int(overall_counts[g]) for g in _GROUPS))
    cols = [C.THEME_ID, C.KIND, C.LABEL, C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, "promoters", "passives",
            "detractors", C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR, C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE,
            C.NPS_WITHOUT, C.IMPACT]
    if total.empty:
        return pd.DataFrame(columns=cols), overall
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
        Segment columns: passed to ``transform`` and counted for the summary's NPS per
        segment value (raw partitions default to the columns ``read_survey`` detects).

    Returns
    -------
    DistributedResult
        ``themes`` holds the same counts, NPS and impact as ``NpsAnalyzer.transform``
        on the whole survey puts in its ``themes`` table; ``summary`` the same NPS
        overall, per wave and per segment value as its ``summary`` table.
    """
    import dask
    from dask.distributed import get_client

    _check_fitted(analyzer)
    client = client or get_client()
    remote = client.scatter(analyzer, broadcast=True)
    score = dask.delayed(partition_counts, pure=False)
    # each partition sends back only its counts (signatures included): the reduce is one small pass here
    parts = client.gather(client.compute([score(remote, part, read_options, list(segments))
                                          for part in ddf.to_delayed()]))
    return _result(analyzer, parts)


def score_file(analyzer, source: Any, *, chunksize: int = 100_000, progress: bool = True,
               **read_options) -> DistributedResult:
    """Score a survey file too big for memory on one machine, chunk by chunk, with a fitted model.

    ``read_survey`` holds the whole table (a 1 GB CSV of 6.6M short comments peaked at 8 GB);
    here the file is read ``chunksize`` rows at a time (``nps_text.ingest.iter_survey``), each
    chunk is scored and reduced to its counts, and only the counts are kept, so memory
    follows the chunk, not the file. The numbers equal ``analyzer.transform`` on the whole
    survey (the same reduce as ``score_dask``); row-level tables (mentions, call-backs) are
    not produced.

    Parameters
    ----------
    analyzer : NpsAnalyzer
        Fitted (``fit`` on a sample, or ``NpsAnalyzer.load``).
    source : path or DataFrame
        What ``read_survey`` reads: .csv/.tsv/.txt, .xlsx, .parquet, or a DataFrame.
    chunksize : int, default=100_000
        Rows per chunk: peak memory grows with it (see ``benchmarks/big_file.py``).
    progress : bool, default=True
        Print one line per chunk to stderr.
    **read_options
        ``score=``, ``comment=``, ``id=``, ``scale=``, ``segments=``, ... as for ``read_survey``;
        the summary has NPS per wave and per value of each segment column.

    Returns
    -------
    DistributedResult
        ``themes`` and ``overall`` as from ``score_dask``; ``meta["statuses"]``
        counts every row read by status (analysed / nps_only / excluded).
    """
    import sys
    import time

    from .ingest import iter_survey

    _check_fitted(analyzer)
    parts, t0, n = [], time.time(), 0
    for chunk, schema in iter_survey(source, chunksize=chunksize, **read_options):
        parts.append(partition_counts(analyzer, chunk, segments=schema.segments))
        n += len(chunk)
        if progress:
            print(f"nps-text: scored {n:,} rows in {len(parts)} chunks ({time.time() - t0:,.0f} s)",
                  file=sys.stderr, flush=True)
    return _result(analyzer, parts)


def _check_fitted(analyzer) -> None:
    if not hasattr(analyzer, "topic_model_"):
        from .errors import NotFittedError

        raise NotFittedError("NPS204: this NpsAnalyzer is not fitted yet; call fit first.")


def _result(analyzer, parts: list[dict]) -> DistributedResult:
    info = analyzer.themes_.set_index(C.THEME_ID)
    labels = None
    if C.LABEL in info:  # the unassigned row is named in the report language, as in a single run's themes.csv
        labels = pd.concat([info[C.LABEL], pd.Series({OUTLIER: unassigned_label(analyzer.label_lang_)})])
    topics, overall, small = _combine(parts, analyzer.min_respondents, labels)
    # as themes.csv of one run: the department from the model's taxonomy, examples from the first part that
    # has the row (each part's are the most representative of that part's mentions in the row's direction)
    topics[C.DEPARTMENT] = (topics[C.THEME_ID].map(info[C.DEPARTMENT]).fillna("") if C.DEPARTMENT in info
                            else "")
    examples: dict = {}
    for p in parts:
        for key, text in p.get("examples", {}).items():
            examples.setdefault(key, text)
    topics[C.EXAMPLES] = [examples.get((t, k), "") for t, k in zip(topics[C.THEME_ID], topics[C.KIND])]
    topics = topics[[*THEMES_COLUMNS, *[c for c in topics.columns if c not in THEMES_COLUMNS]]]
    accounting = _sum(p.get("accounting", {}) for p in parts)
    by_segment = _sum(p.get("segments", {}) for p in parts)
    return DistributedResult(themes=topics, overall=overall, n_rows=sum(p["n_rows"] for p in parts),
                             n_partitions=len(parts),
                             meta={"small_rows_merged": sorted(small), "accounting": dict(accounting),
                                   "segments": dict(by_segment)})
