"""Every warning a scan can carry is named in the API's description of `warnings` and in docs/api.md."""

from __future__ import annotations

from pathlib import Path

from app.scans.schemas import ScanOut
from app.scans.service import NO_TEXT_WARNING
from ocr.pipeline import OUT_OF_FOCUS

ROOT = Path(__file__).resolve().parents[2]
WARNINGS = (OUT_OF_FOCUS, NO_TEXT_WARNING, "card_edges_not_found", "rapidocr_unavailable", "event_not_found")


def test_every_warning_is_described_for_api_users():
    described = ScanOut.model_fields["warnings"].description or ""
    documented = (ROOT / "docs" / "api.md").read_text("utf-8")
    for warning in WARNINGS:
        assert warning in described, warning
        assert f"`{warning}`" in documented, warning
