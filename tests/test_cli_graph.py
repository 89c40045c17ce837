"""`lexgraph ingest` and `lexgraph query …` as a user meets them: the acceptance query on examples/corpus, JSON
and human output, and a clear message with exit status 1 (never a traceback) for a REF that names nothing, a
graph that does not exist, a file that is not a graph, or a store that is not available."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from example_corpus import EXAMPLE_DOCUMENTS
from graph_examples import decision_quang_tri_2021, letter_1127, letter_1127_thanh_hoa, resolution_06
from typer.testing import CliRunner

from api.cli import app
from graph import ingest, open_store
from ingest.models import ExtractError, Extraction

REPO_ROOT = Path(__file__).resolve().parents[1]
WIDE = {"COLUMNS": "400"}  # rich wraps at the terminal width: keep each evidence sentence on one line
runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env={**WIDE, **(env or {})})


def assert_no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text, text


# --- the acceptance query, on the real pipeline -----------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`lexgraph ingest examples/corpus` in a process of its own, as a user runs it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('graph') / 'lexgraph.db'}"
    run = subprocess.run(
        [sys.executable, "-m", "api", "ingest", str(REPO_ROOT / "examples" / "corpus"), "--store", url],
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdin=subprocess.DEVNULL,
    )
    stderr = run.stderr.decode("utf-8")
    assert run.returncode == 0, stderr
    assert_no_traceback(stderr)
    assert f"{EXAMPLE_DOCUMENTS} files" in stderr and f"{EXAMPLE_DOCUMENTS} documents written" in stderr
    assert "0 errors" in stderr
    return url


@pytest.mark.pipeline
def test_acceptance_implementers_of_06_nq_cp(corpus_graph: str) -> None:
    result = invoke("query", "implementers", "Nghị quyết 06/NQ-CP", "--store", corpus_graph)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Công văn 5890/TLĐ-CSPL" in out and "Công văn 1127/LĐLĐ" in out
    assert out.count("Công văn 1127/LĐLĐ · Liên đoàn Lao động") == 2  # directly, and under 5890
    assert "asserted by Công văn 1127/LĐLĐ" in out
    assert "“thực hiện Nghị quyết số 06/NQ-CP của Chính phủ về phát triển thị trường lao động”" in out
    assert "Thực hiện công văn số 5890/TLĐ-CSPL, ngày 31/01/2023 của Ban Chấp hành Tổng Liên đoàn" in out


@pytest.mark.pipeline
def test_acceptance_as_json(corpus_graph: str) -> None:
    result = invoke("query", "implementers", "Nghị quyết 06/NQ-CP", "--store", corpus_graph, "--json")
    assert result.exit_code == 0, result.output
    tree = json.loads(result.stdout)
    children = tree["root"]["children"]
    assert [c["document"]["number"] for c in children] == ["1127/LĐLĐ", "5890/TLĐ-CSPL"]
    assert children[1]["edges"][0]["asserted_by"] == children[0]["document"]["id"]
    assert [c["document"]["number"] for c in children[1]["children"]] == ["1127/LĐLĐ"]


@pytest.mark.pipeline
def test_the_other_queries_on_the_corpus(corpus_graph: str) -> None:
    store = ("--store", corpus_graph)
    shown = invoke("query", "show", "Luật Đất đai 2013", *store, "--json")
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["document"]["number"] == "45/2013/QH13" and data["document"]["placeholder"]
    assert {e["source"] for e in data["cited_by"]} >= {"vn/quang-tri/ubnd/2021/30-2021-qd-ubnd"}
    missing = json.loads(invoke("query", "missing", *store, "--json", "--limit", "3").stdout)
    assert len(missing) == 3 and all(m["document"]["placeholder"] for m in missing)
    cites = invoke("query", "cites", "1127/LĐLĐ", *store)
    assert cites.exit_code == 0 and "→ Nghị quyết 06/NQ-CP" in cites.stdout
    path = invoke("query", "path", "1127/LĐLĐ", "06/NQ-CP", *store, "--json")
    assert [s["target"]["number"] for s in json.loads(path.stdout)["steps"]] == ["06/NQ-CP"]
    stats = json.loads(invoke("query", "stats", *store, "--json").stdout)
    assert stats["documents"] == EXAMPLE_DOCUMENTS


def test_the_neighbourhood_of_06_nq_cp_holds_the_letters_and_every_edge_between_them(
    corpus_graph: str,
) -> None:
    store = ("--store", corpus_graph)
    shown = invoke("query", "neighbourhood", "Nghị quyết 06/NQ-CP", *store, "--depth", "1")
    assert shown.exit_code == 0, shown.output
    assert "Công văn 1127/LĐLĐ → Công văn 5890/TLĐ-CSPL" in shown.stdout
    data = json.loads(
        invoke("query", "neighbourhood", "06/NQ-CP", *store, "--json", "--direction", "in").stdout
    )
    numbers = {d["number"] for d in data["documents"]}
    assert numbers == {"06/NQ-CP", "1127/LĐLĐ", "5890/TLĐ-CSPL"}
    assert len(data["edges"]) == 3 and not data["truncated"]
    wrong = invoke("query", "neighbourhood", "06/NQ-CP", *store, "--direction", "sideways")
    assert wrong.exit_code == 2


# --- ingest, with extractions made by hand ----------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path, install_pipeline: Callable[[Callable[[Path], Any]], None]) -> Path:
    """A folder of three files whose extractions are the hand-made examples (no NLP pipeline), and a fourth that
    could not be read."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    made = {
        "a-1127.txt": letter_1127(),
        "b-qd-30.txt": decision_quang_tri_2021(),
        "c-nq-06.txt": resolution_06("2023"),
    }
    for name in [*made, "d-broken.pdf"]:
        (folder / name).write_text("…", encoding="utf-8")

    def extract(path: Path) -> Extraction:
        if path.name in made:
            return made[path.name].model_copy(update={"source": str(path)})
        return Extraction(source=str(path), errors=[ExtractError(code="read_error", message="not a PDF")])

    install_pipeline(extract)
    return folder


def test_ingest_writes_the_documents_and_reports_the_bad_file(corpus: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    result = invoke("ingest", str(corpus), "--store", url)
    assert result.exit_code == 1, result.output  # a file had errors; the others are written
    assert "4 files" in result.stderr and "3 documents written" in result.stderr
    assert "d-broken.pdf: read_error: not a PDF" in result.stderr
    assert_no_traceback(result.output)
    again = invoke("ingest", str(corpus), "--store", url)
    assert "0 documents written, 3 unchanged" in again.stderr
    implementers = invoke("query", "implementers", "06/NQ-CP", "--store", url)
    assert implementers.exit_code == 0 and "Công văn 1127/LĐLĐ" in implementers.stdout


def test_the_store_comes_from_lexgraph_store(corpus: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    assert invoke("ingest", str(corpus), env={"LEXGRAPH_STORE": url}).exit_code == 1
    assert (tmp_path / "env.db").exists()
    assert invoke("query", "show", "06/NQ-CP", env={"LEXGRAPH_STORE": url}).exit_code == 0


# --- what goes wrong ------------------------------------------------------------------------------------------


@pytest.fixture
def graph_url(corpus: Path, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    invoke("ingest", str(corpus), "--store", url)
    return url


def test_unknown_ref_is_not_found_with_close_matches(graph_url: str) -> None:
    result = invoke("query", "implementers", "Nghị quyết 06/NQ-CQ", "--store", graph_url)
    assert result.exit_code == 1
    assert "no document matches 'Nghị quyết 06/NQ-CQ'; did you mean: Nghị quyết 06/NQ-CP" in result.stderr
    assert result.stdout == ""
    assert_no_traceback(result.output)


def test_an_ambiguous_ref_lists_the_candidates(graph_url: str) -> None:
    result = invoke("query", "show", "Luật Tổ chức Chính phủ", "--store", graph_url)
    # One undated law only: a single document, not ambiguous.
    assert result.exit_code == 0, result.output
    result = invoke("query", "show", "vn/none/2023/1-none", "--store", graph_url)
    assert result.exit_code == 1 and "no document matches" in result.stderr


def test_every_query_speaks_json(graph_url: str) -> None:
    for args in (
        ["implementers", "06/NQ-CP"],
        ["implements", "1127/LĐLĐ"],
        ["cites", "1127/LĐLĐ"],
        ["cited-by", "06/NQ-CP"],
        ["path", "1127/LĐLĐ", "06/NQ-CP"],
        ["missing"],
        ["most-cited"],
        ["show", "Luật Đất đai 2013"],
        ["search", "--words", "thị trường lao động"],
        ["stats"],
    ):
        result = invoke("query", *args, "--store", graph_url, "--json")
        assert result.exit_code == 0, (args, result.output)
        json.loads(result.stdout)


def test_no_path_is_exit_1(graph_url: str) -> None:
    result = invoke("query", "path", "06/NQ-CP", "Luật Đất đai 2013", "--store", graph_url)
    assert result.exit_code == 1 and "no chain of citations" in result.stderr


def test_an_unknown_relation_is_a_usage_error(graph_url: str) -> None:
    result = invoke("query", "implementers", "06/NQ-CP", "--relation", "quotes", "--store", graph_url)
    assert result.exit_code == 2 and "unknown relation" in result.stderr


def test_a_query_on_a_graph_that_does_not_exist(tmp_path: Path) -> None:
    result = invoke("query", "missing", "--store", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.exit_code == 1 and "no graph at" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_a_file_that_is_not_a_graph(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4000))
    for args in (["query", "stats"], ["ingest", str(tmp_path)]):
        result = invoke(*args, "--store", f"sqlite:///{junk}")
        assert result.exit_code == 1 and "not a usable lexgraph database" in result.stderr, result.output
        assert_no_traceback(result.output)
    assert junk.read_bytes().startswith(b"\x89PNG")


def test_an_unreachable_neo4j_is_one_clear_line(tmp_path: Path) -> None:
    result = invoke("query", "stats", "--store", "bolt://127.0.0.1:1")  # nothing listens on port 1
    assert result.exit_code == 1 and "cannot reach Neo4j at 127.0.0.1:1" in result.stderr
    assert_no_traceback(result.output)


# --- telling documents apart, the direction asked, dates, errors as JSON ----------------------------------------


@pytest.fixture
def namesakes_url(tmp_path: Path) -> str:
    """Two letters 1127/LĐLĐ of 2023 (Lai Châu's and Thanh Hóa's labour federations: one label, one year) and
    two resolutions 06/NQ-CP (2022 and 2023)."""
    url = f"sqlite:///{tmp_path / 'namesakes.db'}"
    with open_store(url) as store:
        ingest(store, [letter_1127(), letter_1127_thanh_hoa(), resolution_06("2022"), resolution_06("2023")])
    return url


def test_candidates_of_one_label_are_told_apart_by_issuer_and_date(namesakes_url: str) -> None:
    result = invoke("query", "show", "công văn số 1127/LĐLĐ", "--store", namesakes_url)
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "Công văn 1127/LĐLĐ (Liên đoàn Lao động tỉnh Lai Châu, 2023-02-03)" in message
    assert "Công văn 1127/LĐLĐ (Liên đoàn Lao động tỉnh Thanh Hóa, 2023-05-12)" in message
    # Both are of 2023: the year would not choose; the province or the id does.
    assert "its year" not in message and "give its province, or its id" in message


def test_candidates_of_different_years_are_asked_for_the_year(namesakes_url: str) -> None:
    result = invoke("query", "show", "Nghị quyết 06/NQ-CP", "--store", namesakes_url)
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "(Chính phủ, 2022-01-14)" in message and "(Chính phủ, 2023-01-10)" in message
    assert "give its year, or its id" in message


def test_with_json_an_error_is_json_on_stdout_with_the_exit_status(namesakes_url: str) -> None:
    result = invoke("query", "implementers", "1127/LĐLĐ", "--store", namesakes_url, "--json")
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["error"]
    assert problem["kind"] == "ambiguous" and problem["exit_status"] == 1 and problem["ref"] == "1127/LĐLĐ"
    labels = [c["label"] for c in problem["candidates"]]
    assert len(set(labels)) == 2 and all(label.startswith("Công văn 1127/LĐLĐ (") for label in labels)

    missing = invoke("query", "show", "Nghị quyết 06/NQ-CQ", "--store", namesakes_url, "--json")
    problem = json.loads(missing.stdout)["error"]
    assert missing.exit_code == 1 and problem["kind"] == "not_found"
    assert "06/NQ-CP" in {s["number"] for s in problem["suggestions"]}

    unknown = invoke(
        "query", "cites", "vn/cp/2023/06-nq-cp", "-r", "quotes", "--store", namesakes_url, "--json"
    )
    assert unknown.exit_code == 2 and json.loads(unknown.stdout)["error"]["exit_status"] == 2


@pytest.mark.parametrize("bad", ["2025-13-01", "2023-02-29", "2023-1-5", "năm ngoái"])
def test_a_date_filter_that_is_not_a_date_is_refused(graph_url: str, bad: str) -> None:
    result = invoke("query", "search", "--from", bad, "--store", graph_url)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert f"{bad!r} không phải là một năm hay ngày hợp lệ / is not a valid year or date" in message
    as_json = invoke("query", "search", "--to", bad, "--store", graph_url, "--json")
    assert as_json.exit_code == 2 and json.loads(as_json.stdout)["error"]["kind"] == "usage"


def test_real_dates_of_every_precision_filter(graph_url: str) -> None:
    for bound in ("2024-02-29", "2023-02", "2023"):
        result = invoke("query", "search", "--from", bound, "--store", graph_url, "--json")
        assert result.exit_code == 0, (bound, result.output)
    found = json.loads(
        invoke(
            "query", "search", "--from", "2023-02", "--to", "2023-02", "--store", graph_url, "--json"
        ).stdout
    )
    assert [d["number"] for d in found] == ["1127/LĐLĐ"]


def test_path_keeps_the_direction_asked_or_says_it_runs_the_other_way(graph_url: str) -> None:
    asked = json.loads(
        invoke("query", "path", "1127/LĐLĐ", "06/NQ-CP", "--store", graph_url, "--json").stdout
    )
    assert asked["reversed"] is False and asked["steps"][0]["source"]["number"] == "1127/LĐLĐ"

    back = invoke("query", "path", "06/NQ-CP", "1127/LĐLĐ", "--store", graph_url)
    assert back.exit_code == 0
    assert back.stdout.startswith(
        "No chain from Nghị quyết 06/NQ-CP to Công văn 1127/LĐLĐ; the chain runs the other way, "
        "from Công văn 1127/LĐLĐ to Nghị quyết 06/NQ-CP:"
    )
    as_json = json.loads(
        invoke("query", "path", "06/NQ-CP", "1127/LĐLĐ", "--store", graph_url, "--json").stdout
    )
    assert as_json["reversed"] is True and as_json["steps"][0]["source"]["number"] == "1127/LĐLĐ"


def test_ids_are_never_cut_in_an_80_column_terminal(graph_url: str) -> None:
    result = invoke("query", "search", "--store", graph_url, env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "…" not in result.stdout
    cells = [line.split("│")[4].strip() for line in result.stdout.splitlines() if line.count("│") == 5]
    ids = [d["id"] for d in json.loads(invoke("query", "search", "--store", graph_url, "--json").stdout)]
    assert max(map(len, ids)) > 24  # long enough to be folded in a column of 80
    assert "".join(cells) == "".join(ids)


def test_a_type_and_a_bare_number_names_one_document_or_lists_the_candidates(namesakes_url: str) -> None:
    one = invoke("query", "show", "Nghị quyết 06 năm 2022", "--store", namesakes_url, "--json")
    assert one.exit_code == 0, one.output
    assert json.loads(one.stdout)["document"]["issue_date"] == "2022-01-14"

    both = invoke("query", "show", "Công văn 1127", "--store", namesakes_url, "--json")
    assert both.exit_code == 1
    candidates = json.loads(both.stdout)["error"]["candidates"]
    assert {c["issuer"] for c in candidates} == {
        "Liên đoàn Lao động tỉnh Lai Châu",
        "Liên đoàn Lao động tỉnh Thanh Hóa",
    }

    none = invoke("query", "show", "Công văn 112", "--store", namesakes_url)
    assert none.exit_code == 1 and "no document matches 'Công văn 112'" in none.stderr
