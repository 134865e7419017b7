"""`meishi scan`: JSON lines or a summary per image, bad files reported without stopping the batch."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli

sys.path.insert(0, str(Path(__file__).parent / "ocr"))
from cardphotos import encode, on_desk, render_card


@pytest.fixture(scope="module")
def card_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cards")
    files = {
        "photo": folder / "photo.jpg",
        "scan": folder / "scan.png",
        "broken": folder / "broken.jpg",
    }
    files["photo"].write_bytes(encode(on_desk(render_card(), angle=8)[0], "JPEG"))
    files["scan"].write_bytes(encode(render_card(), "PNG"))
    files["broken"].write_bytes(b"this is not a photo")
    return files


@pytest.mark.slow
def test_json_lines_for_a_batch_with_a_bad_file(card_files):
    result = CliRunner().invoke(
        cli,
        [
            "scan",
            *(str(card_files[k]) for k in ("photo", "broken", "scan")),
            "--json",
            "--engine",
            "tesseract",
        ],
    )
    assert result.exit_code == 1  # one file failed ...
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [
        str(card_files["photo"]),
        str(card_files["scan"]),
    ]  # ... not the rest
    for line in lines:
        assert line["contact"]["emails"] == ["jane.doe@nypl.org"]
        assert line["contact"]["phones"] == [{"number": "+12125550134", "kind": "work"}]
        assert "timings" in line and "words" not in line
    assert f"{card_files['broken']}: error:" in result.stderr
    assert "unreadable_image" in result.stderr
    assert "%|" not in result.stderr  # no progress bar without a terminal / with --json


@pytest.mark.slow
def test_readable_summary_and_region(card_files):
    result = CliRunner().invoke(
        cli, ["scan", str(card_files["scan"]), "--engine", "tesseract", "--region", "gb"]
    )
    assert result.exit_code == 0, result.output
    assert str(card_files["scan"]) in result.stdout
    assert "jane.doe@nypl.org" in result.stdout
    assert "+12125550134 (work)" in result.stdout


def test_a_missing_file_is_reported_and_fails(tmp_path):
    missing = tmp_path / "nope.jpg"
    result = CliRunner().invoke(cli, ["scan", str(missing), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{missing}: error:" in result.stderr


def test_an_unknown_engine_is_a_usage_error(card_files):
    result = CliRunner().invoke(cli, ["scan", str(card_files["scan"]), "--engine", "magic"])
    assert result.exit_code == 2
