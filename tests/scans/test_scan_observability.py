"""Scans as operators see them: counted by outcome with the reader's stage timings, logged under the
request id of the upload, and (queue mode) the request id handed to the worker in the job."""

from __future__ import annotations

import logging
import time
import uuid

import pytest
from redis import Redis
from rq import Queue
from rq.job import Job
from scan_support import instructed_png, stand_in_reader

from app.observability.context import request_id
from app.observability.logs import RequestIdFilter
from tests.prometheus_samples import metric

PNG = {"Content-Type": "image/png"}


@pytest.fixture
def reader():
    return stand_in_reader


def test_scans_are_counted_by_outcome_with_stage_timings(client, make_user):
    headers = make_user()
    before = client.get("/metrics").text
    done = client.post(
        "/v1/scans", content=instructed_png({"contact": {"name": "Ann Lee"}}), headers={**headers, **PNG}
    )
    assert done.status_code == 201, done.text
    failed = client.post(
        "/v1/scans", content=instructed_png({"raise": "timeout"}), headers={**headers, **PNG}
    )
    assert failed.json()["status"] == "failed"
    after = client.get("/metrics").text
    assert (
        metric(after, "meishi_scans_total", outcome="done")
        == metric(before, "meishi_scans_total", outcome="done") + 1
    )
    timed_out = {"outcome": "ocr_timeout"}
    assert (
        metric(after, "meishi_scans_total", **timed_out)
        == metric(before, "meishi_scans_total", **timed_out) + 1
    )
    stage = ("meishi_ocr_stage_duration_seconds_count", {"stage": "total"})
    assert metric(after, stage[0], **stage[1]) == metric(before, stage[0], **stage[1]) + 1


def test_the_reading_is_logged_under_the_uploads_request_id(client, make_user, caplog):
    headers = make_user()
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO, logger="meishi.scans"):
        response = client.post(
            "/v1/scans",
            content=instructed_png({"contact": {"name": "Ann Lee"}}),
            headers={**headers, **PNG, "X-Request-ID": "upload-7"},
        )
    assert response.headers["X-Request-ID"] == "upload-7"
    scan_id = response.json()["id"]
    (done,) = [r for r in caplog.records if r.getMessage().startswith(f"scan {scan_id} done")]
    assert done.request_id == "upload-7"  # type: ignore[attr-defined]
    assert "request_id" not in response.json()["options"]  # kept for the readers, not shown

    # An async scan is read later by the dispatcher, outside the request: it still logs the upload's id.
    with caplog.at_level(logging.INFO, logger="meishi.scans"):
        queued = client.post(
            "/v1/scans?mode=async",
            content=instructed_png({"contact": {"name": "Bo Lin"}}),
            headers={**headers, **PNG, "X-Request-ID": "upload-9"},
        ).json()
        deadline = time.monotonic() + 20
        while client.get(f"/v1/scans/{queued['id']}", headers=headers).json()["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.05)
    (done,) = [r for r in caplog.records if r.getMessage().startswith(f"scan {queued['id']} done")]
    assert done.request_id == "upload-9"  # type: ignore[attr-defined]


@pytest.mark.redis
def test_a_queued_scan_carries_the_request_id_to_the_worker(settings, reachable_redis):
    from app.scans.queue import RedisQueue, job_id

    queue_name = f"meishi-test-{uuid.uuid4().hex[:10]}"
    queue = RedisQueue(settings.model_copy(update={"queue_url": reachable_redis, "queue_name": queue_name}))
    scan_id = uuid.uuid4()
    token = request_id.set("upload-8")
    try:
        queue.enqueue([scan_id])
    finally:
        request_id.reset(token)
    connection = Redis.from_url(reachable_redis)
    try:
        assert Job.fetch(job_id(scan_id), connection=connection).meta["request_id"] == "upload-8"
        queue.enqueue([scan_id])  # re-queued by recovery, outside any request: the upload's id stays
        assert Job.fetch(job_id(scan_id), connection=connection).meta["request_id"] == "upload-8"
    finally:
        Queue(queue_name, connection=connection).delete(delete_jobs=True)
