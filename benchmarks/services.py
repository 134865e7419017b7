"""Starting and stopping the real `meishi serve` / `meishi worker` processes for a benchmark, and the
throw-away PostgreSQL database it runs on."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg

MEISHI = str(Path(sys.executable).with_name("meishi"))
PG_ADMIN_URL = os.environ.get("MEISHI_BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEISHI_") and k != "DATABASE_URL"}
    env.update(OMP_THREAD_LIMIT="1", MEISHI_LOG_FORMAT="text", MEISHI_LOG_LEVEL="WARNING")
    env.update(extra)
    return env


@contextlib.contextmanager
def postgresql_database() -> Iterator[str]:
    """A fresh database on the local PostgreSQL, dropped afterwards; yields its SQLAlchemy URL."""
    name = f"meishi_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Process:
    """One `meishi ...` process in its own session (so its children stop with it)."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        # Run in the log's (scratch) folder: `meishi serve` records its instance in the working directory,
        # which must not become the developer's own checkout.
        self.popen = subprocess.Popen(
            [MEISHI, *args],
            env=env,
            cwd=log.parent,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def stop(self) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=5)

    def peak_rss_mb(self) -> float:
        """The process's high-water mark of resident memory (VmHWM), in MB."""
        for line in Path(f"/proc/{self.popen.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0


def serve(env: dict[str, str], log: Path, *extra: str) -> tuple[Process, str]:
    port = free_port()
    server = Process(["serve", "--host", "127.0.0.1", "--port", str(port), *extra], env, log)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.popen.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return server, base_url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not come up:\n{log.read_text()[-3000:]}")


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]
