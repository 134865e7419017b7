"""A long export is streamed: contacts are read a batch at a time (keyset pages, each in its own session)
and written out as they come, so memory stays flat however many contacts an account has."""

from __future__ import annotations

import csv
import io

import pytest
import vobject
from sqlalchemy import event

from app.contacts import exchange_router

COUNT = 23
BATCH = 5


@pytest.fixture
def contacts_selects(client, monkeypatch):
    """The SQL statements that read contacts for an export, as they run."""
    monkeypatch.setattr(exchange_router, "EXPORT_BATCH", BATCH)
    engine = client.app.state.meishi.engine
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM contacts" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_vcard_and_csv_exports_stream_in_batches(client, make_user, contacts_selects):
    headers = make_user()
    other = make_user()
    names = [f"Person {i:02d}" for i in range(COUNT)]
    for name in names:
        assert client.post("/v1/contacts", json={"name": name}, headers=headers).status_code == 201
    client.post("/v1/contacts", json={"name": "Not Yours"}, headers=other)

    contacts_selects.clear()
    response = client.get("/v1/contacts/export.vcf", headers=headers)
    assert response.status_code == 200
    assert "content-length" not in response.headers  # streamed, not built whole first
    cards = list(vobject.readComponents(response.text))
    assert [card.fn.value for card in cards] == names  # all, once each, oldest first, nobody else's
    paged = [s for s in contacts_selects if "LIMIT" in s.upper()]
    assert len(paged) == COUNT // BATCH + 1, contacts_selects  # a short last page ends it

    contacts_selects.clear()
    response = client.get("/v1/contacts/export.csv", headers=headers)
    assert response.status_code == 200 and "content-length" not in response.headers
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [f"{r['First Name']} {r['Last Name']}" for r in rows] == names
    assert len([s for s in contacts_selects if "LIMIT" in s.upper()]) >= COUNT // BATCH


def test_an_empty_account_exports_just_the_header(client, make_user):
    headers = make_user()
    csv_text = client.get("/v1/contacts/export.csv", headers=headers).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("First Name,Middle Name,Last Name")
    assert len(csv_text.splitlines()) == 1
    assert client.get("/v1/contacts/export.vcf", headers=headers).text == ""
