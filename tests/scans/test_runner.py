"""The embedded runner with the stand-in reader (no OCR): back-pressure, typed failures, retry, and
recovery of scans whose reader died."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from scan_support import instructed_png, stand_in_reader

from app.db import unit_of_work
from app.storage import scan_image_key
from models import Scan, User

RAW = {"Content-Type": "image/png"}
ADA = {"contact": {"name": "Ada Lovelace", "emails": ["ada@example.org"]}}


@pytest.fixture
def reader():
    return stand_in_reader


def _wait_for(client, headers, scan_id, statuses=("done", "failed"), timeout=20.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        scan = client.get(f"/v1/scans/{scan_id}", headers=headers).json()
        if scan["status"] in statuses:
            return scan
        time.sleep(0.05)
    raise AssertionError(f"scan {scan_id} still {scan['status']}")


def test_stand_in_reading_becomes_a_draft(client, make_user):
    headers = make_user()
    response = client.post("/v1/scans", content=instructed_png(ADA), headers={**headers, **RAW})
    assert response.status_code == 201, response.text
    assert response.json()["contact"]["emails"] == ["ada@example.org"]
    assert response.json()["contact"]["confidence"] == {"name": 0.9, "emails": 0.9}


def test_fields_the_reader_doubts_are_stored_until_edited(client, make_user):
    headers = make_user()
    doubtful = {**ADA, "needs_review": ["name"]}
    response = client.post("/v1/scans", content=instructed_png(doubtful), headers={**headers, **RAW})
    contact = response.json()["contact"]
    assert contact["needs_review"] == ["name"]
    url = f"/v1/contacts/{contact['id']}"
    stored = client.get(url, headers=headers)
    assert stored.json()["needs_review"] == ["name"]
    patched = client.patch(
        url, json={"name": "Ada King"}, headers={**headers, "If-Match": stored.headers["ETag"]}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["needs_review"] == []


def _wait_until_every_slot_is_held(client, timeout: float = 20.0) -> None:
    # Polled rather than slept on: on a loaded machine the uploads may take a while to reach the pool.
    runner = client.app.state.meishi.scans.runner
    deadline = time.monotonic() + timeout
    while runner._slots._value > 0:
        assert time.monotonic() < deadline, "the two uploads never held the pool's slots"
        time.sleep(0.02)


@pytest.mark.scan_settings(ocr_workers=1, ocr_queue_limit=1)
def test_saturated_pool_answers_503_with_retry_after(client, make_user):
    headers = make_user()
    slow = instructed_png({**ADA, "sleep": 3.0})
    results: list[int] = []

    def upload() -> None:
        results.append(client.post("/v1/scans", content=slow, headers={**headers, **RAW}).status_code)

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    _wait_until_every_slot_is_held(client)  # one reading, one waiting, before the third comes
    refused = client.post("/v1/scans", content=slow, headers={**headers, **RAW})
    assert refused.status_code == 503, refused.text
    assert refused.json()["error"]["code"] == "ocr_busy"
    assert int(refused.headers["Retry-After"]) >= 1
    # Asynchronous uploads are still accepted: they wait as rows, not in memory.
    queued = client.post("/v1/scans?mode=async", content=instructed_png(ADA), headers={**headers, **RAW})
    assert queued.status_code == 202
    for thread in threads:
        thread.join()
    assert results == [201, 201]
    assert _wait_for(client, headers, queued.json()["id"])["status"] == "done"
    assert client.get("/v1/scans", headers=headers).json()["total"] == 3, "the refused upload kept nothing"


def test_timeout_fails_the_scan_and_retry_reads_it_again(client, make_user):
    headers = make_user()
    photo = instructed_png({**ADA, "raise": "timeout"})
    response = client.post("/v1/scans", content=photo, headers={**headers, **RAW})
    assert response.status_code == 201, response.text
    scan = response.json()
    assert scan["status"] == "failed"
    assert scan["error"] == {"code": "ocr_timeout", "message": "tesseract took too long"}
    assert scan["contact"] is None
    assert client.get("/v1/contacts", headers=headers).json()["total"] == 0

    not_failed = client.post("/v1/scans", content=instructed_png(ADA), headers={**headers, **RAW}).json()
    conflict = client.post(f"/v1/scans/{not_failed['id']}/retry", headers=headers)
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "scan_not_failed"

    # The stand-in reader does what the stored photo says: this time, read it (as a transient timeout would).
    storage = client.app.state.meishi.scans.storage
    key = scan_image_key(_user_id(client, headers), uuid.UUID(scan["id"]), "original")
    storage.put(key, instructed_png(ADA), "image/png")
    retried = client.post(f"/v1/scans/{scan['id']}/retry", headers=headers)
    assert retried.status_code == 200, retried.text
    assert retried.json()["status"] == "done" and retried.json()["attempts"] == 2
    assert retried.json()["contact"]["name"] == "Ada Lovelace"

    again = client.post(f"/v1/scans/{scan['id']}/retry?mode=async", headers=headers)
    assert again.status_code == 409


def test_async_failure_is_typed(client, make_user):
    headers = make_user()
    accepted = client.post(
        "/v1/scans?mode=async", content=instructed_png({"raise": "unreadable"}), headers={**headers, **RAW}
    )
    assert accepted.status_code == 202
    scan = _wait_for(client, headers, accepted.json()["id"])
    assert scan["status"] == "failed" and scan["error"]["code"] == "unreadable_image"


def _user_id(client, headers) -> uuid.UUID:
    return uuid.UUID(client.get("/v1/me", headers=headers).json()["id"])


@pytest.mark.scan_settings(scan_lease_seconds=1)
def test_scans_left_by_a_crash_are_read_on_restart(app, settings, make_user, client):
    """A scan stuck in 'processing' with an expired lease (its process died) and one still queued are
    both read by the runner after a restart; one that crashed its reader too often is failed."""
    headers = make_user()
    user_id = _user_id(client, headers)
    state = app.state.meishi
    storage = state.scans.storage
    past = datetime.now(UTC) - timedelta(minutes=5)
    ids = []
    with unit_of_work(state.sessions) as session:
        user = session.get(User, user_id)
        assert user is not None
        for status, attempts in (("processing", 1), ("queued", 0), ("processing", 3)):
            scan_id = uuid.uuid4()
            key = scan_image_key(user.id, scan_id, "original")
            storage.put(key, instructed_png(ADA), "image/png")
            session.add(
                Scan(
                    id=scan_id,
                    user_id=user.id,
                    status=status,
                    attempts=attempts,
                    started_at=past if status == "processing" else None,
                    lease_expires_at=past,
                    image_key=key,
                    image_content_type="image/png",
                    options={"engine": "auto", "lang": "eng", "region": "US"},
                    warnings=[],
                )
            )
            ids.append(scan_id)
    for scan_id in ids[:2]:
        scan = _wait_for(client, headers, scan_id)
        assert scan["status"] == "done", scan
        assert scan["contact"]["name"] == "Ada Lovelace"
    # A scan that already took its reader down three times is failed, not handed out forever.
    poison = _wait_for(client, headers, ids[2])
    assert poison["status"] == "failed" and poison["error"]["code"] == "worker_lost"
    assert client.get("/v1/contacts", headers=headers).json()["total"] == 2


def test_each_reader_process_gets_its_share_of_the_cores(client, settings, monkeypatch):
    """RapidOCR's onnxruntime threads: MEISHI_OCR_WORKERS readers split the cores instead of each taking
    them all (ocr/engines/threads.py)."""
    import os

    from ocr.engines.threads import THREADS_ENV, threads_for_this_process

    monkeypatch.delenv(THREADS_ENV, raising=False)
    runner = client.app.state.meishi.scans.runner
    share = runner._pool.submit(threads_for_this_process).result(timeout=60)
    assert share == max(1, len(os.sched_getaffinity(0)) // settings.ocr_workers)
