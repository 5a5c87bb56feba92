"""Stage 8: topics linked to NPS points, and the priority list built from them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_text.impact import topic_impact

# 10 valid respondents (keys 0..9) and one excluded (key 10):
#   0 P, 1 P, 2 P, 3 P, 4 Pa, 5 Pa, 6 D, 7 D, 8 D, 9 D   -> overall NPS = (4 - 4) / 10 = 0
GROUPS = ["promoter"] * 4 + ["passive"] * 2 + ["detractor"] * 4 + [None]
STATUS = ["analysed"] * 10 + ["excluded"]


@pytest.fixture
def responses():
    return pd.DataFrame({"row": range(11), "group": GROUPS, "status": STATUS})


@pytest.fixture
def mentions():
    rows = [
        # topic 0 barrier (price): 4 Pa, 6 D, 7 D, 8 D, and the excluded row 10 (must not count)
        *[(k, 0, "barrier") for k in (4, 6, 7, 8, 10)],
        # topic 1 driver (speed): 0, 1, 2 - respondent 0 mentions it twice
        *[(k, 1, "driver") for k in (0, 0, 1, 2)],
        # topic 2 barrier mentioned by promoters only: positive impact -> not a priority
        *[(k, 2, "barrier") for k in (0, 1, 3)],
        # topic 3 barrier: 3 P, 6 D, 9 D
        *[(k, 3, "barrier") for k in (3, 6, 9)],
        # topic 4 barrier: only 2 respondents -> below min_respondents
        *[(k, 4, "barrier") for k in (7, 9)],
    ]
    return pd.DataFrame(rows, columns=["row", "topic_id", "kind"])


def _row(table, topic, kind):
    hit = table[(table["topic_id"] == topic) & (table["kind"] == kind)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_topic_impact_hand_computed(responses, mentions):
    t = topic_impact(mentions, responses)
    assert list(t.columns) == ["topic_id", "kind", "n_mentions", "n_respondents", "pct_respondents",
                               "share_promoters", "share_passives", "share_detractors", "nps_mentioners",
                               "nps_mentioners_moe", "nps_without", "impact"]
    price = _row(t, 0, "barrier")
    # mentioners 4 Pa, 6 D, 7 D, 8 D: NPS (0 - 3) / 4 = -75
    # without: 0 P, 1 P, 2 P, 3 P, 5 Pa, 9 D: NPS (4 - 1) / 6 = 50; impact = 0 - 50 = -50
    assert price["n_mentions"] == 5  # clause mentions, the excluded row's included
    assert price["n_respondents"] == 4
    assert price["pct_respondents"] == pytest.approx(40.0)
    assert (price["share_promoters"], price["share_passives"], price["share_detractors"]) == pytest.approx(
        (0.0, 0.25, 0.75))
    assert price["nps_mentioners"] == pytest.approx(-75.0)
    assert price["nps_without"] == pytest.approx(50.0)
    assert price["impact"] == pytest.approx(-50.0)

    speed = _row(t, 1, "driver")
    # mentioners 0, 1, 2 (all P): NPS 100, moe 0; without: 3 P, 4 Pa, 5 Pa, 6-9 D: (1 - 4) / 7
    assert speed["n_mentions"] == 4 and speed["n_respondents"] == 3
    assert speed["nps_mentioners"] == pytest.approx(100.0)
    assert speed["nps_mentioners_moe"] == pytest.approx(0.0)
    assert speed["nps_without"] == pytest.approx(-300 / 7)
    assert speed["impact"] == pytest.approx(300 / 7)  # 42.857...

    t3 = _row(t, 3, "barrier")
    # mentioners 3 P, 6 D, 9 D: -33.3; without 0 P,1 P,2 P,4 Pa,5 Pa,7 D,8 D: 100/7; impact -100/7
    assert t3["nps_mentioners"] == pytest.approx(-100 / 3)
    assert t3["impact"] == pytest.approx(-100 / 7)


def test_shares_sum_to_one(responses, mentions):
    t = topic_impact(mentions, responses)
    sums = t[["share_promoters", "share_passives", "share_detractors"]].sum(axis=1)
    np.testing.assert_allclose(sums, 1.0)


def test_impact_nan_when_everyone_mentions(responses):
    m = pd.DataFrame({"row": range(10), "topic_id": 0, "kind": "barrier"})
    t = topic_impact(m, responses)
    assert t.loc[0, "n_respondents"] == 10
    assert np.isnan(t.loc[0, "impact"])


def test_examples_put_mentions_the_model_is_sure_of_first():
    """A barrier row's first example should read as a complaint, not as a near-tie the model called barrier."""
    from nps_text.impact._tables import _sure_of_kind, examples

    mentions = pd.DataFrame({
        "row": [0, 1, 2], "clause": ["waited on the line no more than a minute, thanks", "waited an hour on the line",
                                     "the line kept me waiting all day"],
        "lang": ["en"] * 3, "kind": ["barrier"] * 3,
        "p_driver": [0.45, 0.02, 0.05], "p_barrier": [0.5, 0.97, 0.9], "p_neutral": [0.05, 0.01, 0.05]})
    responses = pd.DataFrame({"row": [0, 1, 2], "comment": mentions["clause"]})
    X = np.array([[1.0, 0.0], [0.9, 0.1], [0.8, 0.3]])  # the unsure mention is the most central one
    mask = np.ones(3, dtype=bool)
    sure = _sure_of_kind(mentions)
    assert sure.tolist() == [False, True, True]
    assert examples(mentions, responses, mask, X, k=1) == "waited on the line no more than a minute, thanks"
    assert examples(mentions, responses, mask, X, k=1, sure=sure) == "waited an hour on the line"
    assert examples(mentions, responses, mask, X, k=3, sure=sure).endswith("no more than a minute, thanks")
