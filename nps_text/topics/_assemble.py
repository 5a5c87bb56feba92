"""Fit themes over fitted sub-topics, apply an analyst's taxonomy, and name both levels.

Kept apart from ``TopicModel`` (which finds sub-topics) and ``ThemeModel``
(which groups them) because it joins three things: the taxonomy file, the
labeller and the example phrases written back into the taxonomy.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from .. import _columns as C
from ..language._resources import SUPPORTED
from ._labels import OVERALL_IMPRESSION, Labeler
from ._model import OUTLIER, TopicModel, _lift_keywords
from ._taxonomy import match_topics, taxonomy_anchors
from ._themes import ThemeModel

TAXONOMY_MIN_SIMILARITY = 0.35
N_EXAMPLES = 3


def label_themes(tm: TopicModel, themes: ThemeModel, mentions: pd.DataFrame, X: np.ndarray, *, embedder,
                 label_lang: str, taxonomy: dict | None = None,
                 polarity: Callable[[np.ndarray], np.ndarray] | None = None) -> ThemeModel:
    """Fit ``themes`` on ``tm``'s sub-topics (honouring ``taxonomy``) and label sub-topics and themes.

    Sets ``themes.themes_`` (theme_id, label, keywords, n_topics, department,
    owner, kpi), ``themes.examples_`` / ``themes.topic_examples_`` (phrases per
    theme / sub-topic) and relabels ``tm.topic_info_``.
    """
    k = len(tm.centroids_)
    labels = np.asarray(tm.labels_)
    sizes = np.array([(labels == t).sum() for t in range(k)], dtype=float)
    fixed, sub_labels = {}, {}
    if taxonomy and taxonomy["themes"]:
        texts, theme_ids, subs = taxonomy_anchors(taxonomy)
        if texts:
            A = tm._space(embedder.embed(texts), None)
            fixed, sub_labels = match_topics(tm.centroids_, A, theme_ids, subs,
                                             min_similarity=TAXONOMY_MIN_SIMILARITY)
    term_counts = term_profiles(mentions[C.LEMMAS].tolist(), labels, k, embedder=embedder, polarity=polarity,
                                max_polarity=_max_word_polarity(tm))
    themes.fit(tm.centroids_, sizes, fixed=fixed, term_counts=term_counts,
               respondents=mentions[C.ROW].to_numpy() if C.ROW in mentions else None, clause_topics=labels)
    theme_of_clause = themes.transform(labels)

    lemmas = mentions[C.LEMMAS].tolist()
    clauses = mentions[C.CLAUSE].tolist()
    theme_ids = sorted(set(themes.theme_of_topic_.tolist()))
    # labels name the subject in one language (Labeler); the analyst's names win where the taxonomy matched
    labeler = Labeler(label_lang=label_lang)
    topic_names = labeler.fit_label(clauses, mentions[C.LANG].tolist(), labels.tolist(), embedder=embedder,
                                    polarity=polarity)[C.LABEL]
    no_subject = set(labeler.fallback_)  # sub-topics named by a quote (or "overall impression"), not a subject
    info = tm.topic_info_.copy()
    info[C.LABEL] = [topic_names.get(t, old) for t, old in zip(info[C.TOPIC_ID], info[C.LABEL])]
    for t, name in sub_labels.items():
        info.loc[info[C.TOPIC_ID] == t, C.LABEL] = name
    tm.topic_info_ = info

    # theme keywords from the union of their sub-topics' clauses; labels from the same labeller
    dense = {th: i for i, th in enumerate(theme_ids)}
    dense_labels = np.array([dense.get(th, OUTLIER) for th in theme_of_clause])
    kw = _lift_keywords(len(theme_ids), lemmas, dense_labels, tm.n_keywords)
    theme_names = labeler.label(theme_of_clause.tolist())[C.LABEL]
    names = [theme_names.get(th, f"theme {th}") for th in theme_ids]
    # a theme made of sub-topics that name no subject ("дякую", "очень недоволен", "terrible") is the
    # respondents' overall impression; its label says so instead of a stray word picked from it
    # (or no phrase names 5% of its clauses, so no quote can speak for several sub-topics either)
    quoted = np.array([t in no_subject and t not in sub_labels for t in range(k)], dtype=bool)
    theme_no_subject = set(labeler.fallback_)
    for i, th in enumerate(theme_ids):
        members = themes.theme_of_topic_ == th
        if members.sum() >= 2 and (quoted[members].mean() >= 0.5 or th in theme_no_subject):
            names[i] = OVERALL_IMPRESSION.get(labeler.label_lang_, OVERALL_IMPRESSION["en"])
    by_id = {th["id"]: th for th in (taxonomy or {}).get("themes", [])}
    rows = []
    for i, th in enumerate(theme_ids):
        given = by_id.get(th, {})
        rows.append({C.THEME_ID: th, C.LABEL: given.get("label") or names[i], C.KEYWORDS: ", ".join(kw[i]),
                     C.N_TOPICS: int((themes.theme_of_topic_ == th).sum()),
                     C.DEPARTMENT: given.get(C.DEPARTMENT, ""), C.OWNER: given.get(C.OWNER, ""),
                     C.KPI: given.get(C.KPI, "")})
    # seed themes of the taxonomy that no sub-topic joined stay listed (with no mentions), so ids persist
    for th, given in by_id.items():
        if th not in dense:
            rows.append({C.THEME_ID: th, C.LABEL: given["label"], C.KEYWORDS: "", C.N_TOPICS: 0,
                         C.DEPARTMENT: given.get(C.DEPARTMENT, ""), C.OWNER: given.get(C.OWNER, ""),
                         C.KPI: given.get(C.KPI, "")})
    themes.themes_ = pd.DataFrame(rows, columns=[C.THEME_ID, C.LABEL, C.KEYWORDS, C.N_TOPICS, C.DEPARTMENT,
                                                 C.OWNER, C.KPI]).sort_values(C.THEME_ID).reset_index(drop=True)
    themes.examples_ = _representative(clauses, X, theme_of_clause, theme_ids)
    themes.topic_examples_ = _representative(clauses, X, labels, range(k))
    return themes


def term_profiles(documents: list[str], labels: np.ndarray, k: int, *, embedder,
                  polarity: Callable[[np.ndarray], np.ndarray] | None = None,
                  max_polarity: float = 0.9):
    """Sub-topics x terms: how many clauses of each sub-topic use each non-polar lemma (sparse), for ``ThemeModel``.

    Terms are the lemmas (stop words already out) at least two clauses use. A
    lemma that says how the respondent feels ("good", "poor": in a language's
    evaluative word list, or P(praise) from ``polarity`` above ``max_polarity``
    or below ``1 - max_polarity``) is dropped: two sub-topics are not one theme
    because both are praised.
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    from ._labels import _lexicon_polar_words

    labels = np.asarray(labels)
    docs = [d if str(d).strip() else "_" for d in documents]
    if not k or not len(docs):
        return None
    vec = CountVectorizer(token_pattern=r"[^\s_]+", min_df=2 if len(docs) >= 20 else 1, lowercase=False,
                          binary=True)
    try:
        B = vec.fit_transform(docs).tocsr()
    except ValueError:  # no term at all
        return None
    vocab = vec.get_feature_names_out().tolist()
    polar = np.array([w in _lexicon_polar_words(tuple(sorted(SUPPORTED))) for w in vocab], dtype=bool)
    if polarity is not None:
        V = np.asarray(embedder.embed(vocab), dtype=np.float32)  # the word view embedded them already (cache)
        p = np.asarray(polarity(V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)), dtype=float)
        polar |= (p > max_polarity) | (p < 1 - max_polarity)
    onehot = sparse.csr_matrix((np.ones(int((labels >= 0).sum())), (labels[labels >= 0], np.where(labels >= 0)[0])),
                               shape=(k, len(docs)))
    T = (onehot @ B).tolil()
    T[:, np.where(polar)[0]] = 0
    return T.tocsr()


def _max_word_polarity(tm: TopicModel) -> float:
    view = getattr(tm, "word_view_", None)
    return float(view.max_polarity) if view is not None else 0.9


def _representative(clauses: list[str], X: np.ndarray, groups: np.ndarray, ids) -> dict[int, list[str]]:
    """A few distinct clauses of at least three words closest to each group's mean embedding."""
    out: dict[int, list[str]] = {}
    groups = np.asarray(groups)
    for g in ids:
        idx = np.where(groups == g)[0]
        if not len(idx):
            out[int(g)] = []
            continue
        order = idx[np.argsort(-(X[idx] @ X[idx].mean(axis=0)), kind="stable")]
        picked: list[str] = []
        for i in order:
            text = clauses[i].strip()
            if len(text.split()) >= 3 and text.lower() not in {p.lower() for p in picked}:
                picked.append(text)
            if len(picked) == N_EXAMPLES:
                break
        out[int(g)] = picked
    return out
