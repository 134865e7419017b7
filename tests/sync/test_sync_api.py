"""GET /v1/sync: a full sync in pages, then deltas with tombstones, and cursors that fail loudly (410)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from app.db import unit_of_work
from app.main import create_app
from app.sync.repository import prune
from models import Scan, SyncChange, User


def _contact(client, headers, **fields) -> dict:
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _sync_all(client, headers, cursor: str | None = None, limit: int = 500) -> tuple[list[dict], str]:
    """Every page from `cursor` until has_more is false; returns the pages and the last cursor."""
    pages = []
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get("/v1/sync", params=params, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return pages, cursor


def _ids(pages: list[dict], key: str) -> list[str]:
    return [item["id"] for page in pages for item in page[key]]


def test_a_full_sync_in_small_pages_lists_everything_once(client, make_user):
    headers = make_user()
    event = client.post("/v1/events", json={"name": "Expo"}, headers=headers).json()
    contacts = [_contact(client, headers, name=f"Person {n}", event_id=event["id"]) for n in range(5)]
    other = make_user()
    _contact(client, other, name="Not mine")

    pages, _ = _sync_all(client, headers, limit=2)

    assert len(pages) > 3 and all(page["full"] for page in pages)
    assert sorted(_ids(pages, "contacts")) == sorted(c["id"] for c in contacts)
    assert _ids(pages, "events") == [event["id"]]
    follow_ups = [f for page in pages for f in page["follow_ups"]]
    assert sorted(f["contact_id"] for f in follow_ups) == sorted(c["id"] for c in contacts)
    assert [p["settings"]["time_zone"] for p in pages if p["settings"]] == ["UTC"]
    assert all(len(p["contacts"]) + len(p["events"]) + len(p["follow_ups"]) <= 2 for p in pages)


def test_a_delta_carries_edits_follow_up_history_settings_and_tombstones(client, make_user):
    headers = make_user()
    kept = _contact(client, headers, name="Ada Lovelace", emails=["ada@example.com"])
    doomed = _contact(client, headers, name="Gone Soon")
    _, cursor = _sync_all(client, headers)

    empty, cursor = _sync_all(client, headers, cursor)
    assert empty[0]["contacts"] == [] and empty[0]["tombstones"] == [] and not empty[0]["full"]

    client.patch(f"/v1/contacts/{kept['id']}", json={"title": "Countess"}, headers=headers)
    done = client.post(f"/v1/contacts/{kept['id']}/follow-up", json={"channel": "email"}, headers=headers)
    assert done.status_code == 200
    client.patch("/v1/me/settings", json={"follow_up_days": 5}, headers=headers)
    client.delete(f"/v1/contacts/{doomed['id']}", headers=headers)

    pages, cursor = _sync_all(client, headers, cursor)
    contacts = [c for p in pages for c in p["contacts"]]
    assert [(c["id"], c["title"], c["version"]) for c in contacts] == [(kept["id"], "Countess", 2)]
    assert contacts[0]["follow_up"]["done_at"] is not None
    follow_ups = {f["contact_id"]: f for p in pages for f in p["follow_ups"]}
    assert follow_ups[kept["id"]]["channel"] == "email"
    assert [p["settings"]["follow_up_days"] for p in pages if p["settings"]] == [5]
    tombstones = [t for p in pages for t in p["tombstones"]]
    assert {(t["kind"], t["id"]) for t in tombstones if t["kind"] == "contact"} == {("contact", doomed["id"])}
    assert any(t["kind"] == "follow_up" for t in tombstones)  # the deleted contact's follow-up went too

    again, _ = _sync_all(client, headers, cursor)
    assert again[0]["contacts"] == [] and again[0]["tombstones"] == []


def test_a_merge_leaves_a_tombstone_naming_the_survivor(client, make_user):
    headers = make_user()
    survivor = _contact(client, headers, name="Jane Doe", emails=["jane@example.com"])
    merged = _contact(client, headers, name="J. Doe", emails=["jane@example.com"])
    _, cursor = _sync_all(client, headers)

    response = client.post(
        f"/v1/contacts/{survivor['id']}/merge", json={"other_id": merged["id"]}, headers=headers
    )
    assert response.status_code == 200, response.text

    pages, _ = _sync_all(client, headers, cursor)
    tombstones = [t for p in pages for t in p["tombstones"] if t["kind"] == "contact"]
    assert tombstones == [{"kind": "contact", "id": merged["id"], "merged_into": survivor["id"]}]
    assert _ids(pages, "contacts") == [survivor["id"]]
    moved = [f for p in pages for f in p["follow_ups"]]
    assert moved and all(f["contact_id"] == survivor["id"] for f in moved)


def test_changes_made_during_a_full_sync_come_in_the_delta_after_it(client, make_user):
    headers = make_user()
    contacts = [_contact(client, headers, name=f"P{n}") for n in range(4)]
    first = client.get("/v1/sync", params={"limit": 2}, headers=headers).json()
    assert first["has_more"]
    renamed = client.patch(f"/v1/contacts/{contacts[0]['id']}", json={"name": "Renamed"}, headers=headers)
    assert renamed.status_code == 200
    late = _contact(client, headers, name="Late")

    pages, _ = _sync_all(client, headers, first["next_cursor"], limit=2)
    names = {c["id"]: c["name"] for p in [first, *pages] for c in p["contacts"]}
    assert names[contacts[0]["id"]] == "Renamed" and late["id"] in names


def test_bulk_updates_are_synced_too(client, make_user):
    """Renaming an event renames its contacts' event_name in one UPDATE; the sync still sends them."""
    headers = make_user()
    event = client.post("/v1/events", json={"name": "Expo"}, headers=headers).json()
    contact = _contact(client, headers, name="Met There", event_id=event["id"])
    _, cursor = _sync_all(client, headers)
    client.patch(f"/v1/events/{event['id']}", json={"name": "Expo 2026"}, headers=headers)

    pages, _ = _sync_all(client, headers, cursor)
    assert [(c["id"], c["event_name"]) for p in pages for c in p["contacts"]] == [
        (contact["id"], "Expo 2026")
    ]
    assert _ids(pages, "events") == [event["id"]]


def test_scan_status_changes_by_the_runner_are_synced(client, make_user):
    from app.scans import repository as scans

    headers = make_user()
    state = client.app.state.meishi
    with unit_of_work(state.sessions) as session:
        user_id = session.query(User.id).one()[0]
        scan = Scan(user_id=user_id, status="queued", image_key="k", image_content_type="image/jpeg")
        session.add(scan)
        session.flush()
        scan_id = scan.id
    _, cursor = _sync_all(client, headers)
    now = datetime.now(UTC)
    with unit_of_work(state.sessions) as session:
        assert scans.claim(session, scan_id, now, now + timedelta(minutes=1)) == 1
    with unit_of_work(state.sessions) as session:
        scans.renew_leases(session, [scan_id], now + timedelta(minutes=2))  # not a change anyone sees

    pages, cursor = _sync_all(client, headers, cursor)
    assert [(s["id"], s["status"]) for p in pages for s in p["scans"]] == [(str(scan_id), "processing")]


def test_foreign_tampered_and_expired_cursors_answer_410(client, make_user):
    alice, bob = make_user(), make_user()
    _contact(client, alice, name="A")
    _, alice_cursor = _sync_all(client, alice)

    foreign = client.get("/v1/sync", params={"cursor": alice_cursor}, headers=bob)
    assert foreign.status_code == 410 and foreign.json()["error"]["code"] == "cursor_invalid"
    forged = client.get("/v1/sync", params={"cursor": alice_cursor[:-3] + "abc"}, headers=alice)
    assert forged.status_code == 410 and forged.json()["error"]["code"] == "cursor_invalid"

    _contact(client, alice, name="B")
    with unit_of_work(client.app.state.meishi.sessions) as session:
        assert prune(session, datetime.now(UTC) + timedelta(seconds=1)) > 0
    expired = client.get("/v1/sync", params={"cursor": alice_cursor}, headers=alice)
    assert expired.status_code == 410
    assert expired.json()["error"]["code"] == "cursor_expired"
    assert "full sync" in expired.json()["error"]["message"]
    fresh, _ = _sync_all(client, alice)  # the way out: a full sync
    assert len(_ids(fresh, "contacts")) == 2


def test_a_cursor_survives_a_server_restart(settings, make_user, client):
    headers = make_user()
    _contact(client, headers, name="Before")
    _, cursor = _sync_all(client, headers)
    with TestClient(create_app(settings, migrate=False)) as restarted:
        _contact(restarted, headers, name="After")
        pages, _ = _sync_all(restarted, headers, cursor)
    assert [c["name"] for p in pages for c in p["contacts"]] == ["After"]


def test_two_devices_editing_one_contact_the_stale_one_gets_409(client, make_user):
    headers = make_user()
    contact = _contact(client, headers, name="Shared")
    etag = f'"{contact["version"]}"'
    first = client.patch(
        f"/v1/contacts/{contact['id']}", json={"title": "A"}, headers={**headers, "If-Match": etag}
    )
    assert first.status_code == 200
    stale = client.patch(
        f"/v1/contacts/{contact['id']}", json={"title": "B"}, headers={**headers, "If-Match": etag}
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "edit_conflict"


def test_a_user_without_changes_syncs_an_empty_account(client, make_user):
    headers = make_user()
    pages, cursor = _sync_all(client, headers)
    assert _ids(pages, "contacts") == [] and pages[-1]["settings"] is not None
    assert client.get("/v1/sync", params={"cursor": cursor}, headers=headers).status_code == 200


def test_changes_older_than_the_retention_are_forgotten_at_start_up(settings, make_user, client):
    headers = make_user()
    _, old_cursor = _sync_all(client, headers)
    _contact(client, headers, name="Old news")  # the holder of old_cursor has not seen this one yet
    _, current_cursor = _sync_all(client, headers, old_cursor)
    with unit_of_work(client.app.state.meishi.sessions) as session:
        session.execute(update(SyncChange).values(created_at=datetime.now(UTC) - timedelta(days=91)))
    _contact(client, headers, name="Recent")
    with TestClient(create_app(settings, migrate=False)) as restarted:
        gone = restarted.get("/v1/sync", params={"cursor": old_cursor}, headers=headers)
        caught_up = restarted.get("/v1/sync", params={"cursor": current_cursor}, headers=headers)
    assert gone.status_code == 410 and gone.json()["error"]["code"] == "cursor_expired"
    assert caught_up.status_code == 200  # it had seen every forgotten change
    assert [c["name"] for c in caught_up.json()["contacts"]] == ["Recent"]
