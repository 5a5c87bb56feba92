"""NPS arithmetic: score, margin of error, bands, per-segment summaries."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from nps_text.impact import band, nps_from_counts, nps_of, nps_summary


def test_nps_from_counts_known_values():
    r = nps_from_counts(50, 30, 20)
    assert r["n"] == 100
    assert r["nps"] == pytest.approx(30.0)
    assert (r["share_promoters"], r["share_passives"], r["share_detractors"]) == pytest.approx((0.5, 0.3, 0.2))
    # var = p + d - (p - d)^2 = 0.7 - 0.09 = 0.61; moe = 100 * 1.96 * sqrt(0.61 / 100)
    assert r["moe"] == pytest.approx(100 * 1.959964 * math.sqrt(0.61 / 100), rel=1e-9)
    assert r["moe"] == pytest.approx(15.308, abs=1e-3)


def test_nps_extremes_and_empty():
    assert nps_from_counts(10, 0, 0)["nps"] == 100.0
    assert nps_from_counts(10, 0, 0)["moe"] == 0.0
    assert nps_from_counts(0, 0, 7)["nps"] == -100.0
    assert nps_from_counts(1, 2, 1)["nps"] == 0.0
    empty = nps_from_counts(0, 0, 0)
    assert empty["n"] == 0 and math.isnan(empty["nps"]) and math.isnan(empty["moe"])


def test_nps_of_ignores_missing_groups():
    r = nps_of(["promoter", "promoter", "detractor", None, "passive"])
    assert r["n"] == 4
    assert r["nps"] == pytest.approx(25.0)


@pytest.mark.parametrize("value, expected", [
    (100.0, "excellent"), (50.1, "excellent"), (50.0, "good"), (0.0, "good"), (-0.1, "needs action"),
    (-100.0, "needs action"), (float("nan"), ""),
])
def test_band_edges(value, expected):
    assert band(value) == expected


def _responses():
    # wave Q1: 3 promoters, 1 detractor (+1 excluded); wave Q2: 1 promoter, 1 passive, 2 detractors
    return pd.DataFrame({
        "group": ["promoter", "promoter", "promoter", "detractor", None,
                  "promoter", "passive", "detractor", "detractor"],
        "status": ["analysed", "nps_only", "analysed", "analysed", "excluded",
                   "analysed", "analysed", "nps_only", "analysed"],
        "wave": ["Q1"] * 5 + ["Q2"] * 4,
        "region": ["Kyiv", "Kyiv", "Odesa", "Odesa", "Kyiv", "Kyiv", None, "Odesa", "Odesa"],
    })


def test_nps_summary_overall_wave_and_segment():
    s = nps_summary(_responses(), by=["wave", "region"])
    rows = {(r.segment, r.value): r for r in s.itertuples()}
    overall = rows[("overall", "all")]
    assert overall.n == 8  # the excluded row does not count
    assert overall.nps == pytest.approx(100 * (4 - 3) / 8)
    assert rows[("wave", "Q1")].n == 4
    assert rows[("wave", "Q1")].nps == pytest.approx(50.0)
    assert rows[("wave", "Q2")].nps == pytest.approx(-25.0)
    assert rows[("wave", "Q2")].band == "needs action"
    assert rows[("region", "Kyiv")].n == 3 and rows[("region", "Kyiv")].nps == pytest.approx(100.0)
    assert rows[("region", "Odesa")].nps == pytest.approx(100 * (1 - 3) / 4)
    assert rows[("region", "(blank)")].n == 1
    assert s.iloc[0]["segment"] == "overall"


def test_nps_summary_flags_small_and_low_groups():
    s = nps_summary(_responses(), by=["wave"], min_n=4)
    flags = dict(zip(s["value"], s["flag"]))
    assert flags["all"].startswith("below 30: work on it, although 'good' (0-50)")  # NPS 12.5: says why both
    assert flags["Q1"] == ""  # NPS 50, n=4
    assert flags["Q2"] == "below 0: more detractors than promoters; work on it"  # NPS -25
    s2 = nps_summary(_responses(), by=["wave"], min_n=30)
    assert set(s2["flag"]) == {"fewer than 30 responses"}


def test_nps_summary_ignores_unknown_segment_column():
    s = nps_summary(_responses(), by=["nonexistent"])
    assert s["segment"].tolist() == ["overall"]
