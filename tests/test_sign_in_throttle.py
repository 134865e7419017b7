"""Failed sign-ins are counted and, past the limit, refused with 429 + Retry-After (API and web form)."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

PASSWORD = "correct horse battery"


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"sign_in_limit": "3/minute"})


def _token(client: TestClient, email: str, password: str):
    return client.post("/v1/auth/token", data={"username": email, "password": password})


def test_too_many_wrong_passwords_are_refused_for_a_while_even_the_right_one(client, make_user):
    make_user("jane@example.com", PASSWORD)
    assert [_token(client, "jane@example.com", "guess").status_code for _ in range(3)] == [401, 401, 401]
    refused = _token(client, "Jane@Example.com", PASSWORD)  # the account, whatever the case
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_sign_in_attempts"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # another account from the same client still signs in
    make_user("max@example.com", PASSWORD)


def test_a_successful_sign_in_clears_the_accounts_count(client, make_user):
    make_user("jane@example.com", PASSWORD)
    for _ in range(2):
        assert _token(client, "jane@example.com", "typo").status_code == 401
    assert _token(client, "jane@example.com", PASSWORD).status_code == 200
    assert [_token(client, "jane@example.com", "typo").status_code for _ in range(2)] == [401, 401]


def test_one_client_trying_many_accounts_is_stopped_too(client, make_user):
    statuses = [_token(client, f"nobody-{i}@example.com", "guess").status_code for i in range(15)]
    assert statuses == [401] * 15  # 5x the per-account allowance, over all accounts
    # Past it, no account this client failed on may be tried again, though each was tried only once ...
    assert {_token(client, f"nobody-{i}@example.com", "guess").status_code for i in range(15)} == {429}
    # ... while a colleague behind the same address still signs in with the right password.
    make_user("colleague@example.com", PASSWORD)
    assert _token(client, "colleague@example.com", PASSWORD).status_code == 200


def test_the_web_form_says_so_with_429(client, make_user):
    make_user("jane@example.com", PASSWORD)

    def post(password: str):
        page = client.get("/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        data = {"email": "jane@example.com", "password": password}
        if token:
            data["csrf_token"] = token.group(1)
        return client.post("/signin", data=data, follow_redirects=False)

    assert [post("guess").status_code for _ in range(3)] == [401, 401, 401]
    refused = post(PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.text
    assert "Retry-After" in refused.headers


@pytest.mark.redis
def test_api_processes_sharing_redis_share_the_count(settings, reachable_redis):
    shared = settings.model_copy(update={"rate_limit_url": reachable_redis})
    email = f"jane-{uuid.uuid4().hex[:8]}@example.com"  # Redis outlives the test: an account of its own
    with (
        TestClient(create_app(shared, migrate=False)) as one,
        TestClient(create_app(shared, migrate=False)) as two,
    ):
        assert [_token(one, email, "guess").status_code for _ in range(3)] == [401, 401, 401]
        assert _token(two, email, "guess").status_code == 429
