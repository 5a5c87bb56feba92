"""The editable taxonomy: themes, their sub-topics, labels, example phrases, department.

Every run writes ``taxonomy.yaml``. An analyst renames a theme, merges two
(moves one's sub-topics under the other), moves a sub-topic, adds a seed theme
(a label and a few example phrases) or maps a theme to a department, owner and
KPI, and passes the file back (``--taxonomy FILE`` / ``NpsAnalyzer(taxonomy=...)``).

Sub-topics are re-found on every fit, so the file is matched by *content*: the
example phrases of each theme and sub-topic are embedded, and a new sub-topic
whose centroid is close to them joins that theme and takes its name and id.
Sub-topics that match nothing form new themes with new ids.

Format (YAML; every key but ``label`` optional)::

    version: 1
    label_lang: uk
    themes:
      - id: 0
        label: Installation delays
        department: Field service
        owner: J. Smith
        kpi: days from order to connection
        examples: [waited two weeks for the engineer]
        subtopics:
          - {id: 3, label: engineer did not come, examples: [engineer never turned up]}
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import _columns as C
from ..errors import SurveyValidationError

VERSION = 1
THEME_FIELDS = ("label", C.DEPARTMENT, C.OWNER, C.KPI)


def _error(message: str) -> SurveyValidationError:
    return SurveyValidationError(f"NPS117: {message}")


def read_taxonomy(source: str | Path | dict | None) -> dict | None:
    """Load and check a taxonomy (path to YAML, or an already parsed dict); None passes through."""
    if source is None:
        return None
    if isinstance(source, dict):
        data = source
        where = "taxonomy"
    else:
        import yaml

        where = str(source)
        try:
            data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise _error(f"cannot read the taxonomy file {where}: {exc}") from exc
        except yaml.YAMLError as exc:
            raise _error(f"{where} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise _error(f"{where} needs a top-level 'themes:' list (see docs/taxonomy.md).")
    seen: set[int] = set()
    themes = []
    for i, theme in enumerate(data["themes"]):
        if not isinstance(theme, dict) or not str(theme.get("label") or "").strip():
            raise _error(f"{where}: theme #{i + 1} needs a 'label'.")
        tid = theme.get("id")
        if tid is not None:
            try:
                tid = int(tid)
            except (TypeError, ValueError):
                raise _error(f"{where}: theme {theme['label']!r} has id {tid!r}; ids are whole numbers.") from None
            if tid in seen:
                raise _error(f"{where}: theme id {tid} is used twice (theme {theme['label']!r}); "
                             "to merge two themes, move the sub-topics of one under the other.")
            seen.add(tid)
        subs = theme.get("subtopics") or []
        if not isinstance(subs, list):
            raise _error(f"{where}: 'subtopics' of theme {theme['label']!r} must be a list.")
        examples = [str(e) for e in (theme.get("examples") or []) if str(e).strip()]
        themes.append({"id": tid, **{f: str(theme.get(f) or "").strip() for f in THEME_FIELDS},
                       "examples": examples,
                       "subtopics": [{"label": str(s.get("label") or "").strip(),
                                      "examples": [str(e) for e in (s.get("examples") or []) if str(e).strip()]}
                                     for s in subs if isinstance(s, dict)]})
    free = max(seen, default=-1) + 1
    for theme in themes:  # seed themes without an id get the next free ones
        if theme["id"] is None:
            theme["id"] = free
            free += 1
    return {"version": VERSION, "label_lang": data.get("label_lang"), "themes": themes}


def taxonomy_anchors(taxonomy: dict) -> tuple[list[str], list[int], list[str]]:
    """(phrases, theme id per phrase, sub-topic label per phrase or "") for embedding."""
    texts, theme_ids, sub_labels = [], [], []
    for theme in taxonomy["themes"]:
        for phrase in theme["examples"]:
            texts.append(phrase)
            theme_ids.append(theme["id"])
            sub_labels.append("")
        for sub in theme["subtopics"]:
            for phrase in sub["examples"]:
                texts.append(phrase)
                theme_ids.append(theme["id"])
                sub_labels.append(sub["label"])
    return texts, theme_ids, sub_labels


def match_topics(centroids: np.ndarray, anchors: np.ndarray, anchor_themes: list[int], anchor_subs: list[str],
                 *, min_similarity: float) -> tuple[dict[int, int], dict[int, str]]:
    """Sub-topic -> theme id (and -> analyst's sub-topic label) for sub-topics close to a taxonomy phrase.

    A sub-topic joins the theme of its most similar phrase when that similarity
    reaches ``min_similarity`` (cosine in the clustering space).
    """
    if not len(anchors) or not len(centroids):
        return {}, {}
    sim = centroids @ anchors.T
    best = sim.argmax(axis=1)
    fixed, labels = {}, {}
    for t in range(len(centroids)):
        j = int(best[t])
        if sim[t, j] >= min_similarity:
            fixed[t] = int(anchor_themes[j])
            if anchor_subs[j]:
                labels[t] = anchor_subs[j]
    return fixed, labels


def build_taxonomy(themes: pd.DataFrame, topics: pd.DataFrame, *, label_lang: str | None,
                   examples: dict[int, list[str]] | None = None,
                   topic_examples: dict[int, list[str]] | None = None) -> dict:
    """The taxonomy of a fitted model, ready to write (themes sorted by id, sub-topics under them)."""
    out = {"version": VERSION, "label_lang": label_lang, "themes": []}
    for _, th in themes.sort_values(C.THEME_ID).iterrows():
        tid = int(th[C.THEME_ID])
        subs = topics[topics[C.THEME_ID] == tid].sort_values(C.TOPIC_ID)
        out["themes"].append({
            "id": tid, "label": str(th[C.LABEL]),
            **{f: str(th.get(f, "") or "") for f in (C.DEPARTMENT, C.OWNER, C.KPI)},
            "keywords": [k for k in str(th.get(C.KEYWORDS, "")).split(", ") if k],
            "examples": list((examples or {}).get(tid, [])),
            "subtopics": [{"id": int(s[C.TOPIC_ID]), "label": str(s[C.LABEL]),
                           "examples": list((topic_examples or {}).get(int(s[C.TOPIC_ID]), []))}
                          for _, s in subs.iterrows()],
        })
    return out


def taxonomy_yaml(taxonomy: dict) -> str:
    """YAML text with a short header telling the analyst what they may edit."""
    import yaml

    header = ("# nps-text taxonomy: edit labels, move sub-topics between themes (merge = move all of one theme's\n"
              "# sub-topics under another), add seed themes (label + examples), fill department/owner/kpi;\n"
              "# then pass this file back with --taxonomy (CLI) or NpsAnalyzer(taxonomy=...).\n")
    body = yaml.safe_dump(taxonomy, allow_unicode=True, sort_keys=False, width=120)
    return header + body
