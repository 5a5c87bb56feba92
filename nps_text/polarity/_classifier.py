"""Zero-shot anchors, optionally refined by the survey's own answers.

1. Prior: logistic regression on the praise/complaint anchor phrases of all
   four languages (embedded by the survey's embedder), giving P0(praise). Works
   with any embedder, which is why it stays as the fallback of ``TextPolarity``.
2. Survey model (``survey_weight`` > 0): clauses of single-clause comments by
   promoters are praise-like and by detractors complaint-like. A logistic
   regression is trained on them *cross-fitted* (each training clause scored by
   a model that never saw it), so a clause's own score does not decide it.
3. Context (``context_weight``, default 0 = off): a log-odds nudge of +w for a
   promoter's clause and -w for a detractor's. Off by default because it lets
   the respondent's score decide the direction of a mention.

All are summed in log-odds. This model has no neutral class (P(neutral) = 0).
"""
from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .. import _columns as C
from .._params import Interval
from ._anchors import anchor_prior
from ._base import PolarityModel

_EPS = 1e-4


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _as_proba(p_driver: np.ndarray) -> np.ndarray:
    return np.column_stack([p_driver, 1 - p_driver, np.zeros(len(p_driver))])


def linear_state(model: LogisticRegression | None, prefix: str) -> dict[str, np.ndarray]:
    """A fitted binary logistic regression as arrays (no pickle)."""
    if model is None:
        return {}
    return {f"{prefix}_coef": model.coef_, f"{prefix}_intercept": model.intercept_}


def linear_from_state(arrays: dict[str, np.ndarray], prefix: str) -> LogisticRegression | None:
    if f"{prefix}_coef" not in arrays:
        return None
    model = LogisticRegression()
    model.coef_, model.intercept_ = arrays[f"{prefix}_coef"], arrays[f"{prefix}_intercept"]
    model.classes_ = np.array([0, 1])
    return model


class AnchoredPolarity(PolarityModel):
    """Zero-shot anchors + optional cross-fitted survey classifier (see module docstring).

    Parameters
    ----------
    prior_weight, survey_weight : float, default=1.0
        Weights of the two experts in log-odds (0 switches one off).
    context_weight : float, default=0.0
        Log-odds added for a promoter's clause and subtracted for a detractor's.
    min_train : int, default=30
        Fewest clauses per group (promoter, detractor) to train the survey model.
    n_splits : int, default=5
    C : float, default=1.0
        Inverse regularisation of the survey model (the prior uses 10 x C).
    random_state : int, default=0
    """

    _parameter_constraints = {
        "prior_weight": [Interval(float, 0, None)],
        "survey_weight": [Interval(float, 0, None)],
        "context_weight": [Interval(float, 0, None)],
        "min_train": [Interval(int, 2, None)],
        "n_splits": [Interval(int, 2, 20)],
        "C": [Interval(float, 0, None)],
        "random_state": [Interval(int, 0, None)],
    }

    def __init__(self, *, prior_weight: float = 1.0, survey_weight: float = 1.0, context_weight: float = 0.0,
                 min_train: int = 30, n_splits: int = 5, C: float = 1.0, random_state: int = 0) -> None:
        self.prior_weight = prior_weight
        self.survey_weight = survey_weight
        self.context_weight = context_weight
        self.min_train = min_train
        self.n_splits = n_splits
        self.C = C
        self.random_state = random_state

    # ------------------------------------------------------------------ fitting
    def fit_prior(self, embedder) -> "AnchoredPolarity":
        """Fit the zero-shot expert on the anchor phrases embedded by ``embedder``."""
        self.prior_ = anchor_prior(embedder, C=self.C * 10)
        return self

    def _fit(self, X, *, texts, langs, groups, embedder) -> None:
        self._fit_and_oof(X, groups, embedder)

    def _fit_and_oof(self, X: np.ndarray, groups, embedder) -> np.ndarray | None:
        if embedder is None and not hasattr(self, "prior_"):
            raise ValueError("AnchoredPolarity.fit needs embedder= to embed its anchor phrases")
        if embedder is not None:
            self.fit_prior(embedder)
        self.survey_ = None
        self.survey_trained_on_ = 0
        if groups is None or not len(X) or not self.survey_weight:
            return None
        groups = np.asarray(groups, dtype=object)
        use = np.isin(groups, [C.PROMOTER, C.DETRACTOR])
        labels = (groups[use] == C.PROMOTER).astype(int)
        if min(labels.sum(), (1 - labels).sum()) < self.min_train:
            return None
        return self._cross_fit(X, use, labels)

    def fit_predict_proba(self, X, *, texts=None, langs=None, groups=None, embedder=None) -> np.ndarray:
        from .._params import validate_params

        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        X = np.asarray(X, dtype=np.float32)
        oof = self._fit_and_oof(X, groups, embedder)
        self.fitted_ = True
        if not len(X):
            return np.zeros((0, 3))
        z = self.prior_weight * _logit(self._prior(X))
        if oof is not None:
            z = z + self.survey_weight * oof
        return _as_proba(_sigmoid(z + self._context(groups, len(X))))

    def _cross_fit(self, X: np.ndarray, use: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Out-of-fold logits for training clauses; a model on all of them for the rest."""
        out = np.zeros(len(X))
        idx = np.where(use)[0]
        folds = StratifiedKFold(n_splits=min(self.n_splits, int(min(labels.sum(), (1 - labels).sum()))),
                                shuffle=True, random_state=self.random_state)
        for train, test in folds.split(idx, labels):
            model = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
            model.fit(X[idx[train]], labels[train])
            out[idx[test]] = model.decision_function(X[idx[test]])
        self.survey_ = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced").fit(X[idx], labels)
        self.survey_trained_on_ = int(len(idx))
        rest = np.where(~use)[0]
        if len(rest):
            out[rest] = self.survey_.decision_function(X[rest])
        return out

    # --------------------------------------------------------------- predicting
    def _prior(self, X: np.ndarray) -> np.ndarray:
        return self.prior_.predict_proba(X)[:, 1]

    def _context(self, groups, n: int) -> np.ndarray:
        if groups is None or not self.context_weight:
            return np.zeros(n)
        groups = np.asarray(groups, dtype=object)
        return self.context_weight * ((groups == C.PROMOTER).astype(float) - (groups == C.DETRACTOR).astype(float))

    def _predict_proba(self, X, *, texts, langs, groups) -> np.ndarray:
        z = self.prior_weight * _logit(self._prior(X))
        if self.survey_ is not None:
            z = z + self.survey_weight * self.survey_.decision_function(X)
        return _as_proba(_sigmoid(z + self._context(groups, len(X))))

    # ------------------------------------------------------------ serialisation
    def get_state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta = {"params": self.get_params(), "survey_trained_on": getattr(self, "survey_trained_on_", 0)}
        return meta, {**linear_state(self.prior_, "prior"), **linear_state(self.survey_, "survey")}

    @classmethod
    def from_state(cls, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> "AnchoredPolarity":
        model = cls(**meta["params"])
        model.prior_ = linear_from_state(arrays, "prior")
        model.survey_ = linear_from_state(arrays, "survey")
        model.survey_trained_on_ = int(meta.get("survey_trained_on", 0))
        model.fitted_ = True
        return model
