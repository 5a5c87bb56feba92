"""Two kinds of clause a sentence embedding and the word lists misread: implicit complaints and meta-comments.

Why: an NPS comment often complains without a single evaluative word. "Still waiting to be
connected", "I was told it would be done on the 18th", "Всё ещё жду подключения", "Ніхто не
передзвонив" state that an expectation the company set was not met; a small sentence embedding
reads them as calm (even hopeful: "would be smooth") statements and the head calls them drivers.
The other way round, a pointer to earlier text or a remark about the survey ("see above", "read my
notes", "см. выше", "why do you ask", "hope you find this answer helpful") says nothing about the
service, yet the head often gives it a confident direction.

Both are families of a few constructions (still/yet + not or waiting; told/promised/due to; no one
+ verb; never + arrival verb; see/read + earlier text; why + ask), not lists of phrases, so they
are written as regular expressions per language: ``IMPLICIT_COMPLAINT`` (unmet expectations, plus two
kindred families: a demand for redress, "I want compensation", "требую перерасчёт", and an intent to
leave, "looking at other providers", "перейду к другому оператору") and ``META_COMMENT`` in
``nps_text/language/<lang>/polar_words.py``. ``TextPolarity`` turns a match into a fixed push (see
``TextPolarity._pattern_terms``): an implicit complaint towards barrier, a meta-comment towards neutral.

Rules of reading: lower case, ``ё`` read as ``е``, typographic and lost apostrophes (``’``, the
replacement character ``\ufffd`` of a mis-decoded export) read as ``'``. An implicit-complaint match
preceded within two words by a negation ("no waiting", "didn't have to wait", "не пришлось ждать")
is ignored, unless the match itself starts with the negation ("no one called back", "никто не").
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache

from .._distinct import first_seen
from ..language._resources import SUPPORTED
from ._lexical import NEG, _lang_of, _polar_lemmas, features, negations, polar_evidence

_NEG_WINDOW = 2
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*", re.UNICODE)


def _norm(text: str) -> str:
    return str(text).lower().replace("ё", "е").replace("’", "'").replace("\ufffd", "'").replace("`", "'")


@lru_cache(maxsize=None)
def _compiled(lang: str, field: str) -> tuple[re.Pattern, ...]:
    """The ``field`` patterns of ``language/<lang>/polar_words.py`` (every supported language's for another)."""
    langs = (lang,) if lang in SUPPORTED else SUPPORTED
    out: list[re.Pattern] = []
    for code in langs:
        try:
            mod = importlib.import_module(f"nps_text.language.{code}.polar_words")
        except ImportError:  # pragma: no cover - every supported language ships the module
            continue
        out.extend(re.compile(_norm(p), re.UNICODE) for p in getattr(mod, field, ()))
    return tuple(out)


@lru_cache(maxsize=None)
def _combined(lang: str, field: str) -> re.Pattern | None:
    """All ``field`` patterns of ``lang`` as one alternation: a quick test that most clauses (no match) pass once."""
    pats = _compiled(lang, field)
    return re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.UNICODE) if pats else None


def _may_match(t: str, lang: str, field: str) -> bool:
    pat = _combined(lang, field)
    return pat is not None and pat.search(t) is not None


def _is_negation(word: str) -> bool:
    return word in negations() or word.endswith("n't")


def _negated(text: str, start: int, window: int | None = _NEG_WINDOW) -> bool:
    """True if one of the ``window`` words before ``start`` (all of them for None) is a negation."""
    before = _WORDS.findall(text[:start])
    before = before if window is None else before[-window:]
    return any(_is_negation(w) for w in before)


def _starts_negated(match: str) -> bool:
    first = _WORDS.findall(match)[:1]
    return bool(first) and (_is_negation(first[0])
                            or first[0] in ("nobody", "no", "никто", "ніхто", "никой", "ни", "ні", "без"))


def _litotes(text: str, lang: str) -> bool:
    """True if ``text`` negates a complaint word ("never disappointed", "до сих пор не разочаровал"): praise."""
    _, neg = _polar_lemmas(lang)
    return any(f.startswith(NEG) and f[len(NEG):] in neg for f in features(text, lang) if " " not in f)


def _complaint_family(t: str, lang: str) -> str:
    """'promise', 'implicit' or '': which complaint family the normalised clause ``t`` matches (see ``implicit_complaint``)."""
    found = ""
    for field, family in (("BROKEN_PROMISE", "promise"), ("IMPLICIT_COMPLAINT", "implicit")):
        if _may_match(t, lang, field) and any(_starts_negated(m.group(0)) or not _negated(t, m.start())
                                              for pat in _compiled(lang, field) for m in pat.finditer(t)):
            found = family
            break
    if not found:
        return ""
    for pat in _compiled(lang, "IMPLICIT_EXCEPT"):
        m = pat.search(t)
        # an exception after a negation is none: "not delivered as promised", "не так, как обещали"
        if m is not None and not _negated(t, m.start(), window=None):
            return ""
    return "" if _litotes(t, lang) else found


def implicit_complaint(text: str, lang: str = "und") -> bool:
    """True if ``text`` complains without an evaluative word: an unmet expectation ("still waiting", "досі не"),
    a broken promise ("I was told it would be done on the 18th", "обещали"), a demand for redress or an intent
    to leave (``IMPLICIT_COMPLAINT`` and ``BROKEN_PROMISE`` of its language).

    Not when the clause matches its language's ``IMPLICIT_EXCEPT`` (a short wait, a promise kept, a praise
    idiom) with no negation before the match ("not delivered as promised" stays a complaint), or negates a
    complaint word (litotes: "still not disappointed", "до сих пор не разочаровал").
    """
    t = _norm(text)
    return bool(_complaint_family(t, _lang_of(t, str(lang))))


def broken_promise(text: str, lang: str = "und") -> bool:
    """True if ``text`` is an implicit complaint of the broken-promise family (``BROKEN_PROMISE``)."""
    t = _norm(text)
    return _complaint_family(t, _lang_of(t, str(lang))) == "promise"


def meta_comment(text: str, lang: str = "und") -> bool:
    """True if ``text`` is a pointer to other text or a remark about the survey, with no evaluative word besides.

    "See above", "read my notes", "см. выше", "why do you ask", "hope you find this answer helpful"
    (the evaluative word inside the matched construction does not count); "see above, terrible
    service" is not a meta-comment: it holds an evaluative word outside the match.
    A bare dated event ("Ordered on 5th December", ``DATE_FACT``) counts too when the whole clause
    holds no evaluative word ("Great service on 5th December" is praise).
    """
    t = _norm(text)
    return _meta(t, _lang_of(t, str(lang)))


def _meta(t: str, lang: str) -> bool:
    """``meta_comment`` of the normalised clause ``t`` in language code ``lang``."""
    for pat in _compiled(lang, "META_COMMENT") if _may_match(t, lang, "META_COMMENT") else ():
        m = pat.search(t)
        if m is not None:
            rest = (t[:m.start()] + " " + t[m.end():]).strip()
            return not rest or polar_evidence(rest, lang)[1] == 0
    if _may_match(t, lang, "DATE_FACT"):
        return polar_evidence(t, lang)[1] == 0
    return False


def pattern_kinds(texts, langs=None) -> list[str]:
    """'promise', 'implicit', 'meta' or '' for each text: broken promise, other implicit complaint, meta-comment.

    A complaint wins over a pointer: "see above, still waiting" and "meant to go live on 27th December"
    say something about the service, the pointer or the date does not.
    """
    langs = ["und"] * len(texts) if langs is None else list(langs)
    # a survey repeats its short replies: read each distinct (text, language) once
    distinct, inverse = first_seen(zip(map(str, texts), map(str, langs)))
    kinds = [pattern_kind(text, lang) for text, lang in distinct]
    return [kinds[j] for j in inverse]


def pattern_kind(text: str, lang: str = "und") -> str:
    """``pattern_kinds`` of one text."""
    t = _norm(text)
    code = _lang_of(t, str(lang))
    return _complaint_family(t, code) or ("meta" if _meta(t, code) else "")


def pattern_flags(texts, langs=None) -> tuple[list[bool], list[bool]]:
    """(implicit complaint of either family, meta-comment) of each text (see ``pattern_kinds``)."""
    kinds = pattern_kinds(texts, langs)
    return [k in ("promise", "implicit") for k in kinds], [k == "meta" for k in kinds]
