"""/readyz tells whether the optional second OCR engine is there; readiness does not depend on it."""

from __future__ import annotations

import shutil
import sys

import pytest

from ocr import available_engines


def test_readyz_reports_the_second_engine(client):
    body = client.get("/readyz").json()
    assert body["checks"]["rapidocr"] is ("rapidocr" in available_engines())


def test_readyz_stays_ready_without_the_rapidocr_extra(client, monkeypatch):
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed: readiness fails for that reason")
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["rapidocr"] is False
    assert response.json()["status"] == "ready"


def test_the_engine_setting_accepts_only_known_strategies(settings):
    assert settings.ocr_engine == "auto"
    with pytest.raises(ValueError, match="ocr_engine"):
        type(settings)(ocr_engine="fastest")
