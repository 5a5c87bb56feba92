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
    "API_TO_FLAG",
    "to_cli_message",
]


FAILURE_COLUMNS = ["row", "column", "value", "code", "message"]


class NpsTextError(Exception):
    """Base class of every error raised on purpose by nps_text."""


class SurveyValidationError(NpsTextError, ValueError):
    """The survey cannot be analysed as given.

    ``failure_cases`` lists every problem found (columns: row, column, value, code, message;
    ``row`` is the file's line for parse errors, else empty; ``column`` the input column concerned)
    so a user fixes them all at once instead of one per run. The message is the first problem's,
    followed by how many more there are.
    """

    def __init__(self, message: str, failure_cases: pd.DataFrame | None = None) -> None:
        super().__init__(message)
        if failure_cases is None:
            failure_cases = pd.DataFrame(columns=FAILURE_COLUMNS)
        self.failure_cases = failure_cases


class ParameterError(NpsTextError, ValueError):
    """An option has a value outside its documented range (NPS2xx)."""


class NotFittedError(NpsTextError, ValueError, AttributeError):
    """A model was used before ``fit``."""


class ModelLoadError(NpsTextError, RuntimeError):
    """A model (embedder, saved analyzer) could not be loaded offline."""


class NpsTextWarning(UserWarning):
    """Recoverable problem: the run continues and the report counts it."""

# Library messages name API arguments ("pass comment='Feedback'"); the CLI shows its own flags.
# One entry per argument of read_survey/analyze that a message may name.
API_TO_FLAG: dict[str, str] = {
    "score": "--score-col",
    "comment": "--comment-col",
    "id": "--id-col",
    "date": "--date-col",
    "wave": "--wave-col",
    "segments": "--segment-cols",
    "department": "--department-col",
    "scale": "--scale",
    "sheet": "--sheet",
    "encoding": "--encoding",
    "embedder": "--embedder",
    "min_topic_size": "--min-topic-size",
    "label_lang": "--label-lang",
    "taxonomy": "--taxonomy",
    "industry": "--industry",
    "period": "--period",
}

_API_ARG = None


def to_cli_message(message: str) -> str:
    """Rewrite API arguments in a message as CLI flags: "pass comment='Why?'" -> "pass --comment-col 'Why?'".

    Only ``<argument>=<value>`` forms are rewritten (the value is quoted, ``...`` or a list);
    plain words such as "score" or "comment" are left alone.
    """
    import re

    global _API_ARG
    if _API_ARG is None:
        names = "|".join(sorted(API_TO_FLAG, key=len, reverse=True))
        _API_ARG = re.compile(rf"(?<![\w.\-]){'('}{names}{')'}=('[^']*'|\"[^\"]*\"|\[[^\]]*\]|\.\.\.|[\w.\-]+)")
    def flag(m):
        value = m.group(2)
        if value.startswith("'<") and value.endswith(">'"):  # a placeholder: --comment-col <column>
            value = value[1:-1]
        return f"{API_TO_FLAG[m.group(1)]} {value}"

    return _API_ARG.sub(flag, message)
