"""English language resources (data only, no logic)."""

from .anchors import NEGATIVE, POSITIVE
from .clause_markers import CONTRAST, SECTION_HEADERS
from .fillers import FILLERS
from .lexicon import DISTINCTIVE
from .negations import NEGATIONS
from .stop_words import STOP_WORDS

LANG: str = "en"

__all__ = [
    "LANG",
    "STOP_WORDS",
    "CONTRAST",
    "SECTION_HEADERS",
    "FILLERS",
    "NEGATIONS",
    "POSITIVE",
    "NEGATIVE",
    "DISTINCTIVE",
]
