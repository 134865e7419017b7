"""Scans with the real card reader: the three upload forms, HEIC and EXIF-rotated photos, empty cards,
duplicates, images, isolation, idempotent retries, batches, and deleting a contact with its scans."""

from __future__ import annotations

import base64
import io
import time

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


def _stored_files(client) -> list[str]:
    root = client.app.state.meishi.settings.data_dir / "images"
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


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


def test_front_and_back_are_merged(client, make_user):
    headers = make_user()
    back = card_photo(["Jane Doe", "Beispiel GmbH", "www.beispiel.de"])
    files = {"image": ("front.jpg", card_photo(), "image/jpeg"), "back": ("back.jpg", back, "image/jpeg")}
    response = client.post("/v1/scans", files=files, headers=headers)
    assert response.status_code == 201, response.text
    scan = response.json()
    contact = _assert_jane(scan)
    assert any("beispiel.de" in site for site in contact["websites"])
    assert client.get(scan["links"]["back_image"], headers=headers).content == back


def test_other_users_get_404(client, make_user):
    alice, bob = make_user(), make_user()
    scan = client.post(
        "/v1/scans", content=card_photo(), headers={**alice, "Content-Type": "image/jpeg"}
    ).json()
    for path in (f"/v1/scans/{scan['id']}", scan["links"]["image"], scan["links"]["card_image"]):
        response = client.get(path, headers=bob)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] in {"scan_not_found"}
    assert client.post(f"/v1/scans/{scan['id']}/retry", headers=bob).status_code == 404
    assert client.get("/v1/scans", headers=bob).json() == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert client.get("/v1/scans/not-a-uuid", headers=alice).status_code == 422


def test_idempotency_key_returns_the_same_scan(client, make_user):
    alice, bob = make_user(), make_user()
    photo = card_photo()
    key = {"Idempotency-Key": "phone-upload-42"}
    first = client.post(
        "/v1/scans", files={"image": ("a.jpg", photo, "image/jpeg")}, headers={**alice, **key}
    )
    again = client.post(
        "/v1/scans", files={"image": ("a.jpg", photo, "image/jpeg")}, headers={**alice, **key}
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["contact"]["id"] == first.json()["contact"]["id"]
    assert client.get("/v1/contacts", headers=alice).json()["total"] == 1
    # Keys are per user: Bob's identical key is his own upload.
    theirs = client.post("/v1/scans", content=photo, headers={**bob, **key, "Content-Type": "image/jpeg"})
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]


def test_batch_and_async(client, make_user):
    headers = make_user()
    files = [
        ("image", ("1.jpg", card_photo(), "image/jpeg")),
        ("image", ("2.jpg", card_photo(["Max Mustermann", "max@beispiel.de"]), "image/jpeg")),
    ]
    accepted = client.post("/v1/scans?mode=async", files=files, headers=headers)
    assert accepted.status_code == 202, accepted.text
    items = accepted.json()["items"]
    assert len(items) == 2 and {item["status"] for item in items} <= {"queued", "processing"}

    single = client.post(
        "/v1/scans",
        content=card_photo(),
        headers={**headers, "Content-Type": "image/jpeg", "Prefer": "respond-async"},
    )
    assert single.status_code == 202
    location = single.headers["Location"]
    ids = [item["id"] for item in items] + [single.json()["id"]]
    done = {}
    deadline = time.monotonic() + 60
    while len(done) < 3 and time.monotonic() < deadline:
        for scan_id in ids:
            scan = client.get(f"/v1/scans/{scan_id}", headers=headers).json()
            if scan["status"] in ("done", "failed"):
                done[scan_id] = scan
        time.sleep(0.2)
    assert len(done) == 3, "async scans finish in the background"
    assert done[ids[1]]["contact"]["emails"] == ["max@beispiel.de"]
    _assert_jane(done[ids[0]])
    assert client.get(location, headers=headers).json()["status"] == "done"


def test_deleting_a_contact_deletes_its_scans_and_images(client, make_user):
    headers = make_user()
    scan = client.post(
        "/v1/scans", content=card_photo(), headers={**headers, "Content-Type": "image/jpeg"}
    ).json()
    assert len(_stored_files(client)) == 2  # the original and the flattened card
    assert client.delete(f"/v1/contacts/{scan['contact_id']}", headers=headers).status_code == 204
    assert client.get(f"/v1/scans/{scan['id']}", headers=headers).status_code == 404
    assert _stored_files(client) == []
