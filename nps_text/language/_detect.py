"""Language identification tuned for survey replies.

lingua is good on sentences but weak on 1-3-word Cyrillic replies ("все добре"
is Ukrainian, "благодаря" Bulgarian), so short replies combine three signals:
lingua's confidences, letters and words that only one language has, and the
survey's own language mix measured on its longer comments (a prior).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import _columns as C
from .._distinct import first_seen
from ._resources import SUPPORTED, resources

UND, OTHER = "und", "other"
OTHER_MIN_CONFIDENCE = 0.5
# The slow 27-language model (~0.3 s to load per Latin-script language, so 3-8 s per process for all) checks
# only a longer reply whose first language in lingua's fast mode is not one of ours, and weighs only our
# languages and the CANDIDATE_TOP that mode ranks first (LanguageDetector._screen_out). On 6,491 sentences
# (6,440 English NPS comments and reviews, 51 in 20 other languages; benchmarks/language_wide_check.py) this
# changed two decisions against the full slow model over every text: "Service ok aber Preis zu hoch" is German
# now (it fell back to ours) and "Eating at Ottimo is like eating in Chef Salvatore Esposito's home." Italian
# (wrong). A 1,000-reply survey's language stage: 6.3 s -> 3.3 s (benchmarks/results/speed.md, seventh round)
CANDIDATE_TOP = 3
# A longer Latin reply at least ENGLISH_SHARE of whose words are known English words (the shipped word table's
# English lemmas and the English stop words, with regular endings removed) is English without the slow check:
# on the English texts of benchmarks/language_wide_check.py that reach it, 80% pass this screen (the slow check
# loads ~0.3 s of model per candidate language); of its 51 sentences in other languages none has a share above
# 0.58 ("Le service client est très lent et personne ne répond au téléphone.")
ENGLISH_SHARE = 0.8
# Latin-script languages told apart on longer replies (lingua knows them and spaCy has their stop words);
# each is reported as its ISO 639-1 code, so its clauses get that language's stop words and tokenizer
WIDE_LATIN = ("de", "fr", "es", "it", "pt", "nl", "pl", "ro", "cs", "sk", "sl", "hr", "hu", "tr", "sv", "da",
              "nb", "fi", "lt", "lv", "et", "ca", "id")
# other Cyrillic languages are considered only when the text has a letter ru/uk/bg lack: Serbian and
# Macedonian sentences are otherwise too easily confused with Bulgarian
WIDE_CYRILLIC = ("kk", "sr", "mk", "be")
_FOREIGN_CYRILLIC = set("әғқңөұүһјљњћђџѓќѕў")
# lingua can give a language 0.0 on two words ("щиро дякую" -> ru 0.97, uk 0.0); its confidences are
# floored so that a word only one language has (log-bonus per word) can still win
CONF_FLOOR = 0.02
WORD_BONUS = 4.0
LEXICAL_MAX_WORDS = 6
# exponent on the survey's language mix: 1 trusts it fully, 0 ignores it
PRIOR_WEIGHT = 1.0
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_UK_LETTERS = set("іїєґ")
_RU_LETTERS = set("ыэё")
_BG_HARD_SIGN = re.compile(r"[а-я]ъ[а-я]")


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x0400 <= o <= 0x04FF:
        return "cyrillic"
    if o < 0x0250 and ch.isalpha():
        return "latin"
    return "other"


def script_shares(text: str) -> dict[str, float]:
    letters = _LETTER.findall(text)
    if not letters:
        return {}
    counts = Counter(_script(ch) for ch in letters)
    return {k: v / len(letters) for k, v in counts.items()}


class LanguageDetector:
    """Detect ru / uk / bg / en, other languages lingua is sure of, ``other`` / ``und`` per text.

    Parameters
    ----------
    languages : sequence of str, default=("ru", "uk", "bg", "en")
        Languages to tell apart on every reply, short ones included. A reply of
        more than ``short_words`` words in one of ``WIDE_LATIN`` / ``WIDE_CYRILLIC``
        (nl, de, pl, kk, ...) that lingua gives at least 0.5 confidence is
        reported as that language's ISO 639-1 code; text in another script
        (Chinese, Georgian, ...) is ``other``.
    use_prior : bool, default=True
        Use the language mix of the survey's longer comments as a prior for
        short ones.
    short_words : int, default=3
        Replies with at most this many words count as short.
    cache : bool, str/Path or None, default=None
        Keep each distinct text's scores (what the prior does not change) on disk, so a
        re-run or the next wave scores only texts it has not seen: None = in
        ``$NPS_TEXT_CACHE`` (or ``~/.cache/nps-text/embeddings``) under ``prepared/``,
        off when ``NPS_TEXT_CACHE=off``; False = off; a path = that folder. The
        result is the same either way.
    """

    def __init__(self, languages: Sequence[str] = SUPPORTED, *, use_prior: bool = True, short_words: int = 3,
                 cache: bool | str | Path | None = None):
        self.languages = tuple(languages)
        self.use_prior = use_prior
        self.short_words = short_words
        self.cache = cache
        self._core = None
        self._screen = None

    # lingua detectors are built lazily and cached per process (lingua loads a language's models on first use)
    def _detectors(self):
        """(our languages' detector, the fast-mode screen over ours and the wide languages)."""
        if self._core is None:
            core = tuple(self.languages)
            extra = tuple(c for c in WIDE_LATIN + WIDE_CYRILLIC if c not in core)
            self._core = _lingua_detector(core)
            self._screen = _lingua_detector(core + extra, low_accuracy=True)
        return self._core, self._screen

    def _lexical(self, text: str) -> dict[str, float]:
        """Log-bonus per language from letters and words only that language has."""
        low = text.lower()
        bonus = dict.fromkeys(self.languages, 0.0)
        chars = set(low)
        if "uk" in bonus and chars & _UK_LETTERS:
            bonus["uk"] += 4.0
        if "ru" in bonus and chars & _RU_LETTERS:
            bonus["ru"] += 4.0
        if "bg" in bonus and _BG_HARD_SIGN.search(low):
            bonus["bg"] += 1.5
        for word in _WORDS.findall(low):
            for lang in self.languages:
                if word in resources(lang).DISTINCTIVE:
                    bonus[lang] += WORD_BONUS
        return bonus

    def detect(self, texts: Sequence[str]) -> pd.DataFrame:
        """Return a DataFrame (lang, lang_confidence), one row per text, same order.

        Each distinct text is detected once (a big survey repeats "всё хорошо" thousands
        of times); the survey's prior still counts every reply, so the result is the
        same as detecting row by row.
        """
        texts = ["" if t is None else str(t) for t in texts]
        distinct, inverse = first_seen(texts)
        out = self._detect_distinct(distinct, np.bincount(inverse, minlength=len(distinct)))
        return out.iloc[inverse].reset_index(drop=True)

    def _detect_distinct(self, texts: list[str], weights: np.ndarray) -> pd.DataFrame:
        """``detect`` on distinct texts; ``weights`` = how many replies each one stands for (the prior counts them)."""
        n = len(texts)
        lang = [UND] * n
        conf = np.zeros(n)
        scores: list[dict[str, float] | None] = [None] * n
        short = np.zeros(n, dtype=bool)
        for i, (code, value, vals, is_short) in enumerate(self._text_records(texts)):
            lang[i], conf[i], short[i] = code, value, is_short
            if vals is not None:
                scores[i] = dict(zip(self.languages, vals))
        long_ = [(s, w) for s, is_short, w in zip(scores, short, weights) if s is not None and not is_short]
        prior = self._prior([s for s, _ in long_], [w for _, w in long_])
        for i, s in enumerate(scores):
            if s is None:
                continue
            if short[i] and self.use_prior:
                s = {k: v + PRIOR_WEIGHT * math.log(prior[k]) for k, v in s.items()}
            m = max(s.values())
            z = {k: math.exp(v - m) for k, v in s.items()}
            total = sum(z.values())
            best = max(z, key=z.get)
            lang[i], conf[i] = best, z[best] / total
        self.prior_ = prior
        return pd.DataFrame({C.LANG: lang, C.LANG_CONF: np.round(conf, 3)})

    def _text_records(self, texts: list[str]) -> list[list]:
        """Per distinct text, what the survey's prior does not change: ``[lang, confidence, scores, short]``.

        ``scores`` (log-scores per language of ``languages``) is None for a text whose
        language is settled without them (no letters: ``und``; another script; a language
        lingua is sure of), and then ``lang`` / ``confidence`` are final. Each text's record
        depends on the text alone, so it is kept in the prepared-text cache
        (``cache``; a re-run of a 100k survey skipped ~20 s of lingua) and only new texts
        are scored (lingua's models are loaded only then).
        """
        from .._prepared_cache import PreparedCache, stage_namespace

        namespace = stage_namespace("language", ".".join(self.languages), f"s{self.short_words}")
        return PreparedCache(namespace, self.cache).get_or_compute(texts, self._score_texts)

    def _score_texts(self, texts: list[str]) -> list[list]:
        """``_text_records`` computed (no cache)."""
        n = len(texts)
        records: list[list] = [[UND, 0.0, None, False] for _ in range(n)]
        short = np.zeros(n, dtype=bool)
        latin = np.zeros(n, dtype=bool)
        cyr_latin = []
        for i, text in enumerate(texts):
            shares = script_shares(text)
            if not shares:
                continue
            if shares.get("other", 0.0) > 0.5:
                records[i][:2] = OTHER, shares["other"]
                continue
            cyr_latin.append(i)
            short[i] = records[i][3] = len(_WORDS.findall(text)) <= self.short_words
            latin[i] = shares.get("latin", 0.0) > 0.5
        if cyr_latin:
            core, _ = self._detectors()
            idx = cyr_latin
            core_vals = core.compute_language_confidence_values_in_parallel([texts[i] for i in idx])
            # other Latin-script languages (German, Polish, ...) are told apart on longer texts only;
            # other Cyrillic ones (Serbian, Macedonian) are too easily confused with Bulgarian
            long_idx = [i for i in idx if not short[i] and (latin[i] or set(texts[i].lower()) & _FOREIGN_CYRILLIC)]
            wide_top, wide_conf = {}, {}
            for i, vals in self._wide_values(texts, self._screen_out(texts, long_idx)):
                # another language wins only when lingua is clearly sure of it: on short plain
                # sentences ("the internet is fast") it may put German first by a small margin
                if vals and vals[0].value >= OTHER_MIN_CONFIDENCE:
                    wide_top[i] = vals[0].language
                    wide_conf[i] = vals[0].value
            for i, vals in zip(idx, core_vals):
                probs = {v.language.iso_code_639_1.name.lower(): v.value for v in vals}
                top = wide_top.get(i)
                if top is not None and top.iso_code_639_1.name.lower() not in self.languages:
                    # a language lingua is sure of (nl, de, kk, ...): reported as itself
                    records[i][:2] = top.iso_code_639_1.name.lower(), wide_conf[i]
                    continue
                # letters and words of one language decide short replies; on sentences lingua knows better
                n_words = len(_WORDS.findall(texts[i]))
                bonus = self._lexical(texts[i]) if n_words <= LEXICAL_MAX_WORDS else dict.fromkeys(self.languages, 0.0)
                records[i][2] = [math.log(max(probs.get(k, 0.0), CONF_FLOOR)) + bonus[k] for k in self.languages]
        for r in records:
            r[1], r[3] = float(r[1]), bool(r[3])
        return records

    def _screen_out(self, texts: list[str], idx: list[int]) -> dict[int, tuple[str, ...]]:
        """The texts of ``idx`` that may be another language, each with the languages to weigh it on.

        A text whose first language in the fast mode is one of ``languages`` is not
        checked further; the others keep the fast mode's first ``CANDIDATE_TOP``
        languages for ``_wide_values`` (see ``CANDIDATE_TOP`` for what this changed).
        """
        if not idx:
            return {}
        ours = set(self.languages)
        vals = self._screen.compute_language_confidence_values_in_parallel([texts[i] for i in idx])
        out = {}
        for i, v in zip(idx, vals):
            codes = [x.language.iso_code_639_1.name.lower() for x in v[:CANDIDATE_TOP]]
            if codes and codes[0] in ours:
                continue
            if "en" in ours and english_share(texts[i]) >= ENGLISH_SHARE:
                continue
            out[i] = tuple(codes)
        return out

    def _wide_values(self, texts: list[str], candidates: dict[int, tuple[str, ...]]):
        """(index, lingua's slow-mode confidences) per text, over our languages and the text's candidates.

        Texts with the same candidates share one detector, so only the slow models of
        languages some text may be in are ever loaded.
        """
        by_set: dict[tuple[str, ...], list[int]] = {}
        for i, cands in candidates.items():
            key = tuple(sorted(set(self.languages) | set(cands)))
            by_set.setdefault(key, []).append(i)
        for codes, idx in by_set.items():
            vals = _lingua_detector(codes).compute_language_confidence_values_in_parallel([texts[i] for i in idx])
            yield from zip(idx, vals)

    def _prior(self, long_scores: list[dict[str, float]], weights: Sequence[int] | None = None) -> dict[str, float]:
        """Language mix of confident long comments, smoothed so no language gets zero."""
        counts: Counter = Counter()
        for s, w in zip(long_scores, weights if weights is not None else [1] * len(long_scores)):
            counts[max(s, key=s.get)] += int(w)
        total = sum(counts.values())
        k = len(self.languages)
        alpha = 2.0
        return {lang: (counts.get(lang, 0) + alpha) / (total + alpha * k) for lang in self.languages}


def english_share(text: str) -> float:
    """Share of the text's words that are known English words (``ENGLISH_SHARE``); 0.0 without words.

    A hyphenated word counts when each part is known; regular endings (-s, -es, -ies, -ed, -ing,
    -ly, -er, -est, 's, n't) are removed to find a lemma.
    """
    words = _WORDS.findall(text)
    if not words:
        return 0.0
    known = _english_words()
    return sum(all(_known_english(part, known) for part in w.lower().replace("’", "'").split("-") if part)
               for w in words) / len(words)


_EN_ENDINGS = (("'s", ""), ("n't", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
               ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", ""))


def _known_english(word: str, known: frozenset[str]) -> bool:
    if word in known:
        return True
    return any(word.endswith(end) and len(word) - len(end) >= 2 and word[:-len(end)] + rep in known
               for end, rep in _EN_ENDINGS)


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """English words the package knows: the word table's English (Latin-script) entries and stop words."""
    from ..embed._table import TABLE_PATH
    from .en.stop_words import STOP_WORDS as EXTRA_EN

    words = set(_spacy_english_stop_words()) | set(EXTRA_EN)
    if TABLE_PATH.exists():
        with np.load(TABLE_PATH, allow_pickle=False) as z:
            entries = bytes(z["texts"]).decode("utf-8").split("\n")
        latin = re.compile(r"[a-z' -]+")
        for entry in entries:
            if latin.fullmatch(entry):
                words.update(entry.replace("-", " ").split())
    return frozenset(words)


def _spacy_english_stop_words() -> set[str]:
    """spaCy's English stop words, read from its word-list file without importing spaCy (~3 s with torch).

    The language stage runs before the text stage imports spaCy; a missing file falls back to the import.
    """
    import importlib.util

    spec = importlib.util.find_spec("spacy")
    path = Path(next(iter(spec.submodule_search_locations or []), "")) / "lang" / "en" / "stop_words.py" if spec else None
    if path is not None and path.is_file():
        file_spec = importlib.util.spec_from_file_location("_nps_text_spacy_en_stop_words", path)
        module = importlib.util.module_from_spec(file_spec)
        try:
            file_spec.loader.exec_module(module)
            return set(module.STOP_WORDS)
        except Exception:  # a later spaCy whose list imports the package: take the slow way
            pass
    from spacy.lang.en.stop_words import STOP_WORDS

    return set(STOP_WORDS)


@lru_cache(maxsize=64)
def _lingua_detector(codes: tuple[str, ...], low_accuracy: bool = False):
    """A lingua detector for these ISO 639-1 codes, built once per process and language set."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_languages(texts: Sequence[str], *, use_prior: bool = True) -> pd.DataFrame:
    """Convenience wrapper: ``LanguageDetector(use_prior=...).detect(texts)``."""
    return LanguageDetector(use_prior=use_prior).detect(texts)
