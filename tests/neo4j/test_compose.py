"""docker-compose.yml as the Compose client reads it (no engine needed to parse it): Neo4j 5.26 and the API, wired
to each other, reachable from this machine only, and no start without a password."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO

pytestmark = pytest.mark.neo4j


def _compose_client() -> list[str] | None:
    """`docker compose` (the plugin), else the standalone `docker-compose`; None when neither is installed."""
    if shutil.which("docker"):
        plugin = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if plugin.returncode == 0:
            return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


def _config(password: str | None) -> subprocess.CompletedProcess:
    client = _compose_client()
    if client is None:
        pytest.skip("no Compose client: neither `docker compose` nor `docker-compose` is installed")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    if password is not None:
        env["NEO4J_PASSWORD"] = password
    return subprocess.run(
        [*client, "-f", str(REPO / "docker-compose.yml"), "config"], capture_output=True, text=True, env=env
    )


def test_compose_file_wires_neo4j_5_26_and_the_api() -> None:
    done = _config("compose-test-password")
    assert done.returncode == 0, done.stderr
    services = yaml.safe_load(done.stdout)["services"]
    neo4j, api = services["neo4j"], services["api"]
    assert neo4j["image"].startswith("neo4j:5.26")
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/compose-test-password"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["environment"]["NEO4J_PASSWORD"] == "compose-test-password"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    ports = [
        p if isinstance(p, str) else f"{p['host_ip']}:{p['published']}" for s in services.values() for p in s["ports"]
    ]
    assert ports and all(p.startswith("127.0.0.1:") for p in ports), f"published beyond this machine: {ports}"


def test_compose_file_refuses_to_start_without_a_password() -> None:
    done = _config(None)
    assert done.returncode != 0 and "set NEO4J_PASSWORD" in done.stderr
