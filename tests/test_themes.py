"""Themes over sub-topics, the editable taxonomy, and comparing two waves."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

import nps_text
from nps_text import NpsAnalyzer, ThemeModel, read_survey
from nps_text.errors import SurveyValidationError
from nps_text.topics import read_taxonomy, taxonomy_yaml
from conftest import HashEmbedder, make_survey


def _unit(v):
    return v / np.linalg.norm(v)


def test_theme_model_groups_similar_centroids_and_numbers_by_size():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=16), rng.normal(size=16)
    # sub-topics 0, 2, 3 are faces of theme a; 1 and 4 of theme b
    C = np.vstack([_unit(a + 0.2 * rng.normal(size=16)) if t in (0, 2, 3) else _unit(b + 0.2 * rng.normal(size=16))
                   for t in range(5)])
    model = ThemeModel(similarity=0.5).fit(C, sizes=np.array([10, 50, 10, 10, 50]))
    theme = model.theme_of_topic_
    assert theme[0] == theme[2] == theme[3] != theme[1] == theme[4]
    assert theme[1] == 0  # the larger theme (100 clauses) is theme 0
    assert model.transform(np.array([2, -1, 4])).tolist() == [theme[2], -1, theme[4]]
    # max_themes caps the count even when nothing is similar
    assert len(set(ThemeModel(similarity=0.99, max_themes=2).fit(C).theme_of_topic_)) == 2


def test_shared_terms_join_sub_topics_whose_centroids_differ():
    # three orthogonal centroids: alone, nothing joins; sub-topics 0 and 1 use the same terms
    C = np.eye(3)
    terms = np.array([[30, 20, 0, 0], [25, 30, 1, 0], [0, 0, 40, 30]])
    alone = ThemeModel().fit(C).theme_of_topic_
    assert len(set(alone)) == 3
    joined = ThemeModel().fit(C, term_counts=terms).theme_of_topic_
    assert joined[0] == joined[1] != joined[2]
    # term_weight=0 ignores the terms
    assert len(set(ThemeModel(term_weight=0.0).fit(C, term_counts=terms).theme_of_topic_)) == 3
    with pytest.raises(ValueError, match="term_counts has 2 rows for 3 sub-topics"):
        ThemeModel().fit(C, term_counts=terms[:2])


def test_term_profiles_drop_polar_lemmas_and_count_clauses_per_sub_topic():
    from nps_text.topics import term_profiles

    docs = ["wait week", "wait engineer", "good wait", "price good", "price high", "_"]
    labels = np.array([0, 0, 0, 1, 1, -1])
    T = term_profiles(docs, labels, 2, embedder=HashEmbedder(), polarity=None)
    from sklearn.feature_extraction.text import CountVectorizer

    vocab = CountVectorizer(token_pattern=r"[^\s_]+", min_df=1, lowercase=False).fit(docs).get_feature_names_out()
    T = np.asarray(T.todense())
    col = {w: j for j, w in enumerate(vocab)}
    assert T[0, col["wait"]] == 3 and T[1, col["price"]] == 2
    assert T[:, col["good"]].sum() == 0  # an evaluative word joins nothing


def test_theme_model_keeps_fixed_assignments_and_numbers_new_themes_after_them():
    C = np.eye(4)
    model = ThemeModel(similarity=0.5).fit(C, fixed={0: 7, 1: 7})
    assert model.theme_of_topic_[:2].tolist() == [7, 7]
    assert set(model.theme_of_topic_[2:]) <= {8, 9}


def test_theme_model_state_round_trip():
    model = ThemeModel(similarity=0.4).fit(np.eye(3))
    model.themes_ = pd.DataFrame({"theme_id": [0], "label": ["x"]})
    model.examples_, model.topic_examples_ = {0: ["a b c"]}, {1: ["d e f"]}
    meta, arrays = model.get_state()
    again = ThemeModel.from_state(meta, arrays)
    assert again.theme_of_topic_.tolist() == model.theme_of_topic_.tolist()
    assert again.get_params() == model.get_params()
    assert again.examples_ == {0: ["a b c"]} and again.topic_examples_ == {1: ["d e f"]}


@pytest.mark.parametrize("text, message", [
    ("themes: 3", r"NPS117: .* needs a top-level 'themes:' list"),
    ("themes:\n  - {id: 1}\n", r"NPS117: .* theme #1 needs a 'label'"),
    ("themes:\n  - {id: 1, label: a}\n  - {id: 1, label: b}\n", r"NPS117: .* theme id 1 is used twice"),
    ("themes:\n  - {id: x, label: a}\n", r"NPS117: .* has id 'x'; ids are whole numbers"),
    ("themes: [\n", r"NPS117: .* is not valid YAML"),
])
def test_bad_taxonomy_files_raise_nps117(tmp_path, text, message):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SurveyValidationError, match=message):
        read_taxonomy(path)


def test_seed_themes_get_the_next_free_ids():
    tax = read_taxonomy({"themes": [{"id": 4, "label": "Price"}, {"label": "Billing errors",
                                                                  "examples": ["charged twice"]}]})
    assert [(t["id"], t["label"]) for t in tax["themes"]] == [(4, "Price"), (5, "Billing errors")]


@pytest.fixture(scope="module")
def fitted():
    responses, _ = read_survey(make_survey(150))
    return NpsAnalyzer(embedder=HashEmbedder(), n_boot=100).fit(responses), responses


def test_taxonomy_written_after_a_run_lists_every_theme_and_subtopic(fitted):
    analyzer, _ = fitted
    tax = yaml.safe_load(taxonomy_yaml(analyzer.taxonomy_))
    assert {t["id"] for t in tax["themes"]} == set(analyzer.themes_["theme_id"])
    subs = [s["id"] for t in tax["themes"] for s in t["subtopics"]]
    assert sorted(subs) == sorted(analyzer.topics_["topic_id"])
    assert all(t["label"] for t in tax["themes"])
    assert any(t["examples"] for t in tax["themes"])


def test_an_edited_taxonomy_keeps_names_ids_and_departments_on_the_next_run(fitted):
    analyzer, responses = fitted
    tax = analyzer.taxonomy_
    first = tax["themes"][0]
    first["id"] = 40
    first["label"] = "Support staff"
    first["department"], first["owner"], first["kpi"] = "Support", "O. K.", "rude-operator complaints"
    again = NpsAnalyzer(embedder=HashEmbedder(), taxonomy=tax, n_boot=100).fit_transform(responses)
    row = again.themes[again.themes["theme_id"] == 40]
    assert len(row) and set(row["label"]) == {"Support staff"}
    assert set(row["department"]) == {"Support"}
    prio = again.priorities
    assert set(prio.loc[prio["theme_id"] == 40, "scope"]) <= {"overall", "Support"}
    assert set(again.taxonomy["themes"][0].keys()) >= {"id", "label", "department", "owner", "kpi", "subtopics"}


def test_compare_two_files_decomposes_the_change_exactly(tmp_path):
    a, b = make_survey(120, seed=0, wave="x"), make_survey(120, seed=3, wave="x")
    b.loc[b.index[:30], "score"] = "0"  # the new wave is worse
    a.to_csv(tmp_path / "march.csv", index=False)
    b.to_csv(tmp_path / "june.csv", index=False)
    result = nps_text.compare(tmp_path / "march.csv", tmp_path / "june.csv", embedder=HashEmbedder(), n_boot=100)
    assert result.meta["change_waves"] == ["march", "june"]
    nps = result.summary[result.summary["segment"] == "wave"].set_index("value")["nps"]
    assert result.change["total"].sum() == pytest.approx(nps["june"] - nps["march"], abs=1e-9)
    assert result.change["label"].iloc[-1] == "(not explained by a theme)"
    assert result.responses["row"].is_unique
    assert set(result.mentions["row"]) <= set(result.responses["row"])


def test_compare_needs_two_waves(tmp_path):
    from nps_text.errors import ParameterError

    make_survey(60).to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(ParameterError, match="NPS208: compare needs a second survey"):
        nps_text.compare(tmp_path / "s.csv", embedder=HashEmbedder())
    with pytest.raises(ParameterError, match=r"NPS208: wave\(s\) 'nope' not in the survey; its waves are: 2026-Q1"):
        nps_text.compare(tmp_path / "s.csv", waves=["2026-Q1", "nope"], embedder=HashEmbedder())


@pytest.mark.slow
def test_cli_compare_two_waves_of_one_file_writes_change_csv(tmp_path, capsys):
    from nps_text.cli import main

    a, b = make_survey(60, seed=0, wave="2026-Q1"), make_survey(60, seed=1, wave="2026-Q2")
    pd.concat([a, b]).to_csv(tmp_path / "both.csv", index=False)
    out = tmp_path / "o"
    code = main(["compare", str(tmp_path / "both.csv"), "--waves", "2026-Q1,2026-Q2", "--out", str(out),
                 "--quiet", "--no-excel"])
    assert code == 0, capsys.readouterr().err
    change = pd.read_csv(out / "change.csv")
    assert list(change.columns) == ["theme_id", "label", "mix", "rate", "total"]
    summary = pd.read_csv(out / "summary.csv")
    waves = summary[summary["segment"] == "wave"].set_index("value")["nps"]
    assert change["total"].sum() == pytest.approx(waves["2026-Q2"] - waves["2026-Q1"], abs=1e-3)
    assert (out / "taxonomy.yaml").is_file()
    assert set(pd.read_csv(out / "responses.csv")["wave"]) == {"2026-Q1", "2026-Q2"}
