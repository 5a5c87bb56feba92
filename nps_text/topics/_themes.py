"""Themes: the short list an analyst acts on, each holding sub-topics.

Sub-topics (``TopicModel``) are fine-grained on purpose: "waited a week",
"engineer appointment" and "still not connected" are different clusters of
clauses. A department head needs them as one theme ("installation delays")
whose impact counts each respondent once. ``ThemeModel`` groups sub-topics by
average-link agglomerative clustering, cut at a similarity; the number of
themes follows from the data and is capped by ``max_themes``.

What two sub-topics share is measured two ways and averaged:

- their centroids (cosine, in the neutralized space they were found in: how the
  clauses read as a whole, language and sentiment removed);
- their *terms*: c-TF-IDF profiles over the non-polar lemmas their clauses use
  (cosine). "still waiting for the engineer", "installation date moved, waiting a
  week" share "wait", "week", "install" although their sentence embeddings
  follow the engineer and the date.

Chosen on data other than the telecom survey the issue names, by theme NMI
against gold aspect categories (no score signal) on SentiRu's train split and
SemEval-14: an equal mix cut at 0.20 scored 0.405 / 0.285 against 0.408 / 0.275
for centroids alone at 0.30. On these review sets every mix and cut tried
(term share 0-1, a term-*meaning* view from the terms' embeddings, cuts
0.15-0.40) lay within about 0.02 of each other, so the measure could not single
one out; the chosen mix was the one that lost nothing on either set at a cut
giving a similar number of themes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._params import Interval, validate_params
from ..errors import NotFittedError


class ThemeModel:
    """Group sub-topic centroids into themes.

    Parameters
    ----------
    similarity : float in [0, 1], default=0.20
        Average similarity (the mix below) at which two groups of sub-topics join
        one theme. Lower = fewer, broader themes.
    max_themes : int, default=25
        Upper bound on the number of themes; the tree is cut lower when needed.
    term_weight : float in [0, 1], default=0.5
        Share of the term-profile similarity in the mix (used when ``fit`` gets
        ``term_counts``); the centroids take the rest.
    """

    _parameter_constraints = {
        "similarity": [Interval(float, 0, 1)],
        "max_themes": [Interval(int, 1, None)],
        "term_weight": [Interval(float, 0, 1)],
    }

    def __init__(self, *, similarity: float = 0.20, max_themes: int = 25, term_weight: float = 0.5) -> None:
        self.similarity = similarity
        self.max_themes = max_themes
        self.term_weight = term_weight

    def get_params(self, deep: bool = True) -> dict:
        return {"similarity": self.similarity, "max_themes": self.max_themes, "term_weight": self.term_weight}

    def set_params(self, **params) -> "ThemeModel":
        for name, value in params.items():
            if name not in self.get_params():
                raise ValueError(f"Invalid parameter {name!r} for ThemeModel.")
            setattr(self, name, value)
        return self

    def fit(self, centroids: np.ndarray, sizes: np.ndarray | None = None,
            fixed: dict[int, int] | None = None, *, term_counts=None) -> "ThemeModel":
        """Learn ``theme_of_topic_`` (theme id per sub-topic id, themes numbered by size).

        ``fixed`` maps sub-topic -> theme id decided beforehand (an analyst's
        taxonomy); the other sub-topics are grouped among themselves and their
        themes numbered after the largest fixed id.

        ``term_counts`` (sub-topics x terms, dense or sparse): how many clauses of
        each sub-topic use each term (non-polar lemmas, see ``topics.term_profiles``).
        Without it themes follow the centroids alone.
        """
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        k = len(centroids)
        sizes = np.ones(k) if sizes is None else np.asarray(sizes, dtype=float)
        fixed = dict(fixed or {})
        free = np.array([t for t in range(k) if t not in fixed], dtype=int)
        S = self.similarity_matrix(centroids, term_counts)
        self.similarity_matrix_ = S
        groups = self._group(S[np.ix_(free, free)]) if len(free) else np.zeros(0, int)
        # number free groups by total size, after the fixed theme ids
        totals = {g: sizes[free[groups == g]].sum() for g in np.unique(groups)}
        order = sorted(totals, key=lambda g: -totals[g])
        start = max(fixed.values(), default=-1) + 1
        new_id = {g: start + i for i, g in enumerate(order)}
        theme = np.empty(k, dtype=int)
        for t, th in fixed.items():
            theme[t] = th
        for t, g in zip(free, groups):
            theme[t] = new_id[g]
        if not fixed:  # renumber all by size so theme 0 is the largest
            ids = np.unique(theme)
            tot = {i: sizes[theme == i].sum() for i in ids}
            remap = {old: new for new, old in enumerate(sorted(ids, key=lambda i: -tot[i]))}
            theme = np.array([remap[i] for i in theme], dtype=int)
        self.theme_of_topic_ = theme
        self.n_themes_ = int(len(np.unique(theme))) if k else 0
        return self

    def similarity_matrix(self, centroids: np.ndarray, term_counts=None) -> np.ndarray:
        """Sub-topic x sub-topic similarity: centroid cosines mixed with term-profile cosines."""
        S = _cosines(np.asarray(centroids, dtype=np.float64))
        if term_counts is None or not len(S) or not self.term_weight:
            return S
        T = np.asarray(term_counts.todense() if hasattr(term_counts, "todense") else term_counts, dtype=np.float64)
        if T.shape[0] != len(S):
            raise ValueError(f"term_counts has {T.shape[0]} rows for {len(S)} sub-topics")
        return (1.0 - self.term_weight) * S + self.term_weight * _cosines(_ctfidf(T))

    def _group(self, S: np.ndarray) -> np.ndarray:
        if len(S) < 2:
            return np.zeros(len(S), dtype=int)
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform

        D = np.clip(1.0 - S, 0, 2)
        D = (D + D.T) / 2
        np.fill_diagonal(D, 0)
        Z = linkage(squareform(D, checks=False), method="average")
        groups = fcluster(Z, t=1.0 - self.similarity, criterion="distance")
        if len(np.unique(groups)) > self.max_themes:
            groups = fcluster(Z, t=self.max_themes, criterion="maxclust")
        return groups - 1

    def transform(self, topic_ids: np.ndarray) -> np.ndarray:
        """Theme id of each sub-topic id (-1 stays -1)."""
        if not hasattr(self, "theme_of_topic_"):
            raise NotFittedError("NPS204: this ThemeModel is not fitted yet; call fit first.")
        topic_ids = np.asarray(topic_ids, dtype=int)
        out = np.full(len(topic_ids), -1, dtype=int)
        ok = (topic_ids >= 0) & (topic_ids < len(self.theme_of_topic_))
        out[ok] = self.theme_of_topic_[topic_ids[ok]]
        return out

    def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """(JSON-able dict, arrays): the sub-topic -> theme map, the themes' names, owners and examples."""
        meta = {"params": self.get_params(),
                "themes": getattr(self, "themes_", pd.DataFrame()).to_dict(orient="records"),
                "examples": {str(k): v for k, v in getattr(self, "examples_", {}).items()},
                "topic_examples": {str(k): v for k, v in getattr(self, "topic_examples_", {}).items()}}
        return meta, {"theme_of_topic": self.theme_of_topic_.astype(np.float64)}

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> "ThemeModel":
        model = cls(**meta["params"])
        model.theme_of_topic_ = arrays["theme_of_topic"].astype(int)
        model.n_themes_ = int(len(np.unique(model.theme_of_topic_)))
        model.themes_ = pd.DataFrame(meta.get("themes", []))
        model.examples_ = {int(k): v for k, v in meta.get("examples", {}).items()}
        model.topic_examples_ = {int(k): v for k, v in meta.get("topic_examples", {}).items()}
        return model


def _cosines(A: np.ndarray) -> np.ndarray:
    """Cosine similarity of the rows of ``A`` (a zero row is similar to nothing)."""
    norms = np.linalg.norm(A, axis=1, keepdims=True)
    U = A / np.where(norms == 0, 1.0, norms)
    return U @ U.T


def _ctfidf(T: np.ndarray) -> np.ndarray:
    """BERTopic's class TF-IDF of a (classes x terms) count matrix: tf within the class x log(1 + A / f)."""
    tf = T / np.maximum(T.sum(axis=1, keepdims=True), 1e-12)
    avg = T.sum() / max(len(T), 1)
    idf = np.log(1 + avg / np.maximum(T.sum(axis=0), 1e-12))
    return tf * idf
