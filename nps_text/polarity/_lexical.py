"""A lexical view of polarity: a linear model over lemma uni- and bigrams, negation attached.

Why: a 4-bit e5-small sentence vector blurs single strong words ("appalling", "жахливо",
"дорого") and flips on negation ("недорого", "not bad"); a bag of lemmas does not. The model
is trained offline next to the embedding head (``benchmarks/train_polarity.py``) and ships as a
vocabulary + weights (``nps_text/models/polarity_head.json`` / ``.npz``); at run time it needs
only the clause text. A clause with no known feature (a language it has no vocabulary for,
e.g. Bulgarian) gets a log-odds of exactly 0, so the combined model falls back to the head.

Features (``features``): lower-case word lemmas (pymorphy3 for ru/uk, a few suffix rules for
en, the word itself otherwise); a negation word ("не", "not", "без", "didn't") is fused to the
next word ("не_дорогой") and kept on its own; adjacent pairs are added as bigrams ("appalling
service" -> "appalling", "service", "appalling service"); "!" is a feature.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..language._resources import SUPPORTED, all_values

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|!", re.UNICODE)
_UK_LETTERS = re.compile(r"[іїєґ]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
NEG = "NOT_"


@lru_cache(maxsize=None)
def negations() -> frozenset[str]:
    return frozenset(w.lower().replace("’", "'") for w in all_values("NEGATIONS"))


@lru_cache(maxsize=None)
def _morph(lang: str):
    try:
        from pymorphy3 import MorphAnalyzer

        return MorphAnalyzer(lang=lang)
    except Exception:  # pragma: no cover - pymorphy3 or its dictionaries missing: words as written
        return None


@lru_cache(maxsize=300_000)
def _lemma(word: str, lang: str) -> str:
    if lang in ("ru", "uk"):
        morph = _morph(lang)
        if morph is not None:
            return morph.parse(word)[0].normal_form.replace("ё", "е")
        return word
    if lang == "en":
        from ..text._lemmatize import _english_lemma  # the topic stage's lemmas, so both read a word alike

        return _english_lemma(word)
    return word


def _lang_of(text: str, lang: str) -> str:
    if lang in SUPPORTED:
        return lang
    if _CYRILLIC.search(text):
        return "uk" if _UK_LETTERS.search(text) else "ru"
    return "en"


def features(text: str, lang: str = "und") -> list[str]:
    """The lexical features of one text (see the module docstring)."""
    text = str(text).lower().replace("ё", "е").replace("’", "'")
    lang = _lang_of(text, str(lang))
    negs = negations()
    toks: list[str] = []
    pending = False
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word == "!":
            toks.append("!")
            pending = False
            continue
        if word in negs or word.endswith("n't"):
            toks.append(word)
            pending = True
            continue
        lemma = _lemma(word, lang)
        toks.append(NEG + lemma if pending else lemma)
        pending = False
    feats = [t for t in toks if t != "!"]
    out = list(toks) + [f"{a} {b}" for a, b in zip(feats, feats[1:])]
    return out


def n_words(text: str) -> int:
    """Words in ``text`` (what "short" means for the lexical weight)."""
    return sum(1 for m in _WORD.finditer(str(text)) if m.group(0) != "!")


def featurize(texts: Sequence[str], langs: Sequence[str] | None, vocab: dict[str, int],
              feats: Sequence[Sequence[str]] | None = None):
    """Binary (n, len(vocab)) CSR matrix of the features of ``texts`` found in ``vocab``.

    ``feats``: the texts' ``features`` when the caller has them (``_readings.read_clauses``).
    """
    from scipy.sparse import csr_matrix

    langs = ["und"] * len(texts) if langs is None else list(langs)
    if feats is None:
        feats = [features(text, lang) for text, lang in zip(texts, langs)]
    indptr, indices = [0], []
    for fs in feats:
        cols = sorted({vocab[f] for f in fs if f in vocab})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                      shape=(len(texts), len(vocab)))


class LexicalModel:
    """Vocabulary + one linear score per column: ``decision(texts, langs) -> (n, k)``.

    Unknown features weigh nothing, and the intercept is added only to a text with at least
    one known feature: a text the model knows no word of (another language, "see above" in
    a language without a vocabulary) scores exactly 0, i.e. the lexical view has no opinion.
    """

    def __init__(self, vocab: Sequence[str], coef: np.ndarray, intercept: np.ndarray | None = None) -> None:
        self.vocab = list(vocab)
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.coef = np.asarray(coef, dtype=np.float64)
        if self.coef.ndim == 1:
            self.coef = self.coef[:, None]
        if self.coef.shape[0] != len(self.vocab):
            raise ValueError(f"coef has {self.coef.shape[0]} rows for {len(self.vocab)} features")
        self.intercept = np.zeros(self.coef.shape[1]) if intercept is None else np.asarray(intercept, float).ravel()

    def decision(self, texts: Sequence[str] | None, langs: Sequence[str] | None = None, n: int | None = None,
                 feats: Sequence[Sequence[str]] | None = None):
        if texts is None:
            return np.zeros((n or 0, self.coef.shape[1]))
        F = featurize(list(texts), langs, self.index, feats)
        known = (np.diff(F.indptr) > 0)[:, None]
        return np.asarray(F @ self.coef) + known * self.intercept


@lru_cache(maxsize=None)
def _polar_lemmas(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(positive, negative) evaluative words of ``language/<lang>/polar_words.py``, as written and lemmatised."""
    import importlib

    try:
        mod = importlib.import_module(f"nps_text.language.{lang}.polar_words")
    except ImportError:
        return frozenset(), frozenset()

    def both(words) -> frozenset[str]:
        words = {w.lower().replace("ё", "е") for w in words}
        return frozenset(words | {_lemma(w, lang) for w in words})

    return both(mod.POSITIVE_WORDS), both(mod.NEGATIVE_WORDS)


def polar_evidence(text: str, lang: str = "und") -> tuple[int, int]:
    """(sign, hits): the sign of (praise words - complaint words) of ``text`` and how many evaluative words it holds.

    A negated word counts reversed ("не дорого", "no hidden fees" are praise). ``hits`` = 0 means the
    clause holds no word of ``language/<lang>/polar_words.py`` at all: no evaluative evidence, which
    for a reply of a few words ("see above", "why not", "0") is what a neutral one looks like.
    """
    lang = _lang_of(str(text).lower(), str(lang))
    return evidence_of(features(text, lang), lang)


def evidence_of(feats: Sequence[str], lang: str) -> tuple[int, int]:
    """``polar_evidence`` from a text's ``features`` read in language code ``lang`` (``_lang_of``)."""
    pos, neg = _polar_lemmas(lang)
    total = hits = 0
    for f in feats:
        if " " in f or f == "!":
            continue
        negated = f.startswith(NEG)
        word = f[len(NEG):] if negated else f
        s = (word in pos) - (word in neg)
        hits += s != 0
        total += -s if negated else s
    return int(np.sign(total)), int(hits)


def polar_sign(text: str, lang: str = "und") -> int:
    """+1, -1 or 0: the sign of (praise words - complaint words) of ``text``, a negated word counted reversed.

    Why: the single strongest evaluative word of a short clause ("Appalling service") is what a
    small sentence embedding blurs most; the hand-written lists of ``language/<lang>/polar_words.py``
    read it without any training data, so their weight can be chosen on a gold set the lexical
    model never saw. Only the sign is kept: one strong word counts as much as three.
    """
    return polar_evidence(text, lang)[0]
