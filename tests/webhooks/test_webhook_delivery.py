"""Delivery in the embedded pool to a real receiver on 127.0.0.1: signed per Standard Webhooks, retried
with growing delays, logged per endpoint, at least once across a crash, and an endpoint that keeps failing
is disabled with its reason."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from receiver import Receiver
from standardwebhooks import Webhook

from app.db import unit_of_work
from app.webhooks import delivery as delivery_module
from models import WebhookEndpoint

CONTACT = {"name": "Jane Doe", "emails": ["jane@example.com"]}


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _deliveries(client, headers, endpoint_id) -> list[dict]:
    response = client.get(f"/v1/webhooks/{endpoint_id}/deliveries", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _wait_for_log(client, headers, endpoint_id, done, timeout: float = 15.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    items: list[dict] = []
    while time.monotonic() < deadline:
        items = _deliveries(client, headers, endpoint_id)
        if done(items):
            return items
        time.sleep(0.05)
    raise AssertionError(f"delivery log never got there: {items}")


def _delivered_count() -> float:
    return REGISTRY.get_sample_value("meishi_webhook_deliveries_total", {"outcome": "delivered"}) or 0.0


def test_contact_events_arrive_signed_and_are_logged(client, make_user, receiver: Receiver, register):
    delivered_before = _delivered_count()
    headers = make_user()
    endpoint = register(headers, ["contact.created", "contact.updated", "contact.deleted"])
    contact = client.post("/v1/contacts", json=CONTACT, headers=headers).json()
    client.patch(f"/v1/contacts/{contact['id']}", json={"title": "CTO"}, headers=headers)
    client.delete(f"/v1/contacts/{contact['id']}", headers=headers)

    received = receiver.wait_for(3)
    assert [r.error for r in received] == [None, None, None]  # every signature verified
    events = sorted(
        receiver.events(),
        key=lambda event: ["contact.created", "contact.updated", "contact.deleted"].index(event[0]),
    )
    assert [t for t, _ in events] == ["contact.created", "contact.updated", "contact.deleted"]
    assert events[0][1]["contact"]["emails"] == ["jane@example.com"]
    assert events[1][1]["contact"]["title"] == "CTO"
    assert events[2][1]["contact"] == {"id": contact["id"]}
    assert len({r.webhook_id for r in received}) == 3

    log = _wait_for_log(
        client,
        headers,
        endpoint["id"],
        lambda items: all(i["status"] == "succeeded" for i in items) and len(items) == 3,
    )
    assert {i["webhook_id"] for i in log} == {r.webhook_id for r in received}
    assert all(i["attempts"] == 1 and i["attempt_log"][0]["status_code"] == 204 for i in log)
    assert _delivered_count() - delivered_before == 3  # the Prometheus counter of deliveries by outcome

    # Another secret does not verify: the signature really depends on it.
    other = Webhook("whsec_" + "A" * 32)
    with pytest.raises(Exception, match="signature"):
        other.verify(received[0].body, received[0].headers)


def test_only_subscribed_events_of_the_owner_are_sent(client, make_user, receiver: Receiver, register):
    owner, stranger = make_user(), make_user()
    endpoint = register(owner, ["contact.deleted"])
    client.post("/v1/contacts", json=CONTACT, headers=owner)  # contact.created: not subscribed
    created = client.post("/v1/contacts", json=CONTACT, headers=stranger).json()
    client.delete(f"/v1/contacts/{created['id']}", headers=stranger)  # someone else's contact
    # Deliveries are owed in the transaction of the change: none was, so none can arrive later either.
    assert _deliveries(client, headers=owner, endpoint_id=endpoint["id"]) == []
    own = client.post("/v1/contacts", json=CONTACT, headers=owner).json()
    client.delete(f"/v1/contacts/{own['id']}", headers=owner)
    (received,) = receiver.wait_for(1)
    assert received.verified["data"]["contact"]["id"] == own["id"]


@pytest.mark.webhook_settings(webhooks_retry_base_seconds=0.3)
def test_a_failing_receiver_is_retried_with_growing_delays_until_it_recovers(
    client, make_user, receiver: Receiver, register
):
    receiver.plan = [500, 503, 204]
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    before = _deliveries_metric(client)
    client.post("/v1/contacts", json=CONTACT, headers=headers)

    first, second, third = receiver.wait_for(3)
    assert first.webhook_id == second.webhook_id == third.webhook_id  # one message, three attempts
    assert all(r.error is None for r in (first, second, third))

    (log,) = _wait_for_log(
        client, headers, endpoint["id"], lambda items: items and items[0]["status"] == "succeeded"
    )
    assert log["attempts"] == 3
    assert [a["status_code"] for a in log["attempt_log"]] == [500, 503, 204]
    # Waits measured where they are made (the sender's clock): the base, then twice the base.
    started = [_moment(a["started_at"]) for a in log["attempt_log"]]
    assert (started[1] - started[0]).total_seconds() >= 0.3
    assert (started[2] - started[1]).total_seconds() >= 0.6
    assert log["attempt_log"][0]["error"].startswith("HTTP 500")
    assert client.get(f"/v1/webhooks/{endpoint['id']}", headers=headers).json()["consecutive_failures"] == 0
    after = _deliveries_metric(client)  # /metrics counts every attempt by outcome
    assert after["retrying"] - before["retrying"] == 2 and after["delivered"] - before["delivered"] == 1


def _deliveries_metric(client) -> dict[str, float]:
    counts = {"retrying": 0.0, "delivered": 0.0, "failed": 0.0}
    for family in text_string_to_metric_families(client.get("/metrics").text):
        for sample in family.samples:
            if sample.name == "meishi_webhook_deliveries_total" and sample.labels["outcome"] in counts:
                counts[sample.labels["outcome"]] += sample.value
    return counts


@pytest.mark.webhook_settings(webhooks_retry_base_seconds=0.05, webhooks_disable_after_failures=3)
def test_an_endpoint_failing_again_and_again_is_disabled_saying_why(
    client, make_user, receiver: Receiver, register
):
    receiver.plan = [500] * 10
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    client.post("/v1/contacts", json=CONTACT, headers=headers)
    receiver.wait_for(3)

    deadline = time.monotonic() + 10
    state = {}
    while time.monotonic() < deadline:
        state = client.get(f"/v1/webhooks/{endpoint['id']}", headers=headers).json()
        if state["state"] == "disabled":
            break
        time.sleep(0.05)
    assert state["state"] == "disabled", state
    assert "3 delivery attempts in a row failed" in state["disabled_reason"]
    assert "HTTP 500" in state["disabled_reason"]
    time.sleep(0.4)
    assert len(receiver.received) == 3  # nothing more goes to a disabled endpoint
    client.post("/v1/contacts", json=CONTACT, headers=headers)  # nor is anything new owed to it
    (pending,) = _deliveries(client, headers, endpoint["id"])
    assert pending["status"] == "pending"

    # Re-enabled, it starts afresh: the owed delivery goes out and succeeds.
    receiver.plan = []
    enabled = client.patch(
        f"/v1/webhooks/{endpoint['id']}", json={"state": "enabled"}, headers=headers
    ).json()
    assert enabled["state"] == "enabled" and enabled["disabled_reason"] is None
    _wait_for_log(client, headers, endpoint["id"], lambda items: items[0]["status"] == "succeeded")


@pytest.mark.webhook_settings(webhooks_timeout_seconds=0.5)
def test_a_crash_between_sending_and_recording_delivers_again_with_the_same_id(
    client, make_user, receiver: Receiver, register, monkeypatch
):
    real_record = delivery_module.record
    crashed: list[datetime] = []

    def record_or_die(ctx, claimed, started, result):
        if not crashed:
            crashed.append(started)
            raise RuntimeError("the process died before recording the attempt")
        return real_record(ctx, claimed, started, result)

    monkeypatch.setattr(delivery_module, "record", record_or_die)
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    client.post("/v1/contacts", json=CONTACT, headers=headers)

    first, second = receiver.wait_for(2, timeout=15)
    assert first.webhook_id == second.webhook_id  # receivers can de-duplicate
    assert first.error is None and second.error is None
    assert first.body == second.body
    (log,) = _wait_for_log(client, headers, endpoint["id"], lambda items: items[0]["status"] == "succeeded")
    numbers = [a["number"] for a in log["attempt_log"]]
    assert numbers[0] == 2  # the crashed attempt never recorded (a busy machine may need a third)
    # The second attempt waited for the first one's lease (its longest possible run) to lapse; the lease
    # began at the claim, a moment before the first send, hence the margin.
    lease = delivery_module.lease_seconds(client.app.state.meishi.settings)
    second_started = _moment(log["attempt_log"][0]["started_at"])
    assert (second_started - crashed[0]).total_seconds() >= lease / 2


@pytest.mark.webhook_settings(webhooks_retry_base_seconds=0.1, webhooks_retry_window_seconds=2.0)
def test_a_delivery_is_given_up_once_its_retry_window_has_passed(
    client, make_user, receiver: Receiver, register
):
    receiver.plan = [500] * 50
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    client.post("/v1/contacts", json=CONTACT, headers=headers)
    (log,) = _wait_for_log(
        client, headers, endpoint["id"], lambda items: items and items[0]["status"] == "failed"
    )
    assert log["next_attempt_at"] is None and log["finished_at"] is not None
    # Given up only once the window had passed (the decision is taken when an attempt is recorded, at
    # finished_at), and an attempt made well inside the window was retried. On a loaded machine the first
    # attempt itself may end after the window (a CI run saw one attempt with a 0.6 s window): hence the wide
    # window and the condition, not a fixed count of attempts.
    created = _moment(log["created_at"])
    assert (_moment(log["finished_at"]) - created).total_seconds() >= 2.0
    if (_moment(log["attempt_log"][0]["started_at"]) - created).total_seconds() < 1.0:
        assert log["attempts"] >= 2
    count = len(receiver.received)
    time.sleep(0.4)
    assert len(receiver.received) == count  # nothing more after giving up


def test_an_endpoint_failing_for_a_whole_day_is_disabled(client, make_user, receiver: Receiver, register):
    receiver.plan = [503]
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    with unit_of_work(client.app.state.meishi.sessions) as session:
        row = session.get(WebhookEndpoint, uuid.UUID(endpoint["id"]))
        row.failing_since = datetime.now(UTC) - timedelta(hours=25)  # failing since yesterday
        row.consecutive_failures = 12
    client.post("/v1/contacts", json=CONTACT, headers=headers)
    receiver.wait_for(1)
    deadline = time.monotonic() + 10
    state: dict = {}
    while time.monotonic() < deadline and state.get("state") != "disabled":
        state = client.get(f"/v1/webhooks/{endpoint['id']}", headers=headers).json()
        time.sleep(0.05)
    assert state["state"] == "disabled", state
    assert "every delivery attempt failed for 25.0 h" in state["disabled_reason"]


def test_finished_deliveries_are_forgotten_after_the_retention(
    client, make_user, receiver: Receiver, register
):
    headers = make_user()
    endpoint = register(headers, ["contact.created"])
    client.post("/v1/contacts", json=CONTACT, headers=headers)
    _wait_for_log(client, headers, endpoint["id"], lambda items: items and items[0]["status"] == "succeeded")
    state = client.app.state.meishi
    assert delivery_module.purge_finished(state.sessions, state.settings, datetime.now(UTC)) == 0
    later = datetime.now(UTC) + timedelta(days=state.settings.webhooks_log_days, seconds=1)
    assert delivery_module.purge_finished(state.sessions, state.settings, later) == 1
    assert _deliveries(client, headers, endpoint["id"]) == []
