"""report.xlsx for department heads: summary first, then what to do, then the raw tables behind it.

Sheets: Summary, Priorities (overall), one sheet per department, Call-backs, Themes, Definitions,
then Responses, Mentions, Topics, Segments, Waves, Change. Human headers, bold header row,
autofilter, frozen header, fitted widths, shares as percentages, NPS and points with one decimal,
colour scales on impact columns. Text cells that a spreadsheet would run as a formula are
neutralized (``neutralize_formulas``).
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import _columns as C
from ._html import overall_row, themes_table, top_themes
from ._tables import neutralize_formulas
from ._util import fnum, table_or_empty

# column -> (human header, what it means)
COLUMNS: dict[str, tuple[str, str]] = {
    C.RANK: ("Rank", "Order within the sheet's kind: 1 = most NPS points at stake."),
    C.SCOPE: ("Scope", "'overall' or the department the row belongs to."),
    C.KIND: ("Kind", "barrier (pulls NPS down), driver (holds it up) or neutral (a fact, no direction)."),
    C.THEME_ID: ("Theme id", "Stable id of the theme; joins Themes, Topics, Mentions and Priorities."),
    C.TOPIC_ID: ("Sub-topic id", "Stable id of the sub-topic inside its theme."),
    C.LABEL: ("Theme", "Name of the theme (or sub-topic), in the label language."),
    C.THEME_LABEL: ("Theme", "Name of the theme the mention belongs to."),
    C.POINTS: ("NPS points", "Barrier: points gained if its mentioners scored like everyone else. Driver: points "
                             "it holds up. Points of overlapping themes do not add up."),
    C.POINTS_LOW: ("Points, low", "Lower end of the 95% bootstrap interval of the points."),
    C.POINTS_HIGH: ("Points, high", "Upper end of the 95% bootstrap interval of the points."),
    C.N_RESPONDENTS: ("Respondents", "Distinct respondents who mention the theme in this direction."),
    C.KPI_BASELINE: ("KPI baseline", "Today's value of the suggested KPI, e.g. share of detractors mentioning it."),
    C.DEPARTMENT: ("Department", "Department that owns the theme (from the taxonomy)."),
    C.OWNER: ("Owner", "Person responsible: fill in."),
    C.KPI: ("KPI", "Measure to track: fill in or adjust."),
    C.TARGET: ("Target", "Target value of the KPI: fill in."),
    C.PCT_RESPONDENTS: ("% of respondents", "Share of analysed respondents who mention the theme."),
    C.SHARE_PROM: ("Promoters", "Share of promoters (9-10) among them."),
    C.SHARE_PASS: ("Passives", "Share of passives (7-8) among them."),
    C.SHARE_DETR: ("Detractors", "Share of detractors (0-6) among them."),
    C.NPS_MENTIONERS: ("NPS of mentioners", "NPS of the respondents who mention the theme."),
    C.IMPACT: ("Impact", "NPS of everyone minus NPS without the mentioners (negative for barriers)."),
    C.IMPACT_LOW: ("Impact, low", "Lower end of the 95% bootstrap interval of the impact."),
    C.IMPACT_HIGH: ("Impact, high", "Upper end of the 95% bootstrap interval of the impact."),
    C.SIGNIFICANT: ("Significant", "True when the interval excludes zero and enough respondents mention it."),
    C.KEY_DRIVER: ("Key-driver estimate", "Points from a model over all themes at once, so overlapping themes "
                                          "are not double counted."),
    C.KEY_DRIVER_LOW: ("Key driver, low", "Lower end of the key-driver estimate's 95% interval."),
    C.KEY_DRIVER_HIGH: ("Key driver, high", "Upper end of the key-driver estimate's 95% interval."),
    C.EXAMPLES: ("Examples", "Representative comments, separated by ' | '."),
    C.KEYWORDS: ("Keywords", "Words that characterise the theme."),
    C.N_TOPICS: ("Sub-topics", "Number of sub-topics in the theme."),
    C.SEGMENT: ("Segment", "Segment column of the survey (overall = everyone)."),
    C.VALUE: ("Value", "Value of the segment column."),
    C.N: ("n", "Respondents with a score."),
    C.NPS: ("NPS", "% promoters minus % detractors, from -100 to +100."),
    C.MOE: ("Margin ±", "95% margin of error of the NPS."),
    C.BAND: ("Band", "> 50 excellent, 0-50 good, < 0 needs action."),
    C.FLAG: ("Note", "Remark on the row (small base, below 30...)."),
    C.P_VALUE: ("p-value", "Test against the rest (segments) or the previous wave (waves); < 0.05 = significant."),
    C.GAP_THEMES: ("Themes behind the gap", "Themes that explain most of the segment's gap to the rest."),
    C.WAVE: ("Wave", "Survey wave or period."),
    "change": ("Change", "NPS change against the previous wave."),
    C.MIX: ("Mix", "Change due to more or fewer people mentioning the theme."),
    C.RATE: ("Rate", "Change due to its mentioners scoring differently."),
    C.TOTAL: ("Total", "Mix + rate; all rows sum to the NPS change."),
    "contribution": ("Contribution", "NPS points the theme adds to or costs the segment."),
    C.ROW: ("Row", "Data row of the input file (1 = first row after the header)."),
    C.RESPONDENT: ("Respondent", "Respondent id from the survey (or the row)."),
    C.SCORE: ("Score", "Score as given in the survey."),
    C.SCORE10: ("Score 0-10", "Score mapped to 0-10."),
    C.GROUP: ("Group", "promoter, passive or detractor."),
    C.COMMENT: ("Comment", "The comment, contact details masked."),
    C.STATUS: ("Status", "analysed, nps_only (no text) or excluded."),
    C.REASON: ("Status reason", "Why a row was not analysed."),
    "reason": ("Reason", "Why rows got this status."),
    "rows": ("Rows", "Input rows with this status and reason."),
    "status": ("Status", "analysed, nps_only or excluded."),
    C.LANG: ("Language", "Detected language of the comment or clause."),
    C.LANG_CONF: ("Language confidence", "Confidence of the language detection (0-1)."),
    C.N_CLAUSES: ("Clauses", "Number of clauses the comment was split into."),
    C.TOPICS: ("Themes mentioned", "Themes found in the comment."),
    C.CLAUSE: ("Clause", "The phrase of the comment that mentions the theme."),
    C.CLAUSE_NO: ("Clause no.", "Position of the clause in the comment."),
    C.P_DRIVER: ("P(driver)", "Probability that the clause praises."),
    C.P_BARRIER: ("P(barrier)", "Probability that the clause complains."),
    C.P_NEUTRAL: ("P(neutral)", "Probability that the clause states a fact."),
    "barriers": ("Barriers", "Barrier themes the detractor mentions."),
    C.DATE: ("Date", "Date of the response."),
}
PERCENT = {C.SHARE_PROM, C.SHARE_PASS, C.SHARE_DETR, C.PCT_RESPONDENTS, C.LANG_CONF}
ONE_DECIMAL = {C.NPS, C.MOE, C.IMPACT, C.IMPACT_LOW, C.IMPACT_HIGH, C.KEY_DRIVER, C.KEY_DRIVER_LOW,
               C.KEY_DRIVER_HIGH, C.POINTS, C.POINTS_LOW, C.POINTS_HIGH, C.NPS_MENTIONERS, C.MIX, C.RATE,
               C.TOTAL, "change", "contribution"}
COLOUR_SCALE = {C.IMPACT, C.KEY_DRIVER, C.POINTS, C.TOTAL, "contribution"}
WIDE = {C.COMMENT, C.EXAMPLES, C.CLAUSE, C.GAP_THEMES, C.KEYWORDS, "barriers", C.KPI_BASELINE}
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"summary", "priorities", "call-backs", "themes", "definitions", "responses", "mentions", "topics",
            "segments", "waves", "change", "history"}
PRIORITY_COLUMNS = [C.RANK, C.KIND, C.LABEL, C.POINTS, C.POINTS_LOW, C.POINTS_HIGH, C.N_RESPONDENTS,
                    C.KPI_BASELINE, C.DEPARTMENT, C.OWNER, C.KPI, C.TARGET]
HEADER_FILL = "#EEF2F7"


def sheet_name(name, taken: set[str]) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, no leading/trailing apostrophe, <= 31 characters."""
    base = FORBIDDEN.sub("_", str(name)).strip().strip("'").strip() or "Department"
    base = base[:31]
    candidate, k = base, 2
    while candidate.lower() in taken or candidate.lower() in RESERVED:
        suffix = f" ({k})"
        candidate = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(candidate.lower())
    return candidate


MAX_SHEET_ROWS = 50_000
#: how the workbook treats cell text: never as a formula, link or number (comments are data, see ``_safe``)
_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                     "nan_inf_to_errors": True, "remove_timezone": True, "default_date_format": "yyyy-mm-dd hh:mm:ss"}


class _Formats:
    """The workbook's few cell formats, made once (xlsxwriter stores each format object as a style)."""

    def __init__(self, wb) -> None:
        self.wb = wb
        self.header = wb.add_format({"bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "valign": "top"})
        self.bold = wb.add_format({"bold": True})
        self.one_decimal = wb.add_format({"num_format": "0.0"})
        self.wrap_top = wb.add_format({"text_wrap": True, "valign": "top"})
        self._columns: dict[tuple, object] = {}

    def column(self, num_format: str | None, wide: bool):
        """The format of a data column: its number format, wrapped text for wide text columns."""
        if not num_format and not wide:
            return None
        key = (num_format, wide)
        if key not in self._columns:
            spec = {"num_format": num_format} if num_format else {}
            if wide:
                spec.update(text_wrap=True, valign="top")
            self._columns[key] = self.wb.add_format(spec)
        return self._columns[key]


def write_workbook(result, path: Path) -> Path:
    """Write report.xlsx from an AnalysisResult (see the module docstring for its sheets).

    Written with xlsxwriter: a 30,000-respondent report's raw sheets (~450,000 cells) took ~15 s to build
    and ~20 s to save with openpyxl, which keeps a Python object per cell.
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), _WORKBOOK_OPTIONS)
    fmt = _Formats(wb)
    taken: set[str] = set()
    used_columns: list[str] = []

    def add(title: str, df: pd.DataFrame, *, reserved: bool = True) -> None:
        name = title if reserved else sheet_name(title, taken)
        if reserved:
            taken.add(name.lower())
        _sheet(wb, fmt, name, df, used_columns)

    _summary_sheet(wb, fmt, result, used_columns)
    taken.add("summary")
    prio = table_or_empty(result, "priorities")
    overall = prio[prio[C.SCOPE].astype(str) == "overall"] if C.SCOPE in prio else prio
    add("Priorities", _priority_frame(overall, with_department=True))
    for dept, frame in _departments(result, prio):
        add(dept, _priority_frame(frame, with_department=False), reserved=False)
    add("Call-backs", table_or_empty(result, "callbacks"))
    themes = themes_table(result)
    add("Themes", themes)
    definitions = wb.add_worksheet("Definitions")
    taken.add("definitions")
    for title, name in (("Responses", "responses"), ("Mentions", "mentions"), ("Topics", "topics"),
                        ("Segments", "segments"), ("Waves", "waves"), ("Change", "change")):
        df = table_or_empty(result, name)
        if len(df) > MAX_SHEET_ROWS:
            # a 100k-survey's rows would make the workbook hundreds of MB and minutes to write;
            # the full table is always in the report's CSV of the same name
            df = pd.DataFrame({"note": [f"{len(df):,} rows: see {name}.csv next to this workbook (sheets keep "
                                        f"tables of up to {MAX_SHEET_ROWS:,} rows)."]})
        if name in ("responses", "mentions") or not df.empty:
            add(title, df)
    # Definitions comes before the raw tables but lists their columns too: filled last
    _fill_definitions(definitions, fmt, used_columns)
    wb.close()
    return path


def _departments(result, prio: pd.DataFrame):
    """(department, its priority rows): scope rows when the pipeline wrote them, else by theme department."""
    if C.SCOPE in prio:
        scoped = prio[prio[C.SCOPE].astype(str) != "overall"]
        if not scoped.empty:
            for dept, frame in scoped.groupby(C.SCOPE, sort=True):
                yield str(dept), frame
            return
    if C.DEPARTMENT in prio:
        d = prio[prio[C.DEPARTMENT].notna() & (prio[C.DEPARTMENT].astype(str).str.strip() != "")]
        for dept, frame in d.groupby(C.DEPARTMENT, sort=True):
            yield str(dept), frame


def _priority_frame(p: pd.DataFrame, *, with_department: bool) -> pd.DataFrame:
    p = p.copy()
    for col in (C.OWNER, C.KPI, C.TARGET, C.KPI_BASELINE, C.DEPARTMENT):
        if col not in p:
            p[col] = ""
    if C.KIND in p:
        order = {C.BARRIER: 0, C.DRIVER: 1}
        p = p.assign(_k=p[C.KIND].map(order).fillna(2))
        p = p.sort_values(["_k", C.RANK] if C.RANK in p else ["_k"]).drop(columns="_k")
    cols = [c for c in PRIORITY_COLUMNS if c in p and (with_department or c != C.DEPARTMENT)]
    return p[cols]


def _summary_sheet(wb, fmt: _Formats, result, used_columns: list[str]) -> None:
    summary = table_or_empty(result, "summary")
    ws, nrow, widths = _sheet(wb, fmt, "Summary", summary, used_columns)
    ov = overall_row(result)
    r = nrow + 1  # one empty row after the table (0-based rows)
    facts = []
    if ov is not None:
        facts.append(("NPS", fnum(ov.get(C.NPS)), True))
        facts.append(("Margin ± (95%)", fnum(ov.get(C.MOE)), True))
        facts.append(("Band", ov.get(C.BAND), False))
    industry = (getattr(result, "meta", None) or {}).get("industry")
    if isinstance(industry, dict) and fnum(industry.get("nps")) is not None:
        facts.append((f"Industry average ({industry.get('name')}, indicative)", fnum(industry.get("nps")), True))
    waves = table_or_empty(result, "waves")
    if len(waves) >= 2 and "change" in waves:
        facts.append((f"Change since {waves[C.WAVE].iloc[-2]}", fnum(waves["change"].iloc[-1]), True))
    for kind, title in ((C.BARRIER, "Fix first"), (C.DRIVER, "Protect")):
        for i, it in enumerate(top_themes(result, kind), start=1):
            span = ""
            if it["low"] is not None and it["high"] is not None:
                span = f" ({it['low']:.1f} to {it['high']:.1f})"
            n = f", {int(it['n'])} respondents" if it["n"] is not None else ""
            facts.append((f"{title} {i}", f"{it['label']}: {it['points']:.1f} NPS points{span}{n}", False))
    ws.write(r, 0, "Key facts", fmt.bold)
    for label, value, number in facts:
        r += 1
        ws.write(r, 0, _safe(label), fmt.bold)
        _write(ws, r, 1, _cell_value(_safe(value)), fmt.one_decimal if number else None)
    ws.set_column(0, 0, max(widths[0] if widths else 10, 28))


def _fill_definitions(ws, fmt: _Formats, used: list[str]) -> None:
    ws.write_row(0, 0, ["Column", "Meaning"], fmt.header)
    seen = set()
    r = 0
    for col in used:
        header, meaning = COLUMNS.get(col, (None, None))
        if header is None or (header, meaning) in seen:
            continue
        seen.add((header, meaning))
        r += 1
        ws.write(r, 0, header)
        ws.write(r, 1, meaning, fmt.wrap_top)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 90)
    ws.autofilter(0, 0, max(r, 1), 1)
    ws.freeze_panes(1, 0)


def _human(col) -> str:
    if col in COLUMNS:
        return COLUMNS[col][0]
    s = str(col)
    return s[:1].upper() + s[1:].replace("_", " ") if re.fullmatch(r"[a-z0-9_]+", s) else s


def _safe(v):
    if isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + v
    return v


_WRITABLE = (str, int, float, bool, datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


def _cell_value(v):
    if v is None:
        return None
    if isinstance(v, (float, np.floating)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.tz_localize(None).to_pydatetime() if v.tzinfo else v.to_pydatetime()
    if v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, (list, tuple, set, dict)) or not isinstance(v, _WRITABLE):
        return str(v)
    if isinstance(v, str) and "\r" in v:
        # line breaks as Excel keeps them; a raw CR would be stored as "_x000D_", which readers such as
        # openpyxl and pandas hand back literally
        return v.replace("\r\n", "\n").replace("\r", "\n")
    return v


def _write(ws, row: int, col: int, value, cell_format=None) -> None:
    """One cell; None leaves it empty (with the column's format)."""
    if value is None:
        if cell_format is not None:
            ws.write_blank(row, col, None, cell_format)
        return
    ws.write(row, col, value, cell_format)


def _sheet(wb, fmt: _Formats, name: str, df: pd.DataFrame, used: list[str]):
    """A sheet of ``df``: human headers, column formats, widths, colour scales, filter, frozen header.

    Returns (worksheet, rows written including the header, column widths).
    """
    ws = wb.add_worksheet(name)
    df = df.copy()
    if C.PCT_RESPONDENTS in df:  # 0-100 in the tables, a fraction in the workbook so '0.0%' shows it right
        df[C.PCT_RESPONDENTS] = pd.to_numeric(df[C.PCT_RESPONDENTS], errors="coerce") / 100.0
    raw_cols = list(df.columns)
    used.extend(c for c in raw_cols if c not in used)
    frame = neutralize_formulas(df) if len(df.columns) else df
    headers = [_safe(_human(c)) for c in raw_cols]
    ws.write_row(0, 0, headers, fmt.header)
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        for j, v in enumerate(row):
            v = _cell_value(v)
            if v is not None:
                ws.write(i, j, v)
    ncol, nrow = len(raw_cols), len(frame) + 1
    widths = []
    for j, col in enumerate(raw_cols):
        num = "0.0%" if col in PERCENT else "0.0" if col in ONE_DECIMAL else "0.000" if col == C.P_VALUE else None
        wide = col in WIDE
        lengths = [len(str(v)) for v in frame.iloc[:300, j].tolist() if _cell_value(v) is not None]
        longest = max([len(str(headers[j]))] + lengths)
        width = max(8, min(80 if wide else 40, longest + 2))
        widths.append(width)
        ws.set_column(j, j, width, fmt.column(num, wide))  # cells without a format of their own take it
        if col in COLOUR_SCALE and nrow > 1:
            ws.conditional_format(1, j, nrow - 1, j, {
                "type": "3_color_scale", "min_type": "min", "min_color": "#F8696B", "mid_type": "num",
                "mid_value": 0, "mid_color": "#FFFFFF", "max_type": "max", "max_color": "#63BE7B"})
    if ncol:
        ws.autofilter(0, 0, max(nrow, 2) - 1, ncol - 1)
    ws.freeze_panes(1, 0)
    return ws, nrow, widths
