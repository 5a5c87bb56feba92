"""What one analysis produces: tables as pandas DataFrames, plus run facts."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import _columns as C


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


@dataclass
class AnalysisResult:
    """Every table of one analysis (column contracts: ``docs/architecture.md``).

    Attributes
    ----------
    responses : one row per input row (row, respondent_id, score, group, comment, status, ...).
    mentions : one row per clause (row, respondent_id, clause, lang, topic_id, theme_id, label,
        theme_label, kind in driver/barrier/neutral, p_driver, p_barrier, p_neutral).
    summary : NPS overall and per segment and wave.
    themes : one row per theme and direction: figures, interval, key driver, department, examples.
    topics : the sub-topics, one row per sub-topic and direction, with their theme_id.
    priorities : themes to fix (barriers) and protect (drivers), overall and per department.
    trends : per theme row and wave: share of respondents and their NPS.
    callbacks : detractors to call back, with the barrier themes they named.
    accounting : input rows by status and reason; sums to the input row count.
    segments, segment_themes, waves, theme_waves, change : statistics tables (may be empty).
    taxonomy : the themes and sub-topics as a dict (written as taxonomy.yaml).
    topic_model : the fitted BERTopic model behind the sub-topics, for its visualisations (or None).
    meta : run facts (source, embedder, timings, options, warnings).
    """

    responses: pd.DataFrame
    mentions: pd.DataFrame
    summary: pd.DataFrame
    themes: pd.DataFrame
    topics: pd.DataFrame
    priorities: pd.DataFrame
    trends: pd.DataFrame
    callbacks: pd.DataFrame
    accounting: pd.DataFrame
    segments: pd.DataFrame = field(default_factory=_empty)
    segment_themes: pd.DataFrame = field(default_factory=_empty)
    waves: pd.DataFrame = field(default_factory=_empty)
    theme_waves: pd.DataFrame = field(default_factory=_empty)
    change: pd.DataFrame = field(default_factory=_empty)
    taxonomy: dict = field(default_factory=dict)
    topic_model: Any = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def nps(self) -> float:
        return float(self.summary.iloc[0][C.NPS])

    def save_report(self, out_dir: str | Path, **options: Any) -> dict[str, Path]:
        """Write report.html, report.xlsx, the CSV tables and taxonomy.yaml into ``out_dir``, all or nothing.

        ``options`` go to ``report.write_report`` (excel, pdf, lang).
        """
        from .report import write_report
        from .topics import taxonomy_yaml

        extra = dict(options.pop("extra_files", None) or {})
        if self.taxonomy:
            extra.setdefault("taxonomy.yaml", taxonomy_yaml(self.taxonomy))
        return write_report(self, out_dir, extra_files=extra, **options)

    def __repr__(self) -> str:
        acc = self.accounting
        analysed = int(acc.loc[acc["status"] == C.ANALYSED, "rows"].sum()) if len(acc) else 0
        n_themes = self.themes[C.THEME_ID].nunique() if len(self.themes) else 0
        return (f"AnalysisResult(rows={len(self.responses)}, analysed={analysed}, nps={self.nps:.1f}, "
                f"themes={n_themes}, topic_rows={len(self.topics)})")
