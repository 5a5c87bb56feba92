"""Survey-tool exports read as they come (issue #12 item 7): Qualtrics, SurveyMonkey, Google Forms, Typeform."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from nps_text import SurveyValidationError
from nps_text.ingest import detect_export, nps_wording_rank, parse_score, read_survey

DATA = Path(__file__).parent / "data" / "exports"


def _read(name, **kw):
    return read_survey(DATA / name, **kw)


def _status(r):
    return list(zip(r["status"], r["status_reason"]))


def test_qualtrics_three_header_rows():
    r, schema = _read("qualtrics_en.csv")
    assert schema.tool == "qualtrics"
    # column ids name the roles; Q1_NPS_GROUP (same question text) and Q3_4_TEXT are not candidates
    assert (schema.score, schema.comment, schema.id, schema.date) == ("Q1", "Q2", "ResponseId", "RecordedDate")
    assert schema.department == "Q4" and schema.segments == ["Q4"]  # found by its question text
    assert r["row"].tolist() == list(range(1, 8))  # the three header rows are not responses
    assert r["score"].tolist()[:6] == [10, 3, 8, 0, 9, 6]  # "10 - Extremely likely", "0 - Not at all likely"
    assert r["respondent_id"].iloc[0] == "R_1a2B3c4D5e6F7g8"
    assert r["comment"].iloc[4] == "Швидкий інтернет, привітні оператори."
    assert r["Q4"].tolist()[:2] == ["Sales", "Billing"]
    assert _status(r)[-1] == ("excluded", "no score")
    assert r["date"].iloc[0] == pd.Timestamp("2026-03-02 09:16:42")


def test_surveymonkey_two_header_rows_ru():
    r, schema = _read("surveymonkey_ru.csv")
    assert schema.tool == "surveymonkey"
    assert schema.score == "Насколько вероятно, что вы порекомендуете «ТелеЛинк» друзьям или коллегам?"
    assert schema.comment == "Почему вы поставили такую оценку?"
    assert (schema.id, schema.date, schema.department) == ("Respondent ID", "End Date", "Отдел")
    assert r["score"].tolist() == [10, 2, 7, 9, 0, 3]
    assert _status(r) == [("analysed", "")] * 4 + [("nps_only", "empty comment"),
                                                    ("excluded", "duplicate respondent id (first at row 2)")]
    # SurveyMonkey writes US dates: 03/02/2026 is 2 March
    assert r["date"].dt.strftime("%Y-%m-%d").tolist()[:3] == ["2026-03-01", "2026-03-02", "2026-03-14"]


def test_surveymonkey_en_choice_columns_named_by_question_and_option():
    r, schema = _read("surveymonkey_en.csv")
    assert schema.score.startswith("How likely is it that you would recommend Northwind Bank")
    assert schema.comment == "What is the primary reason for your score?"
    assert r["score"].tolist() == [9, 4, 8, 10]
    assert r["comment"].iloc[2] == "Good rates, slow branch queues."


def test_google_forms_bg_and_en():
    r, schema = _read("google_forms_bg.csv")
    assert schema.tool == "google_forms"
    assert schema.score.startswith("Колко вероятно е да препоръчате")
    assert schema.comment == "Каква е основната причина за вашата оценка?"  # the open question after it
    assert schema.date == "Клеймо за време"
    assert r["score"].tolist() == [10, 3, 8, 9, 1]
    assert r["date"].dt.strftime("%Y-%m-%d").tolist()[0] == "2026-04-01"

    r, schema = _read("google_forms_en.csv")
    # "Which service did you use?" (a closed question: few distinct answers) follows the NPS question
    assert schema.comment == "What should we improve?"
    assert schema.date == "Timestamp" and schema.dayfirst is False  # 4/13/2026 seen: US dates
    assert r["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-04-01", "2026-04-01", "2026-04-02", "2026-04-13"]


def test_typeform_uk_and_en():
    r, schema = _read("typeform_uk.csv")
    assert schema.tool == "typeform"
    assert schema.score.startswith("Наскільки ймовірно")
    assert (schema.comment, schema.id, schema.date) == ("Що нам варто покращити?", "#", "Submit Date (UTC)")
    assert r["respondent_id"].tolist()[0] == "a1b2c3d4e5"

    r, schema = _read("typeform_en.csv")
    assert schema.score == "Would you recommend Pinecone Hotels to a friend?"
    assert schema.comment == "Anything we could do better?"
    assert r["score"].tolist() == [10, 0, 7]
    assert r["group"].tolist() == ["promoter", "detractor", "passive"]


def test_two_nps_questions_tie_NPS113():
    with pytest.raises(SurveyValidationError) as exc:
        _read("two_nps_questions.csv")
    app = "How likely are you to recommend our app to a friend?"
    support = "How likely are you to recommend our support team to a friend?"
    assert str(exc.value) == (
        f"NPS113: two_nps_questions.csv: 2 questions could be the NPS question: {app!r} and {support!r}. "
        f"Pick one with score={app!r} or score={support!r}.")
    cases = exc.value.failure_cases
    assert cases["column"].tolist() == [app, support]
    assert set(cases["code"]) == {"NPS113"}


def test_tie_resolved_by_score_argument():
    support = "How likely are you to recommend our support team to a friend?"
    r, schema = _read("two_nps_questions.csv", score=support)
    assert r["score"].tolist() == [3, 8]
    assert schema.comment == "Why did you give these scores?"


def test_tie_names_qualtrics_ids_with_their_questions(tmp_path):
    text = (DATA / "qualtrics_en.csv").read_text()
    lines = text.splitlines()
    # add a second NPS question (Q5) at the end of every line
    lines[0] += ",Q5"
    lines[1] += ',"How likely are you to recommend our shops?"'
    lines[2] += ',"{""ImportId"":""QID5""}"'
    lines[3:] = [ln + ",7" for ln in lines[3:]]
    path = tmp_path / "q.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SurveyValidationError,
                       match=r"^NPS113: q\.csv: 2 questions could be the NPS question: 'Q1' \('How likely are you "
                             r"to recommend Lumen Mobile .*'\) and 'Q5' \('How likely are you to recommend our shops\?'\)"
                             r"\. Pick one with score='Q1' or score='Q5'\.$"):
        read_survey(path)


def test_dataframe_read_from_a_qualtrics_csv_is_recognised():
    raw = pd.read_csv(DATA / "qualtrics_en.csv", dtype=str, keep_default_na=False)
    r, schema = read_survey(raw)
    assert schema.tool == "qualtrics" and schema.score == "Q1"
    assert len(r) == 7


def test_plain_file_with_question_headers_and_no_tool(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("Колко вероятно е да препоръчате банката?,Коментар\n9,Бързо обслужване\n2,Дълги опашки\n")
    r, schema = read_survey(path)
    assert schema.tool is None
    assert schema.score == "Колко вероятно е да препоръчате банката?"
    assert r["score"].tolist() == [9, 2]


def test_score_alias_wins_over_wording_in_a_plain_file():
    df = pd.DataFrame({"score": ["9"], "Would you recommend us to a friend?": ["Yes"], "comment": ["ok"]})
    _, schema = read_survey(df)
    assert schema.score == "score"


@pytest.mark.parametrize("question, rank", [
    ("How likely are you to recommend Acme to a friend or colleague?", 2),
    ("How likely is it that you would recommend us?", 2),
    ("Насколько вероятно, что вы порекомендуете нас?", 2),
    ("Наскільки ймовірно, що ви порекомендуєте нас друзям?", 2),
    ("Колко вероятно е да препоръчате нашата фирма?", 2),
    ("Would you recommend us?", 1),
    ("Вы бы порекомендовали бы нас друзьям?", 1),
    ("Ви порекомендували б нас?", 1),
    ("Бихте ли препоръчали хотела?", 1),
    ("How satisfied are you with delivery?", 0),
    ("Recommendation letter", 0),
])
def test_nps_wording_rank(question, rank):
    assert nps_wording_rank(question) == rank


@pytest.mark.parametrize("value, expected", [
    ("10 - Extremely likely", (10, "")),
    ("0 - Not at all likely", (0, "")),
    ("9 (very likely)", (9, "")),
    ("8 баллов", (8, "")),
    ("10 – Крайне вероятно", (10, "")),
    ("11 - Extremely likely", (None, "score out of range 0-10: 11")),
    ("4 out of 5", (None, "score is not a number: '4 out of 5'")),
    ("Extremely likely", (None, "score is not a number: 'Extremely likely'")),
])
def test_scores_with_labels(value, expected):
    assert parse_score(value) == expected


def test_detect_export_plain_table():
    head = detect_export([["score", "comment"], ["9", "Response"], ["3", "bad"]])
    assert head.tool is None and head.n_header_rows == 1


def test_surveymonkey_without_its_id_column_is_still_recognised():
    head = detect_export([["How likely are you to recommend us?", "Why?"], ["Response", "Open-Ended Response"],
                          ["9", "fast"]])
    assert head.tool == "surveymonkey" and head.n_header_rows == 2 and head.open_columns == {"Why?"}
