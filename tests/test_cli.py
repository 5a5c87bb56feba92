"""Command line: `nps-text report FILE --out DIR` with the default (offline) embedder."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from nps_text.cli import main
from conftest import make_survey

pytestmark = pytest.mark.slow  # the CLI with the real (bundled) model


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "survey.csv"
    make_survey(40).to_csv(path, index=False)
    return path


def test_report_writes_files(small_csv, tmp_path, capsys, no_network):
    out = tmp_path / "out"
    code = main(["report", str(small_csv), "--out", str(out), "--quiet", "--no-excel"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    for name in ("report.html", "topics.csv", "priorities.csv", "responses.csv"):
        assert (out / name).is_file(), name
    assert not (out / "report.xlsx").exists()
    responses = pd.read_csv(out / "responses.csv")
    assert len(responses) == 40
    assert captured.out.startswith("NPS ")
    assert "40 rows" in captured.out  # the row accounting line


def test_cache_flag_chooses_the_cache_folder(small_csv, tmp_path, capsys, monkeypatch, no_network):
    monkeypatch.setenv("NPS_TEXT_CACHE", "off")  # the flag, not the environment, must decide
    cache = tmp_path / "cache"
    code = main(["report", str(small_csv), "--out", str(tmp_path / "out"), "--quiet", "--no-excel",
                 "--cache", str(cache)])
    assert code == 0, capsys.readouterr().err
    assert any(f.name.endswith(".vecs.npy") for f in cache.rglob("*"))  # embeddings were stored there
    assert (cache / "prepared").is_dir()  # and the prepared text


def test_missing_file_exit_2_one_line(tmp_path, capsys):
    code = main(["report", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "out"), "--quiet"])
    captured = capsys.readouterr()
    assert code == 2
    err = captured.err.strip()
    assert re.match(r"nps-text: error: NPS100: .*file not found", err)
    assert len(err.splitlines()) == 1
    assert "Traceback" not in captured.err
    assert not (tmp_path / "out").exists()


def test_missing_column_exit_2(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("score,notes\n9,ok\n", encoding="utf-8")
    code = main(["report", str(path), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert re.search(r"^nps-text: error: NPS101: .*no comment column found", err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_scale_rejected_by_argparse(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "x.csv", "--out", str(tmp_path), "--scale", "0-5"])
    assert exc.value.code == 2
    assert "invalid choice: '0-5'" in capsys.readouterr().err


def test_score_big_file_in_chunks_matches_report_with_the_model(small_csv, tmp_path, capsys, no_network):
    model, rep, scored = tmp_path / "model", tmp_path / "rep", tmp_path / "scored"
    assert main(["report", str(small_csv), "--out", str(tmp_path / "fit"), "--quiet", "--no-excel",
                 "--save-model", str(model)]) == 0
    assert main(["report", str(small_csv), "--out", str(rep), "--quiet", "--no-excel", "--model", str(model)]) == 0
    capsys.readouterr()
    code = main(["score", str(small_csv), "--model", str(model), "--out", str(scored), "--chunksize", "15"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert sorted(p.name for p in scored.iterdir()) == ["accounting.csv", "summary.csv", "themes.csv"]
    assert captured.err.count("nps-text: scored") == 3 and "40 rows in 3 chunks" in captured.out
    keys = ["theme_id", "kind"]
    got = pd.read_csv(scored / "themes.csv").sort_values(keys).reset_index(drop=True)
    want = pd.read_csv(rep / "themes.csv").sort_values(keys).reset_index(drop=True)
    assert got[keys].astype(str).equals(want[keys].astype(str))
    for col in ("n_respondents", "nps_mentioners", "impact"):
        assert got[col].round(6).equals(want[col].round(6)), col
    summary = pd.read_csv(scored / "summary.csv")
    assert summary["nps"].iloc[0] == pytest.approx(pd.read_csv(rep / "summary.csv")["nps"].iloc[0])


def test_score_bad_chunksize_exit_2(small_csv, tmp_path, capsys):
    code = main(["score", str(small_csv), "--model", str(tmp_path / "none"), "--out", str(tmp_path / "o"),
                 "--chunksize", "0"])
    assert code == 2 and "nps-text: error:" in capsys.readouterr().err


def test_report_on_a_sample_of_a_big_file(small_csv, tmp_path, capsys, no_network):
    out = tmp_path / "out"
    code = main(["report", str(small_csv), "--out", str(out), "--no-excel", "--sample", "25",
                 "--save-model", str(tmp_path / "model")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "a random sample of 25 of 40 rows" in captured.err
    assert len(pd.read_csv(out / "responses.csv")) == 25 and (tmp_path / "model").is_dir()
    code = main(["report", str(small_csv), "--out", str(out), "--quiet", "--sample", "25", "--model",
                 str(tmp_path / "model")])
    assert code == 2 and "nps-text score FILE --model" in capsys.readouterr().err


def test_big_file_gets_a_hint_before_it_is_read(tmp_path, capsys, monkeypatch):
    import nps_text.cli as cli

    path = tmp_path / "big.csv"
    path.write_text("score,comment\n")  # no rows: the read fails after the hint
    monkeypatch.setattr(cli, "BIG_FILE_BYTES", 5)
    assert main(["report", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--sample 50000 --save-model DIR" in err and err.index("note:") < err.index("error:")
    main(["report", str(path), "--out", str(tmp_path / "out"), "--quiet", "--sample", "10"])
    assert "note:" not in capsys.readouterr().err
