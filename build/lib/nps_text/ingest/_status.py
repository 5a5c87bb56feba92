"""Row statuses: the vocabulary, the reasons and the only allowed transition, in one place.

Ingest decides every status when it reads the file (``comment_status``, ``build_responses``).
One decision needs the comment's language, known only after stage 2: whether anything names a
theme once fillers and a bare "no"/"nothing" are taken away. ``has_theme_words`` answers that
with the same normalisation and clause split the text stage uses, and ``mark_nps_only`` is the
one way to move a row from ``analysed`` to ``nps_only`` afterwards.
"""
from __future__ import annotations

import math
import re
from typing import Any, Iterable

import pandas as pd

from .. import _columns as C
from ..errors import NpsTextError

STATUSES = (C.ANALYSED, C.NPS_ONLY, C.EXCLUDED)

MAX_COMMENT_CHARS = 5000
NA_TOKENS = {"", "na", "n/a", "nan", "none", "null", "-", "--", "—", "#n/a", "нет данных", "н/д"}

# status_reason texts (exact; docs/input-and-errors.md lists them and tests pin them)
EMPTY_COMMENT = "empty comment"
NO_WORDS = "no words to analyse (only symbols, emoji, numbers or links)"
NO_THEME_WORDS = "no theme words left (only fillers or a bare no/nothing)"
TRUNCATED = f"comment truncated to {MAX_COMMENT_CHARS} characters"
NO_SCORE = "no score"
DUPLICATE = "duplicate respondent id (first at row {row})"

# the transitions allowed after ingest: (from, to) -> reasons that may be given
TRANSITIONS: dict[tuple[str, str], tuple[str, ...]] = {(C.ANALYSED, C.NPS_ONLY): (NO_THEME_WORDS,)}

_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def is_na(value: Any) -> bool:
    """True for a missing cell: None, NaN, NaT or an NA token such as 'n/a'."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in NA_TOKENS


def comment_status(value: Any) -> tuple[str, str, str]:
    """(clean comment, status, reason) for one comment cell, as read from the file."""
    if is_na(value) and not (isinstance(value, str) and value.strip().lower() not in {"", "nan", "none", "null"}):
        return "", C.NPS_ONLY, EMPTY_COMMENT
    text = str(value).replace("\x00", "").strip()
    if not text:
        return "", C.NPS_ONLY, EMPTY_COMMENT
    if text.lower() in NA_TOKENS:
        return text, C.NPS_ONLY, EMPTY_COMMENT
    no_urls = re.sub(r"\S+://\S+|www\.\S+", " ", text)
    if not _WORD.search(no_urls):
        return text, C.NPS_ONLY, NO_WORDS
    if len(text) > MAX_COMMENT_CHARS:
        return text[:MAX_COMMENT_CHARS], C.ANALYSED, TRUNCATED
    return text, C.ANALYSED, ""


def has_theme_words(comment: str, lang: str = "und") -> bool:
    """True when the comment keeps at least one clause after normalisation (stages 3-4).

    False for comments of only fillers or a bare no/nothing ("ну ээ короче", "нет", "nothing"):
    such a row counts for NPS but has nothing to analyse, so it becomes ``nps_only`` with reason
    ``NO_THEME_WORDS``. ``lang`` is the detected language ("und" tries every language's fillers).

    >>> has_theme_words("ну ээ короче", "ru"), has_theme_words("быстро, но дорого", "ru")
    (False, True)
    """
    from ..text import normalize, split_clauses  # stage 3-4 resources; no import cycle (text never imports ingest)

    return bool(split_clauses(normalize(comment, lang), lang))


def mark_nps_only(responses: pd.DataFrame, keys: Iterable[Any], reason: str = NO_THEME_WORDS) -> pd.DataFrame:
    """Move rows (index labels ``keys``) from ``analysed`` to ``nps_only``, in place; returns ``responses``.

    The only status change allowed after ingest. A row that is not ``analysed``, or a reason
    outside ``TRANSITIONS``, is a bug in the caller and raises ``NpsTextError`` (NPS304).
    """
    keys = pd.Index(list(keys))
    if reason not in TRANSITIONS[(C.ANALYSED, C.NPS_ONLY)]:
        raise NpsTextError(f"NPS304: {reason!r} is not a reason for analysed -> nps_only; "
                           f"use one of {TRANSITIONS[(C.ANALYSED, C.NPS_ONLY)]}.")
    if len(keys) == 0:
        return responses
    current = responses.loc[keys, C.STATUS]
    wrong = current[current != C.ANALYSED]
    if len(wrong):
        rows = responses.loc[wrong.index, C.ROW].tolist()[:10]
        raise NpsTextError(f"NPS304: only analysed rows can become nps_only; rows {rows} are "
                           f"{sorted(set(wrong))}.")
    responses.loc[keys, C.STATUS] = C.NPS_ONLY
    responses.loc[keys, C.REASON] = reason
    return responses


def mark_no_theme_words(responses: pd.DataFrame, *, lang_column: str = C.LANG) -> pd.Index:
    """Mark every analysed row whose comment has no theme words as ``nps_only``, in place.

    Needs the language column (stage 2). Returns the index labels that changed, so the caller
    can leave them out of the clause table.
    """
    analysed = responses.index[responses[C.STATUS] == C.ANALYSED]
    langs = responses[lang_column] if lang_column in responses else pd.Series("und", index=responses.index)
    empty = [k for k in analysed if not has_theme_words(responses.at[k, C.COMMENT], _lang(langs.get(k)))]
    mark_nps_only(responses, empty, NO_THEME_WORDS)
    return pd.Index(empty)


def _lang(value: Any) -> str:
    return value if isinstance(value, str) and value else "und"
