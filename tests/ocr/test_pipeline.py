"""read_card end to end on drawn phone photos: the stages in order, and what a user gets back."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from cardphotos import VCARD, card_with_qr, encode, on_desk, render_card

from ocr import ImageTooLarge, ReadOptions, UnreadableImage, read_card
from ocr.cleanup.light import ink_on_white, to_gray
from ocr.cleanup.orient import rotate_quarter
from ocr.engines.registry import engines_for
from ocr.engines.tesseract import Orientation, TesseractEngine, start_orientation
from ocr.engines.threads import THREADS_ENV
from ocr.upright import OSD_MIN_CONFIDENCE, make_upright

TESSERACT = ReadOptions(engine="tesseract")
EXPECTED_STAGES = {"decode", "find_card", "warp", "light", "scale", "orient", "qr", "total"}


def _assert_jane(reading):
    contact = reading.contact
    assert contact.emails == ("jane.doe@nypl.org",)
    assert [p.number for p in contact.phones] == ["+12125550134"]
    assert contact.name == "Jane Doe"


@pytest.fixture(scope="module")
def desk_photo():
    return on_desk(render_card(), angle=10, tilt=0.05)


@pytest.fixture(scope="module")
def desk_reading(desk_photo):
    return read_card(encode(desk_photo[0], "JPEG", quality=88), TESSERACT)


@pytest.mark.slow
def test_a_phone_photo_of_a_card_reads_its_fields(desk_reading):
    _assert_jane(desk_reading)
    assert desk_reading.warnings == ()
    assert desk_reading.orientation == 0
    assert desk_reading.engine == "tesseract"
    assert "jane.doe@nypl.org" in desk_reading.text


@pytest.mark.slow
def test_the_card_corners_are_reported_near_the_truth(desk_photo, desk_reading):
    _, truth = desk_photo
    found = np.array(desk_reading.corners, np.float32)
    assert np.max(np.linalg.norm(found - truth, axis=1)) < 25  # px, on a 1600 x 1200 photo


@pytest.mark.slow
def test_word_boxes_refer_to_the_returned_card_image(desk_reading):
    assert desk_reading.card_image is not None
    card = cv2.imdecode(np.frombuffer(desk_reading.card_image, np.uint8), cv2.IMREAD_COLOR)
    width, height = desk_reading.card_size
    assert card.shape[:2] == (height, width)
    assert width / height == pytest.approx(1050 / 600, rel=0.08)
    email = next(w for w in desk_reading.words if w.text == "jane.doe@nypl.org")
    patch = card[email.box.top : email.box.bottom, email.box.left : email.box.right]
    assert patch.size and patch.min() < 100  # the box holds dark ink: the email, on the card image


@pytest.mark.slow
def test_every_stage_is_timed(desk_reading):
    assert set(desk_reading.timings) >= EXPECTED_STAGES
    assert all(t >= 0 for t in desk_reading.timings.values())
    assert desk_reading.timings["total"] >= desk_reading.timings["decode"]


@pytest.mark.slow
def test_the_reading_serialises_to_json(desk_reading):
    data = json.loads(json.dumps(desk_reading.to_dict()))
    assert data["contact"]["emails"] == ["jane.doe@nypl.org"]
    assert len(data["corners"]) == 4


@pytest.mark.slow
@pytest.mark.parametrize("threads", ["1", "2"])
@pytest.mark.parametrize("turn", [180, 90])
def test_a_card_photographed_turned_is_read_upright(monkeypatch, turn, threads):
    # With 2 threads, orientation detection of the upside-down card runs beside the first reading.
    monkeypatch.setenv(THREADS_ENV, threads)
    frame = (1600, 1200) if turn == 180 else (1200, 1600)
    photo, _ = on_desk(rotate_quarter(render_card(), turn), frame=frame, angle=4, scale=0.7)
    reading = read_card(encode(photo), TESSERACT)
    assert reading.orientation == (360 - turn) % 360
    _assert_jane(reading)


class _UnsureOrientation:
    """OSD's answer below its confidence floor (upside-down photos read 1.02-1.32, docs/reader.md)."""

    def __init__(self, rotate: int | None) -> None:
        self.rotate = rotate

    def result(self) -> Orientation | None:
        if self.rotate is None:  # too little text to tell
            return None
        return Orientation(rotate=self.rotate, confidence=OSD_MIN_CONFIDENCE - 0.5)

    def cancel(self) -> None:
        pass


def _counted_tesseract_reads(monkeypatch) -> list[int]:
    """Tesseract's readings from now on, one entry each (another case's readings of the same photo are
    forgotten first, so none is reused)."""
    engines_for("tesseract")[0].forget()
    reads: list[int] = []
    read_words = TesseractEngine._read_words
    counted = lambda *args, **kwargs: reads.append(1) or read_words(*args, **kwargs)  # noqa: E731
    monkeypatch.setattr(TesseractEngine, "_read_words", counted)
    return reads


@pytest.mark.slow
@pytest.mark.parametrize(("named", "taken"), [(180, 180), (0, 180), (None, 180), (90, 0)])
def test_an_unsure_orientation_is_settled_by_reading_the_card_turned(monkeypatch, named, taken):
    # An upside-down card: the turn an unsure OSD names, else a half turn, is read and taken when the card
    # reads clearly better that way; a quarter turn reads no better than the card as it is.
    monkeypatch.setenv(THREADS_ENV, "1")
    unsure = _UnsureOrientation(named)
    monkeypatch.setattr("ocr.upright.start_orientation", lambda image, *, timeout_s: unsure)
    photo, _ = on_desk(rotate_quarter(render_card(), 180), angle=4, scale=0.7)
    reads = _counted_tesseract_reads(monkeypatch)
    reading = read_card(encode(photo), TESSERACT)
    assert reading.orientation == taken
    if taken:
        _assert_jane(reading)
    assert len(reads) == 2  # as it is, then turned; the OCR stage reuses the reading kept


class _SureOrientation(_UnsureOrientation):
    """OSD's answer at or above its confidence floor."""

    def result(self) -> Orientation | None:
        return Orientation(rotate=self.rotate, confidence=OSD_MIN_CONFIDENCE + 0.5)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("photo_turn", "osd_turn", "taken"), [(0, 180, 0), (180, 180, 180), (180, 0, 180), (0, 0, 0)]
)
def test_a_sure_osd_turn_is_kept_unless_the_card_reads_better_the_other_way(
    monkeypatch, photo_turn, osd_turn, taken
):
    # OSD sure of a half turn, or sure the card is upright: where it is wrong, the card reading clearly
    # better the other way overrules it. Every reading is made to fail the upright test, so that OSD is
    # asked for every photo.
    monkeypatch.setenv(THREADS_ENV, "1")
    monkeypatch.setattr("ocr.upright.UPRIGHT_MIN_CONFIDENCE", 1.01)
    sure = _SureOrientation(osd_turn)
    monkeypatch.setattr("ocr.upright.start_orientation", lambda image, *, timeout_s: sure)
    photo, _ = on_desk(rotate_quarter(render_card(), photo_turn), angle=4, scale=0.7)
    reads = _counted_tesseract_reads(monkeypatch)
    reading = read_card(encode(photo), TESSERACT)
    assert reading.orientation == taken
    _assert_jane(reading)
    assert len(reads) == 2  # as it is, then turned; the OCR stage reuses the reading kept


@pytest.mark.slow
def test_a_card_taken_for_one_on_its_side_that_reads_neither_way_is_straightened(monkeypatch):
    # A card 7 degrees askew whose line blobs broke looks to lie on its side; when neither quarter turn
    # reads, its lines run across after all, and the projection profile measures what the blobs could not.
    monkeypatch.setenv(THREADS_ENV, "1")
    monkeypatch.setattr("ocr.upright.line_direction_scores", lambda gray: (0.0, 66.0))
    monkeypatch.setattr("ocr.upright.start_orientation", lambda image, *, timeout_s: _UnsureOrientation(None))
    big = ink_on_white(to_gray(render_card((("Jane Doe", 110, True), ("Librarian", 110, False)))))
    height, width = big.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), 7.0, 1.0)
    askew = cv2.warpAffine(big, matrix, (width, height), borderValue=255)
    upright = make_upright(askew, TESSERACT)
    assert upright.rotation == 0
    assert upright.skew == pytest.approx(-7.0, abs=0.3)


@pytest.mark.slow
def test_an_upright_card_taken_for_one_on_its_side_is_read_as_it_is(monkeypatch):
    # The line blobs say the lines run down; neither quarter turn reads, the card as it is does.
    monkeypatch.setenv(THREADS_ENV, "1")
    monkeypatch.setattr("ocr.pipeline.line_direction_scores", lambda gray: (0.0, 66.0))
    monkeypatch.setattr("ocr.upright.start_orientation", lambda image, *, timeout_s: _UnsureOrientation(None))
    photo, _ = on_desk(render_card(), angle=3, scale=0.7)
    reads = _counted_tesseract_reads(monkeypatch)
    reading = read_card(encode(photo), TESSERACT)
    assert reading.orientation == 0
    _assert_jane(reading)
    assert len(reads) == 3  # both quarters, then as it is; the OCR stage reuses the last


@pytest.mark.slow
@pytest.mark.parametrize(("named", "reads_made"), [(270, 1), (90, 2), (None, 2)])
def test_an_unsure_osd_on_a_card_on_its_side_keeps_the_quarter_that_reads(monkeypatch, named, reads_made):
    # Text lines run up the photo: the quarter an unsure OSD names is read first, the other one if that
    # does not look upright, and the one that reads clearly better is kept.
    monkeypatch.setenv(THREADS_ENV, "1")
    unsure = _UnsureOrientation(named)
    monkeypatch.setattr("ocr.upright.start_orientation", lambda image, *, timeout_s: unsure)
    photo, _ = on_desk(rotate_quarter(render_card(), 90), frame=(1200, 1600), angle=4, scale=0.7)
    reads = _counted_tesseract_reads(monkeypatch)
    reading = read_card(encode(photo), TESSERACT)
    assert reading.orientation == 270
    _assert_jane(reading)
    assert len(reads) == reads_made  # the OCR stage reuses the reading kept


@pytest.mark.slow
def test_a_card_on_its_side_is_read_at_the_scale_of_the_card_upright(monkeypatch):
    # The glyph measure runs down the image; on a card lying on its side that is the glyphs' width.
    monkeypatch.setenv(THREADS_ENV, "1")
    photo, _ = on_desk(render_card(), angle=0, scale=0.7)
    upright = read_card(encode(photo), TESSERACT)
    on_its_side = read_card(encode(rotate_quarter(photo, 90)), TESSERACT)
    assert on_its_side.orientation == 270
    _assert_jane(on_its_side)
    assert on_its_side.card_size == pytest.approx(upright.card_size, rel=0.03)


@pytest.mark.slow
def test_an_upright_card_needs_no_orientation_detection(monkeypatch, desk_photo):
    def no_osd(*args, **kwargs):
        raise AssertionError("OSD should not run for a card that reads well as it is")

    monkeypatch.setenv(THREADS_ENV, "1")  # no spare core: nothing is started before it is needed
    monkeypatch.setattr("ocr.upright.start_orientation", no_osd)
    reading = read_card(encode(desk_photo[0], "JPEG", quality=87), TESSERACT)
    assert reading.orientation == 0
    _assert_jane(reading)
    assert reading.timings["ocr_tesseract"] > reading.timings["orient"]  # the check's reading is OCR time


@pytest.mark.slow
def test_with_a_spare_core_orientation_detection_starts_early_and_is_cancelled(monkeypatch, desk_photo):
    started = []

    def spy(image, *, timeout_s):
        pending = start_orientation(image, timeout_s=timeout_s)
        started.append(pending)
        return pending

    monkeypatch.setenv(THREADS_ENV, "2")
    monkeypatch.setattr("ocr.upright.start_orientation", spy)
    reading = read_card(encode(desk_photo[0], "JPEG", quality=87), TESSERACT)
    assert reading.orientation == 0
    _assert_jane(reading)
    assert len(started) == 1
    assert started[0]._process.returncode is not None  # its process is gone, not left running


@pytest.mark.slow
def test_light_text_on_a_dark_card_is_read():
    dark = render_card(paper=(45, 30, 20), ink=(240, 240, 235))
    photo, _ = on_desk(dark, angle=-7, desk=(185, 180, 175))
    _assert_jane(read_card(encode(photo), TESSERACT))


@pytest.mark.slow
def test_a_card_with_a_dark_logo_panel_is_read_whole():
    photo, _ = on_desk(render_card(panel=(25, 25, 30)), angle=-8, desk=(150, 150, 150))
    _assert_jane(read_card(encode(photo), TESSERACT))


@pytest.mark.slow
def test_a_flat_scan_without_visible_edges_is_read_from_the_whole_frame():
    reading = read_card(encode(render_card(), "PNG"), TESSERACT)
    assert reading.corners is None
    assert "card_edges_not_found" in reading.warnings
    _assert_jane(reading)


@pytest.mark.slow
def test_a_blank_sheet_taken_for_the_card_falls_back_to_the_whole_frame():
    # The card's paper is the desk's colour (no edges to find) and a blank sheet lies beside it: the
    # sheet's quad has nothing legible, so the whole frame is read instead.
    desk = (170, 170, 170)
    photo, _ = on_desk(render_card(paper=desk), desk=desk, scale=0.5, shade=False)
    photo = np.roll(photo, -330, axis=1)
    cv2.rectangle(photo, (920, 380), (1560, 780), (60, 140, 230), -1)
    reading = read_card(encode(photo), TESSERACT)
    assert reading.corners is None
    assert "card_edges_not_found" in reading.warnings
    assert "whole_frame" in reading.timings
    _assert_jane(reading)


@pytest.mark.slow
def test_a_tiny_image_is_scaled_up_and_read():
    tiny = cv2.resize(render_card(), (350, 200), interpolation=cv2.INTER_AREA)
    reading = read_card(encode(tiny, "PNG"), TESSERACT)
    assert reading.card_size[0] > 350  # scaled up towards Tesseract's favourite text height
    assert reading.contact.emails == ("jane.doe@nypl.org",)


@pytest.mark.slow
def test_a_huge_photo_is_read_within_the_pixel_limit():
    photo, _ = on_desk(render_card(), angle=5)
    huge = cv2.resize(photo, (6000, 4500), interpolation=cv2.INTER_LINEAR)  # 27 MP
    reading = read_card(encode(huge, quality=80), TESSERACT)
    _assert_jane(reading)
    assert max(reading.card_size) <= 2400


def test_a_photo_over_the_pixel_limit_is_refused():
    with pytest.raises(ImageTooLarge):
        read_card(encode(np.zeros((1200, 1600, 3), np.uint8)), ReadOptions(max_pixels=1_000_000))


@pytest.mark.slow
def test_a_heic_photo_is_read():
    photo, _ = on_desk(render_card(), frame=(1200, 900), angle=-6, scale=0.85)  # small: x265 is slow
    _assert_jane(read_card(encode(photo, "HEIF", quality=85), TESSERACT))


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(UnreadableImage):
        read_card(b"GIF89a... no, just text", TESSERACT)


def _smooth_scene(seed: int) -> np.ndarray:
    """A photo of something that is not a card: soft shapes and gradients at several scales."""
    rng = np.random.default_rng(seed)
    scene = np.zeros((1200, 1600, 3), np.float32)
    for size in (8, 32, 128):
        layer = rng.normal(0, 1, (1200 // size + 1, 1600 // size + 1, 3)).astype(np.float32)
        scene += cv2.resize(layer, (1600, 1200), interpolation=cv2.INTER_CUBIC) * size / 2
    return np.clip(128 + scene, 0, 255).astype(np.uint8)


@pytest.mark.parametrize(
    "image",
    [
        np.full((1200, 1600, 3), 205, np.uint8),
        np.random.default_rng(3).integers(0, 256, (1200, 1600, 3), dtype=np.uint8),
        _smooth_scene(5),
    ],
    ids=["blank", "sensor-noise", "not-a-card"],
)
@pytest.mark.slow
def test_images_without_a_card_give_an_empty_reading_not_garbage(image):
    reading = read_card(encode(image, quality=90), TESSERACT)
    assert reading.contact.to_contract() == {
        "name": None,
        "title": None,
        "company": None,
        "department": None,
        "emails": [],
        "phones": [],
        "websites": [],
        "address": None,
        "social": {"linkedin": None, "twitter": None},
    }
    assert reading.words == ()
    assert "no_text_found" in reading.warnings


@pytest.mark.slow
@pytest.mark.parametrize("threads", ["1", "2"])  # 2: the code is read beside the orientation stage
@pytest.mark.parametrize("turn", [0, 180])  # OpenCV's detector misses this code upside down
def test_a_qr_code_on_the_card_gives_exact_fields(monkeypatch, turn, threads):
    monkeypatch.setenv(THREADS_ENV, threads)
    card = rotate_quarter(card_with_qr(VCARD), turn)
    reading = read_card(encode(card, "PNG"), TESSERACT)
    assert reading.orientation == (360 - turn) % 360
    assert "jane.doe@nypl.org" in reading.contact.emails
    assert "+12125550199" in [p.number for p in reading.contact.phones]


@pytest.mark.slow
def test_the_card_image_can_be_left_out(desk_photo):
    options = ReadOptions(engine="tesseract", keep_card_image=False)
    assert read_card(encode(desk_photo[0]), options).card_image is None


@pytest.mark.slow
def test_real_cards_are_read(shared_cards_dir):
    """Two of the shared real cards: a flatbed scan, and a phone photo whose EXIF orientation is wrong."""
    scan = read_card((shared_cards_dir / "images" / "erica-23.jpg").read_bytes(), TESSERACT)
    label = json.loads((shared_cards_dir / "labels" / "erica-23.json").read_text())
    assert set(scan.contact.emails) == set(label["emails"])
    photo = read_card((shared_cards_dir / "images" / "imvs8-02.jpg").read_bytes(), TESSERACT)
    assert photo.orientation in (90, 270)
    assert "zimmermann" in photo.text.lower()


@pytest.mark.slow
def test_a_value_the_calibration_doubts_is_returned_as_a_suggestion_not_a_field(desk_photo, monkeypatch):
    # The shipped confidence model is sure of this clean card; make it doubt the title to see the reader
    # leave that field empty and offer the value instead (ocr/withhold.py).
    import ocr.pipeline

    real_calibrate = ocr.pipeline.calibrate

    def doubting_title(extraction, engines=1):
        confidence, review = real_calibrate(extraction, engines=engines)
        return {**confidence, "title": 0.2}, tuple(sorted({*review, "title"}))

    monkeypatch.setattr(ocr.pipeline, "calibrate", doubting_title)
    reading = read_card(encode(desk_photo[0], "JPEG", quality=88), TESSERACT)
    assert reading.contact.title is None
    assert reading.suggestions["title"].value and reading.suggestions["title"].confidence == 0.2
    assert "title" in reading.needs_review and "title" not in reading.confidence
    assert reading.contact.name == "Jane Doe"
    as_json = json.loads(json.dumps(reading.to_dict(include_words=False)))
    assert as_json["suggestions"]["title"]["value"] == reading.suggestions["title"].value
