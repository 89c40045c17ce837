"""The hostile-input campaign of issue 13, as a benchmark the project keeps.

Generates N hostile files (default 10,000) of every kind the campaign found trouble with: mutations of the real
documents of ../shared/corpus/real (byte flips, truncation, stray and many NUL bytes, legacy encodings, a cue or a
type word repeated hundreds of times inside the text), repetitions of every cue, type word and number shape,
HTML nested thousands deep or holding hundreds of thousands of tags, random bytes after <html><body>, PDF
compression bombs (Flate, RunLength), PDFs of 100,000s of text operators or thousands of pages, mutated PDFs,
Word files whose XML unpacks to hundreds of megabytes or millions of elements, mutated Word files, binary files
under a text suffix, empty files. Then, each through the command line as a user runs it:

- `lexgraph extract` and `lexgraph ingest` over the hostile files and over as many well-formed files (the real
  documents themselves): exit status, every file accounted for (one object per file, a document or an error with
  its code), crashes (a traceback, a worker that died, an internal error), files over the per-file budget without
  a clear error, the peak memory of the whole process tree (PSS, sampled), and the throughput of the hostile batch
  as a ratio to the well-formed one;
- `lexgraph serve`: p50/p99 of reads (wrk) alone, then while hostile uploads arrive (the same reads, as the
  uploads go on from other threads), with the uploads' status codes (no 5xx).

    .venv/bin/python benchmarks/hostile.py [--files 10000] [--workers 2] [--max-seconds 60] [--keep DIR]
                                          [--stages generate,extract,ingest,serve] [--json FILE]

Targets (issue 13): 0 crashes; 0 files over the budget without a clear error; peak memory of the batch ≤ 1 GB;
hostile throughput within 2× of the well-formed one; reads answered while hostile uploads arrive.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

REAL = ROOT.parent / "shared" / "corpus" / "real"
FORMATS = ROOT / "examples" / "formats"
MB = 1024 * 1024
# What each error code says; anything else (or no object at all) is not a clear error.
CLEAR_CODES = {
    "not_found", "unreadable", "unsupported_format", "too_large", "empty", "binary", "undecodable", "html_broken",
    "pdf_broken", "pdf_no_text", "pdf_encrypted", "docx_broken", "timeout", "out_of_memory",
}  # fmt: skip
CRASH_CODES = {"internal_error", "worker_crashed", "read_error", "stopped"}


# --- generating the campaign ---------------------------------------------------------------------------------


def _atoms() -> list[str]:
    from test_linear_time import ATOMS  # every cue, type word and number shape (tests/test_linear_time.py)

    return ATOMS


def _encodable(text: str, encode: Callable[[str], bytes]) -> str:
    """`text` with what the legacy encoding lacks ("…", "“") as "?": a file in it could not hold them either."""
    missing = set()
    for char in set(text):
        try:
            encode(char)
        except UnicodeEncodeError:
            missing.add(char)
    return "".join("?" if c in missing else c for c in text) if missing else text


class Generator:
    """Hostile files from a seed; `kinds` maps each kind to its share of the campaign."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.real = sorted(p for p in REAL.rglob("*") if p.suffix in (".txt", ".md"))
        if not self.real:
            raise SystemExit(f"no real documents at {REAL} (../shared beside the clone)")
        self.pdfs = [*sorted(FORMATS.glob("*.pdf")), ROOT / "tests" / "fixtures" / "letter.pdf"]
        self.docxs = [*sorted(FORMATS.glob("*.docx")), ROOT / "tests" / "fixtures" / "letter.docx"]
        self.atoms = _atoms()
        self._bombs: dict[str, bytes] = {}
        self.kinds = {
            # mutations of real documents: half the campaign
            "real-byte-flips": 14, "real-truncated": 6, "real-repeated-atom": 10, "real-stray-nul": 4,
            "real-many-nul": 2, "real-legacy-encoding": 4, "real-in-html-chrome": 4, "real-control-chars": 3,
            "real-one-long-line": 3,
            # made to be hostile
            "atom-repetitions": 12, "html-deep": 4, "html-many-tags": 2, "html-random-bytes": 3,
            "pdf-flate-bomb": 3, "pdf-rle-bomb": 1, "pdf-many-tj": 2, "pdf-many-pages": 1, "pdf-mutated": 8,
            "docx-xml-bomb": 2, "docx-many-nodes": 1, "docx-mutated": 4, "binary-as-text": 3, "empty": 1,
            "too-many-characters": 1,
        }  # fmt: skip

    def kind(self) -> str:
        kinds, weights = zip(*self.kinds.items(), strict=True)
        return self.rng.choices(kinds, weights)[0]

    def make(self, kind: str) -> tuple[str, bytes]:
        return getattr(self, "_" + kind.replace("-", "_"))()

    # real documents ------------------------------------------------------------------------------------------

    def _real_text(self) -> tuple[str, str]:
        path = self.rng.choice(self.real)
        return path.suffix, path.read_text(encoding="utf-8", errors="replace")

    def _flip(self, data: bytes, share: float) -> bytes:
        out = bytearray(data)
        for _ in range(max(1, int(len(out) * share))):
            out[self.rng.randrange(len(out))] = self.rng.randrange(256)
        return bytes(out)

    def _real_byte_flips(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        return suffix, self._flip(text.encode(), self.rng.choice((0.0001, 0.001, 0.01, 0.05)))

    def _real_truncated(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        data = text.encode()
        return suffix, data[: self.rng.randrange(1, max(2, len(data)))]

    def _real_repeated_atom(self) -> tuple[str, bytes]:
        """mut-03853: a real document with one word repeated hundreds to thousands of times inside it."""
        suffix, text = self._real_text()
        atom = self.rng.choice(self.atoms)
        run = (atom + self.rng.choice((" ", "", ", ", "\n"))) * self.rng.choice((100, 300, 1000, 2000))
        at = self.rng.randrange(len(text) + 1)
        return suffix, (text[:at] + run + text[at:]).encode()

    def _real_stray_nul(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        data = bytearray(text.encode())
        for _ in range(max(1, len(data) // 20_000)):
            data.insert(self.rng.randrange(len(data)), 0)
        return suffix, bytes(data)

    def _real_many_nul(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        return suffix, b"\x00".join(text.encode()[i : i + 50] for i in range(0, len(text.encode()), 50))

    def _real_legacy_encoding(self) -> tuple[str, bytes]:
        from ingest.legacy_fonts import encode_tcvn3, encode_vni

        suffix, text = self._real_text()
        encode = self.rng.choice(
            (
                encode_tcvn3,
                encode_vni,
                lambda t: t.encode("cp1258", errors="replace"),
                lambda t: t.encode("utf-16"),
            )
        )
        return suffix, self._flip(encode(_encodable(text, encode)), self.rng.choice((0.0, 0.0, 0.001)))

    def _real_in_html_chrome(self) -> tuple[str, bytes]:
        _, text = self._real_text()
        depth = self.rng.choice((10, 100, 1000))
        body = "".join(f"<p>{line}</p>" for line in text.splitlines())
        page = "<div class='menu sidebar'>" * depth + "<nav>Trang chủ</nav>" + body + "</div>" * depth
        return ".html", f"<html><head><title>x</title></head><body>{page}</body></html>".encode()

    def _real_control_chars(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        chars = list(text)
        for _ in range(max(1, len(chars) // self.rng.choice((10, 100, 1000)))):
            chars.insert(
                self.rng.randrange(len(chars) + 1), chr(self.rng.choice((1, 2, 7, 8, 0x1B, 0x7F, 0xFFFD)))
            )
        return suffix, "".join(chars).encode()

    def _real_one_long_line(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        return suffix, " ".join(text.split()).encode()

    # made to be hostile ----------------------------------------------------------------------------------------

    def _atom_repetitions(self) -> tuple[str, bytes]:
        """tt-8000: one cue, type word or number shape repeated, up to 200 kB."""
        atom = self.rng.choice(self.atoms)
        unit = atom + self.rng.choice((" ", "", ", ", "\n", "; "))
        size = self.rng.choice((2_000, 20_000, 60_000, 200_000))
        return self.rng.choice((".txt", ".md")), (unit * max(1, size // len(unit))).encode()

    def _html_deep(self) -> tuple[str, bytes]:
        opening = self.rng.choice(("<div>", "<b><i>", "<table><tr><td>", "<span>", "<font size=2>"))
        depth = self.rng.choice((1_000, 10_000, 100_000))
        closing = (
            ""
            if self.rng.random() < 0.5
            else "".join(
                f"</{tag.strip('<>').split()[0]}>"
                for tag in reversed(opening.replace("><", ">|<").split("|"))
            )
        )
        return (
            ".html",
            f"<html><body>{opening * depth}Căn cứ Luật Đất đai{closing * depth}</body></html>".encode(),
        )

    def _html_many_tags(self) -> tuple[str, bytes]:
        tag = self.rng.choice(("<b></b>", "<br>", "<p>x</p>", "<a href=#>Luật</a>"))
        return ".html", f"<html><body>{tag * self.rng.choice((150_000, 300_000))}</body></html>".encode()

    def _html_random_bytes(self) -> tuple[str, bytes]:
        n = self.rng.choice((100, 5_000, 100_000))
        low = self.rng.choice((1, 32, 128))
        noise = bytes(self.rng.randrange(low, 256 if low != 32 else 127) for _ in range(n))
        return ".html", b"<html><body>" + noise

    def _bomb(self, size: int) -> bytes:
        """A Flate stream of a text page followed by `size` bytes of spaces (made once per size)."""
        key = f"flate-{size}"
        if key not in self._bombs:
            from test_hostile_readers import text_page

            packer = zlib.compressobj(9)
            chunk = b" " * MB
            parts = [packer.compress(text_page())]
            parts += [packer.compress(chunk) for _ in range(size // MB)]
            self._bombs[key] = b"".join(parts) + packer.flush()
        return self._bombs[key]

    def _pdf(self, streams: list[bytes], filters: str = "") -> bytes:
        from test_hostile_readers import pdf_bytes

        return pdf_bytes(streams, filters)

    def _pdf_flate_bomb(self) -> tuple[str, bytes]:
        return ".pdf", self._pdf([self._bomb(self.rng.choice((80, 300, 1000)) * MB)], "/Filter/FlateDecode")

    def _pdf_rle_bomb(self) -> tuple[str, bytes]:
        from test_hostile_readers import text_page

        runs = b"\x81 " * (self.rng.choice((1, 4, 16)) * MB // 128 * 64)  # each 2 bytes are 128 spaces
        return ".pdf", self._pdf([text_page() + b"\n" + b"", runs + b"\x80"], "/Filter/RunLengthDecode")

    def _pdf_many_tj(self) -> tuple[str, bytes]:
        from test_hostile_readers import text_page

        return ".pdf", self._pdf([text_page(repeat=self.rng.choice((5_000, 50_000, 150_000)))])

    def _pdf_many_pages(self) -> tuple[str, bytes]:
        from test_hostile_readers import text_page

        return ".pdf", self._pdf([text_page()] * self.rng.choice((500, 1_500, 3_000)))

    def _pdf_mutated(self) -> tuple[str, bytes]:
        return ".pdf", self._flip(
            self.rng.choice(self.pdfs).read_bytes(), self.rng.choice((0.0001, 0.001, 0.01))
        )

    def _docx(self, document_xml: bytes) -> bytes:
        from fixtures.make_fixtures import docx_bytes

        key = f"docx-{len(document_xml)}"
        if key not in self._bombs:
            self._bombs[key] = docx_bytes(document_xml.decode())
        return self._bombs[key]

    def _docx_xml_bomb(self) -> tuple[str, bytes]:
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        paragraph = (
            "<w:p><w:r><w:t>Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ</w:t></w:r></w:p>"
        )
        count = self.rng.choice((200_000, 1_000_000, 3_000_000))
        xml = f'<w:document xmlns:w="{w}"><w:body>{paragraph * count}</w:body></w:document>'
        return ".docx", self._docx(xml.encode())

    def _docx_many_nodes(self) -> tuple[str, bytes]:
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        xml = f'<w:document xmlns:w="{w}"><w:body>{"<w:p/>" * self.rng.choice((1_500_000, 5_000_000))}</w:body></w:document>'
        return ".docx", self._docx(xml.encode())

    def _docx_mutated(self) -> tuple[str, bytes]:
        return ".docx", self._flip(
            self.rng.choice(self.docxs).read_bytes(), self.rng.choice((0.0001, 0.001, 0.01))
        )

    def _binary_as_text(self) -> tuple[str, bytes]:
        head = self.rng.choice((b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"%PDF-1.4\n", b"\x7fELF", b""))
        body = bytes(self.rng.randrange(256) for _ in range(self.rng.choice((100, 10_000))))
        return self.rng.choice((".txt", ".md", ".html", ".pdf", ".docx")), head + body

    def _empty(self) -> tuple[str, bytes]:
        return self.rng.choice((".txt", ".html", ".pdf", ".docx")), self.rng.choice(
            (b"", b" \n\t ", b"\xef\xbb\xbf")
        )

    def _too_many_characters(self) -> tuple[str, bytes]:
        suffix, text = self._real_text()
        return suffix, (text * (4_200_000 // max(1, len(text)) + 1)).encode()[: 19 * MB]


def generate(folder: Path, count: int, seed: int) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed)
    kinds: collections.Counter[str] = collections.Counter()
    for k in range(count):
        kind = generator.kind()
        suffix, data = generator.make(kind)
        (folder / f"{k:05d}-{kind}{suffix}").write_bytes(data)
        kinds[kind] += 1
    return dict(kinds)


def well_formed(folder: Path, count: int) -> None:
    """As many real documents, whole (cycling through the corpus, each copy under a name of its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    real = sorted(p for p in REAL.rglob("*") if p.suffix in (".txt", ".md"))
    for k in range(count):
        source = real[k % len(real)]
        shutil.copyfile(source, folder / f"{k:05d}-{source.stem[:40]}{source.suffix}")


# --- measuring ---------------------------------------------------------------------------------------------------


class TreeMemory:
    """The peak of the summed PSS (and RSS) of a process and all its descendants, sampled."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid = pid
        self.every = every
        self.peak_pss = 0
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _family(pid: int) -> list[int]:
        children: dict[int, list[int]] = collections.defaultdict(list)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children[ppid].append(int(entry.name))
        found, todo = [pid], [pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found

    @staticmethod
    def _kb(pid: int, name: str, field_name: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(field_name):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            family = self._family(self.pid)
            self.peak_pss = max(self.peak_pss, sum(self._kb(p, "smaps_rollup", "Pss:") for p in family))
            self.peak_rss = max(self.peak_rss, sum(self._kb(p, "status", "VmRSS:") for p in family))
            self._stop.wait(self.every)

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return self.peak_pss / 1024, self.peak_rss / 1024


@dataclass
class Batch:
    command: str
    corpus: str
    files: int
    megabytes: float
    seconds: float
    files_per_second: float
    exit_status: int
    peak_pss_mb: float
    peak_rss_mb: float
    outputs: int = 0
    documents: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    crashes: int = 0
    unclear: int = 0
    tracebacks: int = 0
    graph_documents: int | None = None
    integrity: str | None = None


def lexgraph(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "api", *map(str, args)]


def run_batch(command: str, corpus: Path, work: Path, options: list[str]) -> Batch:
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    megabytes = sum(p.stat().st_size for p in files) / MB
    out = work / f"{command}-{corpus.name}.out"
    errors = work / f"{command}-{corpus.name}.err"
    store = work / f"{command}-{corpus.name}.db"
    if command == "extract":
        args = lexgraph("extract", *options, corpus)
    else:
        for stale in work.glob(f"{store.name}*"):
            stale.unlink()
        args = lexgraph("ingest", "--store", f"sqlite:///{store}", *options, corpus)
    started = time.monotonic()
    with out.open("wb") as stdout, errors.open("wb") as stderr:
        process = subprocess.Popen(
            args,
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        memory = TreeMemory(process.pid)
        status = process.wait()
        pss, rss = memory.stop()
    seconds = time.monotonic() - started
    stderr_text = errors.read_text(encoding="utf-8", errors="replace")
    batch = Batch(
        command=command, corpus=corpus.name, files=len(files), megabytes=round(megabytes, 1),
        seconds=round(seconds, 1), files_per_second=round(len(files) / seconds, 2), exit_status=status,
        peak_pss_mb=round(pss), peak_rss_mb=round(rss), tracebacks=stderr_text.count("Traceback"),
    )  # fmt: skip
    if command == "extract":
        codes: collections.Counter[str] = collections.Counter()
        for line in out.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            batch.outputs += 1
            batch.documents += item["document"] is not None and not item["errors"]
            for error in item["errors"]:
                codes[error["code"]] += 1
        batch.codes = dict(codes.most_common())
        batch.crashes = sum(n for code, n in codes.items() if code in CRASH_CODES)
        batch.unclear = sum(n for code, n in codes.items() if code not in CLEAR_CODES | CRASH_CODES)
        batch.unclear += len(files) - batch.outputs  # a file with no object at all
    else:
        import sqlite3

        conn = sqlite3.connect(store)
        batch.graph_documents = conn.execute(
            "SELECT count(*) FROM documents WHERE placeholder = 0"
        ).fetchone()[0]
        batch.integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        codes = collections.Counter(
            line.split(": ")[1] for line in stderr_text.splitlines() if line.startswith("  ") and ": " in line
        )
        batch.codes = dict(codes.most_common())
    return batch


# --- the server --------------------------------------------------------------------------------------------------


def serve_campaign(graph: Path, hostile: Path, work: Path, *, duration: float, workers: int) -> dict:
    from benchmarks.load import free_port, measure, sample_paths, wait_until_up, wrk

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    key = uuid.uuid4().hex
    server = subprocess.Popen(
        lexgraph("serve", "--store", f"sqlite:///{graph}", "--port", port),
        env={**os.environ, "PYTHONPATH": str(ROOT), "LEXGRAPH_API_KEYS": key,
             "LEXGRAPH_EXTRACT_WORKERS": str(workers)},
        stdout=subprocess.DEVNULL, stderr=(work / "serve.err").open("wb"),
    )  # fmt: skip
    try:
        wait_until_up(base)
        memory = TreeMemory(server.pid)
        paths = sample_paths(f"sqlite:///{graph}", 500, seed=13)["GET /documents/{id}"]
        idle = measure(
            "GET /documents/{id}",
            "idle",
            wrk(base, paths, connections=8, duration=duration, seed=1, work=work),
        )
        files = sorted(p for p in hostile.iterdir() if p.is_file())
        statuses: collections.Counter[int] = collections.Counter()
        stop = threading.Event()

        def uploader(seed: int) -> None:
            rng = random.Random(seed)
            while not stop.is_set():
                path = rng.choice(files)
                statuses[_upload(base, key, path)] += 1

        threads = [threading.Thread(target=uploader, args=(k,), daemon=True) for k in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # uploads are arriving
        loaded = measure(
            "GET /documents/{id}",
            "hostile uploads",
            wrk(base, paths, connections=8, duration=duration, seed=2, work=work),
        )
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        dribbled = _dribble(port)
        pss, rss = memory.stop()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {
        "reads_idle": asdict(idle),
        "reads_during_hostile_uploads": asdict(loaded),
        "p99_ratio": round(loaded.p99_ms / max(idle.p99_ms, 0.001), 2),
        "upload_statuses": dict(statuses),
        "server_errors_5xx": sum(n for s, n in statuses.items() if s >= 500),
        "unauthenticated_dribble": dribbled,
        "server_peak_pss_mb": round(pss),
        "server_peak_rss_mb": round(rss),
    }


def _upload(base: str, key: str, path: Path) -> int:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    body.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{path.name}"\r\n'.encode()
    )
    body.write(
        b"Content-Type: application/octet-stream\r\n\r\n"
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{base}/documents", data=body.getvalue(), method="POST",
        headers={"Authorization": f"Bearer {key}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _dribble(port: int) -> str:
    """../shared/hostile/unauth_body.py: seconds until the server answers an unauthenticated, unfinished upload."""
    import socket

    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.settimeout(8)
        client.sendall(
            b"POST /documents HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 2000000\r\n\r\n--b\r\n" + b"a" * 1000
        )
        try:
            status = client.recv(100).split(b"\r\n", 1)[0].decode()
        except TimeoutError:
            return "no answer within 8 s"
    return f"{status} after {time.monotonic() - started:.3f} s"


# --- the report --------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--stages", default="generate,extract,ingest,serve")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of reads per server phase")
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args()
    stages = set(args.stages.split(","))
    work = args.keep or Path(tempfile.mkdtemp(prefix="lexgraph-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    hostile, good = work / "hostile", work / "well-formed"
    report: dict = {"files": args.files, "workers": args.workers, "max_seconds": args.max_seconds}
    try:
        if "generate" in stages:
            started = time.monotonic()
            report["kinds"] = generate(hostile, args.files, args.seed)
            well_formed(good, args.files)
            print(f"generated {args.files} hostile and {args.files} well-formed files in "
                  f"{time.monotonic() - started:.0f} s under {work}", flush=True)  # fmt: skip
        options = ["--workers", str(args.workers), "--max-seconds", str(args.max_seconds)]
        batches = []
        for command in ("extract", "ingest"):
            if command not in stages:
                continue
            for corpus in (good, hostile):
                batch = run_batch(command, corpus, work, options)
                batches.append(batch)
                print(json.dumps(asdict(batch), ensure_ascii=False), flush=True)
        report["batches"] = [asdict(b) for b in batches]
        for command in ("extract", "ingest"):
            pair = {b.corpus: b for b in batches if b.command == command}
            if len(pair) == 2:
                report[f"{command}_throughput_ratio"] = round(
                    pair["well-formed"].files_per_second / pair["hostile"].files_per_second, 2
                )
        if "serve" in stages:
            graph = work / "ingest-well-formed.db"
            if not graph.exists():
                raise SystemExit("the serve stage reads the graph of the ingest stage (run it, with --keep)")
            report["server"] = serve_campaign(
                graph, hostile, work, duration=args.duration, workers=args.workers
            )
            print(json.dumps(report["server"]), flush=True)
    finally:
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
