"""The exploration notebook runs top to bottom without errors and shows what it promises."""
from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

pytestmark = pytest.mark.slow  # executes the notebook with the real model

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_explore_notebook_runs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=900,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    text = "".join(out.get("data", {}).get("text/plain", "") + out.get("text", "") for out in outputs)
    html = "".join(out.get("data", {}).get("text/html", "") for out in outputs)
    assert "AnalysisResult(rows=640" in text
    assert "<svg" in html and "impact" in text  # the report's charts are drawn inline
    assert any("application/vnd.plotly.v1+json" in out.get("data", {}) for out in outputs)  # BERTopic's chart
    assert "taxonomy.yaml" in text and "themes:" in text
