"""Topics of comment clauses: BERTopic with our embeddings, reducer, clusterer and vectoriser.

What we add around BERTopic, and why:
- embeddings are *neutralized* before clustering: each language's mean vector is
  removed (so Russian and Ukrainian clauses about price meet) and the sentiment
  axis is projected out (so "good food" and "bad food" share the topic "food";
  direction becomes the driver/barrier facet, decided separately);
- the vectoriser sees lemmas with every language's stop words removed, so
  keywords read "цена / ціна / price", not "the / and / my";
- optionally a *word view* (see ``_words.py``) is mixed in: the mean vector of
  each clause's content words, which says what the clause is about more than
  its whole-sentence embedding does;
- near-duplicate topics are merged and outliers are reassigned to the closest
  topic when similar enough; the rest stay in topic -1 and are reported.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .. import _columns as C
from .._params import Interval, Options, validate_params
from ..errors import NotFittedError
from ._words import WordView

OUTLIER = -1
MIN_CLAUSES_TO_SPLIT = 100


def fit_centering(embeddings: np.ndarray, langs: Sequence[str] | None = None,
                  min_per_lang: int = 10) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The overall mean and each language's remaining mean (languages with enough clauses)."""
    X = np.asarray(embeddings, dtype=np.float32)
    center = X.mean(axis=0) if len(X) else np.zeros(X.shape[1] if X.ndim == 2 else 0, dtype=np.float32)
    shifts: dict[str, np.ndarray] = {}
    if langs is not None and len(X):
        langs = np.asarray(langs)
        for lang in np.unique(langs):
            mask = langs == lang
            if mask.sum() >= min_per_lang:
                shifts[str(lang)] = X[mask].mean(axis=0) - center
    return center, shifts


def neutralize(embeddings: np.ndarray, langs: Sequence[str] | None = None, axis: np.ndarray | None = None,
               centering: tuple[np.ndarray, dict[str, np.ndarray]] | None = None) -> np.ndarray:
    """Centre each language's vectors at zero, remove the sentiment direction, re-normalise rows.

    Centring also removes what all comments share, which matters for e5-type
    models whose raw cosines sit between 0.7 and 0.9 for any two texts; removing
    each language's own mean lets Russian and Ukrainian clauses on one subject meet.
    """
    X = np.array(embeddings, dtype=np.float32, copy=True)
    if not len(X):
        return X
    center, shifts = centering if centering is not None else fit_centering(X, langs)
    X -= center
    if langs is not None and shifts:
        langs = np.asarray(langs)
        for lang, shift in shifts.items():
            X[langs == lang] -= shift
    if axis is not None:
        a = axis / (np.linalg.norm(axis) or 1.0)
        X -= np.outer(X @ a, a)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(norms == 0, 1.0, norms)


WORD_COUNT_CLAUSES = 500  # from this many fitted clauses the word view leaves out words of one clause


def auto_min_topic_size(n: int) -> int:
    """About 1% of the clauses, between 4 and 40: small surveys still get topics, big ones stay readable."""
    return int(min(40, max(4, round(n * 0.01))))


class TopicModel:
    """Cluster clause embeddings into labelled topics.

    Parameters
    ----------
    min_topic_size : int or None, default=None
        Smallest topic; None = ``auto_min_topic_size(n_clauses)``.
    reducer, clusterer : objects or None
        BERTopic's ``umap_model`` and ``hdbscan_model`` (anything with fit/transform,
        fit/labels_); None = UMAP(5 dims, cosine, on exact neighbours: ``ExactUMAP``) and
        HDBSCAN(leaf) sized to the survey.
    vectorizer : CountVectorizer-like or None
        BERTopic's ``vectorizer_model`` over the clauses' lemma strings; the topic
        keywords are its c-TF-IDF terms. None = uni- and bigrams of lemmas with stop
        words already removed.
    ctfidf : ClassTfidfTransformer-like or None
        BERTopic's ``ctfidf_model``; None = ``ClassTfidfTransformer(reduce_frequent_words=True)``.
    neutralize : bool, default=True
        Remove language and sentiment directions before clustering.
    outlier_threshold : float in [0, 1], default=0.20
        Cosine similarity (in the neutralized space, where unrelated clauses sit
        near 0) to a topic centroid needed to reassign an outlier clause.
    merge_threshold : float in [0, 1], default=0.80
        Topics whose centroids are at least this similar are merged.
    word_weight : float in [0, 1], default=0.5
        Share of the word view (``WordView``: mean embedding of each clause's
        content lemmas) in the clustering space; 0 = clause embeddings only.
        Needs ``embedder=`` in ``fit``/``transform`` to embed the words.
    max_word_polarity : float in [0.5, 1], default=0.9
        Words rated more polar than this by ``polarity`` are left out of the word view.
    min_word_count : int or None, default=None
        The word view embeds only words found in at least this many of the clauses it fits
        on (``WordView.min_count``); 1 = every word. None = 1 below ``WORD_COUNT_CLAUSES``
        (500) fitted clauses and 2 from there: embedding the vocabulary is the view's whole
        cost and about half of a survey's distinct words occur once. Over three UMAP seeds
        (42, 7, 123) leaving them out gave theme NMI 0.422 / 0.283 (SentiRu test / SemEval)
        against 0.398 / 0.275 with every word, planted top-3 7.3 / 9.3 of 10 against 7.3 /
        8.7 (benchmarks/results/quality_spread.md); on a 1,000-respondent survey it embeds
        240 words instead of 792 (benchmarks/results/speed.md, seventh round).
    word_sif : float > 0 or None, default=None
        ``WordView.sif``: each word of the word view weighs ``word_sif / (word_sif + p)``,
        ``p`` its share of the fitted clauses, so a survey's ubiquitous subject moves a
        clause less than what is said about it; None = plain mean.
    max_topic_share : float in (0, 1], default=0.15
        A topic mentioned in more than this share of the comments (of the clauses
        when ``doc_ids`` is not given) is split by k-means within it.
    max_fit_clauses : int or None, default=20000
        Fit the topics (word view, UMAP, HDBSCAN, merging, splitting) on at most
        this many clauses drawn at random (seeded; a uniform draw of mentions, so
        frequent clauses weigh as much as in the survey), then give every other
        clause its nearest topic exactly as ``transform`` does. UMAP and HDBSCAN
        grow faster than linearly and the word view embeds every distinct word,
        so this bounds the topic stage of a 100k survey; the clauses left out use
        only words of the fitted vocabulary in their word view. Keywords are
        computed over all clauses. None fits on every clause.
    umap_epochs : int or None, default=200
        Layout epochs of the default reducer (UMAP's ``n_epochs``); None = UMAP's own
        rule: 500 below 10,000 fitted clauses, 200 from there. 200 at every size halves the
        layout of a small survey (the UMAP part of the topic stage) with the theme measures
        unchanged within their seed spread (benchmarks/results/quality_spread.md, "UMAP layout
        epochs"). Ignored with ``reducer=``.
    n_keywords : int, default=8
    random_state : int, default=42
    """

    _parameter_constraints = {
        "min_topic_size": [Interval(int, 2, None), None],
        "outlier_threshold": [Interval(float, 0, 1)],
        "merge_threshold": [Interval(float, 0, 1)],
        "n_keywords": [Interval(int, 1, 50)],
        "max_topic_share": [Interval(float, 0.01, 1)],
        "max_fit_clauses": [Interval(int, 100, None), None],
        "word_weight": [Interval(float, 0, 1)],
        "max_word_polarity": [Interval(float, 0.5, 1)],
        "min_word_count": [Interval(int, 1, None), None],
        "word_sif": [Interval(float, 1e-6, None), None],
        "umap_epochs": [Interval(int, 10, None), None],
        "neutralize": [Options((True, False))],
        "random_state": [Interval(int, 0, None)],
    }

    def __init__(self, *, min_topic_size: int | None = None, reducer=None, clusterer=None, vectorizer=None,
                 ctfidf=None, neutralize: bool = True, outlier_threshold: float = 0.20,
                 merge_threshold: float = 0.80, max_topic_share: float = 0.15, word_weight: float = 0.5,
                 max_word_polarity: float = 0.9, n_keywords: int = 8, random_state: int = 42,
                 max_fit_clauses: int | None = 20000, min_word_count: int | None = None,
                 word_sif: float | None = None, umap_epochs: int | None = 200) -> None:
        self.min_topic_size = min_topic_size
        self.reducer = reducer
        self.clusterer = clusterer
        self.vectorizer = vectorizer
        self.ctfidf = ctfidf
        self.neutralize = neutralize
        self.outlier_threshold = outlier_threshold
        self.merge_threshold = merge_threshold
        self.max_topic_share = max_topic_share
        self.word_weight = word_weight
        self.max_word_polarity = max_word_polarity
        self.n_keywords = n_keywords
        self.random_state = random_state
        self.max_fit_clauses = max_fit_clauses
        self.min_word_count = min_word_count
        self.word_sif = word_sif
        self.umap_epochs = umap_epochs

    def get_params(self, deep: bool = True) -> dict:
        """Constructor arguments (scikit-learn contract: ``clone`` and ``set_params`` work)."""
        return {name: getattr(self, name) for name in _init_params(type(self))}

    def set_params(self, **params) -> "TopicModel":
        for name, value in params.items():
            if name not in _init_params(type(self)):
                raise ValueError(f"Invalid parameter {name!r} for {type(self).__name__}.")
            setattr(self, name, value)
        return self

    # ------------------------------------------------------------------ fit
    def fit(self, embeddings: np.ndarray, documents: Sequence[str], *, langs: Sequence[str] | None = None,
            texts: Sequence[str] | None = None, doc_ids: Sequence | None = None, embedder=None,
            polarity: Callable[[np.ndarray], np.ndarray] | None = None,
            progress: Callable[[int], None] | None = None) -> "TopicModel":
        """Learn topics from clause embeddings and their lemma strings ("цена дорогой").

        ``texts`` (the clauses as written) name a topic whose words are all stop
        words ("недоліків немає") by its most frequent clause. ``doc_ids`` (the
        comment each clause comes from) make ``max_topic_share`` a share of comments.
        ``embedder`` (the one that made ``embeddings``) embeds the sentiment anchors
        and the word view's words; ``polarity`` (vectors -> P(praise)) tells the
        word view which words are polar.
        """
        validate_params(type(self).__name__, self.get_params(), self._parameter_constraints)
        documents = list(documents)
        n = len(documents)
        if n != len(embeddings):
            raise ValueError(f"{n} documents but {len(embeddings)} embeddings")
        self.sentiment_axis_ = None
        if self.neutralize and embedder is not None:
            from ..polarity import anchor_vectors, sentiment_axis

            self.sentiment_axis_ = sentiment_axis(*anchor_vectors(embedder))
        all_documents, all_embeddings, all_langs = documents, embeddings, langs
        sample = self._fit_sample(n)
        if sample is not None:  # fit on the sample, assign the rest below
            documents = [all_documents[i] for i in sample]
            embeddings = np.asarray(all_embeddings)[sample]
            langs = None if all_langs is None else [all_langs[i] for i in sample]
            doc_ids = None if doc_ids is None else np.asarray(doc_ids)[sample]
            n = len(sample)
        self.n_fit_clauses_ = n
        self.centering_ = fit_centering(embeddings, langs if self.neutralize else None)
        self.word_view_ = None
        word_vectors = None
        if self.word_weight and embedder is not None:
            min_count = self.min_word_count or (1 if n < WORD_COUNT_CLAUSES else 2)
            self.word_view_ = WordView(max_polarity=self.max_word_polarity, min_count=min_count, sif=self.word_sif)
            word_vectors = self.word_view_.fit_transform(documents, embedder, polarity, progress=progress)
        self.word_centering_ = None
        if word_vectors is not None and len(word_vectors):
            # word vectors carry their language too: "food" and "еда" meet only once each language's
            # mean is removed, as for the clause embeddings
            has = np.linalg.norm(word_vectors, axis=1) > 0
            self.word_centering_ = fit_centering(np.asarray(word_vectors)[has],
                                                 np.asarray(langs)[has] if langs is not None and self.neutralize
                                                 else None)
        X = self._space(embeddings, langs, word_vectors)
        if n < 3:
            labels = np.zeros(n, dtype=int)
        else:
            labels = self._cluster(X, documents)
        labels = self._merge(X, labels)
        labels = self._reassign(X, labels)
        labels = self._split_large(X, labels, None if doc_ids is None else np.asarray(doc_ids))
        labels = self._renumber(labels)
        self.centroids_ = self._centroids(X, labels)
        if sample is None:
            self.labels_ = labels
        else:
            self.labels_ = self._assign_rest(labels, sample, all_embeddings, all_documents, all_langs,
                                             embedder, polarity)
            X = None  # _describe uses X only for the sizes it gets from labels
        self._sync_bertopic(all_documents)
        self.topic_info_ = self._describe(X, all_documents, self.labels_, texts)
        return self

    def _fit_sample(self, n: int) -> np.ndarray | None:
        """Sorted row indices of the clauses to fit on, or None to fit on all ``n``."""
        if self.max_fit_clauses is None or n <= self.max_fit_clauses:
            return None
        rng = np.random.default_rng(self.random_state)
        return np.sort(rng.choice(n, size=self.max_fit_clauses, replace=False))

    def _assign_rest(self, labels: np.ndarray, sample: np.ndarray, embeddings: np.ndarray,
                     documents: list[str], langs: Sequence[str] | None, embedder, polarity) -> np.ndarray:
        """Topics of all clauses: the sample keeps its fitted topics, the rest get ``transform``'s nearest one.

        The rest's word view uses the fitted vocabulary only (no new word is embedded):
        the sample holds the frequent words, and a clause whose words are all unseen
        keeps its clause embedding alone, as a clause without content words does.
        """
        out = np.empty(len(documents), dtype=int)
        out[sample] = labels
        rest = np.setdiff1d(np.arange(len(documents)), sample, assume_unique=True)
        word_vectors = None
        if self.word_view_ is not None:
            vocab, W = self.word_view_.fitted_vocabulary_
            word_vectors = self.word_view_._vectors([documents[i] for i in rest], vocab, W,
                                                    polarity or self.word_view_.praise_proba)
        for start in range(0, len(rest), 50_000):  # bounded memory for the similarity matrix
            idx = rest[start:start + 50_000]
            wv = None if word_vectors is None else word_vectors[start:start + 50_000]
            X = self._space(np.asarray(embeddings)[idx], None if langs is None else [langs[i] for i in idx], wv)
            out[idx] = self._nearest(X)
        return out

    def _nearest(self, X: np.ndarray) -> np.ndarray:
        """Nearest centroid per row; ``OUTLIER`` below ``outlier_threshold``."""
        if len(self.centroids_) == 0 or len(X) == 0:
            return np.full(len(X), OUTLIER, dtype=int)
        sim = X @ self.centroids_.T
        best = sim.argmax(axis=1)
        return np.where(sim.max(axis=1) >= self.outlier_threshold, best, OUTLIER)

    def _space(self, embeddings: np.ndarray, langs: Sequence[str] | None,
               word_vectors: np.ndarray | None = None) -> np.ndarray:
        """Neutralized clause embeddings, mixed with the word view when it is given (unit rows)."""
        X = neutralize(embeddings, langs, self.sentiment_axis_, self.centering_)
        if word_vectors is None or not self.word_weight or not len(X):
            return X
        W = np.asarray(word_vectors, dtype=np.float32)
        if W.shape != X.shape:
            raise ValueError(f"word_vectors has shape {W.shape}, the embeddings {X.shape}")
        has = np.linalg.norm(W, axis=1) > 0  # a clause without content words keeps its embedding alone
        if getattr(self, "word_centering_", None) is not None:
            W = neutralize(W, langs, None, self.word_centering_) * has[:, None]
        Z = (1 - self.word_weight) * X + self.word_weight * W
        norms = np.linalg.norm(Z, axis=1, keepdims=True)
        return Z / np.where(norms == 0, 1.0, norms)

    def _cluster(self, X: np.ndarray, documents: list[str]) -> np.ndarray:
        from bertopic import BERTopic

        n = len(X)
        size = self.min_topic_size or auto_min_topic_size(n)
        reducer, clusterer = self.reducer, self.clusterer
        if n < 60 and (reducer is None or clusterer is None):
            # UMAP and HDBSCAN need more points than this; cluster the raw vectors instead
            from bertopic.dimensionality import BaseDimensionalityReduction
            from sklearn.cluster import AgglomerativeClustering

            reducer = reducer or BaseDimensionalityReduction()
            clusterer = clusterer or AgglomerativeClustering(n_clusters=max(2, min(n // max(size, 2), 12)),
                                                             metric="cosine", linkage="average")
        if reducer is None:
            from ._knn import ExactUMAP

            reducer = ExactUMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                                n_epochs=self.umap_epochs, random_state=self.random_state, n_jobs=1)
        if clusterer is None:
            from hdbscan import HDBSCAN

            clusterer = HDBSCAN(min_cluster_size=size, min_samples=max(2, size // 4), metric="euclidean",
                                cluster_selection_method="leaf", prediction_data=False)
        # language="multilingual": the English default strips every non-ASCII character from keywords
        model = BERTopic(language="multilingual", umap_model=reducer, hdbscan_model=clusterer,
                         vectorizer_model=self._vectorizer(documents), ctfidf_model=self._ctfidf(),
                         calculate_probabilities=False, top_n_words=self.n_keywords, verbose=False)
        safe_docs = _safe_docs(documents)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            topics, _ = model.fit_transform(safe_docs, X)
        self.bertopic_ = model
        return np.asarray(topics, dtype=int)

    def _merge(self, X: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Merge topics whose centroids are nearly the same direction (single link, repeated)."""
        labels = labels.copy()
        while True:
            ids = [t for t in np.unique(labels) if t != OUTLIER]
            if len(ids) < 2:
                return labels
            cents = _topic_centroids(X, labels, ids)
            sim = cents @ cents.T
            np.fill_diagonal(sim, -1)
            i, j = np.unravel_index(np.argmax(sim), sim.shape)
            if sim[i, j] < self.merge_threshold:
                return labels
            labels[labels == ids[j]] = ids[i]

    def _reassign(self, X: np.ndarray, labels: np.ndarray) -> np.ndarray:
        out = labels.copy()
        ids = [t for t in np.unique(labels) if t != OUTLIER]
        mask = labels == OUTLIER
        if not ids or not mask.any():
            return out
        cents = _topic_centroids(X, labels, ids)
        sim = X[mask] @ cents.T
        best = sim.argmax(axis=1)
        ok = sim.max(axis=1) >= self.outlier_threshold
        out[np.where(mask)[0][ok]] = np.asarray(ids)[best[ok]]
        return out

    def _split_large(self, X: np.ndarray, labels: np.ndarray, doc_ids: np.ndarray | None = None) -> np.ndarray:
        """Split any topic mentioned in more than ``max_topic_share`` of the comments.

        A topic in a fifth of all comments ("the phone", "the service") tells an
        analyst nothing; k-means inside it finds the sub-themes it lumps together.
        """
        from sklearn.cluster import KMeans

        labels = labels.copy()
        if len(labels) < MIN_CLAUSES_TO_SPLIT:  # in a tiny survey every theme is a big share
            return labels
        docs = np.arange(len(labels)) if doc_ids is None else doc_ids
        n_docs = len(np.unique(docs))
        next_id = labels.max() + 1
        queue = [t for t in np.unique(labels) if t != OUTLIER]
        while queue:
            t = queue.pop()
            idx = np.where(labels == t)[0]
            share = len(np.unique(docs[idx])) / n_docs
            if share <= self.max_topic_share or len(idx) < 8:
                continue
            k = max(2, int(np.ceil(share / (0.66 * self.max_topic_share))))
            parts = KMeans(n_clusters=k, n_init=4, random_state=self.random_state).fit_predict(X[idx])
            if len(np.unique(parts)) < 2:  # identical clauses cannot be split
                continue
            for part in range(1, k):
                labels[idx[parts == part]] = next_id
                queue.append(next_id)
                next_id += 1
            queue.append(t)  # a part may still be too big: check again
        return labels

    @staticmethod
    def _renumber(labels: np.ndarray) -> np.ndarray:
        """Topics numbered 0.. by size (largest first); outliers stay -1."""
        ids, counts = np.unique(labels[labels != OUTLIER], return_counts=True)
        order = ids[np.argsort(-counts, kind="stable")]
        mapping = {old: new for new, old in enumerate(order)}
        return np.array([mapping.get(t, OUTLIER) for t in labels], dtype=int)

    @staticmethod
    def _centroids(X: np.ndarray, labels: np.ndarray) -> np.ndarray:
        k = labels.max() + 1 if len(labels) else 0
        return _topic_centroids(X, labels, range(k)) if k else np.zeros((0, X.shape[1]))

    def _sync_bertopic(self, documents: list[str]) -> None:
        """Hand our final topics back to BERTopic so its c-TF-IDF, sizes and topic vectors describe them.

        After merging, reassigning and splitting, BERTopic's own topics are stale;
        ``update_topics`` recomputes c-TF-IDF with our vectoriser on the final
        assignment, and our centroids become its topic embeddings, so a notebook
        user's ``visualize_barchart`` / ``visualize_topics`` / ``hierarchical_topics``
        show what the report shows.
        """
        model = getattr(self, "bertopic_", None)
        if model is None:
            return
        import logging

        docs = _safe_docs(documents)
        logger = logging.getLogger("BERTopic")
        level = logger.level
        logger.setLevel(logging.ERROR)  # its warning about custom topics is what we intend here
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.update_topics(docs, topics=self.labels_.tolist(), top_n_words=max(self.n_keywords * 3, 10),
                                    vectorizer_model=self._vectorizer(documents), ctfidf_model=self._ctfidf())
            emb = self.centroids_
            if (self.labels_ == OUTLIER).any():
                emb = np.vstack([np.zeros((1, self.centroids_.shape[1]), dtype=self.centroids_.dtype), emb])
            model.topic_embeddings_ = emb
        except ValueError:  # every clause is stop words: BERTopic keeps what fit_transform found
            pass
        finally:
            logger.setLevel(level)

    def _ctfidf_keywords(self, k: int, documents: list[str], labels: np.ndarray) -> list[list[str]] | None:
        """Each topic's c-TF-IDF terms from BERTopic, keeping those at least 3% of its clauses use.

        Plain c-TF-IDF also rewards a rare word that one long clause repeats
        ("shamble"); the coverage floor keeps keywords to what many mentions say.
        """
        model = getattr(self, "bertopic_", None)
        if model is None or not k:
            return None
        vec = model.vectorizer_model
        try:
            counts = (vec.transform(_safe_docs(documents)) > 0).astype(np.float32)
        except (ValueError, AttributeError):
            return None
        vocab = {w: j for j, w in enumerate(vec.get_feature_names_out())}
        out: list[list[str]] = []
        for t in range(k):
            terms = [w for w, score in (model.get_topic(t) or []) if w and score > 0 and w != "_" and w in vocab]
            rows = labels == t
            cover = np.asarray(counts[rows].mean(axis=0)).ravel() if rows.any() else None
            kept = [w for w in terms if cover is not None and cover[vocab[w]] >= 0.03]
            out.append(_dedupe_keywords(kept)[: self.n_keywords])
        return out

    def _describe(self, X: np.ndarray, documents: list[str], labels: np.ndarray,
                  texts: Sequence[str] | None = None) -> pd.DataFrame:
        """Keywords (BERTopic's c-TF-IDF terms; coverage x lift when BERTopic was not run) and a label."""
        k = int(labels.max() + 1) if len(labels) else 0
        keywords = self._ctfidf_keywords(k, documents, labels) or _lift_keywords(k, documents, labels,
                                                                                  self.n_keywords)
        common = _most_common_texts(texts, labels, k) if texts is not None else [None] * k
        names = _unique_labels([make_label(keywords[t], t, common[t]) for t in range(k)], keywords)
        rows = [{C.TOPIC_ID: t, C.LABEL: names[t], C.KEYWORDS: ", ".join(keywords[t]),
                 "size": int((labels == t).sum())} for t in range(k)]
        return pd.DataFrame(rows, columns=[C.TOPIC_ID, C.LABEL, C.KEYWORDS, "size"])

    def _vectorizer(self, documents: Sequence[str]):
        from sklearn.base import clone

        # BERTopic fits the vectoriser on one joined document per topic, so min_df counts topics: keep it 1
        return clone(self.vectorizer) if self.vectorizer is not None else _default_vectorizer(documents, min_df=1)

    def _ctfidf(self):
        from sklearn.base import clone

        if self.ctfidf is not None:
            return clone(self.ctfidf)
        from bertopic.vectorizers import ClassTfidfTransformer

        return ClassTfidfTransformer(reduce_frequent_words=True)

    # --------------------------------------------------------- serialisation
    def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """What ``transform`` needs, as (JSON-able dict, float arrays); the model owns its format."""
        center, shifts = self.centering_
        arrays = {"centroids": self.centroids_, "center": center,
                  "sentiment_axis": self.sentiment_axis_ if self.sentiment_axis_ is not None else np.zeros(0)}
        arrays.update({f"shift:{lang}": v for lang, v in shifts.items()})
        meta = {"params": {k: v for k, v in self.get_params().items() if _plain_value(v)},
                "languages": sorted(shifts), "topics": self.topic_info_.to_dict(orient="records")}
        if self.word_view_ is not None:
            wmeta, warrays = self.word_view_.get_state()
            meta["word_view"] = wmeta
            arrays.update({f"word_view:{k}": v for k, v in warrays.items()})
            if self.word_centering_ is not None:
                wc, wshifts = self.word_centering_
                arrays["word_center"] = wc
                arrays.update({f"word_shift:{lang}": v for lang, v in wshifts.items()})
                meta["word_languages"] = sorted(wshifts)
        return meta, arrays

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> "TopicModel":
        model = cls(**meta["params"])
        model.centroids_ = arrays["centroids"].astype(np.float32)
        model.centering_ = (arrays["center"].astype(np.float32),
                            {lang: arrays[f"shift:{lang}"].astype(np.float32) for lang in meta["languages"]})
        axis = arrays["sentiment_axis"]
        model.sentiment_axis_ = axis if axis.size else None
        model.topic_info_ = pd.DataFrame(meta["topics"], columns=[C.TOPIC_ID, C.LABEL, C.KEYWORDS, "size"])
        model.word_view_ = None
        model.word_centering_ = None
        if "word_view" in meta:
            prefix = "word_view:"
            model.word_view_ = WordView.from_state(meta["word_view"], {k[len(prefix):]: v for k, v in arrays.items()
                                                                       if k.startswith(prefix)})
            if "word_center" in arrays:
                model.word_centering_ = (arrays["word_center"].astype(np.float32),
                                         {lang: arrays[f"word_shift:{lang}"].astype(np.float32)
                                          for lang in meta.get("word_languages", [])})
        return model

    # ------------------------------------------------------------ transform
    def transform(self, embeddings: np.ndarray, *, langs: Sequence[str] | None = None,
                  documents: Sequence[str] | None = None, embedder=None,
                  polarity: Callable[[np.ndarray], np.ndarray] | None = None,
                  progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Assign new clauses to the learned topics (nearest centroid; -1 below the outlier threshold).

        ``documents`` (lemma strings), ``embedder`` and ``polarity`` feed the word view
        when the model has one (pass the same ``polarity`` as in ``fit``).
        """
        if not hasattr(self, "centroids_"):
            raise NotFittedError("NPS204: this TopicModel is not fitted yet; call fit first.")
        word_vectors = None
        if getattr(self, "word_view_", None) is not None and documents is not None and embedder is not None:
            word_vectors = self.word_view_.transform(list(documents), embedder, polarity, progress=progress)
        return self._nearest(self._space(embeddings, langs, word_vectors))


def _init_params(cls) -> list[str]:
    import inspect

    return [p.name for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]


def _plain_value(value) -> bool:
    """Parameters that go into a JSON manifest (sub-model objects are not saved: transform does not use them)."""
    return value is None or isinstance(value, (bool, int, float, str))


def _safe_docs(documents: Sequence[str]) -> list[str]:
    """BERTopic's vectoriser needs one word: empty clauses become "_", an all-empty survey "nowords"."""
    docs = [d if d.strip() else "_" for d in documents]
    if not any(d.strip(" _") for d in docs):
        docs = ["nowords"] * len(docs)
    return docs


def _lift_keywords(k: int, documents: list[str], labels: np.ndarray, n_keywords: int) -> list[list[str]]:
    """Lemmas many of the topic's clauses use and other topics use less: coverage x log(lift)."""
    keywords: list[list[str]] = [[] for _ in range(k)]
    if not k:
        return keywords
    vec = _default_vectorizer(documents)
    try:
        counts = (vec.fit_transform([d if d.strip() else "_" for d in documents]) > 0).astype(np.float32)
    except ValueError:  # empty vocabulary: every clause is stop words
        return keywords
    vocab = np.asarray(vec.get_feature_names_out())
    overall = np.asarray(counts.mean(axis=0)).ravel()
    bigram = np.array([" " in v for v in vocab])
    for t in range(k):
        cover = np.asarray(counts[labels == t].mean(axis=0)).ravel()
        score = cover * np.log(np.maximum(cover / np.maximum(overall, 1e-9), 1.0))
        score[bigram] *= 0.8  # a bigram must be clearly better to replace its words
        score[(cover < 0.03) | (vocab == "_")] = 0
        top = [vocab[j] for j in np.argsort(-score) if score[j] > 0]
        keywords[t] = _dedupe_keywords(top)[:n_keywords]
    return keywords


def _topic_centroids(X: np.ndarray, labels: np.ndarray, ids) -> np.ndarray:
    """Unit-length mean vector of each topic in ``ids``, one row per topic."""
    return np.vstack([_unit(X[labels == t].mean(axis=0)) for t in ids])


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v)
    return v / norm if norm else v


def _default_vectorizer(documents: Sequence[str], min_df: int | None = None):
    from sklearn.feature_extraction.text import CountVectorizer

    if min_df is None:
        min_df = 2 if sum(1 for d in documents if d.strip()) >= 100 else 1
    return CountVectorizer(token_pattern=r"[^\s_]+", ngram_range=(1, 2), min_df=min_df, lowercase=False)


def _dedupe_keywords(words: list[str]) -> list[str]:
    """Drop a bigram whose words are both already listed, and a word inside an earlier bigram."""
    out: list[str] = []
    for w in words:
        parts = w.split()
        if len(parts) > 1 and all(p in out for p in parts):
            continue
        if len(parts) > 1 and parts[0] == parts[1]:
            continue
        if len(parts) == 1 and any(w in o.split() for o in out if " " in o):
            continue
        out.append(w)
    return out


def _most_common_texts(texts: Sequence[str], labels: np.ndarray, k: int) -> list[str | None]:
    if k == 0:
        return []
    frame = pd.DataFrame({"t": [str(x).strip().lower() for x in texts], "topic": labels})
    frame = frame[(frame["topic"] >= 0) & (frame["t"].str.len().between(2, 40))]
    top = frame.groupby("topic")["t"].agg(lambda s: s.value_counts().index[0])
    return [top.get(t) for t in range(k)]


def _unique_labels(labels: list[str], keywords: list[list[str]]) -> list[str]:
    """Two topics split from one theme can share top words; add each one's next keyword until they differ."""
    out: list[str] = []
    for t, label in enumerate(labels):
        extra = [k for k in keywords[t] if k not in label.split(" / ") and all(len(p) >= 3 for p in k.split())]
        while label in out and extra:
            label = f"{label} / {extra.pop(0)}"
        if label in out:
            label = f"{label} ({t})"
        out.append(label)
    return out


def make_label(keywords: list[str], topic_id: int, common_text: str | None = None) -> str:
    """A short readable label from the top keywords, e.g. "price / expensive / tariff".

    Fragments (any word under three letters: "вт", "ок") stay in the keywords but not in
    labels. With no usable keyword the topic's most frequent clause names it, in quotes.
    """
    words = [k for k in keywords if all(len(part) >= 3 for part in k.split())]
    if words:
        return " / ".join(words[:3])
    return f"«{common_text}»" if common_text else f"topic {topic_id}"
