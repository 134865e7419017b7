"""Queue mode against the Redis at 127.0.0.1:6379: the API enqueues, separate `meishi worker` processes
read, and a worker killed mid-scan loses nothing once a worker starts again."""

from __future__ import annotations

import time
import uuid

import pytest
from processes import kill, service_env, start
from redis import Redis
from rq import Queue
from scan_support import card_photo

QUEUE_NAME = f"meishi-test-{uuid.uuid4().hex[:10]}"  # parallel test runs never share a queue
WORKER_LEASE = "2"
RAW = {"Content-Type": "image/jpeg"}

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def redis_url(reachable_redis):
    yield reachable_redis
    connection = Redis.from_url(reachable_redis)
    Queue(QUEUE_NAME, connection=connection).delete(delete_jobs=True)


@pytest.fixture
def scan_settings(settings, redis_url):
    # The API process: queue mode, and a long lease so only the workers do the recovering here.
    return settings.model_copy(
        update={"queue_url": redis_url, "queue_name": QUEUE_NAME, "sync_wait_seconds": 60.0}
    )


@pytest.fixture
def workers(scan_settings, tmp_path):
    started = []
    env = service_env(
        scan_settings,
        MEISHI_QUEUE_URL=scan_settings.queue_url or "",
        MEISHI_QUEUE_NAME=QUEUE_NAME,
        MEISHI_SCAN_LEASE_SECONDS=WORKER_LEASE,
    )

    def _start(count: int = 1) -> list:
        new = [start(["worker"], env, tmp_path, tmp_path / "worker.log") for _ in range(count)]
        started.extend(new)
        return new

    _start.log = tmp_path / "worker.log"  # type: ignore[attr-defined]
    yield _start
    for process in started:
        kill(process)


def _wait_for(client, headers, scan_id, statuses, timeout=45.0, log=None) -> dict:
    deadline = time.monotonic() + timeout
    scan = {}
    while time.monotonic() < deadline:
        scan = client.get(f"/v1/scans/{scan_id}", headers=headers).json()
        if scan["status"] in statuses:
            return scan
        time.sleep(0.02)
    raise AssertionError(f"scan still {scan.get('status')}\n{log.read_text()[-3000:] if log else ''}")


def test_workers_read_scans_and_a_killed_worker_loses_nothing(client, make_user, workers):
    headers = make_user()
    (first,) = workers(1)
    accepted = client.post(
        "/v1/scans?mode=async", files={"image": ("a.jpg", card_photo(), "image/jpeg")}, headers=headers
    )
    assert accepted.status_code == 202, accepted.text
    scan = _wait_for(client, headers, accepted.json()["id"], ("done", "failed"), log=workers.log)
    assert scan["status"] == "done", scan
    assert scan["contact"]["emails"] == ["jane.doe@nypl.org"]

    # A synchronous upload in queue mode waits for a worker's reading.
    synchronous = client.post("/v1/scans", content=card_photo(), headers={**headers, **RAW})
    assert synchronous.status_code == 201, synchronous.text
    assert synchronous.json()["contact"]["name"] == "Jane Doe"

    # Kill the worker (and its work horse) mid-scan: no clean-up runs, the scan stays 'processing'.
    accepted = client.post("/v1/scans?mode=async", content=card_photo(), headers={**headers, **RAW})
    scan_id = accepted.json()["id"]
    _wait_for(client, headers, scan_id, ("processing",), log=workers.log)
    kill(first)
    time.sleep(float(WORKER_LEASE) + 0.5)
    assert client.get(f"/v1/scans/{scan_id}", headers=headers).json()["status"] == "processing"

    workers(1)  # a new worker notices the lapsed lease at start-up and reads the scan again
    scan = _wait_for(client, headers, scan_id, ("done", "failed"), log=workers.log)
    assert scan["status"] == "done", scan
    assert scan["attempts"] == 2
    assert scan["contact"]["name"] == "Jane Doe"
    contacts = client.get("/v1/contacts", headers=headers).json()
    assert contacts["total"] == 3, "one contact per scan, none doubled by the re-run"
