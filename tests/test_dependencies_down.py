"""The database or the object store unreachable: JSON 503 with Retry-After (never a plain-text 500), and
/readyz names what is down. (Redis down, with a real redis-server stopped and restarted, is in
tests/scans/test_dependency_down.py.)"""

from __future__ import annotations

import io
import uuid

from fastapi.testclient import TestClient
from PIL import Image

from app.main import create_app
from app.security import create_access_token
from app.settings import Settings

UNREACHABLE_PG = "postgresql+psycopg://postgres@127.0.0.1:9/meishi?connect_timeout=2"


def test_database_down_is_503_and_not_ready(tmp_path):
    settings = Settings(
        database_url=UNREACHABLE_PG,
        data_dir=tmp_path,
        secret_key="test-secret-key-with-enough-length-for-hs256",
        _env_file=None,  # type: ignore[call-arg]
    )
    token = create_access_token(uuid.uuid4(), settings.resolved_secret_key, 5, session_version=0)
    with TestClient(create_app(settings, migrate=False), raise_server_exceptions=False) as client:
        response = client.get("/v1/contacts", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "dependency_unavailable"
        assert response.json()["error"]["details"] == {"dependency": "database"}
        assert int(response.headers["Retry-After"]) >= 1
        signin = client.post("/v1/auth/token", data={"username": "a@example.com", "password": "whatever1"})
        assert signin.status_code == 503
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["database"] is False


def test_object_store_down_is_503_and_not_ready(settings, make_user, client, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    headers = make_user()
    s3 = settings.model_copy(update={"s3_bucket": "cards", "s3_endpoint_url": "http://127.0.0.1:9"})
    with TestClient(create_app(s3, migrate=False)) as down:
        ready = down.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["object_store"] is False
        photo = io.BytesIO()
        Image.new("RGB", (400, 250), "white").save(photo, "JPEG")
        upload = down.post(
            "/v1/scans?mode=async",
            content=photo.getvalue(),
            headers={**headers, "Content-Type": "image/jpeg"},
        )
        assert upload.status_code == 503, upload.text
        assert upload.json()["error"]["details"] == {"dependency": "object store (S3)"}
        assert "Retry-After" in upload.headers
        assert down.get("/v1/scans", headers=headers).json()["total"] == 0
