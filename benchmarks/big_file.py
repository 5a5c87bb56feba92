"""Memory of a survey file bigger than the machine wants to hold: `python benchmarks/big_file.py --gb 1`.

Issue #13 asks that reading large inputs be chunked: "a 1 GB CSV must not need 10 GB of RAM". This
script writes a CSV of ``--gb`` gigabytes and measures, each in its own subprocess (so peak RSS is the
step's own):

1. ``read_survey`` of the whole file (what ``nps-text report`` and ``analyze`` do);
2. ``iter_survey`` over it in chunks (reading and validating only, statuses counted);
3. ``score_file`` with a saved model (``nps-text score``): every chunk scored and reduced to counts.

The file: a base survey of ``--base`` respondents resampled from real comments in ``../shared/data``
(``speed.py``'s ``make_survey``: nps_telecom_en, rozetka_uk, womens_clothing_en, with realistic exact
repeats), plus a date and a region column, written again and again with fresh respondent ids until the
file reaches the size. The model is fitted on ``--fit`` respondents of another draw (the library default
embedder) and saved. Every copy of the base repeats the same comments, so after the first chunk the
embedding cache serves them: step 3's time is that of a warm cache (a real file of this size with new
text everywhere would take the embedding time of ``speed.py``'s sizes), while its memory is what the
chunk needs. Writes ``benchmarks/results/big_file.md`` (``--out``).
"""
from __future__ import annotations

import argparse
import json
import os
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # noqa: E402  (the survey builder and the data location)

READ = dict(id="respondent_id", score="score", comment="comment", date="date", segments=["region"])


def write_file(path: Path, gb: float, base: int, seed: int = speed.SEED) -> dict:
    """Copies of a ``base``-respondent survey with fresh ids until the CSV holds ``gb`` GB."""
    pools = speed.load_pool(speed.DATA)
    survey, _ = speed.make_survey(base, pools, speed.duplicate_share(pools), seed=seed)
    rng = np.random.default_rng(seed)
    survey["date"] = (pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 300, len(survey)), unit="D")
                      ).strftime("%Y-%m-%d")
    survey["region"] = rng.choice(["North", "South", "East", "West"], len(survey))
    target, copies = int(gb * 1e9), 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        while fh.tell() < target:
            part = survey.assign(respondent_id=[f"r{copies:04d}-{i:07d}" for i in range(len(survey))])
            part.to_csv(fh, index=False, header=copies == 0)
            copies += 1
    return {"bytes": path.stat().st_size, "rows": copies * len(survey), "copies": copies,
            "distinct_comments": int(survey["comment"].nunique())}


# ------------------------------------------------------------------ children (one step each)
def child(step: str, csv: str, model: str, chunksize: int, fit: int) -> dict:
    warnings.simplefilter("ignore")
    t0 = time.time()
    if step == "fit":
        from nps_text import analyze

        pools = speed.load_pool(speed.DATA)
        sample, _ = speed.make_survey(fit, pools, speed.duplicate_share(pools), seed=speed.SEED + 1)
        result = analyze(sample, id="respondent_id", score="score", comment="comment", progress=False)
        result.meta["analyzer"].save(model)
        out = {"rows": len(sample)}
    elif step == "read_survey":
        from nps_text.ingest import read_survey

        responses, _ = read_survey(csv, **READ)
        out = {"rows": len(responses), "statuses": responses["status"].value_counts().to_dict()}
    elif step == "iter_survey":
        from nps_text.ingest import iter_survey

        rows, statuses = 0, {}
        for part, _ in iter_survey(csv, chunksize=chunksize, **READ):
            rows += len(part)
            for k, v in part["status"].value_counts().items():
                statuses[k] = statuses.get(k, 0) + int(v)
        out = {"rows": rows, "statuses": statuses}
    else:
        from nps_text import NpsAnalyzer
        from nps_text.distributed import score_file

        result = score_file(NpsAnalyzer.load(model), csv, chunksize=chunksize, progress=True, **READ)
        out = {"rows": result.n_rows, "chunks": result.n_partitions, "nps": round(result.nps, 3),
               "theme_rows": int(len(result.themes)),
               "statuses": result.accounting.groupby("status")["rows"].sum().astype(int).to_dict()}
    return out | {"wall": time.time() - t0, "peak_mb": speed._peak_mb()}


def run_child(step: str, csv: Path, model: Path, chunksize: int, fit: int, cache: Path) -> dict:
    env = dict(os.environ, NPS_TEXT_CACHE=str(cache),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, __file__, "--child", step, "--csv", str(csv), "--model", str(model),
           "--chunksize", str(chunksize), "--fit", str(fit)]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=None, text=True)  # progress shows
    if proc.returncode != 0:
        return {"step": step, "error": f"exit {proc.returncode}"}
    return {"step": step} | json.loads(proc.stdout.strip().splitlines()[-1])


def to_markdown(info: dict, records: list[dict], args) -> str:
    lines = [
        "# A survey file bigger than memory (benchmarks/big_file.py)", "",
        f"Command: `python benchmarks/big_file.py --gb {args.gb} --base {args.base} --chunksize {args.chunksize} "
        f"--fit {args.fit}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores).", "",
        f"File: {info['bytes'] / 1e9:.2f} GB, {info['rows']:,} respondents ({info['copies']} copies of a "
        f"{args.base:,}-respondent survey with {info['distinct_comments']:,} distinct comments, fresh ids; "
        "columns respondent_id, score, comment, date, region).", "",
        "| step | what it does | rows | wall s | peak RSS MB | note |", "|---|---|---|---|---|---|",
    ]
    what = {"fit": f"fit the model on another {args.fit:,}-respondent draw and save it",
            "read_survey": "read and validate the whole file into one table (`report`, `analyze`)",
            "iter_survey": f"read and validate in chunks of {args.chunksize:,} rows",
            "score_file": f"`nps-text score`: chunks of {args.chunksize:,} scored by the saved model, counts kept"}
    for r in records:
        if "error" in r:
            lines.append(f"| {r['step']} | {what[r['step']]} | - | - | - | {r['error']} |")
            continue
        note = ", ".join(f"{k} {v:,}" for k, v in sorted(r.get("statuses", {}).items()))
        if r["step"] == "score_file":
            note += f"; {r['chunks']} chunks, NPS {r['nps']:+.1f}, {r['theme_rows']} theme rows; warm cache after chunk 1"
        lines.append(f"| {r['step']} | {what[r['step']]} | {r['rows']:,} | {r['wall']:,.0f} | {r['peak_mb']:,.0f} | "
                     f"{note} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gb", type=float, default=1.0, help="size of the CSV in GB (default 1)")
    p.add_argument("--base", type=int, default=20_000, help="respondents of the survey that is repeated")
    p.add_argument("--chunksize", type=int, default=100_000, help="rows per chunk (iter_survey, score_file)")
    p.add_argument("--fit", type=int, default=5_000, help="respondents the saved model is fitted on")
    p.add_argument("--steps", default="read_survey,iter_survey,score_file",
                   help="comma-separated steps (fit runs when score_file is asked for)")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "big_file.md"))
    p.add_argument("--child", choices=["fit", "read_survey", "iter_survey", "score_file"], help=argparse.SUPPRESS)
    p.add_argument("--csv", help=argparse.SUPPRESS)
    p.add_argument("--model", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.csv, args.model, args.chunksize, args.fit)))
        return 0
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="nps-bigfile-"))
    try:
        csv, model, cache = work / "big.csv", work / "model", work / "cache"
        t0 = time.time()
        info = write_file(csv, args.gb, args.base)
        print(f"wrote {info['bytes'] / 1e9:.2f} GB, {info['rows']:,} rows in {time.time() - t0:.0f} s", flush=True)
        records = []
        for step in (["fit"] if "score_file" in steps else []) + steps:
            rec = run_child(step, csv, model, args.chunksize, args.fit, cache)
            print(json.dumps(rec), flush=True)
            records.append(rec)
            Path(args.out).write_text(to_markdown(info, records, args))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(Path(args.out).read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
