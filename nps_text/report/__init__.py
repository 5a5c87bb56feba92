"""Stage 9: the report: HTML page, CSV tables and an Excel workbook."""
from __future__ import annotations

from pathlib import Path

from ._html import esc, render_html
from ._tables import neutralise_formulas, write_csv, write_excel

__all__ = ["write_report", "render_html", "esc", "neutralise_formulas"]


def write_report(result, out_dir, *, excel: bool = True) -> dict[str, Path]:
    """Write report.html, topics/priorities/responses/summary/trends/callbacks/accounting CSVs and report.xlsx."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "topics": result.topics, "priorities": result.priorities, "responses": result.responses,
        "summary": result.summary, "trends": result.trends, "callbacks": result.callbacks,
        "accounting": result.accounting, "mentions": result.mentions,
    }
    paths = {name: write_csv(df, out / f"{name}.csv") for name, df in tables.items()}
    html_path = out / "report.html"
    html_path.write_text(render_html(result), encoding="utf-8")
    paths["html"] = html_path
    if excel:
        paths["excel"] = write_excel(tables, out / "report.xlsx")
    return paths
