"""Stage 9: the report: HTML page, PDF, CSV tables and an Excel workbook, written atomically."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ._console import console_summary
from ._excel import write_workbook as write_excel
from ._html import charts, esc, render_html
from ._pdf import ReportOutputError, find_chromium, write_pdf
from ._tables import neutralize_formulas, write_csv
from ._util import table_or_empty

__all__ = ["write_report", "write_tables", "render_html", "charts", "esc", "neutralize_formulas", "write_pdf", "console_summary",
           "write_excel", "find_chromium", "ReportOutputError"]

# CSV files other tools read: always written (possibly empty), names fixed
CSV_ALWAYS = ("topics", "priorities", "responses", "summary", "trends", "callbacks", "accounting", "mentions")
# written when the result carries the table and it has rows
CSV_WHEN_PRESENT = ("themes", "segments", "waves", "change")


@contextmanager
def staged(out: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A temporary folder beside ``out`` and a dict key -> file name to fill; on success the named files
    move into ``out`` (created when missing), on an exception nothing in ``out`` changes."""
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=parent))
    try:
        names: dict[str, str] = {}
        yield tmp, names
        out.mkdir(parents=True, exist_ok=True)
        for file_name in names.values():
            os.replace(tmp / file_name, out / file_name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_tables(out_dir, tables: dict[str, pd.DataFrame]) -> dict[str, Path]:
    """Write each table as ``<name>.csv`` into ``out_dir``, all or nothing (as ``write_report``)."""
    out = Path(out_dir)
    with staged(out) as (tmp, names):
        for name, df in tables.items():
            write_csv(df, tmp / f"{name}.csv")
            names[name] = f"{name}.csv"
    return {key: out / file_name for key, file_name in names.items()}


def write_report(result, out_dir, *, excel: bool = True, pdf: bool = False, lang: str | None = None,
                 extra_files: dict[str, str | bytes] | None = None) -> dict[str, Path]:
    """Write report.html, the CSV tables, report.xlsx (and report.pdf) into ``out_dir``, all or nothing.

    Everything is first written into a temporary folder beside ``out_dir``; the files are moved into
    ``out_dir`` only once all of them are written, so a run that fails half-way leaves ``out_dir`` as
    it was (files of an earlier run stay untouched until the new ones replace them).

    Parameters
    ----------
    result : AnalysisResult
    out_dir : str or Path
        Created when missing.
    excel : bool, default=True
        Write report.xlsx.
    pdf : bool, default=False
        Print report.html to report.pdf with headless Chromium. Checked before anything is written:
        without a browser, NPS301 is raised and nothing is written.
    lang : {"en", "ru", "uk", "bg"} or None, default=None
        Language of the report's headings (None: ``result.meta["lang"]``, else English).
    extra_files : dict of file name -> text or bytes, optional
        Further files written in the same transaction (e.g. ``{"taxonomy.yaml": text}``).

    Returns
    -------
    dict of name -> Path: one key per CSV table name, "html", "excel", "pdf" and each extra file name.

    Raises
    ------
    ReportOutputError
        NPS301 (pdf=True, no Chromium), NPS302 (Chromium failed), NPS303 (bad extra file name).
    """
    out = Path(out_dir)
    extra_files = dict(extra_files or {})
    for name in extra_files:
        if not name or Path(name).name != name or name in (".", ".."):
            raise ReportOutputError(f"NPS303: extra file name {name!r} must be a plain file name without a folder.")
    if pdf and find_chromium() is None:
        write_pdf(out / "report.html", out / "report.pdf")  # raises NPS301 with the install hint
    with staged(out) as (tmp, names):
        for name in CSV_ALWAYS:
            df = table_or_empty(result, name)
            if name == "trends" and df.empty:
                df = table_or_empty(result, "theme_waves")
            write_csv(df, tmp / f"{name}.csv")
            names[name] = f"{name}.csv"
        for name in CSV_WHEN_PRESENT:
            df = table_or_empty(result, name)
            if not df.empty:
                write_csv(df, tmp / f"{name}.csv")
                names[name] = f"{name}.csv"
        (tmp / "report.html").write_text(render_html(result, lang=lang), encoding="utf-8")
        names["html"] = "report.html"
        if excel:
            write_excel(result, tmp / "report.xlsx")
            names["excel"] = "report.xlsx"
        if pdf:
            write_pdf(tmp / "report.html", tmp / "report.pdf")
            names["pdf"] = "report.pdf"
        for name, content in extra_files.items():
            target = tmp / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            names[name] = name
    return {key: out / file_name for key, file_name in names.items()}

