"""vCard 3.0/4.0 and CSV export, vCard import: validity via the parsers, round trips, errors, isolation."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
import vobject

from app.contacts.csv_export import HEADER

ZOE = {
    "name": "Zoë Ångström-Müller",
    "given_name": "Zoë",
    "family_name": "Ångström-Müller",
    "title": "Directrice, Recherche; Développement",
    "department": "R&D",
    "company": "Société Générale",
    "emails": ["zoe@socgen.fr", "zoe.private@example.org"],
    "phones": [
        {"number": "+33 1 42 14 20 00", "kind": "work"},
        {"number": "+33 6 12 34 56 78", "kind": "mobile"},
        {"number": "+33 1 42 14 20 01", "kind": "fax"},
    ],
    "websites": ["https://www.societegenerale.com"],
    "address": "29 Boulevard Haussmann\n75009 Paris, France",
    "social": {"linkedin": "https://www.linkedin.com/in/zoe-am", "twitter": "@zoe_am"},
    "notes": "Parle français; aime les cartes.\nSecond line, with commas.",
    "event_name": "VivaTech",
    "met_on": "2026-06-11",
}
ROUND_TRIP_FIELDS = [
    "name", "given_name", "family_name", "title", "department", "company", "emails", "phones", "websites",
    "address", "social", "notes", "event_name", "met_on",
]  # fmt: skip


def _contact(client, headers, **fields) -> dict:
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _import(client, headers, text: str, content_type: str = "text/vcard", **params):
    files = {"file": ("contacts.vcf", text.encode(), content_type)}
    return client.post("/v1/contacts/import", files=files, params=params, headers=headers)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_export_parses_with_vobject(client, make_user, version):
    headers = make_user()
    zoe = _contact(client, headers, **ZOE)
    response = client.get(
        "/v1/contacts/export.vcf", params={"id": zoe["id"], "version": version}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/vcard")
    assert "attachment" in response.headers["content-disposition"]
    card = vobject.readOne(response.text, validate=True)
    assert card.version.value == version
    assert card.fn.value == "Zoë Ångström-Müller"
    assert (card.n.value.given, card.n.value.family) == ("Zoë", "Ångström-Müller")
    assert card.org.value == ["Société Générale", "R&D"]
    assert card.title.value == "Directrice, Recherche; Développement"
    assert [e.value for e in card.contents["email"]] == ZOE["emails"]
    tels = [t.value.removeprefix("tel:") for t in card.contents["tel"]]
    assert tels == ["+33142142000", "+33612345678", "+33142142001"]  # E.164
    types = [{v.lower() for v in t.params["TYPE"]} for t in card.contents["tel"]]
    assert {"cell"} <= types[1] and {"fax"} <= types[2]
    if version == "4.0":
        assert card.tel.params["VALUE"] == ["uri"] and card.kind.value == "individual"
    assert card.adr.value.street == ZOE["address"]
    assert card.note.value == ZOE["notes"]
    assert card.uid.value == f"urn:uuid:{zoe['id']}"
    assert "photo" not in card.contents, "card photos are left out by default"


def test_vcard_round_trip_through_import(client, make_user):
    alice, bob = make_user(), make_user()
    zoe = _contact(client, alice, **ZOE)
    plain = _contact(
        client, alice, name="Max Mustermann", phones=[{"number": "030 1234567", "kind": "other"}]
    )
    for version in ("3.0", "4.0"):
        exported = client.get("/v1/contacts/export.vcf", params={"version": version}, headers=alice).text
        assert exported.count("BEGIN:VCARD") == 2
        receiver = make_user(default_region="DE")
        summary = _import(client, receiver, exported).json()
        assert (summary["created"], summary["flagged"], summary["skipped"]) == (2, 0, 0)
        imported = {c["name"]: c for c in client.get("/v1/contacts", headers=receiver).json()["items"]}
        for original in (zoe, plain):
            copy = imported[original["name"]]
            for name in ROUND_TRIP_FIELDS:
                if original is plain and name in {"phones", "given_name", "family_name"}:
                    continue  # checked below
                assert copy[name] == original[name], (version, name)
        copy = imported["Max Mustermann"]
        # N was derived from the full name on export; the receiver gets the parts.
        assert (copy["given_name"], copy["family_name"]) == ("Max", "Mustermann")
        assert copy["phones"][0]["kind"] == "other"
    assert client.get("/v1/contacts", headers=bob).json()["total"] == 0


def test_export_selection_and_route_order(client, make_user):
    headers = make_user()
    a, b, c = (_contact(client, headers, name=n) for n in ("Anna", "Ben", "Cleo"))
    one = client.get(f"/v1/contacts/export.vcf?id={a['id']}", headers=headers)
    assert one.status_code == 200 and one.text.count("BEGIN:VCARD") == 1
    assert 'filename="Anna.vcf"' in one.headers["content-disposition"]
    two = client.get(f"/v1/contacts/export.vcf?id={a['id']}&id={c['id']}", headers=headers).text
    assert [card.fn.value for card in vobject.readComponents(two)] == ["Anna", "Cleo"]
    everyone = client.get("/v1/contacts/export.vcf", headers=headers).text
    assert len(list(vobject.readComponents(everyone))) == 3
    event = client.post("/v1/events", json={"name": "Expo", "date": "2026-01-05"}, headers=headers).json()
    client.patch(f"/v1/contacts/{b['id']}", json={"event_id": event["id"]}, headers=headers)
    at_event = client.get(f"/v1/contacts/export.vcf?event_id={event['id']}", headers=headers).text
    assert [card.fn.value for card in vobject.readComponents(at_event)] == ["Ben"]


def test_export_errors_and_isolation(client, make_user):
    alice, bob = make_user(), make_user()
    mine = _contact(client, alice, name="Mine")
    theirs = _contact(client, bob, name="Theirs")
    for path in ("/v1/contacts/export.vcf", "/v1/contacts/export.csv"):
        refused = client.get(f"{path}?id={mine['id']}&id={theirs['id']}", headers=alice)
        assert refused.status_code == 404
        assert refused.json()["error"]["details"] == {"missing": [theirs["id"]]}
        assert client.get(f"{path}?id={uuid.uuid4()}", headers=alice).status_code == 404
        assert client.get(f"{path}?id=nope", headers=alice).status_code == 422
        everything_of_bob = client.get(path, headers=bob).text
        assert "Theirs" in everything_of_bob and "Mine" not in everything_of_bob
    assert client.get("/v1/contacts/export.vcf?version=2.1", headers=alice).status_code == 422


def test_csv_export_header_and_values(client, make_user):
    headers = make_user()
    _contact(client, headers, **ZOE)
    _contact(client, headers, name="=HYPERLINK(evil)", company="@cmd", phones=[{"number": "+1 212 555 0134"}])
    response = client.get("/v1/contacts/export.csv", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # BOM: Excel and Outlook read UTF-8 then
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0].keys()) == HEADER
    assert HEADER[:3] == ("First Name", "Middle Name", "Last Name") and "E-mail Address" in HEADER
    zoe = next(r for r in rows if r["Company"] == "Société Générale")
    assert (zoe["First Name"], zoe["Last Name"]) == ("Zoë", "Ångström-Müller")
    assert zoe["Job Title"] == ZOE["title"] and zoe["Department"] == "R&D"
    assert (zoe["E-mail Address"], zoe["E-mail 2 Address"]) == tuple(ZOE["emails"])
    assert (zoe["Business Phone"], zoe["Mobile Phone"], zoe["Business Fax"]) == (
        "+33142142000",
        "+33612345678",
        "+33142142001",
    )
    assert zoe["Business Street"] == ZOE["address"]
    assert zoe["Web Page"] == "https://www.societegenerale.com"
    assert zoe["Notes"].startswith(ZOE["notes"])
    assert "LinkedIn: https://www.linkedin.com/in/zoe-am" in zoe["Notes"]
    assert "Met at VivaTech on 2026-06-11" in zoe["Notes"]
    assert zoe["Categories"] == "VivaTech"
    evil = next(r for r in rows if r["Business Phone"] == "+12125550134")
    assert evil["Company"] == "'@cmd"
    assert not any(value.startswith(("=", "@")) for value in evil.values()), "spreadsheet formula injection"


def test_import_flags_or_skips_duplicates(client, make_user):
    headers = make_user()
    existing = _contact(client, headers, name="Jane Doe", emails=["jane@nypl.org"])
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane D.\r\nN:D.;Jane;;;\r\nEMAIL:JANE@nypl.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Max Muster\r\nN:Muster;Max;;;\r\nTEL;TYPE=CELL:+49 170 1234567\r\n"
        "EMAIL:not an email\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Max M.\r\nN:;;;;\r\nTEL:+491701234567\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:\r\nEND:VCARD\r\n"
    )
    response = _import(client, headers, text)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert (summary["created"], summary["flagged"], summary["skipped"]) == (1, 2, 1)
    jane, max_, max_again, empty = summary["items"]
    assert jane["status"] == "flagged" and jane["possible_duplicate_of"] == [existing["id"]]
    assert max_["status"] == "created" and any("not an email" in m for m in max_["messages"])
    assert max_again["possible_duplicate_of"] == [max_["contact_id"]], "duplicates inside one file too"
    assert empty["status"] == "skipped"
    created = client.get(f"/v1/contacts/{max_['contact_id']}", headers=headers).json()
    assert created["phones"] == [{"number": "+491701234567", "kind": "mobile"}]

    again = _import(client, headers, text, on_duplicate="skip").json()
    assert (again["created"], again["flagged"], again["skipped"]) == (0, 0, 4)
    assert client.get("/v1/contacts", headers=headers).json()["total"] == 4


def test_import_into_an_event_and_vcard_21(client, make_user):
    alice, bob = make_user(), make_user()
    event = client.post("/v1/events", json={"name": "Expo", "date": "2026-05-04"}, headers=alice).json()
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tanaka;Yuki\r\nFN:Yuki Tanaka\r\n"
        "TEL;WORK;VOICE:+81 3 1234 5678\r\nEND:VCARD\r\n"
    )
    summary = _import(client, alice, text, event_id=event["id"]).json()
    contact = client.get(f"/v1/contacts/{summary['items'][0]['contact_id']}", headers=alice).json()
    assert (contact["event_name"], contact["met_on"]) == ("Expo", "2026-05-04")
    assert contact["phones"] == [{"number": "+81312345678", "kind": "work"}]
    refused = _import(client, bob, text, event_id=event["id"])
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "unknown_event")


def test_import_bad_input_stores_nothing(client, make_user):
    headers = make_user()
    for text, code in [
        ("this is not a vcard", "invalid_vcard"),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\n", "invalid_vcard"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no_vcards"),
    ]:
        response = _import(client, headers, text)
        assert response.status_code == 422, text
        assert response.json()["error"]["code"] == code
    assert _import(client, headers, "x", content_type="image/png").status_code == 415
    assert client.post("/v1/contacts/import", headers=headers).status_code == 422
    client.app.state.meishi.settings.max_upload_bytes = 64
    big = _import(client, headers, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "x" * 100 + "\r\nEND:VCARD\r\n")
    assert big.status_code == 413
    assert client.get("/v1/contacts", headers=headers).json()["total"] == 0


def test_card_photo_only_on_request(client, make_user):
    from app.contacts.schemas import ContactCreate
    from app.contacts.service import create_contact
    from app.db import unit_of_work
    from app.storage import scan_image_key, storage_of
    from app.users.repository import get_by_email
    from models import Scan

    headers = make_user("photo@example.com")
    image = b"\xff\xd8\xff\xe0 not really a jpeg \xff\xd9"
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, "photo@example.com")
        scan = Scan(user_id=user.id, status="done", image_key="x", image_content_type="image/png")
        session.add(scan)
        session.flush()
        scan.card_image_key = scan_image_key(user.id, scan.id, "card.jpg")
        storage_of(session).put(scan.card_image_key, image, "image/jpeg")
        contact = create_contact(session, user, ContactCreate(name="Scanned Sam"), source_scan_id=scan.id)
        contact_id = str(contact.id)
    plain = client.get(f"/v1/contacts/export.vcf?id={contact_id}", headers=headers).text
    assert "PHOTO" not in plain
    for version in ("3.0", "4.0"):
        response = client.get(
            f"/v1/contacts/export.vcf?id={contact_id}&photos=true&version={version}", headers=headers
        )
        card = vobject.readOne(response.text)
        if version == "3.0":
            assert card.photo.value == image and card.photo.params["TYPE"] == ["JPEG"]
        else:
            assert card.photo.value.startswith("data:image/jpeg;base64,")
