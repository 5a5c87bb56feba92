"""The spread of the theme measures over UMAP seeds, with and without the shipped vector table.

Why: a single run of ``quality.py`` is one draw. Theme NMI moves by up to 0.05 and planted top-3 by a
seed or two when only UMAP's seed changes, or when vectors change at the 7th decimal
(``benchmarks/results/quality_spread.md``). This script runs ``quality.py --only M --random-state N
[--no-vector-table]`` for each seed and setting (each in its own process, results in
``benchmarks/results/partial/spread/``) and prints, per measure and data set, every value, the mean and
the paired differences (each setting minus the first one named: table minus exact by default).

    python benchmarks/quality_spread.py                       # measure 1 and 3, seeds 1,2,3,4,7,42,123
    python benchmarks/quality_spread.py --measures 1 --seeds 42,7 --settings table
    python benchmarks/quality_spread.py --settings table,umap200    # UMAP layout epochs: default vs 200

About a minute per measure, seed and setting on 2 cores with the harness's embedding cache filled (the
default run: 28 runs, ~30 minutes).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "results" / "partial" / "spread"
# (measure, row pattern in quality.md, how to read the value)
ROWS = {
    1: (r"\| 1 \| (\w+) \| nps-text themes \| NMI vs gold category \| ([0-9.]+) \|", float),
    3: (r"\| 3 \| (\w+) \| nps-text themes \| top-3 \\\|effect\\\| themes right \| (\d+)/10 seeds \|", int),
}
SETTINGS = {"exact": ["--no-vector-table"], "table": [],
            # the default reducer's layout at 200 epochs (UMAP's own number from 10,000 points) at every size
            "umap200": ["--topic-params", '{"umap_epochs": 200}']}


def run(measure: int, seed: int, setting: str) -> dict[str, float]:
    """{data set: value} of one quality.py run (re-used when its result file exists)."""
    out = OUT / f"m{measure}-seed{seed}-{setting}"
    md = out / "quality.md"
    if not md.exists():
        cmd = [sys.executable, str(HERE / "quality.py"), "--only", str(measure), "--random-state", str(seed),
               "--out", str(out), *SETTINGS[setting]]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    pattern, cast = ROWS[measure]
    return {name: cast(value) for name, value in re.findall(pattern, md.read_text("utf-8"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--measures", default="1,3")
    ap.add_argument("--seeds", default="1,2,3,4,7,42,123")
    ap.add_argument("--settings", default="exact,table",
                    help="comma-separated: exact (no vector table), table (shipped), umap200 (umap_epochs=200)")
    ap.add_argument("--fresh", action="store_true", help="run again even where a result file exists")
    args = ap.parse_args(argv)
    measures = [int(m) for m in args.measures.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    settings = args.settings.split(",")
    unknown = [m for m in measures if m not in ROWS] + [s for s in settings if s not in SETTINGS]
    if unknown:
        ap.error(f"unknown measure or setting: {unknown}")
    if args.fresh and OUT.exists():
        for md in OUT.glob("*/quality.md"):
            md.unlink()
    for m in measures:
        values = {(seed, st): run(m, seed, st) for seed in seeds for st in settings}
        names = sorted({name for v in values.values() for name in v})
        print(f"\nmeasure {m}: " + ("theme NMI" if m == 1 else "planted top-3 right (of 10)"))
        print("| random_state | " + " | ".join(f"{st}: {' / '.join(names)}" for st in settings) + " |")
        for seed in seeds:
            cells = [" / ".join(str(values[(seed, st)].get(n, "-")) for n in names) for st in settings]
            print(f"| {seed} | " + " | ".join(cells) + " |")
        for st in settings:
            means = [np.mean([values[(s, st)][n] for s in seeds if n in values[(s, st)]]) for n in names]
            print(f"mean {st}: " + " / ".join(f"{x:.3f}" for x in means))
        # paired differences against the first setting named (the default order gives table - exact)
        ref = settings[0]
        for st in [x for x in settings if x != ref]:
            for n in names:
                d = np.array([values[(s, st)][n] - values[(s, ref)][n] for s in seeds
                              if n in values[(s, st)] and n in values[(s, ref)]], dtype=float)
                t = d.mean() / (d.std(ddof=1) / np.sqrt(len(d))) if len(d) > 1 and d.std(ddof=1) > 0 else float("nan")
                print(f"{n}: {st} - {ref}, paired over {len(d)} seeds: mean {d.mean():+.4f}, "
                      f"sd {d.std(ddof=1):.4f}, t {t:+.2f}; {st} lower in {int((d < 0).sum())}, "
                      f"higher in {int((d > 0).sum())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
