"""The polarity interface: for each mention, P(driver), P(barrier), P(neutral).

Every polarity model shares these signatures so ``NpsAnalyzer(polarity=...)``
takes any of them, as ``embedder=`` takes any Embedder:

- ``fit(X, *, texts=None, langs=None, groups=None, embedder=None) -> self``: learn
  from the survey's clause embeddings (a model may ignore the survey and use what
  it shipped with; ``embedder`` embeds any phrases of its own, e.g. anchors);
- ``predict_proba(X, *, texts=None, langs=None, groups=None) -> (n, 3)`` in the
  order of ``classes_`` (driver, barrier, neutral); rows sum to 1;
- ``get_state() -> (meta, arrays)`` and ``from_state(meta, arrays)``: the model
  owns its serialisation (JSON-able dict + float arrays; no pickle).

``groups`` (the respondent's promoter/passive/detractor group per clause) is
passed so a model *can* use it; the default models do not, so a topic's
detractor share never follows from how its mentions were labelled.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import _columns as C
from .._params import validate_params

CLASSES = (C.DRIVER, C.BARRIER, C.NEUTRAL)


class PolarityModel:
    """Base class: subclasses implement ``_fit`` and ``_predict_proba``; the base validates and shapes.

    Parameters are stored by ``__init__`` only (scikit-learn contract), so
    ``sklearn.base.clone`` and ``get_params``/``set_params`` work.
    """

    classes_ = CLASSES
    _parameter_constraints: dict[str, list] = {}

    # ----------------------------------------------------------- estimator API
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any):
        for name, value in params.items():
            if name not in self._param_names():
                raise ValueError(f"Invalid parameter {name!r} for {type(self).__name__}.")
            setattr(self, name, value)
        return self

    @classmethod
    def _param_names(cls) -> list[str]:
        import inspect

        sig = inspect.signature(cls.__init__)
        return [p.name for p in sig.parameters.values() if p.name != "self" and p.kind != p.VAR_KEYWORD]

    def fit(self, X: np.ndarray, *, texts=None, langs=None, groups=None, embedder=None):
        """Learn from the survey's clause embeddings; ``embedder`` embeds any phrases the model needs."""
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        self._fit(np.asarray(X, dtype=np.float32), texts=texts, langs=langs, groups=groups, embedder=embedder)
        self.fitted_ = True
        return self

    def fit_predict_proba(self, X: np.ndarray, *, texts=None, langs=None, groups=None,
                          embedder=None) -> np.ndarray:
        """``fit`` then ``predict_proba``; a model trained on the survey overrides it to score its own
        training clauses out of fold, so no clause is labelled by a model that saw its label."""
        return self.fit(X, texts=texts, langs=langs, groups=groups, embedder=embedder).predict_proba(
            X, texts=texts, langs=langs, groups=groups)

    def predict_proba(self, X: np.ndarray, *, texts=None, langs=None, groups=None) -> np.ndarray:
        """(n, 3) probabilities in the order of ``classes_``."""
        from ..errors import NotFittedError

        if not getattr(self, "fitted_", False):
            raise NotFittedError(f"NPS204: this {type(self).__name__} is not fitted yet; call fit first.")
        X = np.asarray(X, dtype=np.float32)
        if len(X) == 0:
            return np.zeros((0, 3))
        P = np.asarray(self._predict_proba(X, texts=texts, langs=langs, groups=groups), dtype=np.float64)
        return P / P.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray, **kwargs) -> np.ndarray:
        """The most probable class of each mention ("driver", "barrier" or "neutral")."""
        P = self.predict_proba(X, **kwargs)
        return np.asarray(self.classes_, dtype=object)[P.argmax(axis=1)] if len(P) else np.array([], dtype=object)

    def praise_proba(self, X: np.ndarray) -> np.ndarray:
        """P(praise | polar) of each row, ignoring the neutral class: what the word view filters on."""
        P = self.predict_proba(X)
        if not len(P):
            return np.zeros(0)
        return P[:, 0] / np.maximum(P[:, 0] + P[:, 1], 1e-12)

    # --------------------------------------------------------------- subclass
    def _fit(self, X, *, texts, langs, groups, embedder) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _predict_proba(self, X, *, texts, langs, groups) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def from_state(cls, meta: dict[str, Any], arrays: dict[str, np.ndarray]):  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if not isinstance(v, np.ndarray))
        return f"{type(self).__name__}({args})"
