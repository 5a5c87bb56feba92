"""The lexical part of TextPolarity: features, negation, the shipped vocabulary, state, graceful fallbacks."""
from __future__ import annotations

import json

import numpy as np
import pytest

from nps_text.errors import ModelLoadError, ParameterError
from nps_text.polarity._head import TextPolarity, read_head
from nps_text.polarity._lexical import NEG, LexicalModel, features


@pytest.fixture(scope="module")
def shipped() -> TextPolarity:
    return TextPolarity.load_default()


def _random_X(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    X = np.random.default_rng(seed).normal(size=(n, dim))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


@pytest.mark.parametrize("negator, word, lang", [
    ("не", "дорого", "ru"), ("not", "bad", "en"), ("didn't", "work", "en"), ("без", "моєї", "uk"), ("не", "добре", "uk"),
])
def test_negation_is_fused_to_the_next_word(negator, word, lang):
    lemma = features(word, lang)[0]
    feats = features(f"{negator} {word}", lang)
    assert NEG + lemma in feats and lemma not in feats
    assert negator in feats  # the negation word itself stays a feature


def test_features_lemmatise_and_add_bigrams():
    feats = features("Appalling services!", "en")
    assert {"appalling", "service", "appalling service", "!"} <= set(feats)
    assert features("Дорого", "ru") != features("Недорого", "ru")
    assert features("ціни", "uk") == features("ціна", "uk")


def test_lexical_model_scores_known_words_and_nothing_else():
    model = LexicalModel(["good", NEG + "good", "bad"], np.array([2.0, -1.5, -2.0]), np.array([0.5]))
    d = model.decision(["good", "not good", "bad", "zzz qqq", ""], ["en"] * 5)[:, 0]
    np.testing.assert_allclose(d, [2.5, -1.0, -1.5, 0.0, 0.0])
    assert model.decision(None, n=3).shape == (3, 1)
    with pytest.raises(ValueError, match="coef has 2 rows for 3 features"):
        LexicalModel(["a", "b", "c"], np.zeros(2))


def test_shipped_head_has_a_small_lexical_part(shipped):
    meta, arrays = read_head()
    assert len(meta["lexical_vocab"]) == arrays["lexical_coef"].shape[0] > 1000
    assert shipped.lexical_ is not None and shipped._lexical_w() > 0


@pytest.mark.parametrize("text, lang, sign", [
    ("Appalling service", "en", -1), ("Дорого", "ru", -1), ("Недорого", "ru", +1), ("жахливо", "uk", -1),
    ("great, thank you", "en", +1), ("не работает", "ru", -1), ("не дорого", "ru", +1),
])
def test_shipped_lexical_direction_of_clear_words(shipped, text, lang, sign):
    assert np.sign(shipped.lexical_logodds([text], [lang])[0]) == sign


@pytest.mark.parametrize("negated, plain, lang", [("not bad", "bad", "en"), ("не плохо", "плохо", "ru"),
                                                   ("not good", "good", "en"), ("не дорого", "дорого", "ru")])
def test_shipped_lexical_negation_moves_the_other_way(shipped, negated, plain, lang):
    d_neg, d_plain = shipped.lexical_logodds([negated, plain], [lang, lang])
    assert np.sign(d_neg - d_plain) == -np.sign(d_plain) != 0


def test_unknown_language_and_missing_texts_fall_back_to_the_head(shipped):
    X = _random_X(3, seed=7)
    no_text = shipped.predict_proba(X)
    model = TextPolarity.load_default(lexical_weight=1.0, short_clause=False)  # the lexical view alone
    # a script the vocabulary has no word of: the lexical view adds exactly nothing
    np.testing.assert_allclose(model.predict_proba(X, texts=["日本語のテキスト", "ひらがな", "카카오"],
                                                   langs=["ja", "ja", "ko"]), no_text)
    # texts change the call where the vocabulary knows the words
    moved = model.predict_proba(X, texts=["Appalling service", "ひらがな", "great"], langs=["en", "ja", "en"])
    assert moved[0, 1] > no_text[0, 1] and moved[2, 0] > no_text[2, 0]
    np.testing.assert_allclose(moved[1], no_text[1])


def test_the_heads_weights_apply_only_to_its_languages():
    model = TextPolarity.load_default(short_clause=False)  # the lexical weights alone
    assert model.head_meta_["lexical_langs"] == ["ru"] and model.head_meta_["lexical_weight"] > 0
    X = _random_X(2, seed=10)
    texts = ["ужасное обслуживание, грубый официант и холодная еда", "Дорого"]
    assert (model.lexical_logodds(texts, ["ru", "ru"]) < 0).all()
    base = model.predict_proba(X)
    np.testing.assert_allclose(model.predict_proba(X, texts=texts, langs=["bg", "uk"]), base)
    np.testing.assert_allclose(model.predict_proba(X, texts=texts, langs=None), base)
    assert (model.predict_proba(X, texts=texts, langs=["ru", "ru"])[:, 1] > base[:, 1]).all()


def test_lexical_weight_zero_ignores_texts(shipped):
    X = _random_X(2, seed=8)
    off = TextPolarity.load_default(lexical_weight=0.0, short_clause=False)
    np.testing.assert_allclose(off.predict_proba(X, texts=["awful", "superb"]), off.predict_proba(X))


def test_texts_of_the_wrong_length_raise(shipped):
    with pytest.raises(ParameterError, match="NPS209: texts/langs must have one entry per row of X"):
        shipped.predict_proba(_random_X(2), texts=["only one"])


def test_state_round_trip_keeps_the_lexical_part(shipped):
    X = _random_X(4, seed=9)
    texts = ["Appalling service", "Недорого", "все добре", "ok"]
    meta, arrays = shipped.get_state()
    again = TextPolarity.from_state(json.loads(json.dumps(meta)), arrays)
    np.testing.assert_allclose(again.predict_proba(X, texts=texts), shipped.predict_proba(X, texts=texts))


def test_state_with_a_mismatched_vocabulary_raises(shipped):
    meta, arrays = shipped.get_state()
    meta = json.loads(json.dumps(meta))
    meta["head"]["lexical_vocab"] = meta["head"]["lexical_vocab"][:-1]
    with pytest.raises(ModelLoadError, match="NPS209: .*lexical_coef must hold one weight per entry"):
        TextPolarity.from_state(meta, arrays)
