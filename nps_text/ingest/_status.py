"""Row statuses after text processing: still decided in the ingest stage's vocabulary."""
from __future__ import annotations

import pandas as pd

from .. import _columns as C

NO_THEME_WORDS = "no theme words left (only fillers or a bare no/nothing)"


def mark_no_text(responses: pd.DataFrame, rows_with_text: set) -> pd.DataFrame:
    """Analysed rows whose comment left no clause to analyse count for NPS only (``nps_only``)."""
    out = responses.copy()
    empty = (out[C.STATUS] == C.ANALYSED) & ~out[C.ROW].isin(rows_with_text)
    out.loc[empty, C.STATUS] = C.NPS_ONLY
    out.loc[empty, C.REASON] = NO_THEME_WORDS
    return out
