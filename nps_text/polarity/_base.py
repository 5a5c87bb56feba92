"""Interface of a polarity model: probability that a clause is praise (driver)."""
from __future__ import annotations

import numpy as np


class PolarityModel:
    """Base class: ``fit_predict(X, groups) -> P(praise)`` per clause, and ``predict(X)``."""

    def fit_predict(self, X: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError
