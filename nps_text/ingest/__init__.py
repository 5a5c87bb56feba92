"""Stage 1: read a survey and give every row a status.

Ingest alone decides statuses (``analysed``, ``nps_only``, ``excluded``) and column roles
(score, comment, id, date, wave, department, segments). The one status change that needs a
later stage's knowledge (no theme words once fillers are removed) goes through
``has_theme_words`` / ``mark_nps_only`` here, so the vocabulary lives in one module.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from .._params import Interval, validate_params
from ..errors import API_TO_FLAG, SurveyValidationError
from ._exports import ExportHeader, detect_export, nps_wording_rank
from . import _readers
from ._readers import TableHead, read_body, read_head, read_table
from ._waves import check_period, keep_wave_if_sequential
from ._schema import (SCALES, ResponseBuilder, SurveySchema, build_responses, parse_score, resolve_schema,
                      to_group)
from ._status import (DUPLICATE, EMPTY_COMMENT, NO_SCORE, NO_THEME_WORDS, NO_WORDS, STATUSES, TRANSITIONS,
                      TRUNCATED, comment_status, has_theme_words, mark_no_theme_words, mark_nps_only)

__all__ = ["read_survey", "iter_survey", "sample_survey", "read_table", "resolve_schema", "build_responses", "SurveySchema",
           "SCALES", "parse_score", "to_group", "has_theme_words", "mark_nps_only", "mark_no_theme_words",
           "comment_status", "STATUSES", "TRANSITIONS", "EMPTY_COMMENT", "NO_WORDS", "NO_THEME_WORDS", "TRUNCATED",
           "NO_SCORE", "DUPLICATE", "API_TO_FLAG", "detect_export", "nps_wording_rank", "ExportHeader",
           "ResponseBuilder", "TableHead", "read_head", "read_body"]


def read_survey(
    source: Any,
    *,
    score: str | None = None,
    comment: str | None = None,
    id: str | None = None,
    date: str | None = None,
    wave: str | None = None,
    department: str | None = None,
    segments: list[str] | None = None,
    scale: str = "0-10",
    sheet: str | int | None = None,
    encoding: str | None = None,
    period: str = "auto",
) -> tuple[pd.DataFrame, SurveySchema]:
    """Read a survey (path or DataFrame) and return (responses, schema).

    Parameters
    ----------
    source : path (.csv/.tsv/.txt, .xlsx, .parquet) or DataFrame
        Survey-tool exports (Qualtrics, SurveyMonkey, Google Forms, Typeform) are read as
        they come: the NPS question is found by its wording and the comment is the open
        question that follows it.
    score, comment, id, date, wave, department : str, optional
        Column names; detected when omitted (by name in en/ru/uk/bg, or by the question).
    segments : list of str, optional
        Segment columns; detected by name when omitted. The department is always one of them.
    scale : {"0-10", "1-10", "1-5", "1-7"}, default="0-10"
    sheet : str or int, optional
        Excel sheet; default: the first sheet with a score column.
    encoding : str, optional
        CSV encoding; default: UTF-8 (with or without BOM), then cp1251.
    period : {"auto", "month", "quarter", "year"}, default="auto"
        Without a wave column, waves are periods of the date: by month when the
        survey spans under about 8 months, by quarter up to 6 years, else by year
        ("auto"). A column found by name only ("quarter", "period") that is not a
        sequence in time (its values' dates overlap, e.g. "Q1" vs "other") is not
        used as the wave when there are dates (warning NPS118); pass ``wave=`` to force it.

    Returns
    -------
    responses : DataFrame
        One row per input row: row, respondent_id, score, score_0_10, group, comment, date,
        wave, status, status_reason and the segment columns (see ``build_responses``).
    schema : SurveySchema
        The column of each role and the recognised survey tool.

    Raises
    ------
    SurveyValidationError
        When the file cannot be read or a needed column is missing or ambiguous; its
        ``failure_cases`` lists every problem found.

    Notes
    -----
    A CSV larger than 16 MB is read in two passes: the header and first 500 rows decide the
    columns, then the rows are read in chunks keeping only the schema's columns, so memory
    follows the size of the responses table rather than of the file.
    """
    head, schema = _head_and_schema(source, score=score, comment=comment, id=id, date=date, wave=wave,
                                    department=department, segments=segments, scale=scale, sheet=sheet,
                                    encoding=encoding, period=period)
    builder = ResponseBuilder(schema, source=head.name)
    parts = [builder.add(chunk) for chunk in read_body(head, schema.columns)]
    if builder.rows == 0:
        raise SurveyValidationError(f"NPS106: {head.name} has a header but no rows.")
    builder.finish(stacklevel=3)
    responses = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    return responses, schema


def iter_survey(
    source: Any,
    *,
    chunksize: int = 100_000,
    score: str | None = None,
    comment: str | None = None,
    id: str | None = None,
    date: str | None = None,
    wave: str | None = None,
    department: str | None = None,
    segments: list[str] | None = None,
    scale: str = "0-10",
    sheet: str | int | None = None,
    encoding: str | None = None,
    period: str = "auto",
) -> Iterator[tuple[pd.DataFrame, SurveySchema]]:
    """Read a survey in chunks of ``chunksize`` rows: yields (responses chunk, schema).

    Same arguments and columns as ``read_survey``; the columns are decided once from the
    header and the first rows. ``row`` numbers continue across chunks and a respondent id seen
    in an earlier chunk makes a later row a duplicate, so the concatenated chunks equal
    ``read_survey``'s table. Warnings that need every row (NPS110, NPS111) come after the last chunk.

    Examples
    --------
    >>> for part, schema in iter_survey("big.csv", chunksize=50_000):   # doctest: +SKIP
    ...     counts = part["status"].value_counts()
    """
    if not isinstance(chunksize, int) or isinstance(chunksize, bool) or chunksize < 1:
        from ..errors import ParameterError

        raise ParameterError(f"NPS201: the 'chunksize' parameter of iter_survey must be an int in [1, inf). "
                             f"Got {chunksize!r} instead.")
    head, schema = _head_and_schema(source, score=score, comment=comment, id=id, date=date, wave=wave,
                                    department=department, segments=segments, scale=scale, sheet=sheet,
                                    encoding=encoding, period=period)
    builder = ResponseBuilder(schema, source=head.name)
    for chunk in read_body(head, schema.columns, chunksize=chunksize):
        yield builder.add(chunk), schema
    if builder.rows == 0:
        raise SurveyValidationError(f"NPS106: {head.name} has a header but no rows.")
    builder.finish(stacklevel=3)


def sample_survey(source: Any, n: int, *, seed: int = 0, chunksize: int = 100_000,
                  **read_options) -> tuple[pd.DataFrame, SurveySchema, int]:
    """A uniform random sample of ``n`` rows of a survey too big to read whole: (responses, schema, rows read).

    Reads the file in chunks (``iter_survey``, so statuses -- duplicates across the whole file
    included -- are those of one read) and keeps the ``n`` rows with the smallest random keys
    seen so far: a sample without replacement in which every row is equally likely, holding no
    more than ``n + chunksize`` rows at a time. The sample keeps the file's row numbers and
    order. Fit a model on it, then score the whole file with ``nps_text.distributed.score_file``
    (CLI: ``nps-text report BIG --sample N --save-model M``, then ``nps-text score BIG --model M``).

    Parameters
    ----------
    n : int
        Rows to keep (all of them when the file has fewer).
    seed : int, default=0
        The same seed and file give the same sample.
    chunksize : int, default=100_000
    **read_options
        As for ``read_survey``.
    """
    import numpy as np

    validate_params("sample_survey", {"n": n}, {"n": [Interval(int, 1, None)]})
    rng = np.random.default_rng(seed)
    kept: pd.DataFrame | None = None
    keys = np.empty(0)
    schema, rows = None, 0
    for part, schema in iter_survey(source, chunksize=chunksize, **read_options):
        rows += len(part)
        pool = part if kept is None else pd.concat([kept, part], ignore_index=True)
        keys = np.concatenate([keys, rng.random(len(part))])
        if len(pool) > n:
            best = np.sort(np.argpartition(keys, n - 1)[:n])  # the n smallest keys, in file order
            pool, keys = pool.iloc[best].reset_index(drop=True), keys[best]
        kept = pool
    return kept, schema, rows


def _head_and_schema(source: Any, *, sheet, encoding, period="auto", **roles) -> tuple[TableHead, SurveySchema]:
    head = read_head(source, sheet=sheet, encoding=encoding)
    h = head.header
    schema = resolve_schema(head.sample, source=head.name, questions=h.questions, open_columns=h.open_columns,
                            closed_columns=h.closed_columns, tool=h.tool, **roles)
    schema.period = check_period(period)
    if roles.get("wave") is None and schema.wave is not None and schema.date is not None:
        schema.wave = keep_wave_if_sequential(head.sample, schema, source=head.name)
    if head.frame is None and schema.period == "auto" and schema.date is not None and schema.wave is None:
        schema.period = _period_of_every_date(head, schema)
    return head, schema


def _period_of_every_date(head: TableHead, schema: SurveySchema) -> str:
    """The "auto" wave period from the span of every row's date, for a file read in chunks.

    Otherwise the first chunk decides it (``date_waves``): in a two-year export sorted by date
    the first 100,000 rows may span a month, giving monthly waves where one read of all rows
    gives quarters, and a different chunk size a different answer. One extra pass over the
    date column only.
    """
    from ..impact import choose_period
    from ._schema import _parse_dates

    lo = hi = None
    for chunk in read_body(head, [schema.date], chunksize=_readers.CHUNK_ROWS):
        dates = _parse_dates(chunk[schema.date], dayfirst=schema.dayfirst)[0].dropna()
        if len(dates):
            lo = dates.min() if lo is None else min(lo, dates.min())
            hi = dates.max() if hi is None else max(hi, dates.max())
    return "auto" if lo is None else choose_period(pd.Series([lo, hi]))
