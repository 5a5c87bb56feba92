"""The result tables, built from responses + scored mentions by plain functions.

``pipeline.py`` only runs the stages; everything an analyst reads (themes,
sub-topics, examples, call-backs, accounting) is built here from two
tables: ``responses`` (one row per input row) and ``mentions`` (one row per
clause, with ``topic_id``, ``theme_id`` and ``kind``). Join key: ``row``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import _columns as C
from ..errors import NpsTextError
from ._impact import item_impact
from ._nps import nps_of

OUTLIER = -1
UNASSIGNED_LABEL = "(unassigned: too rare or unclear)"
# the unassigned row's label in the report language (label_lang), like every other label of the tables
UNASSIGNED_LABELS = {"en": UNASSIGNED_LABEL, "ru": "(без темы: слишком редко или неясно)",
                     "uk": "(без теми: надто рідко або неясно)", "bg": "(без тема: твърде рядко или неясно)"}


def unassigned_label(label_lang: str) -> str:
    """The unassigned row's label in ``label_lang`` (English for a language without one)."""
    return UNASSIGNED_LABELS.get(label_lang, UNASSIGNED_LABEL)

ITEM_COLUMNS = [C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR,
                C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT]
THEME_COLUMNS = [C.THEME_ID, C.LABEL, C.KIND, *ITEM_COLUMNS, C.SCORES_AGREE, C.N_TOPICS, C.KEYWORDS, C.DEPARTMENT,
                 C.LANGS, C.EXAMPLES]
TOPIC_COLUMNS = [C.TOPIC_ID, C.THEME_ID, C.LABEL, C.KIND, *ITEM_COLUMNS, C.SCORES_AGREE, C.KEYWORDS, C.LANGS,
                 C.EXAMPLES]


def valid_responses(responses: pd.DataFrame) -> pd.DataFrame:
    """Rows with a valid score: the ones every NPS figure counts."""
    return responses[responses[C.STATUS] != C.EXCLUDED]


def drop_small_rows(mentions: pd.DataFrame, key: str, min_respondents: int) -> pd.DataFrame:
    """Rows (``key`` x kind) with fewer respondents join the unassigned row instead of being shown."""
    sizes = mentions.groupby([key, C.KIND])[C.ROW].nunique()
    small = sizes[sizes < min_respondents].index
    hit = pd.MultiIndex.from_frame(mentions[[key, C.KIND]]).isin(small)
    out = mentions.copy()
    out.loc[hit, key] = OUTLIER
    return out


def item_table(mentions: pd.DataFrame, responses: pd.DataFrame, key: str, info: pd.DataFrame,
               X: np.ndarray | None = None, *, unassigned: str = UNASSIGNED_LABEL) -> pd.DataFrame:
    """One row per ``key`` (theme_id or topic_id) and direction, with NPS figures, label, keywords, examples.

    ``info`` is indexed by ``key`` and has label and keywords. Mentions of the
    unassigned id (-1) form one row of every direction. Rows are sorted by the
    size of their impact, the unassigned row last.
    """
    m = mentions.assign(**{C.KIND: np.where(mentions[key] == OUTLIER, "", mentions[C.KIND])})
    table = item_impact(m, responses, key=key)
    table[C.KIND] = table[C.KIND].replace("", "mixed")
    table[C.LABEL] = table[key].map(info[C.LABEL]).fillna(unassigned)
    table[C.KEYWORDS] = table[key].map(info[C.KEYWORDS]).fillna("")
    rows = _row_positions(mentions[key].to_numpy(), mentions[C.KIND].to_numpy(dtype=object), table[key], table[C.KIND])
    cells = _example_cells(mentions, responses)  # once, not per row: a 100k survey has hundreds of rows
    sure = _sure_of_kind(mentions)
    table[C.EXAMPLES] = [examples(mentions, responses, idx, X, cells=cells, sure=sure) for idx in rows]
    lang_codes, lang_values = pd.factorize(mentions[C.LANG])
    table[C.LANGS] = [_lang_mix(lang_codes, lang_values, idx) for idx in rows]
    overall = nps_of(valid_responses(responses)[C.GROUP])["nps"]
    agree = np.where(table[C.KIND] == C.BARRIER, table[C.NPS_MENTIONERS] < overall,
                     np.where(table[C.KIND] == C.DRIVER, table[C.NPS_MENTIONERS] > overall, True))
    table[C.SCORES_AGREE] = agree.astype(bool)
    order = np.where(table[key] == OUTLIER, 2, np.where(table[C.KIND] == C.NEUTRAL, 1, 0))
    table = (table.assign(_o=order, _a=table[C.IMPACT].abs()).sort_values(["_o", "_a"], ascending=[True, False])
             .drop(columns=["_o", "_a"]).reset_index(drop=True))
    return table


def theme_table(mentions: pd.DataFrame, responses: pd.DataFrame, themes: pd.DataFrame,
                X: np.ndarray | None = None, *, unassigned: str = UNASSIGNED_LABEL) -> pd.DataFrame:
    """``themes.csv``: one row per theme and direction (driver, barrier, and neutral mentions apart).

    A theme's mentioners are the union of its sub-topics' mentioners, so a
    respondent who names two faces of one problem counts once.
    """
    info = themes.set_index(C.THEME_ID)
    table = item_table(mentions, responses, C.THEME_ID, info, X, unassigned=unassigned)
    table[C.N_TOPICS] = table[C.THEME_ID].map(info[C.N_TOPICS]).fillna(0).astype(int)
    table[C.DEPARTMENT] = table[C.THEME_ID].map(info[C.DEPARTMENT]).fillna("") if C.DEPARTMENT in info else ""
    return table[THEME_COLUMNS]


def topic_table(mentions: pd.DataFrame, responses: pd.DataFrame, topics: pd.DataFrame,
                X: np.ndarray | None = None, *, unassigned: str = UNASSIGNED_LABEL) -> pd.DataFrame:
    """``topics.csv``: the sub-topics, one row per sub-topic and direction, with their ``theme_id``."""
    info = topics.set_index(C.TOPIC_ID)
    table = item_table(mentions, responses, C.TOPIC_ID, info, X, unassigned=unassigned)
    table[C.THEME_ID] = table[C.TOPIC_ID].map(info[C.THEME_ID]).fillna(OUTLIER).astype(int)
    return table[TOPIC_COLUMNS]


def _row_positions(keys: np.ndarray, kinds: np.ndarray, items, row_kinds) -> list[np.ndarray]:
    """Positions (ascending) of the mentions of each table row: ``item`` in ``kind``; every kind of -1.

    One grouping for all rows: a mask over every mention per row cost ~1 ms a row, and a 100k
    survey's tables have hundreds of rows.
    """
    groups = pd.DataFrame({"item": keys, "kind": kinds}).groupby(["item", "kind"], sort=False, dropna=False).indices
    empty = np.zeros(0, dtype=np.int64)
    outlier = np.sort(np.concatenate([v for (i, _), v in groups.items() if i == OUTLIER] or [empty]))
    return [outlier if item == OUTLIER else groups.get((item, kind), empty) for item, kind in zip(items, row_kinds)]


def _lang_mix(lang_codes: np.ndarray, lang_values, idx: np.ndarray) -> str:
    """"en 60%, uk 40%": the languages of the mentions at ``idx``, most common first (ties: first seen first)."""
    codes = lang_codes[idx]
    codes = codes[codes >= 0]  # no language: not counted, as value_counts drops NaN
    if not len(codes):
        return ""
    seen, first = np.unique(codes, return_index=True)
    counts = np.bincount(codes)[seen]
    order = np.lexsort((first, -counts))
    return ", ".join(f"{lang_values[seen[j]]} {counts[j] / len(codes):.0%}" for j in order)


#: a mention whose own kind has at least this probability is a clear example of its row's direction
SURE_EXAMPLE = 0.7


def _sure_of_kind(mentions: pd.DataFrame) -> np.ndarray | None:
    """Per mention: is the polarity model sure of the kind it was given (p of that kind >= SURE_EXAMPLE)?"""
    cols = {C.DRIVER: C.P_DRIVER, C.BARRIER: C.P_BARRIER, C.NEUTRAL: C.P_NEUTRAL}
    if C.KIND not in mentions or not set(cols.values()) <= set(mentions.columns):
        return None
    kind = mentions[C.KIND].to_numpy(dtype=object)
    p = np.zeros(len(mentions))
    for k, col in cols.items():
        hit = kind == k
        p[hit] = mentions[col].to_numpy(dtype=float)[hit]
    return p >= SURE_EXAMPLE


def _example_cells(mentions: pd.DataFrame, responses: pd.DataFrame) -> tuple:
    """(clauses, rows, langs, comment of row): plain arrays and a dict, read once (per-cell ``.iat`` and
    ``Series.get`` over a 100k survey's table rows cost ~3 s)."""
    comments = responses.set_index(C.ROW)[C.COMMENT]
    by_row = (dict(zip(comments.index, comments.to_numpy(dtype=object))) if comments.index.is_unique
              else {row: comments.get(row) for row in comments.index.unique()})
    return (mentions[C.CLAUSE].to_numpy(dtype=object), mentions[C.ROW].to_numpy(dtype=object),
            mentions[C.LANG].to_numpy(dtype=object), by_row)


def examples(mentions: pd.DataFrame, responses: pd.DataFrame, mask: np.ndarray, X: np.ndarray | None,
             k: int = 3, max_chars: int = 220, cells: tuple | None = None,
             sure: np.ndarray | None = None) -> str:
    """The k most representative mentions of a row, as full sentences, one per language where possible.

    Representative = closest to the row's mean embedding. A clause of fewer than
    three words ("Stop", "Need I go on") is a fragment: the whole comment stands
    in for it when short enough, else it is skipped while better ones exist. Mentions
    the polarity model is unsure of (``sure`` False) come after the clear ones: an
    example is read as proof of the row's direction. ``mask``: a boolean mask over
    ``mentions`` or the row's positions in ascending order.
    """
    mask = np.asarray(mask)
    idx = np.flatnonzero(mask) if mask.dtype == bool else mask
    if not len(idx):
        return ""
    if X is not None and len(X) == len(mentions):
        Xi = X[idx]
        centre = Xi.mean(axis=0)
        idx = idx[np.argsort(-(Xi @ centre), kind="stable")]
    clauses, row_of, lang_of, comment_of = _example_cells(mentions, responses) if cells is None else cells
    candidates = []
    for i in idx[:200]:
        clause, row, lang = clauses[i], row_of[i], lang_of[i]
        comment = str(comment_of.get(row, clause))
        text = comment if len(comment) <= max_chars else clause
        whole = len(str(text).split()) >= 3
        candidates.append((not whole, sure is not None and not sure[i], str(text).strip(), lang))
    candidates.sort(key=lambda c: c[:2])  # clear full sentences first, keeping representativeness order within
    out, seen, langs = [], set(), set()
    for pass_no in (0, 1):  # first one per language, then fill up
        for _fragment, _unsure, text, lang in candidates:
            if len(out) == k:
                break
            if text.lower() in seen or (pass_no == 0 and lang in langs):
                continue
            seen.add(text.lower())
            langs.add(lang)
            out.append(text)
    return " | ".join(out)


def annotate_responses(responses: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Add n_clauses and the themes each respondent named ("label (kind); ...")."""
    out = responses.copy()
    tag = (mentions[C.THEME_LABEL].astype(str) + " ("
           + mentions[C.KIND].where(mentions[C.THEME_ID] != OUTLIER, "?").astype(str) + ")")
    joined = _join_distinct(mentions[C.ROW], tag)
    counts = mentions.groupby(C.ROW).size()
    out[C.N_CLAUSES] = out[C.ROW].map(counts).fillna(0).astype(int)
    out[C.TOPICS] = out[C.ROW].map(joined).fillna("")
    return out


def _join_distinct(keys: pd.Series, values: pd.Series) -> pd.Series:
    """Per key (sorted), its distinct values in order of appearance joined by "; ".

    What ``values.groupby(keys).agg(lambda s: "; ".join(dict.fromkeys(s)))`` gives, without a
    pandas Series per group (100k respondents: ~2 s each for the responses and the call-backs).
    """
    if not len(values) or keys.isna().any():
        return values.groupby(keys).agg(lambda s: "; ".join(dict.fromkeys(s)))
    seen: dict = {}
    for k, v in zip(keys.tolist(), values.tolist()):
        d = seen.get(k)
        if d is None:
            d = seen[k] = {}
        d[v] = None
    order = sorted(seen)
    return pd.Series(["; ".join(seen[k]) for k in order], index=order)


def callbacks(responses: pd.DataFrame, mentions: pd.DataFrame, segments: list[str]) -> pd.DataFrame:
    """Detractors with a valid score, lowest scores first, with the barrier themes they named."""
    det = responses[(responses[C.GROUP] == C.DETRACTOR) & (responses[C.STATUS] != C.EXCLUDED)]
    barriers = mentions[(mentions[C.KIND] == C.BARRIER) & (mentions[C.THEME_ID] != OUTLIER)]
    named = _join_distinct(barriers[C.ROW], barriers[C.THEME_LABEL])
    cols = [C.RESPONDENT, C.ROW, C.SCORE, C.WAVE, C.COMMENT] + [s for s in segments if s in det.columns]
    out = det[[c for c in dict.fromkeys(cols) if c in det.columns]].copy()
    out["barriers"] = out[C.ROW].map(named).fillna("")
    return out.sort_values([C.SCORE, C.ROW]).reset_index(drop=True)


def accounting(responses: pd.DataFrame) -> pd.DataFrame:
    """Rows by status and reason; checks that they add up to the input rows."""
    known = responses[C.STATUS].isin([C.ANALYSED, C.NPS_ONLY, C.EXCLUDED])
    if not known.all():
        bad = responses.loc[~known, C.ROW].head(5).tolist()
        raise NpsTextError(f"NPS300: row accounting failed: rows {bad} have no known status.")
    acc = (responses.groupby([C.STATUS, C.REASON], dropna=False).size().rename("rows").reset_index()
           .rename(columns={C.STATUS: "status", C.REASON: "reason"}))
    order = {C.ANALYSED: 0, C.NPS_ONLY: 1, C.EXCLUDED: 2}
    return acc.sort_values(["status", "rows"], key=lambda s: s.map(order) if s.name == "status" else -s,
                           ).reset_index(drop=True)


def build_tables(responses: pd.DataFrame, mentions: pd.DataFrame, X: np.ndarray | None, *, topics: pd.DataFrame,
                 themes: pd.DataFrame, segments: list[str], min_respondents: int = 3, n_boot: int = 1000,
                 random_state: int = 42, label_lang: str = "en"):
    """Every result table from scored mentions (theme_id, topic_id, kind per clause) and the responses.

    ``topics`` / ``themes`` are the fitted models' descriptions (labels,
    keywords, theme of each sub-topic, department, owner, KPI). Statistics:
    bootstrap intervals and key drivers per theme row (``theme_statistics``),
    segment gaps, NPS per wave with the change between the last two waves
    decomposed into themes.
    """
    from .._result import AnalysisResult
    from ._indicators import build_indicators
    from ._keydrivers import theme_statistics
    from ._nps import SUMMARY_MIN_N, nps_summary
    from ._priorities import department_priorities

    m = mentions.copy()
    # theme rows too small to show join the unassigned row; a sub-topic too small joins its theme's "other"
    m = drop_small_rows(m, C.THEME_ID, min_respondents)
    m.loc[m[C.THEME_ID] == OUTLIER, C.TOPIC_ID] = OUTLIER
    m = drop_small_rows(m, C.TOPIC_ID, min_respondents)
    unassigned = unassigned_label(label_lang)
    m[C.THEME_LABEL] = m[C.THEME_ID].map(themes.set_index(C.THEME_ID)[C.LABEL]).fillna(unassigned)
    m[C.LABEL] = m[C.TOPIC_ID].map(topics.set_index(C.TOPIC_ID)[C.LABEL]).fillna(unassigned)
    theme_rows = theme_table(m, responses, themes, X, unassigned=unassigned)
    topic_rows = topic_table(m, responses, topics, X, unassigned=unassigned)
    stats_cols = [C.IMPACT_LOW, C.IMPACT_HIGH, C.SIGNIFICANT, C.KEY_DRIVER, C.KEY_DRIVER_LOW, C.KEY_DRIVER_HIGH]
    for table, key in ((theme_rows, C.THEME_ID), (topic_rows, C.TOPIC_ID)):
        ind = build_indicators(responses, m, item=key)
        if len(ind.items):
            st = theme_statistics(ind, n_boot=n_boot if key == C.THEME_ID else min(n_boot, 300), seed=random_state)
            merged = table[[key, C.KIND]].merge(st[[key, C.KIND, *stats_cols]], on=[key, C.KIND], how="left")
            for col in stats_cols:
                table[col] = merged[col].to_numpy()
        else:
            for col in stats_cols:
                table[col] = np.nan
        table[C.SIGNIFICANT] = table[C.SIGNIFICANT].eq(True)  # NaN (no statistics) -> False
    owners = themes[[c for c in (C.THEME_ID, C.DEPARTMENT, C.OWNER, C.KPI) if c in themes.columns]]
    prio = department_priorities(theme_rows, owners, responses=responses, min_respondents=10)
    responses = annotate_responses(responses, m)
    by = [c for c in [C.WAVE] + list(segments) if c in responses.columns and responses[c].nunique() > 1]
    mention_cols = [C.RESPONDENT, C.ROW, C.CLAUSE_NO, C.CLAUSE, C.LANG, C.TOPIC_ID, C.THEME_ID, C.LABEL,
                    C.THEME_LABEL, C.KIND, C.P_DRIVER, C.P_BARRIER, C.P_NEUTRAL]
    result = AnalysisResult(
        responses=responses, mentions=m[mention_cols], summary=nps_summary(responses, by=by, min_n=SUMMARY_MIN_N),
        themes=theme_rows, topics=topic_rows, priorities=prio, trends=pd.DataFrame(),
        callbacks=callbacks(responses, m, segments), accounting=accounting(responses), meta={"n_rows": len(responses)},
    )
    add_segment_and_wave_tables(result, m, themes, segments)
    return result


def add_segment_and_wave_tables(result, mentions: pd.DataFrame, themes: pd.DataFrame, segments: list[str]) -> None:
    """segments / segment_themes, and with two or more waves: waves, theme_waves (= trends), change."""
    from ._segments import gap_contributions, segment_table
    from ._waves import emerging_themes, wave_change, wave_table, wave_themes

    responses = result.responses
    labels = themes[[C.THEME_ID, C.LABEL]]
    segs = [s for s in segments if s in responses.columns and responses[s].nunique() > 1]
    if segs:
        result.segments = segment_table(responses, mentions, segs, labels=labels)
        contrib = gap_contributions(responses, mentions, segs, labels=labels)
        sig = result.segments.set_index([C.SEGMENT, C.VALUE])[C.P_VALUE] < 0.05
        contrib = contrib[contrib[C.THEME_ID] != OUTLIER] if C.THEME_ID in contrib else contrib
        contrib["contribution"] = contrib[C.TOTAL]
        contrib[C.SIGNIFICANT] = [bool(sig.get((s, str(v)), False)) for s, v in zip(contrib[C.SEGMENT],
                                                                                  contrib[C.VALUE])]
        result.segment_themes = contrib.reset_index(drop=True)
    valid = valid_responses(responses)
    waves = [w for w in _ordered_waves(valid[C.WAVE]) if w != "all"]
    if len(waves) >= 2:
        result.waves = wave_table(valid, order=waves)
        tw = wave_themes(valid, mentions, order=waves, labels=labels)
        em = emerging_themes(valid, mentions, order=waves, labels=labels)
        keys = [c for c in (C.THEME_ID, C.KIND, C.WAVE) if c in tw.columns and c in em.columns]
        extra = [c for c in em.columns if c not in tw.columns]
        result.theme_waves = tw.merge(em[keys + extra], on=keys, how="left") if keys else tw
        result.trends = result.theme_waves
        result.change = wave_change(valid, mentions, waves[-2], waves[-1], labels=labels)
        result.meta["change_waves"] = [waves[-2], waves[-1]]


def _ordered_waves(values: pd.Series) -> list:
    """Waves in time order: by their first date when dates exist, else by name."""
    return sorted(values.dropna().unique().tolist(), key=str)
