"""The mentions skeleton: one row per clause of every analysed comment."""
from __future__ import annotations

import pandas as pd

from .. import _columns as C
from ._clauses import split_clauses
from ._normalize import normalize

MENTION_COLUMNS = [C.ROW, C.RESPONDENT, C.CLAUSE_NO, C.CLAUSE, C.LANG]


def clause_table(responses: pd.DataFrame) -> pd.DataFrame:
    """Normalise and split every analysed comment into clauses ("fast, but expensive" -> two rows).

    ``responses`` needs row, respondent_id, comment, lang and status; only
    ``analysed`` rows are split. Rows whose comment leaves no clause (only
    fillers, a bare "no") get no mention: the caller decides their status.
    """
    rows = []
    analysed = responses[responses[C.STATUS] == C.ANALYSED]
    split: dict[tuple, list[str]] = {}  # each distinct (comment, language) is normalised and split once
    for row, rid, comment, lang in zip(analysed[C.ROW], analysed[C.RESPONDENT], analysed[C.COMMENT],
                                       analysed[C.LANG]):
        key = (comment, lang)
        clauses = split.get(key)
        if clauses is None:
            clauses = split[key] = split_clauses(normalize(comment, lang), lang)
        for j, clause in enumerate(clauses):
            rows.append((row, rid, j, clause, lang))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)
