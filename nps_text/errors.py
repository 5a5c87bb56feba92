"""Exceptions and warnings, with short stable codes users can search for.

Codes: ``NPS1xx`` problems with the input survey, ``NPS2xx`` models and options,
``NPS3xx`` writing outputs.
"""
from __future__ import annotations

import pandas as pd

__all__ = [
    "NpsTextError",
    "SurveyValidationError",
    "ParameterError",
    "NotFittedError",
    "ModelLoadError",
    "NpsTextWarning",
]


class NpsTextError(Exception):
    """Base class of every error raised on purpose by nps_text."""


class SurveyValidationError(NpsTextError, ValueError):
    """The survey cannot be analysed as given.

    ``failure_cases`` lists every problem found (columns: row, column, value, code)
    so a user fixes them all at once instead of one per run.
    """

    def __init__(self, message: str, failure_cases: pd.DataFrame | None = None) -> None:
        super().__init__(message)
        if failure_cases is None:
            failure_cases = pd.DataFrame(columns=["row", "column", "value", "code"])
        self.failure_cases = failure_cases


class ParameterError(NpsTextError, ValueError):
    """An option has a value outside its documented range (NPS2xx)."""


class NotFittedError(NpsTextError, ValueError, AttributeError):
    """A model was used before ``fit``."""


class ModelLoadError(NpsTextError, RuntimeError):
    """A model (embedder, saved analyzer) could not be loaded offline."""


class NpsTextWarning(UserWarning):
    """Recoverable problem: the run continues and the report counts it."""
