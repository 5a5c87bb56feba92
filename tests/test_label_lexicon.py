"""The shipped word lexicon (topics/_lexicon.py) as the labeler's second fallback (issue #9)."""
from __future__ import annotations

import gzip

import pytest

from nps_text.errors import ParameterError
from nps_text.text import all_stop_words
from nps_text.topics._labels import Labeler, _lexicon_polar_words, _trouble_nouns
from nps_text.topics._lexicon import LEXICON_FILE, load_lexicon, translate_phrase, translate_word

# an English survey about an engineer visit and support: nothing in it is Russian or Ukrainian
ENGLISH = {
    0: ["the engineer came late", "engineer was rude", "the engineer never arrived", "engineer fixed it",
        "waiting for the engineer"],
    1: ["support took ages", "support line closed", "called support twice", "support never answered",
        "no support at all"],
}


def _flat(clusters):
    texts, groups = [], []
    for g, items in clusters.items():
        texts += items
        groups += [g] * len(items)
    return texts, ["en"] * len(texts), groups


def test_shipped_file_loads_offline_and_is_in_the_package_data(no_network):
    assert LEXICON_FILE.parent.name == "models" and LEXICON_FILE.parent.parent.name == "nps_text"
    with gzip.open(LEXICON_FILE, "rt", encoding="utf-8") as f:
        first = f.readline().rstrip("\n").split("\t")
    assert len(first) == 8 and float(first[6]) > 0.8
    lex = load_lexicon()
    for pair in [("en", "ru"), ("ru", "en"), ("en", "uk"), ("uk", "en"), ("ru", "uk"), ("uk", "ru")]:
        assert len(lex[pair]) > 300, pair
    from pathlib import Path

    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"models/*.tsv.gz"' in pyproject and '"models/*.tsv"' in pyproject  # the hand-written core too


def test_core_nouns_are_translated_both_ways():
    # the mined pairs miss the commonest survey nouns (they pair look-alike words); the core has them
    assert translate_word("service", "en", "ru") == "обслуживание"
    assert translate_word("обслуговування", "uk", "en") == "service"
    assert translate_word("ціна", "uk", "ru") == "цена"
    assert translate_phrase(["price"], "en", "uk") == "ціна"
    # a word of two rows keeps its first row's meaning: ru "интернет" is "internet", not "broadband"
    assert translate_word("broadband", "en", "ru") == "интернет"
    assert translate_word("интернет", "ru", "en") == "internet"
    assert translate_word("оператор", "ru", "en") == "operator"


def test_core_rows_are_written_as_the_labeler_lemmatises_them():
    """A core word is looked up by its lemma: a form the lemmatiser changes or drops would never match."""
    from nps_text.text import lemmatize
    from nps_text.topics._lexicon import core_rows

    rows = core_rows()
    assert len(rows) >= 100 and set(rows[0]) == {"en", "ru", "uk"}
    for lang in ("en", "ru", "uk"):
        words = [r[lang] for r in rows if lang in r]
        lemmas = lemmatize(words, [lang] * len(words))
        wrong = [(w, got) for w, got in zip(words, lemmas) if got != [w]]
        assert not wrong, (lang, wrong[:5])


def test_core_rows_hold_dictionary_words_and_no_evaluative_word():
    """A translation must never put a polar word into a label (nor an unknown form into a ru/uk one)."""
    from nps_text.text._lemmatize import _morph
    from nps_text.topics._labels import _lexicon_polar_words, _trouble_nouns
    from nps_text.topics._lexicon import core_rows

    rows = core_rows()
    assert len(rows) >= 1000  # the wordfreq part (2026-12-02) as well as the survey nouns
    for lang in ("en", "ru", "uk"):
        polar = _lexicon_polar_words((lang,)) | _trouble_nouns((lang,))
        assert not [r[lang] for r in rows if r.get(lang) in polar], lang
        if lang != "en":
            morph = _morph(lang)
            unknown = [r[lang] for r in rows if lang in r and not morph.word_is_known(r[lang])]
            assert unknown in ([], ["принт"]), lang  # "принт" (clothing print): newer than pymorphy3's dictionary


def test_survey_free_translations():
    assert translate_word("engineer", "en", "ru") == "инженер"
    assert translate_word("support", "en", "ru") == "поддержка"
    assert translate_word("інженер", "uk", "ru") == "инженер"
    assert translate_word("поддержка", "ru", "en") == "support"
    assert translate_word("no-such-word", "en", "ru") is None
    assert translate_word("service", "en", "en") == "service"  # same language: unchanged


def test_two_nouns_take_the_target_word_order():
    # en modifier-head -> ru head + modifier in the genitive; a phrase with an unknown word stays unknown
    assert translate_phrase(["engineer", "support"], "en", "ru") == "поддержка инженера"
    assert translate_phrase(["support", "engineer"], "en", "ru") == "инженер поддержки"
    assert translate_phrase(["engineer", "no-such-word"], "en", "ru") is None
    assert translate_phrase(["a", "b", "c"], "en", "ru") is None


def test_lexicon_never_gives_an_evaluative_or_stop_word():
    bad = _lexicon_polar_words(("en", "ru", "uk", "bg")) | _trouble_nouns(("en", "ru", "uk", "bg")) | all_stop_words()
    for (src, tgt), table in load_lexicon().items():
        hits = {k: v for k, v in table.items() if k in bad or v in bad}
        assert not hits, (src, tgt, list(hits.items())[:5])


def test_english_survey_gets_russian_labels_and_the_switch_keeps_english(hash_embedder):
    texts, langs, groups = _flat(ENGLISH)
    on = Labeler(label_lang="ru").fit_label(texts, langs, groups, embedder=hash_embedder)
    off = Labeler(label_lang="ru", lexicon=False).fit_label(texts, langs, groups, embedder=hash_embedder)
    assert on.loc[0, "label"] == "инженер"
    assert on.loc[1, "label"] == "поддержка"
    assert "инженер" in on.loc[0, "keywords"].split(", ")
    assert off.loc[0, "label"] == "engineer"
    assert off.loc[1, "label"] == "support"
    # a survey in label_lang itself is unchanged by the lexicon
    same = Labeler(label_lang="en").fit_label(texts, langs, groups, embedder=hash_embedder)
    assert same.loc[0, "label"] == "engineer"


def test_a_word_and_its_translation_never_make_one_label_twice(hash_embedder):
    # the group says "инженер" in Russian and "engineer" in English: one word in the label, not "инженер / инженер"
    texts = ["инженер опоздал", "инженер не пришел", "ждали инженера", "инженер грубый",
             "the engineer came late", "engineer never arrived", "waiting for the engineer"]
    langs = ["ru"] * 4 + ["en"] * 3
    table = Labeler(label_lang="ru").fit_label(texts, langs, [0] * len(texts), embedder=hash_embedder)
    label = table.loc[0, "label"]
    words = label.replace(" / ", " ").split()
    assert words.count("инженер") == 1, label
    keywords = table.loc[0, "keywords"].split(", ")
    assert len(keywords) == len(set(keywords))


def test_lexicon_switch_is_validated(hash_embedder):
    texts, langs, groups = _flat(ENGLISH)
    with pytest.raises(ParameterError, match="NPS201: the 'lexicon' parameter of Labeler must be a bool"):
        Labeler(lexicon="yes").fit(texts, langs, groups, embedder=hash_embedder)


def test_a_ukrainian_word_in_russian_clauses_is_read_as_ukrainian_and_translated(hash_embedder):
    """Russian reviews quoting a Ukrainian word (the site's headings, surzhyk): the word tells its language by
    the dictionaries, so a Russian label translates it instead of keeping it as if it were Russian."""
    from nps_text.topics._labels import _written_in

    assert _written_in("замовлення", {"ru", "uk"}) == "uk"    # only the Ukrainian dictionary knows it
    assert _written_in("ціна", {"ru"}) == "uk"                # a letter only Ukrainian has decides alone
    assert _written_in("скорость", {"ru", "uk"}) == "ru"
    assert _written_in("бас", {"ru", "uk"}) is None           # both know it: its clauses decide
    assert _written_in("нема", {"uk"}) is None                # Russian knows it only as a short adjective
    assert _written_in("скорость", set()) is None             # no ru/uk clause: nothing to tell apart
    texts = ["замовлення пришел поздно", "замовлення опять задержали", "где мое замовлення",
             "замовлення так и не приехал", "замовлення потеряли"]
    langs = ["ru", "ru", "ru", "ru", "uk"]
    table = Labeler(label_lang="ru").fit_label(texts, langs, [0] * len(texts), embedder=hash_embedder)
    assert table.loc[0, "label"] == "заказ"


def test_a_dash_cell_leaves_that_language_out(tmp_path):
    """"-": no usable word in that language (a stop word there), so nothing translates into or from it."""
    from nps_text.topics._lexicon import core_rows

    core = tmp_path / "core.tsv"
    core.write_text("# comment\nen\tru\tuk\ntime\tвремя\t-\n-\tмесяц\tмісяць\n", encoding="utf-8")
    assert core_rows(str(core)) == [{"en": "time", "ru": "время"}, {"ru": "месяц", "uk": "місяць"}]
    lex = load_lexicon(None, str(core))
    assert lex["en", "ru"]["time"] == "время" and lex["uk", "ru"]["місяць"] == "месяц"
    assert "-" not in lex.get(("en", "uk"), {}) and "time" not in lex.get(("en", "uk"), {})
    assert "-" not in lex.get(("uk", "en"), {}).values()
