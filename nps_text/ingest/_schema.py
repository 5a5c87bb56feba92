"""Find the survey's columns and give every row a status.

Validation happens once, here: later stages trust what comes out. Row problems
(a bad score, a duplicate id) become per-row statuses so nothing disappears;
problems that make the whole file unusable raise ``SurveyValidationError``.
"""
from __future__ import annotations

import difflib
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import _columns as C
from ..errors import FAILURE_COLUMNS, NpsTextWarning, SurveyValidationError
from ._aliases import ROLE_ALIASES, SEGMENT_ALIASES, normalise_name
from ._exports import SURVEYMONKEY, TYPEFORM, QUALTRICS, is_metadata, looks_open, nps_wording_rank
from ._status import DUPLICATE, comment_status as _comment_status, is_na as _is_na

# scale -> (min, max, promoter threshold, passive threshold); score >= promoter -> promoter, >= passive -> passive
SCALES: dict[str, tuple[int, int, int, int]] = {
    "0-10": (0, 10, 9, 7),
    "1-10": (1, 10, 9, 7),
    "1-5": (1, 5, 5, 4),
    "1-7": (1, 7, 7, 6),
}


@dataclass
class SurveySchema:
    """Which input column plays which role. ``None`` means absent.

    ``department`` is the unit that owns a theme in the priority list; it is also one of
    ``segments``. ``tool`` names the survey tool whose export was recognised ("qualtrics",
    "surveymonkey", "google_forms", "typeform") or is ``None`` for a plain table.
    ``dayfirst`` is decided once from the first rows (a day above 12 in either place settles
    it; SurveyMonkey writes US dates), so every chunk of a file reads dates the same way.
    """

    score: str
    comment: str | None
    id: str | None = None
    date: str | None = None
    wave: str | None = None
    segments: list[str] = field(default_factory=list)
    scale: str = "0-10"
    department: str | None = None
    tool: str | None = None
    dayfirst: bool = True   # slash dates read 01/04/2026 = 1 April; False for US files (04/13/2026 seen)
    period: str = "auto"    # waves from the date when there is no wave column: auto / month / quarter / year

    @property
    def columns(self) -> list[str]:
        """Every input column the responses table is built from (each once, in role order)."""
        names = [self.id, self.date, self.wave, self.score, self.comment, self.department, *self.segments]
        return list(dict.fromkeys(n for n in names if n is not None))


def find_column(columns: list[Any], role: str) -> str | None:
    """Return the column whose name is an alias of ``role`` (exact alias, then prefix match)."""
    hit = _exact_alias(columns, role)
    return hit if hit is not None else _partial_alias(columns, role)


def _exact_alias(columns: list[Any], role: str) -> Any:
    names = {normalise_name(c): c for c in columns}
    hits = [names[a] for a in (normalise_name(a) for a in ROLE_ALIASES[role]) if a in names]
    return hits[0] if hits else None


def _partial_alias(columns: list[Any], role: str) -> Any:
    names = {normalise_name(c): c for c in columns}
    for a in (normalise_name(a) for a in ROLE_ALIASES[role]):
        if len(a) < 4:
            continue
        partial = [c for n, c in names.items() if n.startswith(a + " ") or n.endswith(" " + a)]
        if len(partial) == 1:
            return partial[0]
    return None


def _ambiguous(columns: list[Any], role: str) -> list[Any]:
    names = [(normalise_name(c), c) for c in columns]
    aliases = {normalise_name(a) for a in ROLE_ALIASES[role]}
    return [c for n, c in names if n in aliases]


def _where(source: str | None) -> str:
    """'survey.csv: ' for messages about a file; nothing for a DataFrame."""
    return f"{source}: " if source and source != "DataFrame" else ""


def _shown(columns: list[Any]) -> str:
    return ", ".join(repr(str(c)) for c in columns[:20]) + (", ..." if len(columns) > 20 else "")


def _short(text: str, n: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 3] + "..."


class _Problems:
    """Problems found while resolving columns: collected, then raised once (STYLE.md §3)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, message: str, *, column: Any = None, value: Any = None, row: Any = None) -> None:
        """One problem; ``column`` may be a list (several candidate columns): one failure row each."""
        for col in column if isinstance(column, list) else [column]:
            self.rows.append({"row": row, "column": None if col is None else str(col), "value": value,
                              "code": message.split(":", 1)[0], "message": message})

    @property
    def messages(self) -> list[str]:
        return list(dict.fromkeys(r["message"] for r in self.rows))

    def raise_if_any(self) -> None:
        if not self.rows:
            return
        first = self.rows[0]["message"]
        more = len(self.messages) - 1
        if more:
            first += f" ({more} more problem{'s' if more > 1 else ''}: see failure_cases.)"
        raise SurveyValidationError(first, pd.DataFrame(self.rows, columns=FAILURE_COLUMNS))


def failure(message: str, *, column: Any = None, value: Any = None, row: Any = None) -> SurveyValidationError:
    """A ``SurveyValidationError`` about one column or row, with its one-row ``failure_cases``."""
    problems = _Problems()
    problems.add(message, column=column, value=value, row=row)
    return SurveyValidationError(message, pd.DataFrame(problems.rows, columns=FAILURE_COLUMNS))


def _missing_message(role: str, columns: list[Any], at: str, taken: set) -> str:
    # never suggest a column already playing another role (score for comment: NPS103 would follow)
    free = [str(c) for c in columns if c not in taken]
    guesses = difflib.get_close_matches(role, free, n=1, cutoff=0.5)
    hint = f" Did you mean {guesses[0]!r}?" if guesses else ""
    return f"NPS101: {at}no {role} column found among: {_shown(columns)}.{hint} Pass {role}='<column>'."


def _valid_share(values: Iterable[Any], scale: str) -> tuple[int, int]:
    """(valid scores, non-empty values) in a sample of a column."""
    filled = [v for v in values if not _is_na(v)]
    return sum(parse_score(v, scale)[0] is not None for v in filled), len(filled)


def _nps_candidates(df: pd.DataFrame, questions: dict, scale: str, skip: set) -> list[tuple[int, Any]]:
    """(wording rank, column) of columns whose question reads as the NPS question and whose values are scores."""
    out = []
    for c in df.columns:
        if c in skip or is_metadata(c):
            continue
        rank = nps_wording_rank(questions.get(c, c))
        if not rank:
            continue
        valid, filled = _valid_share(df[c].tolist(), scale)
        if filled == 0 or valid >= 0.5 * filled:
            out.append((rank, c))
    return out


def _open_after(df: pd.DataFrame, score: Any, *, taken: set, open_columns: set, closed_columns: set,
                marked: bool) -> Any:
    """The first open (free-text) question after the score column; ``marked``: the tool says which are open."""
    columns = list(df.columns)
    for c in columns[columns.index(score) + 1:]:
        if c in taken or c in closed_columns or is_metadata(c) or nps_wording_rank(c):
            continue
        if c in open_columns:
            return c
        if not marked and looks_open(df[c].tolist()):
            return c
    return None


def resolve_schema(
    df: pd.DataFrame,
    *,
    score: str | None = None,
    comment: str | None = None,
    id: str | None = None,
    date: str | None = None,
    wave: str | None = None,
    department: str | None = None,
    segments: list[str] | None = None,
    scale: str = "0-10",
    source: str | None = None,
    questions: dict[str, str] | None = None,
    open_columns: set[str] | None = None,
    closed_columns: set[str] | None = None,
    tool: str | None = None,
) -> SurveySchema:
    """Detect columns by name (en/ru/uk/bg) unless given; given names must exist.

    ``df`` may be the whole table or its first rows: values are only looked at to tell
    an NPS question (scores) and an open question (free text) apart. ``questions`` maps a
    column to its question text (survey-tool exports; default: the column name),
    ``open_columns``/``closed_columns`` are the questions the tool marks as free text or
    as choices, ``tool`` the recognised tool. ``source`` (a file name) is named in messages.

    Score, when not given: a column named like a score (``nps``, ``оценка``...); else the
    question worded as the NPS question ("How likely are you to recommend...", "Насколько
    вероятно, что вы порекомендуете...", "Наскільки ймовірно...", "Колко вероятно е да
    препоръчате...", "Would you recommend..."); for a survey-tool export the wording is tried
    first. Comment, when not given and the score is a question: the open question that
    follows it; else a column named like a comment.

    Raises
    ------
    SurveyValidationError
        NPS101 (missing), NPS103 (ambiguous), NPS113 (two NPS questions tie), NPS106, NPS109.
        Every problem found is listed in ``failure_cases``.
    """
    columns = list(df.columns)
    at = _where(source)
    if len(columns) == 0:
        raise SurveyValidationError(f"NPS106: {at}the survey has no columns.")
    if scale not in SCALES:
        raise failure(f"NPS109: unknown scale {scale!r}; use one of {', '.join(SCALES)}.", value=scale)
    questions = {c: (questions or {}).get(c, c) for c in columns}
    open_columns, closed_columns = set(open_columns or ()), set(closed_columns or ())
    problems = _Problems()
    given = {"score": score, "comment": comment, "id": id, "date": date, "wave": wave, "department": department}
    found: dict[str, Any] = {}
    for role, name in given.items():
        if name is None:
            continue
        if name not in columns:
            close = difflib.get_close_matches(str(name), [str(c) for c in columns], n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            problems.add(f"NPS101: {at}column {name!r} given for {role} is not in the file. "
                         f"Columns: {_shown(columns)}.{hint}", column=name, value=role)
        else:
            found[role] = name
    for s in segments or []:
        if s not in columns:
            problems.add(f"NPS101: {at}segment column {s!r} is not in the file.", column=s, value="segments")

    def taken() -> set:
        return {v for v in found.values() if v is not None}

    # score: by name, by the NPS question's wording, by a partial name
    by_question, anchor = False, found.get("score")
    if score is None:
        pick, by_question, anchor = _find_score(df, questions, scale, tool, closed_columns, problems, at)
        found["score"] = pick
    # comment: the open question after an NPS question, else by name
    if comment is None:
        pick = None
        if anchor is not None and (by_question or tool is not None):
            pick = _open_after(df, anchor, taken=taken() | {anchor}, open_columns=open_columns,
                               closed_columns=closed_columns, marked=tool in (QUALTRICS, SURVEYMONKEY))
        if pick is None:
            pick = _by_name(columns, "comment", problems, at, skip=taken())
        found["comment"] = pick
    for role in ("id", "date", "wave"):
        if given[role] is None:
            found[role] = _tool_column(columns, role, tool) or find_column(columns, role)
    if department is None:
        found["department"] = _find_department(columns, taken(), at, questions)
    if score is None and found.get("score") is None and not any(r["code"] in ("NPS103", "NPS113")
                                                                 for r in problems.rows):
        problems.add(_missing_message("score", columns, at, taken()), value="score")
    if comment is None and found.get("comment") is None and not any(
            r["code"] == "NPS103" and r["value"] == "comment" for r in problems.rows):
        problems.add(_missing_message("comment", columns, at, taken()), value="comment")
    if found.get("score") is not None and found.get("score") == found.get("comment"):
        problems.add(f"NPS103: {at}the same column {found['score']!r} cannot be score and comment.",
                     column=found["score"], value="score, comment")
    problems.raise_if_any()

    used = {v for k, v in found.items() if v is not None and k != "department"}
    if segments is None:
        seg_aliases = {normalise_name(a) for a in SEGMENT_ALIASES}
        segments = [c for c in columns if c not in used and normalise_name(c) in seg_aliases]
    segments = [str(s) for s in segments]
    if found.get("department") is not None and str(found["department"]) not in segments:
        segments.append(str(found["department"]))  # the department is also a segment
    dayfirst = _dayfirst(df[found["date"]].tolist() if found.get("date") is not None else [],
                         default=tool != SURVEYMONKEY)
    return SurveySchema(
        score=found["score"], comment=found["comment"], id=found.get("id"), date=found.get("date"),
        wave=found.get("wave"), segments=segments, scale=scale, department=found.get("department"), tool=tool,
        dayfirst=dayfirst,
    )


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}\b")


def _dayfirst(values: list[Any], *, default: bool) -> bool:
    """Day first unless the sample shows a month-first date (04/13/2026) and no day-first one (13/04/2026)."""
    firsts, seconds = [], []
    for v in values:
        m = _SLASH_DATE.match(str(v)) if not _is_na(v) else None
        if m:
            firsts.append(int(m.group(1)))
            seconds.append(int(m.group(2)))
    day_first_seen = any(a > 12 for a in firsts)
    month_first_seen = any(b > 12 for b in seconds)
    if day_first_seen != month_first_seen:
        return day_first_seen
    return default


def _by_name(columns: list[Any], role: str, problems: _Problems, at: str, skip: set = frozenset()) -> Any:
    """Exact alias (NPS103 when several), else a unique partial alias."""
    free = [c for c in columns if c not in skip]
    cands = _ambiguous(free, role)
    if len(cands) > 1:
        problems.add(f"NPS103: {at}several columns could be the {role}: {_shown(cands)}. "
                     f"Pick one with {role}='<column>'.", column=list(cands), value=role)
        return None
    if cands:
        return cands[0]
    return _partial_alias(free, role)


def _find_score(df: pd.DataFrame, questions: dict, scale: str, tool: str | None, closed: set,
                problems: _Problems, at: str) -> tuple[Any, bool, Any]:
    """(score column or None, found by the question's wording, column to look for the comment after)."""
    columns = list(df.columns)
    exact = [c for c in _ambiguous(columns, "score") if not (tool and is_metadata(c))]

    def by_wording() -> Any:
        skip = {c for c in closed if not nps_wording_rank(questions[c]) or c.endswith("_NPS_GROUP")}
        cands = _nps_candidates(df, questions, scale, skip)
        if not cands:
            return None
        top = max(rank for rank, _ in cands)
        best = [c for rank, c in cands if rank == top]
        if len(best) > 1:
            named = " and ".join(f"{str(c)!r} ({_short(questions[c])!r})" if questions[c] != c else repr(str(c))
                                 for c in best)
            choose = " or ".join(f"score={str(c)!r}" for c in best)
            problems.add(f"NPS113: {at}{len(best)} questions could be the NPS question: {named}. "
                         f"Pick one with {choose}.", column=list(best), value="score")
            return best  # a tie: no score, but the comment still follows the first of them
        return best[0]

    if tool is not None:  # an export: its columns are questions
        pick = by_wording()
        if isinstance(pick, list):
            return None, True, pick[0]
        if pick is not None:
            return pick, True, pick
    if len(exact) > 1:
        problems.add(f"NPS103: {at}several columns could be the score: {_shown(exact)}. "
                     "Pick one with score='<column>'.", column=list(exact), value="score")
        return None, False, None
    if exact:
        return exact[0], False, exact[0]
    if tool is None:
        pick = by_wording()
        if isinstance(pick, list):
            return None, True, pick[0]
        if pick is not None:
            return pick, True, pick
    pick = _partial_alias(columns, "score")
    return pick, False, pick


# columns a tool always writes, for roles its names do not say by alias
_TOOL_COLUMNS = {
    (QUALTRICS, "date"): ("RecordedDate", "EndDate"),
    (QUALTRICS, "id"): ("ResponseId",),
    (SURVEYMONKEY, "date"): ("End Date", "Start Date"),
    (SURVEYMONKEY, "id"): ("Respondent ID",),
    (TYPEFORM, "date"): ("Submit Date (UTC)", "Submitted At"),
    (TYPEFORM, "id"): ("#", "Token", "Response ID"),
}


def _tool_column(columns: list[Any], role: str, tool: str | None) -> Any:
    names = {normalise_name(c): c for c in columns}
    for name in _TOOL_COLUMNS.get((tool, role), ()):
        if normalise_name(name) in names:
            return names[normalise_name(name)]
    return None


def _find_department(columns: list[Any], taken: set, at: str, questions: dict) -> Any:
    """The department column by name, else by its question (Qualtrics ids hide the name); NPS114 when several."""
    free = [c for c in columns if c not in taken]
    cands = _ambiguous(free, "department")
    if len(cands) > 1:
        warnings.warn(f"NPS114: {at}several columns could be the department: {_shown(cands)}; using "
                      f"{str(cands[0])!r}. Pick another with department='<column>'.", NpsTextWarning, stacklevel=4)
    pick = cands[0] if cands else _partial_alias(free, "department")
    if pick is None:
        by_text = {questions[c]: c for c in free if questions.get(c, c) != c}
        hit = find_column(list(by_text), "department") if by_text else None
        pick = by_text[hit] if hit is not None else None
    return pick


_FRACTION = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*/\s*(\d+)\s*$")
# a score written with its label, as survey tools export choice text: "10 - Extremely likely",
# "0 – Совсем маловероятно", "9 (very likely)", "8 баллов"; the label holds no digit ("4 out of 5" is not 4)
_LABELLED = re.compile(r"^\s*(-?\d{1,2})\s*(?:[-–—=:.)(]\s*|\s+)(?=[^\d]*[^\W\d_])[^\d]*$")


def parse_score(value: Any, scale: str = "0-10") -> tuple[int | None, str]:
    """Return (score, '') or (None, reason).

    Accepts '9', '9.0', ' 9 ', '9/10' on a 0-10 scale and a score with its label as survey tools
    export it ('10 - Extremely likely', '0 - Not at all likely'): the leading number is the score.
    """
    lo, hi, _, _ = SCALES[scale]
    if _is_na(value):
        return None, "no score"
    if isinstance(value, (bool, np.bool_)):
        return None, f"score is not a number: {value!r}"
    if isinstance(value, (int, np.integer)):
        number = float(value)
    elif isinstance(value, (float, np.floating)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".") if not _FRACTION.match(str(value)) else str(value)
        frac = _FRACTION.match(text)
        if frac:
            if int(frac.group(2)) != hi:
                return None, f"score {text!r} is on another scale than {scale}"
            text = frac.group(1).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            label = _LABELLED.match(str(value))
            if label is None:
                shown = text if len(text) <= 20 else text[:20] + "..."
                return None, f"score is not a number: {shown!r}"
            number = float(label.group(1))
    if math.isnan(number) or math.isinf(number):
        return None, "no score"
    if number != int(number):
        return None, f"score is not a whole number: {number:g}"
    number_i = int(number)
    if not lo <= number_i <= hi:
        return None, f"score out of range {scale}: {number_i}"
    return number_i, ""


def to_group(score: int, scale: str = "0-10") -> str:
    """Promoter / passive / detractor for a valid score on ``scale``."""
    _, _, prom, pas = SCALES[scale]
    if score >= prom:
        return C.PROMOTER
    if score >= pas:
        return C.PASSIVE
    return C.DETRACTOR


def to_0_10(score: int, scale: str) -> float:
    """Linear map to 0-10, for charts and averages only: groups come from ``to_group``."""
    lo, hi, _, _ = SCALES[scale]
    return round((score - lo) * 10.0 / (hi - lo), 2)


def _to_naive(values: pd.Series, *, dayfirst: bool) -> pd.Series:
    """Parse to naive datetimes; times with a zone (...Z, +02:00) are converted to UTC first."""
    if pd.api.types.is_datetime64_any_dtype(values) or isinstance(values.dtype, pd.DatetimeTZDtype):
        parsed = pd.to_datetime(values, errors="coerce", utc=True)
    else:
        parsed = pd.to_datetime(values.astype(object), errors="coerce", format="mixed", dayfirst=dayfirst, utc=True)
    return parsed.dt.tz_localize(None)


def _parse_dates(values: pd.Series, *, dayfirst: bool = True) -> tuple[pd.Series, int]:
    """Parse dates written in mixed formats; returns (dates, number unparseable).

    Each value is read on its own, so a file read in chunks gets the same dates.
    ``dayfirst=False`` for tools that write US dates (SurveyMonkey: 03/14/2026 10:15:22 AM).
    """
    text = values.map(lambda v: "" if _is_na(v) else str(v).strip())
    # year first (2026-03-01, 2026/03/01, 2026.03.01) is never day first; the rest is read day first
    year_first = text.str.match(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
    iso = _to_naive(text.where(year_first), dayfirst=False)
    rest = _to_naive(text.where(iso.isna() & (text != "")), dayfirst=dayfirst)
    out = iso.fillna(rest)
    if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(values):
        out = _to_naive(values, dayfirst=False)
    bad = int(((text != "") & out.isna()).sum())
    return out, bad




class _SeenKeys:
    """Respondent keys seen so far, each kept as a 128-bit hash with its first row (24 bytes).

    ``iter_survey`` must remember every key of the file to mark later duplicates; a dict of
    the key strings took ~200 bytes a key (1.2 GB of a 5.8M-row file's read). Two different
    keys would have to share both 64-bit hashes to be confused (odds about 1e-20 for 10^9 keys).
    """

    _DTYPE = np.dtype([("a", "<u8"), ("b", "<u8")])
    _HASH_KEYS = ("nps-text-seen-a0", "nps-text-seen-b1")  # pandas hash_array takes a 16-byte key

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=self._DTYPE)  # sorted
        self.rows = np.empty(0, dtype=np.int64)

    def first_rows(self, keys: Sequence[str], rows: np.ndarray) -> np.ndarray:
        """Per key, in order: the row that first had it (an earlier call or earlier in this one), else 0.

        The keys new to this call are remembered with their first row.
        """
        from pandas.util import hash_array

        n = len(keys)
        out = np.zeros(n, dtype=np.int64)
        if not n:
            return out
        values = np.asarray(keys, dtype=object)
        h = np.empty(n, dtype=self._DTYPE)
        h["a"], h["b"] = (hash_array(values, hash_key=k) for k in self._HASH_KEYS)
        if len(self.keys):
            pos = np.minimum(np.searchsorted(self.keys, h), len(self.keys) - 1)
            hit = self.keys[pos] == h
            out[hit] = self.rows[pos[hit]]
        new = np.flatnonzero(out == 0)
        first = pd.DataFrame({"a": h["a"][new], "b": h["b"][new], "row": rows[new]}).groupby(
            ["a", "b"], sort=False)["row"].transform("first").to_numpy()
        repeat = first != rows[new]
        out[new[repeat]] = first[repeat]
        keep = new[~repeat]
        keys_all = np.concatenate([self.keys, h[keep]])
        order = np.argsort(keys_all, kind="stable")
        self.keys, self.rows = keys_all[order], np.concatenate([self.rows, rows[keep]])[order]
        return out


class ResponseBuilder:
    """Builds ``responses`` from raw rows, one chunk after another, as one read would.

    Row numbers continue across chunks and a respondent id seen in an earlier chunk makes a
    later row a duplicate, so ``iter_survey`` and ``read_survey`` give the same statuses.
    Call ``add`` per chunk, then ``finish`` for the warnings that need every row (NPS110, NPS111).
    """

    def __init__(self, schema: SurveySchema, *, source: str = "input") -> None:
        self.schema = schema
        self.source = source
        self.rows = 0
        self.seen = _SeenKeys()
        self.bad_dates = 0
        self.score_min: float = math.inf
        self.score_max: float = -math.inf
        self.n_scores = 0

    def add(self, df: pd.DataFrame) -> pd.DataFrame:
        """Responses of the next ``len(df)`` input rows (see ``build_responses`` for columns)."""
        schema = self.schema
        df = df.reset_index(drop=True)
        n = len(df)
        out = pd.DataFrame({C.ROW: np.arange(self.rows + 1, self.rows + n + 1)})
        ids = df[schema.id] if schema.id else pd.Series([None] * n)
        out[C.RESPONDENT] = [f"row-{r}" if _is_na(v) else str(v).strip() for r, v in zip(out[C.ROW], ids)]
        parsed = [parse_score(v, schema.scale) for v in df[schema.score].tolist()]
        out[C.SCORE] = pd.array([p[0] for p in parsed], dtype="Int64")
        out[C.SCORE10] = [to_0_10(p[0], schema.scale) if p[0] is not None else np.nan for p in parsed]
        out[C.GROUP] = [to_group(p[0], schema.scale) if p[0] is not None else None for p in parsed]
        comments = [_comment_status(v) for v in df[schema.comment].tolist()]
        out[C.COMMENT] = [c[0] for c in comments]
        status = [c[1] for c in comments]
        reason = [c[2] for c in comments]
        for i, (value, why) in enumerate(parsed):
            if value is None:
                status[i], reason[i] = C.EXCLUDED, why
        if schema.date:
            out[C.DATE], bad = _parse_dates(df[schema.date], dayfirst=schema.dayfirst)
            self.bad_dates += bad
        else:
            out[C.DATE] = pd.NaT
        if schema.wave:
            out[C.WAVE] = [None if _is_na(v) else str(v).strip() for v in df[schema.wave].tolist()]
        elif schema.date and out[C.DATE].notna().any():
            from ._waves import date_waves

            out[C.WAVE] = date_waves(out[C.DATE], schema)
        else:
            out[C.WAVE] = None
        out[C.WAVE] = out[C.WAVE].fillna("all")
        # duplicates: same respondent in the same wave -> keep the first answer with a valid score
        # (an earlier row excluded for its score must not cost the respondent a later valid answer)
        key = out[C.RESPONDENT] + "\x1f" + out[C.WAVE].astype(str)
        has_id = ids.map(lambda v: v is not None and not _is_na(v)).to_numpy(dtype=bool)
        eligible = np.flatnonzero(has_id & (np.asarray(status, dtype=object) != C.EXCLUDED))
        earlier = self.seen.first_rows(key.to_numpy()[eligible], out[C.ROW].to_numpy()[eligible])
        for i, first in zip(eligible[earlier > 0], earlier[earlier > 0]):
            status[i], reason[i] = C.EXCLUDED, DUPLICATE.format(row=int(first))
        out[C.STATUS] = status
        out[C.REASON] = reason
        for seg in schema.segments:
            out[seg] = [None if _is_na(v) else str(v).strip() for v in df[seg].tolist()]
        valid = out[C.SCORE].dropna()
        if len(valid):
            self.score_min = min(self.score_min, float(valid.min()))
            self.score_max = max(self.score_max, float(valid.max()))
            self.n_scores += len(valid)
        self.rows += n
        return out

    def finish(self, stacklevel: int = 3) -> None:
        """Warn once for the whole file: unreadable dates (NPS110), a 1-5 scale read as 0-10 (NPS111)."""
        if self.bad_dates:
            warnings.warn(f"NPS110: {self.bad_dates} dates in column {self.schema.date!r} could not be read; "
                          "those rows keep their other data.", NpsTextWarning, stacklevel=stacklevel)
        if (self.schema.scale == "0-10" and self.n_scores >= 30 and self.score_max <= 5
                and self.score_min >= 1):
            warnings.warn("NPS111: every score is between 1 and 5; if this is a star rating, pass scale='1-5'.",
                          NpsTextWarning, stacklevel=stacklevel)


def build_responses(df: pd.DataFrame, schema: SurveySchema, *, source: str = "input") -> pd.DataFrame:
    """One row per input row with score, group, comment, status and reason.

    Columns: row, respondent_id, score, score_0_10, group, comment, date, wave, status,
    status_reason, then the segment columns (the department among them).
    Statuses: ``analysed`` (score and text), ``nps_only`` (score, no usable text:
    counts for NPS, not topics), ``excluded`` (no valid score or a duplicate).
    """
    if len(df) == 0:
        raise SurveyValidationError(f"NPS106: {source} has a header but no rows.")
    builder = ResponseBuilder(schema, source=source)
    out = builder.add(df)
    builder.finish(stacklevel=3)
    return out
