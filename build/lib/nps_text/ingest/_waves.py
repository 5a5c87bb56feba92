"""Waves: from a wave column, or periods of the response date.

A column that only *looks* like a wave by its name ("quarter", "period") is
kept only when it is a sequence in time; the telecom survey's ``quarter``
column ("Q1" vs "other") is not, and its dates give real quarters or months.
The period of an automatic split is chosen once, on the first rows read, so
every chunk of a big file uses the same one.
"""
from __future__ import annotations

import warnings

import pandas as pd

from ..errors import NpsTextWarning, ParameterError

PERIODS = ("auto", "month", "quarter", "year")


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise ParameterError(f"NPS201: the 'period' parameter of read_survey must be one of "
                             f"{', '.join(repr(p) for p in PERIODS)}. Got {period!r} instead.")
    return period


def date_waves(dates: pd.Series, schema) -> pd.Series:
    """Wave labels from dates ("2018-04", "2018Q2" or "2018"); None where the date is missing."""
    from ..impact import assign_periods, choose_period

    if schema.period == "auto":  # fixed on the first rows seen, so chunks agree
        schema.period = choose_period(dates)
    return pd.Series(assign_periods(dates, period=schema.period), index=dates.index, dtype=object)


def keep_wave_if_sequential(sample: pd.DataFrame, schema, *, source: str | None = None) -> str | None:
    """The detected wave column, or None when its values overlap in time (then the dates make the waves)."""
    from ._schema import _parse_dates, _where

    dates, _ = _parse_dates(sample[schema.date], dayfirst=schema.dayfirst)
    frame = pd.DataFrame({"wave": sample[schema.wave].astype(str).to_numpy(), "date": dates.to_numpy()}).dropna()
    if frame["wave"].nunique() < 2 or len(frame) < 10:
        return schema.wave
    spans = frame.groupby("wave")["date"].agg(lo=lambda d: d.quantile(0.1), hi=lambda d: d.quantile(0.9))
    spans = spans.sort_values("lo")
    overlapping = (spans["lo"].iloc[1:].to_numpy() < spans["hi"].iloc[:-1].to_numpy()).any()
    if not overlapping:
        return schema.wave
    warnings.warn(f"NPS118: {_where(source)}column {schema.wave!r} looks like a wave by its name, but its values "
                  "overlap in time, so waves come from the dates instead; pass wave="
                  f"{str(schema.wave)!r} to use it.", NpsTextWarning, stacklevel=4)
    return None
