"""Scan tests build the app with per-test settings (`@pytest.mark.scan_settings(...)`) and, where a test
says so, the stand-in reader instead of OCR (override the `reader` fixture)."""

from __future__ import annotations

import pytest

from app.main import create_app


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "scan_settings(**values): Settings overrides for the scan app")


@pytest.fixture
def reader():
    return None  # the real card reader


@pytest.fixture
def scan_settings(settings, request):
    marker = request.node.get_closest_marker("scan_settings")
    return settings.model_copy(update=marker.kwargs if marker else {})


@pytest.fixture
def app(scan_settings, reader):
    app = create_app(scan_settings, migrate=False)
    if reader is not None:
        app.state.meishi.scan_reader = reader
    return app
