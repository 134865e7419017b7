"""Webhook tests: an app whose deliveries may go to 127.0.0.1 (MEISHI_WEBHOOKS_ALLOW_PRIVATE) with short
sweeps and backoff, and a real local receiver."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from receiver import Receiver

from app.main import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scans"))  # scan_support, processes

FAST = {
    "webhooks_allow_private": True,
    "webhooks_sweep_seconds": 0.05,
    "webhooks_retry_base_seconds": 0.2,
    "webhooks_timeout_seconds": 0.5,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "webhook_settings(**values): Settings overrides for the webhook app")


@pytest.fixture
def reader():
    return None  # the real card reader; tests of scan events use the stand-in


@pytest.fixture
def webhook_settings(settings, request):
    marker = request.node.get_closest_marker("webhook_settings")
    return settings.model_copy(update={**FAST, **(marker.kwargs if marker else {})})


@pytest.fixture
def app(webhook_settings, reader):
    app = create_app(webhook_settings, migrate=False)
    if reader is not None:
        app.state.meishi.scan_reader = reader
    return app


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver().start()
    yield started
    started.stop()


@pytest.fixture
def register(client, receiver):
    """Registers the receiver for the given events and gives it the secret; returns the endpoint."""

    def _register(headers: dict[str, str], event_types: list[str], url: str | None = None) -> dict:
        response = client.post(
            "/v1/webhooks", json={"url": url or receiver.url, "event_types": event_types}, headers=headers
        )
        assert response.status_code == 201, response.text
        receiver.secret = response.json()["secret"]
        return response.json()

    return _register
