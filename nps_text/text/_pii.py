"""Mask personal data (phones, e-mails, card numbers, personal URLs) in comment text.

Masking happens once, before any output is built, so reports, CSVs and the
call-back list never carry raw contact details: the call-back list keeps the
respondent id instead.

What is masked: e-mails -> ``[email]``; links carrying a personal token
(``?token=``, ``?email=``, ``?phone=``, ``?id=``, a long opaque path part) -> ``[url]``;
13-19 digit card numbers and IBANs -> ``[card]``; phone numbers of 9-15 digits
(international ``+380 ...``, local ``067-123-45-67``, trunk ``8 800 ...``) -> ``[phone]``.
What is kept: prices (``1 500 000 грн``), years, scores (``10/10``), order numbers up to
8 digits or after ``№``/``#``, dates (``12.03.2026``, ``2026-03-12``) and times (``14:35``).
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+", re.UNICODE)  # linear: starts at a boundary
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# a digit run of 13-19 digits, optionally grouped by spaces or dashes (payment cards)
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# phones: +380 67 123 45 67, +7 (912) 345-67-89, +359 88 123 4567, 067-123-45-67, 8 800 555 35 35
PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\(?\d{2,4}\)?){2,4}(?!\w)"
)
# dates and times are never phones: 12.03.2026, 2026-03-12, 12/03/26, 14:35
_DATE_TIME = re.compile(
    r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}:\d{2})(?!\d)"
)
_NUMBER_SIGN = re.compile(r"(?:№|#|\bNo\.?|\bnr\.?)\s*$", re.IGNORECASE)
_CURRENCY = re.compile(r"^\s?(?:грн|гривен|гривень|руб|р\.|₴|\$|€|₽|uah|usd|eur|лв|bgn|тыс|тис|млн)", re.I)
_PERSONAL_URL = re.compile(r"[?&#](?:token|key|session|sid|auth|email|phone|user|id)=|/[A-Za-z0-9_-]{20,}", re.I)


def _url(match: re.Match) -> str:
    return "[url]" if _PERSONAL_URL.search(match.group(0)) else match.group(0)


def _mask_phones(text: str) -> str:
    protected = [m.span() for m in _DATE_TIME.finditer(text)]

    def repl(match: re.Match) -> str:
        value = match.group(0)
        start, end = match.span()
        digits = re.sub(r"\D", "", value)
        if not 9 <= len(digits) <= 15:
            return value
        if any(s < end and start < e for s, e in protected):  # overlaps a date or a time
            return value
        if _NUMBER_SIGN.search(text[max(0, start - 6):start]) or _CURRENCY.match(text[end:end + 8]):
            return value  # an order number or an amount of money
        return "[phone]"

    return PHONE.sub(repl, text)


def mask_pii(text: str) -> str:
    """Replace e-mails, personal URLs, card numbers and phone numbers with placeholders.

    >>> mask_pii("call me +380 67 123 45 67 or ivan@example.com")
    'call me [phone] or [email]'
    """
    if not text:
        return text
    text = URL.sub(_url, text)
    text = EMAIL.sub("[email]", text)
    text = IBAN.sub("[card]", text)
    text = CARD.sub(lambda m: "[card]" if len(re.sub(r"\D", "", m.group(0))) >= 13 else m.group(0), text)
    return _mask_phones(text)


def mask_pii_column(values, *, cache=None):
    """``values.map(mask_pii)`` (a pandas Series), each distinct text masked once and kept in the prepared-text cache.

    ``cache`` as for ``LanguageDetector``: None = ``$NPS_TEXT_CACHE`` (off when it says off),
    False = off, a path = that folder. A re-run of a 100k survey spent ~2 s masking.
    """
    from .._prepared_cache import PreparedCache, stage_namespace

    def masked(texts: list[str]) -> list:  # 0 = unchanged (most comments): a smaller cache, read faster
        return [0 if m == t else m for t, m in zip(texts, map(mask_pii, texts))]

    distinct = [t for t in dict.fromkeys(values.tolist()) if isinstance(t, str)]
    store = PreparedCache(stage_namespace("pii"), cache)
    done = {t: t if m == 0 else m for t, m in zip(distinct, store.get_or_compute(distinct, masked))}
    return values.map(lambda t: done[t] if isinstance(t, str) and t in done else mask_pii(t))
