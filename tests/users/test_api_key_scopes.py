"""Scoped API keys: a key does only what its scopes allow, and says which scope was missing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text

from app.db import alembic_config, make_engine, make_session_factory, unit_of_work
from app.scopes import ALL_SCOPES
from models import ApiKey


def _key(client, headers, **body) -> dict:
    response = client.post("/v1/api-keys", json={"name": "Phone", **body}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_a_key_without_the_scope_gets_403_naming_it(client, make_user):
    headers = make_user()
    reader = _bearer(_key(client, headers, scopes=["contacts:read"])["key"])

    assert client.get("/v1/contacts", headers=reader).status_code == 200
    refused = client.post("/v1/contacts", json={"name": "X"}, headers=reader)
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "insufficient_scope"
    assert "contacts:write" in error["message"]
    assert error["details"]["missing_scopes"] == ["contacts:write"]
    assert 'scope="contacts:write"' in refused.headers["WWW-Authenticate"]
    sync = client.get("/v1/sync", headers=reader)
    assert sync.status_code == 403 and sync.json()["error"]["details"]["missing_scopes"] == ["sync:read"]
    assert client.post("/v1/scans", content=b"x", headers=reader).status_code == 403


def test_keys_get_every_scope_by_default_and_never_more_than_their_creator(client, make_user):
    headers = make_user()
    full = _key(client, headers)
    assert full["scopes"] == list(ALL_SCOPES)
    manager = _bearer(_key(client, headers, scopes=["api-keys", "contacts:read"])["key"])
    narrower = client.post("/v1/api-keys", json={"name": "n", "scopes": ["contacts:read"]}, headers=manager)
    assert narrower.status_code == 201 and narrower.json()["scopes"] == ["contacts:read"]
    wider = client.post("/v1/api-keys", json={"name": "w", "scopes": ["contacts:write"]}, headers=manager)
    assert wider.status_code == 403 and wider.json()["error"]["details"]["missing_scopes"] == [
        "contacts:write"
    ]
    inherited = client.post("/v1/api-keys", json={"name": "i"}, headers=manager).json()
    assert inherited["scopes"] == ["contacts:read", "api-keys"]
    no_keys = _bearer(_key(client, headers, scopes=["contacts:read"])["key"])
    assert client.get("/v1/api-keys", headers=no_keys).status_code == 403
    unknown = client.post("/v1/api-keys", json={"name": "u", "scopes": ["everything"]}, headers=headers)
    assert unknown.status_code == 422


def test_last_use_is_shown_and_written_at_most_once_a_minute(client, make_user):
    headers = make_user()
    key = _key(client, headers)
    assert key["last_used_at"] is None
    client.get("/v1/contacts", headers=_bearer(key["key"]))

    def last_used() -> str | None:
        keys = client.get("/v1/api-keys", headers=headers).json()["items"]
        return next(k["last_used_at"] for k in keys if k["id"] == key["id"])

    first = last_used()
    assert first is not None
    client.get("/v1/contacts", headers=_bearer(key["key"]))
    assert last_used() == first  # within the minute: not written again
    with unit_of_work(client.app.state.meishi.sessions) as session:
        row = session.get(ApiKey, uuid.UUID(key["id"]))
        row.last_used_at = datetime.now(UTC) - timedelta(minutes=2)
    client.get("/v1/contacts", headers=_bearer(key["key"]))
    assert last_used() > first


def test_keys_made_before_scopes_existed_keep_every_scope(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004_request_digest")
        user_id, key_id = uuid.uuid4().hex, uuid.uuid4().hex
        conn.execute(
            text(
                "INSERT INTO users (id, email, password_hash, is_active, follow_up_days, business_days_only,"
                " time_zone, default_region, created_at, updated_at) VALUES (:id, 'old@example.com', 'x', 1,"
                " 2, 0, 'UTC', 'US', '2026-01-01', '2026-01-01')"
            ),
            {"id": user_id},
        )
        conn.execute(
            text(
                "INSERT INTO api_keys (id, user_id, name, prefix, key_hash, created_at) VALUES (:id, :user,"
                " 'old', 'msk_old', 'hash', '2026-01-01')"
            ),
            {"id": key_id, "user": user_id},
        )
        command.upgrade(config, "head")
    with unit_of_work(make_session_factory(engine)) as session:
        assert session.get(ApiKey, uuid.UUID(key_id)).scopes == list(ALL_SCOPES)
    engine.dispose()


def test_webhooks_need_the_webhooks_scope(client, make_user):
    headers = make_user()
    without = _bearer(_key(client, headers, scopes=["contacts:read"])["key"])
    refused = client.get("/v1/webhooks", headers=without)
    assert refused.status_code == 403 and refused.json()["error"]["details"]["missing_scopes"] == ["webhooks"]
    allowed = _bearer(_key(client, headers, scopes=["webhooks"])["key"])
    assert client.get("/v1/webhooks", headers=allowed).status_code == 200
