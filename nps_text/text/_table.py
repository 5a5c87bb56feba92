"""The mentions skeleton: one row per clause of every analysed comment."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import _columns as C
from .._distinct import first_seen
from ._clauses import split_clauses
from ._lemmatize import lemmatize
from ._normalize import normalize

MENTION_COLUMNS = [C.ROW, C.RESPONDENT, C.CLAUSE_NO, C.CLAUSE, C.LANG]


def clause_table(responses: pd.DataFrame) -> pd.DataFrame:
    """Normalise and split every analysed comment into clauses ("fast, but expensive" -> two rows).

    ``responses`` needs row, respondent_id, comment, lang and status; only
    ``analysed`` rows are split. Rows whose comment leaves no clause (only
    fillers, a bare "no") get no mention: the caller decides their status.
    """
    analysed = responses[responses[C.STATUS] == C.ANALYSED]
    # each distinct (comment, language) is normalised and split once
    distinct, inverse = first_seen(zip(analysed[C.COMMENT], analysed[C.LANG]))
    split = [split_clauses(normalize(comment, lang), lang) for comment, lang in distinct]
    return _expand(analysed, inverse, split)


def mention_table(responses: pd.DataFrame, *, cache: bool | str | Path | None = None) -> pd.DataFrame:
    """``clause_table`` plus each clause's content lemmas joined by spaces (column ``lemmas``).

    The same table as ``clause_table`` followed by ``lemmatize`` of every clause in
    its comment's language; each distinct (comment, language) is prepared once, and
    its clauses and lemmas are kept in the prepared-text cache (``cache``: None = in
    ``$NPS_TEXT_CACHE`` under ``prepared/``, off when ``NPS_TEXT_CACHE=off``; False =
    off; a path = that folder), so re-running a survey or scoring the next wave
    splits and lemmatises only comments it has not seen (a 100k re-run spent ~20 s here).
    """
    from .._prepared_cache import PreparedCache, stage_namespace

    analysed = responses[responses[C.STATUS] == C.ANALYSED]
    distinct, inverse = first_seen(zip(analysed[C.COMMENT], analysed[C.LANG]))
    keyable = all(isinstance(c, str) and isinstance(g, str) for c, g in distinct)
    if keyable:
        store = PreparedCache(stage_namespace("clauses"), cache)
        # the language is part of the key: "\x1f" (unit separator) never occurs in a language code
        prepared = store.get_or_compute([f"{g}\x1f{c}" for c, g in distinct],
                                        lambda keys: _prepare([tuple(k.split("\x1f", 1)[::-1]) for k in keys]))
    else:  # a comment or language that is not a string (never from read_survey): no cache
        prepared = _prepare(distinct)
    mentions = _expand(analysed, inverse, [[clause for clause, _ in p] for p in prepared])
    mentions[C.LEMMAS] = [lem for k in inverse for _, lem in prepared[k]]  # the rows' order, as _expand
    return mentions


def _expand(analysed: pd.DataFrame, inverse, clauses: list[list[str]]) -> pd.DataFrame:
    """The mentions of every analysed row from its distinct comment's clauses (``inverse``: row -> distinct)."""
    rows = []
    for row, rid, lang, k in zip(analysed[C.ROW], analysed[C.RESPONDENT], analysed[C.LANG], inverse):
        for j, clause in enumerate(clauses[k]):
            rows.append((row, rid, j, clause, lang))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def _prepare(items: list[tuple]) -> list[list[list[str]]]:
    """``[[clause, lemmas], ...]`` of each (comment, language): split, then every clause lemmatised at once."""
    split = [split_clauses(normalize(comment, lang), lang) for comment, lang in items]
    clauses = [c for cs in split for c in cs]
    clause_langs = [lang for (_, lang), cs in zip(items, split) for _ in cs]
    flat = iter(" ".join(x) for x in lemmatize(clauses, clause_langs))
    return [[[c, next(flat)] for c in cs] for cs in split]
