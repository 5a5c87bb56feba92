"""report.pdf through headless Chromium: the HTML page printed with its print stylesheet."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import NpsTextError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer")


class ReportOutputError(NpsTextError, RuntimeError):
    """An output could not be written (NPS3xx)."""


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary on PATH, or None."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def write_pdf(html_path, pdf_path, *, timeout: float = 180.0) -> Path:
    """Print ``html_path`` to ``pdf_path`` with headless Chromium.

    Parameters
    ----------
    html_path, pdf_path : str or Path
    timeout : float, default=180.0
        Seconds before the browser is stopped.

    Returns
    -------
    Path of the PDF.

    Raises
    ------
    ReportOutputError
        NPS301 when no Chromium/Chrome is installed (the message says what to install),
        NPS302 when the browser fails or writes no PDF.
    """
    binary = find_chromium()
    if binary is None:
        raise ReportOutputError(
            "NPS301: cannot write the PDF: no Chromium or Chrome found on PATH (looked for "
            + ", ".join(BROWSERS) + "). Install one (Debian/Ubuntu: 'apt-get install chromium'; macOS: "
            "'brew install --cask chromium') or open report.html in a browser and print it to PDF.")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="nps-text-chromium-") as profile:
        cmd = [binary, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}", html_path.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ReportOutputError(f"NPS302: {binary} did not finish printing {html_path.name} to PDF within "
                                    f"{timeout:.0f} s.") from exc
    if proc.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = (proc.stderr or "").strip().splitlines()[-3:]
        raise ReportOutputError(f"NPS302: {binary} could not print {html_path.name} to PDF (exit code "
                                f"{proc.returncode}): {' / '.join(tail) or 'no output'}.")
    return pdf_path
