"""The topic stage's building blocks: the word view and how TopicModel mixes it in."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from nps_text import NpsAnalyzer
from nps_text.errors import ModelLoadError, ParameterError
from nps_text.ingest import read_survey
from nps_text.topics import TopicModel, WordView

from conftest import HashEmbedder


def _polar_words(embedder, words):
    """A zero-shot stand-in: P(praise) 0.99 for the given words' vectors, 0.5 for any other."""
    ref = embedder.embed(list(words))

    def polarity(W):
        sim = W @ ref.T
        return np.where(sim.max(axis=1) > 0.999, 0.99, 0.5)

    return polarity


def test_word_view_leaves_out_polar_words():
    emb = HashEmbedder()
    view = WordView(max_polarity=0.9)
    R = view.fit_transform(["great food", "food", "slow food"], emb, _polar_words(emb, ["great"]))
    assert np.allclose(R[0], R[1])          # "great" says how, not what: dropped
    assert not np.allclose(R[1], R[2])      # "slow" is not in the polar list: kept
    assert np.allclose(np.linalg.norm(R, axis=1), 1.0, atol=1e-5)


def test_word_view_keeps_every_word_at_max_polarity_one():
    emb = HashEmbedder()
    R = WordView(max_polarity=1.0).fit_transform(["great food", "food"], emb, _polar_words(emb, ["great"]))
    assert not np.allclose(R[0], R[1])


def test_word_view_rows_without_content_words_are_zero():
    emb = HashEmbedder()
    R = WordView().fit_transform(["", "_", "great", "price"], emb, _polar_words(emb, ["great"]))
    assert np.allclose(R[:3], 0.0)
    assert np.linalg.norm(R[3]) == pytest.approx(1.0, abs=1e-5)


def test_word_view_transform_centres_with_the_fitted_mean():
    emb = HashEmbedder()
    view = WordView(max_polarity=1.0)
    view.fit_transform(["price tariff", "waiter staff", "delivery courier"], emb)
    R = view.transform(["price courier"], emb)
    W = emb.embed(["courier", "price"])
    expected = (W - view.mean_).mean(axis=0)
    assert np.allclose(R[0], expected / np.linalg.norm(expected), atol=1e-5)


def test_word_view_sif_weighs_a_word_by_its_rarity_and_round_trips():
    emb = HashEmbedder()
    docs = ["broadband wait", "broadband slow", "broadband fast", "broadband price", "wait week"]
    plain = WordView(max_polarity=1.0).fit_transform(docs, emb)
    view = WordView(max_polarity=1.0, sif=0.1)
    R = view.fit_transform(docs, emb)
    W = emb.embed(["broadband", "wait"]) - view.mean_
    # "broadband" is in 4 of 5 clauses (weight 0.1 / 0.9), "wait" in 2 (0.1 / 0.5): the clause leans to "wait"
    expected = W[0] * (0.1 / 0.9) + W[1] * (0.1 / 0.5)
    assert np.allclose(R[0], expected / np.linalg.norm(expected), atol=1e-5)
    wait = W[1] / np.linalg.norm(W[1])
    assert R[0] @ wait > plain[0] @ wait
    loaded = WordView.from_state(*view.get_state())
    new = ["broadband week", "courier"]  # "courier" was never fitted: weighs as a word seen once
    assert np.array_equal(loaded.transform(new, emb), view.transform(new, emb))
    legacy = WordView.from_state({"max_polarity": 1.0}, {"mean": view.mean_})  # saved before ``sif``: plain mean
    assert legacy.sif is None
    V = emb.embed(["broadband", "week"]) - view.mean_
    assert np.allclose(legacy.transform(new[:1], emb)[0], V.mean(axis=0) / np.linalg.norm(V.mean(axis=0)), atol=1e-5)
    with pytest.raises(ParameterError, match="sif"):
        WordView(sif=0.0).fit_transform(docs, emb)


class _CountingEmbedder(HashEmbedder):
    """HashEmbedder that remembers which texts it was asked to embed."""

    def embed(self, texts, progress=None):
        self.asked = getattr(self, "asked", []) + list(texts)
        return super().embed(texts)


def test_word_view_min_count_embeds_only_repeated_words_when_fitting():
    emb = _CountingEmbedder()
    docs = ["price tariff", "price courier", "waiter price", "waiter"]
    view = WordView(max_polarity=1.0, min_count=2)
    R = view.fit_transform(docs, emb)
    assert sorted(emb.asked) == ["price", "waiter"]  # "tariff" and "courier" occur once: never embedded
    assert np.allclose(R[0], R[1])  # both reduce to "price"
    assert view.get_state()[0]["min_count"] == 2
    assert WordView.from_state(*view.get_state()).min_count == 2
    emb.asked = []
    view.transform(["courier tariff"], emb)  # a new wave keeps every word it has
    assert sorted(emb.asked) == ["courier", "tariff"]


def test_topic_model_word_count_rule_follows_the_fitted_size(monkeypatch):
    import nps_text.topics._model as tm_module

    emb = HashEmbedder()
    docs = _clauses() + ["price unique%d" % i for i in range(5)]
    X = emb.embed(docs)
    small = TopicModel(random_state=1, max_word_polarity=1.0).fit(X, docs, embedder=emb)
    assert small.word_view_.min_count == 1
    assert "unique0" in small.word_view_.fitted_vocabulary_[0]
    monkeypatch.setattr(tm_module, "WORD_COUNT_CLAUSES", 50)  # as if the survey were big
    big = TopicModel(random_state=1, max_word_polarity=1.0).fit(X, docs, embedder=emb)
    assert big.word_view_.min_count == 2
    assert "unique0" not in big.word_view_.fitted_vocabulary_[0]
    forced = TopicModel(random_state=1, max_word_polarity=1.0, min_word_count=1).fit(X, docs, embedder=emb)
    assert forced.word_view_.min_count == 1


def _clauses(n_per=40, seed=0):
    rng = np.random.default_rng(seed)
    groups = [["price", "tariff", "expensive", "cost"], ["waiter", "staff", "rude", "polite"],
              ["delivery", "courier", "late", "parcel"]]
    docs = []
    for g in groups:
        for _ in range(n_per):
            docs.append(" ".join(rng.choice(g, size=2, replace=False)))
    return docs


def test_topic_model_word_weight_zero_ignores_the_word_view():
    emb = HashEmbedder()
    docs = _clauses()
    X = emb.embed(docs)
    R = WordView().fit_transform(docs, emb)
    with_zero = TopicModel(word_weight=0.0, random_state=1).fit(X, docs, embedder=emb)
    assert with_zero.word_view_ is None
    assert with_zero.sentiment_axis_ is not None  # the embedder still gives the sentiment anchors
    # the clustering space ignores any word vectors at weight 0
    assert np.array_equal(with_zero._space(X, None), with_zero._space(X, None, np.ones_like(X)))


def test_topic_model_with_word_view_keeps_themes_apart_and_transforms():
    emb = HashEmbedder()
    docs = _clauses()
    X = emb.embed(docs)
    tm = TopicModel(random_state=1, max_word_polarity=1.0).fit(X, docs, embedder=emb)
    assert tm.word_view_ is not None
    theme = np.repeat([0, 1, 2], 40)
    for t in set(tm.labels_) - {-1}:
        assert len(set(theme[tm.labels_ == t])) == 1, f"topic {t} mixes themes"
    new = ["tariff cost", "courier parcel"]
    got = tm.transform(emb.embed(new), documents=new, embedder=emb)
    assert set(theme[tm.labels_ == got[0]]) == {0}
    assert set(theme[tm.labels_ == got[1]]) == {2}


def test_topic_model_rejects_mismatched_documents_and_bad_weight():
    emb = HashEmbedder()
    docs = _clauses(n_per=10)
    X = emb.embed(docs)
    with pytest.raises(ValueError, match="documents but"):
        TopicModel().fit(X, docs[:3])
    with pytest.raises(ParameterError, match="word_weight"):
        TopicModel(word_weight=1.5).fit(X, docs)


def _survey():
    rows = []
    texts = ["дорого, але швидко", "very expensive tariff", "оператор нагрубил", "fast delivery, thanks",
             "цена высокая", "ввічливий персонал", "courier was late", "все добре"]
    for i in range(80):
        rows.append({"id": i, "score": (i * 7) % 11, "comment": texts[i % len(texts)] + f" {['', 'ok'][i % 2]}"})
    responses, _ = read_survey(pd.DataFrame(rows), score="score", comment="comment", id="id")
    return responses


def test_analyzer_without_word_view_saves_and_loads(tmp_path):
    survey = _survey()
    model = NpsAnalyzer(embedder=HashEmbedder(), topic_model=TopicModel(word_weight=0.0))
    model.fit(survey)
    assert model.topic_model_.word_view_ is None
    first = model.transform(survey)
    model.save(tmp_path / "m")
    loaded = NpsAnalyzer.load(tmp_path / "m", embedder=HashEmbedder())
    again = loaded.transform(survey)
    assert np.array_equal(first.mentions["topic_id"].to_numpy(), again.mentions["topic_id"].to_numpy())


def test_analyzer_with_sif_word_view_saves_and_loads(tmp_path):
    survey = _survey()
    model = NpsAnalyzer(embedder=HashEmbedder(), topic_model=TopicModel(word_sif=0.05)).fit(survey)
    view = model.topic_model_.word_view_
    assert view.sif == 0.05 and view.word_share_ and all(0 < p <= 1 for p in view.word_share_.values())
    first = model.transform(survey)
    model.save(tmp_path / "m")
    loaded = NpsAnalyzer.load(tmp_path / "m", embedder=HashEmbedder())
    assert loaded.topic_model_.word_view_.word_share_ == view.word_share_
    again = loaded.transform(survey)
    assert np.array_equal(first.mentions["topic_id"].to_numpy(), again.mentions["topic_id"].to_numpy())
    with pytest.raises(ParameterError, match="word_sif"):
        NpsAnalyzer(embedder=HashEmbedder(), topic_model=TopicModel(word_sif=-1.0)).fit(survey)


def test_model_saved_by_the_previous_format_fails_with_a_clear_message(tmp_path):
    survey = _survey()
    folder = NpsAnalyzer(embedder=HashEmbedder()).fit(survey).save(tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text("utf-8"))
    meta["format"] = "nps-text-model/1"
    (folder / "model.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ModelLoadError, match="NPS205: .* saved by nps-text before themes existed"):
        NpsAnalyzer.load(folder, embedder=HashEmbedder())


def test_loading_with_another_embedder_fails_with_a_clear_message(tmp_path):
    folder = NpsAnalyzer(embedder=HashEmbedder()).fit(_survey()).save(tmp_path / "m")
    with pytest.raises(ModelLoadError, match=r"NPS206: .*'test-hash' \(64 dimensions\).*32 dimensions"):
        NpsAnalyzer.load(folder, embedder=HashEmbedder(dim=32))
    with pytest.raises(ModelLoadError, match="NPS206: the model was fitted with embedder 'test-hash'"):
        NpsAnalyzer.load(folder)


def test_topic_model_when_no_clause_has_content_words():
    """Clauses made only of stop words ("недоліків немає") have no word view: their embedding alone counts."""
    emb = HashEmbedder()
    docs = ["", "_"] * 40
    texts = [f"clause {i % 7}" for i in range(80)]
    X = emb.embed(texts)
    R = WordView().fit_transform(docs, emb)
    assert not R.any()
    tm = TopicModel(random_state=1).fit(X, docs, texts=texts, embedder=emb)
    assert len(tm.labels_) == 80
    assert np.array_equal(tm.transform(X[:5], documents=docs[:5], embedder=emb), tm.transform(X[:5]))


def test_a_static_embedders_table_and_projection_travel_with_the_saved_model(tmp_path):
    """A saved model embeds the next wave with the table it learned, not one refitted on the wave."""
    from nps_text.embed import StaticEmbedder

    survey = _survey()
    model = NpsAnalyzer(embedder=StaticEmbedder(HashEmbedder(), negation=True, project=20),
                        topic_model=TopicModel(word_weight=0.0))
    first = model.fit_transform(survey)
    folder = model.save(tmp_path / "m")
    assert json.loads((folder / "model.json").read_text("utf-8"))["embedder"]["state"]
    fresh = StaticEmbedder(HashEmbedder(), negation=True, project=20)
    loaded = NpsAnalyzer.load(folder, embedder=fresh)
    assert loaded.embedder_ is not fresh and loaded.embedder_.vocabulary_ == model.embedder_.vocabulary_
    assert np.allclose(loaded.embedder_.projection_, model.embedder_.projection_)
    wave = _survey().assign(comment=lambda d: d["comment"] + " знову")
    assert np.array_equal(model.transform(wave).mentions["topic_id"].to_numpy(),
                          loaded.transform(wave).mentions["topic_id"].to_numpy())
    assert first.mentions["row"].nunique() == len(survey)


def test_topic_model_umap_epochs_reaches_the_default_reducer_and_is_validated():
    emb = HashEmbedder()
    docs = _clauses()
    X = emb.embed(docs)
    tm = TopicModel(random_state=1, umap_epochs=50).fit(X, docs, embedder=emb)
    assert tm.bertopic_.umap_model.n_epochs == 50
    assert TopicModel(random_state=1).fit(X, docs, embedder=emb).bertopic_.umap_model.n_epochs == 200
    assert TopicModel(random_state=1, umap_epochs=None).fit(X, docs, embedder=emb).bertopic_.umap_model.n_epochs is None
    with pytest.raises(ParameterError, match="umap_epochs"):
        TopicModel(umap_epochs=0).fit(X, docs)
