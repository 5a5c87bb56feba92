"""Lemmas for topic keywords: one spaCy pipeline per language.

ru/uk use ``spacy.blank`` with the pymorphy3 lemmatizer, so "цены", "цену",
"ціни" become "цена"/"ціна"; bg has spaCy's tokenizer and stop words; en adds a
few suffix rules (spaCy's English lookup tables are a separate large package).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..language._resources import SUPPORTED, resources

_ALPHA = re.compile(r"^[^\W\d_][^\W\d_'’-]*$", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=None)
def pipeline(lang: str):
    """A cached spaCy pipeline for a supported language."""
    import spacy

    nlp = spacy.blank(lang)
    if lang in {"ru", "uk"}:
        nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
        nlp.initialize()
    return nlp


@lru_cache(maxsize=None)
def _morph(lang: str):
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer(lang=lang)


@lru_cache(maxsize=200_000)
def _noun_lemma(word: str, lang: str) -> str:
    """Without POS tags spaCy keeps ambiguous words as written ("ціни": ціна or цінити);
    survey themes are mostly nouns, so take a noun reading when there is one."""
    for parse in _morph(lang).parse(word):
        if parse.tag.POS == "NOUN":
            return parse.normal_form
    return word


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of ``lang`` plus the project's survey-specific ones."""
    if lang not in SUPPORTED:
        return frozenset()
    return frozenset(w.lower() for w in pipeline(lang).Defaults.stop_words) | frozenset(resources(lang).STOP_WORDS)


@lru_cache(maxsize=None)
def all_stop_words() -> frozenset[str]:
    """Stop words of every supported language: keywords of mixed topics must avoid them all."""
    out: set[str] = set()
    for lang in SUPPORTED:
        out |= stop_words(lang)
    return frozenset(out)


def _english_lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def _pick_lang(text: str, lang: str) -> str:
    if lang in SUPPORTED:
        return lang
    return "ru" if _CYRILLIC.search(text) else "en"


def lemmatize(texts: Sequence[str], langs: Sequence[str]) -> list[list[str]]:
    """Content lemmas per text (lower-case, letters only, stop words of all languages removed)."""
    stops = all_stop_words()
    out: list[list[str]] = [[] for _ in texts]
    by_lang: dict[str, list[int]] = {}
    for i, (text, lang) in enumerate(zip(texts, langs)):
        by_lang.setdefault(_pick_lang(text, lang), []).append(i)
    for lang, idx in by_lang.items():
        nlp = pipeline(lang)
        for i, doc in zip(idx, nlp.pipe((texts[i].lower() for i in idx), batch_size=256)):
            lemmas = []
            for tok in doc:
                word = tok.text
                if not _ALPHA.match(word) or len(word) < 2 or word in stops:
                    continue
                lemma = (tok.lemma_ or word).lower()
                if lang in {"ru", "uk"} and lemma == word:
                    lemma = _noun_lemma(word, lang)
                if lang == "en":
                    lemma = _english_lemma(lemma)
                elif lang == "ru":
                    lemma = lemma.replace("ё", "е")
                if lemma not in stops and len(lemma) > 1:
                    lemmas.append(lemma)
            out[i] = lemmas
    return out
