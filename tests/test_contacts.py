"""Contacts over HTTP: CRUD, search, filters, pagination, isolation, edit conflicts, bad input."""

from __future__ import annotations

import uuid

import pytest

JANE = {
    "name": "Jane Q. Doe",
    "given_name": "Jane",
    "family_name": "Doe",
    "title": "Reference Librarian",
    "company": "New York Public Library",
    "emails": ["jane.doe@nypl.org"],
    "phones": [{"number": "(212) 555-0134", "kind": "work"}],
    "websites": ["https://www.nypl.org"],
    "address": "476 Fifth Avenue, New York, NY 10018",
    "social": {"linkedin": "https://www.linkedin.com/in/janedoe", "twitter": "@janedoe"},
    "met_on": "2026-03-02",
    "event_name": "Library Expo",
}


def _create(client, headers, **fields):
    response = client.post("/v1/contacts", json={**JANE, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_read_update_delete(client, make_user):
    headers = make_user()
    created = _create(client, headers)
    assert created["phones"] == [{"number": "+12125550134", "kind": "work"}]
    assert created["follow_up"]["due_on"] == "2026-03-04"
    assert created["follow_up"]["suggested_channel"] == "email"
    assert created["follow_up"]["links"]["email"].startswith("mailto:jane.doe@nypl.org?subject=")
    assert created["follow_up"]["links"]["twitter"] == "https://x.com/janedoe"

    contact_id = created["id"]
    fetched = client.get(f"/v1/contacts/{contact_id}", headers=headers)
    assert fetched.json()["name"] == "Jane Q. Doe"
    etag = fetched.headers["ETag"]

    patched = client.patch(
        f"/v1/contacts/{contact_id}",
        json={"title": "Head Librarian", "notes": "likes maps"},
        headers={**headers, "If-Match": etag},
    )
    assert patched.status_code == 200
    assert patched.json()["title"] == "Head Librarian"
    assert patched.json()["company"] == "New York Public Library"

    stale = client.patch(
        f"/v1/contacts/{contact_id}", json={"title": "X"}, headers={**headers, "If-Match": etag}
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "edit_conflict"

    assert client.delete(f"/v1/contacts/{contact_id}", headers=headers).status_code == 204
    assert client.get(f"/v1/contacts/{contact_id}", headers=headers).status_code == 404


def test_patch_null_clears_field(client, make_user):
    headers = make_user()
    contact = _create(client, headers)
    patched = client.patch(
        f"/v1/contacts/{contact['id']}", json={"title": None, "emails": None}, headers=headers
    )
    assert patched.json()["title"] is None
    assert patched.json()["emails"] == []
    assert patched.json()["follow_up"]["suggested_channel"] == "linkedin"


def test_users_are_isolated_on_every_contact_route(client, make_user):
    alice, bob = make_user(), make_user()
    contact_id = _create(client, alice)["id"]
    assert client.get(f"/v1/contacts/{contact_id}", headers=bob).status_code == 404
    assert client.patch(f"/v1/contacts/{contact_id}", json={"name": "x"}, headers=bob).status_code == 404
    assert client.delete(f"/v1/contacts/{contact_id}", headers=bob).status_code == 404
    assert (
        client.post(
            f"/v1/contacts/{contact_id}/follow-up", json={"channel": "email"}, headers=bob
        ).status_code
        == 404
    )
    assert client.get(f"/v1/contacts/{contact_id}/follow-ups", headers=bob).status_code == 404
    assert client.get("/v1/contacts", headers=bob).json()["total"] == 0
    assert client.get("/v1/contacts?q=jane", headers=bob).json()["items"] == []
    assert client.get("/v1/follow-ups", headers=bob).json()["items"] == []
    # and Alice still has it, untouched
    assert client.get(f"/v1/contacts/{contact_id}", headers=alice).json()["name"] == "Jane Q. Doe"


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123"])
def test_malformed_id_is_422_not_500(client, make_user, bad_id):
    headers = make_user()
    response = client.get(f"/v1/contacts/{bad_id}", headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_unknown_id_is_404(client, make_user):
    response = client.get(f"/v1/contacts/{uuid.uuid4()}", headers=make_user())
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "contact_not_found"


@pytest.mark.parametrize(
    "body",
    [
        {"emails": ["not-an-email"]},
        {"phones": [{"number": "123456", "kind": "pager"}]},
        {"met_on": "yesterday"},
        {"name": "x" * 400},
    ],
)
def test_invalid_contact_is_422(client, make_user, body):
    response = client.post("/v1/contacts", json=body, headers=make_user())
    assert response.status_code == 422
    assert response.json()["error"]["details"]


def test_malformed_json_is_422(client, make_user):
    headers = {**make_user(), "Content-Type": "application/json"}
    response = client.post("/v1/contacts", content=b"{not json", headers=headers)
    assert response.status_code == 422


def test_search_and_filters(client, make_user):
    headers = make_user()
    _create(client, headers)
    _create(
        client,
        headers,
        name="Max Mustermann",
        given_name="Max",
        family_name="Mustermann",
        title="Geschäftsführer",
        company="Beispiel GmbH",
        emails=["max@beispiel.de"],
        phones=[],
        notes="met at the coffee stand",
        event_name="CeBIT",
        met_on="2026-03-10",
        status="draft",
    )

    def names(query: str) -> list[str]:
        response = client.get(f"/v1/contacts?{query}", headers=headers)
        assert response.status_code == 200, response.text
        return sorted(item["name"] for item in response.json()["items"])

    assert names("q=mustermann") == ["Max Mustermann"]
    assert names("q=LIBRARIAN") == ["Jane Q. Doe"]
    assert names("q=beispiel.de") == ["Max Mustermann"]
    assert names("q=coffee") == ["Max Mustermann"]
    assert names("q=100%25") == []
    assert names("company=beispiel") == ["Max Mustermann"]
    assert names("company=Beispiel%20GmbH") == ["Max Mustermann"]
    assert names("company=nypl.org") == ["Jane Q. Doe"]
    assert names("status=draft") == ["Max Mustermann"]
    assert names("event=cebit") == ["Max Mustermann"]
    assert names("due_before=2026-03-05") == ["Jane Q. Doe"]
    assert names("due_after=2026-03-05") == ["Max Mustermann"]


def test_pagination(client, make_user):
    headers = make_user()
    for i in range(7):
        _create(client, headers, name=f"Person {i}", emails=[f"p{i}@example.com"])
    first = client.get("/v1/contacts?limit=3", headers=headers).json()
    second = client.get("/v1/contacts?limit=3&offset=3", headers=headers).json()
    third = client.get("/v1/contacts?limit=3&offset=6", headers=headers).json()
    assert first["total"] == 7
    seen = [c["id"] for page in (first, second, third) for c in page["items"]]
    assert len(seen) == 7 == len(set(seen))
    assert client.get("/v1/contacts?limit=0", headers=headers).status_code == 422


def test_possible_duplicate_flagged(client, make_user):
    headers = make_user()
    first = _create(client, headers)
    second = client.post(
        "/v1/contacts", json={"name": "J. Doe", "emails": ["JANE.DOE@nypl.org"]}, headers=headers
    ).json()
    assert second["possible_duplicate_of"] == [first["id"]]
