"""Speed and memory of the pipeline: `python benchmarks/speed.py [FILE] [--scale 1-5]`.

Measures, on one survey (default: the bundled sample): wall time per stage, clauses
embedded per second with the default embedder, and peak resident memory. Prints a
table and writes benchmarks/results/speed.md.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nps_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("file", nargs="?", default=str(ROOT / "data" / "sample" / "survey.csv"))
    p.add_argument("--scale", default="0-10")
    args = p.parse_args(argv)
    t0 = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(args.file, scale=args.scale)
    total = time.time() - t0
    timings = result.meta["timings"]
    n_unique = result.mentions["clause"].nunique()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("file", Path(args.file).name),
        ("input rows", len(result.responses)),
        ("clauses (distinct)", f"{len(result.mentions)} ({n_unique})"),
        ("topic rows", len(result.topics)),
        *[(f"time: {stage}", f"{secs:.1f} s") for stage, secs in timings.items()],
        ("time: total incl. model loading", f"{total:.1f} s"),
        ("embedding throughput", f"{n_unique / max(timings['embed'], 1e-9):.0f} clauses/s"),
        ("peak memory (RSS)", f"{peak_mb:.0f} MB"),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    print("\n".join(lines))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "speed.md").write_text("| measure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
