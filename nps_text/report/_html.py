"""A self-contained HTML report. Every piece of survey text goes through ``esc``."""
from __future__ import annotations

import html
import math
from datetime import datetime, timezone

import pandas as pd

from .. import _columns as C

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1200px;color:#222;
padding:0 1rem}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #eee;padding-bottom:.3rem}
.kpi{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#f6f7f9;border-radius:8px;padding:.8rem 1.2rem;min-width:150px}
.card b{font-size:1.8rem;display:block}.muted{color:#666;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#fafafa;position:sticky;top:0}td.num{text-align:right;white-space:nowrap}
.bar{display:inline-block;height:.8rem;vertical-align:middle}.neg{background:#d9534f}.pos{background:#5cb85c}
.mid{background:#bbb}.stack{display:flex;width:160px;height:.8rem}.ex{color:#444;font-style:italic}
.tag{border-radius:4px;padding:0 .35rem;font-size:.8rem;color:#fff}.tag.driver{background:#5cb85c}
.tag.barrier{background:#d9534f}
"""


def esc(value) -> str:
    """HTML-escape anything (None and NaN become an empty cell)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _num(value, fmt: str = "{:.1f}") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return esc(fmt.format(value))


def _table(df: pd.DataFrame, columns: list[tuple[str, str, str]]) -> str:
    """columns: (column, header, format) with format '' for text, or a format string, or 'pct'."""
    head = "".join(f"<th>{esc(h)}</th>" for _, h, _ in columns)
    body = []
    for _, row in df.iterrows():
        cells = []
        for col, _, fmt in columns:
            v = row.get(col)
            if fmt == "pct":
                cells.append(f'<td class="num">{_num(v * 100 if v is not None else v, "{:.0f}%")}</td>')
            elif fmt == "kind":
                cells.append(f'<td><span class="tag {esc(v)}">{esc(v)}</span></td>')
            elif fmt:
                cells.append(f'<td class="num">{_num(v, fmt)}</td>')
            else:
                cells.append(f"<td>{esc(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _impact_bar(points: float, scale: float) -> str:
    if points is None or (isinstance(points, float) and math.isnan(points)) or not scale:
        return ""
    width = max(1, int(120 * abs(points) / scale))
    cls = "pos" if points > 0 else "neg"
    return f'<span class="bar {cls}" style="width:{width}px"></span> {esc(f"{points:+.1f}")}'


def _group_stack(row) -> str:
    parts = [(row.get(C.SHARE_PROM), "pos"), (row.get(C.SHARE_PASS), "mid"), (row.get(C.SHARE_DETR), "neg")]
    spans = "".join(f'<span class="{cls}" style="width:{(v or 0) * 100:.1f}%"></span>' for v, cls in parts)
    return f'<div class="stack">{spans}</div>'


def render_html(result) -> str:
    """The whole report page as a string."""
    s = result.summary
    overall = s.iloc[0]
    acc = result.accounting
    analysed = int(acc.loc[acc["status"] == C.ANALYSED, "rows"].sum())
    nps_only = int(acc.loc[acc["status"] == C.NPS_ONLY, "rows"].sum())
    excluded = int(acc.loc[acc["status"] == C.EXCLUDED, "rows"].sum())
    topics = result.topics
    scale = topics[C.IMPACT].abs().max() if len(topics) else 1.0
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>NPS text report</title>"
             f"<style>{CSS}</style></head><body>"]
    parts.append(f"<h1>NPS text report</h1><p class='muted'>Source: {esc(result.meta.get('source', ''))} · "
                 f"generated {esc(datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC'))} · "
                 f"embedder {esc(result.meta.get('embedder', ''))}</p>")
    parts.append("<div class='kpi'>"
                 f"<div class='card'>NPS<b>{_num(overall['nps'])}</b>±{_num(overall['moe'])} (95%) · "
                 f"{esc(overall['band'])}</div>"
                 f"<div class='card'>Respondents with a score<b>{int(overall['n'])}</b>"
                 f"{_num(overall['share_promoters'] * 100, '{:.0f}')}% promoters · "
                 f"{_num(overall['share_detractors'] * 100, '{:.0f}')}% detractors</div>"
                 f"<div class='card'>Input rows<b>{len(result.responses)}</b>{analysed} analysed · {nps_only} NPS only"
                 f" · {excluded} excluded</div></div>")
    if overall["nps"] < 30:
        parts.append("<p><b>NPS is below 30</b>: a signal to work on the barriers below.</p>")

    prio = result.priorities
    if "scope" in prio.columns:
        prio = prio[prio["scope"] == "overall"]
    pcols = [("rank", "#", "{:.0f}"), (C.LABEL, "Topic", ""), ("points", "NPS points", "{:.1f}"),
             (C.N_RESPONDENTS, "Respondents", "{:.0f}"), (C.NPS_MENTIONERS, "NPS of mentioners", "{:.0f}"),
             ("department", "Department", ""), ("owner", "Owner", ""), ("kpi", "KPI", "")]
    parts.append("<h2>Priorities</h2><p class='muted'>Barriers: NPS points gained if the mentioners scored like "
                 "everyone else. Drivers: NPS points they hold up.</p>")
    parts.append("<h3>Barriers to fix</h3>" + _table(prio[prio[C.KIND] == C.BARRIER].head(15), pcols))
    parts.append("<h3>Drivers to protect</h3>" + _table(prio[prio[C.KIND] == C.DRIVER].head(15), pcols))

    parts.append("<h2>Topics</h2><p class='muted'>Impact = NPS of all respondents minus NPS without the "
                 "respondents who mention the topic in this direction. Bar: promoters / passives / detractors "
                 "among mentioners.</p><table><thead><tr><th>Topic</th><th>Kind</th><th>Respondents</th>"
                 "<th>Groups</th><th>NPS mentioners</th><th>Impact</th><th>Keywords</th><th>Examples</th>"
                 "</tr></thead><tbody>")
    for _, row in topics.iterrows():
        examples = "<br>".join(f"«{esc(e)}»" for e in str(row[C.EXAMPLES]).split(" | ") if e)
        parts.append(
            f"<tr><td>{esc(row[C.LABEL])}<div class='muted'>{esc(row[C.LANGS])}"
            f"{'' if row.get('scores_agree', True) else ' · scores disagree with the direction'}</div></td>"
            f"<td><span class='tag {esc(row[C.KIND])}'>{esc(row[C.KIND])}</span></td>"
            f"<td class='num'>{int(row[C.N_RESPONDENTS])} ({_num(row[C.PCT_RESPONDENTS], '{:.1f}%')})</td>"
            f"<td>{_group_stack(row)}</td>"
            f"<td class='num'>{_num(row[C.NPS_MENTIONERS], '{:.0f}')} ±{_num(row[C.NPS_MENTIONERS_MOE], '{:.0f}')}"
            f"</td><td class='num'>{_impact_bar(row[C.IMPACT], scale)}</td><td>{esc(row[C.KEYWORDS])}</td>"
            f"<td class='ex'>{examples}</td></tr>")
    parts.append("</tbody></table>")

    parts.append("<h2>NPS by segment and wave</h2>")
    parts.append(_table(s, [("segment", "Segment", ""), ("value", "Value", ""), ("n", "n", "{:.0f}"),
                            ("nps", "NPS", "{:.1f}"), ("moe", "± (95%)", "{:.1f}"),
                            ("share_promoters", "Promoters", "pct"), ("share_passives", "Passives", "pct"),
                            ("share_detractors", "Detractors", "pct"), ("band", "Band", ""), ("flag", "Note", "")]))
    if len(result.trends):
        parts.append("<h2>Trends between waves</h2>")
        parts.append(_table(result.trends, [(C.LABEL, "Topic", ""), (C.KIND, "Kind", "kind"), (C.WAVE, "Wave", ""),
                                            (C.N_RESPONDENTS, "Respondents", "{:.0f}"),
                                            (C.PCT_RESPONDENTS, "% of wave", "{:.1f}"),
                                            (C.NPS_MENTIONERS, "NPS mentioners", "{:.0f}")]))
    cb = result.callbacks
    parts.append(f"<h2>Call-back list</h2><p class='muted'>{len(cb)} detractors; the first 25 are shown, all are in "
                 "callbacks.csv. Contact details in comments are masked: use the respondent id.</p>")
    parts.append(_table(cb.head(25), [(C.RESPONDENT, "Respondent", ""), (C.SCORE, "Score", "{:.0f}"),
                                      (C.WAVE, "Wave", ""), (C.COMMENT, "Comment", ""), ("barriers", "Barriers", "")]))
    parts.append("<h2>Every row accounted for</h2>")
    parts.append(_table(acc, [("status", "Status", ""), ("reason", "Reason", ""), ("rows", "Rows", "{:.0f}")]))
    langs = result.responses[C.LANG].value_counts()
    parts.append("<p class='muted'>Languages of analysed comments: "
                 + esc(", ".join(f"{k} {v}" for k, v in langs.items())) + "</p>")
    warnings_ = result.meta.get("warnings") or []
    if warnings_:
        parts.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{esc(w)}</li>" for w in warnings_) + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)
