"""Build and run the Neo4j launcher of this folder (pom.xml, Neo4jLauncher.java): a real Neo4j 5.26 community on a
loopback Bolt port, for the tests, the benchmark and trying the API on Neo4j by hand.

    python -m tests.neo4j.server [HOME]     # builds if needed, starts, prints NEO4J_URI=...; Ctrl-C stops it
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSES = HERE / "target" / "classes"
LIB = HERE / "target" / "lib"
LAUNCHER_CLASS = CLASSES / "claimgraph" / "Neo4jLauncher.class"
SOURCES = [HERE / "pom.xml", *sorted((HERE / "src").rglob("*.java"))]
READY = "claimgraph-neo4j: ready "
# Neo4j on Java 17 opens these JDK internals reflectively; without the flags it logs warnings on every start.
JVM_OPENS = [
    f"--add-opens=java.base/{package}=ALL-UNNAMED"
    for package in ("java.nio", "java.lang", "java.util", "java.io", "sun.nio.ch", "java.util.concurrent")
]


class LauncherUnavailable(RuntimeError):
    """Java or Maven is missing, or the launcher does not build: Neo4j cannot be started here."""


def missing_tools() -> list[str]:
    """The tools this machine lacks to build and run the launcher."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def is_built() -> bool:
    """The compiled launcher and its jars exist and are newer than every source (pom and Java)."""
    if not LAUNCHER_CLASS.exists() or not LIB.is_dir() or not any(LIB.glob("neo4j-kernel-*.jar")):
        return False
    built = LAUNCHER_CLASS.stat().st_mtime
    return all(source.stat().st_mtime <= built for source in SOURCES)


def build() -> None:
    """`mvn compile` (classes and their jars in target/); offline first, so that a warm ~/.m2 costs no network."""
    if is_built():
        return
    if missing := missing_tools():
        raise LauncherUnavailable(f"cannot build the Neo4j launcher: {', '.join(missing)} not installed")
    for offline in (["-o"], []):
        done = subprocess.run(
            ["mvn", "-B", "-q", *offline, "compile"], cwd=HERE, capture_output=True, text=True, timeout=1200
        )
        if done.returncode == 0:
            LAUNCHER_CLASS.touch()  # an unchanged source is not compiled again; the build is still newer than it
            if is_built():
                return
    raise LauncherUnavailable(f"mvn compile failed in {HERE}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


class Neo4jServer:
    """One launcher process: started on a folder, stopped by closing its stdin (or killed, for crash tests).

    The folder holds the database; starting again on the same folder opens what is there.
    """

    def __init__(self, home: Path, password: str = "", heap: str = "1g", page_cache: str = "256m") -> None:
        self.home = Path(home).resolve()
        self.password = password
        self.heap = heap
        self.page_cache = page_cache
        self.process: subprocess.Popen | None = None
        self.uri: str | None = None

    def start(self, timeout_s: float = 600.0) -> str:
        """Start the server and return its Bolt URI once it accepts connections (15 s on a quiet 2-core machine;
        over 300 s was seen with a load average of 30)."""
        build()
        self.home.mkdir(parents=True, exist_ok=True)
        command = [
            shutil.which("java") or "java",
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8",
            *JVM_OPENS,
            "-cp",
            f"{CLASSES}{os.pathsep}{LIB}/*",
            "claimgraph.Neo4jLauncher",
            str(self.home),
            self.page_cache,
        ]
        env = {**os.environ, "NEO4J_PASSWORD": self.password}
        log = (self.home / "launcher.log").open("ab")
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, text=True
        )
        log.close()
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout_s)
        if not line or not line[0].startswith(READY):
            self.kill()
            tail = (self.home / "launcher.log").read_text(errors="replace")[-3000:]
            raise LauncherUnavailable(f"Neo4j did not start within {timeout_s:.0f} s: {line[:1]}\n{tail}")
        self.uri = line[0][len(READY) :].strip()
        return self.uri

    def stop(self, timeout_s: float = 120.0) -> None:
        """A clean shutdown: the launcher sees its stdin close and shuts the database down."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def kill(self) -> None:
        """SIGKILL: no shutdown at all, as a power cut would leave it (the next start recovers from its logs)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.process = None

    def pid(self) -> int | None:
        return self.process.pid if self.process else None


def main() -> None:
    home = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data") / "neo4j"
    server = Neo4jServer(home, password=os.environ.get("NEO4J_PASSWORD", ""))
    started = time.perf_counter()
    uri = server.start()
    print(f"NEO4J_URI={uri}  (started in {time.perf_counter() - started:.1f} s; Ctrl-C stops it)", flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
