"""Scale changes keep results: per-distinct-item stages, topics fitted on a sample."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nps_text import _columns as C
from nps_text.errors import ParameterError
from nps_text.language import LanguageDetector
from nps_text.text import clause_table, lemma_runs
from nps_text.topics import TopicModel

from conftest import HashEmbedder

TEXTS = ["все добре", "Доставка швидка, але дорого", "всё хорошо", "the courier was late, but polite",
         "благодаря", "все добре", "Das Essen war sehr gut und der Service freundlich", "", "все добре", "ok"]


def test_language_detection_per_distinct_text_matches_row_by_row():
    det = LanguageDetector()
    got = det.detect(TEXTS)
    row_by_row = det._detect_distinct(TEXTS, np.ones(len(TEXTS), dtype=int))  # every repeat detected again
    pd.testing.assert_frame_equal(got, row_by_row)
    assert got.loc[0, C.LANG] == got.loc[5, C.LANG] == got.loc[8, C.LANG]
    assert len(got) == len(TEXTS)


def test_language_prior_counts_every_reply_not_every_distinct_text():
    det = LanguageDetector()
    long_uk = "Дуже швидка доставка і привітний кур'єр, дякую вам"
    det.detect([long_uk] * 9 + ["The delivery was quick and the courier was friendly"])
    assert det.prior_["uk"] > 3 * det.prior_["en"]


def test_lemma_runs_per_distinct_text_match_one_by_one_and_are_independent_copies():
    texts = ["Цены высокие", "the price of the plan, too high", "Цены высокие", "ціни високі"]
    langs = ["ru", "en", "ru", "uk"]
    got = lemma_runs(texts, langs)
    assert got == [lemma_runs([t], [lang])[0] for t, lang in zip(texts, langs)]
    got[0][0].append("x")
    assert got[2] == lemma_runs([texts[2]], [langs[2]])[0]


def test_clause_table_splits_repeats_like_the_first():
    responses = pd.DataFrame({C.ROW: [1, 2, 3], C.RESPONDENT: ["a", "b", "c"],
                              C.COMMENT: ["быстро, но дорого"] * 2 + ["fast"], C.LANG: ["ru", "ru", "en"],
                              C.STATUS: [C.ANALYSED] * 3})
    m = clause_table(responses)
    assert m[C.CLAUSE].tolist() == ["быстро", "дорого", "быстро", "дорого", "fast"]
    assert m[C.ROW].tolist() == [1, 1, 2, 2, 3]


def _fast(**kw):
    """A TopicModel with PCA + k-means seams: the sampling logic without UMAP's compile time."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA

    return TopicModel(reducer=PCA(n_components=5, random_state=0), clusterer=KMeans(3, n_init=2, random_state=0),
                      random_state=1, **kw)


def _clauses(n_per, seed=0):
    rng = np.random.default_rng(seed)
    groups = [["price", "tariff", "expensive", "cost"], ["waiter", "staff", "rude", "polite"],
              ["delivery", "courier", "late", "parcel"]]
    return [" ".join(rng.choice(g, size=2, replace=False)) for g in groups for _ in range(n_per)]


@pytest.mark.parametrize("word_weight", [0.0, 0.5])
def test_topics_fitted_on_a_sample_assign_every_clause_and_keep_themes_apart(word_weight):
    emb = HashEmbedder()
    docs = _clauses(80)
    X = emb.embed(docs)
    tm = _fast(max_word_polarity=1.0, word_weight=word_weight, max_fit_clauses=120)
    tm.fit(X, docs, embedder=emb)
    assert tm.n_fit_clauses_ == 120 and len(tm.labels_) == len(docs)
    theme = np.repeat([0, 1, 2], 80)
    for t in set(tm.labels_) - {-1}:
        assert len(set(theme[tm.labels_ == t])) == 1, f"topic {t} mixes themes"
    assert (tm.labels_ >= 0).mean() > 0.9
    assert tm.topic_info_["size"].sum() == (tm.labels_ >= 0).sum()  # keywords and sizes over all clauses
    if word_weight == 0:  # clauses left out of the fit get what transform gives them
        rest = np.setdiff1d(np.arange(len(docs)), tm._fit_sample(len(docs)))
        assert np.array_equal(tm.labels_[rest], tm.transform(X[rest]))


def test_topics_fit_on_every_clause_below_max_fit_clauses():
    emb = HashEmbedder()
    docs = _clauses(40)
    X = emb.embed(docs)
    a = _fast(word_weight=0.0, max_fit_clauses=None).fit(X, docs)
    b = _fast(word_weight=0.0, max_fit_clauses=len(docs)).fit(X, docs)
    assert np.array_equal(a.labels_, b.labels_) and b.n_fit_clauses_ == len(docs)
    with pytest.raises(ParameterError, match="max_fit_clauses"):
        TopicModel(max_fit_clauses=10).fit(X, docs)


def test_workbook_points_to_the_csv_for_tables_longer_than_a_sheet_keeps(monkeypatch, tmp_path):
    import openpyxl

    from nps_text.report import _excel

    class Result:  # the tables write_workbook reads, mentions longer than the (lowered) cap
        mentions = pd.DataFrame({C.ROW: range(30), C.CLAUSE: ["fast"] * 30})
        responses = pd.DataFrame({C.ROW: range(5)})

    monkeypatch.setattr(_excel, "MAX_SHEET_ROWS", 10)
    wb = openpyxl.load_workbook(_excel.write_workbook(Result(), tmp_path / "r.xlsx"))
    assert "30 rows: see mentions.csv" in wb["Mentions"]["A2"].value and wb["Mentions"].max_row == 2
    assert wb["Responses"].max_row == 6
