"""Issue 13's fuzzing findings, one regression test each: every bad input a documented 4xx, never a 500,
and exports that one odd contact cannot break. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
import uuid

import pytest
import vobject

from app.contacts.csv_export import safe_cell

HUGE = "99999999999999999999"  # past a signed 64-bit integer


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    if code:
        assert error["code"] == code, error
    return error


@pytest.mark.parametrize("path", ["/v1/scans", "/v1/contacts", "/v1/events", "/v1/companies"])
def test_huge_offset_is_a_422(client, make_user, path):
    headers = make_user()
    _error(client.get(f"{path}?offset={HUGE}", headers=headers), 422, "validation_error")
    _error(client.get(f"{path}?offset=1000000001", headers=headers), 422, "validation_error")
    assert client.get(f"{path}?offset=1000000000", headers=headers).status_code == 200


def test_phone_too_short_once_trimmed(client, make_user):
    headers = make_user()
    _error(
        client.post("/v1/contacts", json={"name": "A", "phones": [{"number": "  1  "}]}, headers=headers), 422
    )
    ok = client.post("/v1/contacts", json={"name": "A", "phones": [{"number": " 555 "}]}, headers=headers)
    assert ok.status_code == 201 and ok.json()["phones"][0]["number"] == "555"


def test_status_null_in_patch(client, make_user):
    headers = make_user()
    contact = client.post("/v1/contacts", json={"name": "A"}, headers=headers).json()
    _error(client.patch(f"/v1/contacts/{contact['id']}", json={"status": None}, headers=headers), 422)
    assert client.get(f"/v1/contacts/{contact['id']}", headers=headers).json()["status"] == "confirmed"
    patched = client.patch(f"/v1/contacts/{contact['id']}", json={"status": "draft"}, headers=headers)
    assert patched.status_code == 200 and patched.json()["status"] == "draft"


def test_nul_characters_are_refused_everywhere(client, make_user):
    headers = make_user()
    post = client.post
    _error(post("/v1/contacts", json={"name": "A\x00B"}, headers=headers), 422, "nul_character")
    _error(post("/v1/contacts", json={"name": "A", "social": {"github": "a\x00"}}, headers=headers), 422)
    _error(client.get("/v1/contacts", params={"q": "a\x00"}, headers=headers), 422, "nul_character")
    _error(post("/v1/events", json={"name": "Expo\x00", "date": "2026-01-02"}, headers=headers), 422)
    contact = post("/v1/contacts", json={"name": "A"}, headers=headers).json()
    patch = client.patch(f"/v1/contacts/{contact['id']}", json={"notes": "\x00"}, headers=headers)
    _error(patch, 422, "nul_character")
    names = [c["name"] for c in client.get("/v1/contacts", headers=headers).json()["items"]]
    assert names == ["A"]
    assert client.get(f"/v1/contacts/{contact['id']}", headers=headers).json()["notes"] is None


def test_odd_social_network_name_is_refused_and_cannot_break_exports(client, make_user):
    headers = make_user()
    refused = client.post("/v1/contacts", json={"name": "A", "social": {'a"b': "x"}}, headers=headers)
    _error(refused, 422, "validation_error")
    good = client.post(
        "/v1/contacts", json={"name": "Good", "social": {"github": "good"}}, headers=headers
    ).json()
    odd = client.post("/v1/contacts", json={"name": "Odd One"}, headers=headers).json()
    # A contact stored before names were checked (or by an older version) holds the quote anyway.
    from app.db import unit_of_work
    from models import Contact

    with unit_of_work(client.app.state.meishi.sessions) as session:
        session.get(Contact, uuid.UUID(odd["id"])).social = {'a"b': "x", "bad\nkey": "y"}
    for version in ("3.0", "4.0"):
        response = client.get(f"/v1/contacts/export.vcf?version={version}", headers=headers)
        assert response.status_code == 200, response.text
        cards = list(vobject.readComponents(response.text))
        assert sorted(c.fn.value for c in cards) == ["Good", "Odd One"]
        by_name = {c.fn.value: c for c in cards}
        assert by_name["Good"].x_socialprofile.value == "good"
    response = client.get("/v1/contacts/export.csv", headers=headers)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r["First Name"] for r in rows) == ["Good", "Odd"]
    assert good["id"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("+1+cmd|calc!A0", "'+1+cmd|calc!A0"),
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),
        ("\n+cmd", "'\n+cmd"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+12125550134", "+12125550134"),
        ("", ""),
        ("Jane", "Jane"),
    ],
)
def test_csv_cells_follow_owasp_formula_guard(value, expected):
    assert safe_cell(value) == expected


def test_csv_round_trip_keeps_empty_cells_empty_and_disarms_formulas(client, make_user):
    headers = make_user()
    client.post(
        "/v1/contacts",
        json={
            "name": "Mallory",
            "company": "+1+cmd|calc!A0",
            "title": " =1+1",
            "phones": [{"number": "+1 212 555 0134"}],
        },
        headers=headers,
    )
    client.post("/v1/contacts", json={"name": "Plain"}, headers=headers)
    body = client.get("/v1/contacts/export.csv", headers=headers).content.decode("utf-8-sig")
    rows = {r["First Name"]: r for r in csv.DictReader(io.StringIO(body))}
    assert rows["Mallory"]["Company"] == "'+1+cmd|calc!A0"
    assert rows["Mallory"]["Job Title"] == "' =1+1"
    assert rows["Mallory"]["Business Phone"] == "+12125550134"
    plain = rows["Plain"]
    assert plain["Company"] == plain["Middle Name"] == plain["Job Title"] == plain["Notes"] == ""
    assert not any(v == "'" for r in rows.values() for v in r.values()), "a quote alone in an empty cell"
    for row in rows.values():
        for cell in row.values():
            assert not cell.lstrip().startswith(("=", "+", "-", "@")) or re.fullmatch(r"\+[0-9]+", cell)


def test_unparseable_bodies_are_a_documented_422(client, make_user):
    headers = make_user()
    broken_json = {**headers, "Content-Type": "application/json"}
    _error(client.post("/v1/contacts", content=b"{not json", headers=broken_json), 422)
    no_boundary = {**headers, "Content-Type": "multipart/form-data"}
    _error(
        client.post("/v1/contacts/import", content=b"--x\r\nbroken", headers=no_boundary), 422, "invalid_body"
    )
    _error(
        client.post("/v1/auth/token", content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"}),
        422,
    )
    responses = client.get("/openapi.json").json()["paths"]["/v1/contacts/import"]["post"]["responses"]
    assert "invalid_body" in responses["422"]["description"]


@pytest.mark.parametrize("method", ["PATCH", "PUT", "DELETE", "POST"])
@pytest.mark.parametrize("path", ["/v1/contacts/export.csv", "/v1/contacts/export.vcf"])
def test_writing_to_an_export_path_is_405(client, make_user, method, path):
    headers = make_user()
    response = client.request(method, path, headers=headers, json={})
    _error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"
    _error(client.get("/v1/contacts/import", headers=headers), 405, "method_not_allowed")


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _timestamps(value, found: list[str]) -> list[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("_at") and isinstance(item, str):
                found.append(item)
            else:
                _timestamps(item, found)
    elif isinstance(value, list):
        for item in value:
            _timestamps(item, found)
    return found


def test_timestamps_are_rfc3339_with_offset_on_every_endpoint(client, make_user):
    headers = make_user()
    event = client.post("/v1/events", json={"name": "Expo", "date": "2026-01-02"}, headers=headers).json()
    contact = client.post("/v1/contacts", json={"name": "A", "event_id": event["id"]}, headers=headers).json()
    client.post(f"/v1/contacts/{contact['id']}/follow-up", json={"channel": "email"}, headers=headers)
    key = client.post("/v1/api-keys", json={"name": "phone"}, headers=headers).json()
    bodies = [
        contact,
        key,
        event,
        client.get(f"/v1/contacts/{contact['id']}", headers=headers).json(),
        client.get("/v1/contacts", headers=headers).json(),
        client.get(f"/v1/contacts/{contact['id']}/follow-ups", headers=headers).json(),
        client.get(f"/v1/events/{event['id']}", headers=headers).json(),
        client.get("/v1/api-keys", headers=headers).json(),
        client.get("/v1/me", headers=headers).json(),
    ]
    stamps = _timestamps(bodies, [])
    assert len(stamps) >= 10
    assert all(RFC3339.match(s) for s in stamps), [s for s in stamps if not RFC3339.match(s)]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://www.nypl.org/", "https://www.nypl.org"),
        ("HTTPS://WWW.NYPL.ORG", "https://www.nypl.org"),
        ("www.nypl.org", "https://www.nypl.org"),
        (" nypl.org/ ", "https://nypl.org"),
        ("https://nypl.org/about/", "https://nypl.org/about/"),
        ("http://nypl.org/", "http://nypl.org"),
    ],
)
def test_websites_have_one_normal_form(client, make_user, given, stored):
    headers = make_user()
    created = client.post("/v1/contacts", json={"name": "A", "websites": [given]}, headers=headers).json()
    assert created["websites"] == [stored]
    patched = client.patch(f"/v1/contacts/{created['id']}", json={"websites": [given]}, headers=headers)
    assert patched.json()["websites"] == [stored]
