"""The paired speed benchmark: each card is read by every variant in turn; the ratios follow the times."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from benchmarks import paired_speed

# Above os.times() ticks (10 ms).
SECONDS = {"tesseract": 0.05, "auto": 0.15, "auto cli": 0.2, "auto speculative": 0.1}


@pytest.fixture
def timed_readers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []

    def reader(variant: str):
        def read(image: Path) -> None:
            calls.append((variant, image.stem))
            # Busy for that much CPU time (not wall time: on a loaded machine a wall-clock loop gets a
            # fraction of a core, and its CPU seconds no longer follow the variant's).
            end = time.process_time() + SECONDS[variant]
            while time.process_time() < end:
                pass

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
