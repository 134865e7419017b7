"""The paired speed benchmark: each card is read by every variant in turn; the ratios follow the times."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from benchmarks import paired_speed

SECONDS = {"tesseract": 0.05, "auto": 0.15, "auto cli": 0.2, "auto speculative": 0.1}


class Clock:
    """The benchmark's wall and CPU clocks, advanced by the fake readers: a busy loop's wall (and even CPU)
    seconds follow the machine's load, and a loaded machine failed the ratios below (2.71 for 2.0)."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now

    gmtime, strftime = staticmethod(time.gmtime), staticmethod(time.strftime)  # the stamp's date is real


@pytest.fixture
def timed_readers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    clock = Clock()
    monkeypatch.setattr(paired_speed, "time", clock)
    monkeypatch.setattr(paired_speed, "cpu_seconds", clock.perf_counter)

    def reader(variant: str):
        def read(image: Path) -> None:
            calls.append((variant, image.stem))
            clock.now += SECONDS[variant]

        return read

    monkeypatch.setattr(paired_speed, "_readers", lambda: {v: reader(v) for v in paired_speed.VARIANTS})
    return calls


def test_each_card_is_read_by_every_variant_in_rotating_order(timed_readers, tmp_path):
    images = [tmp_path / f"card-{i}.jpg" for i in range(3)]
    paired_speed.measure(images, rounds=2, variants=("tesseract", "auto", "auto cli"))
    reads = timed_readers[3:]  # after the warm-up
    assert len(reads) == 2 * 3 * 3
    firsts = [reads[i][0] for i in range(0, len(reads), 3)]
    assert firsts[:3] == ["tesseract", "auto", "auto cli"]  # the order rotates from card to card
    for i in range(0, len(reads), 3):
        assert {variant for variant, _ in reads[i : i + 3]} == {"tesseract", "auto", "auto cli"}
        assert len({stem for _, stem in reads[i : i + 3]}) == 1


def test_the_reference_always_runs_and_only_the_variants_asked_for(timed_readers, tmp_path):
    result = paired_speed.measure([tmp_path / "card-0.jpg"], rounds=1, variants=("auto speculative",))
    assert {variant for variant, _ in timed_readers} == {"tesseract", "auto speculative"}
    assert set(result["wall"]) == {"tesseract", "auto speculative"}


def test_ratios_follow_the_seconds(timed_readers, tmp_path):
    images = [tmp_path / f"card-{i}.jpg" for i in range(3)]
    result = paired_speed.measure(images, rounds=1, variants=paired_speed.VARIANTS)
    for kind in ("wall", "cpu"):
        assert result[kind]["auto"]["median_card_ratio"] == pytest.approx(3.0, rel=0.35)
        assert result[kind]["auto cli"]["ratio_of_p50"] == pytest.approx(4.0, rel=0.35)
        assert result[kind]["auto speculative"]["ratio_of_p50"] == pytest.approx(2.0, rel=0.35)


def test_the_page_shows_exactly_the_committed_results():
    assert paired_speed.DOCS.read_text("utf-8") == paired_speed.docs(
        json.loads(paired_speed.RESULTS.read_text("utf-8"))
    ), "the page differs from its JSON: run `python -m benchmarks.paired_speed --docs-only`"


def test_a_run_records_its_machine_and_note_on_the_page(timed_readers, tmp_path):
    (tmp_path / "cards" / "images").mkdir(parents=True)
    for i in range(2):
        (tmp_path / "cards" / "images" / f"card-{i}.jpg").write_bytes(b"")
    out, page = tmp_path / "speed.json", tmp_path / "speed.md"
    argv = ["--real", str(tmp_path / "cards"), "--rounds", "1", "--variants", "auto", "--json-out", str(out)]
    paired_speed.main([*argv, "--docs-out", str(page), "--note", "the start's code read 1.02 s just before"])
    result = json.loads(out.read_text("utf-8"))
    assert result["note"] == "the start's code read 1.02 s just before" and result["machine"]
    assert "Note: the start's code read 1.02 s just before." in page.read_text("utf-8")
    assert result["machine"] in page.read_text("utf-8")
