"""Mask personal data (phones, e-mails, card numbers, personal URLs) in comment text.

Masking happens once, before any output is built, so reports, CSVs and the
call-back list never carry raw contact details: the call-back list keeps the
respondent id instead.
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# a digit run of 13-19 digits, optionally grouped by spaces or dashes (payment cards)
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
# phones: +380 67 123 45 67, +7 (912) 345-67-89, +359 88 123 4567, 067-123-45-67, 8 800 555 35 35
PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?!\w)"
)
_PERSONAL_URL = re.compile(r"[?&#](?:token|key|session|sid|auth|email|phone|user|id)=|/[A-Za-z0-9_-]{20,}", re.I)


def _phone(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[phone]" if 9 <= len(digits) <= 15 else match.group(0)


def _url(match: re.Match) -> str:
    return "[url]" if _PERSONAL_URL.search(match.group(0)) else match.group(0)


def mask_pii(text: str) -> str:
    """Replace e-mails, personal URLs, card numbers and phone numbers with placeholders.

    >>> mask_pii("call me +380 67 123 45 67 or ivan@example.com")
    'call me [phone] or [email]'
    """
    if not text:
        return text
    text = URL.sub(_url, text)
    text = EMAIL.sub("[email]", text)
    text = CARD.sub(lambda m: "[card]" if len(re.sub(r"\D", "", m.group(0))) >= 13 else m.group(0), text)
    return PHONE.sub(_phone, text)
