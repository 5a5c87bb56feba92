"""Tables as files: CSV and Excel, safe to open in a spreadsheet."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula ("=HYPERLINK(...)") with a quote."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_neutralize)
    # column names come from the survey too (segment columns)
    out.columns = [_neutralize(c) for c in out.columns]
    return out


def _neutralize(value):
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _for_file(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(4)
    return neutralize_formulas(out)


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    _for_file(df).to_csv(path, index=False, encoding="utf-8-sig")
    return path
