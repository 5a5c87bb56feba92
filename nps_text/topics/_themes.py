"""Themes: the short list an analyst acts on, each holding sub-topics.

Sub-topics (``TopicModel``) are fine-grained on purpose: "waited a week",
"engineer appointment" and "still not connected" are different clusters of
clauses. A department head needs them as one theme ("installation delays")
whose impact counts each respondent once. ``ThemeModel`` groups sub-topics by
average-link agglomerative clustering of their centroids (cosine, in the same
neutralized space they were found in), cut at a similarity; the number of
themes follows from the data and is capped by ``max_themes``.
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
    similarity : float in [0, 1], default=0.30
        Average cosine similarity (in the neutralized clustering space) at which
        two groups of sub-topics join one theme. Lower = fewer, broader themes.
        0.20 joins more faces of one subject on the sample and telecom, but on the
        quality harness the two were within noise (SentiRu planted top-3 8/10 at 0.20,
        9/10 at 0.30; telecom 13 vs 19 themes), so the more conservative 0.30 stays.
    max_themes : int, default=25
        Upper bound on the number of themes; the tree is cut lower when needed.
    """

    _parameter_constraints = {
        "similarity": [Interval(float, 0, 1)],
        "max_themes": [Interval(int, 1, None)],
    }

    def __init__(self, *, similarity: float = 0.30, max_themes: int = 25) -> None:
        self.similarity = similarity
        self.max_themes = max_themes

    def get_params(self, deep: bool = True) -> dict:
        return {"similarity": self.similarity, "max_themes": self.max_themes}

    def set_params(self, **params) -> "ThemeModel":
        for name, value in params.items():
            if name not in self.get_params():
                raise ValueError(f"Invalid parameter {name!r} for ThemeModel.")
            setattr(self, name, value)
        return self

    def fit(self, centroids: np.ndarray, sizes: np.ndarray | None = None,
            fixed: dict[int, int] | None = None) -> "ThemeModel":
        """Learn ``theme_of_topic_`` (theme id per sub-topic id, themes numbered by size).

        ``fixed`` maps sub-topic -> theme id decided beforehand (an analyst's
        taxonomy); the other sub-topics are grouped among themselves and their
        themes numbered after the largest fixed id.
        """
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        k = len(centroids)
        sizes = np.ones(k) if sizes is None else np.asarray(sizes, dtype=float)
        fixed = dict(fixed or {})
        free = np.array([t for t in range(k) if t not in fixed], dtype=int)
        groups = self._group(np.asarray(centroids, dtype=np.float64)[free]) if len(free) else np.zeros(0, int)
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

    def _group(self, C: np.ndarray) -> np.ndarray:
        if len(C) < 2:
            return np.zeros(len(C), dtype=int)
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import pdist

        norms = np.linalg.norm(C, axis=1, keepdims=True)
        U = C / np.where(norms == 0, 1.0, norms)
        Z = linkage(np.clip(pdist(U, metric="cosine"), 0, 2), method="average")
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
