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

A third view is available and off by default: *respondent co-mention*
(``comention_weight``), the idea being that sub-topics one respondent names
together ("waited 3 weeks", "engineer never came") are faces of one problem.
Measured on the telecom survey (benchmarks/results/themes_comention.md) it does
not hold there: only 29% of commenters write clauses in two or more sub-topics,
and the delay faces are named together no more often than a delay face and
"good service" (phi 0.00-0.05 between them, 99th percentile of all pairs 0.07).
Mixed in, it lowers every similarity and splits themes (delay-word respondents
in the main delays theme 39% -> 30% at weight 0.2); added on top instead, it
leaves that share where it was at every weight tried. Review sets (one
sentence per "respondent") lose up to 0.03 NMI; planted top-3 on SemEval fell
to 8/10 at weight 0.2.
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
    comention_weight : float in [0, 1], default=0.0
        Share of the respondent co-mention association (``comention_similarity``)
        in the final mix; the centroid/term mix takes the rest. Needs
        ``respondents`` and ``clause_topics`` in ``fit``. Off by default: on the
        telecom survey it did not bring the faces of one problem together (see
        the module docstring).
    comention_prior : float >= 0, default=5.0
        Pseudo-count shrinking a pair's co-mention association by
        ``n_ab / (n_ab + comention_prior)``: a pair named together by few
        respondents counts for little.
    """

    _parameter_constraints = {
        "similarity": [Interval(float, 0, 1)],
        "max_themes": [Interval(int, 1, None)],
        "term_weight": [Interval(float, 0, 1)],
        "comention_weight": [Interval(float, 0, 1)],
        "comention_prior": [Interval(float, 0, None)],
    }

    def __init__(self, *, similarity: float = 0.20, max_themes: int = 25, term_weight: float = 0.5,
                 comention_weight: float = 0.0, comention_prior: float = 5.0) -> None:
        self.similarity = similarity
        self.max_themes = max_themes
        self.term_weight = term_weight
        self.comention_weight = comention_weight
        self.comention_prior = comention_prior

    def get_params(self, deep: bool = True) -> dict:
        return {"similarity": self.similarity, "max_themes": self.max_themes, "term_weight": self.term_weight,
                "comention_weight": self.comention_weight, "comention_prior": self.comention_prior}

    def set_params(self, **params) -> "ThemeModel":
        for name, value in params.items():
            if name not in self.get_params():
                raise ValueError(f"Invalid parameter {name!r} for ThemeModel.")
            setattr(self, name, value)
        return self

    def fit(self, centroids: np.ndarray, sizes: np.ndarray | None = None,
            fixed: dict[int, int] | None = None, *, term_counts=None, respondents=None,
            clause_topics=None) -> "ThemeModel":
        """Learn ``theme_of_topic_`` (theme id per sub-topic id, themes numbered by size).

        ``fixed`` maps sub-topic -> theme id decided beforehand (an analyst's
        taxonomy); the other sub-topics are grouped among themselves and their
        themes numbered after the largest fixed id.

        ``term_counts`` (sub-topics x terms, dense or sparse): how many clauses of
        each sub-topic use each term (non-polar lemmas, see ``topics.term_profiles``).
        Without it themes follow the centroids alone.

        ``respondents`` and ``clause_topics`` (one entry per clause: who wrote it,
        which sub-topic it is in, -1 = none): used only with
        ``comention_weight > 0``, for the co-mention similarity
        (``comention_similarity``). Without them the model is what it was before
        the option existed.
        """
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        k = len(centroids)
        sizes = np.ones(k) if sizes is None else np.asarray(sizes, dtype=float)
        fixed = dict(fixed or {})
        free = np.array([t for t in range(k) if t not in fixed], dtype=int)
        S = self.similarity_matrix(centroids, term_counts, respondents=respondents, clause_topics=clause_topics)
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

    def similarity_matrix(self, centroids: np.ndarray, term_counts=None, *, respondents=None,
                          clause_topics=None) -> np.ndarray:
        """Sub-topic x sub-topic similarity: centroid cosines mixed with term-profile cosines (and co-mention)."""
        S = _cosines(np.asarray(centroids, dtype=np.float64))
        if term_counts is not None and len(S) and self.term_weight:
            T = np.asarray(term_counts.todense() if hasattr(term_counts, "todense") else term_counts,
                           dtype=np.float64)
            if T.shape[0] != len(S):
                raise ValueError(f"term_counts has {T.shape[0]} rows for {len(S)} sub-topics")
            S = (1.0 - self.term_weight) * S + self.term_weight * _cosines(_ctfidf(T))
        if self.comention_weight and len(S):
            if respondents is None or clause_topics is None:
                raise ValueError("comention_weight > 0 needs respondents and clause_topics (one per clause) in fit")
            A = comention_similarity(respondents, clause_topics, len(S), prior=self.comention_prior)
            S = (1.0 - self.comention_weight) * S + self.comention_weight * A
        return S

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


def comention_similarity(respondents, clause_topics, k: int, *, prior: float = 5.0) -> np.ndarray:
    """Sub-topic x sub-topic association from respondents who mention both in one comment.

    Only respondents whose clauses fall in at least two distinct sub-topics are
    counted (N of them): a one-clause respondent, or one whose clauses all sit in
    one sub-topic, could co-mention nothing and would only dilute the rates. For
    sub-topics a, b with n_a, n_b such respondents and n_ab mentioning both, the
    association is the phi coefficient of the two incidence vectors (how much
    more often they are named together than if independent; negative -> 0),
    shrunk by ``n_ab / (n_ab + prior)`` so that a pair named together by two
    people does not outweigh one named together by two hundred. The diagonal is 1.
    Outlier clauses (sub-topic -1) are ignored.
    """
    from scipy import sparse

    r = np.asarray(respondents)
    t = np.asarray(clause_topics, dtype=int)
    if len(r) != len(t):
        raise ValueError(f"respondents has {len(r)} entries for {len(t)} clause_topics")
    S = np.eye(k)
    ok = (t >= 0) & (t < k)
    if not ok.any() or k < 2:
        return S
    _, rid = np.unique(r[ok], return_inverse=True)
    M = sparse.csr_matrix((np.ones(int(ok.sum())), (rid, t[ok])), shape=(int(rid.max()) + 1, k))
    M.data[:] = 1.0  # incidence: several clauses of one respondent in one sub-topic count once
    multi = np.asarray(M.sum(axis=1)).ravel() >= 2
    M = M[multi]
    N = M.shape[0]
    if N < 2:
        return S
    n = np.asarray(M.sum(axis=0)).ravel()
    co = np.asarray((M.T @ M).todense(), dtype=np.float64)
    denom = np.sqrt(np.outer(n * (N - n), n * (N - n)))
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(denom > 0, (N * co - np.outer(n, n)) / denom, 0.0)
    A = np.clip(phi, 0, 1) * co / (co + prior) if prior > 0 else np.clip(phi, 0, 1)
    np.fill_diagonal(A, 1.0)
    return A
