"""NPS arithmetic: shares, score and its 95% margin of error."""
from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from .. import _columns as C

Z95 = 1.959964
BANDS = ((50.0, "excellent"), (0.0, "good"), (-100.0, "needs action"))
BELOW_30_GOOD = ("below 30: work on it, although 'good' (0-50): more customers recommend than warn, "
                 "but at this level many are passive or detractors")
BELOW_0 = "below 0: more detractors than promoters; work on it"
FEW_RESPONSES = "fewer than {min_n} responses"
#: summary rows (a wave, a segment value) with fewer respondents are flagged as too few to read
SUMMARY_MIN_N = 30


def nps_from_counts(promoters: int, passives: int, detractors: int) -> dict[str, float]:
    """NPS with its 95% margin of error, from group counts.

    Each respondent scores +1 (promoter), 0 or -1 (detractor); NPS is 100 x the
    mean, so its standard error follows from the variance of that variable:
    ``var = p + d - (p - d)^2``.

    >>> nps_from_counts(50, 30, 20)["nps"]
    30.0
    """
    n = promoters + passives + detractors
    if n == 0:
        return {"n": 0, "promoters": 0, "passives": 0, "detractors": 0, "share_promoters": float("nan"),
                "share_passives": float("nan"), "share_detractors": float("nan"), "nps": float("nan"),
                "moe": float("nan")}
    p, q, d = promoters / n, passives / n, detractors / n
    var = max(p + d - (p - d) ** 2, 0.0)
    return {
        "n": n, "promoters": promoters, "passives": passives, "detractors": detractors,
        "share_promoters": p, "share_passives": q, "share_detractors": d,
        "nps": 100.0 * (p - d), "moe": 100.0 * Z95 * math.sqrt(var / n),
    }


def nps_of(groups: Iterable[str]) -> dict[str, float]:
    """NPS of a sequence of group labels (None ignored)."""
    s = pd.Series(list(groups), dtype=object)
    counts = s.value_counts()
    return nps_from_counts(int(counts.get(C.PROMOTER, 0)), int(counts.get(C.PASSIVE, 0)),
                           int(counts.get(C.DETRACTOR, 0)))


def band(nps: float) -> str:
    """Verbal band: > 50 excellent, 0-50 good, < 0 needs action."""
    if math.isnan(nps):
        return ""
    if nps > 50:
        return "excellent"
    if nps >= 0:
        return "good"
    return "needs action"


def nps_summary(responses: pd.DataFrame, by: list[str] | None = None, *, min_n: int = 1) -> pd.DataFrame:
    """NPS overall and per segment/wave.

    Returns columns: segment, value, n, promoters, passives, detractors, share_*,
    nps, moe, band, flag. Only rows with a valid score count (status != excluded).
    Groups with fewer than ``min_n`` respondents are kept but flagged.
    """
    valid = responses[responses[C.STATUS] != C.EXCLUDED]
    rows = [{"segment": "overall", "value": "all", **nps_of(valid[C.GROUP])}]
    for col in by or []:
        if col not in valid.columns:
            continue
        for value, part in valid.groupby(valid[col].fillna("(blank)"), sort=True):
            rows.append({"segment": col, "value": str(value), **nps_of(part[C.GROUP])})
    return add_bands(pd.DataFrame(rows), min_n=min_n)


def add_bands(out: pd.DataFrame, *, min_n: int = 1) -> pd.DataFrame:
    """Add ``band`` and ``flag`` to a table of NPS rows (columns n and nps), as ``nps_summary`` shows them."""
    out = out.copy()
    out["band"] = out["nps"].map(band)
    out["flag"] = ""
    out.loc[out["n"] < max(min_n, 1), "flag"] = FEW_RESPONSES.format(min_n=min_n)
    # a "good" NPS below 30 is both: say why, so the band and the flag never read as a contradiction
    out.loc[(out["flag"] == "") & (out["nps"] >= 0) & (out["nps"] < 30), "flag"] = BELOW_30_GOOD
    out.loc[(out["flag"] == "") & (out["nps"] < 0), "flag"] = BELOW_0
    return out
