"""Sessions end on the server: sign-out, a password change and `meishi users disable` end every access token
and web session at once (a captured cookie or token stops working); API keys stop for a disabled account.
Sign-in limits lock an account only for the client attacking it, and behind a trusted proxy the client is
the forwarded address."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.main import create_app

PASSWORD = "correct horse battery"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def _token(client: TestClient, email: str, password: str = PASSWORD):
    return client.post("/v1/auth/token", data={"username": email, "password": password})


def _bearer(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    response = _token(client, email, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _web_sign_in(client: TestClient, email: str) -> str:
    """Signs the client's browser in; returns the session cookie's value."""
    csrf = CSRF_FIELD.search(client.get("/signin").text).group(1)
    response = client.post(
        "/signin", data={"email": email, "password": PASSWORD, "csrf_token": csrf}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return client.cookies["meishi_session"]


def _browser(app, cookie: str) -> TestClient:
    other = TestClient(app)
    other.cookies.set("meishi_session", cookie)
    return other


def test_api_sign_out_ends_every_token_and_web_session(client, make_user):
    headers = make_user("jane@example.com", PASSWORD)
    other_device = _bearer(client, "jane@example.com")
    cookie = _web_sign_in(client, "jane@example.com")
    captured = _browser(client.app, cookie)
    assert captured.get("/v1/me").status_code == 200
    assert captured.get("/contacts", follow_redirects=False).status_code == 200

    assert client.post("/v1/auth/sign-out", headers=headers).status_code == 204

    for credentials in (headers, other_device):
        refused = client.get("/v1/me", headers=credentials)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "not_authenticated"
    assert captured.get("/v1/me").status_code == 401
    assert captured.get("/contacts", follow_redirects=False).status_code == 303
    assert client.get("/v1/me", headers=_bearer(client, "jane@example.com")).status_code == 200


def test_web_sign_out_ends_a_cookie_captured_before_it(client, make_user):
    make_user("jane@example.com", PASSWORD)
    token = _bearer(client, "jane@example.com")
    cookie = _web_sign_in(client, "jane@example.com")
    captured = _browser(client.app, cookie)
    page = client.get("/contacts")
    csrf = CSRF_FIELD.search(page.text).group(1)
    assert client.post("/signout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert captured.get("/contacts", follow_redirects=False).status_code == 303
    assert captured.get("/v1/me").status_code == 401
    assert client.get("/v1/me", headers=token).status_code == 401  # sign-out is everywhere


def test_password_change_ends_other_sessions_and_keeps_the_caller_signed_in(client, make_user):
    headers = make_user("jane@example.com", PASSWORD)
    thief = _bearer(client, "jane@example.com")
    captured = _browser(client.app, _web_sign_in(client, "jane@example.com"))

    wrong = client.post(
        "/v1/me/password",
        json={"current_password": "nope", "new_password": "a new long one"},
        headers=headers,
    )
    assert wrong.status_code == 401
    assert client.get("/v1/me", headers=thief).status_code == 200  # nothing changed
    short = client.post(
        "/v1/me/password", json={"current_password": PASSWORD, "new_password": "short"}, headers=headers
    )
    assert short.status_code == 422

    changed = client.post(
        "/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a new long one"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    fresh = {"Authorization": f"Bearer {changed.json()['access_token']}"}
    assert client.get("/v1/me", headers=fresh).status_code == 200
    for old in (headers, thief):
        assert client.get("/v1/me", headers=old).status_code == 401
    assert captured.get("/v1/me").status_code == 401
    assert _token(client, "jane@example.com").status_code == 401
    assert _token(client, "jane@example.com", "a new long one").status_code == 200


@pytest.fixture
def cli_runner(settings, monkeypatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("MEISHI_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("MEISHI_SECRET_KEY", settings.resolved_secret_key)
    return CliRunner()


def test_disabling_an_account_ends_its_sessions_and_api_keys(client, make_user, cli_runner):
    headers = make_user("jane@example.com", PASSWORD)
    key = client.post("/v1/api-keys", json={"name": "phone"}, headers=headers).json()["key"]
    api_key = {"Authorization": f"Bearer {key}"}
    captured = _browser(client.app, _web_sign_in(client, "jane@example.com"))
    assert client.get("/v1/contacts", headers=api_key).status_code == 200

    result = cli_runner.invoke(cli, ["users", "disable", "jane@example.com"])
    assert result.exit_code == 0, result.output
    for credentials in (headers, api_key):
        assert client.get("/v1/contacts", headers=credentials).status_code == 401
    assert captured.get("/v1/me").status_code == 401
    assert _token(client, "jane@example.com").status_code == 401
    assert cli_runner.invoke(cli, ["users", "disable", "nobody@example.com"]).exit_code == 1

    assert cli_runner.invoke(cli, ["users", "enable", "jane@example.com"]).exit_code == 0
    assert client.get("/v1/contacts", headers=api_key).status_code == 200  # keys are separate credentials
    assert client.get("/v1/me", headers=headers).status_code == 401  # old tokens stay ended
    assert client.get("/v1/me", headers=_bearer(client, "jane@example.com")).status_code == 200


def test_cli_set_password_ends_sessions(client, make_user, cli_runner):
    headers = make_user("jane@example.com", PASSWORD)
    result = cli_runner.invoke(
        cli, ["users", "set-password", "jane@example.com", "--password", "brand new pw"]
    )
    assert result.exit_code == 0, result.output
    assert client.get("/v1/me", headers=headers).status_code == 401
    assert _token(client, "jane@example.com", "brand new pw").status_code == 200


def test_a_token_without_session_version_or_forged_is_refused(client, make_user):
    import jwt

    make_user("jane@example.com", PASSWORD)
    me = client.get("/v1/me", headers=_bearer(client, "jane@example.com")).json()
    secret = client.app.state.meishi.settings.resolved_secret_key
    claims = {"sub": me["id"], "exp": 4102444800, "typ": "access"}
    for forged in (claims, {**claims, "sv": "0"}, {**claims, "sv": 7}):
        token = jwt.encode(forged, secret, algorithm="HS256")
        assert client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    token = jwt.encode({**claims, "sv": 0}, secret, algorithm="HS256")
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


# --- sign-in limits and the client address ----------------------------------------------------------------
@pytest.fixture
def proxied_settings(settings):
    # The test client connects as "testclient": here it plays the trusted reverse proxy.
    return settings.model_copy(update={"sign_in_limit": "3/minute", "forwarded_allow_ips": "testclient"})


def _from(client: TestClient, address: str, email: str, password: str):
    return client.post(
        "/v1/auth/token",
        data={"username": email, "password": password},
        headers={"X-Forwarded-For": address},
    )


def test_an_attacker_behind_the_proxy_locks_only_themselves_out(proxied_settings):
    with TestClient(create_app(proxied_settings, migrate=False)) as proxy:
        from app.db import unit_of_work
        from app.users.service import create_user

        with unit_of_work(proxy.app.state.meishi.sessions) as session:
            for name in ("jane", "max"):
                create_user(session, f"{name}@example.com", PASSWORD)
        attacker, owner = "203.0.113.9", "198.51.100.7"
        # The attacker exhausts both their per-account and their per-client allowance.
        statuses = [_from(proxy, attacker, "jane@example.com", "guess").status_code for _ in range(3)]
        statuses += [_from(proxy, attacker, f"x{i}@example.com", "guess").status_code for i in range(12)]
        assert statuses == [401] * 15
        assert _from(proxy, attacker, "jane@example.com", PASSWORD).status_code == 429
        assert _from(proxy, attacker, "x0@example.com", "guess").status_code == 429
        # The owner, and anyone else, elsewhere: not locked.
        assert _from(proxy, owner, "jane@example.com", PASSWORD).status_code == 200
        # Even from the attacker's address, an account it never tried still signs in with its password.
        assert _from(proxy, attacker, "max@example.com", PASSWORD).status_code == 200


def test_forwarded_addresses_count_only_from_a_trusted_proxy(settings, make_user, client):
    # Default settings trust 127.0.0.1 only: the test client ("testclient") may not pick its own address.
    make_user("jane@example.com", PASSWORD)
    limited = settings.model_copy(update={"sign_in_limit": "3/minute"})
    with TestClient(create_app(limited, migrate=False)) as direct:
        for i in range(3):
            assert _from(direct, f"192.0.2.{i}", "jane@example.com", "guess").status_code == 401
        assert _from(direct, "192.0.2.99", "jane@example.com", PASSWORD).status_code == 429
