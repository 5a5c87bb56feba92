"""Screenshots of report.html at desktop (1400 px) and phone (390 px) width, in headless Chromium.

    python docs/screenshots/make_screenshots.py                      # the synthetic test report
    python docs/screenshots/make_screenshots.py REPORT_HTML NAME     # a real one, e.g. reports/sample/report.html

Writes NAME-1400-first-screen.png, NAME-1400-charts.png, NAME-390-first-screen.png and
NAME-390-drilldown.png next to this file. Needs `pip install playwright` and Debian's chromium.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _synthetic_report() -> Path:
    sys.path.insert(0, str(HERE.parent.parent / "tests"))
    from test_report import make_result  # noqa: PLC0415 - the hand-built result of the report tests

    from nps_text.report import write_report

    out = Path(tempfile.mkdtemp(prefix="nps-text-shots-")) / "out"
    return write_report(make_result(), out, excel=False)["html"]


def main(argv: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    from nps_text.report import find_chromium

    html = Path(argv[0]) if argv else _synthetic_report()
    name = argv[1] if len(argv) > 1 else "synthetic"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(html.as_uri())
        page.screenshot(path=HERE / f"{name}-1400-first-screen.png")
        box = page.locator("#s-impact").evaluate(
            "s => { const r = s.getBoundingClientRect(); return {y: r.top + window.scrollY, height: r.height}; }")
        if box:
            page.screenshot(path=HERE / f"{name}-1400-charts.png", full_page=True,
                            clip={"x": 0, "y": box["y"], "width": 1400, "height": min(box["height"], 1500)})
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page.goto(html.as_uri())
        page.screenshot(path=HERE / f"{name}-390-first-screen.png")
        first = page.locator("details.theme").first
        if first.count():
            top, height = first.evaluate("d => { d.open = true; const r = d.getBoundingClientRect(); "
                                         "return [r.top + window.scrollY, r.height]; }")
            page.screenshot(path=HERE / f"{name}-390-drilldown.png", full_page=True,
                            clip={"x": 0, "y": top - 8, "width": 390, "height": min(height + 16, 1400)})
        browser.close()
    print("\n".join(str(p) for p in sorted(HERE.glob(f"{name}-*.png"))))


if __name__ == "__main__":
    main(sys.argv[1:])
