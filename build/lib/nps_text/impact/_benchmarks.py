"""Industry averages and the verbal bands, with a note that explains when two readings both hold.

The averages are indicative figures quoted in NPS method literature without a
year (banking 0 ... internet services 48). They live in a small CSV
(``nps_text/data/industry_nps.csv``: industry, nps, source_note) so a user can
pass their own file with their competitors' figures instead.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .. import _columns as C
from ..errors import ParameterError, SurveyValidationError
from ._nps import band

INDUSTRY_FILE = Path(__file__).resolve().parent.parent / "data" / "industry_nps.csv"
INDUSTRY = "industry"
SOURCE_NOTE = "source_note"
WORK_ON_IT = 30.0


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(name).strip().lower())


def read_industry_table(path: str | Path | None = None) -> pd.DataFrame:
    """The industry averages: the shipped file, or the user's own (columns industry, nps[, source_note]).

    Raises
    ------
    SurveyValidationError
        NPS115 when the file cannot be read or lacks the columns.
    """
    path = Path(path) if path is not None else INDUSTRY_FILE
    try:
        table = pd.read_csv(path, dtype={INDUSTRY: str})
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise SurveyValidationError(f"NPS115: could not read the industry averages file {path}: {exc}") from exc
    missing = [c for c in (INDUSTRY, C.NPS) if c not in table.columns]
    if missing:
        raise SurveyValidationError(
            f"NPS115: the industry averages file {path} needs the columns industry, nps (and optionally "
            f"source_note); missing: {', '.join(missing)}.")
    table[C.NPS] = pd.to_numeric(table[C.NPS], errors="coerce")
    if table[C.NPS].isna().any():
        bad = table.loc[table[C.NPS].isna(), INDUSTRY].tolist()
        raise SurveyValidationError(f"NPS115: the industry averages file {path} has no number in column nps "
                                    f"for: {', '.join(map(str, bad))}.")
    if SOURCE_NOTE not in table.columns:
        table[SOURCE_NOTE] = ""
    table[SOURCE_NOTE] = table[SOURCE_NOTE].fillna("")
    return table[[INDUSTRY, C.NPS, SOURCE_NOTE]]


def industry_benchmark(name: str, path: str | Path | None = None) -> dict[str, object]:
    """The average NPS of one industry, labelled as indicative.

    Parameters
    ----------
    name : str
        Industry name; case, spaces, ``_`` and ``-`` do not matter
        (``"Internet_Services"`` finds ``internet services``).
    path : str or Path, optional
        A CSV with columns industry, nps[, source_note] to use instead of the shipped one.

    Returns
    -------
    dict with industry, nps, source_note.

    Raises
    ------
    ParameterError
        NPS207 for an industry not in the file (the message lists the valid names).

    Examples
    --------
    >>> industry_benchmark("Airlines")["nps"]
    36.0
    """
    table = read_industry_table(path)
    hit = table[table[INDUSTRY].map(_norm) == _norm(name)]
    if hit.empty:
        where = "" if path is None else f" in {path}"
        raise ParameterError(f"NPS207: unknown industry {name!r}{where}. Valid names: "
                             f"{', '.join(table[INDUSTRY].astype(str))}. Add a row to your own file and "
                             "pass its path to use another industry or competitor.")
    row = hit.iloc[0]
    return {INDUSTRY: str(row[INDUSTRY]), C.NPS: float(row[C.NPS]), SOURCE_NOTE: str(row[SOURCE_NOTE])}


class BandNote(NamedTuple):
    """A verbal band and the sentence that goes with it."""

    band: str
    note: str


def band_note(nps: float) -> BandNote:
    """Band (> 50 excellent, 0-50 good, < 0 needs action) and a note that never contradicts it.

    Two common readings of NPS overlap: the bands call 0-50 "good" (more promoters
    than detractors), while many practitioners treat anything below 30 as a signal
    to work on. A score in [0, 30) is both, so its note says why.

    Examples
    --------
    >>> band_note(12.0).band
    'good'
    >>> band_note(12.0).note.startswith("good (0-50) but below 30")
    True
    """
    if nps is None or (isinstance(nps, float) and math.isnan(nps)):
        return BandNote("", "")
    b = band(float(nps))
    if nps > 50:
        note = "excellent (above 50): far more promoters than detractors"
    elif nps >= WORK_ON_IT:
        note = "good (0-50): more promoters than detractors"
    elif nps >= 0:
        note = ("good (0-50) but below 30: more customers recommend than warn others, which is what the "
                "'good' band measures, yet at this level a large share are passive or detractors, so "
                "below 30 is the usual signal that there is still work to do")
    else:
        note = "needs action (below 0): more detractors than promoters"
    return BandNote(b, note)


def compare_to_industry(nps: float, name: str, path: str | Path | None = None) -> dict[str, object]:
    """The survey's NPS next to an industry average: both values, the difference and a readable note.

    Returns
    -------
    dict with industry, industry_nps, nps, difference, source_note, note.
    """
    bench = industry_benchmark(name, path)
    diff = float(nps) - bench[C.NPS]
    note = (f"NPS {nps:.1f} vs {bench[INDUSTRY]} average {bench[C.NPS]:.0f} (indicative): "
            f"{diff:+.1f} points")
    return {INDUSTRY: bench[INDUSTRY], "industry_nps": bench[C.NPS], C.NPS: float(nps), "difference": diff,
            SOURCE_NOTE: bench[SOURCE_NOTE], "note": note}
