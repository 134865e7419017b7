"""The sender on its own: the address check on every connection, no redirects, short timeouts."""

from __future__ import annotations

import socket
import uuid
from datetime import UTC, datetime

from receiver import Receiver
from standardwebhooks import Webhook

from app.webhooks.sender import Sender, new_secret, signed_headers


def _post(sender: Sender, url: str, secret: str) -> tuple[str, object]:
    body = '{"type":"scan.completed","data":{}}'
    headers = signed_headers(uuid.uuid4(), [secret], body, datetime.now(UTC))
    return body, sender.post(url, headers, body)


def test_private_addresses_are_refused_when_connecting(receiver: Receiver):
    receiver.secret = new_secret()
    guarded = Sender(timeout_seconds=1, allow_private=False)
    _, result = _post(guarded, receiver.url, receiver.secret)
    assert result.status_code is None and result.error.startswith("refused:")
    assert receiver.received == []
    # The same request goes through where the operator allows private addresses.
    _, allowed = _post(Sender(timeout_seconds=1, allow_private=True), receiver.url, receiver.secret)
    assert allowed.ok and receiver.received[0].error is None


def test_a_name_that_resolves_elsewhere_after_registration_is_refused(receiver: Receiver, monkeypatch):
    """DNS can change between registration and delivery: the check runs on the address connected to."""
    receiver.secret = new_secret()
    port = receiver.server.server_address[1]
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *_a, **_k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
    )
    _, result = _post(
        Sender(timeout_seconds=1, allow_private=False), f"http://hooks.example.com:{port}/", receiver.secret
    )
    assert result.error.startswith("refused:") and "127.0.0.1" in result.error
    assert receiver.received == []


def test_redirects_are_not_followed(receiver: Receiver):
    receiver.secret = new_secret()
    receiver.plan = ["redirect"]
    _, result = _post(Sender(timeout_seconds=1, allow_private=True), receiver.url, receiver.secret)
    assert result.status_code == 302 and not result.ok
    assert "redirects are not followed" in result.error
    assert [r.path for r in receiver.received] == ["/hook"]  # /elsewhere never asked for


def test_a_slow_receiver_is_given_up_on_after_the_timeout(receiver: Receiver):
    receiver.secret = new_secret()
    receiver.plan = ["hang"]
    _, result = _post(Sender(timeout_seconds=0.3, allow_private=True), receiver.url, receiver.secret)
    # Given up long before the receiver would answer (it hangs for 30 s), even on a busy machine.
    assert result.error.startswith("timeout") and result.duration_ms < 10_000


def test_a_receiver_dripping_its_answer_is_given_up_on_after_the_whole_request_limit(receiver: Receiver):
    """Each byte arrives well within the read timeout; the request as a whole still has a limit."""
    receiver.secret = new_secret()
    receiver.plan = ["drip"]
    sender = Sender(timeout_seconds=0.5, allow_private=True)
    _, result = _post(sender, receiver.url, receiver.secret)
    # The drip would take 30 s; the whole request is limited to twice the timeout.
    assert result.error.startswith("timeout") and result.duration_ms < 5_000
    # The connection's next request has a fresh limit.
    _, again = _post(sender, receiver.url, receiver.secret)
    assert again.ok, again.error


def test_during_a_rotation_both_secrets_verify():
    old, new = new_secret(), new_secret()
    body = "{}"
    headers = signed_headers(uuid.uuid4(), [new, old], body, datetime.now(UTC))
    assert Webhook(old).verify(body, headers) == {}
    assert Webhook(new).verify(body, headers) == {}
