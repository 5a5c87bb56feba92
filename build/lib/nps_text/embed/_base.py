"""The Embedder interface: any object turning texts into L2-normalised vectors."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


class Embedder:
    """Base class of every embedder.

    Subclasses implement ``_embed(texts) -> ndarray`` of shape (n, dim).
    ``embed`` embeds each distinct text once, in batches, and normalises rows so
    cosine similarity is a dot product everywhere downstream.
    """

    name: str = "embedder"
    batch_size: int = 64

    def _embed(self, texts: list[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def embed(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed ``texts`` (duplicates embedded once); ``progress(k)`` is called after each batch of k."""
        texts = [str(t) for t in texts]
        unique = list(dict.fromkeys(texts))
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
        vectors = vectors / np.where(norms == 0, 1.0, norms)
        where = {t: i for i, t in enumerate(unique)}
        return vectors[[where[t] for t in texts]]

    @property
    def dim(self) -> int:
        return int(self._embed(["x"]).shape[1])

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"
