"""Per-key and per-user request limits answer 429 with Retry-After."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


@pytest.fixture
def settings(settings):
    return settings.model_copy(update={"api_key_rate_limit": "3/minute", "user_rate_limit": "5/minute"})


def test_a_key_over_its_limit_gets_429_while_the_user_goes_on_until_theirs(client, make_user):
    headers = make_user()
    created = client.post("/v1/api-keys", json={"name": "Script"}, headers=headers)  # 1 for the user
    key = {"Authorization": f"Bearer {created.json()['key']}"}

    assert [client.get("/v1/contacts", headers=key).status_code for _ in range(3)] == [200] * 3
    over = client.get("/v1/contacts", headers=key)
    assert over.status_code == 429
    assert over.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(over.headers["Retry-After"]) <= 60

    # The user has made 4 counted requests (the refused one was not let through to be counted twice).
    assert client.get("/v1/contacts", headers=headers).status_code == 200
    user_over = client.get("/v1/contacts", headers=headers)
    assert user_over.status_code == 429 and "account" in user_over.json()["error"]["message"]


def test_users_are_limited_separately(client, make_user):
    first, second = make_user(), make_user()
    for _ in range(5):
        client.get("/v1/contacts", headers=first)
    assert client.get("/v1/contacts", headers=first).status_code == 429
    assert client.get("/v1/contacts", headers=second).status_code == 200


@pytest.mark.redis
def test_api_processes_sharing_redis_share_the_key_count(settings, reachable_redis, make_user, client):
    headers = make_user()
    secret = client.post("/v1/api-keys", json={"name": "k"}, headers=headers).json()["key"]
    key = {"Authorization": f"Bearer {secret}"}
    shared = settings.model_copy(update={"rate_limit_url": reachable_redis})
    with (
        TestClient(create_app(shared, migrate=False)) as one,
        TestClient(create_app(shared, migrate=False)) as two,
    ):
        assert [one.get("/v1/contacts", headers=key).status_code for _ in range(3)] == [200] * 3
        assert two.get("/v1/contacts", headers=key).status_code == 429


def test_a_store_that_is_down_leaves_requests_unlimited_rather_than_refused():
    import socket
    import uuid

    from app.rate_limit import RequestLimiter

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    limiter = RequestLimiter("1/minute", "1/minute", f"redis://127.0.0.1:{port}/0")
    user = uuid.uuid4()
    for _ in range(3):
        limiter.hit(user, None)  # no 429, no error: counted nowhere while the store is down
