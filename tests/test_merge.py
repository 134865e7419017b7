"""Duplicates: flagged on creation by email, E.164 phone or name at company; merged field by field with
every scan and follow-up kept and a record of what was merged."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select

from app.db import unit_of_work
from models import Contact, ContactMatchKey, Scan


def _contact(client, headers, **fields) -> dict:
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _scan_for(client, contact_id: str) -> uuid.UUID:
    """A finished scan row pointing at the contact, as the scan pipeline leaves it."""
    with unit_of_work(client.app.state.meishi.sessions) as session:
        contact = session.get(Contact, uuid.UUID(contact_id))
        assert contact is not None
        scan = Scan(
            user_id=contact.user_id,
            status="done",
            image_key=f"test/{uuid.uuid4()}.jpg",
            image_content_type="image/jpeg",
            contact_id=contact.id,
        )
        session.add(scan)
        session.flush()
        return scan.id


def _scans_of(client, contact_id: str) -> set[uuid.UUID]:
    with client.app.state.meishi.sessions() as session:
        return set(session.scalars(select(Scan.id).where(Scan.contact_id == uuid.UUID(contact_id))))


def test_duplicates_flagged_by_phone_and_by_name_at_company(client, make_user):
    headers = make_user(default_region="US")
    first = _contact(
        client, headers, name="Jane Q. Doe", company="ACME Inc.", phones=[{"number": "(212) 555-0134"}]
    )
    by_phone = _contact(client, headers, name="J.", phones=[{"number": "+1 212-555-0134", "kind": "mobile"}])
    assert by_phone["possible_duplicate_of"] == [first["id"]]
    by_name = _contact(client, headers, name="Doe, Jane", company="Acme")
    assert by_name["possible_duplicate_of"] == [first["id"]]
    stranger = _contact(client, headers, name="John Doe", company="Acme", phones=[{"number": "212 555 0199"}])
    assert stranger["possible_duplicate_of"] == []
    # GET shows the flag in both directions, and it follows edits.
    assert set(
        client.get(f"/v1/contacts/{first['id']}", headers=headers).json()["possible_duplicate_of"]
    ) == {
        by_phone["id"],
        by_name["id"],
    }
    client.patch(f"/v1/contacts/{by_phone['id']}", json={"phones": []}, headers=headers)
    assert client.get(f"/v1/contacts/{by_phone['id']}", headers=headers).json()["possible_duplicate_of"] == []


def test_duplicate_lookup_uses_the_key_index(client, make_user):
    headers = make_user()
    contact = _contact(
        client, headers, name="Zoë Müller", company="Beispiel GmbH", emails=["Zoe@Beispiel.de"],
        phones=[{"number": "+49 30 1234567"}],
    )  # fmt: skip
    with client.app.state.meishi.sessions() as session:
        keys = {
            (k.kind, k.value)
            for k in session.scalars(
                select(ContactMatchKey).where(ContactMatchKey.contact_id == uuid.UUID(contact["id"]))
            )
        }
    assert keys == {
        ("email", "zoe@beispiel.de"),
        ("phone", "+49301234567"),
        ("person", "muller zoe|beispiel"),
    }


def test_duplicates_never_cross_users(client, make_user):
    alice, bob = make_user(), make_user()
    _contact(client, alice, name="Jane", emails=["jane@nypl.org"])
    assert _contact(client, bob, name="Jane", emails=["jane@nypl.org"])["possible_duplicate_of"] == []


def test_merge_field_by_field_keeps_scans_and_history(client, make_user):
    headers = make_user()
    today = date.today()
    keep = _contact(
        client,
        headers,
        name="Jane Doe",
        company="New York Public Library",
        emails=["jane.doe@nypl.org"],
        phones=[{"number": "+12125550134", "kind": "work"}],
        websites=["https://www.nypl.org"],
        social={"linkedin": "https://www.linkedin.com/in/janedoe"},
        notes="Met at the booth.",
        met_on="2026-03-05",
        follow_up_due_on=(today + timedelta(days=9)).isoformat(),
    )
    other = _contact(
        client,
        headers,
        status="draft",
        name="Jane Q. Doe",
        title="Reference Librarian",
        company="NYPL",
        emails=["JANE.DOE@nypl.org", "jdoe@gmail.com"],
        phones=[{"number": "+1 212 555 0134", "kind": "work"}, {"number": "+12125550199", "kind": "mobile"}],
        websites=["http://nypl.org/", "https://janedoe.example"],
        social={"twitter": "@janedoe"},
        notes="Likes rare maps.",
        met_on="2026-03-02",
        follow_up_due_on=(today + timedelta(days=2)).isoformat(),
    )
    assert other["possible_duplicate_of"] == [keep["id"]]
    # The other contact has history: a snoozed follow-up, then the open one.
    client.post(
        f"/v1/contacts/{other['id']}/follow-up",
        json={"snooze_until": (today + timedelta(days=3)).isoformat()},
        headers=headers,
    )
    other_scans = {_scan_for(client, other["id"]), _scan_for(client, other["id"])}
    scans = {_scan_for(client, keep["id"]), *other_scans}
    history_before = [
        f["id"]
        for cid in (keep["id"], other["id"])
        for f in client.get(f"/v1/contacts/{cid}/follow-ups", headers=headers).json()["items"]
    ]

    response = client.post(
        f"/v1/contacts/{keep['id']}/merge", json={"other_id": other["id"]}, headers=headers
    )
    assert response.status_code == 200, response.text
    merged = response.json()
    # Single values: the confirmed contact's win; the draft only fills gaps.
    assert merged["name"] == "Jane Doe"
    assert merged["company"] == "New York Public Library"
    assert merged["title"] == "Reference Librarian"
    assert merged["status"] == "confirmed"
    assert merged["met_on"] == "2026-03-02"  # the first time you met
    # Lists keep both, without duplicates.
    assert merged["emails"] == ["jane.doe@nypl.org", "jdoe@gmail.com"]
    assert [p["number"] for p in merged["phones"]] == ["+12125550134", "+12125550199"]
    assert merged["websites"] == ["https://www.nypl.org", "https://janedoe.example"]
    assert merged["social"] == {"linkedin": "https://www.linkedin.com/in/janedoe", "twitter": "@janedoe"}
    assert merged["notes"] == "Met at the booth.\n\nLikes rare maps."
    assert merged["possible_duplicate_of"] == []
    # The sooner open follow-up is the one due; the other is kept as history.
    assert merged["follow_up"]["due_on"] == (today + timedelta(days=3)).isoformat()

    assert client.get(f"/v1/contacts/{other['id']}", headers=headers).status_code == 404
    assert _scans_of(client, keep["id"]) == scans
    history = client.get(f"/v1/contacts/{keep['id']}/follow-ups", headers=headers).json()["items"]
    assert sorted(f["id"] for f in history) == sorted(history_before)
    assert sum(1 for f in history if f["done_at"] is None and f["snoozed_at"] is None) == 1

    records = client.get(f"/v1/contacts/{keep['id']}/merges", headers=headers).json()["items"]
    assert len(records) == 1
    record = records[0]
    assert record["merged_contact_id"] == other["id"]
    assert record["snapshot"]["contact"]["name"] == "Jane Q. Doe"
    assert record["snapshot"]["contact"]["status"] == "draft"
    assert {uuid.UUID(s) for s in record["snapshot"]["scan_ids"]} == other_scans
    assert len(record["snapshot"]["follow_up_ids"]) == 2
    assert record["snapshot"]["taken"]["title"] == "Reference Librarian"


def test_confirmed_values_win_over_draft_ones(client, make_user):
    headers = make_user()
    draft = _contact(client, headers, status="draft", name="Jane D0e", company="NYPL", title="Libarian")
    confirmed = _contact(
        client, headers, name="Jane Doe", company="NYPL", title="Librarian", emails=["j@nypl.org"]
    )
    merged = client.post(
        f"/v1/contacts/{draft['id']}/merge", json={"other_id": confirmed["id"]}, headers=headers
    ).json()
    assert merged["id"] == draft["id"]
    assert (merged["name"], merged["title"], merged["status"]) == ("Jane Doe", "Librarian", "confirmed")
    assert merged["emails"] == ["j@nypl.org"]


def test_merge_chains_keep_every_record(client, make_user):
    headers = make_user()
    a, b, c = (_contact(client, headers, name=n, emails=[f"{n}@x.org"]) for n in ("a", "b", "c"))
    client.post(f"/v1/contacts/{b['id']}/merge", json={"other_id": c["id"]}, headers=headers)
    client.post(f"/v1/contacts/{a['id']}/merge", json={"other_id": b["id"]}, headers=headers)
    records = client.get(f"/v1/contacts/{a['id']}/merges", headers=headers).json()["items"]
    assert {r["merged_contact_id"] for r in records} == {b["id"], c["id"]}
    merged = client.get(f"/v1/contacts/{a['id']}", headers=headers).json()
    assert merged["emails"] == ["a@x.org", "b@x.org", "c@x.org"]
    assert len(client.get(f"/v1/contacts/{a['id']}/follow-ups", headers=headers).json()["items"]) == 3


def test_merge_errors_and_isolation(client, make_user):
    alice, bob = make_user(), make_user()
    mine = _contact(client, alice, name="Mine")
    also_mine = _contact(client, alice, name="Also mine")
    theirs = _contact(client, bob, name="Theirs")

    def merge(target: str, other: object, headers: dict):
        return client.post(f"/v1/contacts/{target}/merge", json={"other_id": other}, headers=headers)

    itself = merge(mine["id"], mine["id"], alice)
    assert (itself.status_code, itself.json()["error"]["code"]) == (422, "merge_with_itself")
    assert merge(mine["id"], theirs["id"], alice).status_code == 404
    assert merge(theirs["id"], mine["id"], alice).status_code == 404
    assert merge(mine["id"], also_mine["id"], bob).status_code == 404
    assert merge(mine["id"], str(uuid.uuid4()), alice).status_code == 404
    assert merge(mine["id"], "not-a-uuid", alice).status_code == 422
    assert client.post(f"/v1/contacts/{mine['id']}/merge", json={}, headers=alice).status_code == 422
    assert client.get(f"/v1/contacts/{mine['id']}/merges", headers=bob).status_code == 404
    # Nothing was merged or deleted by the refused attempts.
    assert client.get(f"/v1/contacts/{theirs['id']}", headers=bob).status_code == 200
    assert client.get(f"/v1/contacts/{also_mine['id']}", headers=alice).status_code == 200
    assert client.get(f"/v1/contacts/{mine['id']}/merges", headers=alice).json()["items"] == []


def test_migration_backfills_keys_of_existing_contacts(tmp_path):
    """Contacts stored before the match-key table existed are found as duplicates after upgrading."""
    from alembic import command
    from sqlalchemy import text

    from app.db import alembic_config, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002_scans")
        user_id, contact_id = uuid.uuid4().hex, uuid.uuid4().hex
        user_row = {
            "id": user_id, "email": "old@example.com", "password_hash": "x", "is_active": 1,
            "follow_up_days": 2, "business_days_only": 0, "time_zone": "UTC", "default_region": "US",
        }  # fmt: skip
        contact_row = {
            "id": contact_id, "user_id": user_id, "name": "Jane Doe", "company_key": "nypl",
            "emails": '["Jane@NYPL.org"]', "phones": '[{"number": "+12125550134", "kind": "work"}]',
            "websites": "[]", "social": "{}", "confidence": "{}", "status": "confirmed", "version": 1,
        }  # fmt: skip
        for table, row in (("users", user_row), ("contacts", contact_row)):
            row = {**row, "created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00"}
            columns = ", ".join(row)
            values = ", ".join(f":{c}" for c in row)
            connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
        command.upgrade(config, "head")
        keys = set(connection.execute(text("SELECT kind, value FROM contact_match_keys")).all())
    engine.dispose()
    assert keys == {("email", "jane@nypl.org"), ("phone", "+12125550134"), ("person", "doe jane|nypl")}
