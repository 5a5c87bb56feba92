"""Stage 2: which language each comment is in, with the survey's own mix as a prior.

Per-language resources (stop words, clause markers, fillers, negations,
sentiment anchors, distinctive words) live in one folder per language.
"""
from ._detect import LanguageDetector, detect_languages
from ._resources import SUPPORTED, resources

__all__ = ["LanguageDetector", "detect_languages", "resources", "SUPPORTED"]
