"""Issue 11 statistics on the real telecom survey (2,353 respondents) with keyword themes.

Checks that the tables come out whole at real size; the timings are in
``benchmarks/stats_telecom.py``, not here.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from nps_text import _columns as C
from nps_text.impact import (assign_periods, build_indicators, change_decomposition, segment_table,
                             theme_statistics, union_impact, wave_table)

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "stats_telecom.py"


@pytest.fixture(scope="module")
def telecom():
    spec = importlib.util.spec_from_file_location("stats_telecom", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.DATA.exists():
        pytest.skip(f"telecom data not found at {module.DATA}")
    return module.fake_tables()


def test_telecom_tables(telecom):
    responses, mentions, labels = telecom
    ind = build_indicators(responses, mentions)
    assert ind.n == 2353 and ind.X.shape[1] > 30
    stats = theme_statistics(ind, n_boot=200)
    assert (stats[C.IMPACT_LOW] <= stats[C.IMPACT]).all() and (stats[C.IMPACT] <= stats[C.IMPACT_HIGH]).all()
    barriers = stats[C.KIND] == C.BARRIER
    union = union_impact(ind, barriers, n_boot=0)[C.IMPACT]
    # the overlapping leave-out impacts over-count; the union does not; key drivers are smaller still
    assert stats.loc[barriers, C.IMPACT].sum() < union < stats.loc[barriers, C.KEY_DRIVER].sum() < 0

    seg = segment_table(responses, mentions, ["journey_stage"], labels=labels).set_index(C.VALUE)
    assert seg.loc["Equipment Received", C.NPS] == pytest.approx(-56.7, abs=0.1)
    assert seg.loc["Equipment Received", C.P_VALUE] < 0.001
    assert seg.loc["Equipment Received", C.GAP_THEMES].count("(-") == 3

    responses = responses.assign(**{C.WAVE: assign_periods(responses[C.DATE])})
    waves = wave_table(responses)
    assert waves[C.WAVE].tolist() == ["2017-12", "2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06"]
    assert waves[C.N].sum() == 2353
    first, last = responses[responses[C.WAVE] == "2017-12"], responses[responses[C.WAVE] == "2018-06"]
    change = change_decomposition(first, mentions, last, mentions, labels=labels)
    assert change[C.TOTAL].sum() == pytest.approx(waves[C.NPS].iloc[-1] - waves[C.NPS].iloc[0], abs=1e-9)
    assert np.isfinite(change[C.TOTAL]).all()
