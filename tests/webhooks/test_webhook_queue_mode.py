"""Queue mode against the test Redis: deliveries are RQ jobs served by real `meishi worker` processes,
and a worker killed (SIGKILL) in the middle of a delivery costs nothing but a second delivery with the
same webhook-id once another worker takes over."""

from __future__ import annotations

import time
import uuid

import pytest
from processes import kill, service_env, start
from receiver import Receiver
from redis import Redis
from rq import Queue

QUEUE_NAME = f"meishi-test-{uuid.uuid4().hex[:10]}"  # parallel test runs never share a queue
WORKER_TIMEOUT = "3"  # seconds per connect/send/read: the attempt's lease is a few of these

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def redis_url(reachable_redis):
    yield reachable_redis
    connection = Redis.from_url(reachable_redis)
    for name in (QUEUE_NAME, f"{QUEUE_NAME}-webhooks"):
        Queue(name, connection=connection).delete(delete_jobs=True)


@pytest.fixture
def webhook_settings(webhook_settings, redis_url):
    return webhook_settings.model_copy(
        update={
            "queue_url": redis_url,
            "queue_name": QUEUE_NAME,
            "webhooks_timeout_seconds": float(WORKER_TIMEOUT),  # the API and the workers agree on the lease
        }
    )


@pytest.fixture
def workers(webhook_settings, tmp_path):
    started = []
    env = service_env(
        webhook_settings,
        MEISHI_QUEUE_URL=webhook_settings.queue_url or "",
        MEISHI_QUEUE_NAME=QUEUE_NAME,
        MEISHI_WEBHOOKS_ALLOW_PRIVATE="true",
        MEISHI_WEBHOOKS_TIMEOUT_SECONDS=WORKER_TIMEOUT,
        MEISHI_WEBHOOKS_RETRY_BASE_SECONDS="0.2",
    )
    log = tmp_path / "worker.log"

    def _start():
        process = start(["worker", "--serve", "webhooks"], env, tmp_path, log)
        started.append(process)
        return process

    _start.log = log  # type: ignore[attr-defined]
    yield _start
    for process in started:
        kill(process)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # workers share the database
def test_a_worker_killed_mid_delivery_is_replaced_and_the_event_arrives_again_with_its_id(
    client, make_user, receiver: Receiver, register, workers
):
    receiver.plan = ["hang"]  # the first attempt never gets its answer
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    first_worker = workers()
    client.post("/v1/contacts", json={"name": "Jane Doe"}, headers=headers)
    try:
        (first,) = receiver.wait_for(1, timeout=30)
    except AssertionError:
        raise AssertionError(workers.log.read_text()[-3000:]) from None
    kill(first_worker)  # SIGKILL, work horse included: the attempt is never recorded
    killed_at = time.monotonic()
    workers()

    try:
        _, second = receiver.wait_for(2, timeout=30)
    except AssertionError:
        raise AssertionError(workers.log.read_text()[-3000:]) from None
    assert second.at - killed_at > 1.0  # the new worker waited for the first attempt's lease to run out
    assert first.webhook_id == second.webhook_id  # receivers can de-duplicate
    assert first.error is None and second.error is None
    assert first.verified == second.verified

    deadline = time.monotonic() + 10
    log: dict = {}
    while time.monotonic() < deadline:
        (log,) = client.get(f"/v1/webhooks/{endpoint['id']}/deliveries", headers=headers).json()["items"]
        if log["status"] == "succeeded":
            break
        time.sleep(0.1)
    assert log["status"] == "succeeded", log
    assert log["attempts"] == 2
    assert [a["number"] for a in log["attempt_log"]] == [2]
