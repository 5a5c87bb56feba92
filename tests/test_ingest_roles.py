"""Ingest alone decides column roles and statuses (issue #10 items 1, 4, 5): department role,
the analysed -> nps_only transition, failure_cases, API argument names in messages."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from nps_text import _columns as C
from nps_text.errors import API_TO_FLAG, NpsTextError, SurveyValidationError, to_cli_message
from nps_text.ingest import (NO_THEME_WORDS, has_theme_words, mark_no_theme_words, mark_nps_only, read_survey)
from nps_text.text import normalize, split_clauses


# ------------------------------------------------------------------ department
@pytest.mark.parametrize("name", ["department", "Dept", "Отдел", "відділ", "Департамент", "отдел/служба"])
def test_department_detected_and_kept_as_segment(name):
    df = pd.DataFrame({"score": ["9", "3"], "comment": ["ok", "bad"], name: ["Billing", "Sales"],
                       "region": ["Kyiv", "Lviv"]})
    r, schema = read_survey(df)
    assert schema.department == name
    assert name in schema.segments and "region" in schema.segments
    assert r[name].tolist() == ["Billing", "Sales"]


@pytest.mark.parametrize("name", ["team", "owner"])
def test_team_and_owner_are_not_departments(name):
    df = pd.DataFrame({"score": ["9"], "comment": ["ok"], name: ["A"]})
    _, schema = read_survey(df)
    assert schema.department is None


def test_department_given_explicitly_joins_given_segments():
    df = pd.DataFrame({"score": ["9"], "comment": ["ok"], "unit": ["Billing"], "region": ["Kyiv"]})
    r, schema = read_survey(df, department="unit", segments=["region"])
    assert schema.department == "unit" and schema.segments == ["region", "unit"]
    assert r["unit"].tolist() == ["Billing"]


def test_two_department_columns_warn_NPS114_and_use_the_first():
    df = pd.DataFrame({"score": ["9"], "comment": ["ok"], "department": ["A"], "отдел": ["Б"]})
    with pytest.warns(UserWarning, match=r"^NPS114: several columns could be the department: 'department', "
                                         r"'отдел'; using 'department'\. Pick another with department='<column>'\.$"):
        _, schema = read_survey(df)
    assert schema.department == "department"


def test_sample_department():
    _, schema = read_survey("data/sample/survey.csv")
    assert schema.department == "department"
    assert schema.segments == ["product", "department", "channel", "region"]


# ------------------------------------------------------------------ statuses
@pytest.mark.parametrize("comment, lang, expected", [
    ("ну ээ короче", "ru", False), ("ммм значит", "ru", False), ("нет", "ru", False), ("nothing", "en", False),
    ("немає", "uk", False), ("быстрый интернет", "ru", True), ("fast and cheap", "en", True),
    ("бързо обслужване", "bg", True), ("ну ээ интернет пропадает", "ru", True),
])
def test_has_theme_words(comment, lang, expected):
    assert has_theme_words(comment, lang) is expected
    # the same answer as the text stage gives the pipeline
    assert bool(split_clauses(normalize(comment, lang), lang)) is expected


def test_mark_no_theme_words_moves_only_analysed_rows():
    df = pd.DataFrame({"score": ["10", "0", "5", "x"], "comment": ["ну ээ короче", "дорого", "", "нет"]})
    r, _ = read_survey(df)
    r[C.LANG] = ["ru", "ru", None, None]
    changed = mark_no_theme_words(r)
    assert changed.tolist() == [0]
    assert list(zip(r[C.STATUS], r[C.REASON])) == [
        ("nps_only", NO_THEME_WORDS), ("analysed", ""), ("nps_only", "empty comment"),
        ("excluded", "score is not a number: 'x'")]


def test_mark_nps_only_refuses_other_transitions():
    r, _ = read_survey(pd.DataFrame({"score": ["9", "x"], "comment": ["ok", "fine"]}))
    with pytest.raises(NpsTextError, match=r"^NPS304: only analysed rows can become nps_only; rows \[2\] are "
                                           r"\['excluded'\]\.$"):
        mark_nps_only(r, [1])
    with pytest.raises(NpsTextError, match=r"^NPS304: 'just because' is not a reason for analysed -> nps_only"):
        mark_nps_only(r, [0], "just because")
    mark_nps_only(r, [0])
    assert (r.at[0, C.STATUS], r.at[0, C.REASON]) == ("nps_only", NO_THEME_WORDS)


# ------------------------------------------------------------------ failure_cases
def test_every_missing_column_is_listed_and_raised_once():
    df = pd.DataFrame({"score": ["9"], "comment": ["ok"], "region": ["Kyiv"]})
    with pytest.raises(SurveyValidationError) as exc:
        read_survey(df, score="nps", comment="why", segments=["regoin", "city"])
    assert str(exc.value) == ("NPS101: column 'nps' given for score is not in the file. "
                              "Columns: 'score', 'comment', 'region'. (3 more problems: see failure_cases.)")
    cases = exc.value.failure_cases
    assert list(cases.columns) == ["row", "column", "value", "code", "message"]
    assert cases[["column", "value", "code"]].values.tolist() == [
        ["nps", "score", "NPS101"], ["why", "comment", "NPS101"], ["regoin", "segments", "NPS101"],
        ["city", "segments", "NPS101"]]


def test_missing_score_and_comment_both_listed(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("points,notes\n9,ok\n")
    with pytest.raises(SurveyValidationError, match=r"^NPS101: s\.csv: no score column found among: 'points', "
                                                    r"'notes'\. Pass score='<column>'\. \(1 more problem") as exc:
        read_survey(path)
    assert exc.value.failure_cases["value"].tolist() == ["score", "comment"]


def test_ambiguous_columns_one_failure_row_each():
    df = pd.DataFrame({"nps": ["9"], "score": ["9"], "comment": ["a"], "feedback": ["b"]})
    with pytest.raises(SurveyValidationError) as exc:
        read_survey(df)
    cases = exc.value.failure_cases
    assert cases[["column", "value", "code"]].values.tolist() == [
        ["nps", "score", "NPS103"], ["score", "score", "NPS103"],
        ["comment", "comment", "NPS103"], ["feedback", "comment", "NPS103"]]
    assert str(exc.value).endswith("(1 more problem: see failure_cases.)")


def test_parse_error_names_its_line_in_failure_cases(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text('id,score,comment\n1,9,fine\n2,9,"good\n3,3,bad\n')
    with pytest.raises(SurveyValidationError, match="NPS104") as exc:
        read_survey(path)
    assert exc.value.failure_cases[["row", "code"]].values.tolist() == [[3, "NPS104"]]


# ------------------------------------------------------------------ API arguments, CLI flags
def test_messages_name_api_arguments_not_flags(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("score,notes\n9,ok\n")
    with pytest.raises(SurveyValidationError) as exc:
        read_survey(path)
    assert "--" not in str(exc.value)
    assert str(exc.value) == "NPS101: s.csv: no comment column found among: 'score', 'notes'. Pass comment='<column>'."


def test_api_to_flag_covers_every_read_survey_argument():
    import inspect

    from nps_text import NpsAnalyzer
    from nps_text.cli import _parser

    args = set(inspect.signature(read_survey).parameters) - {"source"}
    assert args <= set(API_TO_FLAG)
    # every mapped flag exists in the CLI, and every mapped name is an argument of read_survey or the analyzer
    flags = {opt for action in _parser()._subparsers._group_actions[0].choices["report"]._actions
             for opt in action.option_strings}
    assert set(API_TO_FLAG.values()) - {"--no-mask-pii"} <= flags
    analyzer_args = set(inspect.signature(NpsAnalyzer).parameters) | {"industry", "period"}
    assert set(API_TO_FLAG) <= args | analyzer_args


@pytest.mark.parametrize("message, cli", [
    ("NPS101: s.csv: no comment column found among: 'a'. Pass comment='<column>'.",
     "NPS101: s.csv: no comment column found among: 'a'. Pass --comment-col <column>."),
    ("NPS113: two questions. Pick one with score='Q1' or score='Q5'.",
     "NPS113: two questions. Pick one with --score-col 'Q1' or --score-col 'Q5'."),
    ("NPS111: every score is between 1 and 5; if this is a star rating, pass scale='1-5'.",
     "NPS111: every score is between 1 and 5; if this is a star rating, pass --scale '1-5'."),
    ('NPS104: {"ImportId":"QID1"} id and comment stay words', 'NPS104: {"ImportId":"QID1"} id and comment stay words'),
])
def test_to_cli_message(message, cli):
    assert to_cli_message(message) == cli


def test_star_rating_warning_names_the_argument():
    df = pd.DataFrame({"score": [str(1 + i % 5) for i in range(40)], "comment": ["ok"] * 40})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_survey(df)
    assert [str(w.message) for w in caught] == [
        "NPS111: every score is between 1 and 5; if this is a star rating, pass scale='1-5'."]
