"""Scan flows where the reading itself is not the point, with the stand-in reader (fast, exact): both
sides merged, isolation, idempotent retries, batches and async, deleting a contact with its scans."""

from __future__ import annotations

import time

import pytest
from scan_support import instructed_png, stand_in_reader

RAW = {"Content-Type": "image/png"}
JANE = {"contact": {"name": "Jane Doe", "emails": ["jane.doe@nypl.org"], "phones": ["+12125550134"]}}
MAX = {"contact": {"name": "Max Mustermann", "emails": ["max@beispiel.de"]}}


@pytest.fixture
def reader():
    return stand_in_reader


def _stored_files(client) -> list[str]:
    root = client.app.state.meishi.settings.data_dir / "images"
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _scan(client, headers, instructions=JANE, **kw) -> dict:
    response = client.post(
        "/v1/scans", content=instructed_png(instructions), headers={**headers, **RAW}, **kw
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_front_and_back_are_merged(client, make_user):
    headers = make_user()
    back = instructed_png(
        {"contact": {"name": "J. Doe", "company": "NYPL", "websites": ["https://nypl.org"]}}
    )
    files = {
        "image": ("front.png", instructed_png(JANE), "image/png"),
        "back": ("back.png", back, "image/png"),
    }
    scan = client.post("/v1/scans", files=files, headers=headers).json()
    contact = scan["contact"]
    assert (contact["name"], contact["company"], contact["websites"]) == (
        "Jane Doe",
        "NYPL",
        ["https://nypl.org"],
    )
    assert contact["emails"] == ["jane.doe@nypl.org"]
    assert scan["reading"]["back"]["contact"]["company"] == "NYPL"
    assert client.get(scan["links"]["back_image"], headers=headers).content == back


def test_other_users_get_404(client, make_user):
    alice, bob = make_user(), make_user()
    scan = _scan(client, alice)
    for path in (f"/v1/scans/{scan['id']}", scan["links"]["image"], scan["links"]["card_image"]):
        response = client.get(path, headers=bob)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "scan_not_found"
        assert client.get(path, headers=alice).status_code == 200
    assert client.post(f"/v1/scans/{scan['id']}/retry", headers=bob).status_code == 404
    assert client.get("/v1/scans", headers=bob).json() == {"items": [], "total": 0, "limit": 50, "offset": 0}
    assert client.get("/v1/scans/not-a-uuid", headers=alice).status_code == 422


def test_idempotency_key_returns_the_same_scan(client, make_user):
    alice, bob = make_user(), make_user()
    photo = instructed_png(JANE)
    key = {"Idempotency-Key": "phone-upload-42"}
    first = client.post("/v1/scans", files={"image": ("a.png", photo, "image/png")}, headers={**alice, **key})
    again = client.post("/v1/scans", files={"image": ("a.png", photo, "image/png")}, headers={**alice, **key})
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["contact"]["id"] == first.json()["contact"]["id"]
    assert client.get("/v1/contacts", headers=alice).json()["total"] == 1
    assert client.get("/v1/scans", headers=alice).json()["total"] == 1
    # Keys are per user: Bob's identical key is his own upload.
    theirs = client.post("/v1/scans", content=photo, headers={**bob, **key, **RAW})
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    # An async retry of an async upload is the same scan too.
    async_key = {"Idempotency-Key": "async-1"}
    one = client.post("/v1/scans?mode=async", content=photo, headers={**alice, **async_key, **RAW})
    two = client.post("/v1/scans?mode=async", content=photo, headers={**alice, **async_key, **RAW})
    assert (one.status_code, two.status_code) == (202, 200) and one.json()["id"] == two.json()["id"]


def test_an_idempotency_key_reused_for_another_upload_is_refused_not_replayed(client, make_user):
    alice = make_user()
    key = {"Idempotency-Key": "IMG_0042"}
    first = client.post("/v1/scans", content=instructed_png(JANE), headers={**alice, **key, **RAW})
    assert first.status_code == 201
    # Another photo under the same key: answering with Jane's scan would silently lose Max's card.
    other = client.post("/v1/scans", content=instructed_png(MAX), headers={**alice, **key, **RAW})
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    # The same photo read with other options is another request too; so is a batch under that key.
    relabelled = client.post(
        "/v1/scans",
        files={"image": ("a.png", instructed_png(JANE), "image/png")},
        data={"region": "DE"},
        headers={**alice, **key},
    )
    assert relabelled.status_code == 422
    batch = [("image", (f"{i}.png", instructed_png(JANE), "image/png")) for i in range(2)]
    assert client.post("/v1/scans", files=batch, headers={**alice, **key}).status_code == 422
    assert client.get("/v1/scans", headers=alice).json()["total"] == 1
    # The true retry, through another transport, is still the first scan.
    again = client.post(
        "/v1/scans", files={"image": ("b.png", instructed_png(JANE), "image/png")}, headers={**alice, **key}
    )
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_batch_and_async(client, make_user):
    headers = make_user()
    files = [
        ("image", ("1.png", instructed_png(JANE), "image/png")),
        ("image", ("2.png", instructed_png(MAX), "image/png")),
    ]
    accepted = client.post("/v1/scans?mode=async", files=files, headers=headers)
    assert accepted.status_code == 202, accepted.text
    items = accepted.json()["items"]
    assert len(items) == 2 and {item["status"] for item in items} <= {"queued", "processing"}

    single = client.post(
        "/v1/scans", content=instructed_png(MAX), headers={**headers, **RAW, "Prefer": "respond-async"}
    )
    assert single.status_code == 202
    assert single.headers["Location"] == f"/v1/scans/{single.json()['id']}"
    ids = [item["id"] for item in items] + [single.json()["id"]]
    done: dict[str, dict] = {}
    deadline = time.monotonic() + 30
    while len(done) < 3 and time.monotonic() < deadline:
        for scan_id in ids:
            scan = client.get(f"/v1/scans/{scan_id}", headers=headers).json()
            if scan["status"] in ("done", "failed"):
                done[scan_id] = scan
        time.sleep(0.05)
    assert [done[i]["contact"]["name"] for i in ids] == ["Jane Doe", "Max Mustermann", "Max Mustermann"]
    assert done[ids[2]]["contact"]["possible_duplicate_of"] == [done[ids[1]]["contact_id"]]

    synchronous_batch = client.post("/v1/scans", files=files, headers=headers)
    assert synchronous_batch.status_code == 201
    assert [s["contact"]["name"] for s in synchronous_batch.json()["items"]] == ["Jane Doe", "Max Mustermann"]


def test_deleting_a_contact_deletes_its_scans_and_images(client, make_user):
    headers = make_user()
    scan = _scan(client, headers)
    kept = _scan(client, headers, MAX)
    assert len(_stored_files(client)) == 4  # per scan: the original and the flattened card
    assert client.delete(f"/v1/contacts/{scan['contact_id']}", headers=headers).status_code == 204
    assert client.get(f"/v1/scans/{scan['id']}", headers=headers).status_code == 404
    assert client.get(f"/v1/scans/{kept['id']}", headers=headers).status_code == 200
    assert len(_stored_files(client)) == 2 and all(kept["id"] in path for path in _stored_files(client))


def test_service_api_for_the_web_form(client, make_user):
    """The web form calls the same service without HTTP: bytes + options in, a finished scan out."""
    from sqlalchemy import select

    from app.scans.intake import photo_from_bytes
    from app.scans.schemas import ScanOptions
    from app.scans.submit import submit
    from models import Contact, User

    make_user("web@example.com")
    state = client.app.state.meishi
    with state.sessions() as session:
        user = session.scalars(select(User).where(User.email == "web@example.com")).one()
        photo = photo_from_bytes(instructed_png(JANE), state.settings)
        result = submit(state.scans, session, user, [photo], ScanOptions(event_name="Expo"))
        assert result.finished and not result.replayed
        contact = session.get(Contact, result.scans[0].contact_id)
        assert contact is not None and (contact.name, contact.event_name) == ("Jane Doe", "Expo")
