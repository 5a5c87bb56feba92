"""UMAP on exact cosine neighbours found by blocked matrix products.

UMAP finds each point's neighbours itself: below 4,096 points through a full distance
matrix computed with a numba metric one pair at a time, above through pynndescent's
approximate search. Both compile numba code on every new process (about 9 s of a
1,000-respondent run) and the first is slow in Python. The clustering space here is
unit rows of at most ``TopicModel.max_fit_clauses`` (20,000) points, where one BLAS product
per block of rows gives the *exact* neighbours in a few seconds, so ``ExactUMAP`` hands
them to UMAP as ``precomputed_knn`` and UMAP skips its own search. Everything after
the neighbour graph (fuzzy simplicial set, layout) is UMAP's, unchanged.

UMAP's own numba kernels (the fuzzy simplicial set and the layout epoch) are compiled
without numba's disk cache, so every process paid ~3.7 s to compile them again (2 cores).
``cache_umap_kernels`` turns numba's cache on for exactly those dispatchers: the same
machine code, compiled on the first run after an install and loaded (~0.1 s) after that.
"""
from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
from umap import UMAP

BLOCK_ROWS = 2048  # rows per product: 2,048 x 20,000 float32 similarities = 160 MB at most


# UMAP's numba kernels on the fit path of ExactUMAP (module, name); each is compiled on first call
UMAP_KERNELS = (("umap.umap_", "smooth_knn_dist"), ("umap.umap_", "compute_membership_strengths"),
                ("umap.layouts", "_nb_optimize_layout_euclidean_single_epoch"))


@lru_cache(maxsize=1)
def cache_umap_kernels() -> tuple[str, ...]:
    """Turn numba's on-disk cache on for UMAP's fit kernels; the names it could turn on.

    numba keeps the compiled code beside umap's sources (or under ``NUMBA_CACHE_DIR``, or
    the user's cache folder when site-packages is read-only) and recompiles whenever umap's
    source changes, so results are bit-identical to UMAP's own. Where no cache folder is
    writable, or a kernel is missing in another umap version, it is simply compiled as before.
    """
    import importlib

    done = []
    for module, name in UMAP_KERNELS:
        try:
            kernel = getattr(importlib.import_module(module), name)
            if not getattr(kernel, "_cache", None) or type(kernel._cache).__name__ == "NullCache":
                kernel.enable_caching()
            done.append(name)
        except Exception:  # no writable cache location, or another umap: compile as usual
            continue
    return tuple(done)


def exact_cosine_knn(X: np.ndarray, k: int, block: int = BLOCK_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """Indices and cosine distances of each row's ``k`` nearest rows, itself first (as UMAP expects).

    Ties are broken by row order, so the result is the same on every run.
    """
    X = np.asarray(X, dtype=np.float32)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    U = X / np.where(norms == 0, 1.0, norms)
    n = len(U)
    k = min(k, n)
    idx = np.empty((n, k), dtype=np.int32)
    dist = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        S = U[start:stop] @ U.T
        rows = np.arange(stop - start)
        S[rows, start + rows] = np.inf  # a point is its own nearest neighbour, even among exact duplicates
        part = np.argpartition(-S, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (stop - start, 1))
        sims = np.take_along_axis(S, part, axis=1)
        # sort by similarity, then by row index, so ties come out in a fixed order
        order = np.lexsort((part, -sims), axis=1)
        idx[start:stop] = np.take_along_axis(part, order, axis=1)
        best = np.take_along_axis(sims, order, axis=1)
        best[:, 0] = 1.0
        dist[start:stop] = np.clip(1.0 - best, 0.0, 2.0)
    return idx, dist


class ExactUMAP(UMAP):
    """``umap.UMAP`` fitted on exact cosine neighbours (``exact_cosine_knn``); same parameters.

    Meant for the topic stage's unit-row space of at most ~20,000 points, where the exact
    search is faster than UMAP's own and needs no numba compilation. ``metric`` must be
    "cosine" (the neighbours are cosine neighbours). ``transform`` of the training data
    returns the fitted coordinates; new points get the similarity-weighted mean coordinates
    of their nearest training points (UMAP's own starting point for new data, without its
    refinement epochs), since there is no pynndescent index to search.
    """

    def fit(self, X, y=None, *args, **kwargs):
        if self.metric != "cosine":
            raise ValueError(f"ExactUMAP finds cosine neighbours; metric={self.metric!r} is not supported")
        X = np.asarray(X, dtype=np.float32)
        if len(X) <= self.n_neighbors:  # too few points for a neighbour graph: plain UMAP decides what to do
            return super().fit(X, y, *args, **kwargs)
        cache_umap_kernels()
        given = self.precomputed_knn
        self.precomputed_knn = exact_cosine_knn(X, self.n_neighbors)
        try:
            with warnings.catch_warnings():
                # "no search index: transform unavailable" - transform below does not need one
                warnings.filterwarnings("ignore", message=".*knn_search_index.*")
                super().fit(X, y, *args, **kwargs)
        finally:
            self.precomputed_knn = given  # a constructor parameter: clone/get_params must see the original
        return self

    def transform(self, X, **kwargs):
        X = np.asarray(X, dtype=np.float32)
        train = getattr(self, "_raw_data", None)
        if train is None or getattr(self, "_knn_search_index", None) is not None:
            return super().transform(X, **kwargs)
        if X.shape == train.shape and np.array_equal(X, train):
            return self.embedding_
        U = train / np.maximum(np.linalg.norm(train, axis=1, keepdims=True), 1e-12)
        Q = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
        k = min(self.n_neighbors, len(U))
        out = np.empty((len(Q), self.embedding_.shape[1]), dtype=np.float32)
        for start in range(0, len(Q), BLOCK_ROWS):  # bounded memory, as in exact_cosine_knn
            S = Q[start:start + BLOCK_ROWS] @ U.T
            near = np.argpartition(-S, k - 1, axis=1)[:, :k]
            w = np.clip(np.take_along_axis(S, near, axis=1), 1e-6, None)
            w /= w.sum(axis=1, keepdims=True)
            out[start:start + BLOCK_ROWS] = np.einsum("nk,nkd->nd", w, self.embedding_[near])
        return out
