"""Access to the per-language data folders (ru/, uk/, bg/, en/)."""
from __future__ import annotations

import importlib
from functools import lru_cache
from types import SimpleNamespace

SUPPORTED: tuple[str, ...] = ("ru", "uk", "bg", "en")
_FIELDS = ("STOP_WORDS", "CONTRAST", "SECTION_HEADERS", "FILLERS", "NEGATIONS", "POSITIVE", "NEGATIVE",
           "DISTINCTIVE")


@lru_cache(maxsize=None)
def resources(lang: str) -> SimpleNamespace:
    """The data constants of one supported language (empty ones for others)."""
    if lang not in SUPPORTED:
        return SimpleNamespace(**{f: () for f in _FIELDS}, LANG=lang)
    mod = importlib.import_module(f"{__package__}.{lang}")
    return SimpleNamespace(**{f: getattr(mod, f, ()) for f in _FIELDS}, LANG=lang)


def all_values(field: str) -> set[str]:
    """Union of one field over every supported language (e.g. every contrast marker)."""
    out: set[str] = set()
    for lang in SUPPORTED:
        out.update(getattr(resources(lang), field))
    return out
