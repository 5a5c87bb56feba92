"""One machine, a file bigger than memory: ``score_file`` reads and scores it chunk by chunk and gives
exactly the numbers ``transform`` gives on the whole survey."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_text import _columns as C
from nps_text.distributed import score_file
from nps_text.errors import NotFittedError
from nps_text.ingest import read_survey
from nps_text.pipeline import NpsAnalyzer

from conftest import HashEmbedder, make_survey

COMPARE = [C.N_MENTIONS, C.N_RESPONDENTS, C.PCT_RESPONDENTS, C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR,
           C.NPS_MENTIONERS, C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT]
READ = dict(id="respondent_id", score="score", comment="comment", segments=["department"])


@pytest.fixture(scope="module")
def fitted():
    responses, schema = read_survey(make_survey(150, seed=1), **READ)
    analyzer = NpsAnalyzer(embedder=HashEmbedder(), min_topic_size=5, min_respondents=30, n_boot=0,
                           progress=False)
    return analyzer.fit(responses, schema.segments)


@pytest.fixture(scope="module")
def wave_file(tmp_path_factory):
    raw = make_survey(240, seed=7, wave="2026-Q2")
    bad = raw.iloc[[3, 50, 100]].copy()  # the same respondents again (excluded as duplicates, in later chunks)
    raw = pd.concat([raw, bad, pd.DataFrame([{"respondent_id": "x1", "wave": "2026-Q2", "score": "eleven",
                                              "comment": "bad score", "department": "Billing"}])],
                    ignore_index=True)
    path = tmp_path_factory.mktemp("big") / "wave.csv"
    raw.to_csv(path, index=False)
    return path


def _sorted(t: pd.DataFrame) -> pd.DataFrame:
    t = t.assign(**{C.KIND: t[C.KIND].replace("", np.nan).fillna("")})
    return t.sort_values([C.THEME_ID, C.KIND]).reset_index(drop=True)


@pytest.mark.parametrize("chunksize", [37, 1000])
def test_chunks_give_the_whole_survey_numbers(fitted, wave_file, chunksize, capsys):
    responses, schema = read_survey(wave_file, **READ)
    whole = fitted.transform(responses, schema.segments)
    out = score_file(fitted, wave_file, chunksize=chunksize, **READ)
    n_chunks = -(-len(responses) // chunksize)
    assert out.n_partitions == n_chunks and out.n_rows == len(responses)
    assert out.nps == pytest.approx(whole.nps, abs=1e-12)
    got, want = _sorted(out.themes), _sorted(whole.themes)
    assert list(zip(got[C.THEME_ID], got[C.KIND])) == list(zip(want[C.THEME_ID], want[C.KIND]))
    for col in COMPARE:
        np.testing.assert_allclose(got[col].to_numpy(float), want[col].to_numpy(float), rtol=0, atol=1e-9,
                                   err_msg=col)
    assert out.accounting.groupby("status")["rows"].sum().to_dict() == responses[C.STATUS].value_counts().to_dict()
    assert out.accounting.set_index(["status", "reason"])["rows"].to_dict() == (
        whole.accounting.assign(reason=whole.accounting["reason"].fillna(""))
        .set_index(["status", "reason"])["rows"].to_dict())
    assert out.accounting.loc[out.accounting["status"] == C.EXCLUDED, "rows"].sum() == 4  # 3 duplicates, 1 bad score
    # NPS overall and per department (the single wave is left out, as on one machine)
    cols = ["segment", "value", "n", "promoters", "passives", "detractors", "nps", "moe", "band", "flag"]
    assert list(out.summary["segment"]) == ["overall"] + ["department"] * 3
    pd.testing.assert_frame_equal(out.summary[cols], whole.summary[cols], check_dtype=False)
    assert (got[C.THEME_ID] == -1).any() and out.meta["small_rows_merged"]  # the merge rule was exercised
    assert capsys.readouterr().err.count("nps-text: scored") == n_chunks


def test_unfitted_analyzer_is_refused(wave_file):
    with pytest.raises(NotFittedError, match="NPS204"):
        score_file(NpsAnalyzer(embedder=HashEmbedder()), wave_file, **READ)


def test_a_respondent_of_two_small_rows_is_one_unassigned_mentioner():
    from nps_text.distributed import combine_counts, summarise_partition

    responses = pd.DataFrame({"row": [0, 1, 2, 3], "group": [C.DETRACTOR, C.PROMOTER, C.PROMOTER, C.PASSIVE],
                              "valid": [True, True, True, True]})
    # respondent 0 names two rows that are small overall (one respondent each) and the unassigned row
    mentions = pd.DataFrame({"row": [0, 0, 0, 1, 2, 3], "theme_id": [5, 6, -1, 7, 7, 7],
                             "kind": [C.BARRIER, C.DRIVER, "mixed", C.DRIVER, C.DRIVER, C.DRIVER]})
    parts = [summarise_partition(responses.iloc[:2], mentions[mentions["row"] < 2]),
             summarise_partition(responses.iloc[2:], mentions[mentions["row"] >= 2])]
    table, overall = combine_counts(parts, min_respondents=2)
    rows = table.set_index([C.THEME_ID, C.KIND])
    assert rows.loc[(-1, "mixed"), C.N_RESPONDENTS] == 1 and rows.loc[(-1, "mixed"), C.N_MENTIONS] == 3
    assert rows.loc[(7, C.DRIVER), C.N_RESPONDENTS] == 3 and len(rows) == 2
    assert overall["n"] == 4


def test_save_writes_the_three_tables(fitted, wave_file, tmp_path):
    out = score_file(fitted, wave_file, chunksize=100, progress=False, **READ)
    paths = out.save(tmp_path / "scored")
    assert sorted(p.name for p in paths.values()) == ["accounting.csv", "summary.csv", "themes.csv"]
    themes = pd.read_csv(paths["themes"], encoding="utf-8-sig")
    assert {C.THEME_ID, C.LABEL, C.KIND, C.N_RESPONDENTS, C.IMPACT} <= set(themes.columns)
    assert len(themes) == len(out.themes)
    acc = pd.read_csv(paths["accounting"], encoding="utf-8-sig")
    assert acc["rows"].sum() == out.n_rows


def test_analyze_a_sample_then_score_every_row(wave_file):
    from nps_text import analyze

    result = analyze(wave_file, **READ, sample=120, embedder=HashEmbedder(), min_topic_size=5, n_boot=0,
                     progress=False)
    assert len(result.responses) == 120 and result.meta["rows_read"] == 244
    again = analyze(wave_file, **READ, sample=120, embedder=HashEmbedder(), min_topic_size=5, n_boot=0,
                    progress=False)
    assert again.responses["row"].tolist() == result.responses["row"].tolist()  # seeded by random_state
    from nps_text.report import render_html

    assert "a random sample of 120 of 244 rows" in render_html(result)  # the report says it is a sample
    assert "случайная выборка: 120 из 244 строк" in render_html(result, lang="ru")
    whole = analyze(wave_file, **READ, embedder=HashEmbedder(), min_topic_size=5, n_boot=0, progress=False)
    assert "random sample" not in render_html(whole)
    out = score_file(result.meta["analyzer"], wave_file, chunksize=50, progress=False, **READ)
    assert out.n_rows == 244 and out.themes[C.N_RESPONDENTS].sum() > 0


def test_themes_carry_department_and_examples_as_themes_csv(fitted, wave_file):
    import copy

    from nps_text.distributed import THEMES_COLUMNS

    model = copy.deepcopy(fitted)
    info = model.theme_model_.themes_
    info[C.DEPARTMENT] = np.where(info[C.THEME_ID] == info[C.THEME_ID].iloc[0], "Network", "")
    out = score_file(model, wave_file, chunksize=100, progress=False, **READ)
    responses, schema = read_survey(wave_file, **READ)
    whole = model.transform(responses, schema.segments).themes
    assert list(out.themes.columns[:len(THEMES_COLUMNS)]) == THEMES_COLUMNS
    both = out.themes.merge(whole, on=[C.THEME_ID, C.KIND], suffixes=("", "_whole"))
    assert len(both) == len(whole) and (both[C.DEPARTMENT] == "Network").any()
    assert (both[C.DEPARTMENT] == both[f"{C.DEPARTMENT}_whole"].fillna("")).all()
    rows = out.themes[out.themes[C.THEME_ID] != -1]
    assert (rows[C.EXAMPLES] != "").all()
    comments = responses[C.COMMENT].dropna().tolist()
    for text in rows[C.EXAMPLES]:
        for example in text.split(" | "):
            assert any(example.strip() in c for c in comments), example


@pytest.mark.parametrize("bad", [0, -5, 2.5, True, "100"])
def test_analyze_sample_is_validated(wave_file, bad):
    from nps_text import analyze
    from nps_text.errors import ParameterError

    with pytest.raises(ParameterError, match=r"^NPS201: the 'sample' parameter of analyze must be an int"):
        analyze(wave_file, **READ, sample=bad, embedder=HashEmbedder(), progress=False)
