from __future__ import annotations


def test_healthz_needs_no_auth(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_database_and_tesseract(client):
    response = client.get("/readyz")
    body = response.json()
    assert body["checks"]["database"] is True
    assert "tesseract" in body["checks"]
    assert response.status_code == (200 if body["checks"]["tesseract"] else 503)
