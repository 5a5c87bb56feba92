"""Split a comment into clauses where its polarity may change.

"быстро, но дорого" holds a driver (speed) and a barrier (price): topics and
polarity are decided per clause, and impact is counted per respondent.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..language._resources import SUPPORTED, all_values, resources

_SENTENCE = re.compile(r"(?<=[.!?…;])\s+|\n+|(?<=[.!?…])(?=[A-ZА-ЯІЇЄҐ])|\s+[-–—]\s+(?=\w)")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_MIN_CHARS = 2


@lru_cache(maxsize=None)
def _marker_pattern(lang: str) -> re.Pattern:
    langs = SUPPORTED if lang not in SUPPORTED else (lang,)
    markers = sorted({m for code in langs for m in resources(code).CONTRAST}, key=len, reverse=True)
    headers = sorted({h.rstrip(":") for code in SUPPORTED for h in resources(code).SECTION_HEADERS},
                     key=len, reverse=True)
    parts = []
    if headers:
        parts.append(rf"(?:{'|'.join(re.escape(h) for h in headers)})\s*:")
    if markers:
        parts.append(rf"(?:,\s*|\s+|^)(?:{'|'.join(re.escape(m) for m in markers)})(?![\w-])")
    return re.compile("|".join(parts) if parts else r"(?!x)x", re.IGNORECASE | re.UNICODE)


def _is_empty(clause: str, noise: set[str]) -> bool:
    words = re.findall(r"[^\W\d_]+", clause.lower())
    return not words or all(w in noise for w in words) or len(clause) < _MIN_CHARS


@lru_cache(maxsize=None)
def _noise_words() -> set[str]:
    noise = set()
    # a clause of only these words ("нет", "немає", "nothing" under a "Cons:" header) names no theme
    for value in all_values("CONTRAST") | all_values("FILLERS") | all_values("NEGATIONS"):
        noise.update(value.split())
    noise.update({"и", "і", "й", "та", "а", "and", "so", "и", "да", "ну", "вот", "от", "also", "i", "я"})
    return noise


def split_clauses(text: str, lang: str = "und") -> list[str]:
    """Clauses of one comment, in order; empty when no word names a theme ("ну ээ", "нет").

    >>> split_clauses("Быстро, но дорого", "ru")
    ['Быстро', 'дорого']
    """
    pieces = []
    for sentence in _SENTENCE.split(text):
        if sentence:
            pieces.extend(_marker_pattern(lang).split(sentence))
    noise = _noise_words()
    clauses = [p.strip(" ,;:.-–—!?…\"'()") for p in pieces if p]
    return [c for c in clauses if not _is_empty(c, noise)]
