"""Column-name aliases per role (en/ru/uk/bg), most specific first."""
from __future__ import annotations

import re

ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "score": (
        "nps", "nps score", "nps_score", "score", "rating", "likelihood to recommend", "ltr", "recommend score",
        "оценка", "балл", "бал", "рейтинг", "оценка nps", "оцінка", "бали", "оцінка nps", "stars",
        "оценка (0-10)", "оцінка (0-10)", "резултат",
    ),
    "comment": (
        "comment", "comments", "verbatim", "text", "feedback", "answer", "reason", "why", "open answer",
        "review", "комментарий", "комментарии", "коментарий", "отзыв", "ответ", "текст", "причина", "почему",
        "коментар", "коментарі", "відгук", "відповідь", "чому", "коментари", "отговор",
        "transcript", "transcription", "расшифровка", "транскрипт", "транскрипція", "розшифровка",
    ),
    "id": (
        "respondent id", "respondent_id", "respondent", "response id", "id", "customer id", "client id",
        "uid", "user id", "id респондента", "респондент", "ид", "номер", "id клиента", "id клієнта",
        "responseid", "response_id",
    ),
    "date": (
        "date", "response date", "survey date", "submitted", "submitted at", "created", "created at", "timestamp",
        "дата", "дата ответа", "дата опроса", "дата відповіді", "дата опитування",
        # survey-tool exports: Qualtrics, Google Forms (en/ru/uk/bg), Typeform
        "recordeddate", "recorded date", "submit date (utc)", "отметка времени", "позначка часу",
        "клеймо за време", "времева марка",
    ),
    "wave": ("wave", "survey wave", "period", "quarter", "волна", "хвиля", "период", "період", "квартал", "вълна"),
    # the unit that owns a theme in the priority list. Not "team" (usually the agent's team that
    # handled the contact: a segment, not an owner) and not "owner" (a person; it comes from owners=).
    "department": (
        "department", "dept", "responsible department", "отдел", "ответственный отдел", "департамент",
        "подразделение", "служба", "відділ", "відповідальний відділ", "підрозділ", "отговорен отдел",
        "отдел/служба",
    ),
}

SEGMENT_ALIASES: tuple[str, ...] = (
    "product", "department", "manager", "channel", "region", "deal stage", "stage", "segment", "branch",
    "team", "journey stage", "journey_stage", "category", "brand", "city", "store", "shop", "division",
    "продукт", "отдел", "менеджер", "канал", "регион", "стадия", "сегмент", "филиал", "город", "категория",
    "відділ", "регіон", "сегмент", "філія", "місто", "категорія", "отдел", "департамент", "відділення",
)


def normalise_name(name: object) -> str:
    """Lower-case, trim and fold separators so 'NPS_Score ' matches 'nps score'."""
    text = str(name).strip().lower().replace("ё", "е")
    text = re.sub(r"[_\-\.\s]+", " ", text)
    return text.strip()
