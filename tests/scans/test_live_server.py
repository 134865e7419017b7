"""Each client path against a live server: `meishi serve` started on a free port, real HTTP via httpx."""

from __future__ import annotations

import base64
import time
import uuid

import httpx
import pytest
from processes import free_port, kill, service_env, start, wait_until_serving
from scan_support import card_photo
from sqlalchemy.orm import sessionmaker

from app.users.service import create_user

PASSWORD = "correct horse battery"


@pytest.fixture
def live(scan_settings, db_engine, tmp_path):
    port = free_port()
    log = tmp_path / "server.log"
    env = service_env(
        scan_settings,
        MEISHI_OCR_WORKERS="1",
        MEISHI_MAX_UPLOAD_BYTES="2000000",
        MEISHI_MAX_REQUEST_BYTES="5000000",
    )
    server = start(["serve", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path, log)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url, server, log)
        email = f"live-{uuid.uuid4().hex[:8]}@example.com"
        with sessionmaker(bind=db_engine)() as session:
            create_user(session, email, PASSWORD)
            session.commit()
        token = httpx.post(f"{base_url}/v1/auth/token", data={"username": email, "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
            yield http
    finally:
        kill(server, sig=15)


@pytest.mark.slow
def test_phone_web_form_and_companion_app_paths_and_a_huge_upload(live):
    photo = card_photo()
    phone = live.post(
        "/v1/scans", content=photo, headers={"Content-Type": "image/jpeg", "Idempotency-Key": "k1"}
    )
    assert phone.status_code == 201, phone.text
    assert phone.json()["contact"]["name"] == "Jane Doe", phone.text[:600]
    replay = live.post(
        "/v1/scans", content=photo, headers={"Content-Type": "image/jpeg", "Idempotency-Key": "k1"}
    )
    assert replay.status_code == 200 and replay.json()["id"] == phone.json()["id"]

    form = live.post(
        "/v1/scans", files={"image": ("card.jpg", photo, "image/jpeg")}, data={"event_name": "Expo"}
    )
    assert form.status_code == 201, form.text
    assert form.json()["contact"]["event_name"] == "Expo"

    app = live.post(
        "/v1/scans?mode=async", json={"image": base64.b64encode(photo).decode(), "notes": "from app"}
    )
    assert app.status_code == 202, app.text
    location = app.headers["Location"]
    deadline = time.monotonic() + 60
    while (scan := live.get(location).json())["status"] not in (
        "done",
        "failed",
    ) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert scan["status"] == "done", scan
    assert scan["contact"]["notes"] == "from app"
    assert live.get(scan["links"]["card_image"]).headers["content-type"] == "image/jpeg"

    def body():
        for _ in range(2000):  # 200 MB, no Content-Length: the server counts as it reads and stops at 2 MB
            yield b"\xff" * 100_000

    try:
        response = live.post("/v1/scans", content=body(), headers={"Content-Type": "image/jpeg"})
    except httpx.HTTPError:
        pytest.fail("the server should answer 413, not drop the connection")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert live.get("/healthz").status_code == 200
