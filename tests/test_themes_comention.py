"""ThemeModel's respondent co-mention similarity (``comention_weight``)."""
from __future__ import annotations

import numpy as np
import pytest

from nps_text import ThemeModel
from nps_text.errors import ParameterError
from nps_text.topics._themes import comention_similarity


def _clauses(groups):
    """(respondent per clause, sub-topic per clause) from [(n_respondents, [sub-topics of each])]."""
    resp, topics, r = [], [], 0
    for n, subs in groups:
        for _ in range(n):
            resp += [f"r{r}"] * len(subs)
            topics += list(subs)
            r += 1
    return np.array(resp), np.array(topics)


# four sub-topics whose centroids share nothing; 0-1 and 2-3 are named together by 30 respondents each
CENTROIDS = np.eye(4)
RESP, TOPICS = _clauses([(30, [0, 1]), (30, [2, 3])])


def test_co_mentioned_sub_topics_join_only_with_the_weight_on():
    off = ThemeModel(comention_weight=0.0).fit(CENTROIDS, respondents=RESP, clause_topics=TOPICS).theme_of_topic_
    assert len(set(off)) == 4
    on = ThemeModel(comention_weight=0.5).fit(CENTROIDS, respondents=RESP, clause_topics=TOPICS).theme_of_topic_
    assert on[0] == on[1] != on[2] == on[3]


def test_association_is_phi_shrunk_by_the_number_of_co_mentions():
    A = comention_similarity(RESP, TOPICS, 4, prior=5.0)
    # N=60 multi-topic respondents, n_0 = n_1 = co_01 = 30: phi = 1, shrink 30 / 35
    assert A[0, 1] == pytest.approx(30 / 35)
    assert A[0, 2] == 0.0  # named together less often than by chance: no association (not negative)
    assert np.allclose(np.diag(A), 1.0) and np.allclose(A, A.T)
    # a pair named together by 2 respondents weighs less than one named together by 30
    # (both pairs have phi = 1: each is named only together)
    r, t = _clauses([(30, [0, 1]), (2, [2, 3]), (30, [4, 5])])
    A = comention_similarity(r, t, 6, prior=5.0)
    assert A[2, 3] == pytest.approx(2 / 7) and A[0, 1] == pytest.approx(30 / 35)
    assert comention_similarity(r, t, 6, prior=0.0)[2, 3] == pytest.approx(1.0)


def test_one_clause_and_one_topic_respondents_add_nothing():
    base = comention_similarity(RESP, TOPICS, 5)
    # 100 one-clause respondents in sub-topic 4, 20 writing three clauses all in sub-topic 0, outliers
    r, t = _clauses([(100, [4]), (20, [0, 0, 0]), (10, [-1, 2])])
    r = np.array([f"x{v}" for v in r])
    more = comention_similarity(np.concatenate([RESP, r]), np.concatenate([TOPICS, t]), 5)
    assert np.array_equal(base, more)
    # a sub-topic is never "co-mentioned with itself" into an association with others
    assert base[4, :4].sum() == 0


def test_without_respondents_or_at_weight_zero_the_model_is_unchanged():
    rng = np.random.default_rng(1)
    C = rng.normal(size=(6, 8))
    T = rng.integers(0, 5, size=(6, 10))
    r, t = _clauses([(40, [0, 5]), (40, [1, 4])])
    before = ThemeModel().fit(C, term_counts=T)
    after = ThemeModel().fit(C, term_counts=T, respondents=r, clause_topics=t)
    assert np.array_equal(before.similarity_matrix_, after.similarity_matrix_)
    assert np.array_equal(before.theme_of_topic_, after.theme_of_topic_)
    on = ThemeModel(comention_weight=0.4).fit(C, term_counts=T, respondents=r, clause_topics=t)
    assert not np.array_equal(before.similarity_matrix_, on.similarity_matrix_)


def test_parameters_are_validated():
    with pytest.raises(ParameterError, match=r"NPS201: the 'comention_weight' parameter of ThemeModel must be a "
                                             r"float in \[0, 1\]. Got 1.5 instead"):
        ThemeModel(comention_weight=1.5).fit(CENTROIDS)
    with pytest.raises(ParameterError, match=r"'comention_prior' parameter of ThemeModel must be a float in "
                                             r"\[0, inf\]. Got -1.0 instead"):
        ThemeModel(comention_prior=-1.0).fit(CENTROIDS)
    with pytest.raises(ValueError, match="comention_weight > 0 needs respondents and clause_topics"):
        ThemeModel(comention_weight=0.3).fit(CENTROIDS)
    with pytest.raises(ValueError, match="respondents has 3 entries for 2 clause_topics"):
        comention_similarity(["a", "a", "b"], [0, 1], 2)


def test_state_of_a_model_saved_before_the_option_still_loads():
    model = ThemeModel(comention_weight=0.25).fit(CENTROIDS, respondents=RESP, clause_topics=TOPICS)
    meta, arrays = model.get_state()
    again = ThemeModel.from_state(meta, arrays)
    assert again.get_params() == model.get_params()
    old = {"params": {"similarity": 0.2, "max_themes": 25, "term_weight": 0.5}}
    loaded = ThemeModel.from_state(old, arrays)
    assert loaded.comention_weight == 0.0 and loaded.theme_of_topic_.tolist() == model.theme_of_topic_.tolist()


def test_the_analyzer_passes_respondents_and_saves_the_option(tmp_path):
    from conftest import HashEmbedder, make_survey

    from nps_text import NpsAnalyzer, TopicModel, read_survey

    responses, _ = read_survey(make_survey(120))
    # without respondents reaching ThemeModel.fit this raises "needs respondents and clause_topics"
    model = NpsAnalyzer(embedder=HashEmbedder(), topic_model=TopicModel(word_weight=0.0), n_boot=50,
                        theme_model=ThemeModel(comention_weight=0.3, comention_prior=2.0), progress=False)
    model.fit(responses)
    assert model.theme_model_.comention_weight == 0.3
    loaded = NpsAnalyzer.load(model.save(tmp_path / "m"), embedder=HashEmbedder())
    assert loaded.theme_model_.get_params() == model.theme_model_.get_params()
    assert loaded.theme_model_.theme_of_topic_.tolist() == model.theme_model_.theme_of_topic_.tolist()
