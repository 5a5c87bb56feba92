"""Property tests: random surveys (bad scores, odd comments, duplicate ids) never lose a row.

Properties: every input row appears exactly once in ``responses``; the accounting
table sums to the input rows; NPS is within [-100, 100]; group shares sum to 1.
"""
from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nps_text
from nps_text.impact import nps_summary
from nps_text.ingest import read_survey
from nps_text.impact import accounting

from conftest import HashEmbedder

STATUSES = {"analysed", "nps_only", "excluded"}

score_values = st.one_of(
    st.integers(-3, 14),
    st.integers(0, 10).map(str),
    st.sampled_from(["10/10", "7/10", "5/5", "9.5", "9,0", " 8 ", "n/a", "", "десять", "-", "11", "-1", "1e1"]),
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.none(),
)
latin = st.sampled_from(["fast internet", "the price is too high", "rude support operator", "great service",
                         "app keeps crashing", "ok"])
cyrillic = st.sampled_from(["интернет медленный", "цена высокая", "оператор вежливый", "ціна занадто висока",
                            "інтернет швидкий", "ну ээ короче", "мастер не пришел ждал ждал"])
comment_values = st.one_of(
    st.just(""), st.none(), st.sampled_from(["👍", "😡😡", "https://example.com", "n/a", "-", "12345", "   "]),
    latin, cyrillic,
    st.tuples(latin, cyrillic).map(" , ".join),
    st.text(max_size=30),
)
id_values = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d", ""]), st.integers(0, 5).map(str))


@st.composite
def surveys(draw, max_rows: int = 25) -> pd.DataFrame:
    n = draw(st.integers(1, max_rows))
    return pd.DataFrame({
        "respondent_id": draw(st.lists(id_values, min_size=n, max_size=n)),
        "score": draw(st.lists(score_values, min_size=n, max_size=n)),
        "comment": draw(st.lists(comment_values, min_size=n, max_size=n)),
    })


def _check(responses: pd.DataFrame, n: int, acc: pd.DataFrame | None = None) -> None:
    assert len(responses) == n
    assert sorted(responses["row"].tolist()) == list(range(1, n + 1))  # each input row exactly once
    assert set(responses["status"]) <= STATUSES
    acc = accounting(responses) if acc is None else acc
    assert int(acc["rows"].sum()) == n
    counted = acc.groupby("status")["rows"].sum()
    for status in STATUSES:
        assert int(counted.get(status, 0)) == int((responses["status"] == status).sum())
    excluded = responses["status"] == "excluded"
    assert (responses.loc[excluded, "status_reason"].str.len() > 0).all()  # always a reason
    valid = responses[~excluded]
    assert valid["score"].notna().all() and valid["score"].between(0, 10).all()
    assert valid["group"].isin(["promoter", "passive", "detractor"]).all()
    overall = nps_summary(responses).iloc[0]
    if overall["n"]:
        assert -100.0 <= overall["nps"] <= 100.0
        shares = overall["share_promoters"] + overall["share_passives"] + overall["share_detractors"]
        assert math.isclose(shares, 1.0)
    else:
        assert math.isnan(overall["nps"])


@settings(max_examples=300, deadline=None)
@given(surveys(max_rows=40))
def test_read_survey_keeps_every_row(df):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        responses, _ = read_survey(df)
    _check(responses, len(df))


@settings(max_examples=300, deadline=None)
@given(surveys(max_rows=40))
def test_duplicates_keep_exactly_one_answer_per_id(df):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        responses, _ = read_survey(df)
    kept = responses[(responses["status"] != "excluded") & ~responses["respondent_id"].str.startswith("row-")]
    assert kept["respondent_id"].is_unique


@pytest.mark.slow  # 25 pipeline runs
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=surveys(max_rows=20))
def test_pipeline_accounts_for_every_row(df):
    # A survey where no row has a clause to analyse crashes (xfail 'all_comments_empty_pipeline' in
    # test_bad_input); one guaranteed real comment keeps this property about accounting, not that bug.
    df = pd.concat([df, pd.DataFrame({"respondent_id": ["guaranteed"], "score": ["9"],
                                      "comment": ["быстрый интернет и вежливый оператор"]})], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(df, embedder=HashEmbedder())
    r = result.responses
    _check(r, len(df), result.accounting)
    # accounting shown in outputs equals the recomputed one
    pd.testing.assert_frame_equal(result.accounting, accounting(r))
    assert -100.0 <= result.nps <= 100.0
    # mentions only come from analysed rows, and every analysed row has a clause
    analysed_rows = set(r.loc[r["status"] == "analysed", "row"])
    assert set(result.mentions["row"]) == analysed_rows


def test_accounting_sums_to_rows_on_a_normal_survey():
    r, _ = read_survey(pd.DataFrame({"score": ["9", "x", "7"], "comment": ["ok", "ok", ""]}))
    acc = accounting(r)
    assert acc[["status", "reason", "rows"]].values.tolist() == [
        ["analysed", "", 1], ["nps_only", "empty comment", 1], ["excluded", "score is not a number: 'x'", 1]]


def test_accounting_raises_when_a_row_has_no_known_status():
    """The invariant is checked in code, not only in tests."""
    from nps_text.errors import NpsTextError

    r, _ = read_survey(pd.DataFrame({"score": ["9", "x"], "comment": ["ok", "ok"]}))
    broken = r.copy().astype({"status": object})
    broken.loc[0, "status"] = None  # a row that no status group counts
    with pytest.raises(NpsTextError, match="NPS300"):
        accounting(broken)
