"""The report stage on a hand-built AnalysisResult (no embedding, no pipeline): HTML, workbook, files."""
from __future__ import annotations

import json
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from nps_text import _columns as C
from nps_text.report import (ReportOutputError, console_summary, esc, render_html, write_excel, write_pdf,
                             write_report)
from nps_text.report import _html, _pdf
from nps_text.report._excel import sheet_name
from nps_text.report._util import safe_json

XSS = "<script>alert(1)</script> the app crashes"
CLOSE = "</script><script>alert(2)</script>"
RTL_AR = "التطبيق بطيء جدا"
RTL_HE = "השירות מצוין"
EMOJI = "love it 😍🚀 great support"

THEMES = [  # label, kind, department, phrases (the clause of a mention)
    ("Slow app", C.BARRIER, "Network/IT [core]", ["the app is slow", RTL_AR, "app crashes"]),
    ("Billing errors", C.BARRIER, "Billing: payments & refunds department", ["wrong bill", "charged twice"]),
    ("Long waits on the phone", C.BARRIER, "Customer Care", ["waited an hour", "nobody answers"]),
    ("Rude staff <b>", C.BARRIER, "Customer Care", ["rude operator", CLOSE]),
    ("Friendly support", C.DRIVER, "Customer Care", ["great support", RTL_HE]),
    ("Fast internet", C.DRIVER, "Network/IT [core]", ["fast internet", "love it"]),
    ("Good price", C.DRIVER, "Sales", ["good price", "cheap"]),
    ("Easy setup", C.DRIVER, "Sales", ["easy setup", "installed in minutes"]),
]


def _nps(scores) -> float:
    s = np.asarray(scores)
    return float(100 * ((s >= 9).mean() - (s <= 6).mean())) if len(s) else float("nan")


def make_result(*, waves=True, segments=True, n=160, seed=7):
    """A realistic AnalysisResult-like object with every table of the new contract filled by hand."""
    rng = np.random.default_rng(seed)
    rows = np.arange(1, n + 1)
    score = rng.integers(0, 11, n)
    group = np.where(score >= 9, C.PROMOTER, np.where(score >= 7, C.PASSIVE, C.DETRACTOR))
    region = rng.choice(["North", "South", "=cmd|evil"], n, p=[0.5, 0.45, 0.05])
    plan = rng.choice(["Basic", "Premium"], n)
    wave = np.where(rows <= n // 2, "2024-Q1", "2024-Q2")
    theme_of = []
    comments, clauses, langs = [], [], []
    for i in range(n):
        k = int(rng.integers(0, 4)) if score[i] <= 6 else int(rng.integers(4, 8))
        label, kind, dept, phrases = THEMES[k]
        phrase = phrases[int(rng.integers(0, len(phrases)))]
        theme_of.append(k)
        clauses.append(phrase)
        comments.append(f"Well, {phrase}. Otherwise fine.")
        langs.append("ar" if phrase == RTL_AR else "he" if phrase == RTL_HE else "en")
    comments[0], clauses[0] = XSS, "the app crashes"
    theme_of[0] = 0
    comments[1] = f"{EMOJI} {'x' * 120}"
    clauses[1] = "great support"
    theme_of[1] = 4
    score[1], group[1] = 10, C.PROMOTER
    responses = pd.DataFrame({
        C.ROW: rows, C.RESPONDENT: [f"R{r:04d}" for r in rows], C.SCORE: score, C.SCORE10: score,
        C.GROUP: group, C.COMMENT: comments, C.STATUS: C.ANALYSED, C.REASON: "", C.WAVE: wave,
        C.DATE: pd.date_range("2024-01-01", periods=n, freq="D", tz="UTC"), "region": region, "plan": plan,
        C.LANG: langs, C.LANG_CONF: 0.9, C.N_CLAUSES: 2, C.TOPICS: [THEMES[k][0] for k in theme_of]})
    responses.loc[n - 3:, C.STATUS] = C.NPS_ONLY
    responses.loc[n - 3:, C.COMMENT] = ""
    mentions = pd.DataFrame({
        C.RESPONDENT: responses[C.RESPONDENT], C.ROW: rows, C.CLAUSE_NO: 1, C.CLAUSE: clauses, C.LANG: langs,
        C.TOPIC_ID: [2 * k + (i % 2) for i, k in enumerate(theme_of)], C.THEME_ID: theme_of,
        C.LABEL: [f"{THEMES[k][0]} / sub {i % 2}" for i, k in enumerate(theme_of)],
        C.THEME_LABEL: [THEMES[k][0] for k in theme_of], C.KIND: [THEMES[k][1] for k in theme_of],
        C.P_DRIVER: 0.5, C.P_BARRIER: 0.4, C.P_NEUTRAL: 0.1})
    mentions.loc[5, C.KIND] = C.NEUTRAL
    overall = _nps(score)

    def theme_row(idx, mask, extra):
        s = score[mask]
        without = _nps(score[~mask])
        impact = overall - without
        label, kind, dept, phrases = THEMES[idx]
        return {C.THEME_ID: idx, C.LABEL: label, C.KIND: kind, C.N_RESPONDENTS: int(mask.sum()),
                C.PCT_RESPONDENTS: 100 * mask.mean(), C.SHARE_PROM: (s >= 9).mean(),
                C.SHARE_PASS: ((s >= 7) & (s <= 8)).mean(), C.SHARE_DETR: (s <= 6).mean(),
                C.NPS_MENTIONERS: _nps(s), C.IMPACT: impact, C.IMPACT_LOW: impact - 3.1, C.IMPACT_HIGH: impact + 2.9,
                C.SIGNIFICANT: bool(abs(impact) > 3.0), C.KEY_DRIVER: impact * 0.8,
                C.KEY_DRIVER_LOW: impact * 0.8 - 2, C.KEY_DRIVER_HIGH: impact * 0.8 + 2, C.DEPARTMENT: dept,
                C.EXAMPLES: " | ".join(f"Well, {p}." for p in phrases), C.KEYWORDS: ", ".join(phrases[:2]),
                C.N_TOPICS: 2, **extra}
    tof = np.array(theme_of)
    themes = pd.DataFrame([theme_row(k, tof == k, {}) for k in range(8)])
    topics = pd.DataFrame([theme_row(k, (tof == k) & (rows % 2 == j), {C.TOPIC_ID: 2 * k + j})
                           | {C.LABEL: f"{THEMES[k][0]} / sub {j}"} for k in range(8) for j in (0, 1)])
    prio = []
    for scope in ["overall", *sorted({t[2] for t in THEMES})]:
        sel = themes if scope == "overall" else themes[themes[C.DEPARTMENT] == scope]
        for kind in (C.BARRIER, C.DRIVER):
            part = sel[sel[C.KIND] == kind].assign(points=lambda d: d[C.IMPACT].abs())
            part = part.sort_values(C.POINTS, ascending=False)
            for rank, (_, r) in enumerate(part.iterrows(), start=1):
                prio.append({C.RANK: rank, C.SCOPE: scope, C.KIND: kind, C.THEME_ID: r[C.THEME_ID],
                             C.LABEL: r[C.LABEL], C.POINTS: r[C.POINTS], C.POINTS_LOW: r[C.POINTS] - 2.5,
                             C.POINTS_HIGH: r[C.POINTS] + 2.5, C.N_RESPONDENTS: r[C.N_RESPONDENTS],
                             C.KPI_BASELINE: f"share of detractors mentioning it: {r[C.SHARE_DETR]:.1%}",
                             C.DEPARTMENT: r[C.DEPARTMENT], C.OWNER: "", C.KPI: "", C.TARGET: ""})
    priorities = pd.DataFrame(prio)

    def summary_row(seg, val, s):
        return {C.SEGMENT: seg, C.VALUE: val, C.N: len(s), "promoters": int((s >= 9).sum()),
                "passives": int(((s >= 7) & (s <= 8)).sum()), "detractors": int((s <= 6).sum()),
                C.SHARE_PROM: (s >= 9).mean(), C.SHARE_PASS: ((s >= 7) & (s <= 8)).mean(),
                C.SHARE_DETR: (s <= 6).mean(), C.NPS: _nps(s), C.MOE: 14.2, C.BAND: "needs action",
                C.FLAG: "below 30: work on it"}
    summary = [summary_row("overall", "all", score)]
    for seg, col in (("region", region), ("plan", plan), (C.WAVE, wave)):
        summary += [summary_row(seg, v, score[col == v]) for v in sorted(set(col))]
    result = SimpleNamespace(
        responses=responses, mentions=mentions, summary=pd.DataFrame(summary), themes=themes, topics=topics,
        priorities=priorities,
        callbacks=responses[responses[C.GROUP] == C.DETRACTOR][[C.RESPONDENT, C.SCORE, C.WAVE, C.COMMENT,
                                                                "region"]].assign(barriers="Slow app"),
        accounting=pd.DataFrame({"status": [C.ANALYSED, C.NPS_ONLY], "reason": ["", "no comment"],
                                 "rows": [n - 3, 3]}),
        meta={"source": "survey <2024>.csv", "embedder": "test", "warnings": ["NPS150: <i>3</i> rows skipped"],
              "label_lang": "en", "lang": "en", "industry": {"name": "telecom", "nps": 31.0}, "timings": {}})
    if segments:
        result.segments = pd.DataFrame([{C.SEGMENT: seg, C.VALUE: v, C.N: int((col == v).sum()),
                                         C.NPS: _nps(score[col == v]), C.MOE: 15.0, C.P_VALUE: 0.04 if v == "North"
                                         else 0.5, C.GAP_THEMES: "Slow app; Billing errors"}
                                        for seg, col in (("region", region), ("plan", plan)) for v in sorted(set(col))])
        result.segment_themes = pd.DataFrame([{C.SEGMENT: s[C.SEGMENT], C.VALUE: s[C.VALUE], C.THEME_ID: k,
                                               C.LABEL: THEMES[k][0], "contribution": float(rng.normal(0, 4)),
                                               C.SIGNIFICANT: bool(k % 3 == 0)}
                                              for _, s in result.segments.iterrows() for k in range(8)])
    if waves:
        a, b = _nps(score[wave == "2024-Q1"]), _nps(score[wave == "2024-Q2"])
        result.waves = pd.DataFrame({C.WAVE: ["2024-Q1", "2024-Q2"], C.N: [n // 2, n - n // 2], C.NPS: [a, b],
                                     C.MOE: [18.0, 18.5], "change": [np.nan, b - a], C.P_VALUE: [np.nan, 0.21]})
        result.theme_waves = pd.DataFrame([{C.THEME_ID: k, C.LABEL: THEMES[k][0], C.KIND: THEMES[k][1], C.WAVE: w,
                                            C.PCT_RESPONDENTS: 10.0 + k, C.IMPACT: -2.0 + k / 2}
                                           for k in range(8) for w in ("2024-Q1", "2024-Q2")])
        totals = rng.normal(0, 2, 8)
        change = pd.DataFrame({C.THEME_ID: list(range(8)), C.LABEL: [t[0] for t in THEMES],
                               C.MIX: totals / 2, C.RATE: totals / 2, C.TOTAL: totals})
        rest = (b - a) - totals.sum()
        result.change = pd.concat([change, pd.DataFrame([{C.THEME_ID: np.nan, C.LABEL: C.UNEXPLAINED_LABEL,
                                                          C.MIX: 0.0, C.RATE: rest, C.TOTAL: rest}])],
                                  ignore_index=True)
    return result


@pytest.fixture(scope="module")
def result():
    return make_result()


@pytest.fixture(scope="module")
def page(result):
    return render_html(result)


def _sections(html: str) -> set[str]:
    return set(re.findall(r"<section id='?\"?s-([a-z]+)", html))


# ------------------------------------------------------------------ HTML


def test_survey_text_is_escaped(page):
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Rude staff <b>" not in page and "Rude staff &lt;b&gt;" in page
    assert "<i>3</i>" not in page
    assert "survey &lt;2024&gt;.csv" in page
    # the only script elements are the report's own two
    assert page.count("<script") == 2
    assert page.count("</script>") == 2


def test_json_payload_cannot_close_its_script_tag():
    payload = safe_json({"s": [CLOSE, "a & b", "line\u2028sep"]})
    assert "<" not in payload and ">" not in payload and "&" not in payload and "\u2028" not in payload
    assert json.loads(payload) == {"s": [CLOSE, "a & b", "line\u2028sep"]}


def test_first_screen_has_nps_band_industry_change_and_top3(result, page):
    hero = page[page.index("class='hero'"): page.index("class='howto'")]
    nps = _html.overall_row(result)[C.NPS]
    assert f"{nps:+.1f}".replace("-", "\u2212") in hero
    assert "Industry average (telecom, indicative)" in hero
    assert "Change since 2024-Q1" in hero and "p = 0.210" in hero
    assert hero.count("<li>") == 6  # three barriers, three drivers
    top = result.priorities.query("scope == 'overall' and kind == 'barrier'").sort_values("rank").iloc[0]
    assert esc(top[C.LABEL]) in hero
    assert "costs" in hero and "holds up" in hero


def test_all_sections_and_charts_present(page):
    assert {"priorities", "impact", "waves", "segments", "themes", "languages", "callbacks",
            "accounting"} <= _sections(page)
    for chart in ("impact", "bubbles", "waves", "waterfall", "heatmap", "languages", "groups"):
        assert f'data-chart="{chart}"' in page, chart
    assert '<meta name="viewport"' in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_sections_are_omitted_when_tables_are_empty_or_missing():
    bare = make_result(waves=False, segments=False)
    html = render_html(bare)
    assert "waves" not in _sections(html) and "segments" not in _sections(html)
    assert 'data-chart="waterfall"' not in html and 'data-chart="heatmap"' not in html
    assert "Change since" not in html
    bare.waves, bare.segments, bare.change = pd.DataFrame(), pd.DataFrame(), pd.DataFrame()
    html = render_html(bare)
    assert "waves" not in _sections(html) and "segments" not in _sections(html)
    assert "themes" in _sections(html)


def test_drilldown_has_subtopics_verbatims_with_highlight_and_filters(result, page):
    anchor = "theme-0-barrier"
    start = page.index(f"id='{anchor}'")
    block = page[start: page.index("</details>", start)]
    assert "Slow app / sub 0" in block and "Slow app / sub 1" in block
    assert "<mark>the app crashes</mark>" in block           # the clause inside the escaped full comment
    assert "&lt;script&gt;alert(1)&lt;/script&gt; " in block
    assert "class='vgroup'" in block and "class='vseg'" in block
    assert "data-group='detractor'" in block
    assert f"href='#{anchor}'" in page                         # priorities and first screen link to it
    assert 'dir="auto"' in page or "dir='auto'" in page
    payload = json.loads(re.search(r'id="nps-data">(.*?)</script>', page).group(1))
    assert "region: North" in payload["segments"]


def test_rtl_and_emoji_text_reach_the_page(page):
    assert RTL_AR in page and RTL_HE in page and "😍🚀" in page


def test_highlight_escapes_around_the_match():
    out = _html.highlight("a <b>slow</b> app", "<b>slow</b>")
    assert out == "a <mark>&lt;b&gt;slow&lt;/b&gt;</mark> app"
    assert _html.highlight("nothing here", "absent") == "nothing here"


@pytest.mark.parametrize("lang, heading", [("ru", "Исправить в первую очередь"), ("uk", "Виправити насамперед"),
                                           ("bg", "Поправете първо"), ("en", "Fix first")])
def test_headings_follow_the_report_language(result, lang, heading):
    html = render_html(result, lang=lang)
    assert heading in html and f'<html lang="{lang}">' in html


def test_every_language_has_every_key():
    from nps_text.report._i18n import STRINGS
    for lang, table in STRINGS.items():
        assert set(table) == set(STRINGS["en"]), lang


# ------------------------------------------------------------------ workbook


@pytest.fixture(scope="module")
def workbook(result, tmp_path_factory):
    import openpyxl
    path = write_excel(result, tmp_path_factory.mktemp("xl") / "report.xlsx")
    return openpyxl.load_workbook(path)


def test_workbook_sheet_order(workbook):
    names = workbook.sheetnames
    depts = [n for n in names[2:] if n not in ("Call-backs",)][:4]
    assert names[:2] == ["Summary", "Priorities"]
    assert names[2:6] == depts and len(depts) == 4
    assert names[6:] == ["Call-backs", "Themes", "Definitions", "Responses", "Mentions", "Topics", "Segments",
                         "Waves", "Change"]
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    assert "Network_IT _core_" in names
    assert any(n.startswith("Billing_ payments") for n in names)


def _headers(ws):
    return [c.value for c in ws[1]]


def test_workbook_formats_filters_and_frozen_panes(workbook, result):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(c.font.bold for c in ws[1] if c.value is not None), ws.title
    themes = workbook["Themes"]
    h = _headers(themes)
    assert "NPS of mentioners" in h and "nps_mentioners" not in h
    pct = themes.cell(2, h.index("% of respondents") + 1)
    assert pct.number_format == "0.0%"
    assert pct.value == pytest.approx(result.themes[C.PCT_RESPONDENTS].iloc[0] / 100)
    assert themes.cell(2, h.index("Promoters") + 1).number_format == "0.0%"
    assert themes.cell(2, h.index("Impact") + 1).number_format == "0.0"
    assert themes.column_dimensions["A"].width >= 8
    ex = h.index("Examples") + 1
    assert themes.cell(2, ex).alignment.wrap_text
    rules = [str(r.sqref) for r in themes.conditional_formatting]
    letter = themes.cell(1, h.index("Impact") + 1).column_letter
    assert any(r.startswith(letter + "2") for r in rules)
    prio = workbook["Priorities"]
    ph = _headers(prio)
    assert ph[:3] == ["Rank", "Kind", "Theme"] and {"Owner", "KPI", "KPI baseline", "Target"} <= set(ph)
    assert prio.cell(2, ph.index("NPS points") + 1).number_format == "0.0"
    assert prio.max_row - 1 == int((result.priorities[C.SCOPE] == "overall").sum())


def test_department_sheets_hold_their_barriers_then_drivers(workbook, result):
    ws = workbook["Customer Care"]
    h = _headers(ws)
    kinds = [ws.cell(r, h.index("Kind") + 1).value for r in range(2, ws.max_row + 1)]
    labels = {ws.cell(r, h.index("Theme") + 1).value for r in range(2, ws.max_row + 1)}
    assert kinds == ["barrier", "barrier", "driver"]
    assert labels == {"Long waits on the phone", "Rude staff <b>", "Friendly support"}
    assert "Department" not in h and {"Owner", "KPI", "Target"} <= set(h)


def test_workbook_neutralizes_formulas(workbook):
    values = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert "'=cmd|evil" in values
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate)


def test_definitions_explain_the_columns(workbook):
    ws = workbook["Definitions"]
    defs = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, ws.max_row + 1)}
    assert "do not add up" in defs["NPS points"]
    assert {"Impact", "% of respondents", "Key-driver estimate", "Comment"} <= set(defs)


def test_sheet_names_are_valid_and_unique():
    taken = {"summary"}
    names = [sheet_name(x, taken) for x in ["a/b", "a/b", "x" * 40, "Summary", "'quoted'", "", "A?B*C:[D]"]]
    assert names[0] == "a_b" and names[1] == "a_b (2)"
    assert len(names[2]) == 31 and names[3] == "Summary (2)" and names[4] == "quoted"
    assert names[5] == "Department" and names[6] == "A_B_C__D_"
    assert len({n.lower() for n in names}) == len(names)


# ------------------------------------------------------------------ files


def test_write_report_writes_every_file(result, tmp_path):
    paths = write_report(result, tmp_path / "out", extra_files={"taxonomy.yaml": "themes: []\n"})
    names = {p.name for p in (tmp_path / "out").iterdir()}
    expected = {f"{n}.csv" for n in ("topics", "priorities", "responses", "summary", "trends", "callbacks",
                                     "accounting", "mentions", "themes", "segments", "waves", "change")}
    assert expected | {"report.html", "report.xlsx", "taxonomy.yaml"} == names
    assert paths["html"] == tmp_path / "out" / "report.html"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.tmp-")]
    change = pd.read_csv(paths["change"], encoding="utf-8-sig")
    waves = result.waves
    assert change[C.TOTAL].sum() == pytest.approx(waves[C.NPS].iloc[1] - waves[C.NPS].iloc[0], abs=1e-3)
    assert pd.read_csv(paths["trends"], encoding="utf-8-sig").shape[0] == 16  # from theme_waves


def test_write_report_is_all_or_nothing(result, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("old report", encoding="utf-8")
    from nps_text import report as report_pkg

    def broken(*args, **kwargs):
        raise RuntimeError("rendering failed midway")

    monkeypatch.setattr(report_pkg, "write_excel", broken)  # after the CSVs and the HTML are written
    with pytest.raises(RuntimeError, match="rendering failed midway"):
        write_report(result, out)
    assert [p.name for p in out.iterdir()] == ["report.html"]
    assert (out / "report.html").read_text(encoding="utf-8") == "old report"
    assert not [p for p in tmp_path.iterdir() if p.name != "out"]
    assert not (tmp_path / "fresh").exists()
    with pytest.raises(RuntimeError):
        write_report(result, tmp_path / "fresh")
    assert not (tmp_path / "fresh").exists()


def test_extra_file_names_must_be_plain(result, tmp_path):
    with pytest.raises(ReportOutputError, match="NPS303"):
        write_report(result, tmp_path / "o", extra_files={"../evil.yaml": "x"})


def test_pdf_without_chromium_names_what_to_install(tmp_path, monkeypatch, result):
    monkeypatch.setattr(_pdf.shutil, "which", lambda name: None)
    with pytest.raises(ReportOutputError, match=r"NPS301: .*no Chromium or Chrome.*apt-get install chromium"):
        write_pdf(tmp_path / "report.html", tmp_path / "report.pdf")
    with pytest.raises(ReportOutputError, match="NPS301"):
        write_report(result, tmp_path / "out", pdf=True)
    assert not (tmp_path / "out").exists()


def test_console_summary(result, tmp_path):
    paths = write_report(result, tmp_path / "out", excel=False)
    text = console_summary(result, paths)
    nps = _html.overall_row(result)[C.NPS]
    lines = text.splitlines()
    assert lines[0].startswith(f"NPS {nps:+.1f} ± 14.2 (n = 160")
    assert "Fix first:" in lines and "Protect:" in lines
    top = result.priorities.query("scope == 'overall' and kind == 'barrier'").sort_values("rank").iloc[0]
    assert f"  1. {top[C.LABEL]}: costs {top[C.POINTS]:.1f} NPS points [{top[C.POINTS_LOW]:.1f}, " \
           f"{top[C.POINTS_HIGH]:.1f}]" in text
    assert sum(line.startswith("  ") for line in lines) == 6
    assert f"Written to {tmp_path / 'out'}: report.html" in text


def test_minimal_result_renders_and_writes(tmp_path):
    """Only the tables every run has: no themes, priorities, segments or waves yet."""
    full = make_result()
    bare = SimpleNamespace(responses=full.responses, summary=full.summary, accounting=full.accounting,
                           mentions=pd.DataFrame(), callbacks=pd.DataFrame(), meta={})
    html = render_html(bare)
    assert _sections(html) <= {"summary", "languages", "accounting"}
    assert "Fix first" in html and "No barrier theme stands out." in html
    paths = write_report(bare, tmp_path / "out")
    import openpyxl
    wb = openpyxl.load_workbook(paths["excel"])
    assert wb.sheetnames == ["Summary", "Priorities", "Call-backs", "Themes", "Definitions", "Responses",
                             "Mentions"]
    assert console_summary(bare).startswith("NPS ")


def test_summary_flags_are_shown_in_the_report_language():
    """Every flag nps_summary writes (English, a contract for other tools) has a translation in the report."""
    from nps_text.impact import nps_summary
    from nps_text.report._i18n import LANGS, flag_text, t

    groups = {"neg": ["detractor"] * 6 + ["promoter"] * 4, "low": ["promoter"] * 4 + ["detractor"] * 3 + ["passive"] * 3,
              "few": ["promoter"]}
    rows = [{C.ROW: i, C.STATUS: C.ANALYSED, C.GROUP: g, "seg": name}
            for name, gs in groups.items() for i, g in enumerate(gs)]
    summary = nps_summary(pd.DataFrame(rows), by=["seg"], min_n=3)
    flags = summary.set_index("value")[C.FLAG]
    assert flags["neg"] and flags["low"] and flags["few"]
    for lang in LANGS:
        tr = t(lang)
        shown = [flag_text(flags[k], tr) for k in ("neg", "low", "few")]
        assert all(shown) and len(set(shown)) == 3
        if lang != "en":
            assert not set(shown) & set(flags[["neg", "low", "few"]]), lang
    assert flag_text(flags["few"], t("uk")) == "менше 3 відповідей"
    assert flag_text("a remark of another tool", t("uk")) == "a remark of another tool"


def test_workbook_cells_read_back_as_written(tmp_path):
    """Line breaks, dates, booleans, odd objects and formula-looking text survive the workbook as values."""
    import openpyxl

    from nps_text.report import _excel

    class Result:
        responses = pd.DataFrame({
            C.ROW: [1, 2, 3], C.COMMENT: ["two\r\nlines", "old mac\rline", "=1+1"],
            C.DATE: pd.to_datetime(["2026-01-05 00:00", "2026-02-01 10:30", None]),
            C.SIGNIFICANT: [True, False, True], C.LANG_CONF: [0.5, np.nan, 1.0],
            "segment": [pd.Interval(0, 1), "a", None]})
        mentions = pd.DataFrame({C.ROW: [1], C.CLAUSE: ["two"]})

    ws = openpyxl.load_workbook(_excel.write_workbook(Result(), tmp_path / "r.xlsx"))["Responses"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["two\nlines", "old mac\nline", "'=1+1"]
    assert rows[0][2].date().isoformat() == "2026-01-05" and rows[1][2].hour == 10 and rows[2][2] is None
    assert [r[3] for r in rows] == [True, False, True]
    assert rows[1][4] is None and ws.cell(2, 5).number_format == "0.0%"
    assert rows[0][5] == "(0, 1]"
