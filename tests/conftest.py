"""Shared test fixtures: the repository's paths, the shared scorer, the `pipeline` marker, and the run's Neo4j
(tests/neo4j_server.py)."""

from __future__ import annotations

import importlib.util
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import neo4j_server
import pytest
from example_corpus import EXAMPLES

REPO_ROOT = Path(__file__).resolve().parents[1]
# CI clones the project with the shared folder beside it; a clone elsewhere has no scorer to compare with.
SCORER = REPO_ROOT.parent / "shared" / "tools" / "score.py"
NO_SCORER = f"the shared scorer is not at {SCORER} (a clone without ../shared beside it)"

PIPELINE_MARKER = "pipeline"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{PIPELINE_MARKER}: runs the whole extraction pipeline on real files")
    # Before xdist starts its workers (pytest_sessionstart), so that they inherit the folder of the run's Neo4j.
    neo4j_server.configure()


def pytest_unconfigure(config: pytest.Config) -> None:
    neo4j_server.unconfigure()  # in the controller, after every worker has finished


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def scorer_path() -> Path:
    if not SCORER.is_file():
        pytest.skip(NO_SCORER)
    return SCORER


@pytest.fixture(scope="session")
def scorer(scorer_path: Path) -> ModuleType:
    """The shared scorer as a module, to compare its matching rules with ours function by function."""
    spec = importlib.util.spec_from_file_location("shared_score", scorer_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # The scorer resets SIGPIPE for its own command line; the test process keeps Python's handling.
    sigpipe = signal.getsignal(signal.SIGPIPE)
    try:
        spec.loader.exec_module(module)
    finally:
        signal.signal(signal.SIGPIPE, sigpipe)
    return module


@pytest.fixture
def install_pipeline(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[Path], Any]], None]:
    """Put a stand-in pipeline where the CLI and `evaluate` import `extract_paths` from, without importing the
    real one (and its models) at all. The stand-in reads folders recursively, in name order, and calls the
    given function on each file in input order; an exception from it escapes the pipeline."""

    def install(extract: Callable[[Path], Any]) -> None:
        def extract_paths(paths: Sequence[Path], **_options: Any) -> Iterator[Any]:
            for path in map(Path, paths):
                files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
                yield from map(extract, files)

        module = ModuleType("ingest.extract")
        module.extract_paths = extract_paths  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "ingest.extract", module)

    return install


@pytest.fixture(scope="session")
def example_extractions() -> list[Any]:
    """The extractions of the example corpus (real annotated documents), made once per test process."""
    from ingest.extract import extract_paths

    return list(extract_paths([EXAMPLES], workers=1))


@pytest.fixture(scope="session")
def example_graph(tmp_path_factory: pytest.TempPathFactory, example_extractions: list[Any]) -> Path:
    """A SQLite graph of the example corpus, built once per test process through the public API. Tests that
    change a graph copy it first (`example_graph_copy`)."""
    from graph import ingest, open_store

    path = tmp_path_factory.mktemp("example-graph") / "lexgraph.db"
    with open_store(f"sqlite:///{path}") as store:
        summary = ingest(store, example_extractions)
    assert not summary.errors, summary.errors
    return path


@pytest.fixture
def example_graph_copy(example_graph: Path, tmp_path: Path) -> Path:
    """A copy of the example graph that a test may change."""
    import sqlite3

    copy = tmp_path / "lexgraph.db"
    with sqlite3.connect(example_graph) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


# --- a real browser ----------------------------------------------------------------------------------------------

# Screenshots of the browser tests, kept for a person to look at (CI keeps the folder as an artefact): the pages as
# a reader saw them when the test passed or failed. $LEXGRAPH_ARTEFACTS, else test-artefacts/ (git-ignored).
ARTEFACTS = Path(
    os.environ.get("LEXGRAPH_ARTEFACTS") or Path(__file__).resolve().parent.parent / "test-artefacts"
)


def screenshot(page: Any, name: str) -> Path:
    """The whole page as `ARTEFACTS/screenshots/<name>.png`."""
    path = ARTEFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


CHROMIUM = Path("/usr/bin/chromium")
# As Debian's Chromium runs here: no sandbox as root, and none of the background connections that a closed
# network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright through `executable_path` (Playwright's own browser download does
    not work here). Without it the test is skipped with the reason; under CI ($CI set, and CI installs it) it
    fails instead, so that a CI image without Chromium cannot pass unnoticed."""

    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        reason = f"{CHROMIUM} is missing: install Debian's chromium (make system-packages) to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
