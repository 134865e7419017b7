"""Fixtures shared by the reading-strategy tests (test_strategy.py, test_speculation.py)."""

import pytest
from test_strategy import FakeEngine

from ocr import strategy


@pytest.fixture
def engines(monkeypatch):
    """Fake Tesseract and RapidOCR engines behind the strategy, their readings set by each test."""
    fakes = {"tesseract": FakeEngine("tesseract", []), "rapidocr": FakeEngine("rapidocr", [])}
    monkeypatch.setattr(strategy, "engines_for", lambda name: [fakes[name]] if name in fakes else [])
    monkeypatch.setattr(strategy, "rapidocr_available", lambda: True)
    return fakes
