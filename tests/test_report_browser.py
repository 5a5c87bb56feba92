"""report.html in a real browser (headless Chromium through playwright) at desktop and phone width.

Checks what a reader would notice: script errors, empty charts, a page wider than the phone,
injected markup that runs, and the drill-down controls not working.
"""
from __future__ import annotations

import pytest

from nps_text.report import find_chromium, write_pdf, write_report

from test_report import CLOSE, EMOJI, RTL_AR, XSS, make_result

pytestmark = pytest.mark.slow

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip("no Chromium/Chrome binary on PATH (Debian: apt-get install chromium; `make install-test` does it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the `test` extra)")

FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

PROBE = """() => {
  const charts = Array.from(document.querySelectorAll('[data-chart]')).map(el => ({
    name: el.getAttribute('data-chart'),
    svgs: el.querySelectorAll('svg').length,
    marks: el.querySelectorAll('svg rect, svg circle, svg polyline, svg path, svg line').length,
    // the row charts share one axis: every row's bar must start and end at the same x
    axes: new Set(Array.from(el.querySelectorAll('svg.hbar')).map(s => {
      const r = s.getBoundingClientRect(); return Math.round(r.left) + ':' + Math.round(r.width); })).size}));
  const verbs = Array.from(document.querySelectorAll('ul.verb li'));
  const wideVerb = verbs.filter(li => li.scrollWidth > li.clientWidth + 1).length;
  return {charts, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          scripts: document.scripts.length, text: document.body.innerText, wideVerb, verbs: verbs.length,
          injected: document.querySelectorAll('img, iframe, b:not(.top3 b):not(.howto > b)').length};
}"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return write_report(make_result(), tmp_path_factory.mktemp("browser") / "out", excel=False)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _open(browser, report, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    page.on("request", lambda r: problems.append("request: " + r.url) if not r.url.startswith("file:") else None)
    page.goto(report["html"].as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize("width", [1400, 390])
def test_page_renders_clean_at_width(browser, report, width):
    page, problems = _open(browser, report, width)
    probe = page.evaluate(PROBE)
    assert problems == []                                       # no console error, no alert, no network
    assert probe["innerWidth"] == width
    assert probe["scrollWidth"] <= width + 1                    # no horizontal overflow
    names = {c["name"] for c in probe["charts"]}
    assert {"impact", "bubbles", "waves", "waterfall", "heatmap", "languages", "groups"} <= names
    for chart in probe["charts"]:
        assert chart["svgs"] > 0 and chart["marks"] > 0, chart
        if chart["name"] in ("impact", "waterfall", "languages"):
            assert chart["axes"] == 1, chart
    assert probe["scripts"] == 2 and probe["injected"] == 0
    assert "Rude staff <b>" in probe["text"] and "survey <2024>.csv" in probe["text"]  # markup shown as text
    assert probe["wideVerb"] == 0
    page.close()


def test_hostile_comments_show_as_text(browser, report):
    page, problems = _open(browser, report, 390)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = page.evaluate("document.body.innerText")
    assert XSS in text and CLOSE.replace("</script>", "</script>") in text
    assert RTL_AR in text and EMOJI in text
    assert problems == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # still fits with every section open
    page.close()


def test_priority_link_opens_the_drilldown_and_filters_work(browser, report):
    page, problems = _open(browser, report, 1400)
    page.click("#t-priorities a[href='#theme-0-barrier']")
    # waits up to 5 s: without the click handler the drill-down would open only on the (asynchronous) hashchange
    page.wait_for_function("document.getElementById('theme-0-barrier').open === true", timeout=5000)
    ids = "#theme-0-barrier"
    total = page.locator(f"{ids} ul.verb li").count()
    assert total > 0
    page.select_option(f"{ids} select.vgroup", "detractor")
    groups = page.eval_on_selector_all(f"{ids} ul.verb li", "ls => ls.filter(l => l.style.display !== 'none')"
                                                            ".map(l => l.getAttribute('data-group'))")
    assert groups and set(groups) == {"detractor"}
    options = page.eval_on_selector_all(f"{ids} select.vseg option", "os => os.map(o => o.value)")
    assert "region: North" in options
    page.select_option(f"{ids} select.vseg", "region: North")
    segs = page.eval_on_selector_all(f"{ids} ul.verb li", "ls => ls.filter(l => l.style.display !== 'none')"
                                                          ".map(l => l.getAttribute('data-seg'))")
    assert all("region: North" in s for s in segs)
    # sorting: click the NPS points header twice -> ascending numbers
    header = page.locator("#t-priorities th", has_text="NPS points")
    header.click()
    header.click()
    values = page.eval_on_selector_all("#t-priorities tbody tr td:nth-child(4)", "ts => ts.map(t => +t.dataset.v)")
    assert values == sorted(values)
    page.fill("input[data-for='t-priorities']", "billing")
    visible = page.eval_on_selector_all("#t-priorities tbody tr", "rs => rs.filter(r => r.style.display !== 'none')"
                                                                   ".length")
    assert visible == 1
    assert problems == []
    page.close()


def test_pdf_is_printed(report, tmp_path):
    pdf = write_pdf(report["html"], tmp_path / "report.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
