"""The Embedder interface: any object turning texts into L2-normalised vectors."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


class Embedder:
    """Base class of every embedder.

    Subclasses implement ``_embed(texts) -> ndarray`` of shape (n, dim).
    ``embed`` embeds each distinct text once, in batches, and normalises rows so
    cosine similarity is a dot product everywhere downstream. A subclass with
    precomputed vectors (a shipped table) overrides ``lookup``; ``embed`` serves
    those texts from it and runs the model on the rest only.
    """

    name: str = "embedder"
    batch_size: int = 64

    def _embed(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def lookup(self, texts: Sequence[str]) -> tuple[list[int], np.ndarray]:
        """(positions in ``texts`` with a precomputed unit vector, those vectors): none by default."""
        return [], np.zeros((0, 0), dtype=np.float32)  # not self.dim: that may run the model

    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed ``texts`` (duplicates once, ``lookup`` hits without the model); ``progress(k)`` after each batch."""
        texts = [str(t) for t in texts]
        unique = list(dict.fromkeys(texts))
        hits, V = self.lookup(unique)
        if hits:
            if progress is not None:
                progress(len(hits))
            found = set(hits)
            rest = [i for i in range(len(unique)) if i not in found]
            vectors = np.zeros((len(unique), V.shape[1]), dtype=np.float32)
            vectors[hits] = V
            if rest:
                vectors[rest] = self._embed_all([unique[i] for i in rest], progress)
        else:
            vectors = self._embed_all(unique, progress)
        where = {t: i for i, t in enumerate(unique)}
        return vectors[[where[t] for t in texts]]

    def _embed_all(self, unique: list[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Unit rows of these distinct texts, all through the model, in batches of ``batch_size``."""
        chunks = []
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start:start + self.batch_size]
            chunks.append(np.asarray(self._embed(batch), dtype=np.float32))
            if progress is not None:
                progress(len(batch))
        if not chunks:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.vstack(chunks)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)

    @property
    def dim(self) -> int:
        return int(self._embed(["x"]).shape[1])

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"
