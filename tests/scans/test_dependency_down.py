"""Redis down in queue mode: sign-in and uploads answer 503 with the error body and Retry-After, /readyz
names the queue as not ready, and no accepted scan is lost once Redis is back. A redis-server of the
test's own (on a free port, no persistence) is stopped and started again; the shared one is left alone."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from processes import free_port, kill, service_env, start
from scan_support import card_photo

from app.scans.queue import QueueRunner

pytestmark = pytest.mark.redis
RAW = {"Content-Type": "image/jpeg"}
PASSWORD = "correct horse battery"
WORKER_LEASE = "2"


class OwnRedis:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                *("--dir", str(self.workdir)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        from redis import Redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if Redis.from_url(self.url, socket_connect_timeout=0.5).ping():
                    return
            except Exception:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = OwnRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def scan_settings(settings, own_redis):
    # The API: queue mode (the sign-in limits count in the same Redis), a short lease so its recovery
    # loop re-enqueues an accepted scan soon after Redis returns.
    return settings.model_copy(
        update={
            "queue_url": own_redis.url,
            "scan_lease_seconds": int(WORKER_LEASE),
            "sync_wait_seconds": 30.0,
        }
    )


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    return error


def _wait_done(client, headers, scan_id: str, log: Path, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    scan: dict = {}
    while time.monotonic() < deadline:
        scan = client.get(f"/v1/scans/{scan_id}", headers=headers).json()
        if scan["status"] in ("done", "failed"):
            return scan
        time.sleep(0.1)
    raise AssertionError(
        f"scan still {scan.get('status')}\n{log.read_text()[-3000:] if log.exists() else ''}"
    )


def test_redis_down_is_503_and_no_accepted_scan_is_lost(
    client, make_user, own_redis, scan_settings, tmp_path, monkeypatch
):
    headers = make_user("jane@example.com", PASSWORD)
    ready = client.get("/readyz").json()
    assert ready["checks"]["queue"] is True

    before = client.post("/v1/scans?mode=async", content=card_photo(), headers={**headers, **RAW})
    assert before.status_code == 202, before.text

    own_redis.stop()  # the job of `before` is gone with it: no persistence

    signin = client.post("/v1/auth/token", data={"username": "jane@example.com", "password": PASSWORD})
    error = _error(signin, 503, "dependency_unavailable")
    assert int(signin.headers["Retry-After"]) >= 1 and "Redis" in error["details"]["dependency"]
    for mode in ("async", "sync"):
        upload = client.post(f"/v1/scans?mode={mode}", content=card_photo(), headers={**headers, **RAW})
        _error(upload, 503, "dependency_unavailable")
        assert int(upload.headers["Retry-After"]) >= 1
    assert client.get("/v1/scans", headers=headers).json()["total"] == 1, "a refused upload was kept"

    readiness = client.get("/readyz")
    assert readiness.status_code == 503
    assert readiness.json()["status"] == "not_ready"
    assert readiness.json()["checks"]["queue"] is False and readiness.json()["checks"]["database"] is True

    # Redis goes away between the check and the enqueue: the scan is accepted (202, it is committed) and
    # left to the recovery loop.
    monkeypatch.setattr(QueueRunner, "ensure_available", lambda self: None)
    raced = client.post("/v1/scans?mode=async", content=card_photo(), headers={**headers, **RAW})
    assert raced.status_code == 202, raced.text
    monkeypatch.undo()

    own_redis.start()
    assert client.get("/readyz").json()["checks"]["queue"] is True
    env = service_env(scan_settings, MEISHI_QUEUE_URL=own_redis.url, MEISHI_SCAN_LEASE_SECONDS=WORKER_LEASE)
    log = tmp_path / "worker.log"
    worker = start(["worker"], env, tmp_path, log)
    try:
        for accepted in (before, raced):
            scan = _wait_done(client, headers, accepted.json()["id"], log)
            assert scan["status"] == "done", scan
    finally:
        kill(worker)
    assert client.get("/v1/contacts", headers=headers).json()["total"] == 2
    assert (
        client.post("/v1/auth/token", data={"username": "jane@example.com", "password": PASSWORD}).status_code
        == 200
    )
