"""Find the survey's columns and give every row a status.

Validation happens once, here: later stages trust what comes out. Row problems
(a bad score, a duplicate id) become per-row statuses so nothing disappears;
problems that make the whole file unusable raise ``SurveyValidationError``.
"""
from __future__ import annotations

import difflib
import math
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import _columns as C
from ..errors import NpsTextWarning, SurveyValidationError
from ._aliases import ROLE_ALIASES, SEGMENT_ALIASES, normalise_name

MAX_COMMENT_CHARS = 5000
NA_TOKENS = {"", "na", "n/a", "nan", "none", "null", "-", "--", "—", "#n/a", "нет данных", "н/д"}

# scale -> (min, max, promoter threshold, passive threshold); score >= promoter -> promoter, >= passive -> passive
SCALES: dict[str, tuple[int, int, int, int]] = {
    "0-10": (0, 10, 9, 7),
    "1-10": (1, 10, 9, 7),
    "1-5": (1, 5, 5, 4),
    "1-7": (1, 7, 7, 6),
}


@dataclass
class SurveySchema:
    """Which input column plays which role. ``None`` means absent."""

    score: str
    comment: str | None
    id: str | None = None
    date: str | None = None
    wave: str | None = None
    segments: list[str] = field(default_factory=list)
    scale: str = "0-10"


def find_column(columns: list[Any], role: str) -> str | None:
    """Return the column whose name is an alias of ``role`` (exact alias, then prefix match)."""
    names = {normalise_name(c): c for c in columns}
    aliases = [normalise_name(a) for a in ROLE_ALIASES[role]]
    hits = [names[a] for a in aliases if a in names]
    if hits:
        return hits[0]
    for a in aliases:
        if len(a) < 4:
            continue
        partial = [c for n, c in names.items() if n.startswith(a + " ") or n.endswith(" " + a)]
        if len(partial) == 1:
            return partial[0]
    return None


def _ambiguous(columns: list[Any], role: str) -> list[Any]:
    names = [(normalise_name(c), c) for c in columns]
    aliases = {normalise_name(a) for a in ROLE_ALIASES[role]}
    return [c for n, c in names if n in aliases]


def _where(source: str | None) -> str:
    """'survey.csv: ' for messages about a file; nothing for a DataFrame."""
    return f"{source}: " if source and source != "DataFrame" else ""


def _missing(role: str, columns: list[Any], flag: str, source: str | None = None,
             taken: set | None = None) -> SurveyValidationError:
    # never suggest a column already playing another role (score for comment: NPS103 would follow)
    free = [str(c) for c in columns if c not in (taken or set())]
    guesses = difflib.get_close_matches(role, free, n=1, cutoff=0.5)
    hint = f" Did you mean {guesses[0]!r}?" if guesses else ""
    shown = ", ".join(repr(str(c)) for c in columns[:20])
    return SurveyValidationError(
        f"NPS101: {_where(source)}no {role} column found among: {shown}.{hint} Name it with {flag}."
    )


def resolve_schema(
    df: pd.DataFrame,
    *,
    score: str | None = None,
    comment: str | None = None,
    id: str | None = None,
    date: str | None = None,
    wave: str | None = None,
    segments: list[str] | None = None,
    scale: str = "0-10",
    source: str | None = None,
) -> SurveySchema:
    """Detect columns by name (en/ru/uk/bg) unless given; given names must exist.

    ``source`` (a file name) is named in error messages.
    """
    columns = list(df.columns)
    at = _where(source)
    if len(columns) == 0:
        raise SurveyValidationError(f"NPS106: {at}the survey has no columns.")
    if scale not in SCALES:
        raise SurveyValidationError(f"NPS109: unknown scale {scale!r}; use one of {', '.join(SCALES)}.")
    given = {"score": score, "comment": comment, "id": id, "date": date, "wave": wave}
    flags = {"score": "--score-col", "comment": "--text-col", "id": "--id-col", "date": "--date-col",
             "wave": "--wave-col"}
    found: dict[str, str | None] = {}
    for role, name in given.items():
        if name is not None:
            if name not in columns:
                close = difflib.get_close_matches(str(name), [str(c) for c in columns], n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise SurveyValidationError(
                    f"NPS101: {at}column {name!r} given for {role} is not in the file. "
                    f"Columns: {', '.join(repr(str(c)) for c in columns[:20])}.{hint}"
                )
            found[role] = name
            continue
        if role in ("score", "comment"):
            cands = _ambiguous(columns, role)
            if len(cands) > 1:
                raise SurveyValidationError(
                    f"NPS103: {at}several columns could be the {role}: "
                    f"{', '.join(repr(str(c)) for c in cands)}. Pick one with {flags[role]}."
                )
        found[role] = find_column(columns, role)
    if found["score"] is None:
        raise _missing("score", columns, "--score-col", source, {v for v in found.values() if v is not None})
    if found["comment"] is None:
        raise _missing("comment", columns, "--text-col", source, {v for v in found.values() if v is not None})
    if found["score"] == found["comment"]:
        raise SurveyValidationError(f"NPS103: {at}the same column {found['score']!r} cannot be score and comment.")
    used = {v for v in found.values() if v is not None}
    if segments is None:
        seg_aliases = {normalise_name(a) for a in SEGMENT_ALIASES}
        segments = [c for c in columns if c not in used and normalise_name(c) in seg_aliases]
    else:
        for s in segments:
            if s not in columns:
                raise SurveyValidationError(f"NPS101: {at}segment column {s!r} is not in the file.")
    return SurveySchema(
        score=found["score"], comment=found["comment"], id=found["id"], date=found["date"],
        wave=found["wave"], segments=[str(s) for s in segments], scale=scale,
    )


def _is_na(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in NA_TOKENS


_FRACTION = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*/\s*(\d+)\s*$")


def parse_score(value: Any, scale: str = "0-10") -> tuple[int | None, str]:
    """Return (score, '') or (None, reason). Accepts '9', '9.0', ' 9 ', '9/10' on a 0-10 scale."""
    lo, hi, _, _ = SCALES[scale]
    if _is_na(value):
        return None, "no score"
    if isinstance(value, (bool, np.bool_)):
        return None, f"score is not a number: {value!r}"
    if isinstance(value, (int, np.integer)):
        number = float(value)
    elif isinstance(value, (float, np.floating)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".") if not _FRACTION.match(str(value)) else str(value)
        frac = _FRACTION.match(text)
        if frac:
            if int(frac.group(2)) != hi:
                return None, f"score {text!r} is on another scale than {scale}"
            text = frac.group(1).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            shown = text if len(text) <= 20 else text[:20] + "..."
            return None, f"score is not a number: {shown!r}"
    if math.isnan(number) or math.isinf(number):
        return None, "no score"
    if number != int(number):
        return None, f"score is not a whole number: {number:g}"
    number_i = int(number)
    if not lo <= number_i <= hi:
        return None, f"score out of range {scale}: {number_i}"
    return number_i, ""


def to_group(score: int, scale: str = "0-10") -> str:
    """Promoter / passive / detractor for a valid score on ``scale``."""
    _, _, prom, pas = SCALES[scale]
    if score >= prom:
        return C.PROMOTER
    if score >= pas:
        return C.PASSIVE
    return C.DETRACTOR


def to_0_10(score: int, scale: str) -> float:
    """Linear map to 0-10, for charts and averages only: groups come from ``to_group``."""
    lo, hi, _, _ = SCALES[scale]
    return round((score - lo) * 10.0 / (hi - lo), 2)


_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def _comment_status(value: Any) -> tuple[str, str, str]:
    """(clean comment, status, reason) for one comment cell."""
    if _is_na(value) and not (isinstance(value, str) and value.strip().lower() not in {"", "nan", "none", "null"}):
        return "", C.NPS_ONLY, "empty comment"
    text = str(value).replace("\x00", "").strip()
    if not text:
        return "", C.NPS_ONLY, "empty comment"
    if text.lower() in NA_TOKENS:
        return text, C.NPS_ONLY, "empty comment"
    no_urls = re.sub(r"\S+://\S+|www\.\S+", " ", text)
    if not _WORD.search(no_urls):
        return text, C.NPS_ONLY, "no words to analyse (only symbols, emoji, numbers or links)"
    if len(text) > MAX_COMMENT_CHARS:
        return text[:MAX_COMMENT_CHARS], C.ANALYSED, f"comment truncated to {MAX_COMMENT_CHARS} characters"
    return text, C.ANALYSED, ""


def _to_naive(values: pd.Series, *, dayfirst: bool) -> pd.Series:
    """Parse to naive datetimes; times with a zone (...Z, +02:00) are converted to UTC first."""
    if pd.api.types.is_datetime64_any_dtype(values) or isinstance(values.dtype, pd.DatetimeTZDtype):
        parsed = pd.to_datetime(values, errors="coerce", utc=True)
    else:
        parsed = pd.to_datetime(values.astype(object), errors="coerce", format="mixed", dayfirst=dayfirst, utc=True)
    return parsed.dt.tz_localize(None)


def _parse_dates(values: pd.Series) -> tuple[pd.Series, int]:
    """Parse dates written in mixed formats; returns (dates, number unparseable)."""
    text = values.map(lambda v: "" if _is_na(v) else str(v).strip())
    # year first (2026-03-01, 2026/03/01, 2026.03.01) is never day first; the rest is read day first
    year_first = text.str.match(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
    iso = _to_naive(text.where(year_first), dayfirst=False)
    rest = _to_naive(text.where(iso.isna() & (text != "")), dayfirst=True)
    out = iso.fillna(rest)
    if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(values):
        out = _to_naive(values, dayfirst=False)
    bad = int(((text != "") & out.isna()).sum())
    return out, bad


def build_responses(df: pd.DataFrame, schema: SurveySchema, *, source: str = "input") -> pd.DataFrame:
    """One row per input row with score, group, comment, status and reason.

    Statuses: ``analysed`` (score and text), ``nps_only`` (score, no usable text:
    counts for NPS, not topics), ``excluded`` (no valid score or a duplicate).
    """
    if len(df) == 0:
        raise SurveyValidationError(f"NPS106: {source} has a header but no rows.")
    n = len(df)
    out = pd.DataFrame({C.ROW: np.arange(1, n + 1)})
    ids = df[schema.id] if schema.id else pd.Series([None] * n)
    out[C.RESPONDENT] = [f"row-{i + 1}" if _is_na(v) else str(v).strip() for i, v in enumerate(ids)]
    parsed = [parse_score(v, schema.scale) for v in df[schema.score].tolist()]
    out[C.SCORE] = pd.array([p[0] for p in parsed], dtype="Int64")
    out[C.SCORE10] = [to_0_10(p[0], schema.scale) if p[0] is not None else np.nan for p in parsed]
    out[C.GROUP] = [to_group(p[0], schema.scale) if p[0] is not None else None for p in parsed]
    comments = [_comment_status(v) for v in df[schema.comment].tolist()]
    out[C.COMMENT] = [c[0] for c in comments]
    status = [c[1] for c in comments]
    reason = [c[2] for c in comments]
    for i, (value, why) in enumerate(parsed):
        if value is None:
            status[i], reason[i] = C.EXCLUDED, why
    if schema.date:
        out[C.DATE], bad_dates = _parse_dates(df[schema.date].reset_index(drop=True))
        if bad_dates:
            warnings.warn(f"NPS110: {bad_dates} dates in column {schema.date!r} could not be read; "
                          "those rows keep their other data.", NpsTextWarning, stacklevel=2)
    else:
        out[C.DATE] = pd.NaT
    if schema.wave:
        out[C.WAVE] = [None if _is_na(v) else str(v).strip() for v in df[schema.wave].tolist()]
    elif schema.date and out[C.DATE].notna().any():
        periods = out[C.DATE].dt.to_period("Q").astype(str)
        out[C.WAVE] = periods.where(out[C.DATE].notna(), None)
    else:
        out[C.WAVE] = None
    out[C.WAVE] = out[C.WAVE].fillna("all") if out[C.WAVE].notna().any() else "all"
    # duplicates: same respondent in the same wave -> keep the first answer with a valid score
    # (an earlier row excluded for its score must not cost the respondent a later valid answer)
    key = out[C.RESPONDENT] + "\x1f" + out[C.WAVE].astype(str)
    first_row: dict[str, int] = {}
    for i, k in enumerate(key):
        if ids.iloc[i] is None or _is_na(ids.iloc[i]) or status[i] == C.EXCLUDED:
            continue
        if k in first_row:
            status[i], reason[i] = C.EXCLUDED, f"duplicate respondent id (first at row {first_row[k]})"
        else:
            first_row[k] = i + 1
    out[C.STATUS] = status
    out[C.REASON] = reason
    for seg in schema.segments:
        out[seg] = [None if _is_na(v) else str(v).strip() for v in df[seg].tolist()]
    _warn_scale(out, schema)
    return out


def _warn_scale(out: pd.DataFrame, schema: SurveySchema) -> None:
    valid = out[C.SCORE].dropna()
    if schema.scale == "0-10" and len(valid) >= 30 and valid.max() <= 5 and valid.min() >= 1:
        warnings.warn("NPS111: every score is between 1 and 5; if this is a star rating, use --scale 1-5.",
                      NpsTextWarning, stacklevel=3)
