"""The package works from an installed wheel, not only from the source tree.

Builds the wheel, installs it (without dependencies) into a fresh virtual
environment that sees the test environment's third-party packages through a
path file, and runs the sample there: ``load_sample()``, the industry table
and the shipped models must come from the installed package.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = r"""
import nps_text, sys
from pathlib import Path
assert "site-packages" in nps_text.__file__ and "{root}" not in nps_text.__file__, nps_text.__file__
df = nps_text.load_sample()
assert len(df) == 640, len(df)
from nps_text.impact import industry_benchmark
assert industry_benchmark("banking")["nps"] == 0
result = nps_text.analyze(df.head(120), n_boot=50)
print("OK", nps_text.__file__, len(result.responses), int(result.themes["theme_id"].nunique()))
"""


@pytest.mark.slow
def test_wheel_installs_and_runs_the_sample(tmp_path):
    dist, src = tmp_path / "dist", tmp_path / "src"
    # build from a copy: setuptools writes build/ and *.egg-info next to the sources
    shutil.copytree(ROOT, src, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "reports", "benchmarks", "notebooks", "tests", "__pycache__"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(dist), str(src)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("nps_text-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # third-party packages from the test environment; its editable nps_text hook is not loaded from here
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                              str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run([str(py), "-c", SCRIPT.replace("{root}", str(ROOT))], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("OK")
