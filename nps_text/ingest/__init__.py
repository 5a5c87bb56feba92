"""Stage 1: read a survey and give every row a status."""
from __future__ import annotations

from typing import Any

import pandas as pd

from ._readers import read_table
from ._schema import SCALES, SurveySchema, build_responses, parse_score, resolve_schema, to_group

__all__ = ["read_survey", "read_table", "resolve_schema", "build_responses", "SurveySchema", "SCALES",
           "parse_score", "to_group"]


def read_survey(
    source: Any,
    *,
    score: str | None = None,
    comment: str | None = None,
    id: str | None = None,
    date: str | None = None,
    wave: str | None = None,
    segments: list[str] | None = None,
    scale: str = "0-10",
    sheet: str | int | None = None,
    encoding: str | None = None,
) -> tuple[pd.DataFrame, SurveySchema]:
    """Read a survey (path or DataFrame) and return (responses, schema).

    ``responses`` has one row per input row; see ``build_responses`` for columns.

    Raises
    ------
    SurveyValidationError
        When the file cannot be read or a needed column is missing or ambiguous.
    """
    raw, name = read_table(source, sheet=sheet, encoding=encoding)
    schema = resolve_schema(raw, score=score, comment=comment, id=id, date=date, wave=wave,
                            segments=segments, scale=scale, source=name)
    return build_responses(raw.reset_index(drop=True), schema, source=name), schema
