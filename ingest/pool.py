"""Extraction in worker processes that can be stopped: every file gets a time and a memory budget.

Why processes: nothing inside Python can interrupt a regular expression that backtracks (`re` never checks for
signals), a parser that loops or a reader that allocates gigabytes, and a thread cannot be killed. A process can.
The supervisor hands each worker one file at a time:

- time: a file still running after `max_seconds` has its worker killed (and replaced); the file's error says
  "took longer than N s", and the batch, or the server, goes on;
- memory: a worker runs under RLIMIT_DATA = `max_memory_mb` (the pipeline's own ~150 MB included). An allocation
  past it raises MemoryError inside the worker, which reports it as the file's error and retires, its heap being
  of no further use; a worker that the kernel kills anyway (the OOM killer) is a crashed worker, the file's error.
  Between files a worker hands freed memory back (malloc_trim) and retires when it still holds more than half its
  budget, or after `RETIRE_AFTER` files (spaCy's string store only grows);
- life: workers die with their parent, however it dies (kill -9 included): they are forked from multiprocessing's
  fork server, which exits when the parent's end of its pipe closes, and they ask the kernel for SIGKILL when the
  fork server goes (PR_SET_PDEATHSIG), with a thread that watches the parent as a second line where prctl is
  missing. Ctrl-C is the parent's to handle: workers ignore SIGINT, and the parent stops them.

The fork server imports the pipeline once, so a replacement worker starts in a fraction of a second, and forking
from it never copies a multi-threaded server's locks.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ingest.models import ExtractError, Extraction
from ingest.readers import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, ReadLimits

log = logging.getLogger(__name__)

DEFAULT_MAX_SECONDS = 60.0
DEFAULT_MAX_MEMORY_MB = 1024
MIN_MEMORY_MB = 256  # below this a worker cannot even hold the pipeline
RETIRE_AFTER = 500  # files a worker extracts before it is replaced
_MB = 1024 * 1024
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Budget:
    """What one file may cost: wall-clock seconds, memory of the worker extracting it, bytes of the file, and
    what its reader may unpack, parse or keep (`ReadLimits`). None: no limit of that kind."""

    max_seconds: float | None = DEFAULT_MAX_SECONDS
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    max_bytes: int = DEFAULT_MAX_BYTES
    limits: ReadLimits = field(default=DEFAULT_LIMITS)

    def __post_init__(self) -> None:
        if self.max_seconds is not None and self.max_seconds <= 0:
            raise ValueError("max_seconds must be positive")
        if self.max_memory_mb is not None and self.max_memory_mb < MIN_MEMORY_MB:
            raise ValueError(f"max_memory_mb must be at least {MIN_MEMORY_MB}")


def _file_name(source: str) -> str:
    return Path(source).name or source


def timed_out(source: str, seconds: float) -> Extraction:
    return _failed(
        source,
        "timeout",
        f"The file '{_file_name(source)}' took longer than {seconds:g} s to read and extract; it was stopped.",
    )


def out_of_memory(source: str, megabytes: int | None) -> Extraction:
    limit = f" (the limit is {megabytes} MB)" if megabytes else ""
    return _failed(
        source,
        "out_of_memory",
        f"The file '{_file_name(source)}' needs more memory to read and extract than a file may use{limit}; "
        "it was stopped.",
    )


def crashed(source: str, exitcode: int | None) -> Extraction:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"killed by signal {-exitcode}"
    else:
        how = f"exit status {exitcode}"
    return _failed(
        source,
        "worker_crashed",
        f"The process reading '{_file_name(source)}' stopped unexpectedly ({how}); the file may be damaged.",
    )


def _failed(source: str, code: str, message: str) -> Extraction:
    return Extraction(source=source, errors=[ExtractError(code=code, message=message)])


# --- the worker --------------------------------------------------------------------------------------------


def _libc() -> Any:
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def _die_with_parent(main_pid: int) -> None:
    parent = os.getppid()
    libc = _libc()
    with contextlib.suppress(AttributeError, OSError):
        if libc is not None:
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def watch() -> None:
        while os.getppid() == parent and alive(main_pid):
            time.sleep(0.25)
        os._exit(0)

    if os.getppid() != parent or not alive(main_pid):  # the parent went before prctl took effect
        os._exit(0)
    threading.Thread(target=watch, name="lexgraph-parent-watch", daemon=True).start()


def _resident_megabytes() -> float:
    """This process's resident memory, from /proc (0 where there is none)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / _MB
    except (OSError, ValueError, IndexError):
        return 0.0


def _worker_main(conn: Connection, budget: Budget, main_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(main_pid)
    # stdout is the parent's (JSON Lines of `lexgraph extract`): nothing of a worker may land there.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    from ingest.extract_document import extract_one
    from ingest.pipeline import build_pipeline

    build_pipeline()
    if budget.max_memory_mb is not None:
        import resource

        cap = budget.max_memory_mb * _MB
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    libc = _libc()
    conn.send("ready")
    for done in itertools.count(1):
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        path, source = task
        retire = done >= RETIRE_AFTER
        try:
            extraction = extract_one(Path(path), max_bytes=budget.max_bytes, limits=budget.limits)
        except MemoryError:
            extraction, retire = out_of_memory(source, budget.max_memory_mb), True
        if extraction.source != source:
            extraction = extraction.model_copy(update={"source": source})
        with contextlib.suppress(AttributeError, OSError):
            if libc is not None:
                libc.malloc_trim(0)  # hand the freed heap of a large file back to the system
        if budget.max_memory_mb is not None and _resident_megabytes() > budget.max_memory_mb / 2:
            retire = True  # what a large file left behind would count against the next file's budget
        try:
            conn.send((extraction, retire))
        except MemoryError:
            conn.send((out_of_memory(source, budget.max_memory_mb), True))
            return
        if retire:
            return


# --- the supervisor ----------------------------------------------------------------------------------------


@dataclass
class _Task:
    path: str
    source: str
    future: Future[Extraction]


class _Worker:
    def __init__(self, context: Any, process_class: Any, budget: Budget) -> None:
        mine, theirs = context.Pipe(duplex=True)
        self.process = process_class(
            target=_worker_main, args=(theirs, budget, os.getpid()), name="lexgraph-extract", daemon=True
        )
        self.process.start()
        theirs.close()
        self.conn: Connection = mine
        self.ready = False
        self.task: _Task | None = None
        self.deadline = float("inf")

    def stop(self, *, kill: bool) -> None:
        if kill:
            with contextlib.suppress(OSError, ValueError):
                self.process.kill()
        else:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


_CONTEXT_LOCK = threading.Lock()


def _context() -> Any:
    """multiprocessing's fork server, preloaded with the pipeline's modules (where there is none, spawn)."""
    with _CONTEXT_LOCK:
        if "forkserver" not in multiprocessing.get_all_start_methods():
            return multiprocessing.get_context("spawn")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["ingest.extract", "ingest.pipeline"])
        return context


def _without_main(launch: Any) -> Any:
    """A Popen `_launch` that does not make the worker run the caller's main script again.

    multiprocessing makes a child import the parent's `__main__` (to find functions defined there); a worker needs
    nothing of it, and a script without an `if __name__ == "__main__":` guard would run itself again, pool and all.
    Its preparation data is given without the main module, under a lock, for the moment a worker is started."""

    def _launch(self: Any, process_obj: Any) -> None:
        from multiprocessing import spawn

        with _CONTEXT_LOCK:
            original = spawn.get_preparation_data

            def without_main(name: str) -> dict[str, Any]:
                data: dict[str, Any] = original(name)
                data.pop("init_main_from_path", None)
                data.pop("init_main_from_name", None)
                return data

            spawn.get_preparation_data = without_main
            try:
                launch(self, process_obj)
            finally:
                spawn.get_preparation_data = original

    return _launch


try:  # the fork server is a POSIX thing
    from multiprocessing import popen_forkserver
    from multiprocessing.context import ForkServerProcess

    class _Popen(popen_forkserver.Popen):
        _launch = _without_main(popen_forkserver.Popen._launch)  # type: ignore[attr-defined]  # private, typeshed omits it

    class _ForkServerProcess(ForkServerProcess):
        @staticmethod
        def _Popen(process_obj: Any) -> Any:
            return _Popen(process_obj)

except ImportError:  # pragma: no cover
    _ForkServerProcess = None  # type: ignore[assignment,misc]


def _process_class(context: Any) -> Any:
    if context.get_start_method() == "forkserver" and _ForkServerProcess is not None:
        return _ForkServerProcess
    return context.Process


class ExtractionPool:
    """`workers` processes that extract files one at a time under `budget`. `submit` is safe from any thread
    and gives a Future that always ends in an Extraction (the file's error, when it failed), never an exception.
    Close it (or use it as a context manager) to stop the workers; they also stop when this process dies."""

    def __init__(self, workers: int = 1, budget: Budget | None = None) -> None:
        self.workers = max(1, workers)
        self.budget = budget or Budget()
        self._context = _context()
        self._process_class = _process_class(self._context)
        self._lock = threading.Lock()
        self._tasks: deque[_Task] = deque()
        self._pool: list[_Worker] = []
        self._closed = False
        self._failed_starts = 0
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)  # a wake-up already pending is enough
        self._thread: threading.Thread | None = None
        self._finalizer = weakref.finalize(
            self, ExtractionPool._shutdown, self._lock, self._pool, (self._wake_r, self._wake_w)
        )

    # --- the public side ----------------------------------------------------------------------------------

    def submit(self, path: Path | str, source: str | None = None) -> Future[Extraction]:
        """Extract `path`; the Extraction's `source` is `source` (default: the path)."""
        future: Future[Extraction] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is closed")
            self._tasks.append(_Task(str(path), source if source is not None else str(path), future))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="lexgraph-extract-supervisor", daemon=True
                )
                self._thread.start()
        self._wake()
        return future

    def map(self, paths: Iterable[Path], window: int | None = None) -> Iterator[Extraction]:
        """The extractions of `paths`, in their order, with at most `window` files submitted and not yet
        consumed (so that a slow consumer, the graph writer, does not let finished extractions pile up)."""
        window = window or 4 * self.workers
        pending: deque[Future[Extraction]] = deque()
        items = iter(paths)
        try:
            for path in itertools.islice(items, window):
                pending.append(self.submit(path))
            while pending:
                result = pending.popleft().result()
                for path in itertools.islice(items, 1):
                    pending.append(self.submit(path))
                yield result
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            thread = self._thread
        self._wake()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=30)
        self._finalizer()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the supervisor thread ----------------------------------------------------------------------------

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # BlockingIOError: woken already; EBADF: closed
            os.write(self._wake_w, b"x")

    def _run(self) -> None:
        failed = False
        try:
            while self._step():
                pass
        except BaseException:  # a bug here must not leave callers waiting for ever
            log.exception("the extraction supervisor failed")
            failed = True
        finally:
            self._stop_all(failed)

    def _step(self) -> bool:
        with self._lock:
            if self._closed:
                return False
            self._dispatch()
            busy = [w for w in self._pool if w.task is not None]
            waiting = [w.conn for w in self._pool if w.task is not None or not w.ready]
            sentinels = [w.process.sentinel for w in self._pool]
        deadline = min((w.deadline for w in busy), default=float("inf"))
        timeout = None if deadline == float("inf") else max(0.0, deadline - time.monotonic())
        ready = wait([*waiting, *sentinels, self._wake_r], timeout)
        if self._wake_r in ready:
            with contextlib.suppress(OSError):
                os.read(self._wake_r, 4096)
        now = time.monotonic()
        with self._lock:
            for worker in list(self._pool):
                self._check(worker, now)
        return True

    def _dispatch(self) -> None:
        """Give queued files to ready idle workers; start workers while files wait and there is room."""
        idle = [w for w in self._pool if w.ready and w.task is None]
        while self._tasks and idle:
            task = self._tasks.popleft()
            if not task.future.set_running_or_notify_cancel():
                continue  # cancelled while queued (a client that went away, a consumer that stopped)
            worker = idle.pop()
            worker.task = task
            seconds = self.budget.max_seconds
            worker.deadline = time.monotonic() + seconds if seconds is not None else float("inf")
            with contextlib.suppress(OSError, ValueError):  # it died: its sentinel says so next
                worker.conn.send((task.path, task.source))
        starting = sum(1 for w in self._pool if not w.ready)
        while len(self._pool) < self.workers and len(self._tasks) > starting:
            self._pool.append(_Worker(self._context, self._process_class, self.budget))
            starting += 1

    def _check(self, worker: _Worker, now: float) -> None:
        message: Any = None
        try:
            if worker.conn.poll():
                message = worker.conn.recv()
        except (EOFError, OSError):
            message = None
        if message == "ready":
            worker.ready = True
            self._failed_starts = 0
            return
        if isinstance(message, tuple):
            extraction, retire = message
            task, worker.task, worker.deadline = worker.task, None, float("inf")
            if task is not None:
                task.future.set_result(extraction)
            if retire:
                self._remove(worker, kill=False)
            return
        if not worker.process.is_alive():
            task = worker.task
            self._remove(worker, kill=True)
            if task is not None:
                task.future.set_result(crashed(task.source, worker.process.exitcode))
            elif not worker.ready:
                self._failed_starts += 1
                if self._failed_starts >= 3:  # the worker cannot start at all: say so rather than loop
                    while self._tasks:
                        queued = self._tasks.popleft()
                        if queued.future.set_running_or_notify_cancel():
                            queued.future.set_result(crashed(queued.source, worker.process.exitcode))
            return
        if worker.task is not None and now >= worker.deadline:
            task = worker.task
            self._remove(worker, kill=True)
            task.future.set_result(timed_out(task.source, self.budget.max_seconds or 0))

    def _remove(self, worker: _Worker, *, kill: bool) -> None:
        self._pool.remove(worker)
        worker.stop(kill=kill)

    def _stop_all(self, failed: bool = False) -> None:
        with self._lock:
            self._closed = True
            tasks = list(self._tasks)
            self._tasks.clear()
            workers = list(self._pool)
            self._pool.clear()
        for task in tasks:
            if failed and task.future.set_running_or_notify_cancel():
                task.future.set_result(
                    _failed(task.source, "internal_error", f"{task.source}: the extraction processes failed.")
                )
            else:
                task.future.cancel()
        for worker in workers:
            running = worker.task
            worker.stop(kill=running is not None)
            if running is not None:  # it cannot be cancelled, and someone may be waiting for it
                running.future.set_result(
                    _failed(
                        running.source,
                        "stopped",
                        f"The extraction of '{_file_name(running.source)}' was stopped.",
                    )
                )

    @staticmethod
    def _shutdown(lock: threading.Lock, pool: list[_Worker], fds: tuple[int, int]) -> None:
        """At close, garbage collection or exit: no worker outlives the pool."""
        with lock:
            workers = list(pool)
            pool.clear()
        for worker in workers:
            worker.stop(kill=True)
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
