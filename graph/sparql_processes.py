"""The processes SPARQL queries run in (graph/sparql_worker.py), seen from the server: a few kept warm, one query
each at a time, killed at the query's time limit or when its caller gives up, so that no core keeps burning."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from multiprocessing import Pipe
from pathlib import Path
from typing import Any

from claimgraph.errors import NotReady, QueryError

log = logging.getLogger(__name__)
_ROOT = str(Path(__file__).resolve().parents[1])  # the folder holding the graph package, for the child's imports
_START = "import sys; sys.path.insert(0, sys.argv[3]); from graph.sparql_worker import main; main(int(sys.argv[1]), int(sys.argv[2]))"  # noqa: E501
STARTUP_S = 30.0  # a process that has not said it is ready by then is not coming


class _Process:
    def __init__(self, memory_mb: int) -> None:
        parent, child = Pipe(duplex=True)
        self.conn = parent
        self.popen = subprocess.Popen(
            [sys.executable, "-c", _START, str(child.fileno()), str(memory_mb), _ROOT],
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
            # A query over its memory aborts the process (Rust's allocation failure): one line in the log, no trace.
            env={**os.environ, "RUST_BACKTRACE": "0"},
            start_new_session=True,  # Ctrl-C at a terminal reaches the server, which then ends these
        )
        child.close()
        if not self.conn.poll(STARTUP_S):
            self.kill()
            raise QueryError("the SPARQL query process did not start")
        _, self.isolated = self.conn.recv()

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
        self.popen.wait()
        self.conn.close()


class QueryProcesses:
    """Up to ``slots`` query processes. ``run`` sends a request to an idle one (starting it if needed) and waits
    for the answer until the deadline, or until ``cancelled`` is set; then the process is killed, not left to
    finish."""

    def __init__(self, slots: int = 2, memory_mb: int = 2048) -> None:
        self.slots = slots
        self.memory_mb = memory_mb
        self._idle: list[_Process] = []
        self._busy: set[_Process] = set()
        self._free = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._closed = False
        self.isolated: bool | None = None  # whether the last process started has no network

    def run(self, request: dict[str, Any], timeout_s: float, cancelled: threading.Event | None = None) -> tuple:
        deadline = time.monotonic() + timeout_s
        if not self._free.acquire(timeout=timeout_s):
            raise NotReady(f"{self.slots} SPARQL queries are already running; try again shortly", retry_after_s=2)
        try:
            process = self._take()
            try:
                process.conn.send({**request, "timeout_s": timeout_s})
                while not process.conn.poll(min(0.1, max(0.0, deadline - time.monotonic()))):
                    if time.monotonic() >= deadline or (cancelled is not None and cancelled.is_set()):
                        self._drop(process)
                        raise QueryError(f"SPARQL query exceeded the {round(timeout_s * 1000)} ms time limit")
                reply = process.conn.recv()
            except (EOFError, OSError) as err:  # it died: its address-space limit, or killed from outside
                self._drop(process)
                raise QueryError("the SPARQL query stopped: it needed more memory than a query may use") from err
            self._give_back(process)
            return reply
        finally:
            self._free.release()

    def start(self) -> None:
        """Start the processes now, so that the first queries do not wait for them."""
        started = [self._take() for _ in range(self.slots)]
        for process in started:
            self._give_back(process)

    def release_view(self) -> None:
        """Make the idle processes close the view (it is about to be written, and pyoxigraph allows no reader beside
        a writer); they open it again at their next query. One that does not answer within a few seconds is ended.
        Call it when no query runs."""
        with self._lock:
            idle = list(self._idle)
        for process in idle:
            try:
                process.conn.send({"close": True})
                if process.conn.poll(5) and process.conn.recv() == ("closed",):
                    continue
            except (EOFError, OSError):
                pass
            with self._lock:
                if process in self._idle:
                    self._idle.remove(process)
            process.kill()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            every = self._idle + list(self._busy)
            self._idle = []
        for process in every:
            process.kill()

    def _take(self) -> _Process:
        with self._lock:
            if self._closed:
                raise NotReady("the server is stopping")
            if self._idle:
                process = self._idle.pop()
                self._busy.add(process)
                return process
        process = _Process(self.memory_mb)
        self.isolated = process.isolated
        if not process.isolated:
            log.warning("SPARQL query processes run without a network namespace: the query guard alone holds")
        with self._lock:
            self._busy.add(process)
        return process

    def _give_back(self, process: _Process) -> None:
        with self._lock:
            self._busy.discard(process)
            if self._closed or process.popen.poll() is not None:
                kill = True
            else:
                self._idle.append(process)
                kill = False
        if kill:
            process.kill()

    def _drop(self, process: _Process) -> None:
        with self._lock:
            self._busy.discard(process)
        process.kill()
