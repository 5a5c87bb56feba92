"""Stage 1 (ingest): column detection, per-row statuses, scales and file formats."""
from __future__ import annotations

import pandas as pd
import pytest

from nps_text import SurveyValidationError, read_survey
from nps_text.ingest import parse_score, to_group


def _df(**cols):
    return pd.DataFrame(cols)


# ------------------------------------------------------------------ columns
@pytest.mark.parametrize(
    "score_col, comment_col",
    [
        ("оценка", "комментарий"),
        ("оцінка", "коментар"),
        ("NPS Score", "Comment"),
        ("nps_score", "Коментар"),
    ],
)
def test_columns_detected_by_name(score_col, comment_col):
    df = pd.DataFrame({"extra": ["x", "y"], score_col: ["9", "3"], comment_col: ["good", "bad"]})
    responses, schema = read_survey(df)
    assert schema.score == score_col
    assert schema.comment == comment_col
    assert responses["score"].tolist() == [9, 3]
    assert responses["comment"].tolist() == ["good", "bad"]


def test_explicit_columns_override_detection():
    df = _df(score=["1", "1"], comment=["a", "b"], q1=["10", "0"], answer_text=["great", "awful"])
    responses, schema = read_survey(df, score="q1", comment="answer_text")
    assert (schema.score, schema.comment) == ("q1", "answer_text")
    assert responses["score"].tolist() == [10, 0]
    assert responses["group"].tolist() == ["promoter", "detractor"]


def test_explicit_column_not_in_file_names_a_close_match():
    df = _df(score=["1"], comment=["a"])
    with pytest.raises(SurveyValidationError, match=r"NPS101: (.*: )?column 'scor' given for score .*Did you mean 'score'"):
        read_survey(df, score="scor")


def test_missing_comment_column_NPS101_did_you_mean():
    df = _df(score=["9"], Commnt=["x"])
    with pytest.raises(SurveyValidationError,
                       match=r"^NPS101: no comment column found among: 'score', 'Commnt'\. Did you mean 'Commnt'\?"
                             r" Pass comment='<column>'\.$"):
        read_survey(df)


def test_missing_score_column_NPS101():
    with pytest.raises(SurveyValidationError,
                       match=r"^NPS101: no score column found among: 'comment', 'city'\. Pass score='<column>'\.$"):
        read_survey(_df(comment=["x"], city=["Kyiv"]))


def test_ambiguous_score_columns_NPS103():
    df = _df(score=["1"], rating=["2"], comment=["x"])
    with pytest.raises(SurveyValidationError,
                       match=r"^NPS103: several columns could be the score: 'score', 'rating'\. "
                             r"Pick one with score='<column>'\.$"):
        read_survey(df)


def test_ambiguous_resolved_by_explicit_column():
    df = _df(score=["1"], rating=["2"], comment=["x"])
    responses, schema = read_survey(df, score="rating")
    assert responses["score"].tolist() == [2]


# ------------------------------------------------------------------ statuses
def test_statuses_per_row():
    df = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e", "f", "g", "h", "a", "i"],
        "score": ["10", "9/10", "", "11", "-1", "9.5", "десять", "3", "8", "7"],
        "comment": ["ok", "fine", "x", "y", "z", "w", "v", "", "dup", "  "],
    })
    r, _ = read_survey(df)
    assert len(r) == len(df)
    assert r["row"].tolist() == list(range(1, 11))
    status = dict(zip(r["row"], zip(r["status"], r["status_reason"])))
    assert status[1] == ("analysed", "")
    assert status[2] == ("analysed", "")
    assert status[3] == ("excluded", "no score")
    assert status[4][0] == "excluded" and "out of range 0-10: 11" in status[4][1]
    assert status[5][0] == "excluded" and "out of range 0-10: -1" in status[5][1]
    assert status[6][0] == "excluded" and "not a whole number: 9.5" in status[6][1]
    assert status[7][0] == "excluded" and "not a number: 'десять'" in status[7][1]
    assert status[8] == ("nps_only", "empty comment")
    assert status[9] == ("excluded", "duplicate respondent id (first at row 1)")
    assert status[10] == ("nps_only", "empty comment")
    # 9/10 is read as 9
    assert r.loc[r["row"] == 2, "score"].item() == 9
    assert r.loc[r["row"] == 2, "group"].item() == "promoter"
    # rows without a valid score have no group; the duplicate keeps its (unused) group
    assert r.loc[r["row"].between(3, 7), "group"].isna().all()


def test_same_respondent_in_two_waves_is_not_a_duplicate():
    df = _df(id=["a", "a"], wave=["Q1", "Q2"], score=["9", "3"], comment=["x", "y"])
    r, _ = read_survey(df)
    assert r["status"].tolist() == ["analysed", "analysed"]
    assert r["wave"].tolist() == ["Q1", "Q2"]


@pytest.mark.parametrize("value, expected", [
    ("9", 9), (" 7 ", 7), ("9.0", 9), ("9/10", 9), (10, 10), (0.0, 0), ("8,0", 8),
])
def test_parse_score_accepts(value, expected):
    assert parse_score(value) == (expected, "")


@pytest.mark.parametrize("value, reason", [
    ("", "no score"), ("n/a", "no score"), ("11", "out of range"), ("-1", "out of range"),
    ("9.5", "not a whole number"), ("десять", "not a number"), ("4/5", "another scale"), (True, "not a number"),
])
def test_parse_score_rejects(value, reason):
    score, why = parse_score(value)
    assert score is None
    assert reason in why


# ------------------------------------------------------------------ scales
def test_scale_1_5_groups():
    df = _df(score=["5", "4", "3", "2", "1", "6"], comment=list("abcdef"))
    r, schema = read_survey(df, scale="1-5")
    assert schema.scale == "1-5"
    assert r["group"].tolist()[:5] == ["promoter", "passive", "detractor", "detractor", "detractor"]
    assert r["status"].tolist()[5] == "excluded"
    assert "out of range 1-5: 6" in r["status_reason"].tolist()[5]
    assert r["score_0_10"].tolist()[:5] == [10.0, 7.5, 5.0, 2.5, 0.0]


@pytest.mark.parametrize("score, group", [(0, "detractor"), (6, "detractor"), (7, "passive"), (8, "passive"),
                                          (9, "promoter"), (10, "promoter")])
def test_groups_0_10(score, group):
    assert to_group(score) == group


def test_unknown_scale_NPS109():
    with pytest.raises(SurveyValidationError, match=r"NPS109: unknown scale '0-5'; use one of 0-10, 1-10, 1-5, 1-7\."):
        read_survey(_df(score=["1"], comment=["x"]), scale="0-5")


# ------------------------------------------------------------------ formats
def _expected(r):
    return r["score"].tolist(), r["comment"].tolist()


def test_csv_semicolon_cp1251(tmp_path):
    path = tmp_path / "survey.csv"
    # the second comment holds the delimiter: quoted, as Excel writes it
    text = "оценка;комментарий;отдел\n9;Всё отлично, спасибо;Биллинг\n2;\"Дорого; очень\";Поддержка\n"
    path.write_bytes(text.encode("cp1251"))
    r, schema = read_survey(path)
    assert _expected(r) == ([9, 2], ["Всё отлично, спасибо", "Дорого; очень"])
    assert schema.segments == ["отдел"]
    assert r["отдел"].tolist() == ["Биллинг", "Поддержка"]


def test_csv_utf8_bom(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_bytes("оцінка,коментар\n10,Швидко\n6,Повільно\n".encode("utf-8-sig"))
    r, schema = read_survey(path)
    assert schema.score == "оцінка"  # no BOM glued to the first header
    assert _expected(r) == ([10, 6], ["Швидко", "Повільно"])


def test_excel_with_blank_top_rows(tmp_path):
    path = tmp_path / "survey.xlsx"
    df = pd.DataFrame({"NPS Score": [10, 3, 7], "Comment": ["great", "slow", "ok"]})
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, startrow=3)
    r, schema = read_survey(path)
    assert (schema.score, schema.comment) == ("NPS Score", "Comment")
    assert _expected(r) == ([10, 3, 7], ["great", "slow", "ok"])
    assert r["group"].tolist() == ["promoter", "detractor", "passive"]


def test_parquet(tmp_path):
    path = tmp_path / "survey.parquet"
    pd.DataFrame({"score": [9, 0], "comment": ["fine", "awful"]}).to_parquet(path)
    r, _ = read_survey(path)
    assert _expected(r) == ([9, 0], ["fine", "awful"])


def test_dataframe_input_is_not_modified():
    df = _df(score=["9", "x"], comment=["a", "b"])
    before = df.copy()
    r, _ = read_survey(df)
    pd.testing.assert_frame_equal(df, before)
    assert r["status"].tolist() == ["analysed", "excluded"]


def test_missing_file_NPS100(tmp_path):
    with pytest.raises(SurveyValidationError, match=r"NPS100: (.*: )?file not found"):
        read_survey(tmp_path / "nope.csv")


def test_duplicate_of_an_excluded_row_keeps_the_valid_answer():
    df = _df(id=["a", "a"], score=["", "9"], comment=["", "great"])
    r, _ = read_survey(df)
    assert r["status"].tolist() == ["excluded", "analysed"]


def test_did_you_mean_never_suggests_the_score_column_for_comments():
    with pytest.raises(SurveyValidationError, match="NPS101") as exc:
        read_survey(_df(score=["9"], notes=["ok"]))
    assert "Did you mean 'score'" not in str(exc.value)
