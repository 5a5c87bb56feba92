"""Clean comment text for analysis while keeping what the respondent meant.

The display text stays as written (masked for PII); the analysis text drops
links, emoji and spoken fillers, folds repetitions ("звонил звонил") and
whitespace, because they only add noise to embeddings and keywords.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..language._resources import SUPPORTED, resources

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MASK = re.compile(r"\[(?:phone|email|card|url)\]")
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\U00002600-\U000027BF\U0001F900-\U0001F9FF\u200d\ufe0f\u2190-\u21ff\u2B00-\u2BFF]+"
)
_SPACE = re.compile(r"\s+")
_REPEAT_PUNCT = re.compile(r"([!?.,])\1+")
_REPEAT_WORD = re.compile(r"\b(\w+)(?:[\s,]+\1\b)+", re.IGNORECASE | re.UNICODE)
_NO_PUNCT_MIN_WORDS = 8


@lru_cache(maxsize=None)
def _filler_pattern(lang: str) -> re.Pattern | None:
    langs = SUPPORTED if lang not in SUPPORTED else (lang,)
    fillers = sorted({f for code in langs for f in resources(code).FILLERS}, key=len, reverse=True)
    if not fillers:
        return None
    alternatives = "|".join(re.escape(f) for f in fillers)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])[,]?", re.IGNORECASE | re.UNICODE)


def looks_like_transcript(text: str) -> bool:
    """Long, unpunctuated, lower-case text: what speech-to-text of a phone call looks like."""
    words = text.split()
    return len(words) >= _NO_PUNCT_MIN_WORDS and not re.search(r"[.!?;,]", text) and text == text.lower()


def normalize(text: str, lang: str = "und") -> str:
    """Analysis text: no links/emoji/fillers/repeats, single spaces, original case kept.

    >>> normalize("ну ээ интернет интернет пропадает   каждый вечер 😡", "ru")
    'интернет пропадает каждый вечер'
    """
    text = _URL.sub(" ", text)
    text = _MASK.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    text = text.replace("ё", "е").replace("Ё", "Е") if lang == "ru" else text
    text = _REPEAT_PUNCT.sub(r"\1", text)
    pattern = _filler_pattern(lang)
    if pattern is not None:
        text = pattern.sub(" ", text)
    text = _REPEAT_WORD.sub(r"\1", text)
    text = _SPACE.sub(" ", text).strip(" ,;-")
    return text


def for_embedding(clause: str) -> str:
    """The clause as the embedder should see it: shouting ("ЖАХЛИВО!!!", "APPALLING SERVICE") lower-cased.

    The bundled model reads all-caps words as rare tokens and loses their meaning
    (measured: "Appalling service" P(driver) 0.91 as written, barrier 0.79 lower-cased);
    ordinary capitals (names, "I", first letters) are left alone.
    """
    letters = [ch for ch in clause if ch.isalpha()]
    if len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters):
        return clause.lower()
    return clause
