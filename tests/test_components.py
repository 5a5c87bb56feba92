"""Component tests: topic post-processing, the survey-trained polarity's cross-fitting, call-backs."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_text import AnchoredPolarity, TopicModel
from nps_text.impact import callbacks
from conftest import HashEmbedder


def _unit(M):
    return M / np.linalg.norm(M, axis=1, keepdims=True)


def test_merge_joins_near_duplicate_topics_only():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=8), rng.normal(size=8)
    X = _unit(np.vstack([a + 0.01 * rng.normal(size=8) for _ in range(10)]
                        + [a + 0.01 * rng.normal(size=8) for _ in range(10)]
                        + [b + 0.01 * rng.normal(size=8) for _ in range(10)]))
    labels = np.repeat([0, 1, 2], 10)
    merged = TopicModel(merge_threshold=0.9)._merge(X, labels)
    assert len(set(merged[:20])) == 1 and merged[20] not in set(merged[:20])


def test_reassign_only_outliers_close_enough_to_a_topic():
    X = _unit(np.array([[1, 0], [1, 0.05], [0, 1], [0.98, 0.2], [-1, -1.0]], dtype=float))
    labels = np.array([0, 0, 1, -1, -1])
    out = TopicModel(outlier_threshold=0.5)._reassign(X, labels)
    assert out.tolist() == [0, 0, 1, 0, -1]  # the last point is near no topic: it stays unassigned


def test_split_large_breaks_a_topic_mentioned_by_too_many_comments():
    rng = np.random.default_rng(1)
    centres = _unit(rng.normal(size=(3, 6)))
    X = _unit(np.vstack([c + 0.05 * rng.normal(size=(60, 6)) for c in centres]))
    labels = np.zeros(len(X), dtype=int)  # one topic holds three sub-themes
    out = TopicModel(max_topic_share=0.4, random_state=0)._split_large(X, labels)
    assert len(set(out)) >= 3
    for t in set(out):  # every part is at most the allowed share (or could not be split further)
        assert (out == t).mean() <= 0.4 + 1e-9


def test_survey_polarity_is_cross_fitted_so_a_clause_never_sees_its_own_label():
    rng = np.random.default_rng(0)
    n = 200
    X = rng.normal(size=(n, 150)).astype(np.float32)  # pure noise: nothing to learn from the text
    groups = np.where(np.arange(n) % 2 == 0, "promoter", "detractor").astype(object)
    model = AnchoredPolarity(prior_weight=0.0, survey_weight=1.0, min_train=20, C=100.0, random_state=0)
    P = model.fit_predict_proba(X, groups=groups, embedder=HashEmbedder(dim=150))
    # a model scoring its own training labels would "predict" them almost perfectly on noise
    in_sample = model.predict_proba(X)[:, 0]
    acc_in = ((in_sample >= 0.5) == (groups == "promoter")).mean()
    acc_oof = ((P[:, 0] >= 0.5) == (groups == "promoter")).mean()
    assert acc_in > 0.8 and acc_oof < 0.65
    assert model.survey_trained_on_ == n


def test_context_weight_is_off_by_default_and_moves_only_when_asked():
    X = np.random.default_rng(2).normal(size=(40, 16)).astype(np.float32)
    groups = np.array(["promoter", "detractor"] * 20, dtype=object)
    emb = HashEmbedder(dim=16)
    plain = AnchoredPolarity(survey_weight=0.0).fit(X, embedder=emb)
    assert plain.context_weight == 0.0
    np.testing.assert_allclose(plain.predict_proba(X, groups=groups), plain.predict_proba(X))
    nudged = AnchoredPolarity(survey_weight=0.0, context_weight=2.0).fit(X, embedder=emb)
    diff = nudged.predict_proba(X, groups=groups)[:, 0] - nudged.predict_proba(X)[:, 0]
    assert (diff[groups == "promoter"] > 0).all() and (diff[groups == "detractor"] < 0).all()


def test_callbacks_list_detractors_lowest_score_first_with_their_barrier_themes():
    responses = pd.DataFrame({
        "respondent_id": ["a", "b", "c", "d"], "row": [1, 2, 3, 4], "score": [9, 3, 0, 6],
        "group": ["promoter", "detractor", "detractor", "detractor"],
        "status": ["analysed", "analysed", "analysed", "excluded"], "wave": "w", "comment": ["x"] * 4,
        "region": ["Kyiv", "Lviv", "Kyiv", "Odesa"]})
    mentions = pd.DataFrame({"row": [2, 2, 3, 1], "theme_id": [5, 6, 5, 5], "kind": ["barrier", "driver",
                             "barrier", "barrier"], "theme_label": ["price", "speed", "price", "price"]})
    out = callbacks(responses, mentions, ["region"])
    assert out["respondent_id"].tolist() == ["c", "b"]  # the excluded row is not called back
    assert out["barriers"].tolist() == ["price", "price"]  # drivers are not listed as barriers
    assert "region" in out.columns
