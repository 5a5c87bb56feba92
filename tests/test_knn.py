"""Exact neighbours for the topic stage's UMAP (nps_text/topics/_knn.py)."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from nps_text.topics._knn import ExactUMAP, exact_cosine_knn


def _points(n: int = 300, d: int = 16, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)


def test_knn_matches_brute_force_across_blocks():
    X = _points(300)
    idx, dist = exact_cosine_knn(X, 10, block=64)  # several blocks, the last one partial
    U = X / np.linalg.norm(X, axis=1, keepdims=True)
    S = U @ U.T
    np.fill_diagonal(S, np.inf)
    ref = np.argsort(-S, axis=1, kind="stable")[:, :10]
    assert (idx == ref).all()
    assert np.allclose(dist[:, 1:], 1 - np.take_along_axis(U @ U.T, ref[:, 1:], axis=1), atol=1e-5)
    assert (dist[:, 0] == 0).all() and (np.diff(dist, axis=1) >= -1e-6).all()


def test_each_point_is_its_own_first_neighbour_among_duplicates():
    X = _points(50)
    X[10] = X[3]
    X[20] = X[3]
    idx, dist = exact_cosine_knn(X, 4)
    for i in (3, 10, 20):
        assert idx[i, 0] == i
        assert set(idx[i, 1:3]) == {3, 10, 20} - {i}
        assert dist[i, 1] == pytest.approx(0, abs=1e-6)


def test_knn_with_k_at_least_n():
    idx, dist = exact_cosine_knn(_points(5), 15)
    assert idx.shape == (5, 5) and (idx[:, 0] == np.arange(5)).all()
    assert all(sorted(row) == list(range(5)) for row in idx)


def test_exact_umap_fits_keeps_params_and_transforms():
    X = _points(200, 32)
    u = ExactUMAP(n_neighbors=10, n_components=3, min_dist=0.0, metric="cosine", random_state=1, n_jobs=1)
    E = u.fit_transform(X)
    assert E.shape == (200, 3) and np.isfinite(E).all()
    assert u.precomputed_knn == (None, None, None)  # the constructor parameter is left as given
    assert clone(u).get_params()["n_neighbors"] == 10
    assert np.array_equal(u.transform(X), E)  # the training data: its fitted coordinates
    new = u.transform(X[:4] + 0.01)
    assert new.shape == (4, 3)
    # a new point lands among the coordinates of its nearest training points
    assert np.linalg.norm(new[0] - E[0]) < np.linalg.norm(E - E.mean(axis=0), axis=1).mean()


def test_exact_umap_transform_in_blocks_equals_one_block(monkeypatch):
    import nps_text.topics._knn as knn

    X = _points(120, 16)
    u = ExactUMAP(n_neighbors=8, n_components=2, min_dist=0.0, metric="cosine", random_state=1, n_jobs=1).fit(X)
    new = X[:50] + 0.02
    whole = u.transform(new)
    monkeypatch.setattr(knn, "BLOCK_ROWS", 7)  # 50 queries in 8 blocks, the last one short
    assert np.allclose(u.transform(new), whole, atol=1e-6)


def test_exact_umap_refuses_other_metrics():
    with pytest.raises(ValueError, match="cosine neighbours"):
        ExactUMAP(metric="euclidean", n_neighbors=5).fit(_points(50))


def test_umap_kernels_cached_on_disk_and_results_unchanged(tmp_path):
    """The disk cache is numba's own: a fresh process that loads it gives the same coordinates."""
    import os
    import subprocess
    import sys

    from nps_text.topics._knn import UMAP_KERNELS, cache_umap_kernels

    assert set(cache_umap_kernels()) == {name for _, name in UMAP_KERNELS}
    script = (
        "import numpy as np, sys\n"
        "from nps_text.topics._knn import ExactUMAP\n"
        "X = np.random.default_rng(0).normal(size=(300, 16)).astype(np.float32)\n"
        "E = ExactUMAP(n_neighbors=10, n_components=2, metric='cosine', random_state=1, n_jobs=1,"
        " n_epochs=30).fit(X).embedding_\n"
        "np.save(sys.argv[1], E)\n"
    )
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"))
    outs = []
    for k in range(2):  # the first run writes the cache (or finds it), the second loads it
        out = tmp_path / f"e{k}.npy"
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env, cwd=os.getcwd())
        outs.append(np.load(out))
    np.testing.assert_array_equal(outs[0], outs[1])
