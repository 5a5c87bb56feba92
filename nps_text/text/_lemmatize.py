"""Lemmas for topic keywords: one spaCy pipeline per language.

ru/uk use ``spacy.blank`` with the pymorphy3 lemmatizer, so "цены", "цену",
"ціни" become "цена"/"ціна"; bg has spaCy's tokenizer and stop words; en adds a
few suffix rules (spaCy's English lookup tables are a separate large package).
Any other language spaCy knows (nl, de, pl, ...) gets spaCy's tokenizer, lower
case and spaCy's stop words of that language: no lemmas, but no stop words either.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .._distinct import first_seen
from ..language._resources import SUPPORTED, resources

# a letter, then letters, apostrophes or hyphens: "зв'язок", "wi-fi" (the apostrophe is a letter in Ukrainian)
_ALPHA = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-])*$", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=None)
def pipeline(lang: str):
    """A cached spaCy pipeline for a language (spaCy's multi-language tokenizer when it has none)."""
    import spacy

    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError):  # spaCy raises ImportError for a language code it does not know
        nlp = spacy.blank("xx")
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
    """Stop words of ``lang``: for ru/uk/bg/en spaCy's plus the project's survey-specific ones.

    For any other language code spaCy's ``spacy.lang.<code>.stop_words.STOP_WORDS``
    (nl, de, pl, ro, fr, es, it, ...), imported only when asked for; a code spaCy
    has no stop words for ("kk", "other", "und") gives an empty set. The lists are
    kept in the prepared-text cache (``$NPS_TEXT_CACHE``), so a re-run whose clauses
    are cached does not import spaCy (~3 s) just to read them.
    """
    if not re.fullmatch(r"[a-z]{2,3}", str(lang)):
        return frozenset()
    from .._prepared_cache import PreparedCache, active_setting, stage_namespace

    store = PreparedCache(stage_namespace("stopwords"), active_setting())
    return frozenset(store.get_or_compute([lang], lambda langs: [sorted(_stop_words(langs[0]))])[0])


def _stop_words(lang: str) -> frozenset[str]:
    """``stop_words`` computed (no cache; ``lang`` already looks like a language code)."""
    import importlib

    # the module spaCy's language defaults read, not the pipeline: building a ru/uk pipeline loads
    # pymorphy3's dictionaries (~1 s each), needless when a survey has no text in that language
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except ImportError:
        module = None
    spacy_words = frozenset(w.lower() for w in getattr(module, "STOP_WORDS", ()))
    return spacy_words | frozenset(resources(lang).STOP_WORDS) if lang in SUPPORTED else spacy_words


@lru_cache(maxsize=None)
def all_stop_words() -> frozenset[str]:
    """Stop words of every supported language: keywords of mixed topics must avoid them all."""
    out: set[str] = set()
    for lang in SUPPORTED:
        out |= stop_words(lang)
    return frozenset(out)


def _english_lemma(word: str) -> str:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def _pick_lang(text: str, lang: str) -> str:
    if lang in SUPPORTED or stop_words(lang):  # a language with stop words of its own (nl, de, ...)
        return lang
    return "ru" if _CYRILLIC.search(text) else "en"


def _runs(doc, lang: str, stops: frozenset[str], words: bool = False) -> list[list]:
    """Lemmas of one spaCy doc in runs: a stop word, number or punctuation mark ends a run."""
    runs: list[list] = [[]]
    for tok in doc:
        word = tok.text
        lemma = None
        if _ALPHA.match(word) and len(word) >= 2 and word not in stops:
            lemma = (tok.lemma_ or word).lower()
            if lang in {"ru", "uk"} and lemma == word:
                lemma = _noun_lemma(word, lang)
            if lang == "en":
                lemma = _english_lemma(lemma)
            elif lang == "ru":
                lemma = lemma.replace("ё", "е")
            if lemma in stops or len(lemma) <= 1:
                lemma = None
        if lemma is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((lemma, word) if words else lemma)
    return [r for r in runs if r]


def _docs(nlp, texts):
    """``nlp.pipe(texts)`` with the pymorphy lemmatizer asked once per distinct word.

    spaCy's pymorphy lemmatizer keeps no cache and, in a blank pipeline (no POS
    tags), its lemma depends on the word alone; parsing took most of the text
    stage on Ukrainian and Russian comments.
    """
    if nlp.pipe_names != ["lemmatizer"]:
        yield from nlp.pipe(texts, batch_size=256)
        return
    lemmatize_token = nlp.get_pipe("lemmatizer").lemmatize
    cache: dict[str, str] = {}
    for doc in nlp.tokenizer.pipe(texts, batch_size=256):
        for tok in doc:
            lemma = cache.get(tok.text)
            if lemma is None:
                lemma = cache[tok.text] = lemmatize_token(tok)[0]
            tok.lemma_ = lemma
        yield doc


def lemma_runs(texts: Sequence[str], langs: Sequence[str], *, words: bool = False) -> list[list[list]]:
    """Content lemmas per text, split where a stop word, number or punctuation mark stood.

    ``lemmatize`` is these runs flattened. Phrases for labels are n-grams inside
    one run, so "price of the plan, too high" gives "price" and "plan", never
    the non-phrase "plan high" that the flat lemma string would suggest. With
    ``words=True`` each item is a ``(lemma, word as written, lower case)`` pair,
    so a label can show "швидкість інтернету" rather than the lemmas "швидкість інтернет".

    >>> lemma_runs(["the price of the plan, too high"], ["en"])
    [[['price'], ['plan'], ['high']]]
    """
    common = all_stop_words()
    # each distinct (text, language) is parsed once: a big survey repeats its short clauses many times
    distinct, inverse = first_seen((str(text).lower(), _pick_lang(str(text), str(lang)))
                                   for text, lang in zip(texts, langs))
    done: list[list[list]] = [[] for _ in distinct]
    by_lang: dict[str, list[tuple[int, str]]] = {}
    for j, (low, lang) in enumerate(distinct):
        by_lang.setdefault(lang, []).append((j, low))
    for lang, items in by_lang.items():
        nlp = pipeline(lang)
        stops = common if lang in SUPPORTED else common | stop_words(lang)
        for (j, _), doc in zip(items, _docs(nlp, (low for _, low in items))):
            done[j] = _runs(doc, lang, stops, words)
    # copies, so a caller that edits one text's runs does not change its repeats
    return [[list(run) for run in done[j]] for j in inverse]


def lemmatize(texts: Sequence[str], langs: Sequence[str]) -> list[list[str]]:
    """Content lemmas per text (lower-case, letters only, stop words of all languages removed).

    Text in a language other than ru/uk/bg/en that spaCy has stop words for also
    loses that language's stop words ("niet", "dat", "bij" in Dutch).
    """
    return [[lemma for run in runs for lemma in run] for runs in lemma_runs(texts, langs)]
