"""Stages 3-4: normalisation, clause splitting, lemmas."""
from __future__ import annotations

import pytest

from nps_text.text import lemmatize, looks_like_transcript, normalize, split_clauses


@pytest.mark.parametrize("text, lang, expected", [
    ("быстро, но дорого", "ru", ["быстро", "дорого"]),
    ("Быстро, но дорого", "ru", ["Быстро", "дорого"]),
    ("інтернет швидкий, але оператор нагрубив", "uk", ["інтернет швидкий", "оператор нагрубив"]),
    ("fast but expensive", "en", ["fast", "expensive"]),
    ("бързо, но скъпо", "bg", ["бързо", "скъпо"]),
    ("Переваги: швидка доставка. Недоліки: дорого", "uk", ["швидка доставка", "дорого"]),
    ("Всё отлично. Спасибо за помощь!", "ru", ["Всё отлично", "Спасибо за помощь"]),
])
def test_split_clauses(text, lang, expected):
    assert split_clauses(text, lang) == expected


def test_split_clauses_keeps_single_clause_and_drops_clauses_without_a_theme():
    assert split_clauses("все добре", "uk") == ["все добре"]
    assert split_clauses("но", "ru") == []  # only a marker
    assert split_clauses("", "ru") == []
    # a bare "no" under a review form's "Cons:" header names no theme
    assert split_clauses("Переваги: швидка зарядка. Недоліки: немає", "uk") == ["швидка зарядка"]
    assert split_clauses("nothing", "en") == []
    assert split_clauses("не работает", "ru") == ["не работает"]


def test_split_clauses_unknown_language_uses_all_markers():
    assert split_clauses("швидко, але дорого", "und") == ["швидко", "дорого"]


def test_normalize_transcript_fillers_and_repeats():
    raw = "ну ээ я звонил звонил три раза никто не ответил ну короче"
    assert looks_like_transcript(raw)
    out = normalize(raw, "ru")
    assert out == "я звонил три раза никто не ответил"


def test_normalize_drops_links_emoji_and_masks():
    out = normalize("Интернет пропадает!!! 😡 см. https://example.com/x [phone]", "ru")
    assert "http" not in out and "😡" not in out and "[phone]" not in out and "!!" not in out
    assert out.startswith("Интернет пропадает!")


def test_normalize_keeps_meaning_words():
    assert normalize("не работает", "ru") == "не работает"


def test_lemmatize_ru_and_stop_words():
    out = lemmatize(["цены очень высокие и это плохо", "Цену подняли"], ["ru", "ru"])
    assert out[0][0] == "цена"
    assert "высокий" in out[0]
    assert not {"и", "это", "очень"} & set(out[0])
    assert out[1][0] == "цена"


def test_lemmatize_en_and_unknown_language():
    out = lemmatize(["the prices are too high", "цены"], ["en", "und"])
    assert out[0] == ["price", "high"]
    assert out[1] == ["цена"]  # Cyrillic without a language falls back to ru


def test_lemmatize_uk_plural_noun():
    assert lemmatize(["ціни"], ["uk"]) == [["ціна"]]


def test_pymorphy_reads_its_dictionaries_with_the_compiled_dawg_reader():
    # pymorphy3[fast] (DAWG2): the same parses as the pure-Python reader, ~3x faster (lemmas of every
    # Russian/Ukrainian clause, and the lexical polarity model's features on every run)
    import pymorphy3.dawg

    assert pymorphy3.dawg.DAWG.__module__.split(".")[0] == "dawg"
