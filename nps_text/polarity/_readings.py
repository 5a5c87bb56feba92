"""What the text rules read of each clause, once per distinct clause, kept in the prepared-text cache.

Why: the lexical model, the short-clause rule and the clause patterns all read the clause's
words (pymorphy3 lemmas, negation attached) and a few dozen regular expressions. On a
30,000-respondent survey that was ~6 s of every re-run (41,000 distinct clauses: features
3 s, patterns 2.4 s), recomputed although the clauses were the ones of the run before. The
readings are pure functions of (clause, language), so they are kept like the clauses and
lemmas are (``_prepared_cache.py``, stage ``polarity``: its salt hashes the rules' source
files, the word lists and pymorphy3's version, so an edited list starts a fresh namespace).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._distinct import first_seen
from ._lexical import _lang_of, features, n_words
from ._patterns import pattern_kind


@dataclass(frozen=True)
class Readings:
    """Per text: ``features`` (``_lexical.features``), the language code they were read in (``_lang_of``),
    ``kinds`` (``_patterns.pattern_kind``) and ``n_words``."""

    features: list[list[str]]
    langs: list[str]
    kinds: np.ndarray
    n_words: np.ndarray


def _read(keys: list[str]) -> list[list]:
    out = []
    for key in keys:
        lang, _, text = key.partition("\x1f")
        code = _lang_of(text.lower(), lang)
        out.append([features(text, code), code, pattern_kind(text, lang), n_words(text)])
    return out


def read_clauses(texts: Sequence[str], langs: Sequence[str] | None = None) -> Readings:
    """The readings of ``texts`` (each distinct (text, language) read once; cached on disk, see module docstring).

    The cache folder is the one of the running analysis (``_prepared_cache.active_setting``).
    """
    from .._prepared_cache import PreparedCache, active_setting, stage_namespace

    langs = ["und"] * len(texts) if langs is None else list(langs)
    distinct, inverse = first_seen(f"{lang}\x1f{text}" for text, lang in zip(map(str, texts), map(str, langs)))
    values = PreparedCache(stage_namespace("polarity"), active_setting()).get_or_compute(distinct, _read)
    return Readings(features=[values[j][0] for j in inverse], langs=[values[j][1] for j in inverse],
                    kinds=np.array([values[j][2] for j in inverse], dtype=object),
                    n_words=np.array([values[j][3] for j in inverse], dtype=int))
