"""Voice transcripts (tests/data/transcripts.csv): lower case, no punctuation, fillers, repeated words."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

import nps_text
from nps_text.language import LanguageDetector
from nps_text.text import looks_like_transcript, normalize

from conftest import HashEmbedder

DATA = Path(__file__).parent / "data" / "transcripts.csv"
FILLERS = {"ну", "ээ", "еее", "значит", "значить", "ммм", "короче", "алло"}
PHRASE_FILLERS = ["это самое"]


@pytest.fixture(scope="module")
def transcripts() -> pd.DataFrame:
    return pd.read_csv(DATA, dtype=str, keep_default_na=False)


def test_transcripts_are_recognised_as_transcripts(transcripts):
    """Lower-case, unpunctuated call transcripts are told apart from typed comments of the same words."""
    typed = [t.capitalize() + "." for t in transcripts["transcript"]]
    assert sum(looks_like_transcript(t) for t in transcripts["transcript"]) >= 15
    assert sum(looks_like_transcript(t) for t in typed) <= 2


def test_normalisation_removes_fillers_and_repetitions(transcripts):
    langs = LanguageDetector().detect(transcripts["transcript"].tolist())["lang"].tolist()
    assert langs == transcripts["lang"].tolist()
    for text, lang in zip(transcripts["transcript"], langs):
        norm = normalize(text, lang)
        words = norm.split()
        assert not FILLERS & set(words), (text, norm)
        assert not any(p in norm for p in PHRASE_FILLERS), (text, norm)
        assert all(a != b for a, b in zip(words, words[1:])), (text, norm)  # "звонил звонил" -> "звонил"
        assert len(words) >= 2, (text, norm)  # the content survives


def _analyze():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nps_text.analyze(DATA, comment="transcript", id="call_id", embedder=HashEmbedder(), min_respondents=2)


def test_transcripts_get_clauses_and_topics_and_none_is_lost():
    result = _analyze()
    r = result.responses
    assert len(r) == 20 and r["respondent_id"].tolist() == [f"T{i:02d}" for i in range(1, 21)]
    assert (r["status"] == "analysed").all(), r[["status", "status_reason"]]
    assert (r["n_clauses"] >= 1).all()
    assert (r["topics"] != "").all()
    assert (~r["topics"].str.startswith("(unassigned")).sum() >= 10  # most land in a real topic
    assert set(r["lang"]) == {"ru", "uk"}
    clauses = " ".join(result.mentions["clause"]).split()
    assert not FILLERS & set(clauses)
    assert int(result.accounting["rows"].sum()) == 20
    assert "channel" in result.meta["segments"]


def test_transcript_is_a_comment_alias():
    r, schema = nps_text.read_survey(DATA)
    assert schema.comment == "transcript" and len(r) == 20


def test_all_cyrillic_small_survey_runs():
    """Regression for the BERTopic language='english' bug (fixed in topics/_model.py): an all-Cyrillic
    survey used to leave c-TF-IDF with an empty vocabulary and crash."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = nps_text.analyze(pd.DataFrame({"score": ["9", "3", "10", "1"],
                                                "comment": ["быстрый интернет", "дорогой тариф",
                                                            "вежливый оператор", "грубый оператор"]}),
                                  embedder=HashEmbedder())
    assert (result.responses["status"] == "analysed").all()
