"""Issue #9 (a polarity model that reads the text): the tools that decide whether a change of the direction counts.

``train_polarity.nested_choice`` scores a candidate's settings the way it would behave on unseen rows (chosen on
the other folds), and ``eval_polarity.bootstrap_interval`` says how far a report-set number can move by sampling
alone. Both are what the ``--direction-probes`` run and the results page rest on.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def train():
    return _load("train_polarity")


@pytest.fixture(scope="module")
def evalp():
    return _load("eval_polarity")


def _onehot(calls):
    return np.eye(3)[np.asarray(calls)]


def test_nested_choice_picks_each_fold_on_the_other_folds(train):
    # 5 folds of 10 rows; setting "a" is right everywhere except fold 4, "b" is right only on fold 4 and 0
    want = np.tile([0, 1], 25)
    fold = np.repeat(np.arange(5), 10)
    wrong = 1 - want
    a = np.where(fold == 4, wrong, want)
    b = np.where(np.isin(fold, [0, 4]), want, wrong)
    best, calls = train.nested_choice({"a": _onehot(a), "b": _onehot(b)}, want, np.ones(50, bool), fold)
    assert best == "a"  # on all rows "a" is right 40 times, "b" 20
    # fold 4 is called by the setting chosen on folds 0-3 ("a"), so it is wrong there: nested, not in-sample
    assert np.array_equal(calls[fold == 4], wrong[fold == 4])
    assert np.array_equal(calls[fold != 4], want[fold != 4])


def test_nested_choice_counts_a_neutral_call_wrong_and_ignores_other_rows(train):
    want = np.array([0, 1, 2, 0, 1, 2] * 5)
    fold = np.repeat(np.arange(5), 6)
    rows = np.arange(30) < 24  # the last fold is another data set: never scored, never called
    neutral_everywhere = _onehot(np.full(30, 2))
    right = _onehot(want)
    best, calls = train.nested_choice({"neutral": neutral_everywhere, "right": right}, want, rows, fold)
    assert best == "right"
    assert (calls[~rows] == -1).all()
    acc, f1 = train._strict(calls, want, rows)
    assert acc == pytest.approx(1.0) and f1 == pytest.approx(1.0)


def test_bootstrap_interval_holds_the_point_and_shrinks_with_more_items(evalp):
    rng = np.random.default_rng(1)
    gold = np.where(rng.random(2000) < 0.75, "positive", "negative").astype(object)
    right = rng.random(2000) < 0.88
    calls = np.where((gold == "positive") == right, 0, 1)
    P = np.eye(3)[calls]
    point = evalp.score_items(P, gold)
    big = evalp.bootstrap_interval(P, gold, n_boot=300)
    small = evalp.bootstrap_interval(P[:200], gold[:200], n_boot=300)
    for metric in ("accuracy", "macro_f1"):
        lo, hi = big[metric]
        assert lo < point[metric] < hi
        assert small[metric][1] - small[metric][0] > 2 * (hi - lo)
    assert evalp.bootstrap_interval(P, gold, n_boot=300) == big  # fixed seed: the page does not churn


def test_bootstrap_interval_neutral_call_is_wrong(evalp):
    gold = np.array(["positive", "negative", "neutral"] * 20, dtype=object)
    P = np.eye(3)[np.where(gold == "positive", 0, 2)]  # negatives called neutral, the neutral rows ignored
    ci = evalp.bootstrap_interval(P, gold, n_boot=200)
    assert ci["accuracy"][1] < 0.7 and ci["accuracy"][0] > 0.3


def test_results_page_reports_the_uncertainty_and_the_probes():
    page = (ROOT / "benchmarks" / "results" / "polarity.md").read_text(encoding="utf-8")
    assert "## Sampling uncertainty on the report sets" in page
    assert "--direction-probes" in page
