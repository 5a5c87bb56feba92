"""Small helpers shared by the report modules: escaping, numbers, anchors, safe JSON."""
from __future__ import annotations

import html
import json
import math
import re

import pandas as pd


def esc(value) -> str:
    """HTML-escape anything (None and NaN become an empty string)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value), quote=True)


def fnum(value) -> float | None:
    """``value`` as a float, or None when missing or not a number."""
    if value is None or isinstance(value, str):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def num(value, fmt: str = "{:.1f}") -> str:
    """A number formatted and escaped; empty when missing. Minus signs are typographic (U+2212)."""
    v = fnum(value)
    return "" if v is None else esc(fmt.format(v).replace("-", "\u2212"))


def is_true(value) -> bool:
    """True for True/1/'true'/'yes'; False for anything else, including missing."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    v = fnum(value) if not isinstance(value, bool) else float(value)
    return bool(v)


def anchor(theme_id, kind) -> str:
    """A stable id for a theme's drill-down section (only [A-Za-z0-9_-], whatever the id holds)."""
    tid = "" if theme_id is None or (isinstance(theme_id, float) and math.isnan(theme_id)) else str(theme_id)
    if isinstance(theme_id, float) and theme_id.is_integer():
        tid = str(int(theme_id))
    return "theme-" + re.sub(r"[^A-Za-z0-9_-]", "_", f"{tid}-{kind or ''}")


def safe_json(data) -> str:
    """JSON for a <script> block: '<', '>', '&' and U+2028/2029 escaped so no text can close the tag."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def table_or_empty(result, name: str) -> pd.DataFrame:
    """``result.<name>`` as a DataFrame; an empty one when the attribute is missing or None."""
    df = getattr(result, name, None)
    return df if isinstance(df, pd.DataFrame) else pd.DataFrame()
