"""/metrics, the request id (X-Request-ID in and out, in every log line) and JSON logs."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import pytest

from app.main import create_app
from app.observability.context import request_id
from app.observability.logs import logging_config
from tests.prometheus_samples import metric


def test_http_latency_is_labelled_by_route_template_and_status(client, make_user):
    headers = make_user()
    before = client.get("/metrics").text
    missing = "/v1/contacts/00000000-0000-0000-0000-000000000000"
    assert client.get(missing, headers=headers).status_code == 404
    assert client.get("/no/such/page/at/all", headers={"Accept": "application/json"}).status_code == 404
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text
    count = "meishi_http_request_duration_seconds_count"
    route = {"method": "GET", "route": "/v1/contacts/{contact_id}", "status": "404"}
    assert metric(after, count, **route) == metric(before, count, **route) + 1
    assert 'route="/v1/contacts/00000000' not in after  # never the raw path
    unmatched = {"route": "unmatched", "status": "404"}
    assert metric(after, count, **unmatched) == metric(before, count, **unmatched) + 1
    assert metric(after, "meishi_scan_queue_depth", status="queued") == 0
    for family in (
        "meishi_scans_total",
        "meishi_ocr_stage_duration_seconds",
        "meishi_webhook_deliveries_total",
    ):
        assert f"# TYPE {family}" in after


def test_request_id_is_kept_when_given_and_made_when_not(client):
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["X-Request-ID"] == "abc-123"
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/healthz").headers["X-Request-ID"]
    # An id that would not be safe in a log line or job metadata is replaced, not echoed.
    hostile = client.get("/healthz", headers={"X-Request-ID": 'x" injected=1 ' + "a" * 200})
    assert hostile.headers["X-Request-ID"] != 'x" injected=1 ' + "a" * 200
    assert len(hostile.headers["X-Request-ID"]) == 32


@pytest.fixture
def locked_metrics_client(settings):
    from fastapi.testclient import TestClient

    app = create_app(settings.model_copy(update={"metrics_token": "scrape-secret"}), migrate=False)
    with TestClient(app) as test_client:
        yield test_client


def test_metrics_token_guards_the_endpoint(locked_metrics_client):
    assert locked_metrics_client.get("/metrics").status_code == 401
    assert locked_metrics_client.get("/metrics").json()["error"]["code"] == "not_authenticated"
    wrong = locked_metrics_client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = locked_metrics_client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
    assert right.status_code == 200 and "meishi_http_request_duration_seconds" in right.text


def test_metrics_can_be_turned_off(settings):
    from fastapi.testclient import TestClient

    app = create_app(settings.model_copy(update={"metrics_enabled": False}), migrate=False)
    with TestClient(app) as test_client:
        assert test_client.get("/metrics").status_code == 404


def test_json_log_lines_carry_the_request_id():
    config = logging_config("json")
    stream = io.StringIO()
    config["handlers"]["default"]["stream"] = stream
    logger = logging.getLogger("meishi.test-observability")
    previous = logging.getLogger().handlers[:], logging.getLogger().level
    try:
        logging.config.dictConfig(config)
        token = request_id.set("req-42")
        logger.info("reading scan %s", "s-1")
        request_id.reset(token)
        logger.warning("no request here")
    finally:
        root = logging.getLogger()
        root.handlers[:] = previous[0]
        root.setLevel(previous[1])
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "reading scan s-1" and first["request_id"] == "req-42"
    assert first["level"] == "INFO" and first["logger"] == "meishi.test-observability" and "time" in first
    assert second["request_id"] is None and second["level"] == "WARNING"
