"""Events: CRUD, contacts met there (met_on from the event date), follow-up progress, isolation."""

from __future__ import annotations

import uuid
from datetime import timedelta

from app.followups.schedule import today_in


def _event(client, headers, **fields):
    body = {"name": "Library Expo", "date": "2026-03-02", "place": "Javits Center", **fields}
    response = client.post("/v1/events", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _contact(client, headers, **fields):
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_event_crud(client, make_user):
    headers = make_user()
    created = _event(client, headers)
    assert created["name"] == "Library Expo"
    assert created["date"] == "2026-03-02"
    assert created["place"] == "Javits Center"
    assert created["contacts"] == []
    assert created["progress"] == {"contacts": 0, "done": 0, "due": 0, "overdue": 0, "upcoming": 0}

    fetched = client.get(f"/v1/events/{created['id']}", headers=headers)
    assert fetched.status_code == 200
    assert fetched.json()["name"] == "Library Expo"

    patched = client.patch(
        f"/v1/events/{created['id']}", json={"place": None, "name": "Expo"}, headers=headers
    )
    assert patched.status_code == 200
    assert patched.json()["place"] is None and patched.json()["name"] == "Expo"

    _event(client, headers, name="Older", date="2025-01-01")
    _event(client, headers, name="Undated", date=None)
    listed = client.get("/v1/events", headers=headers).json()
    assert listed["total"] == 3
    assert [e["name"] for e in listed["items"]] == ["Expo", "Older", "Undated"]

    assert client.delete(f"/v1/events/{created['id']}", headers=headers).status_code == 204
    assert client.get(f"/v1/events/{created['id']}", headers=headers).status_code == 404


def test_contact_in_event_gets_its_date_and_name(client, make_user):
    headers = make_user(follow_up_days=3)
    event = _event(client, headers)
    contact = _contact(client, headers, name="Jane Doe", event_id=event["id"])
    assert contact["met_on"] == "2026-03-02"
    assert contact["event_name"] == "Library Expo"
    assert contact["follow_up"]["due_on"] == "2026-03-05"
    # An explicit met_on wins over the event's date.
    other = _contact(client, headers, name="Max", event_id=event["id"], met_on="2026-03-03")
    assert other["met_on"] == "2026-03-03"


def test_moving_a_contact_into_an_event(client, make_user):
    headers = make_user()
    event = _event(client, headers)
    contact = _contact(client, headers, name="Jane Doe")
    moved = client.patch(f"/v1/contacts/{contact['id']}", json={"event_id": event["id"]}, headers=headers)
    assert moved.status_code == 200
    assert moved.json()["event_name"] == "Library Expo"


def test_event_detail_lists_contacts_with_progress(client, make_user):
    headers = make_user(time_zone="Europe/Berlin")
    today = today_in("Europe/Berlin")
    event = _event(client, headers)
    dues = {
        "Late": today - timedelta(days=2),
        "Now": today,
        "Soon": today + timedelta(days=3),
        "Done": today - timedelta(days=1),
    }
    ids = {}
    for name, due in dues.items():
        ids[name] = _contact(
            client, headers, name=name, event_id=event["id"], follow_up_due_on=due.isoformat()
        )["id"]
    client.post(f"/v1/contacts/{ids['Done']}/follow-up", json={"channel": "email"}, headers=headers)
    _contact(client, headers, name="Elsewhere")  # not at this event

    detail = client.get(f"/v1/events/{event['id']}", headers=headers).json()
    assert [c["name"] for c in detail["contacts"]] == ["Done", "Late", "Now", "Soon"]
    assert detail["progress"] == {"contacts": 4, "done": 1, "due": 1, "overdue": 1, "upcoming": 1}
    listed = client.get("/v1/events", headers=headers).json()["items"][0]
    assert listed["progress"] == detail["progress"]
    assert client.get(f"/v1/contacts?event_id={event['id']}", headers=headers).json()["total"] == 4


def test_deleting_an_event_keeps_its_contacts(client, make_user):
    headers = make_user()
    event = _event(client, headers)
    contact = _contact(client, headers, name="Jane Doe", event_id=event["id"])
    assert client.delete(f"/v1/events/{event['id']}", headers=headers).status_code == 204
    kept = client.get(f"/v1/contacts/{contact['id']}", headers=headers)
    assert kept.status_code == 200
    assert kept.json()["event_id"] is None
    assert kept.json()["event_name"] == "Library Expo"
    assert kept.json()["met_on"] == "2026-03-02"


def test_renaming_and_redating_an_event_updates_its_contacts(client, make_user):
    headers = make_user()
    event = _event(client, headers)
    from_event = _contact(client, headers, name="A", event_id=event["id"])
    own_date = _contact(client, headers, name="B", event_id=event["id"], met_on="2026-03-04")
    client.patch(
        f"/v1/events/{event['id']}", json={"name": "Library Expo 2026", "date": "2026-03-03"}, headers=headers
    )
    a = client.get(f"/v1/contacts/{from_event['id']}", headers=headers).json()
    b = client.get(f"/v1/contacts/{own_date['id']}", headers=headers).json()
    assert (a["event_name"], a["met_on"]) == ("Library Expo 2026", "2026-03-03")
    assert (b["event_name"], b["met_on"]) == ("Library Expo 2026", "2026-03-04")


def test_dating_an_undated_event_dates_its_contacts(client, make_user):
    headers = make_user()
    event = _event(client, headers, date=None)
    contact = _contact(client, headers, name="A", event_id=event["id"])
    assert contact["met_on"] is None
    client.patch(f"/v1/events/{event['id']}", json={"date": "2026-02-02"}, headers=headers)
    assert client.get(f"/v1/contacts/{contact['id']}", headers=headers).json()["met_on"] == "2026-02-02"


def test_events_are_isolated(client, make_user):
    alice, bob = make_user(), make_user()
    event = _event(client, alice)
    path = f"/v1/events/{event['id']}"
    assert client.get(path, headers=bob).status_code == 404
    assert client.patch(path, json={"name": "x"}, headers=bob).status_code == 404
    assert client.delete(path, headers=bob).status_code == 404
    assert client.get("/v1/events", headers=bob).json()["items"] == []
    # Bob cannot file a contact under Alice's event either.
    response = client.post("/v1/contacts", json={"name": "X", "event_id": event["id"]}, headers=bob)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unknown_event"
    assert client.get(path, headers=alice).status_code == 200


def test_invalid_event_is_422(client, make_user):
    headers = make_user()
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": "x" * 201}, {"name": "A", "date": "yesterday"}):
        response = client.post("/v1/events", json=body, headers=headers)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "validation_error"
    assert client.get("/v1/events", headers=headers).json()["total"] == 0


def test_event_ids(client, make_user):
    headers = make_user()
    assert client.get("/v1/events/not-a-uuid", headers=headers).status_code == 422
    missing = client.get(f"/v1/events/{uuid.uuid4()}", headers=headers)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "event_not_found"
    event = _event(client, headers)
    assert client.patch(f"/v1/events/{event['id']}", json={"name": None}, headers=headers).status_code == 422


def test_scanned_draft_filed_under_an_event_is_met_on_its_date(client, make_user):
    """The scan pipeline turns a reading into a draft (app.scans.drafts) and creates it: same seam here."""
    from app.contacts.service import create_contact
    from app.db import unit_of_work
    from app.scans.drafts import draft_contact
    from app.users.repository import get_by_email

    headers = make_user("scanner@example.com", follow_up_days=2, business_days_only=True)
    event = _event(client, headers, date="2026-03-06")  # a Friday
    fields = {"name": "Jane Doe", "emails": ["jane.doe@nypl.org"], "phones": [{"number": "+12125550134"}]}
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, "scanner@example.com")
        draft = draft_contact(fields, {"event_id": event["id"]}, None)
        contact_id = create_contact(session, user, draft, source_scan_id=uuid.uuid4()).id
    contact = client.get(f"/v1/contacts/{contact_id}", headers=headers).json()
    assert (contact["status"], contact["met_on"], contact["event_name"]) == (
        "draft",
        "2026-03-06",
        "Library Expo",
    )
    assert contact["follow_up"]["due_on"] == "2026-03-10"  # two business days after a Friday
    detail = client.get(f"/v1/events/{event['id']}", headers=headers).json()
    assert [c["id"] for c in detail["contacts"]] == [str(contact_id)]
