"""The few lines the CLI prints at the end of a run."""
from __future__ import annotations

from pathlib import Path

from .. import _columns as C
from ._html import overall_row, top_themes
from ._util import fnum


def console_summary(result, paths: dict | None = None, *, k: int = 3) -> str:
    """NPS ± margin, the top ``k`` barriers and drivers with points and interval, and where files went.

    Parameters
    ----------
    result : AnalysisResult
    paths : dict of name -> Path, optional
        What ``write_report`` returned; the folder and the main files are listed.
    k : int, default=3

    Returns
    -------
    str, several lines, no trailing newline.
    """
    lines = []
    ov = overall_row(result)
    if ov is not None:
        nps, moe = fnum(ov.get(C.NPS)), fnum(ov.get(C.MOE))
        band = ov.get(C.BAND) if isinstance(ov.get(C.BAND), str) else ""
        head = f"NPS {nps:+.1f}" if nps is not None else "NPS -"
        if moe is not None:
            head += f" ± {moe:.1f}"
        n = fnum(ov.get(C.N))
        if n is not None:
            head += f" (n = {int(n)}"
            head += f", {band})" if band else ")"
        lines.append(head)
    industry = (getattr(result, "meta", None) or {}).get("industry")
    if isinstance(industry, dict) and fnum(industry.get("nps")) is not None:
        lines.append(f"Industry average ({industry.get('name')}, indicative): {fnum(industry.get('nps')):+.0f}")
    for kind, title, verb in ((C.BARRIER, "Fix first", "costs"), (C.DRIVER, "Protect", "holds up")):
        items = top_themes(result, kind, k)
        if not items:
            continue
        lines.append(f"{title}:")
        for i, it in enumerate(items, start=1):
            span = (f" [{it['low']:.1f}, {it['high']:.1f}]"
                    if it["low"] is not None and it["high"] is not None else "")
            n = f", {int(it['n'])} respondents" if it["n"] is not None else ""
            pts = f"{it['points']:.1f}" if it["points"] is not None else "?"
            lines.append(f"  {i}. {it['label']}: {verb} {pts} NPS points{span}{n}")
    if paths:
        files = [Path(p) for p in paths.values() if p is not None]
        if files:
            folder = files[0].parent
            main = [p.name for p in files if p.suffix in (".html", ".xlsx", ".pdf")]
            lines.append(f"Written to {folder}: " + ", ".join(main + [f"{len(files) - len(main)} CSV/other files"]))
    return "\n".join(lines)
