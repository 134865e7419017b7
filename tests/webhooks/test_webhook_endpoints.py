"""Registering endpoints: the secret shown once, owner-only access, and the SSRF guard at registration."""

from __future__ import annotations

import pytest


def test_register_list_change_and_delete(client, make_user):
    headers = make_user()
    created = client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/hook", "event_types": ["contact.created", "scan.completed"]},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    endpoint = created.json()
    assert endpoint["secret"].startswith("whsec_")
    assert endpoint["state"] == "enabled"
    assert created.headers["Location"] == f"/v1/webhooks/{endpoint['id']}"

    listed = client.get("/v1/webhooks", headers=headers).json()
    assert [e["id"] for e in listed] == [endpoint["id"]]
    assert "secret" not in listed[0]  # shown once
    assert "secret" not in client.get(f"/v1/webhooks/{endpoint['id']}", headers=headers).json()

    changed = client.patch(
        f"/v1/webhooks/{endpoint['id']}",
        json={"event_types": ["followup.due"], "description": "CRM"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["event_types"] == ["followup.due"]
    assert changed.json()["description"] == "CRM"

    rotated = client.post(f"/v1/webhooks/{endpoint['id']}/rotate-secret", headers=headers)
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["secret"].startswith("whsec_")
    assert rotated.json()["secret"] != endpoint["secret"]

    assert client.delete(f"/v1/webhooks/{endpoint['id']}", headers=headers).status_code == 204
    assert client.get(f"/v1/webhooks/{endpoint['id']}", headers=headers).status_code == 404


def test_other_users_endpoints_are_not_found(client, make_user):
    owner, other = make_user(), make_user()
    endpoint = client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/", "event_types": ["contact.created"]},
        headers=owner,
    ).json()
    for method, path in [
        ("GET", f"/v1/webhooks/{endpoint['id']}"),
        ("PATCH", f"/v1/webhooks/{endpoint['id']}"),
        ("DELETE", f"/v1/webhooks/{endpoint['id']}"),
        ("POST", f"/v1/webhooks/{endpoint['id']}/rotate-secret"),
        ("GET", f"/v1/webhooks/{endpoint['id']}/deliveries"),
    ]:
        response = client.request(method, path, headers=other, json={} if method == "PATCH" else None)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["error"]["code"] == "webhook_not_found"
    assert client.get("/v1/webhooks", headers=other).json() == []
    assert client.get("/v1/webhooks").status_code == 401


def test_unknown_event_types_and_bad_urls_are_refused(client, make_user):
    headers = make_user()
    unknown = client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/", "event_types": ["contact.exploded"]},
        headers=headers,
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "validation_error"
    for url in ["ftp://93.184.215.14/", "not a url"]:
        response = client.post(
            "/v1/webhooks", json={"url": url, "event_types": ["scan.completed"]}, headers=headers
        )
        assert response.status_code == 422, url


PRIVATE_URLS = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
]


@pytest.mark.webhook_settings(webhooks_allow_private=False)
def test_private_addresses_are_refused_unless_allowed(client, make_user):
    headers = make_user()
    endpoint = client.post(
        "/v1/webhooks",
        json={"url": "https://93.184.215.14/", "event_types": ["scan.completed"]},
        headers=headers,
    ).json()
    for url in PRIVATE_URLS:
        response = client.post(
            "/v1/webhooks", json={"url": url, "event_types": ["scan.completed"]}, headers=headers
        )
        assert response.status_code == 422, (url, response.text)
        assert response.json()["error"]["code"] == "webhook_url_refused"
        assert "public" in response.json()["error"]["message"]
        # Changing a public endpoint's URL to a private one is refused the same way.
        patched = client.patch(f"/v1/webhooks/{endpoint['id']}", json={"url": url}, headers=headers)
        assert patched.status_code == 422, url
        assert patched.json()["error"]["code"] == "webhook_url_refused"


def test_the_operator_may_allow_private_addresses(client, make_user):
    headers = make_user()  # this app runs with MEISHI_WEBHOOKS_ALLOW_PRIVATE=true (the webhook test settings)
    response = client.post(
        "/v1/webhooks",
        json={"url": "http://127.0.0.1:9/hook", "event_types": ["scan.completed"]},
        headers=headers,
    )
    assert response.status_code == 201, response.text
