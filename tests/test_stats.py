"""Statistics of the impact stage (issue 11): intervals, key drivers, segment gaps, waves, benchmarks.

Hand-computable cases pin the arithmetic; simulations from a known model check
that the intervals cover and the key drivers see through overlap.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nps_text import _columns as C
from nps_text.errors import ParameterError, SurveyValidationError
from nps_text.impact import (assign_periods, band_note, bootstrap_impact, bootstrap_key_drivers, build_indicators,
                             change_decomposition, choose_period, compare_to_industry, decompose_difference,
                             department_priorities, emerging_themes, fit_linear, gap_contributions,
                             impact_intervals, industry_benchmark, item_impact, key_drivers, segment_table,
                             theme_statistics, union_impact, wave_change, wave_table, wave_themes)
from nps_text.impact._indicators import bh_adjust, distinct_rows, resample_distinct, two_proportion_p

GROUP_OF = {1: C.PROMOTER, 0: C.PASSIVE, -1: C.DETRACTOR}


def make_tables(y, mentioned, *, kinds=None, extra=None, start_row=1):
    """responses + mentions from an NPS variable and a list of item sets per respondent.

    ``mentioned[i]`` is a set of theme ids; kinds default to barrier.
    """
    n = len(y)
    rows = np.arange(start_row, start_row + n)
    responses = pd.DataFrame({C.ROW: rows, C.GROUP: [GROUP_OF[int(v)] for v in y], C.STATUS: C.ANALYSED})
    for name, values in (extra or {}).items():
        responses[name] = values
    recs = []
    for r, themes in zip(rows, mentioned):
        for t in sorted(themes):
            kind = (kinds or {}).get(t, C.BARRIER)
            recs.append((r, t, kind))
            recs.append((r, t, kind))  # two clauses of one theme: still one mentioner
    mentions = pd.DataFrame(recs, columns=[C.ROW, C.THEME_ID, C.KIND])
    return responses, mentions


# --------------------------------------------------------------------------- hand-computable

@pytest.fixture
def small():
    # rows 1..10 valid, 11 excluded.   1-4 P, 5-6 Pa, 7-10 D  -> NPS 0
    y = [1, 1, 1, 1, 0, 0, -1, -1, -1, -1]
    mentioned = [set(), set(), set(), {3}, {0}, set(), {0, 3}, {0}, {0}, {3}]
    responses, mentions = make_tables(y, mentioned)
    responses = pd.concat([responses, pd.DataFrame({C.ROW: [11], C.GROUP: [None], C.STATUS: [C.EXCLUDED]})],
                          ignore_index=True)
    mentions = pd.concat([mentions, pd.DataFrame({C.ROW: [11, 3], C.THEME_ID: [0, 5], C.KIND: [C.BARRIER,
                                                                                               C.NEUTRAL]})],
                         ignore_index=True)
    return responses, mentions


def test_indicators_count_each_mentioner_once_and_drop_excluded(small):
    with_neutral = build_indicators(*small)
    assert with_neutral.items.to_dict("records")[-1] == {C.THEME_ID: 5, C.KIND: C.NEUTRAL}
    assert with_neutral.X[:, -1].toarray().ravel().tolist() == [0, 0, 1] + [0] * 7
    ind = build_indicators(*small, kinds=(C.DRIVER, C.BARRIER))
    assert ind.n == 10
    assert ind.items.to_dict("records") == [{C.THEME_ID: 0, C.KIND: C.BARRIER}, {C.THEME_ID: 3, C.KIND: C.BARRIER}]
    assert ind.X.toarray().sum(axis=0).tolist() == [4.0, 3.0]
    assert ind.X.max() == 1.0
    assert ind.y.tolist() == [1, 1, 1, 1, 0, 0, -1, -1, -1, -1]


def test_impact_hand_computed_and_matches_item_impact(small):
    responses, mentions = small
    table = impact_intervals(build_indicators(responses, mentions, kinds=(C.BARRIER,)), n_boot=200, seed=1,
                             min_respondents=1)
    # theme 0: mentioners rows 5 Pa, 7 D, 8 D, 9 D -> NPS -75; without: 4 P, 1 Pa, 1 D -> 50; impact 0 - 50
    t0 = table.iloc[0]
    assert t0[C.N_RESPONDENTS] == 4
    assert t0[C.NPS_MENTIONERS] == pytest.approx(-75.0)
    assert t0[C.IMPACT] == pytest.approx(-50.0)
    assert t0[C.IMPACT_LOW] <= -50.0 <= t0[C.IMPACT_HIGH]
    assert t0[C.NPS_MENTIONERS_LOW] <= -75.0 <= t0[C.NPS_MENTIONERS_HIGH]
    # theme 3: rows 4 P, 7 D, 10 D -> NPS -33.3; without: 3 P, 2 Pa, 2 D -> 14.29; impact -14.29
    assert table.iloc[1][C.IMPACT] == pytest.approx(-100.0 / 7)
    legacy = item_impact(mentions, responses, key=C.THEME_ID)
    legacy = legacy[legacy[C.KIND] == C.BARRIER].sort_values(C.THEME_ID)
    assert table[C.IMPACT].to_numpy() == pytest.approx(legacy[C.IMPACT].to_numpy())


def test_union_impact_counts_overlap_once(small):
    ind = build_indicators(*small, kinds=(C.BARRIER,))
    u = union_impact(ind, n_boot=100)
    # mentioners of 0 or 3: rows 4 P, 5 Pa, 7-10 D -> 6 people; the rest rows 1-3 P, 6 Pa -> NPS 75
    assert u[C.N_RESPONDENTS] == 6
    assert u[C.IMPACT] == pytest.approx(0.0 - 75.0)
    separate = impact_intervals(ind, n_boot=0)[C.IMPACT].sum()
    assert separate == pytest.approx(-50.0 - 100.0 / 7)  # the double-counting sum differs
    assert union_impact(ind, ind.items[C.THEME_ID] == 3, n_boot=0)[C.IMPACT] == pytest.approx(-100.0 / 7)


def test_significant_needs_min_respondents():
    rng = np.random.default_rng(0)
    y = np.r_[-np.ones(8), rng.choice([1.0, 0.0], 200)]
    X = np.r_[np.ones(8), np.zeros(200)][:, None]
    out = bootstrap_impact(X, y, n_boot=300, min_respondents=10)
    assert out[C.IMPACT_HIGH][0] < 0  # the interval excludes 0 ...
    assert not out[C.SIGNIFICANT][0]  # ... but 8 mentioners are too few
    assert bootstrap_impact(X, y, n_boot=300, min_respondents=8)[C.SIGNIFICANT][0]


def test_bootstrap_is_seeded():
    rng = np.random.default_rng(3)
    X = (rng.random((300, 4)) < 0.2).astype(float)
    y = rng.choice([-1.0, 0.0, 1.0], 300)
    a, b = bootstrap_impact(X, y, n_boot=50, seed=7), bootstrap_impact(X, y, n_boot=50, seed=7)
    c = bootstrap_impact(X, y, n_boot=50, seed=8)
    assert np.array_equal(a[C.IMPACT_LOW], b[C.IMPACT_LOW])
    assert not np.array_equal(a[C.IMPACT_LOW], c[C.IMPACT_LOW])


def test_wrong_params():
    X, y = np.ones((3, 1)), np.array([1.0, 0.0, -1.0])
    with pytest.raises(ParameterError, match="NPS201: the 'n_boot' parameter of bootstrap_impact must be an int"):
        bootstrap_impact(X, y, n_boot=-1)
    with pytest.raises(ParameterError, match="NPS201: the 'ridge' parameter of bootstrap_key_drivers"):
        bootstrap_key_drivers(X, y, ridge=-1.0)
    with pytest.raises(ParameterError, match="NPS201: the 'period' parameter of assign_periods must be one of"):
        assign_periods(["2020-01-01"], period="week")


def test_key_driver_of_a_single_item_is_its_leave_out_impact():
    rng = np.random.default_rng(2)
    X = (rng.random((500, 1)) < 0.3).astype(float)
    y = np.clip(np.round(rng.normal(0.2 - 0.8 * X[:, 0], 0.8)), -1, 1)
    kd = bootstrap_key_drivers(X, y, n_boot=0, ridge=0.0)
    imp = bootstrap_impact(X, y, n_boot=0)
    assert kd[C.KEY_DRIVER][0] == pytest.approx(imp[C.IMPACT][0])


def test_bootstrap_key_drivers_batched_normal_equations_match_a_direct_fit():
    rng = np.random.default_rng(4)
    n = 250
    X = (rng.random((n, 5)) < 0.25).astype(float)
    y = rng.choice([-1.0, 0.0, 1.0], n)
    out = bootstrap_key_drivers(X, y, n_boot=1, seed=11, ridge=0.5)
    Xd, yd, counts = distinct_rows(X, y)
    w = resample_distinct(np.random.default_rng(11), counts, 1)[0]
    Xd = Xd.toarray()
    Z = np.c_[np.ones(len(yd)), Xd]
    A = Z.T @ (w[:, None] * Z) + np.diag([0.0] + [0.5] * 5)
    b = np.linalg.solve(A, Z.T @ (w * yd))
    expected = 100.0 * (w @ Xd / w.sum()) * b[1:]
    # one replicate: its percentile "interval" is the replicate itself
    assert out[C.KEY_DRIVER_LOW] == pytest.approx(expected)
    assert out[C.KEY_DRIVER_HIGH] == pytest.approx(expected)


def test_distinct_rows_merge_identical_respondents_and_keep_every_count():
    rng = np.random.default_rng(9)
    n = 400
    X = (rng.random((n, 3)) < 0.3).astype(float)
    y = rng.choice([-1.0, 0.0, 1.0], n)
    Xd, yd, counts = distinct_rows(X, y)
    assert len(yd) < n and counts.sum() == n
    rows = {tuple(r) + (v,) for r, v in zip(X, y)}
    assert {tuple(r) + (v,) for r, v in zip(Xd.toarray(), yd)} == rows and len(rows) == len(yd)
    # totals weighted by the counts are the respondents' totals
    np.testing.assert_array_equal(counts @ Xd.toarray(), X.sum(axis=0))
    assert counts @ yd == y.sum()


def test_drawing_kinds_of_respondent_is_the_respondent_bootstrap():
    # n respondents drawn with replacement, counted per kind, vs Multinomial(n, counts / n) over the kinds:
    # the same distribution, so the replicates' statistics have the same mean and spread
    rng = np.random.default_rng(10)
    n = 300
    X = (rng.random((n, 2)) < 0.3).astype(float)
    y = np.clip(np.round(rng.normal(0.3 - 0.9 * X[:, 0], 0.8)), -1, 1)
    Xd, yd, counts = distinct_rows(X, y)
    code = {tuple(r) + (v,): k for k, (r, v) in enumerate(zip(Xd.toarray(), yd))}
    of = np.array([code[tuple(r) + (v,)] for r, v in zip(X, y)])
    B = 4000
    plain = np.stack([np.bincount(of[rng.integers(0, n, n)], minlength=len(yd)) for _ in range(B)]).astype(float)
    merged = resample_distinct(rng, counts, B)
    assert (merged.sum(axis=1) == n).all()

    def impact(W):
        mentioners = W @ Xd.toarray()[:, 0]
        return 100 * (W @ yd / n - (W @ yd - W @ (Xd.toarray()[:, 0] * yd)) / (n - mentioners))

    a, b = impact(plain), impact(merged)
    assert abs(a.mean() - b.mean()) < 4 * np.hypot(a.std(), b.std()) / np.sqrt(B)
    assert b.std() == pytest.approx(a.std(), rel=0.06)


def test_fit_linear_intercept_equation_is_exact_even_when_singular():
    X = np.array([[1, 1], [1, 1], [0, 0], [0, 0]], dtype=float)  # two identical columns
    y = np.array([-1.0, 0.0, 1.0, 1.0])
    b0, beta = fit_linear(X, y, ridge=0.0)
    assert b0 + X.mean(axis=0) @ beta == pytest.approx(y.mean(), abs=1e-12)
    assert beta.sum() == pytest.approx(-1.5)  # mentioners -0.5 vs 1.0


# --------------------------------------------------------------------------- simulation

# Two overlapping barrier themes A (0) and B (1): P(A) = 0.25, P(B | A) = 0.5, P(B | not A) = 0.1.
# Group probabilities (promoter, passive, detractor) per mention pattern:
PATTERNS = {(0, 0): (0.45, 0.30, 0.25), (1, 0): (0.15, 0.25, 0.60), (0, 1): (0.30, 0.30, 0.40),
            (1, 1): (0.05, 0.20, 0.75)}
P_A, P_B_A, P_B_NOT_A = 0.25, 0.5, 0.1


def _pattern_probs():
    return {(1, 1): P_A * P_B_A, (1, 0): P_A * (1 - P_B_A), (0, 1): (1 - P_A) * P_B_NOT_A,
            (0, 0): (1 - P_A) * (1 - P_B_NOT_A)}


def _true_impacts():
    probs = _pattern_probs()
    mean = {k: v[0] - v[2] for k, v in PATTERNS.items()}
    overall = sum(probs[k] * mean[k] for k in probs)
    out = []
    for j in (0, 1):
        keep = [k for k in probs if k[j] == 0]
        without = sum(probs[k] * mean[k] for k in keep) / sum(probs[k] for k in keep)
        out.append(100.0 * (overall - without))
    return np.array(out)


def _draw(rng, n):
    a = rng.random(n) < P_A
    b = rng.random(n) < np.where(a, P_B_A, P_B_NOT_A)
    u = rng.random(n)
    y = np.empty(n)
    for (pa, pb), (pp, pq, _) in PATTERNS.items():
        m = (a == bool(pa)) & (b == bool(pb))
        y[m] = np.where(u[m] < pp, 1.0, np.where(u[m] < pp + pq, 0.0, -1.0))
    return np.c_[a, b].astype(float), y


def test_bootstrap_intervals_cover_the_true_impact():
    truth = _true_impacts()
    rng = np.random.default_rng(2024)
    hits = np.zeros(2)
    n_surveys = 200
    for s in range(n_surveys):
        X, y = _draw(rng, 400)
        out = bootstrap_impact(X, y, n_boot=300, seed=s)
        hits += (out[C.IMPACT_LOW] <= truth) & (truth <= out[C.IMPACT_HIGH])
    coverage = hits / n_surveys
    assert ((coverage >= 0.90) & (coverage <= 0.98)).all(), coverage


def test_key_drivers_see_through_overlap_where_leave_out_impact_is_fooled():
    # A (0) is bad and common; B (1) is harmless but mostly mentioned together with A;
    # C (2) is moderately bad and independent of the others.
    rng = np.random.default_rng(5)
    n = 3000
    a = rng.random(n) < 0.3
    b = rng.random(n) < np.where(a, 0.6, 0.05)
    c = rng.random(n) < 0.15
    p_det = 0.2 + 0.5 * a + 0.2 * c  # B adds nothing
    u = rng.random(n)
    y = np.where(u < p_det, -1.0, np.where(u < p_det + 0.3, 0.0, 1.0))
    responses, mentions = make_tables(y, [{j for j, v in enumerate(f) if v} for f in zip(a, b, c)])
    stats = theme_statistics(build_indicators(responses, mentions), n_boot=300, seed=0)
    imp = stats.set_index(C.THEME_ID)[C.IMPACT]
    kd = stats.set_index(C.THEME_ID)
    # leave-out impact is fooled: harmless B looks worse than really bad C
    assert imp[1] < imp[2]
    # the key driver ranks the planted themes correctly: A worst, then C, B about nothing
    assert kd.loc[0, C.KEY_DRIVER] < kd.loc[2, C.KEY_DRIVER] < kd.loc[1, C.KEY_DRIVER]
    assert kd.loc[1, C.KEY_DRIVER_LOW] <= 0 <= kd.loc[1, C.KEY_DRIVER_HIGH]
    assert kd.loc[2, C.KEY_DRIVER_HIGH] < 0
    # C moves 0.2 of respondents from promoter to detractor: -0.4 on the NPS variable per mentioner
    assert kd.loc[2, C.KEY_DRIVER] == pytest.approx(100 * c.mean() * -0.2 * 2, abs=1.5)


# --------------------------------------------------------------------------- change decomposition

def _random_wave(rng, n, n_themes, start_row):
    y = rng.choice([-1, 0, 1], n)
    def pick():
        return set(rng.choice(n_themes, rng.integers(0, min(3, n_themes + 1)), replace=False).tolist())

    mentioned = [pick() for _ in range(n)]
    kinds = {t: (C.DRIVER if t % 2 else C.BARRIER) for t in range(n_themes)}
    return make_tables(y, mentioned, kinds=kinds, start_row=start_row)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), n_old=st.integers(1, 60), n_new=st.integers(1, 60),
       n_themes=st.integers(1, 8), ridge=st.sampled_from([0.0, 0.1, 1.0]), by_kind=st.booleans())
def test_change_decomposition_sums_exactly_to_the_nps_change(seed, n_old, n_new, n_themes, ridge, by_kind):
    rng = np.random.default_rng(seed)
    r0, m0 = _random_wave(rng, n_old, n_themes, 1)
    r1, m1 = _random_wave(rng, n_new, rng.integers(1, n_themes + 1), 1)
    table = change_decomposition(r0, m0, r1, m1, ridge=ridge, by_kind=by_kind)
    nps0 = 100.0 * (r0[C.GROUP].map({C.PROMOTER: 1, C.PASSIVE: 0, C.DETRACTOR: -1}).mean())
    nps1 = 100.0 * (r1[C.GROUP].map({C.PROMOTER: 1, C.PASSIVE: 0, C.DETRACTOR: -1}).mean())
    assert table[C.TOTAL].sum() == pytest.approx(nps1 - nps0, abs=1e-9)
    assert table.attrs["nps_old"] == pytest.approx(nps0)
    assert table[C.LABEL].iloc[-1] == C.UNEXPLAINED_LABEL
    items = table.iloc[:-1]
    assert np.allclose(items[C.MIX] + items[C.RATE], items[C.TOTAL])


def test_change_decomposition_hand_computed():
    # one theme 7; ridge 0 so the model is the two group means.
    # old: 10 people, 2 mention it (both D), the other 8: 4 P, 4 Pa -> NPS (4 - 2) / 10 = 20
    #   s0 = 0.2, beta0 = -1 - 0.5 = -1.5, b0_0 = 0.5
    # new: 10 people, 5 mention it (5 D), the other 5: 3 P, 2 D -> NPS (3 - 7) / 10 = -40
    #   s1 = 0.5, beta1 = -1 - 0.2 = -1.2, b0_1 = 0.2
    r0, m0 = make_tables([-1, -1, 1, 1, 1, 1, 0, 0, 0, 0], [{7}, {7}] + [set()] * 8)
    r1, m1 = make_tables([-1] * 5 + [1, 1, 1, -1, -1], [{7}] * 5 + [set()] * 5)
    t = change_decomposition(r0, m0, r1, m1, labels={7: "Engineer visit"}, ridge=0.0)
    assert t[C.THEME_ID].iloc[0] == 7 and t[C.LABEL].iloc[0] == "Engineer visit"
    assert t[C.MIX].iloc[0] == pytest.approx(100 * 0.3 * (-1.35))   # -40.5
    assert t[C.RATE].iloc[0] == pytest.approx(100 * 0.35 * 0.3)     # +10.5
    assert t[C.TOTAL].iloc[1] == pytest.approx(100 * (0.2 - 0.5))   # unexplained: -30
    assert t[C.TOTAL].sum() == pytest.approx(-60.0)
    assert list(t.columns) == [C.THEME_ID, C.LABEL, C.MIX, C.RATE, C.TOTAL]


def test_wave_change_cuts_one_table_by_wave():
    r0, m0 = make_tables([-1, -1, 1, 1, 1, 1, 0, 0, 0, 0], [{7}, {7}] + [set()] * 8)
    r1, m1 = make_tables([-1] * 5 + [1, 1, 1, -1, -1], [{7}] * 5 + [set()] * 5, start_row=11)
    responses = pd.concat([r0.assign(wave="A"), r1.assign(wave="B")], ignore_index=True)
    mentions = pd.concat([m0, m1], ignore_index=True)
    t = wave_change(responses, mentions, "A", "B", ridge=0.0)
    assert t[C.TOTAL].sum() == pytest.approx(-60.0)
    assert t[C.MIX].iloc[0] == pytest.approx(-40.5)


# --------------------------------------------------------------------------- waves

def test_wave_table_hand_computed():
    y = [1, 1, 0, -1] + [-1, -1, 0, 1, 1, -1]
    responses, _ = make_tables(y, [set()] * 10, extra={C.WAVE: ["2018-02"] * 4 + ["2018-03"] * 6})
    t = wave_table(responses)
    assert t[C.WAVE].tolist() == ["2018-02", "2018-03"]
    assert t[C.NPS].tolist() == pytest.approx([25.0, 100 * (2 - 3) / 6])
    assert t[C.BAND].tolist() == ["good", "needs action"]
    assert t["note"].iloc[0].startswith("good (0-50) but below 30")
    assert np.isnan(t[C.CHANGE].iloc[0]) and np.isnan(t[C.P_VALUE].iloc[0])
    assert t[C.CHANGE].iloc[1] == pytest.approx(100 * (-1 / 6) - 25.0)
    # Welch z: means 0.25 (var 0.6875, n 4) and -1/6 (var 0.8056, n 6)
    se = np.sqrt(0.6875 / 3 + (5 / 6 - 1 / 36) / 5)
    from math import erfc, sqrt
    assert t[C.P_VALUE].iloc[1] == pytest.approx(erfc(abs(0.25 + 1 / 6) / se / sqrt(2)))


def test_assign_periods_by_span():
    short = pd.Series(["2017-12-11 09:00", "2018-03-01", "2018-06-20 10:30"])  # about 6 months
    assert choose_period(short) == "month"
    assert assign_periods(short).tolist() == ["2017-12", "2018-03", "2018-06"]
    long = ["2017-01-15", "2017-11-30", "2018-02-01"]  # about 13 months
    out = assign_periods(long)
    assert out.attrs["period"] == "quarter"
    assert out.tolist() == ["2017Q1", "2017Q4", "2018Q1"]
    assert assign_periods(long, period="month").tolist() == ["2017-01", "2017-11", "2018-02"]
    assert assign_periods(["2010-05-01", "2018-01-01"]).tolist() == ["2010", "2018"]
    assert assign_periods(["2018-01-01", None, "not a date"]).tolist() == ["2018-01", None, None]
    # text dates are read as the ingest stage reads them: day first unless year first
    assert assign_periods(["01.03.2018", "2018/02/01"]).tolist() == ["2018-03", "2018-02"]
    dt = pd.Series(pd.to_datetime(["2018-01-15 12:00", "2018-02-01 01:00"])).dt.tz_localize("Europe/Kyiv")
    assert assign_periods(dt).tolist() == ["2018-01", "2018-01"]  # converted to UTC first


def test_assign_periods_without_any_readable_date():
    with pytest.raises(SurveyValidationError, match="NPS116: none of the 2 dates could be read"):
        assign_periods(["soon", ""])


def test_wave_themes_share_and_impact_per_wave():
    y = [-1, 1, 1, 0] + [-1, -1, 1, 1]
    responses, mentions = make_tables(y, [{1}, set(), set(), set(), {1}, {1}, set(), set()],
                                      extra={C.WAVE: ["a"] * 4 + ["b"] * 4})
    t = wave_themes(responses, mentions, labels={1: "Billing"})
    assert t[C.WAVE].tolist() == ["a", "b"]
    assert t[C.PCT_RESPONDENTS].tolist() == pytest.approx([25.0, 50.0])
    assert t[C.IMPACT].tolist() == pytest.approx([25.0 - 100 * 2 / 3, 0.0 - 100.0])
    assert set(t[C.LABEL]) == {"Billing"}


def test_emerging_themes_flag_a_small_theme_that_rises_fast():
    rng = np.random.default_rng(9)
    n = 400
    waves = np.repeat(["2018-01", "2018-02", "2018-03"], n)
    small_p = np.repeat([0.005, 0.005, 0.05], n)    # 0.5% -> 5%
    fading_p = np.repeat([0.20, 0.20, 0.08], n)     # 20% -> 8%
    stable_p = np.full(3 * n, 0.15)
    mentioned = []
    for i in range(3 * n):
        s = set()
        for t, p in ((1, small_p[i]), (2, fading_p[i]), (3, stable_p[i])):
            if rng.random() < p:
                s.add(t)
        mentioned.append(s)
    responses, mentions = make_tables(rng.choice([-1, 0, 1], 3 * n), mentioned, extra={C.WAVE: waves})
    t = emerging_themes(responses, mentions)
    last = t[t[C.WAVE] == "2018-03"].set_index(C.THEME_ID)
    assert last.loc[1, C.TREND] == C.EMERGING
    assert last.loc[2, C.TREND] == C.FADING
    assert last.loc[3, C.TREND] == ""
    assert last.loc[1, C.PCT_BEFORE] < 1.5 and last.loc[1, C.PCT_RESPONDENTS] > 3
    assert (t[t[C.WAVE] == "2018-02"][C.TREND] == "").all()


def test_two_proportion_test_and_bh():
    # 0 of 100 vs 10 of 100: pooled p 0.05, se sqrt(.05*.95*.02)=0.0308, z=3.244
    p = two_proportion_p(np.array([10]), np.array([100]), np.array([0]), np.array([100]))
    assert p[0] == pytest.approx(0.001178, rel=1e-2)
    assert bh_adjust(np.array([0.01, 0.04, 0.03, np.nan])).tolist()[:3] == pytest.approx([0.03, 0.04, 0.04])


# --------------------------------------------------------------------------- segments

def _planted_segments(seed=1):
    rng = np.random.default_rng(seed)
    n = 1500
    stage = rng.choice(["Order", "Equipment Received", "Service in Use"], n)
    in_seg = stage == "Equipment Received"
    a = rng.random(n) < np.where(in_seg, 0.45, 0.10)   # the gap: "Engineer visit" much more often
    b = rng.random(n) < 0.15                           # billing: same everywhere
    c = rng.random(n) < 0.2                            # a driver, same everywhere
    p_det = 0.25 + 0.55 * a + 0.25 * b - 0.15 * c
    p_pro = np.clip(0.45 - 0.4 * a - 0.2 * b + 0.25 * c, 0.02, None)
    u = rng.random(n)
    y = np.where(u < p_det, -1, np.where(u < p_det + p_pro, 1, 0))
    mentioned = [{j for j, v in zip((10, 11, 12), f) if v} for f in zip(a, b, c)]
    return make_tables(y, mentioned, kinds={12: C.DRIVER}, extra={"journey_stage": stage})


def test_segment_gap_themes_recover_a_planted_gap():
    responses, mentions = _planted_segments()
    labels = {10: "Engineer visit", 11: "Billing", 12: "Friendly staff"}
    table = segment_table(responses, mentions, ["journey_stage", "not a column"], labels=labels)
    assert list(table.columns) == [C.SEGMENT, C.VALUE, C.N, C.NPS, C.MOE, C.P_VALUE, C.GAP_THEMES]
    row = table.set_index(C.VALUE).loc["Equipment Received"]
    others = table[table[C.VALUE] != "Equipment Received"]
    assert row[C.P_VALUE] < 0.001
    assert row[C.NPS] < others[C.NPS].min() - 10
    assert row[C.GAP_THEMES].startswith("Engineer visit (-")
    assert "Billing" not in row[C.GAP_THEMES].split(";")[0]
    assert row[C.MOE] > 0


def test_gap_contributions_sum_to_the_gap():
    responses, mentions = _planted_segments(2)
    long = gap_contributions(responses, mentions, ["journey_stage"])
    for _, part in long.groupby([C.SEGMENT, C.VALUE]):
        assert part[C.TOTAL].sum() == pytest.approx(part[C.GAP].iloc[0], abs=1e-9)
    seg = long[long[C.VALUE] == "Equipment Received"]
    items = seg[seg[C.LABEL] != C.UNEXPLAINED_LABEL].set_index(C.THEME_ID)
    assert items[C.TOTAL].idxmin() == 10
    assert items.loc[10, C.MIX] < items.loc[10, C.RATE] - 5  # more mentioners: a mix effect


def test_decompose_difference_needs_aligned_items(small):
    ind = build_indicators(*small)
    with pytest.raises(ValueError, match="same item columns"):
        decompose_difference(ind, build_indicators(*small, items=ind.items.iloc[:1]))


# --------------------------------------------------------------------------- benchmark and bands

def test_industry_benchmark_shipped_and_own_file(tmp_path):
    assert industry_benchmark("banking")["nps"] == 0.0
    assert industry_benchmark("Internet_Services")["nps"] == 48.0
    assert industry_benchmark("E-Commerce")["source_note"].startswith("indicative")
    own = tmp_path / "rivals.csv"
    own.write_text("industry,nps\nRival A,31\n", encoding="utf-8")
    assert industry_benchmark("rival a", own) == {"industry": "Rival A", "nps": 31.0, "source_note": ""}
    c = compare_to_industry(12.0, "airlines")
    assert c["difference"] == pytest.approx(-24.0)
    assert "(indicative)" in c["note"]


def test_industry_benchmark_errors(tmp_path):
    with pytest.raises(ParameterError, match=r"NPS207: unknown industry 'telecoms'\. Valid names: banking, "
                                             r"car insurance, healthcare, airlines"):
        industry_benchmark("telecoms")
    bad = tmp_path / "bad.csv"
    bad.write_text("sector,score\nx,1\n", encoding="utf-8")
    with pytest.raises(SurveyValidationError, match="NPS115: the industry averages file .* missing: industry, nps"):
        industry_benchmark("x", bad)
    with pytest.raises(SurveyValidationError, match="NPS115: could not read"):
        industry_benchmark("x", tmp_path / "missing.csv")


@pytest.mark.parametrize("nps, band, note_start", [
    (12.0, "good", "good (0-50) but below 30: "),
    (0.0, "good", "good (0-50) but below 30: "),
    (30.0, "good", "good (0-50): "),
    (50.0, "good", "good (0-50): "),
    (50.1, "excellent", "excellent"),
    (-0.5, "needs action", "needs action"),
])
def test_band_note_never_contradicts_the_band(nps, band, note_start):
    out = band_note(nps)
    assert out.band == band
    assert out.note.startswith(note_start)
    if nps < 30 and band == "good":
        assert "still work to do" in out.note


def test_band_note_of_nan():
    assert band_note(float("nan")) == ("", "")


# --------------------------------------------------------------------------- department priorities

def test_department_priorities():
    themes = pd.DataFrame({
        C.THEME_ID: [1, 2, 3, 4, 1],
        C.LABEL: ["Engineer visit", "Billing", "Tiny", "Helpful staff", "Engineer visit"],
        C.KIND: [C.BARRIER, C.BARRIER, C.BARRIER, C.DRIVER, C.DRIVER],
        C.N_RESPONDENTS: [40, 20, 3, 30, 12],
        C.PCT_RESPONDENTS: [20.0, 10.0, 1.5, 15.0, 6.0],
        C.SHARE_DETR: [0.75, 0.5, 1.0, 0.1, 0.5],
        C.SHARE_PROM: [0.05, 0.2, 0.0, 0.6, 0.2],
        C.IMPACT: [-8.0, -3.0, -1.0, 6.0, -0.5],
        C.IMPACT_LOW: [-11.0, -6.0, -2.0, 3.0, -2.0],
        C.IMPACT_HIGH: [-5.0, 0.5, 0.0, 9.0, 1.0],
    })
    taxonomy = pd.DataFrame({C.THEME_ID: [1, 2, 4], C.DEPARTMENT: ["Field ops", "Finance", "Field ops"],
                             C.OWNER: ["J. Smith", "", "J. Smith"], C.KPI: ["visits on time", "", ""]})
    responses = pd.DataFrame({C.GROUP: [C.DETRACTOR] * 100 + [C.PROMOTER] * 60 + [C.PASSIVE] * 40,
                              C.STATUS: C.ANALYSED})
    out = department_priorities(themes, taxonomy, responses=responses)
    assert list(out.columns) == [C.RANK, C.SCOPE, C.KIND, C.THEME_ID, C.LABEL, C.POINTS, C.POINTS_LOW,
                                 C.POINTS_HIGH, C.N_RESPONDENTS, C.KPI_BASELINE, C.DEPARTMENT, C.OWNER, C.KPI,
                                 C.TARGET]
    overall = out[out[C.SCOPE] == "overall"]
    assert overall[[C.KIND, C.THEME_ID, C.RANK]].values.tolist() == [
        [C.BARRIER, 1, 1], [C.BARRIER, 2, 2], [C.DRIVER, 4, 1]]  # tiny (3) and the negative driver dropped
    first = overall.iloc[0]
    assert (first[C.POINTS], first[C.POINTS_LOW], first[C.POINTS_HIGH]) == (8.0, 5.0, 11.0)
    assert first[C.KPI_BASELINE] == "share of detractors mentioning Engineer visit: 30.0%"
    assert overall.iloc[2][C.KPI_BASELINE] == "share of promoters mentioning Helpful staff: 30.0%"
    field = out[out[C.SCOPE] == "Field ops"]
    assert field[[C.THEME_ID, C.OWNER, C.KPI]].values.tolist() == [[1, "J. Smith", "visits on time"],
                                                                   [4, "J. Smith", ""]]
    assert out[out[C.SCOPE] == "Finance"][C.THEME_ID].tolist() == [2]
    assert (out[C.TARGET] == "").all()
    by_kd = department_priorities(themes.assign(key_driver=themes[C.IMPACT] / 2), None, measure=C.KEY_DRIVER)
    assert by_kd[C.POINTS].iloc[0] == 4.0 and np.isnan(by_kd[C.POINTS_LOW].iloc[0])
    assert by_kd[C.KPI_BASELINE].iloc[0] == "share of respondents mentioning Engineer visit: 20.0%"


def test_key_drivers_table_shape(small):
    kd = key_drivers(build_indicators(*small), n_boot=20)
    assert list(kd.columns) == [C.THEME_ID, C.KIND, C.KEY_DRIVER, C.KEY_DRIVER_LOW, C.KEY_DRIVER_HIGH]
    assert np.isfinite(kd.attrs["baseline"])


def test_everything_runs_without_any_theme():
    y = [1, 0, -1, -1, 1, 1]
    responses, mentions = make_tables(y, [set()] * 6, extra={C.WAVE: list("aabbbb"), "channel": list("xyxyxy")})
    ind = build_indicators(responses, mentions)
    assert ind.X.shape == (6, 0)
    assert theme_statistics(ind, n_boot=10).empty
    assert union_impact(ind, n_boot=10)[C.N_RESPONDENTS] == 0
    seg = segment_table(responses, mentions, ["channel"], min_n=2, alpha=1.0)
    assert (seg[C.GAP_THEMES] == "").all()
    t = change_decomposition(responses[responses[C.WAVE] == "a"], mentions, responses[responses[C.WAVE] == "b"],
                             mentions)
    assert t[C.LABEL].tolist() == [C.UNEXPLAINED_LABEL]
    assert t[C.TOTAL].sum() == pytest.approx(0.0 - 50.0)
    assert emerging_themes(responses, mentions).empty


def test_key_driver_bootstrap_iterative_solver_matches_dense(monkeypatch):
    import nps_text.impact._keydrivers as kd

    rng = np.random.default_rng(6)
    n, p = 300, 20
    X = (rng.random((n, p)) < 0.08).astype(float)
    y = rng.choice([-1.0, 0.0, 1.0], n)
    dense = bootstrap_key_drivers(X, y, n_boot=40, seed=3)
    monkeypatch.setattr(kd, "_DENSE_MAX", 5)  # force the preconditioned CG path
    pcg = bootstrap_key_drivers(X, y, n_boot=40, seed=3)
    assert pcg[C.KEY_DRIVER_LOW] == pytest.approx(dense[C.KEY_DRIVER_LOW], abs=1e-8)
    assert pcg[C.KEY_DRIVER_HIGH] == pytest.approx(dense[C.KEY_DRIVER_HIGH], abs=1e-8)


def test_iterative_solver_falls_back_to_exact_solves():
    from nps_text.impact._keydrivers import _design, _solve, _solve_pcg

    rng = np.random.default_rng(8)
    n, p = 200, 6
    Z = _design((rng.random((n, p)) < 0.2).astype(float))
    y = rng.choice([-1.0, 0.0, 1.0], n)
    W = resample_distinct(rng, np.ones(n), 4)  # every respondent a kind of their own
    r = (Z.multiply(y[:, None]).T @ W.T).T
    pen = np.r_[0.0, np.full(p, 0.7)]
    M = np.linalg.inv((Z.T @ Z).toarray() + np.diag(pen))
    got = _solve_pcg(Z, Z.T.tocsr(), W, r, pen, M, max_iter=0)  # no iteration: every replicate falls back
    Zd = Z.toarray()
    for b in range(4):
        exact = _solve(Zd.T @ (W[b][:, None] * Zd), r[b], 0.7)
        assert got[b] == pytest.approx(exact)


def test_two_files_together_join_on_wave_and_row():
    # both waves number their rows from 1: row alone would mix them up
    r0, m0 = make_tables([-1, -1, 1, 1, 1, 1, 0, 0, 0, 0], [{7}, {7}] + [set()] * 8)
    r1, m1 = make_tables([-1] * 5 + [1, 1, 1, -1, -1], [{7}] * 5 + [set()] * 5)
    responses = pd.concat([r0.assign(wave="A"), r1.assign(wave="B")], ignore_index=True)
    mentions = pd.concat([m0.assign(wave="A"), m1.assign(wave="B")], ignore_index=True)
    ind = build_indicators(responses, mentions, key=[C.WAVE, C.ROW])
    assert ind.X.toarray()[:, 0].tolist() == [1, 1] + [0] * 8 + [1] * 5 + [0] * 5
    t = wave_change(responses, mentions, "A", "B", key=[C.WAVE, C.ROW], ridge=0.0)
    assert t[C.MIX].iloc[0] == pytest.approx(-40.5)
    with pytest.raises(KeyError, match="join key"):
        build_indicators(responses, mentions.drop(columns=C.WAVE), key=[C.WAVE, C.ROW])


def test_segment_table_blank_values_and_small_segments():
    y = [1] * 12 + [-1] * 12 + [0, 1]
    channel = ["web"] * 12 + ["phone"] * 12 + [None, None]
    responses, mentions = make_tables(y, [set()] * 26, extra={"channel": channel, "one": "x"})
    t = segment_table(responses, mentions, ["channel", "one"])
    assert t[C.VALUE].tolist() == ["(blank)", "phone", "web"]  # a column with one value is skipped
    blank = t.iloc[0]
    assert blank[C.N] == 2 and blank[C.NPS] == 50.0 and np.isnan(blank[C.P_VALUE])  # under min_n: no test
    assert t.iloc[1][C.P_VALUE] < 0.001 and t.iloc[1][C.GAP_THEMES] == ""  # no theme to name


def test_emerging_themes_window_compares_with_the_last_waves_only():
    # theme 1: 10% in a, 0% in b, 10% in c. Against a+b (5%) c is up; against b alone (0%) even more so.
    n = 200
    waves = np.repeat(["a", "b", "c"], n)
    mentioned = [{1} if (w != "b" and i % 10 == 0) else set() for i, w in enumerate(waves)]
    responses, mentions = make_tables(np.zeros(3 * n), mentioned, extra={C.WAVE: waves})
    pooled = emerging_themes(responses, mentions).set_index(C.WAVE)
    last = emerging_themes(responses, mentions, window=1).set_index(C.WAVE)
    assert pooled.loc["c", C.PCT_BEFORE] == pytest.approx(5.0)
    assert last.loc["c", C.PCT_BEFORE] == pytest.approx(0.0)
    assert last.loc["b", C.TREND] == C.FADING and last.loc["c", C.TREND] == C.EMERGING
    assert last.loc["c", C.P_VALUE] < pooled.loc["c", C.P_VALUE]
