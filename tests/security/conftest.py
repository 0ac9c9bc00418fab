"""A running `claimgraph serve` for the attacks, its engine's pid and peak memory, and a loopback listener that
records every connection made to it (a request that reaches it is a server-side request that got out)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from claimgraph.graph.connect import open_store

from claimgraph.config import Settings
from tests.local_server import local_server
from tests.samples import one_claim_article

TOKEN = "security-token-not-a-secret"
# Small limits, so that the defended outcome shows fast; the defaults are larger (claimgraph/config.py).
SERVER_ENV = {
    "CLAIMGRAPH_QUERY_TIMEOUT_MS": "2000",
    "CLAIMGRAPH_QUERY_MAX_BYTES": "1000000",
    "CLAIMGRAPH_ENGINE_QUERY_MEMORY_MB": "128",
    "CLAIMGRAPH_ENGINE_ADDRESS_SPACE_MB": "2048",
}
ENGINE_RSS_CAP_MB = 2048  # the address-space limit above bounds the engine's RSS too


def one_article(data_dir: Path) -> None:
    """A data dir holding one article with one claim (written directly: no Stanza needed)."""
    with open_store(Settings(data_dir=data_dir)) as store:
        store.write_article(*one_claim_article())


class Served:
    def __init__(self, base: str, data_dir: Path) -> None:
        self.base = base
        self.data_dir = data_dir

    def engine_pid(self) -> int:
        return int((self.data_dir / "falkordb.pid").read_text())

    def engine_peak_rss_mb(self) -> float:
        """The engine's peak resident memory so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.engine_pid()}/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data_dir = tmp_path_factory.mktemp("security") / "data"
    one_article(data_dir)
    with local_server(data_dir, TOKEN, env=SERVER_ENV) as base:
        yield Served(base, data_dir)


class Listener:
    """A TCP listener on loopback that accepts and records connections (and answers nothing)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()
