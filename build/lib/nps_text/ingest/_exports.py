"""Survey-tool exports read as they come: Qualtrics, SurveyMonkey, Google Forms, Typeform.

A tool's export is recognised from its header rows alone (no column flags): Qualtrics writes
three (column ids ``Q1``/``Q2_TEXT``, the question text, ``{"ImportId":"QID1"}``), SurveyMonkey
two (the question, then the sub-answer: ``Response``/``Open-Ended Response``), Google Forms and
Typeform one (the question text, plus a ``Timestamp``/``Submit Date (UTC)`` column). In every
one of them the columns are *questions*, so the NPS question is found by its wording and the
comment is the open question that follows it (see ``_schema.resolve_schema``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ._aliases import normalise_name

QUALTRICS, SURVEYMONKEY, GOOGLE_FORMS, TYPEFORM = "qualtrics", "surveymonkey", "google_forms", "typeform"

_IMPORT_ID = re.compile(r'^\s*\{\s*"ImportId"\s*:\s*"([^"]*)"')
_QUALTRICS_OPEN = re.compile(r"^QID\d+_TEXT$")           # a text-entry question
_QUALTRICS_NOT_A_QUESTION = re.compile(r"(_\d+_TEXT|_NPS_GROUP|_DO|_DO_\d+)$")  # "other: specify", NPS group, display order

# SurveyMonkey's second header row: the sub-answer of each question column (en/ru/uk/bg)
SM_RESPONSE = {"response", "ответ", "відповідь", "отговор"}
SM_OPEN = {"open ended response", "открытый ответ", "ответ в свободной форме", "відкрита відповідь",
           "відповідь у довільній формі", "отворен отговор", "свободен отговор"}
SM_FIRST_COLUMNS = {"respondent id", "collector id"}

GOOGLE_TIMESTAMP = {"timestamp", "отметка времени", "позначка часу", "клеймо за време", "времева марка"}
TYPEFORM_COLUMNS = {"#", "submit date (utc)", "start date (utc)", "stage date (utc)", "network id", "submitted at",
                    "token"}

# columns a tool adds around the questions: never the comment, never the NPS question
METADATA = {normalise_name(c) for c in (
    # Qualtrics
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "ExternalDataReference", "LocationLatitude", "LocationLongitude", "DistributionChannel",
    "UserLanguage", "Q_RecaptchaScore", "Q_RelevantIDDuplicate",
    # SurveyMonkey
    "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
    "Last Name", "Custom Data 1", "Custom Data",
    # Google Forms / Typeform
    "Timestamp", "Score", "#", "Network ID", "Start Date (UTC)", "Submit Date (UTC)", "Stage Date (UTC)",
    "Submitted At", "Tags", "Token", "Отметка времени", "Позначка часу", "Клеймо за време", "Адрес электронной почты",
    "Адреса електронної пошти", "Имейл адрес",
)}

# NPS question wording, per language; rank 2: "how likely ... recommend", rank 1: "would you recommend".
# Matched on the lower-cased question with "ё" folded to "е".
NPS_WORDING: tuple[tuple[int, re.Pattern], ...] = tuple((rank, re.compile(p)) for rank, p in (
    (2, r"\bhow likely\b.*\brecommend"),
    (2, r"\blikel(?:y|ihood)\b.*\bto recommend"),
    (2, r"насколько (?:вероятно|велика вероятность).*рекоменд"),
    (2, r"(?:какова вероятность|с какой вероятностью).*рекоменд"),
    (2, r"наскільки (?:ймовірно|імовірно|вірогідно).*рекоменд"),
    (2, r"(?:яка ймовірність|з якою (?:ймовірністю|імовірністю)).*рекоменд"),
    (2, r"колко (?:е )?вероятно.*препоръч"),
    (2, r"каква е вероятността.*препоръч"),
    (1, r"\b(?:would|will) you recommend"),
    (1, r"порекомендовали бы|рекомендовали бы|порекомендуете ли|готовы ли вы (?:по)?рекомендовать"),
    (1, r"порекомендували б|рекомендували б|чи (?:би )?(?:ви )?порекомендуєте|чи (?:би )?ви порекомендували"),
    (1, r"бихте ли (?:ни )?препоръчали|препоръчали бихте"),
))


def nps_wording_rank(question: Any) -> int:
    """2 for "How likely are you to recommend...", 1 for "Would you recommend...", 0 otherwise.

    >>> nps_wording_rank("Насколько вероятно, что вы порекомендуете нас друзьям?")
    2
    >>> nps_wording_rank("Бихте ли препоръчали нашия магазин?")
    1
    """
    text = str(question).lower().replace("ё", "е")
    return max((rank for rank, pattern in NPS_WORDING if pattern.search(text)), default=0)


@dataclass
class ExportHeader:
    """What the header rows say: tool, column names, question texts, open and closed questions."""

    tool: str | None
    names: list[str]
    n_header_rows: int = 1                              # rows of the file taken by the header
    questions: dict[str, str] = field(default_factory=dict)  # column -> question text
    open_columns: set[str] = field(default_factory=set)      # marked free text by the tool
    closed_columns: set[str] = field(default_factory=set)    # marked choice / not a question by the tool


def _cell(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def detect_export(rows: list[list[Any]]) -> ExportHeader:
    """Recognise a survey tool from the header row and the (up to) two rows under it.

    ``rows[0]`` is the header as read, ``rows[1:]`` the next rows of the file. Returns the
    column names to use (Qualtrics' ids, SurveyMonkey's question + sub-answer), how many rows
    the header takes and the question text of each column.
    """
    top = [_cell(c) for c in rows[0]]
    second = [_cell(c) for c in rows[1]] if len(rows) > 1 else []
    third = [_cell(c) for c in rows[2]] if len(rows) > 2 else []
    plain = ExportHeader(None, _unique(top), 1, {n: n for n in _unique(top)})
    norm_top = [normalise_name(c) for c in top]

    import_ids = [_IMPORT_ID.match(c) for c in third]
    if third and sum(m is not None for m in import_ids) >= max(1, 0.5 * sum(bool(c) for c in third)):
        names = _unique(top)
        head = ExportHeader(QUALTRICS, names, 3, {n: (q or n) for n, q in zip(names, second + [""] * len(names))})
        for name, m in zip(names, import_ids):
            qid = m.group(1) if m else ""
            if _QUALTRICS_OPEN.match(qid):
                head.open_columns.add(name)
            elif qid.startswith("QID"):
                head.closed_columns.add(name)
            if _QUALTRICS_NOT_A_QUESTION.search(name) or _QUALTRICS_NOT_A_QUESTION.search(qid):
                head.closed_columns.add(name)
                head.open_columns.discard(name)
        return head

    norm_second = [normalise_name(c) for c in second]
    marked = sum(n in SM_RESPONSE or n in SM_OPEN for n in norm_second)
    filled = sum(bool(c) for c in second)
    # the tool's own first column, or several sub-answer labels making at least half the row
    # (one comment reading "Response" in a plain file is not enough)
    if second and marked and (norm_top[0] in SM_FIRST_COLUMNS or (marked >= 2 and marked >= 0.5 * filled)):
        names, questions, opened, closed = [], {}, set(), set()
        question = ""
        for t, s, ns in zip(top + [""] * len(second), second, norm_second):
            question = t or question
            if not s or ns in SM_RESPONSE or ns in SM_OPEN:
                name = t or question
            else:  # a choice of a multiple-answer question
                name = f"{question} - {s}" if question else s
            names.append(name)
            questions[name] = question
        names = _unique(names)
        for name, ns, s in zip(names, norm_second, second):
            if ns in SM_OPEN:
                opened.add(name)
            elif s:
                closed.add(name)
        questions = {n: questions.get(n, n) or n for n in names}
        return ExportHeader(SURVEYMONKEY, names, 2, questions, opened, closed)

    if norm_top and norm_top[0] in GOOGLE_TIMESTAMP:
        plain.tool = GOOGLE_FORMS
    elif norm_top and (norm_top[0] == "#" or sum(n in TYPEFORM_COLUMNS for n in norm_top) >= 2):
        plain.tool = TYPEFORM
    return plain


_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def looks_open(values: list[Any]) -> bool:
    """True when a column reads like free text: words, mostly distinct answers, not numbers or e-mails.

    Used only when the tool does not say which questions are open (Google Forms, Typeform, plain files).
    """
    texts = [_cell(v) for v in values]
    texts = [t for t in texts if t and t.lower() not in {"na", "n/a", "-", "nan", "none", "null"}]
    if not texts:
        return False
    n = len(texts)
    if sum(bool(_NUMBER.match(t)) for t in texts) > 0.5 * n:
        return False
    if sum("@" in t or "://" in t for t in texts) > 0.5 * n:
        return False
    if sum(bool(_LETTERS.search(t)) for t in texts) < 0.5 * n:
        return False
    distinct = len(set(t.lower() for t in texts)) / n
    words = sum(len(t.split()) for t in texts) / n
    return distinct >= 0.6 and (words >= 2 or distinct >= 0.9)


def is_metadata(name: Any) -> bool:
    """A column a survey tool adds itself (ids, dates, IP, e-mail): never a question."""
    return normalise_name(name) in METADATA
