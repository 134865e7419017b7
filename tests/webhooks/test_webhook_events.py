"""Which events are owed: scans finishing (done or failed) and follow-ups due today in the user's zone,
once per contact and due date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from receiver import Receiver
from scan_support import instructed_png, stand_in_reader
from sqlalchemy import func, select

from app.contacts.due_events import emit_due_follow_ups
from app.db import unit_of_work
from app.followups.schedule import today_in
from models import WebhookDelivery


@pytest.fixture
def reader():
    return stand_in_reader


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # reading runs in a process pool: once
def test_finished_scans_are_announced(client, make_user, receiver: Receiver, register):
    headers = make_user()
    register(headers, ["scan.completed", "scan.failed"])
    raw = {**headers, "Content-Type": "image/png"}
    done = client.post(
        "/v1/scans", content=instructed_png({"contact": {"emails": ["jane@example.com"]}}), headers=raw
    )
    failed = client.post("/v1/scans?mode=async", content=instructed_png({"raise": "unreadable"}), headers=raw)
    assert done.status_code in (200, 201), done.text
    received = receiver.wait_for(2)
    assert all(r.error is None for r in received)
    by_type = dict(receiver.events())
    assert by_type["scan.completed"]["scan"]["id"] == done.json()["id"]
    assert by_type["scan.completed"]["scan"]["contact"]["emails"] == ["jane@example.com"]
    assert "reading" not in by_type["scan.completed"]["scan"]
    assert by_type["scan.failed"]["scan"]["id"] == failed.json()["id"]
    assert by_type["scan.failed"]["scan"]["error"]["code"] == "unreadable_image"


@pytest.mark.webhook_settings(webhooks_followup_check_seconds=3600)
def test_follow_ups_due_today_in_the_users_zone_are_announced_once(client, make_user, register):
    # Kiritimati is UTC+14: its "today" is often the UTC tomorrow, so a UTC-based check would be wrong.
    headers = make_user(time_zone="Pacific/Kiritimati")
    register(headers, ["followup.due"])
    today = today_in("Pacific/Kiritimati")
    due_today = client.post(
        "/v1/contacts", json={"name": "Due Today", "follow_up_due_on": today.isoformat()}, headers=headers
    ).json()
    client.post(
        "/v1/contacts",
        json={"name": "Due Tomorrow", "follow_up_due_on": (today + timedelta(days=1)).isoformat()},
        headers=headers,
    )
    sessions = client.app.state.meishi.sessions
    now = datetime.now(UTC)
    assert emit_due_follow_ups(sessions, now) == 1
    assert emit_due_follow_ups(sessions, now) == 0  # the sweeper runs it again and again: still one
    with unit_of_work(sessions) as session:
        (payload,) = session.scalars(
            select(WebhookDelivery.payload).where(WebhookDelivery.event_type == "followup.due")
        )
        assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1
    assert payload["data"]["contact"]["id"] == due_today["id"]
    assert payload["data"]["follow_up"]["due_on"] == today.isoformat()

    # Done follow-ups are not announced.
    client.post(f"/v1/contacts/{due_today['id']}/follow-up", json={"channel": "email"}, headers=headers)
    tomorrow = now + timedelta(days=1)
    assert emit_due_follow_ups(sessions, tomorrow) == 1  # only "Due Tomorrow", on its own day
