"""report.html: one self-contained page a department head reads in ten seconds.

First screen: NPS with margin and band, the promoter/passive/detractor bar, change since the
previous wave, and the three barriers to fix and drivers to protect. Below: charts, priorities
linked to each theme's drill-down (sub-topics and verbatims), tables, call-backs, accounting.

Every piece of survey text goes through ``esc``; the JSON payload goes through ``safe_json``.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from .. import _columns as C
from . import _charts
from ._assets import CSS, JS
from ._i18n import LANGS, flag_text, t
from ._util import anchor, esc, fnum, is_true, num, safe_json, table_or_empty

__all__ = ["render_html", "esc", "top_themes", "segment_columns"]

VERBATIMS_PER_GROUP = 6
CALLBACKS_SHOWN = 25


# ---------------------------------------------------------------------------------------------
# data helpers (also used by the console summary and the workbook)


def overall_row(result) -> pd.Series | None:
    s = table_or_empty(result, "summary")
    if s.empty:
        return None
    if C.SEGMENT in s:
        hit = s[s[C.SEGMENT].astype(str).str.lower() == "overall"]
        if len(hit):
            return hit.iloc[0]
    return s.iloc[0]


def themes_table(result) -> pd.DataFrame:
    """``result.themes``, or the sub-topic table for results made before themes existed."""
    th = table_or_empty(result, "themes")
    return th if not th.empty else table_or_empty(result, "topics")


def overall_priorities(result) -> pd.DataFrame:
    p = table_or_empty(result, "priorities")
    if C.SCOPE in p:
        p = p[p[C.SCOPE].astype(str) == "overall"]
    return p


def top_themes(result, kind: str, k: int = 3) -> list[dict]:
    """The k first priorities of one kind, as dicts: label, theme_id, points, low, high, n, example.

    Points are positive (gained if a barrier is fixed, held up by a driver). Taken from the overall
    priority list when there is one, else from the themes by impact.
    """
    themes = themes_table(result)
    examples = {}
    if not themes.empty and C.EXAMPLES in themes:
        for _, r in themes.iterrows():
            first = str(r[C.EXAMPLES]).split(" | ")[0] if isinstance(r[C.EXAMPLES], str) else ""
            examples[(_key(r.get(C.THEME_ID)), r.get(C.KIND))] = first
    out = []
    p = overall_priorities(result)
    if not p.empty and C.KIND in p and C.POINTS in p:
        p = p[p[C.KIND] == kind]
        p = p.sort_values(C.RANK) if C.RANK in p else p.sort_values(C.POINTS, ascending=False)
        for _, r in p.head(k).iterrows():
            out.append({"label": r.get(C.LABEL), "theme_id": r.get(C.THEME_ID), "kind": kind,
                        "points": fnum(r.get(C.POINTS)), "low": fnum(r.get(C.POINTS_LOW)),
                        "high": fnum(r.get(C.POINTS_HIGH)), "n": fnum(r.get(C.N_RESPONDENTS)),
                        "example": examples.get((_key(r.get(C.THEME_ID)), kind), "")})
        return out
    if themes.empty or C.IMPACT not in themes:
        return out
    th = themes[themes[C.KIND] == kind].dropna(subset=[C.IMPACT])
    th = th.nsmallest(k, C.IMPACT) if kind == C.BARRIER else th.nlargest(k, C.IMPACT)
    sign = -1.0 if kind == C.BARRIER else 1.0
    for _, r in th.iterrows():
        lo, hi = fnum(r.get(C.IMPACT_LOW)), fnum(r.get(C.IMPACT_HIGH))
        bounds = sorted(sign * v for v in (lo, hi)) if lo is not None and hi is not None else [None, None]
        out.append({"label": r.get(C.LABEL), "theme_id": r.get(C.THEME_ID), "kind": kind,
                    "points": sign * float(r[C.IMPACT]), "low": bounds[0], "high": bounds[1],
                    "n": fnum(r.get(C.N_RESPONDENTS)),
                    "example": examples.get((_key(r.get(C.THEME_ID)), kind), "")})
    return out


def segment_columns(result) -> list[str]:
    """Segment columns of ``responses`` (from the segments table, else the summary)."""
    resp = table_or_empty(result, "responses")
    names: list[str] = []
    for table in ("segments", "summary"):
        df = table_or_empty(result, table)
        if C.SEGMENT in df:
            names += [str(s) for s in df[C.SEGMENT].dropna().unique()]
    skip = {"overall", C.WAVE}
    return [s for s in dict.fromkeys(names) if s in resp.columns and s not in skip]


def _key(v) -> str:
    f = fnum(v)
    return str(int(f)) if f is not None and float(f).is_integer() else str(v)


# ---------------------------------------------------------------------------------------------
# page


def render_html(result, *, lang: str | None = None) -> str:
    """The whole report page as one self-contained HTML string.

    Parameters
    ----------
    result : AnalysisResult
        Reads responses, mentions, summary, themes, topics, priorities, segments, segment_themes,
        waves, change, callbacks, accounting and meta; the optional tables may be missing or empty
        and their sections are then left out.
    lang : {"en", "ru", "uk", "bg"} or None, default=None
        Language of the page's headings; None takes ``result.meta["lang"]``, else English.
        Survey text (comments, labels) is shown as it is.
    """
    meta = getattr(result, "meta", None) or {}
    lang = lang or meta.get("lang") or "en"
    if lang not in LANGS:
        lang = "en"
    tr = t(lang)
    themes = themes_table(result)
    waves = table_or_empty(result, "waves")
    segs = segment_columns(result)
    ov = overall_row(result)
    overall_nps = fnum(ov[C.NPS]) if ov is not None else None

    body = [_header(result, meta, tr), _hero(result, ov, waves, meta, tr), _howto(tr)]
    sections = []

    prio = overall_priorities(result)
    if not prio.empty:
        sections.append(("priorities", tr("priorities"), _priorities(prio, tr)))
    charts = _charts.impact_chart(themes, tr) + _charts.bubble_chart(themes, tr, overall_nps=overall_nps)
    if charts:
        sections.append(("impact", tr("at_a_glance"), charts))
    change = table_or_empty(result, "change")
    wave_html = _charts.waves_chart(waves, tr) + _charts.waterfall(change, waves, tr) + _waves_table(waves, tr)
    if wave_html:
        sections.append(("waves", tr("waves"), wave_html))
    seg_html = (_charts.heatmap(table_or_empty(result, "segment_themes"), tr)
                + _segments_table(table_or_empty(result, "segments"), tr))
    if seg_html:
        sections.append(("segments", tr("segments"), seg_html))
    if not themes.empty:
        sections.append(("themes", tr("themes"), _themes_section(result, themes, segs, tr)))
    summary = table_or_empty(result, "summary")
    if len(summary) > 1:
        sections.append(("summary", tr("summary"), _summary_table(summary, tr)))
    lang_html = _charts.language_chart(table_or_empty(result, "responses"), tr)
    if lang_html:
        sections.append(("languages", tr("languages"), lang_html))
    cb = table_or_empty(result, "callbacks")
    if not cb.empty:
        sections.append(("callbacks", tr("callbacks"), _callbacks(cb, segs, tr)))
    acc = table_or_empty(result, "accounting")
    if not acc.empty:
        sections.append(("accounting", tr("accounting"), _accounting(acc, meta, tr)))

    toc = "".join(f'<a href="#s-{key}">{esc(title)}</a>' for key, title, _ in sections)
    body.append(f'<nav class="toc" aria-label="{esc(tr("contents"))}">{toc}</nav>')
    for key, title, html_ in sections:
        body.append(f'<section id="s-{key}"><h2>{esc(title)}</h2>{html_}</section>')

    payload = {"lang": lang, "segments": _segment_options(result, segs)}
    return ("<!doctype html>"
            f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(tr('title'))} · {esc(meta.get('source', ''))}</title>"
            f"<style>{CSS}</style></head><body>{''.join(body)}"
            f'<script type="application/json" id="nps-data">{safe_json(payload)}</script>'
            f"<script>{JS}</script></body></html>")


def _header(result, meta, tr) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    bits = [f"{esc(tr('source'))}: <span dir='auto'>{esc(meta.get('source', ''))}</span>",
            f"{esc(tr('generated'))} {esc(when)}"]
    if meta.get("embedder"):
        bits.append(f"{esc(tr('embedder'))} {esc(meta.get('embedder'))}")
    if meta.get("rows_read") and meta.get("rows_read") != len(result.responses):
        # a report on a sample: its NPS and counts are the sample's, which the reader must see at once
        n, total = f"{len(result.responses):,}", f"{int(meta['rows_read']):,}"
        bits.append(f"<strong>{esc(tr('sample_of', n=n, total=total))}</strong>")
    return f"<header><h1>{esc(tr('title'))}</h1><p class='muted'>{' · '.join(bits)}</p></header>"


def _hero(result, ov, waves, meta, tr) -> str:
    if ov is None:
        return ""
    nps, moe = fnum(ov.get(C.NPS)), fnum(ov.get(C.MOE))
    band = str(ov.get(C.BAND) or "")
    band_cls = {"excellent": "excellent", "good": "good"}.get(band.lower(), "needs")
    card = [f"<div class='muted'>{esc(tr('nps'))}</div>"
            f"<div class='npsval'>{num(nps, '{:+.1f}')} <small>± {num(moe)}</small></div>"
            f"<div class='muted'>{esc(tr('margin'))} · n = {num(ov.get(C.N), '{:.0f}')}</div>"]
    if band:
        card.append(f"<p><span class='band {band_cls}'>{esc(tr(band.lower()))}</span> "
                    f"<span class='muted'>{esc(flag_text(ov.get(C.FLAG), tr))}"
                    "</span></p>")
    industry = meta.get("industry")
    if isinstance(industry, dict) and fnum(industry.get("nps")) is not None and nps is not None:
        ind = fnum(industry.get("nps"))
        cls = "up" if nps >= ind else "down"
        card.append(f"<p class='muted'>{esc(tr('industry', name=industry.get('name', '')))}: "
                    f"{num(ind, '{:+.0f}')} · {esc(tr('vs_industry'))} "
                    f"<span class='{cls}'>{num(nps - ind, '{:+.1f}')}</span></p>")
    card.append(_charts.group_bar((ov.get(C.SHARE_PROM), ov.get(C.SHARE_PASS), ov.get(C.SHARE_DETR)), tr))
    card.append(_change_line(waves, tr))
    left = f"<div class='card'>{''.join(card)}</div>"
    barriers = _sentences(top_themes(result, C.BARRIER), C.BARRIER, tr)
    drivers = _sentences(top_themes(result, C.DRIVER), C.DRIVER, tr)
    right = (f"<div class='card'><h3>{esc(tr('fix_first'))}</h3>{barriers}"
             f"<h3>{esc(tr('protect'))}</h3>{drivers}</div>")
    return f"<div class='hero'>{left}{right}</div>"


def _change_line(waves: pd.DataFrame, tr) -> str:
    if waves is None or len(waves) < 2 or C.NPS not in waves:
        return ""
    last, prev = waves.iloc[-1], waves.iloc[-2]
    ch = fnum(last.get("change"))
    if ch is None:
        a, b = fnum(last.get(C.NPS)), fnum(prev.get(C.NPS))
        ch = None if a is None or b is None else a - b
    if ch is None:
        return ""
    p = fnum(last.get(C.P_VALUE))
    verdict = ""
    if p is not None:
        word = tr("significant_change") if p < 0.05 else tr("not_significant_change")
        verdict = f" <span class='muted'>(p = {num(p, '{:.3f}')}, {esc(word)})</span>"
    cls = "up" if ch >= 0 else "down"
    return (f"<p>{esc(tr('change_since', wave=str(prev.get(C.WAVE))))}: "
            f"<span class='{cls}'>{num(ch, '{:+.1f}')}</span>{verdict}</p>")


def _sentences(items: list[dict], kind: str, tr) -> str:
    if not items:
        return f"<p class='muted'>{esc(tr('no_barriers' if kind == C.BARRIER else 'no_drivers'))}</p>"
    lis = []
    for it in items:
        key = "barrier_sentence" if kind == C.BARRIER else "driver_sentence"
        text = tr(key, points=num(it["points"]), low=num(it["low"]) or "?", high=num(it["high"]) or "?",
                  n=num(it["n"], "{:.0f}"))
        example = f": <q dir='auto'>{esc(it['example'])}</q>" if it.get("example") else ""
        lis.append(f"<li><a href='#{anchor(it['theme_id'], kind)}'><b dir='auto'>{esc(it['label'])}</b></a> "
                   f"{text}{example}</li>")
    return f"<ol class='top3'>{''.join(lis)}</ol>"


def _howto(tr) -> str:
    return (f"<aside class='howto'><b>{esc(tr('how_to_read'))}</b><p>{esc(tr('how_to_read_1'))}</p>"
            f"<p>{esc(tr('how_to_read_2'))}</p></aside>")


# ---------------------------------------------------------------------------------------------
# tables


def _cell_text(v) -> str:
    return f"<td dir='auto'>{esc(v)}</td>"


def _cell_num(v, fmt="{:.1f}") -> str:
    f = fnum(v)
    return f"<td class='num' data-v='{'' if f is None else repr(f)}'>{num(v, fmt)}</td>"


def _cell_interval(lo, hi) -> str:
    if fnum(lo) is None or fnum(hi) is None:
        return "<td class='num'></td>"
    return f"<td class='num' data-v='{fnum(lo)!r}'>{num(lo)} … {num(hi)}</td>"


def _cell_kind(v, tr) -> str:
    return f"<td><span class='tag {esc(v)}'>{esc(tr(str(v)))}</span></td>"


def _table(table_id: str, headers: list[str], rows: list[str], tr, *, filter_box: bool = True) -> str:
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in headers)
    box = (f"<input class='tfilter' type='search' data-for='{table_id}' placeholder='{esc(tr('filter'))}' "
           f"aria-label='{esc(tr('filter'))}'> " if filter_box else "")
    return (f"<div class='noprint muted'>{box}{esc(tr('sort_hint'))}</div><div class='scroll'>"
            f"<table id='{table_id}' class='sortable'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _theme_link(r, kind=None) -> str:
    kind = kind or r.get(C.KIND)
    return (f"<td class='tl' dir='auto'><a href='#{anchor(r.get(C.THEME_ID), kind)}'>{esc(r.get(C.LABEL))}</a>"
            "</td>")


def _priorities(prio: pd.DataFrame, tr) -> str:
    prio = prio.sort_values([C.KIND, C.RANK] if C.RANK in prio else [C.KIND])
    # text columns the pipeline may leave empty (owner is filled in the workbook): shown only when used
    optional = [(col, key) for col, key in ((C.KPI_BASELINE, "kpi_baseline"), (C.DEPARTMENT, "department"),
                                            (C.OWNER, "owner"), (C.KPI, "kpi"), (C.TARGET, "target"))
                if col in prio and prio[col].map(lambda v: isinstance(v, str) and v.strip() != "").any()]
    rows = []
    for _, r in prio.iterrows():
        rows.append("<tr>" + _cell_num(r.get(C.RANK), "{:.0f}") + _cell_kind(r.get(C.KIND), tr) + _theme_link(r)
                    + _cell_num(r.get(C.POINTS)) + _cell_interval(r.get(C.POINTS_LOW), r.get(C.POINTS_HIGH))
                    + _cell_num(r.get(C.N_RESPONDENTS), "{:.0f}")
                    + "".join(_cell_text(r.get(col)) for col, _ in optional) + "</tr>")
    headers = [tr("rank"), tr("kind"), tr("theme"), tr("points"), tr("interval"), tr("respondents_cap"),
               *(tr(key) for _, key in optional)]
    return f"<p class='muted'>{esc(tr('priorities_note'))}</p>" + _table("t-priorities", headers, rows, tr)


def _waves_table(waves: pd.DataFrame, tr) -> str:
    if waves is None or waves.empty:
        return ""
    rows = ["<tr>" + _cell_text(r.get(C.WAVE)) + _cell_num(r.get(C.N), "{:.0f}") + _cell_num(r.get(C.NPS))
            + _cell_num(r.get(C.MOE)) + _cell_num(r.get("change"), "{:+.1f}") + _cell_num(r.get(C.P_VALUE), "{:.3f}")
            + "</tr>" for _, r in waves.iterrows()]
    return _table("t-waves", [tr("wave"), tr("n"), tr("nps"), "±", tr("change"), tr("p_value")], rows, tr,
                  filter_box=False)


def _segments_table(segments: pd.DataFrame, tr) -> str:
    if segments is None or segments.empty:
        return ""
    rows = ["<tr>" + _cell_text(r.get(C.SEGMENT)) + _cell_text(r.get(C.VALUE))
            + _cell_num(r.get(C.N), "{:.0f}") + _cell_num(r.get(C.NPS)) + _cell_num(r.get(C.MOE))
            + _cell_num(r.get(C.P_VALUE), "{:.3f}") + _cell_text(r.get(C.GAP_THEMES)) + "</tr>"
            for _, r in segments.iterrows()]
    headers = [tr("segment"), tr("value"), tr("n"), tr("nps"), "±", tr("p_value"), tr("gap_themes")]
    return _table("t-segments", headers, rows, tr)


def _summary_table(summary: pd.DataFrame, tr) -> str:
    rows = ["<tr>" + _cell_text(r.get(C.SEGMENT)) + _cell_text(r.get(C.VALUE))
            + _cell_num(r.get(C.N), "{:.0f}") + _cell_num(r.get(C.NPS)) + _cell_num(r.get(C.MOE))
            + _cell_num(_pct(r.get(C.SHARE_PROM)), "{:.0f}%") + _cell_num(_pct(r.get(C.SHARE_PASS)), "{:.0f}%")
            + _cell_num(_pct(r.get(C.SHARE_DETR)), "{:.0f}%") + _cell_text(_band(r.get(C.BAND), tr))
            + _cell_text(flag_text(r.get(C.FLAG), tr)) + "</tr>" for _, r in summary.iterrows()]
    headers = [tr("segment"), tr("value"), tr("n"), tr("nps"), "±", tr("promoters"), tr("passives"),
               tr("detractors"), tr("band"), tr("note")]
    return _table("t-summary", headers, rows, tr)


def _band(v, tr) -> str:
    return tr(v.lower()) if isinstance(v, str) and v else ""


def _pct(v):
    f = fnum(v)
    return None if f is None else f * 100


def _callbacks(cb: pd.DataFrame, segs: list[str], tr) -> str:
    shown = cb.head(CALLBACKS_SHOWN)
    extra = [s for s in segs if s in cb.columns][:3]
    rows = []
    for _, r in shown.iterrows():
        cells = (_cell_text(r.get(C.RESPONDENT)) + _cell_num(r.get(C.SCORE), "{:.0f}")
                 + "".join(_cell_text(r.get(s)) for s in extra) + _cell_text(r.get(C.COMMENT))
                 + _cell_text(r.get("barriers")))
        rows.append(f"<tr>{cells}</tr>")
    headers = [tr("respondent"), tr("score"), *extra, tr("comment"), tr("barriers")]
    note = f"<p class='muted'>{esc(tr('callbacks_note', n=len(cb), k=min(len(cb), CALLBACKS_SHOWN)))}</p>"
    return note + _table("t-callbacks", headers, rows, tr)


def _accounting(acc: pd.DataFrame, meta, tr) -> str:
    rows = ["<tr>" + _cell_text(r.get("status")) + _cell_text(r.get("reason"))
            + _cell_num(r.get("rows"), "{:.0f}") + "</tr>" for _, r in acc.iterrows()]
    out = _table("t-accounting", [tr("status"), tr("reason"), tr("rows")], rows, tr, filter_box=False)
    warnings_ = meta.get("warnings") or []
    if warnings_:
        out += (f"<h3>{esc(tr('warnings'))}</h3><ul>"
                + "".join(f"<li dir='auto'>{esc(w)}</li>" for w in warnings_) + "</ul>")
    return out


# ---------------------------------------------------------------------------------------------
# themes and their drill-down


def _themes_section(result, themes: pd.DataFrame, segs: list[str], tr) -> str:
    rows = []
    for _, r in themes.iterrows():
        sig = r.get(C.SIGNIFICANT)
        rows.append("<tr>" + _theme_link(r) + _cell_kind(r.get(C.KIND), tr)
                    + _cell_num(r.get(C.N_RESPONDENTS), "{:.0f}") + _cell_num(r.get(C.PCT_RESPONDENTS), "{:.1f}%")
                    + _cell_num(r.get(C.NPS_MENTIONERS), "{:+.0f}") + _cell_num(r.get(C.IMPACT), "{:+.1f}")
                    + _cell_interval(r.get(C.IMPACT_LOW), r.get(C.IMPACT_HIGH))
                    + _cell_num(r.get(C.KEY_DRIVER), "{:+.1f}")
                    + _cell_text("" if sig is None else tr("yes") if is_true(sig) else tr("no"))
                    + _cell_text(r.get(C.DEPARTMENT)) + "</tr>")
    headers = [tr("theme"), tr("kind"), tr("respondents_cap"), tr("pct_respondents"), tr("nps_mentioners"),
               tr("impact"), tr("interval"), tr("key_driver"), tr("significant"), tr("department")]
    out = [_table("t-themes", headers, rows, tr)]
    verbatims = _verbatim_frame(result, segs)
    by_theme = _rows_by_theme(verbatims)
    topics = table_or_empty(result, "topics")
    has_sub = C.THEME_ID in topics and not topics.empty and topics is not themes
    order = themes.assign(_abs=themes[C.IMPACT].abs() if C.IMPACT in themes else 0)
    order = order.sort_values([C.KIND, "_abs"], ascending=[True, False])
    for _, r in order.iterrows():
        out.append(_drilldown(r, verbatims, topics if has_sub else None, segs, tr, by_theme=by_theme))
    return "".join(out)


def _verbatim_frame(result, segs: list[str]) -> pd.DataFrame:
    """Mentions joined to their response: clause, comment, group, score and segment values."""
    m = table_or_empty(result, "mentions")
    resp = table_or_empty(result, "responses")
    if m.empty or C.ROW not in m or C.ROW not in resp:
        return pd.DataFrame()
    keep = [c for c in (C.ROW, C.COMMENT, C.GROUP, C.SCORE, *segs) if c in resp.columns]
    r = resp[keep].drop_duplicates(C.ROW)
    cols = [c for c in m.columns if c not in keep or c == C.ROW]
    return m[cols].merge(r, on=C.ROW, how="left")


def _rows_by_theme(v: pd.DataFrame) -> dict[str, np.ndarray] | None:
    """Positions of each theme's rows in the verbatim frame, found once (a 100k survey has ~200k mentions
    and ~70 theme rows: comparing every mention's key per row took ~8 s of the report)."""
    if v.empty or C.THEME_ID not in v:
        return None
    keys = v[C.THEME_ID].map(_key).to_numpy(dtype=object)
    return pd.Series(np.arange(len(v))).groupby(keys, sort=False).indices


def _pick_verbatims(v: pd.DataFrame, theme_id, kind, by_theme: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    if v.empty or C.THEME_ID not in v:
        return v
    if by_theme is not None:
        sel = v.iloc[by_theme.get(_key(theme_id), np.zeros(0, dtype=np.int64))]
    else:
        sel = v[v[C.THEME_ID].map(_key) == _key(theme_id)]
    if C.KIND in sel:
        sel = sel[sel[C.KIND].isin([kind, C.NEUTRAL])].copy()
        sel["_own"] = (sel[C.KIND] == kind).astype(int)
        prob = {C.DRIVER: C.P_DRIVER, C.BARRIER: C.P_BARRIER}.get(kind)
        sel["_p"] = sel[prob] if prob in sel else 0.0
        sel = sel.sort_values(["_own", "_p"], ascending=False)
    sel = sel.drop_duplicates(C.ROW)
    if C.GROUP in sel:
        sel = sel.groupby(C.GROUP, sort=False, group_keys=False).head(VERBATIMS_PER_GROUP)
    else:
        sel = sel.head(VERBATIMS_PER_GROUP * 3)
    return sel


def highlight(comment, clause) -> str:
    """The escaped comment with the clause (the matched phrase) inside <mark>; the clause alone if absent."""
    text = "" if comment is None or (isinstance(comment, float) and comment != comment) else str(comment)
    phrase = "" if clause is None or (isinstance(clause, float) and clause != clause) else str(clause).strip()
    if not text:
        return f"<mark>{esc(phrase)}</mark>" if phrase else ""
    if phrase:
        i = text.lower().find(phrase.lower())
        if i >= 0:
            j = i + len(phrase)
            return f"{esc(text[:i])}<mark>{esc(text[i:j])}</mark>{esc(text[j:])}"
    return esc(text)


def _drilldown(r, verbatims: pd.DataFrame, topics: pd.DataFrame | None, segs: list[str], tr, *,
               by_theme: dict[str, np.ndarray] | None = None) -> str:
    kind = r.get(C.KIND)
    aid = anchor(r.get(C.THEME_ID), kind)
    summary = (f"<summary><span class='tag {esc(kind)}'>{esc(tr(str(kind)))}</span> <span dir='auto'>"
               f"{esc(r.get(C.LABEL))}</span> <span class='muted'>· {num(r.get(C.IMPACT), '{:+.1f}')} · "
               f"n = {num(r.get(C.N_RESPONDENTS), '{:.0f}')}</span></summary>")
    parts = [summary]
    if isinstance(r.get(C.KEYWORDS), str) and r.get(C.KEYWORDS):
        parts.append(f"<p class='muted'>{esc(tr('keywords'))}: <span dir='auto'>{esc(r.get(C.KEYWORDS))}</span></p>")
    if topics is not None:
        sub = topics[(topics[C.THEME_ID].map(_key) == _key(r.get(C.THEME_ID)))]
        if C.KIND in sub:
            sub = sub[sub[C.KIND] == kind]
        if len(sub):
            rows = ["<tr>" + _cell_text(s.get(C.LABEL)) + _cell_num(s.get(C.N_RESPONDENTS), "{:.0f}")
                    + _cell_num(s.get(C.NPS_MENTIONERS), "{:+.0f}") + _cell_num(s.get(C.IMPACT), "{:+.1f}")
                    + _cell_interval(s.get(C.IMPACT_LOW), s.get(C.IMPACT_HIGH)) + "</tr>"
                    for _, s in sub.iterrows()]
            parts.append(f"<h3>{esc(tr('subtopics'))}</h3>")
            parts.append(_table(f"t-sub-{aid}", [tr("theme"), tr("respondents_cap"), tr("nps_mentioners"),
                                                 tr("impact"), tr("interval")], rows, tr, filter_box=False))
    picked = _pick_verbatims(verbatims, r.get(C.THEME_ID), kind, by_theme)
    if len(picked):
        lis = []
        for _, v in picked.iterrows():
            group = v.get(C.GROUP) if isinstance(v.get(C.GROUP), str) else ""
            seg_vals = [f"{s}: {v.get(s)}" for s in segs if isinstance(v.get(s), str) or fnum(v.get(s)) is not None]
            meta_bits = " · ".join(esc(x) for x in [v.get(C.LANG) if isinstance(v.get(C.LANG), str) else "",
                                                    *seg_vals] if x)
            lis.append(f"<li data-group='{esc(group)}' data-seg='{esc(json.dumps(seg_vals, ensure_ascii=False))}'>"
                       f"<span class='score {esc(group)}' title='{esc(tr(group + 's') if group else '')}'>"
                       f"{num(v.get(C.SCORE), '{:.0f}')}</span><q dir='auto'>"
                       f"{highlight(v.get(C.COMMENT), v.get(C.CLAUSE))}</q> "
                       f"<span class='muted'>{meta_bits}</span></li>")
        options = "".join(f"<option value='{g}'>{esc(tr(g + 's'))}</option>"
                          for g in (C.PROMOTER, C.PASSIVE, C.DETRACTOR))
        parts.append(f"<h3>{esc(tr('verbatims'))}</h3>"
                     f"<div class='vf' data-for='v-{aid}'>"
                     f"<select class='vgroup' aria-label='{esc(tr('promoters'))}'>"
                     f"<option value=''>{esc(tr('all'))}</option>{options}</select>"
                     f"<select class='vseg' aria-label='{esc(tr('segment'))}'>"
                     f"<option value=''>{esc(tr('all_segments'))}</option></select></div>"
                     f"<ul class='verb' id='v-{aid}'>{''.join(lis)}</ul>"
                     f"<p class='empty muted'>{esc(tr('no_comments'))}</p>")
    elif isinstance(r.get(C.EXAMPLES), str) and r.get(C.EXAMPLES):
        parts.append(f"<h3>{esc(tr('examples'))}</h3><ul class='verb'>"
                     + "".join(f"<li><q dir='auto'>{esc(e)}</q></li>" for e in r[C.EXAMPLES].split(" | ") if e)
                     + "</ul>")
    return f"<details class='theme' id='{aid}'>{''.join(parts)}</details>"


def _segment_options(result, segs: list[str]) -> list[str]:
    resp = table_or_empty(result, "responses")
    out = []
    for s in segs:
        vals = resp[s].dropna().astype(str).unique()
        out += [f"{s}: {v}" for v in sorted(vals)[:50]]
    return out


def charts(result, *, lang: str | None = None) -> dict[str, str]:
    """The report's charts as self-contained HTML fragments (with the page's CSS), for notebooks.

    Keys: impact, bubble, waves, waterfall, heatmap, languages; a chart whose
    table is empty is left out. In Jupyter: ``IPython.display.HTML(charts(result)["impact"])``.
    """
    from ._assets import CSS

    meta = getattr(result, "meta", None) or {}
    lang = lang or meta.get("lang") or "en"
    tr = t(lang if lang in LANGS else "en")
    themes = themes_table(result)
    waves = table_or_empty(result, "waves")
    ov = overall_row(result)
    parts = {
        "impact": _charts.impact_chart(themes, tr),
        "bubble": _charts.bubble_chart(themes, tr, overall_nps=fnum(ov[C.NPS]) if ov is not None else None),
        "waves": _charts.waves_chart(waves, tr),
        "waterfall": _charts.waterfall(table_or_empty(result, "change"), waves, tr),
        "heatmap": _charts.heatmap(table_or_empty(result, "segment_themes"), tr),
        "languages": _charts.language_chart(table_or_empty(result, "responses"), tr),
    }
    return {k: f"<div class='nps-report'><style>{CSS}</style>{v}</div>" for k, v in parts.items() if v}
