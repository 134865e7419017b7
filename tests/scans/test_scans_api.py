"""Scans with the real card reader: the three upload forms, duplicates, HEIC and EXIF-rotated photos, the
stored and flattened images, and a photo without a card."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from scan_support import card_image, card_photo, encode, exif_rotated_photo


def _assert_jane(scan: dict) -> dict:
    assert scan["status"] == "done", scan
    contact = scan["contact"]
    assert contact["status"] == "draft"
    assert contact["source_scan_id"] == scan["id"]
    assert contact["name"] == "Jane Doe"
    assert contact["emails"] == ["jane.doe@nypl.org"]
    assert contact["phones"][0]["number"] == "+12125550134"
    assert 0 < contact["confidence"]["emails"] <= 1
    return contact


@pytest.mark.slow
def test_three_upload_forms_and_duplicates(client, make_user):
    headers = make_user()
    multipart = client.post(
        "/v1/scans",
        files={"image": ("IMG_0001.jpg", card_photo(), "image/jpeg")},
        data={"event_name": "Library Expo", "met_on": "2026-03-02", "follow_up_days": "5", "notes": "maps"},
        headers=headers,
    )
    assert multipart.status_code == 201, multipart.text
    assert multipart.headers["Location"] == f"/v1/scans/{multipart.json()['id']}"
    first = _assert_jane(multipart.json())
    assert first["event_name"] == "Library Expo"
    assert first["notes"] == "maps"
    assert first["follow_up"]["due_on"] == "2026-03-07"
    assert first["possible_duplicate_of"] == []

    raw = client.post(
        "/v1/scans?event_name=Expo", content=card_photo(), headers={**headers, "Content-Type": "image/jpeg"}
    )
    assert raw.status_code == 201, raw.text
    second = _assert_jane(raw.json())
    assert second["possible_duplicate_of"] == [first["id"]]

    as_json = client.post(
        "/v1/scans", json={"image": base64.b64encode(card_photo()).decode()}, headers=headers
    )
    assert as_json.status_code == 201, as_json.text
    assert set(_assert_jane(as_json.json())["possible_duplicate_of"]) == {first["id"], second["id"]}

    listed = client.get("/v1/scans", headers=headers).json()
    assert listed["total"] == 3 and all(item["status"] == "done" for item in listed["items"])


@pytest.mark.slow
def test_heic_and_exif_rotated_and_images(client, make_user):
    headers = make_user()
    heic = client.post(
        "/v1/scans", files={"image": ("IMG_0002.HEIC", card_photo(fmt="HEIF"), "image/heic")}, headers=headers
    )
    assert heic.status_code == 201, heic.text
    _assert_jane(heic.json())

    rotated_photo = exif_rotated_photo()
    rotated = client.post(
        "/v1/scans", content=rotated_photo, headers={**headers, "Content-Type": "image/jpeg"}
    )
    assert rotated.status_code == 201, rotated.text
    scan = rotated.json()
    _assert_jane(scan)

    original = client.get(scan["links"]["image"], headers=headers)
    assert original.status_code == 200
    assert original.headers["content-type"] == "image/jpeg"
    assert original.content == rotated_photo
    card = client.get(scan["links"]["card_image"], headers=headers)
    assert card.status_code == 200 and card.headers["content-type"] == "image/jpeg"
    width, height = Image.open(io.BytesIO(card.content)).size
    assert width > height, "the flattened card is upright (landscape), whatever the stored pixels were"
    assert scan["reading"]["card_size"] == [width, height]


def test_no_card_gives_empty_draft_with_warning(client, make_user):
    headers = make_user()
    response = client.post(
        "/v1/scans", content=encode(card_image(blank=True)), headers={**headers, "Content-Type": "image/jpeg"}
    )
    assert response.status_code == 201, response.text
    scan = response.json()
    assert scan["status"] == "done"
    assert "no_text_found" in scan["warnings"]
    contact = scan["contact"]
    assert contact["status"] == "draft"
    assert (contact["name"], contact["emails"], contact["phones"]) == (None, [], [])
