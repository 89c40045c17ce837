"""The briefing notebooks (notebooks/*.ipynb) run top to bottom on the example corpus, as a new analyst runs them,
in a kernel of this interpreter (the project's .venv), without writing into the repository; and they are
committed without outputs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
# Where a notebook could write by mistake: its own folder (the kernel's working folder), the corpus beside it,
# the default store's folder. (Not the whole checkout: other work may change it while the suite runs.)
WATCHED = ("notebooks", "examples", "data")


def _files() -> set[Path]:
    return {path for folder in WATCHED if (REPO / folder).is_dir() for path in (REPO / folder).rglob("*")}


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A "python3" kernel that is this interpreter, whatever kernels the machine has installed: a kernelspec in
    a folder of JUPYTER_PATH, which comes first in Jupyter's search."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "lexgraph", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    # The kernel imports lexgraph from this checkout even where it is not installed into the interpreter.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return "python3"


def test_there_are_briefing_notebooks() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"implementers-of-a-resolution.ipynb", "citation-landscape.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.slow
@pytest.mark.pipeline
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_without_writing_into_the_repository(path: Path, kernel: str) -> None:
    before = _files()
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, kernel_name=kernel, timeout=600, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, when a cell fails
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {kind for o in outputs for kind in o.get("data", {})}
    assert "text/html" in kinds and ("image/png" in kinds or "image/svg+xml" in kinds)
    assert _files() == before
