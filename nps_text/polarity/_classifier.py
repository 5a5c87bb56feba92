"""Driver vs barrier per clause: a zero-shot prior refined by the survey's own answers.

1. Prior: logistic regression trained on the praise/complaint anchor phrases of
   all four languages (embedded by the same model), giving P0(praise).
2. Survey model: clauses of single-clause comments by promoters are praise-like
   and by detractors complaint-like. A logistic regression on embeddings is
   trained on them *cross-fitted* (each clause scored by a model that never saw
   it), so a clause's own score does not leak into its polarity.
3. Context: a clause that states a fact ("the order was placed in December")
   reads as neither praise nor complaint; in a detractor's comment it is part
   of the complaint. The respondent's group adds a small, fixed log-odds nudge
   (+w2 promoter, -w2 detractor) that only decides clauses the text leaves open.
4. All are summed in log-odds: logit = w0*logit(P0) + w1*logit(P1) + w2*g. The survey
   model only counts when it has enough clauses of both groups.
"""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .. import _columns as C
from .._params import Interval, validate_params
from ._base import PolarityModel

_EPS = 1e-4


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


class AnchoredPolarity(PolarityModel):
    """Zero-shot anchors + cross-fitted survey classifier (see module docstring).

    Parameters
    ----------
    pos_anchors, neg_anchors : ndarray
        Embeddings of praise and complaint phrases.
    prior_weight, survey_weight : float, default=1.0
        Weights of the two experts in log-odds.
    context_weight : float, default=1.0
        Log-odds added for a promoter's clause and subtracted for a detractor's.
    min_train : int, default=30
        Fewest clauses per group (promoter, detractor) to train the survey model.
    n_splits : int, default=5
    C : float, default=1.0
        Inverse regularisation of both logistic regressions.
    """

    _parameter_constraints = {
        "prior_weight": [Interval(float, 0, None)],
        "survey_weight": [Interval(float, 0, None)],
        "context_weight": [Interval(float, 0, None)],
        "min_train": [Interval(int, 2, None)],
        "n_splits": [Interval(int, 2, 20)],
        "C": [Interval(float, 0, None)],
    }

    def __init__(self, pos_anchors: np.ndarray, neg_anchors: np.ndarray, *, prior_weight: float = 1.0,
                 survey_weight: float = 1.0, context_weight: float = 1.0, min_train: int = 30, n_splits: int = 5, C: float = 1.0,
                 random_state: int = 0) -> None:
        self.pos_anchors = pos_anchors
        self.neg_anchors = neg_anchors
        self.prior_weight = prior_weight
        self.survey_weight = survey_weight
        self.context_weight = context_weight
        self.min_train = min_train
        self.n_splits = n_splits
        self.C = C
        self.random_state = random_state

    def fit_prior(self) -> "AnchoredPolarity":
        """Fit the zero-shot expert on the anchor phrases (also used to tell polar words apart)."""
        validate_params(type(self).__name__, vars(self), self._parameter_constraints)
        A = np.vstack([self.pos_anchors, self.neg_anchors])
        y = np.r_[np.ones(len(self.pos_anchors)), np.zeros(len(self.neg_anchors))]
        self.prior_ = LogisticRegression(C=self.C * 10, max_iter=2000).fit(A, y)
        return self

    def prior_proba(self, X: np.ndarray) -> np.ndarray:
        """Zero-shot P(praise) of each row of ``X``."""
        if len(X) == 0:  # a survey with no clause to analyse
            return np.zeros(0)
        return self.prior_.predict_proba(X)[:, 1]

    def fit_predict(self, X: np.ndarray, groups: np.ndarray | None = None,
                    trainable: np.ndarray | None = None) -> np.ndarray:
        """P(praise) per clause. ``groups``: respondent group per clause; ``trainable``: usable as label."""
        self.fit_prior()
        z = self.prior_weight * _logit(self.prior_proba(X))
        self.survey_ = None
        self.survey_trained_on_ = 0
        if groups is not None and len(X):
            groups = np.asarray(groups, dtype=object)
            use = np.isin(groups, [C.PROMOTER, C.DETRACTOR])
            if trainable is not None:
                use &= np.asarray(trainable, dtype=bool)
            labels = (groups[use] == C.PROMOTER).astype(int)
            if min(labels.sum(), (1 - labels).sum()) >= self.min_train:
                z = z + self.survey_weight * self._cross_fit(X, use, labels)
        return _sigmoid(z + self._context(groups, len(X)))

    def _context(self, groups: np.ndarray | None, n: int) -> np.ndarray:
        if groups is None or not self.context_weight:
            return np.zeros(n)
        groups = np.asarray(groups, dtype=object)
        return self.context_weight * ((groups == C.PROMOTER).astype(float) - (groups == C.DETRACTOR).astype(float))

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

    def predict(self, X: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
        """P(praise) for new clauses with the fitted experts (``groups``: respondent group per clause)."""
        z = self.prior_weight * _logit(self.prior_proba(X))
        if self.survey_ is not None and len(X):
            z = z + self.survey_weight * self.survey_.decision_function(X)
        return _sigmoid(z + self._context(groups, len(X)))
