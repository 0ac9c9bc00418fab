"""`claimgraph serve` in a child process on a free loopback port, for tests and benchmarks that need a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from claimgraph.errors import StoreError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_server(
    data_dir: Path,
    token: str | None = None,
    start_timeout_s: float = 600,
    env: dict[str, str] | None = None,
    command: list[str] | None = None,
    cwd: Path | None = None,
) -> Iterator[str]:
    """Start the server over ``data_dir`` (with ``env`` added to this process's environment), wait until /health
    answers, yield its base URL; stop it (and so its embedded engine) on exit. ``command`` runs another claimgraph
    (an installed wheel's) instead of this interpreter's ``-m claimgraph.cli``."""
    port = free_port()
    env = dict(os.environ, **({"CLAIMGRAPH_API_TOKEN": token} if token else {}), **(env or {}))
    server = subprocess.Popen(
        [
            *(command or [sys.executable, "-m", "claimgraph.cli"]),
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
        ],
        env=env,
        cwd=cwd,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise StoreError(f"claimgraph serve did not answer on {base} (exit code {server.poll()})")
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=120)
