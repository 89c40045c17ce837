"""The `lexgraph` command line as a user meets it: output shape, exit status, and no traceback, ever.

Tests marked `pipeline` check the extraction contract (errors for bad files, folders read recursively); they
are expected to fail while ingest/extract.py is the interface stub. Tests named `test_quality_…` depend on
what the real extraction finds; none asserts an accuracy figure.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from example_corpus import EXAMPLE_DOCUMENTS
from typer.testing import CliRunner

from api.cli import app
from ingest.evaluate import load_golds
from ingest.models import Extraction

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACT_KEYS = {"source", "document", "citations", "asserted", "errors"}
DOCS = ("seed-ldld-laichau-1127-2023.txt", "cv-2728-tct-2014.txt", "qd-12-2024-qd-ttg.txt")

runner = CliRunner()


def run_cli(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """`lexgraph ARGS` in a process of its own, from this tree's code, stdout and stderr as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "api", *map(str, args)],
        capture_output=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def json_lines(stdout: bytes) -> list[dict[str, Any]]:
    """Every line of stdout as a JSON object: anything else on stdout fails here."""
    text = stdout.decode("utf-8")
    assert text.endswith("\n"), "JSON Lines end with a newline"
    objects = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(o, dict) for o in objects)
    return objects


def assert_no_traceback(stderr: bytes | str) -> None:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text


# A stand-in pipeline for a process of its own, put in place before the CLI imports it: slow enough to be
# interrupted, or fast and long enough to fill a pipe.
STAND_IN = """
import sys, time, types
from ingest.models import Extraction
module = types.ModuleType("ingest.extract")
def extract_paths(paths, **_options):
    for i in range({count}):
        yield Extraction(source=f"doc-{{i}}.txt")
        time.sleep({pause})
module.extract_paths = extract_paths
sys.modules["ingest.extract"] = module
from api.cli import app
app(prog_name="lexgraph")
"""


def start_stand_in(count: int, pause: float, **streams: Any) -> subprocess.Popen:
    code = STAND_IN.format(count=count, pause=pause)
    return subprocess.Popen(
        [sys.executable, "-c", code, "extract", "any.txt"],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdin=subprocess.DEVNULL,
        **streams,
    )


# ------------------------------------------------------------------------------------------------------------
# the command as a whole


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"lexgraph {version('lexgraph')}\n"


def test_console_script_runs() -> None:
    script = Path(sys.executable).parent / "lexgraph"
    if not script.exists():
        pytest.skip(f"no console script beside {sys.executable} (lexgraph not installed in this environment)")
    done = subprocess.run([script, "--version"], capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0 and done.stdout.startswith(b"lexgraph ")


def test_no_arguments_shows_help_and_exits_2() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "extract" in result.output and "eval" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["extract"],
        ["extract", "--workers", "0", "a.txt"],
        ["extract", "--max-bytes", "0", "a.txt"],
        ["eval"],
        ["eval", "/nonexistent/gold"],
        ["eval", "{examples}/GUIDE.md"],
        ["eval", "{empty}"],
        ["eval", "{examples}", "--min", "citations_all.f2=0.5"],
        ["eval", "{examples}", "--min", "citations_all.f1"],
        ["eval", "{examples}", "--min", "citations_all.f1=high"],
        ["eval", "{examples}", "--min-citations-f1", "2"],
        ["eval", "{examples}", "--predictions", "/nonexistent.jsonl"],
    ],
)
def test_usage_errors_exit_2_and_print_nothing_on_stdout(
    args: list[str], examples: Path, tmp_path: Path
) -> None:
    args = [a.format(examples=examples, empty=tmp_path) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert_no_traceback(result.stderr)


# ------------------------------------------------------------------------------------------------------------
# extract


def test_extract_prints_one_json_object_per_file_in_input_order(examples: Path) -> None:
    paths = [examples / name for name in DOCS]
    done = run_cli("extract", *paths)
    assert done.returncode == 0, done.stderr
    objects = json_lines(done.stdout)
    assert [Path(o["source"]).name for o in objects] == list(DOCS)
    for o in objects:
        assert o.keys() >= CONTRACT_KEYS
        assert o["errors"] == []
        assert isinstance(o["citations"], list) and isinstance(o["asserted"], list)
    assert_no_traceback(done.stderr)


def test_extract_output_is_utf8_whatever_the_locale(examples: Path, tmp_path: Path) -> None:
    document = tmp_path / "công-văn-1127-LĐLĐ.txt"
    document.write_bytes((examples / DOCS[0]).read_bytes())
    done = run_cli("extract", document, env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    # Written as UTF-8 characters, not as \\u escapes: the scorer and people read it as it is.
    assert "công-văn-1127-LĐLĐ".encode() in done.stdout
    assert json_lines(done.stdout)[0]["source"] == str(document)


@pytest.mark.pipeline
def test_extract_reads_folders_recursively(examples: Path, tmp_path: Path) -> None:
    nested = tmp_path / "2023" / "lai-chau"
    nested.mkdir(parents=True)
    for folder, name in [(tmp_path, DOCS[1]), (nested, DOCS[0]), (tmp_path / "2023", DOCS[2])]:
        (folder / name).write_bytes((examples / name).read_bytes())
    done = run_cli("extract", tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(Path(o["source"]).name for o in json_lines(done.stdout)) == sorted(DOCS)


@pytest.mark.pipeline
def test_bad_files_give_error_objects_and_the_batch_goes_on(examples: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    paths = [examples / DOCS[0], empty, binary, broken_pdf, missing, examples / DOCS[1]]
    done = run_cli("extract", *paths)
    assert done.returncode == 1
    objects = json_lines(done.stdout)
    assert [o["source"] for o in objects] == [str(p) for p in paths]
    for o in objects[1:-1]:
        assert o["document"] is None and o["citations"] == [] and o["asserted"] == [], o["source"]
        assert o["errors"], o["source"]
        assert all(isinstance(e["code"], str) and e["code"] and e["message"] for e in o["errors"])
    assert objects[0]["errors"] == objects[-1]["errors"] == []
    assert_no_traceback(done.stderr)


@pytest.mark.pipeline
def test_a_file_over_max_bytes_is_an_error_not_a_failure_of_the_batch(examples: Path) -> None:
    big, small = examples / "nq-132-2020-qh14.txt", examples / DOCS[2]
    limit = small.stat().st_size + 1
    assert big.stat().st_size > limit
    done = run_cli("extract", "--max-bytes", str(limit), big, small)
    assert done.returncode == 1
    first, second = json_lines(done.stdout)
    assert first["errors"] and first["document"] is None
    assert second["errors"] == []


def test_an_exception_in_the_pipeline_costs_one_file(tmp_path: Path, install_pipeline: Callable) -> None:
    def extract(path: Path) -> Extraction:
        if path.name.startswith("bad"):
            raise RuntimeError("a bug, not the file's fault")
        return Extraction(source=str(path))

    install_pipeline(extract)
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("a.txt", "bad.txt", "c.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    single, bad, last = tmp_path / "single.txt", tmp_path / "bad-too.txt", tmp_path / "last.txt"
    result = runner.invoke(app, ["extract", str(single), str(bad), str(folder), str(last)])
    assert result.exit_code == 1
    objects = json_lines(result.stdout_bytes)
    # In a folder the failing file is unknown: the folder is charged with it and its other files are lost.
    assert [(o["source"], bool(o["errors"])) for o in objects] == [
        (str(single), False),
        (str(bad), True),
        (str(folder / "a.txt"), False),
        (str(folder), True),
        (str(last), False),
    ]
    assert objects[1]["errors"][0]["code"] == "internal_error"
    assert "RuntimeError" in objects[1]["errors"][0]["message"]
    assert_no_traceback(result.stderr)


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    process = start_stand_in(count=1000, pause=0.5, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline().startswith(b"{")
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert_no_traceback(stderr)


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    # `lexgraph extract … | head -n 1`: enough output to fill the pipe, which the reader then closes.
    process = start_stand_in(count=100_000, pause=0, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline().startswith(b"{")
        process.stdout.close()
        assert process.stderr is not None
        stderr = process.stderr.read()
        process.wait(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 141
    assert_no_traceback(stderr)
    assert b"BrokenPipe" not in stderr


def test_progress_goes_to_a_terminal_on_stderr_and_never_to_stdout() -> None:
    controller, terminal = pty.openpty()
    process = start_stand_in(count=4, pause=0.4, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if select.select([controller], [], [], 1)[0]:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the process closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            elif process.poll() is not None:
                break
        stdout, _ = process.communicate(timeout=60)
    finally:
        process.kill()
        os.close(controller)
    assert process.returncode == 0
    assert b"Extracting" in shown
    assert len(json_lines(stdout)) == 4


@pytest.mark.pipeline
def test_quality_the_letter_1127_cites_resolution_06(examples: Path) -> None:
    """Depends on what the real extraction finds: the Lai Châu letter 1127/LĐLĐ implements the letter
    5890/TLĐ-CSPL, which the text says implements Nghị quyết 06/NQ-CP."""
    done = run_cli("extract", examples / "seed-ldld-laichau-1127-2023.txt")
    (letter,) = json_lines(done.stdout)
    assert letter["document"]["number"] == "1127/LĐLĐ"
    keys = {c["key"] for c in letter["citations"]}
    assert {"5890/TLĐ-CSPL", "06/NQ-CP"} <= keys


# ------------------------------------------------------------------------------------------------------------
# eval


def gold_as_predictions(gold_dir: Path, path: Path, *, keep: int | None = None) -> Path:
    """Save what an extractor that agrees with the annotator would print, keeping the first `keep`
    citations of each document (all when None)."""
    lines = []
    for slug, gold in load_golds(gold_dir).items():
        citations = [
            {"key": c["key"], "relation": c["relation"], "date": c["date"]} for c in gold["citations"]
        ]
        lines.append(
            {
                "source": f"{slug}.txt",
                "document": gold["metadata"],
                "citations": citations[:keep],
                "asserted": gold.get("asserted", []) if keep is None else [],
                "errors": [],
            }
        )
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines), encoding="utf-8")
    return path


def second_citation_missed(gold_dir: Path) -> str:
    """The line --show-errors prints for the letter 1127/LĐLĐ when only its first citation was found."""
    slug = "seed-ldld-laichau-1127-2023"
    return f"{slug}: MISSED {load_golds(gold_dir)[slug]['citations'][1]['key']!r}"


def test_eval_json_is_the_scorers_report(examples: Path, tmp_path: Path, scorer_path: Path) -> None:
    predictions = gold_as_predictions(examples, tmp_path / "pred.jsonl", keep=2)
    result = runner.invoke(app, ["eval", str(examples), "--predictions", str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    scored = subprocess.run(
        [sys.executable, str(scorer_path), str(examples), str(predictions), "--json"],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )
    ours, theirs = json.loads(result.stdout), json.loads(scored.stdout)
    # The scorer's report, key for key, then lexgraph's own figures (validity, calibration).
    assert list(ours)[: len(theirs)] == list(theirs)
    assert {k: ours[k] for k in theirs} == theirs
    assert {"validity_accuracy", "calibration"} <= set(ours)


def test_eval_floors_decide_the_exit_status(examples: Path, tmp_path: Path) -> None:
    perfect = gold_as_predictions(examples, tmp_path / "perfect.jsonl")
    partial = gold_as_predictions(examples, tmp_path / "partial.jsonl", keep=1)
    floors = ["--min-citations-f1", "0.99", "--min-relation-accuracy", "1", "--min-metadata-accuracy", "1"]
    result = runner.invoke(app, ["eval", str(examples), "--predictions", str(perfect), *floors])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["eval", str(examples), "--predictions", str(partial), *floors])
    assert result.exit_code == 1
    assert "citations_all.f1" in result.stderr and "below the floor 0.9900" in result.stderr
    assert "metadata" not in result.stderr  # metadata is perfect in both
    result = runner.invoke(
        app, ["eval", str(examples), "--predictions", str(partial), "--min", "asserted.recall=0.5"]
    )
    assert result.exit_code == 1 and "asserted.recall" in result.stderr


def test_eval_report_for_people(examples: Path, tmp_path: Path) -> None:
    partial = gold_as_predictions(examples, tmp_path / "partial.jsonl", keep=1)
    result = runner.invoke(app, ["eval", str(examples), "--predictions", str(partial), "--show-errors"])
    assert result.exit_code == 0, result.output
    for shown in (
        f"{EXAMPLE_DOCUMENTS} annotated documents",
        "Cited documents",
        "number-less",
        "relation accuracy",
        "issuer",
    ):
        assert shown in result.stdout
    assert second_citation_missed(examples) in result.stdout.splitlines()


def test_eval_with_errors_in_json(examples: Path, tmp_path: Path) -> None:
    partial = gold_as_predictions(examples, tmp_path / "partial.jsonl", keep=1)
    result = runner.invoke(
        app, ["eval", str(examples), "--predictions", str(partial), "--json", "--show-errors"]
    )
    report = json.loads(result.stdout)
    assert second_citation_missed(examples) in report["errors"]


def test_eval_broken_predictions_file_is_a_usage_error(examples: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"source": "a.txt"}\n{not json\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(examples), "--predictions", str(broken)])
    assert result.exit_code == 2
    assert "JSON" in result.stderr or "Expecting" in result.stderr
    assert_no_traceback(result.stderr)


def test_eval_extracts_the_annotated_documents(examples: Path) -> None:
    done = run_cli("eval", examples, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["documents"], report["missing_documents"]) == (EXAMPLE_DOCUMENTS, 0)
    assert_no_traceback(done.stderr)


@pytest.mark.pipeline
def test_ctrl_c_with_worker_processes_exits_130_without_a_traceback(examples: Path) -> None:
    # A terminal's Ctrl-C reaches the whole process group: the command and its worker processes alike.
    process = subprocess.Popen(
        [sys.executable, "-m", "api", "extract", "--workers", "2", *[examples] * 20],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        start_new_session=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().startswith(b"{")
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 130
    assert_no_traceback(stderr)
