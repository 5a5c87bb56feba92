"""The bad-input matrix: every kind of odd survey has one expected outcome.

Each case is (id, builder, expected). A builder gets ``tmp_path`` and returns
``(source, kwargs)`` for ``read_survey``/``analyze``. Expected is either
``Error(code, fragments)`` - a ``SurveyValidationError`` whose message carries the
NPS1xx code and names the file / column / line - or ``Rows([...])`` - the
(status, reason) of every input row, in order - optionally with an extra check.
Cases marked ``pipeline=True`` run the whole ``analyze`` with the hash embedder.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest

import nps_text
from nps_text.errors import SurveyValidationError
from nps_text.ingest import read_survey

from conftest import HashEmbedder

A, N, X = "analysed", "nps_only", "excluded"
NO_WORDS = "no words to analyse (only symbols, emoji, numbers or links)"


@dataclass
class Error:
    code: str
    fragments: tuple[str, ...] = ()


@dataclass
class Rows:
    expected: list[tuple[str, str]]
    check: Callable[[pd.DataFrame, Any], None] | None = None
    warns: str | None = None  # a warning code that must be raised


@dataclass
class Case:
    id: str
    build: Callable[[Any], tuple[Any, dict]]
    expect: Error | Rows
    pipeline: bool = False
    marks: list = field(default_factory=list)


# ---------------------------------------------------------------- builders
def df(**cols) -> Callable:
    return lambda tmp: (pd.DataFrame(cols), {})


def csv_text(text: str, name: str = "survey.csv", encoding: str = "utf-8", **kw) -> Callable:
    def build(tmp):
        path = tmp / name
        path.write_bytes(text.encode(encoding))
        return path, kw
    return build


def csv_bytes(raw: bytes, name: str = "survey.csv", **kw) -> Callable:
    def build(tmp):
        path = tmp / name
        path.write_bytes(raw)
        return path, kw
    return build


def scores(*values) -> Callable:
    return df(score=list(values), comment=["ok, works fine"] * len(values))


def comments(*values, score="9") -> Callable:
    return df(score=[score] * len(values), comment=list(values))


def excel_blank_top(tmp):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append([])
    ws.append(["NPS survey, Q1 2026 (exported 2026-04-02)"])
    ws.append([])
    ws.append(["ID", "Оценка", "Комментарий"])
    ws.append([101, 10, "Все отлично"])
    ws.append([102, 3, "Дорого"])
    ws.append([103, None, "нет оценки"])
    path = tmp / "blank_top.xlsx"
    wb.save(path)
    return path, {}


def excel_sheets(tmp):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Readme"
    ws.append(["This workbook has the data on sheet 'Data'"])
    data = wb.create_sheet("Data")
    data.append(["score", "comment"])
    data.append([9, "fast delivery"])
    data.append([0, "rude courier"])
    path = tmp / "sheets.xlsx"
    wb.save(path)
    return path, {}


def excel_wrong_sheet(tmp):
    path, _ = excel_sheets(tmp)
    return path, {"sheet": "Summary"}


def parquet(frame: pd.DataFrame, name: str = "survey.parquet") -> Callable:
    def build(tmp):
        path = tmp / name
        frame.to_parquet(path)
        return path, {}
    return build


def missing_file(tmp):
    return tmp / "no_such_survey.csv", {}


def folder(tmp):
    return tmp, {}


# ---------------------------------------------------------------- checks
def score_is(*values):
    def check(r, schema):
        assert r["score"].astype("float").tolist() == pytest.approx(list(values), nan_ok=True)
    return check


def comment_len(n):
    def check(r, schema):
        assert len(r["comment"].iloc[0]) == n
    return check


def decoded(column, value):
    def check(r, schema):
        assert r["comment"].iloc[0] == value
        assert schema.score == column
    return check


def dates_are(*iso):
    def check(r, schema):
        got = [None if pd.isna(d) else d.strftime("%Y-%m-%d") for d in r["date"]]
        assert got == list(iso)
    return check


def no_detractors(r, result):
    assert (r["group"] != "detractor").all()
    assert result.nps == 100.0
    assert len(result.callbacks) == 0
    s = result.summary.iloc[0]
    assert s["share_promoters"] + s["share_passives"] + s["share_detractors"] == pytest.approx(1.0)


def langs_are(*langs):
    def check(r, result):
        assert r["lang"].tolist() == list(langs)
        assert (r["n_clauses"] >= 1).all()
    return check


def all_clauses(r, result):
    assert (r["n_clauses"] >= 1).all()
    assert set(result.mentions["row"]) == set(r["row"])


def nothing_to_analyse(r, result):
    assert len(result.mentions) == 0
    assert result.nps == pytest.approx(100 * (1 - 1) / 2)  # one promoter, one detractor


ZERO_CLAUSES = (
    "BUG nps_text/pipeline.py NpsAnalyzer._run (+ polarity/_classifier.py:71): when no row has a clause "
    "(every comment empty, or only fillers) the pipeline still calls AnchoredPolarity.fit_predict on a 0x64 "
    "matrix and LogisticRegression.predict_proba raises 'Found array with 0 sample(s)'. A survey with scores "
    "but no usable comments should give NPS, no topics and every row nps_only. Fix: short-circuit topics and "
    "polarity when mentions is empty.")
LONG = "Интернет медленный. " * 55_000  # about 1.1 MB
FIVE_WITH_TZ = "id,date,score,comment\n1,2026-03-01,9,a\n2,2026-03-01T23:30:00+02:00,9,b\n3,2026-03-02T10:00:00Z,9,c\n"

CASES: list[Case] = [
    # -------- scores
    Case("score_11", scores("11", "9"), Rows([(X, "score out of range 0-10: 11"), (A, "")])),
    Case("score_minus_1", scores("-1", "0"), Rows([(X, "score out of range 0-10: -1"), (A, "")])),
    Case("score_9_5", scores("9.5", "9.0"), Rows([(X, "score is not a whole number: 9.5"), (A, "")],
                                                 score_is(np.nan, 9))),
    Case("score_10_of_10", scores("10/10", "7/10"), Rows([(A, ""), (A, "")], score_is(10, 7))),
    Case("score_5_of_5_on_0_10", scores("5/5"), Rows([(X, "score '5/5' is on another scale than 0-10")])),
    Case("score_word_desyat", scores("десять", "10"), Rows([(X, "score is not a number: 'десять'"), (A, "")])),
    Case("score_na", scores("n/a", "N/A", "—"), Rows([(X, "no score")] * 3)),
    Case("score_empty", scores("", "  ", None), Rows([(X, "no score")] * 3)),
    Case("score_comma_decimal", scores("9,0", " 8 "), Rows([(A, ""), (A, "")], score_is(9, 8))),
    Case("score_bool_inf", scores(True, float("inf")), Rows([(X, "score is not a number: True"), (X, "no score")])),
    # -------- columns
    Case("missing_score_column", csv_text("points,comment\n9,ok\n"),
         Error("NPS101", ("survey.csv", "no score column", "'points'", "Pass score='<column>'."))),
    Case("missing_comment_column", csv_text("score,notes\n9,ok\n"),
         Error("NPS101", ("survey.csv", "no comment column", "'notes'", "Pass comment='<column>'."))),
    Case("given_column_typo", csv_text("score,feedbak\n9,ok\n", comment="feedback"),
         Error("NPS101", ("survey.csv", "'feedback'", "Did you mean 'feedbak'"))),
    Case("ambiguous_score_columns", csv_text("nps,score,comment\n9,9,ok\n"),
         Error("NPS103", ("survey.csv", "'nps', 'score'", "Pick one with score='<column>'."))),
    Case("ambiguous_comment_columns", csv_text("score,comment,feedback\n9,ok,fine\n"),
         Error("NPS103", ("survey.csv", "'comment', 'feedback'", "Pick one with comment='<column>'."))),
    Case("no_columns", df(), Error("NPS106", ("no columns",))),
    Case("unknown_scale", csv_text("score,comment\n9,ok\n", scale="0-100"), Error("NPS109", ("'0-100'",))),
    # -------- ids
    Case("duplicate_ids", df(id=["a", "b", "a", "a"], score=["9", "3", "10", "7"], comment=["x1", "x2", "x3", "x4"]),
         Rows([(A, ""), (A, ""), (X, "duplicate respondent id (first at row 1)"),
               (X, "duplicate respondent id (first at row 1)")])),
    Case("duplicate_of_excluded_row", df(id=["a", "a"], score=["", "9"], comment=["", "great"]),
         Rows([(X, "no score"), (A, "")])),
    # -------- shape of the file
    Case("empty_file", csv_bytes(b""), Error("NPS106", ("survey.csv", "empty"))),
    Case("blank_lines_only", csv_text("\n \n\n"), Error("NPS106", ("survey.csv", "empty"))),
    Case("header_only", csv_text("score,comment\n"), Error("NPS106", ("survey.csv", "header but no rows"))),
    Case("one_row", csv_text("score,comment\n10,Все супер\n"), Rows([(A, "")])),
    Case("missing_file", missing_file, Error("NPS100", ("no_such_survey.csv", "not found"))),
    Case("folder_not_file", folder, Error("NPS100", ("folder",))),
    # -------- comments
    Case("all_comments_empty", comments("", "  ", None, "n/a", "-"), Rows([(N, "empty comment")] * 5)),
    Case("comment_1mb", comments(LONG), Rows([(A, "comment truncated to 5000 characters")], comment_len(5000))),
    Case("emoji_only", comments("👍👍👍", "😡", "🔥❤️"), Rows([(N, NO_WORDS)] * 3)),
    Case("urls_only", comments("https://example.com/help", "www.site.ua"), Rows([(N, NO_WORDS)] * 2)),
    Case("numbers_only", comments("10", "100500", "!!!"), Rows([(N, NO_WORDS)] * 3)),
    Case("html_script", comments("<script>alert(1)</script> плохо", '"><img src=x onerror=alert(1)>'),
         Rows([(A, ""), (A, "")])),
    Case("nul_byte_in_comment", comments("good\x00 service"), Rows([(A, "")])),
    # -------- encodings, delimiters, line endings, quoting
    Case("semicolon_cp1251", csv_text("id;оценка;комментарий\n1;9;\"Хорошо, спасибо\"\n2;3;Плохо\n", encoding="cp1251"),
         Rows([(A, ""), (A, "")], decoded("оценка", "Хорошо, спасибо"))),
    Case("semicolon_in_unquoted_comment", csv_text("id;score;comment\n1;9;ok\n2;3;bad; expensive\n"),
         Error("NPS104", ("survey.csv", "';'", "line 3", "quote the comment"))),
    Case("bom", csv_bytes("\ufeffscore,comment\n9,ок\n".encode("utf-8")), Rows([(A, "")], decoded("score", "ок"))),
    Case("utf16_excel_unicode_text", csv_bytes("score\tcomment\n9\tок\n".encode("utf-16"), name="survey.txt"),
         Rows([(A, "")], decoded("score", "ок"))),
    Case("wrong_encoding_given", csv_bytes("score,comment\n9,ок\n".encode("cp1251"), encoding="utf-8"),
         Error("NPS105", ("survey.csv", "utf-8", "pass encoding='<name>'"))),
    Case("unknown_encoding_name", csv_bytes(b"score,comment\n9,ok\n", encoding="klingon"),
         Error("NPS105", ("unknown encoding 'klingon'",))),
    Case("binary_file_as_csv", csv_bytes(b"PK\x03\x04\x00\x00binary\x00junk"), Error("NPS105", ("binary",))),
    Case("mixed_line_endings", csv_bytes(b"id,score,comment\r\n1,9,good\n2,3,bad\r3,5,ok\r\n"),
         Rows([(A, "")] * 3, score_is(9, 3, 5))),
    Case("broken_quoting", csv_text('id,score,comment\n1,9,fine\n2,9,"good\n3,3,bad\n'),
         Error("NPS104", ("survey.csv", "unclosed quote", "line 3"))),
    Case("quote_inside_quoted", csv_text('id,score,comment\n1,3,"bad, "really" bad"\n'),
         Error("NPS104", ("survey.csv", "could not be parsed"))),
    # -------- Excel and Parquet
    Case("excel_blank_top_rows", excel_blank_top, Rows([(A, ""), (A, ""), (X, "no score")], score_is(10, 3, np.nan))),
    Case("excel_several_sheets", excel_sheets, Rows([(A, ""), (A, "")], warns="NPS108")),
    Case("excel_missing_sheet", excel_wrong_sheet, Error("NPS107", ("sheets.xlsx", "Summary"))),
    Case("parquet_float_nan_scores", parquet(pd.DataFrame({"score": [9.0, np.nan, 3.0, 9.5], "comment": list("abcd")})),
         Rows([(A, ""), (X, "no score"), (A, ""), (X, "score is not a whole number: 9.5")])),
    Case("parquet_string_scores", parquet(pd.DataFrame({"score": ["9", "10/10", "x"], "comment": ["a", "b", "c"]})),
         Rows([(A, ""), (A, ""), (X, "score is not a number: 'x'")], score_is(9, 10, np.nan))),
    Case("parquet_corrupt", csv_bytes(b"not a parquet file", name="survey.parquet"),
         Error("NPS104", ("survey.parquet", "Parquet"))),
    # -------- dates
    Case("dates_several_formats",
         csv_text("id,date,score,comment\n1,2026-03-01,9,a\n2,01.03.2026,9,b\n3,15/03/2026,9,c\n"
                  "4,2026/03/01,9,d\n5,1 March 2026,9,e\n6,yesterday,9,f\n7,,9,g\n8,12.03.26,9,h\n"),
         Rows([(A, "")] * 8, dates_are("2026-03-01", "2026-03-01", "2026-03-15", "2026-03-01", "2026-03-01", None,
                                       None, "2026-03-12"), warns="NPS110")),
    Case("dates_with_time_zones", csv_text(FIVE_WITH_TZ),
         Rows([(A, "")] * 3, dates_are("2026-03-01", "2026-03-01", "2026-03-02"))),
    # -------- whole pipeline (hash embedder)
    Case("all_comments_empty_pipeline", comments("", "", score="9"), Rows([(N, "empty comment")] * 2), pipeline=True),
    Case("fillers_only_pipeline", df(score=["10", "0"], comment=["ну ээ короче", "ммм значит"]),
         Rows([(N, "no theme words left (only fillers or a bare no/nothing)")] * 2, nothing_to_analyse), pipeline=True),
    Case("no_detractors", df(score=["9", "10", "10", "9"],
                             comment=["fast internet", "polite support", "fast internet", "good price"]),
         Rows([(A, "")] * 4, no_detractors), pipeline=True),
    Case("single_language_ru", df(score=["9", "3", "10", "1"],
                                  comment=["быстрый интернет", "дорогой тариф", "вежливый оператор",
                                           "грубый оператор"]),
         Rows([(A, "")] * 4, langs_are("ru", "ru", "ru", "ru")), pipeline=True),
    Case("unsupported_languages_zh_ka", df(score=["9", "3", "10", "2"],
                                           comment=["服务很好，网速很快", "ძალიან ცუდი მომსახურება",
                                                    "the internet is very fast and stable", "support was rude"]),
         Rows([(A, "")] * 4, langs_are("other", "other", "en", "en")), pipeline=True),
    Case("mixed_script", df(score=["9", "3", "8", "2"],
                            comment=["роутер TP-Link работает ok", "internet пропадает каждый вечер",
                                     "сервіс норм, app зручний", "the оператор was rude"]),
         Rows([(A, "")] * 4, all_clauses), pipeline=True),
    Case("transcript_fillers_no_punctuation",
         df(score=["2", "9", "3"], comment=["ну ээ интернет интернет пропадает каждый вечер значит звонил звонил",
                                            "ммм короче все отлично скорость нормальная",
                                            "ну еее гроші списали списали двічі значить"]),
         Rows([(A, "")] * 3, all_clauses), pipeline=True),
]


def _run(case: Case, tmp_path):
    source, kwargs = case.build(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if case.pipeline:
            result = nps_text.analyze(source, embedder=HashEmbedder(), **kwargs)
            return result.responses, result, caught
        responses, schema = read_survey(source, **kwargs)
        return responses, schema, caught


# cases that run the whole pipeline (UMAP included) are slow: `make test` runs them, `make test-fast` does not
@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks + ([pytest.mark.slow] if c.pipeline else []))
                                  for c in CASES])
def test_bad_input(case: Case, tmp_path):
    if isinstance(case.expect, Error):
        with pytest.raises(SurveyValidationError) as exc:
            _run(case, tmp_path)
        message = str(exc.value)
        assert message.startswith(case.expect.code + ":"), message
        for fragment in case.expect.fragments:
            assert fragment in message, (fragment, message)
        assert "\n" not in message  # one readable line
        return
    responses, extra, caught = _run(case, tmp_path)
    got = list(zip(responses["status"], responses["status_reason"]))
    assert got == case.expect.expected
    assert responses["row"].tolist() == list(range(1, len(responses) + 1))  # nothing lost, nothing added
    if case.pipeline:
        acc = extra.accounting
        assert int(acc["rows"].sum()) == len(responses)
    if case.expect.warns:
        assert any(case.expect.warns in str(w.message) for w in caught), [str(w.message) for w in caught]
    if case.expect.check:
        case.expect.check(responses, extra)


@pytest.mark.slow  # builds the full lingua detector
def test_short_plain_english_is_english():
    from nps_text.language import LanguageDetector

    assert LanguageDetector().detect(["the internet is fast"])["lang"].tolist() == ["en"]


# ---------------------------------------------------------------- CLI: errors, not tracebacks
# Library errors name API arguments (score='<column>'); the CLI shows them as its flags through
# nps_text.errors.to_cli_message, and prints failure_cases only when there are several problems.


@pytest.mark.parametrize("name,content,code,fragment", [
    ("missing.csv", None, "NPS100", "file not found"),
    pytest.param("nocol.csv", b"points,comment\n9,ok\n", "NPS101", "Pass --score-col <column>."),
    pytest.param("broken.csv", b'id,score,comment\n1,9,"good\n2,3,bad\n', "NPS104", "unclosed quote"),
    pytest.param("latin1.csv", "score,comment\n9,ок\n".encode("cp1251"), "NPS105", "pass --encoding <name>.",
                 ),
    ("empty.csv", b"", "NPS106", "empty"),
])
def test_cli_user_errors_exit_2_with_one_line(tmp_path, capsys, name, content, code, fragment):
    from nps_text.cli import main

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    args = ["report", str(path), "--out", str(tmp_path / "out"), "--quiet"]
    if name == "latin1.csv":
        args += ["--encoding", "utf-8"]
    assert main(args) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"nps-text: error: {code}:") and fragment in lines[0]
    assert name in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cli_internal_error_hides_traceback_unless_debug(tmp_path, capsys, monkeypatch):
    from nps_text.cli import main

    def boom(*args, **kwargs):
        raise KeyError("internal")

    monkeypatch.setattr(nps_text, "analyze", boom)
    path = tmp_path / "s.csv"
    path.write_text("score,comment\n9,ok\n")
    args = ["report", str(path), "--out", str(tmp_path / "out"), "--quiet"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "internal error (KeyError" in err and "--debug" in err and "Traceback" not in err
    with pytest.raises(KeyError):
        main(args + ["--debug"])


def test_cli_debug_reraises_user_errors(tmp_path):
    from nps_text.cli import main

    with pytest.raises(SurveyValidationError, match="NPS100"):
        main(["report", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o"), "--debug"])


def test_cli_prints_every_problem_when_there_are_several(tmp_path, capsys):
    from nps_text.cli import main

    path = tmp_path / "s.csv"
    path.write_text("score,comment\n9,ok\n")
    args = ["report", str(path), "--out", str(tmp_path / "out"), "--quiet", "--score-col", "nps",
            "--comment-col", "why"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("nps-text: error: NPS101: s.csv: column 'nps' given for score")
    assert "(1 more problem: see failure_cases.)" in err
    assert "column 'why' given for comment" in err  # the second problem, in the printed table
