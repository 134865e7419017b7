"""The card generator: deterministic, legible, and its ground truth is exactly what it drew."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess

import numpy as np
import phonenumbers
import pytest
from PIL import Image, ImageOps

from benchmarks.content import make_content
from benchmarks.design import LAYOUTS, make_style
from benchmarks.fonts import load
from benchmarks.generate import generate_card, main, plan_card
from benchmarks.layout import TextOp, layout_card
from benchmarks.photo import encode_turned_jpeg
from benchmarks.score import norm_web, social_set
from ocr.types import CONTRACT_FIELDS


def _texts(ops, field):
    return [op.text for op in ops if isinstance(op, TextOp) and op.field == field]


def _drawn(seed: int, index: int, layout: str):
    rng = random.Random(f"test/{seed}/{index}")
    content = make_content(rng)
    style = make_style(rng, layout)
    size, ops, _ = layout_card(content, style, 1000)
    return content, size, ops


@pytest.mark.slow
def test_same_seed_and_index_give_the_same_card_bytes():
    a, b = generate_card(11, 3), generate_card(11, 3)
    assert a.image == b.image
    assert a.label() == b.label()
    assert plan_card(11, 4)[0].truth != a.truth
    assert plan_card(12, 3)[0].truth != a.truth


@pytest.mark.parametrize("layout", LAYOUTS)
def test_ground_truth_is_what_is_drawn(layout):
    for index in range(12):
        content, _, ops = _drawn(3, index, layout)
        truth = content.truth
        assert _texts(ops, "name") == [truth["name"]]
        for fld in ("title", "company", "department"):
            drawn = [t.casefold() for t in _texts(ops, fld)]  # caps styles print "ACME GMBH"
            assert drawn == ([truth[fld].casefold()] if truth[fld] else [])
        assert sorted(_texts(ops, "emails")) == sorted(truth["emails"])
        region = truth["region"]
        printed_numbers = {
            phonenumbers.format_number(phonenumbers.parse(t, region), phonenumbers.PhoneNumberFormat.E164)
            for t in _texts(ops, "phones")
        }
        assert printed_numbers == {p["number"] for p in truth["phones"]}
        assert {norm_web(t) for t in _texts(ops, "websites")} == {norm_web(t) for t in truth["websites"]}
        assert (", ".join(_texts(ops, "address")) or None) == truth["address"]
        drawn_social = set()
        for t in _texts(ops, "social"):
            drawn_social |= social_set({"twitter" if t.startswith("@") else "linkedin": t})
        assert drawn_social == social_set(truth["social"])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_stays_on_the_card_and_lines_do_not_overlap(layout):
    for index in range(12):
        _, (w, h), ops = _drawn(5, index, layout)
        boxes = []
        for op in ops:
            if not isinstance(op, TextOp):
                continue
            font = load(op.font, op.size)
            left, top, right, bottom = font.getbbox(op.text, anchor="la")
            right += op.tracking * len(op.text)
            box = (op.x + left, op.y + top, op.x + right, op.y + bottom)
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= w and box[3] <= h, (layout, index, op.text)
            boxes.append((box, op.text))
        for i, (a, ta) in enumerate(boxes):
            for b, tb in boxes[i + 1 :]:
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                assert overlap_x <= 2 or overlap_y <= 2, (layout, index, ta, tb)  # glyph overhang


@pytest.mark.slow
def test_photos_have_the_card_inside_the_frame():
    for index in range(3):
        card = generate_card(21, index, mode="photo")
        upright = ImageOps.exif_transpose(Image.open(io.BytesIO(card.image)))
        fw, fh = card.meta["frame"]
        assert upright.size == (fw, fh)
        for x, y in card.meta["corners"]:
            assert 0 <= x <= fw and 0 <= y <= fh


@pytest.mark.parametrize(("turn", "tag"), [(90, 6), (270, 8), (180, 3)])
def test_turned_photos_carry_the_exif_tag_that_turns_them_back(turn, tag):
    pixels = np.zeros((30, 60, 3), np.uint8)
    pixels[:, :20] = 255  # white on the left when upright
    img = Image.open(io.BytesIO(encode_turned_jpeg(pixels, 95, turn)))
    assert img.getexif()[0x0112] == tag
    assert img.size == ((30, 60) if turn != 180 else (60, 30))
    upright = np.asarray(ImageOps.exif_transpose(img).convert("L"))
    assert upright.shape == (30, 60)
    assert upright[:, :15].mean() > 200 and upright[:, 30:].mean() < 50


def test_mix_of_locales_layouts_and_scans():
    plans = [plan_card(1, i) for i in range(60)]
    assert {mode for _, _, mode in plans} == {"photo", "scan"}
    assert len({content.locale.code for content, _, _ in plans}) >= 8
    assert {style.layout for _, style, _ in plans} == set(LAYOUTS)
    assert len({style.body.name for _, style, _ in plans}) >= 6
    accented = [c.name for c, _, _ in plans if any(ch in c.name for ch in "äöüéèçñãíóúàïô")]
    assert len(accented) >= 5


@pytest.mark.slow
def test_cli_writes_images_and_labels(tmp_path):
    assert main(["--seed", "4", "--count", "2", "--out", str(tmp_path)]) == 0
    label = json.loads((tmp_path / "0001.json").read_text("utf-8"))
    assert set(label) >= {*CONTRACT_FIELDS, "region", "meta"}
    assert (tmp_path / "0001.jpg").read_bytes() == generate_card(4, 1).image


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs the tesseract binary")
def test_a_flat_scan_is_legible_to_plain_tesseract(tmp_path):
    for index in range(6):
        card = generate_card(8, index, mode="scan")
        if card.truth["emails"] and card.style.layout not in ("dark",):
            break
    path = tmp_path / "scan.jpg"
    path.write_bytes(card.image)
    text = subprocess.run(
        ["tesseract", str(path), "stdout"], capture_output=True, text=True, check=True
    ).stdout
    assert card.truth["emails"][0] in text.replace(" ", "").lower()
