"""Every route but health, sign-in and docs needs credentials; tokens and API keys both work."""

from __future__ import annotations

import re

import pytest

# The calendar feed authenticates with the secret token in its address (calendar apps send no headers);
# tests/test_calendar_feed.py checks that token auth.
# /metrics answers without credentials unless MEISHI_METRICS_TOKEN is set (tests/test_observability.py).
PUBLIC_PATHS = {"/healthz", "/readyz", "/metrics", "/v1/auth/token", "/v1/follow-ups.ics"}


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)


def _protected_routes(app) -> list[tuple[str, str]]:
    """Every documented operation (the OpenAPI schema lists each route of the API) but the public ones."""
    routes = []
    for path, operations in app.openapi()["paths"].items():
        if path in PUBLIC_PATHS:
            continue
        routes.extend((method.upper(), path) for method in operations if method != "parameters")
    return routes


def test_there_are_protected_routes(app):
    assert len(_protected_routes(app)) >= 10


def test_every_v1_route_requires_auth(app, client):
    for method, path in _protected_routes(app):
        response = client.request(method, _concrete(path))
        assert response.status_code == 401, f"{method} {path} answered {response.status_code}"
        assert response.json()["error"]["code"] in {"not_authenticated", "invalid_token"}


def test_bad_token_is_401(client):
    response = client.get("/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_sign_in_wrong_password(client, make_user):
    make_user("a@example.com")
    response = client.post("/v1/auth/token", data={"username": "a@example.com", "password": "wrong-password"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_sign_in_and_me(client, make_user):
    headers = make_user("Jane@Example.com")
    response = client.get("/v1/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["email"].lower() == "jane@example.com"
    again = client.post(
        "/v1/auth/token", data={"username": "jane@example.com", "password": "correct horse battery"}
    )
    assert again.status_code == 200, "sign-in must not depend on the email's case"


def test_api_key_lifecycle(client, make_user):
    headers = make_user()
    created = client.post("/v1/api-keys", json={"name": "phone"}, headers=headers)
    assert created.status_code == 201
    secret = created.json()["key"]
    key_headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/v1/me", headers=key_headers).status_code == 200

    listed = client.get("/v1/api-keys", headers=headers).json()["items"]
    assert [k["name"] for k in listed] == ["phone"]
    assert "key" not in listed[0]

    assert client.delete(f"/v1/api-keys/{created.json()['id']}", headers=headers).status_code == 204
    assert client.get("/v1/me", headers=key_headers).status_code == 401


def test_api_key_stored_hashed(client, make_user):
    from sqlalchemy import select

    from models import ApiKey

    headers = make_user()
    secret = client.post("/v1/api-keys", json={"name": "x"}, headers=headers).json()["key"]
    with client.app.state.meishi.sessions() as session:
        stored = session.scalars(select(ApiKey)).one()
    assert secret not in (stored.key_hash, stored.prefix)


def test_other_users_api_key_cannot_be_revoked(client, make_user):
    alice, bob = make_user(), make_user()
    key_id = client.post("/v1/api-keys", json={"name": "x"}, headers=alice).json()["id"]
    assert client.delete(f"/v1/api-keys/{key_id}", headers=bob).status_code == 404


@pytest.mark.parametrize("password", ["short"])
def test_weak_password_refused(client, password):
    from app.db import unit_of_work
    from app.errors import Conflict
    from app.users.service import create_user

    with pytest.raises(Conflict), unit_of_work(client.app.state.meishi.sessions) as session:
        create_user(session, "weak@example.com", password)
