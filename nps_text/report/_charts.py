"""Charts as inline SVG built on the server: no library to ship, no network, and they print.

Bar-like charts are HTML rows (label, a small SVG bar, the value) so labels stay readable text at
phone width and wrap; two-dimensional charts (bubbles, waves, heat map) are one SVG each. Every
string that comes from the survey goes through ``esc``.
"""
from __future__ import annotations

import math

import pandas as pd

from .. import _columns as C
from ._util import anchor, esc, fnum, is_true, num

GREEN, RED, GREY, BLUE = "#2e8b57", "#c9403a", "#9aa0a6", "#3b6ea8"
KIND_COLOUR = {C.DRIVER: GREEN, C.BARRIER: RED}


def _bar_svg(marks: str, title: str = "") -> str:
    tip = f"<title>{esc(title)}</title>" if title else ""
    return (f'<svg class="hbar" viewBox="0 0 200 16" preserveAspectRatio="none" role="img" '
            f'aria-label="{esc(title)}">{tip}{marks}</svg>')


def _row(label_html: str, svg: str, value_html: str, cls: str = "") -> str:
    return (f'<div class="hrow {cls}"><div class="hl" dir="auto">{label_html}</div>{svg}'
            f'<div class="hv">{value_html}</div></div>')


def _scale(lo: float, hi: float, width: float = 200.0, pad: float = 4.0):
    """Map [lo, hi] onto [pad, width - pad]."""
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return pad + (v - lo) / span * (width - 2 * pad)

    return x


def _rect(x0: float, x1: float, y: float, h: float, fill: str, opacity: float = 1.0) -> str:
    a, b = sorted((x0, x1))
    return (f'<rect x="{a:.2f}" y="{y:.2f}" width="{max(b - a, 0.6):.2f}" height="{h:.2f}" fill="{fill}" '
            f'fill-opacity="{opacity:.2f}"/>')


def _line(x0, y0, x1, y1, stroke="#333", width=1.0, dash="") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" stroke="{stroke}" '
            f'stroke-width="{width}" vector-effect="non-scaling-stroke"{d}/>')


def impact_chart(themes: pd.DataFrame, tr, *, top: int = 10) -> str:
    """Diverging bars: barriers left of zero, drivers right, 95% intervals as whiskers."""
    if themes is None or themes.empty or C.IMPACT not in themes:
        return ""
    t = themes[themes[C.KIND].isin([C.BARRIER, C.DRIVER])].dropna(subset=[C.IMPACT])
    barriers = t[t[C.KIND] == C.BARRIER].nsmallest(top, C.IMPACT)
    drivers = t[t[C.KIND] == C.DRIVER].nlargest(top, C.IMPACT)
    rows = pd.concat([barriers, drivers])
    if rows.empty:
        return ""
    ends = [rows[C.IMPACT].abs().max()]
    for col in (C.IMPACT_LOW, C.IMPACT_HIGH):
        if col in rows:
            ends.append(rows[col].abs().max())
    m = max(v for v in ends if v == v) or 1.0
    x = _scale(-m, m)
    out = []
    for _, r in rows.iterrows():
        imp = float(r[C.IMPACT])
        low, high = fnum(r.get(C.IMPACT_LOW)), fnum(r.get(C.IMPACT_HIGH))
        opacity = 1.0 if C.SIGNIFICANT not in r or is_true(r.get(C.SIGNIFICANT)) else 0.45
        colour = GREEN if imp >= 0 else RED
        marks = _line(x(0), 0, x(0), 16, "#777") + _rect(x(0), x(imp), 3, 10, colour, opacity)
        interval = ""
        if low is not None and high is not None:
            marks += (_line(x(low), 8, x(high), 8, "#222") + _line(x(low), 5, x(low), 11, "#222")
                      + _line(x(high), 5, x(high), 11, "#222"))
            interval = f' <span class="muted">[{num(low, "{:+.1f}")}, {num(high, "{:+.1f}")}]</span>'
        label = f'<a href="#{anchor(r.get(C.THEME_ID), r[C.KIND])}">{esc(r[C.LABEL])}</a>'
        title = f"{r[C.LABEL]}: {imp:+.1f}"
        out.append(_row(label, _bar_svg(marks, title), f"{num(imp, '{:+.1f}')}{interval}"))
    axis = f'<div class="axis muted">{esc(tr("impact_axis"))}</div>'
    return _figure("impact", tr("impact_chart"), axis + "".join(out))


def bubble_chart(themes: pd.DataFrame, tr, *, overall_nps: float | None = None, labels: int = 8) -> str:
    """Volume (x: % of respondents) against NPS of mentioners (y); bubble area ~ respondents."""
    need = {C.PCT_RESPONDENTS, C.NPS_MENTIONERS, C.N_RESPONDENTS}
    if themes is None or themes.empty or not need <= set(themes.columns):
        return ""
    t = themes.dropna(subset=list(need))
    if t.empty:
        return ""
    w, h, left, right, top, bottom = 640, 400, 52, 20, 16, 46
    xmax = max(float(t[C.PCT_RESPONDENTS].max()) * 1.12, 1.0)
    xs = lambda v: left + v / xmax * (w - left - right)  # noqa: E731
    ys = lambda v: top + (108 - v) / 216 * (h - top - bottom)  # noqa: E731
    nmax = float(t[C.N_RESPONDENTS].max()) or 1.0
    parts = [f'<svg class="chart-svg" viewBox="0 0 {w} {h}" role="img" aria-label="{esc(tr("bubble_chart"))}">']
    for v in (-100, -50, 0, 50, 100):
        parts.append(_line(left, ys(v), w - right, ys(v), "#ddd" if v else "#999"))
        parts.append(f'<text x="{left - 6}" y="{ys(v) + 4:.1f}" text-anchor="end" class="tick">{v}</text>')
    step = _nice_step(xmax)
    v = 0.0
    while v <= xmax + 1e-9:
        parts.append(_line(xs(v), top, xs(v), h - bottom, "#eee"))
        parts.append(f'<text x="{xs(v):.1f}" y="{h - bottom + 16}" text-anchor="middle" class="tick">'
                     f'{v:g}%</text>')
        v += step
    if overall_nps is not None:
        parts.append(_line(left, ys(overall_nps), w - right, ys(overall_nps), "#3b6ea8", 1.2, "5 4"))
        parts.append(f'<text x="{w - right - 4}" y="{ys(overall_nps) - 5:.1f}" text-anchor="end" class="tick" '
                     f'fill="#3b6ea8">NPS {overall_nps:+.1f}</text>')
    parts.append(f'<text x="{(left + w - right) / 2}" y="{h - 8}" text-anchor="middle" class="axis-label">'
                 f'{esc(tr("bubble_x"))}</text>')
    parts.append(f'<text transform="translate(14 {(top + h - bottom) / 2}) rotate(-90)" text-anchor="middle" '
                 f'class="axis-label">{esc(tr("bubble_y"))}</text>')
    t = t.sort_values(C.N_RESPONDENTS, ascending=False)
    placed: list[tuple[float, float, float, float]] = []
    bubbles = []
    for _, r in t.iterrows():
        bx, by = xs(float(r[C.PCT_RESPONDENTS])), ys(float(r[C.NPS_MENTIONERS]))
        br = 4 + 18 * math.sqrt(float(r[C.N_RESPONDENTS]) / nmax)
        bubbles.append((bx - br, by - br, bx + br, by + br))
    for i, (_, r) in enumerate(t.iterrows()):
        cx, cy = xs(float(r[C.PCT_RESPONDENTS])), ys(float(r[C.NPS_MENTIONERS]))
        rad = 4 + 18 * math.sqrt(float(r[C.N_RESPONDENTS]) / nmax)
        colour = KIND_COLOUR.get(r[C.KIND], GREY)
        tip = (f"{r[C.LABEL]} ({tr(str(r[C.KIND]))}): {float(r[C.PCT_RESPONDENTS]):.1f}%, "
               f"NPS {float(r[C.NPS_MENTIONERS]):+.0f}, n={int(r[C.N_RESPONDENTS])}")
        parts.append(f'<a href="#{anchor(r.get(C.THEME_ID), r[C.KIND])}"><circle cx="{cx:.1f}" cy="{cy:.1f}" '
                     f'r="{rad:.1f}" fill="{colour}" fill-opacity="0.55" stroke="{colour}">'
                     f'<title>{esc(tip)}</title></circle></a>')
        if i < labels:
            text = _short(r[C.LABEL])
            others = placed + [b for k, b in enumerate(bubbles) if k != i]
            box = _place_label(cx, cy, rad, len(text) * 6.3, others, w - right, top, h - bottom)
            if box is not None:
                placed.append(box)
                parts.append(f'<text x="{box[0]:.1f}" y="{box[3] - 3:.1f}" class="blabel">{esc(text)}</text>')
    parts.append("</svg>")
    return _figure("bubbles", tr("bubble_chart"), f'<div class="scroll">{"".join(parts)}</div>')


def waves_chart(waves: pd.DataFrame, tr) -> str:
    """NPS per wave with its 95% margin as error bars."""
    if waves is None or waves.empty or C.NPS not in waves:
        return ""
    wv = waves.dropna(subset=[C.NPS]).reset_index(drop=True)
    if wv.empty:
        return ""
    moe = wv[C.MOE].fillna(0) if C.MOE in wv else pd.Series(0.0, index=wv.index)
    lo = float((wv[C.NPS] - moe).min())
    hi = float((wv[C.NPS] + moe).max())
    lo, hi = min(lo, 0.0) - 5, max(hi, 0.0) + 5
    n = len(wv)
    w, h, left, right, top, bottom = max(380, min(900, 110 * n + 90)), 240, 46, 20, 18, 40
    xs = lambda i: left + (i + 0.5) * (w - left - right) / n  # noqa: E731
    ys = lambda v: top + (hi - v) / (hi - lo) * (h - top - bottom)  # noqa: E731
    parts = [f'<svg class="chart-svg" viewBox="0 0 {w} {h}" style="max-width:{w * 1.3:.0f}px" role="img" '
             f'aria-label="{esc(tr("waves_chart"))}">']
    step = _nice_step(hi - lo)
    v = math.ceil(lo / step) * step
    while v <= hi:
        parts.append(_line(left, ys(v), w - right, ys(v), "#999" if abs(v) < 1e-9 else "#e5e5e5"))
        parts.append(f'<text x="{left - 6}" y="{ys(v) + 4:.1f}" text-anchor="end" class="tick">{v:g}</text>')
        v += step
    pts = " ".join(f"{xs(i):.1f},{ys(float(r[C.NPS])):.1f}" for i, r in wv.iterrows())
    parts.append(f'<polyline points="{pts}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
    for i, r in wv.iterrows():
        y, m = float(r[C.NPS]), float(moe.iloc[i])
        parts.append(_line(xs(i), ys(y - m), xs(i), ys(y + m), "#555"))
        parts.append(f'<circle cx="{xs(i):.1f}" cy="{ys(y):.1f}" r="5" fill="{BLUE}">'
                     f'<title>{esc(r[C.WAVE])}: NPS {y:+.1f} ± {m:.1f}</title></circle>')
        parts.append(f'<text x="{xs(i) + 8:.1f}" y="{ys(y) - 6:.1f}" class="blabel">{y:+.1f}</text>')
        parts.append(f'<text x="{xs(i):.1f}" y="{h - bottom + 18}" text-anchor="middle" class="tick">'
                     f'{esc(_short(r[C.WAVE], 14))}</text>')
    parts.append("</svg>")
    return _figure("waves", tr("waves_chart"), "".join(parts))


def waterfall(change: pd.DataFrame, waves: pd.DataFrame | None, tr, *, top: int = 10) -> str:
    """From the previous wave's NPS to the last one's: each theme's contribution, then the rest."""
    if change is None or change.empty or C.TOTAL not in change:
        return ""
    ch = change.copy()
    unexplained = ch[ch[C.LABEL] == C.UNEXPLAINED_LABEL]
    themes = ch[ch[C.LABEL] != C.UNEXPLAINED_LABEL]
    themes = themes.reindex(themes[C.TOTAL].abs().sort_values(ascending=False).index)
    shown, rest = themes.head(top), themes.iloc[top:]
    start = end = None
    start_label, end_label = "", ""
    if waves is not None and len(waves) >= 2 and C.NPS in waves:
        start, end = float(waves[C.NPS].iloc[-2]), float(waves[C.NPS].iloc[-1])
        start_label, end_label = str(waves[C.WAVE].iloc[-2]), str(waves[C.WAVE].iloc[-1])
    base = start if start is not None else 0.0
    steps = [(esc(r[C.LABEL]), float(r[C.TOTAL]), _mix_rate(r, tr), anchor(r.get(C.THEME_ID), r.get(C.KIND)))
             for _, r in shown.iterrows()]
    if len(rest):
        steps.append((esc(f"+{len(rest)}"), float(rest[C.TOTAL].sum()), "", None))
    if len(unexplained):
        steps.append((esc(tr("unexplained")), float(unexplained[C.TOTAL].sum()), "", None))
    cum, spans = base, []
    for label, v, note, anc in steps:
        spans.append((label, cum, cum + v, note, anc))
        cum += v
    if end is None:
        end = cum
    values = [base, end] + [s[1] for s in spans] + [s[2] for s in spans]
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.08, 0.5)
    x = _scale(lo - pad, hi + pad)
    out = []
    if start is not None:
        out.append(_row(f"NPS {esc(start_label)}", _bar_svg(_marker(x(start))), num(start, "{:+.1f}"), "total"))
    for label, a, b, note, anc in spans:
        colour = GREEN if b >= a else RED
        marks = _rect(x(a), x(b), 3, 10, colour) + _line(x(b), 0, x(b), 16, "#999", 1, "2 2")
        label_html = f'<a href="#{anc}">{label}</a>' if anc else label
        out.append(_row(label_html, _bar_svg(marks), f"{num(b - a, '{:+.1f}')}{note}"))
    if start is not None:
        out.append(_row(f"NPS {esc(end_label)}", _bar_svg(_marker(x(end))), num(end, "{:+.1f}"), "total"))
    return _figure("waterfall", tr("waterfall_chart"), "".join(out))


def heatmap(segment_themes: pd.DataFrame, tr, *, top: int = 12) -> str:
    """Segment values (rows) × themes (columns), coloured by the theme's contribution in that segment."""
    need = {C.SEGMENT, C.VALUE, C.LABEL, "contribution"}
    if segment_themes is None or segment_themes.empty or not need <= set(segment_themes.columns):
        return ""
    st = segment_themes.dropna(subset=["contribution"]).copy()
    if st.empty:
        return ""
    st["_row"] = st[C.SEGMENT].astype(str) + ": " + st[C.VALUE].astype(str)
    strength = st.groupby(C.LABEL)["contribution"].apply(lambda s: s.abs().max())
    cols = list(strength.sort_values(ascending=False).index[:top])
    rows = list(dict.fromkeys(st["_row"]))
    m = float(st["contribution"].abs().max()) or 1.0
    cw, ch, left, head = 58, 28, 190, 120
    w, h = left + cw * len(cols) + 100, head + ch * len(rows) + 6
    parts = [f'<svg class="heat-svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
             f'aria-label="{esc(tr("heatmap_chart"))}">']
    for j, label in enumerate(cols):
        cx = left + cw * j + cw / 2
        parts.append(f'<text transform="translate({cx:.1f} {head - 6}) rotate(-40)" class="tick">'
                     f'{esc(_short(label, 22))}<title>{esc(label)}</title></text>')
    cells = {(r["_row"], r[C.LABEL]): r for _, r in st.iterrows()}
    for i, row in enumerate(rows):
        y = head + ch * i
        parts.append(f'<text x="{left - 6}" y="{y + ch / 2 + 4:.1f}" text-anchor="end" class="tick">'
                     f'{esc(_short(row, 28))}<title>{esc(row)}</title></text>')
        for j, label in enumerate(cols):
            x = left + cw * j
            r = cells.get((row, label))
            if r is None:
                parts.append(f'<rect x="{x}" y="{y}" width="{cw - 2}" height="{ch - 2}" fill="#f4f4f4"/>')
                continue
            v = float(r["contribution"])
            sig = is_true(r.get(C.SIGNIFICANT))
            parts.append(f'<rect x="{x}" y="{y}" width="{cw - 2}" height="{ch - 2}" fill="{_diverging(v / m)}">'
                         f'<title>{esc(row)} · {esc(label)}: {v:+.1f}</title></rect>')
            mark = " ●" if sig else ""
            parts.append(f'<text x="{x + (cw - 2) / 2:.1f}" y="{y + ch / 2 + 3:.1f}" text-anchor="middle" '
                         f'class="cell">{v:+.1f}{mark}</text>')
    parts.append("</svg>")
    note = f'<p class="muted">{esc(tr("heatmap_note"))}</p>'
    return _figure("heatmap", tr("heatmap_chart"), f'<div class="scroll">{"".join(parts)}</div>{note}')


def language_chart(responses: pd.DataFrame, tr) -> str:
    """Share of analysed comments per detected language."""
    if responses is None or responses.empty or C.LANG not in responses:
        return ""
    r = responses
    if C.STATUS in r:
        r = r[r[C.STATUS] == C.ANALYSED]
    counts = r[C.LANG].dropna().astype(str)
    counts = counts[counts.str.len() > 0].value_counts()
    if counts.empty:
        return ""
    total = float(counts.sum())
    x = _scale(0, float(counts.max()))
    out = [_row(esc(k), _bar_svg(_rect(x(0), x(v), 3, 10, BLUE), f"{k}: {v}"),
                f"{int(v)} <span class='muted'>({v / total:.0%})</span>") for k, v in counts.items()]
    return _figure("languages", tr("lang_chart"), "".join(out))


def group_bar(shares: tuple[float, float, float], tr) -> str:
    """One stacked bar: promoters / passives / detractors."""
    p, m, d = (float(s) if s == s and s is not None else 0.0 for s in shares)
    x, parts = 0.0, []
    for share, colour in ((p, GREEN), (m, GREY), (d, RED)):
        parts.append(f'<rect x="{x * 200:.2f}" y="0" width="{share * 200:.2f}" height="16" fill="{colour}"/>')
        x += share
    legend = (f'<div class="legend"><span><i style="background:{GREEN}"></i>{esc(tr("promoters"))} {p:.0%}</span>'
              f'<span><i style="background:{GREY}"></i>{esc(tr("passives"))} {m:.0%}</span>'
              f'<span><i style="background:{RED}"></i>{esc(tr("detractors"))} {d:.0%}</span></div>')
    return (f'<div class="groupbar chart" data-chart="groups"><svg viewBox="0 0 200 16" preserveAspectRatio="none" '
            f'role="img" aria-label="{esc(tr("promoters"))} {p:.0%}">{"".join(parts)}</svg>{legend}</div>')


def _place_label(cx, cy, rad, width, placed, xmax, ymin, ymax, height=13.0):
    """A label box (x0, y0, x1, y1) beside a bubble that overlaps no placed label, or None."""
    for dy in (0, -14, 14, -28, 28, -42, 42):
        for side in (1, -1):
            x0 = cx + rad + 3 if side == 1 else cx - rad - 3 - width
            y1 = cy + 4 + dy + 3
            box = (x0, y1 - height, x0 + width, y1)
            if box[0] < 0 or box[2] > xmax + 18 or box[1] < ymin - 12 or box[3] > ymax + 2:
                continue
            if all(box[2] <= p[0] or box[0] >= p[2] or box[3] <= p[1] or box[1] >= p[3] for p in placed):
                return box
    return None


def _figure(key: str, title: str, body: str) -> str:
    return f'<figure class="chart" data-chart="{key}"><figcaption>{esc(title)}</figcaption>{body}</figure>'


def _marker(x: float) -> str:
    """A level on the waterfall: a thick blue tick where the NPS stands."""
    return _rect(x - 1.2, x + 1.2, 0, 16, BLUE) + _line(4, 8, 196, 8, "#c8d6ea", 1, "2 3")


def _mix_rate(r, tr) -> str:
    mix, rate = fnum(r.get(C.MIX)), fnum(r.get(C.RATE))
    if mix is None or rate is None:
        return ""
    return (f' <span class="muted">({esc(tr("mix"))} {num(mix, "{:+.1f}")}, '
            f'{esc(tr("rate"))} {num(rate, "{:+.1f}")})</span>')


def _diverging(v: float) -> str:
    """-1 → red, 0 → white, +1 → green."""
    v = max(-1.0, min(1.0, v))
    target = (46, 139, 87) if v >= 0 else (201, 64, 58)
    a = abs(v)
    r, g, b = (round(255 + (c - 255) * a) for c in target)
    return f"rgb({r},{g},{b})"


def _nice_step(span: float) -> float:
    raw = max(span, 1e-9) / 5
    mag = 10 ** math.floor(math.log10(raw))
    for k in (1, 2, 5, 10):
        if raw <= k * mag:
            return k * mag
    return 10 * mag


def _short(text, n: int = 26) -> str:
    s = str(text)
    return s if len(s) <= n else s[: n - 1] + "…"
