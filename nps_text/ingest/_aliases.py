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
    ),
    "date": (
        "date", "response date", "survey date", "submitted", "submitted at", "created", "created at", "timestamp",
        "дата", "дата ответа", "дата опроса", "дата відповіді", "дата опитування",
    ),
    "wave": ("wave", "survey wave", "period", "quarter", "волна", "хвиля", "период", "період", "квартал", "вълна"),
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
