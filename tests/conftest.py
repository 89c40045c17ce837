"""Shared test fixtures: the repository's paths, the shared scorer, and the `pipeline` marker."""

from __future__ import annotations

import functools
import importlib.util
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples" / "corpus"
# CI clones the project with the shared folder beside it; a clone elsewhere has no scorer to compare with.
SCORER = REPO_ROOT.parent / "shared" / "tools" / "score.py"
NO_SCORER = f"the shared scorer is not at {SCORER} (a clone without ../shared beside it)"

PIPELINE_MARKER = "pipeline"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{PIPELINE_MARKER}: tests the extraction contract, which only the real pipeline can meet; expected "
        "to fail (xfail) while ingest/extract.py is the interface stub or does not import",
    )


@functools.cache
def pipeline_landed() -> bool:
    """Is the real pipeline behind `extract_paths`? A real document yields a document or an error; the
    interface stub yields neither. Asked once per test process, and only by tests that need the answer.
    A pipeline that cannot even be imported is not there either (the floor test still fails loudly then)."""
    try:
        from ingest.extract import extract_paths

        extraction = next(iter(extract_paths([EXAMPLES / "cv-2728-tct-2014.txt"], workers=1)))
    except Exception:
        return False
    return extraction.document is not None or bool(extraction.errors)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # An xfail added here is still honoured: pytest evaluates xfail marks again when the test is called.
    if item.get_closest_marker(PIPELINE_MARKER) and not pipeline_landed():
        item.add_marker(
            pytest.mark.xfail(reason="no working extraction pipeline behind extract_paths yet", strict=False)
        )


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
