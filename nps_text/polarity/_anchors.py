"""Zero-shot polarity: nearness to praise vs complaint anchor phrases in every language.

Needs no labels, so it works on review data without scores and on tiny surveys;
it is the prior that the survey-trained classifier refines.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

import numpy as np

from ..language._resources import SUPPORTED, resources

# the anchors embedded once per embedder object: the sentiment axis, the word view's filter and the
# anchor prior all need them in one fit
_VECTORS: WeakKeyDictionary = WeakKeyDictionary()


def anchor_texts() -> tuple[list[str], list[str]]:
    pos, neg = [], []
    for lang in SUPPORTED:
        pos.extend(resources(lang).POSITIVE)
        neg.extend(resources(lang).NEGATIVE)
    return pos, neg


def anchor_vectors(embedder) -> tuple[np.ndarray, np.ndarray]:
    """(praise, complaint) anchor embeddings from ``embedder``, embedded once per embedder object."""
    try:
        return _VECTORS[embedder]
    except (KeyError, TypeError):  # TypeError: an embedder that cannot be weakly referenced
        pass
    pos, neg = anchor_texts()
    A = embedder.embed(pos + neg)
    out = (A[: len(pos)], A[len(pos):])
    try:
        _VECTORS[embedder] = out
    except TypeError:
        pass
    return out


def anchor_prior(embedder, C: float = 10.0):
    """The zero-shot prior: a logistic regression telling praise from complaint anchors."""
    from sklearn.linear_model import LogisticRegression

    P, N = anchor_vectors(embedder)
    y = np.r_[np.ones(len(P)), np.zeros(len(N))]
    return LogisticRegression(C=C, max_iter=2000).fit(np.vstack([P, N]), y)


def anchor_scores(X: np.ndarray, pos: np.ndarray, neg: np.ndarray, k: int = 5) -> np.ndarray:
    """Mean similarity to the k nearest praise anchors minus the k nearest complaint anchors."""
    if len(X) == 0:
        return np.zeros(0)
    k_pos, k_neg = min(k, len(pos)), min(k, len(neg))
    sp = np.sort(X @ pos.T, axis=1)[:, -k_pos:].mean(axis=1)
    sn = np.sort(X @ neg.T, axis=1)[:, -k_neg:].mean(axis=1)
    return sp - sn


def sentiment_axis(pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """Unit vector from the complaint anchors' mean to the praise anchors' mean."""
    axis = pos.mean(axis=0) - neg.mean(axis=0)
    return axis / (np.linalg.norm(axis) or 1.0)
