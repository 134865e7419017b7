"""Follow-up due dates, windows, done/snooze history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from app.followups.schedule import add_days, due_date, due_date_for, today_in, window_of, window_range


def test_add_days_calendar():
    assert add_days(date(2026, 3, 6), 2, business_days_only=False) == date(2026, 3, 8)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 3, 6), 2, date(2026, 3, 10)),  # Friday + 2 business days = Tuesday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # met on Saturday: next business day is Monday
        (date(2026, 3, 7), 0, date(2026, 3, 9)),  # a zero delay never lands on a weekend
        (date(2026, 3, 2), 5, date(2026, 3, 9)),
    ],
)
def test_add_business_days(start, days, expected):
    assert add_days(start, days, business_days_only=True) == expected


def test_today_depends_on_time_zone():
    moment = datetime(2026, 3, 8, 3, 30, tzinfo=UTC)
    assert today_in("UTC", moment) == date(2026, 3, 8)
    assert today_in("America/Los_Angeles", moment) == date(2026, 3, 7)
    assert today_in("Asia/Tokyo", moment) == date(2026, 3, 8)


def test_due_date_across_dst_change():
    # US DST starts 2026-03-08 10:00 UTC; at 06:30 UTC it is still 22:30 on the 7th in Los Angeles.
    moment = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    assert due_date(
        None, delay_days=2, business_days_only=False, time_zone="America/Los_Angeles", now=moment
    ) == date(2026, 3, 9)
    # Europe/Berlin DST ends 2026-10-25: date arithmetic stays in whole calendar days
    assert due_date(
        date(2026, 10, 24), delay_days=1, business_days_only=False, time_zone="Europe/Berlin"
    ) == date(2026, 10, 25)


def test_default_due_uses_user_setting_and_zone(client, make_user):
    headers = make_user(follow_up_days=5, time_zone="Pacific/Kiritimati")
    created = client.post("/v1/contacts", json={"name": "A"}, headers=headers).json()
    expected = today_in("Pacific/Kiritimati") + timedelta(days=5)
    assert created["follow_up"]["due_on"] == expected.isoformat()


def test_default_delay_is_two_days(client, make_user):
    created = client.post(
        "/v1/contacts", json={"name": "A", "met_on": "2026-01-01"}, headers=make_user()
    ).json()
    assert created["follow_up"]["due_on"] == "2026-01-03"


def test_explicit_due_date_wins(client, make_user):
    body = {"name": "A", "met_on": "2026-01-01", "follow_up_due_on": "2026-02-01"}
    created = client.post("/v1/contacts", json=body, headers=make_user()).json()
    assert created["follow_up"]["due_on"] == "2026-02-01"


def test_settings_change_delay(client, make_user):
    headers = make_user()
    response = client.patch(
        "/v1/me/settings", json={"follow_up_days": 7, "business_days_only": True}, headers=headers
    )
    assert response.status_code == 200
    created = client.post("/v1/contacts", json={"name": "A", "met_on": "2026-03-06"}, headers=headers).json()
    assert created["follow_up"]["due_on"] == "2026-03-17"


def test_settings_refuse_unknown_zone(client, make_user):
    response = client.patch("/v1/me/settings", json={"time_zone": "Mars/Olympus"}, headers=make_user())
    assert response.status_code == 422


def test_windows_done_and_history(client, make_user):
    headers = make_user()
    today = date.today()
    ids = {}
    for label, due in {
        "late": today - timedelta(days=3),
        "now": today,
        "soon": today + timedelta(days=4),
    }.items():
        body = {"name": label, "emails": [f"{label}@example.com"], "follow_up_due_on": due.isoformat()}
        ids[label] = client.post("/v1/contacts", json=body, headers=headers).json()["id"]

    def window(name: str) -> list[str]:
        return [
            i["contact"]["name"]
            for i in client.get(f"/v1/follow-ups?window={name}", headers=headers).json()["items"]
        ]

    assert window("overdue") == ["late"]
    assert window("today") == ["now"]
    assert window("upcoming") == ["soon"]

    done = client.post(f"/v1/contacts/{ids['late']}/follow-up", json={"channel": "email"}, headers=headers)
    assert done.status_code == 200
    assert done.json()["follow_up"]["channel"] == "email"
    assert done.json()["follow_up"]["done_at"]
    assert window("overdue") == []
    again = client.post(f"/v1/contacts/{ids['late']}/follow-up", json={"channel": "email"}, headers=headers)
    assert again.status_code == 409

    snoozed = client.post(
        f"/v1/contacts/{ids['now']}/follow-up",
        json={"snooze_until": (today + timedelta(days=10)).isoformat()},
        headers=headers,
    )
    assert snoozed.json()["follow_up"]["due_on"] == (today + timedelta(days=10)).isoformat()
    assert window("today") == []
    history = client.get(f"/v1/contacts/{ids['now']}/follow-ups", headers=headers).json()["items"]
    assert len(history) == 2 and history[0]["snoozed_at"] and history[1]["done_at"] is None


@pytest.mark.parametrize(
    "body", [{}, {"channel": "email", "snooze_until": "2030-01-01"}, {"channel": "carrier-pigeon"}]
)
def test_follow_up_action_validation(client, make_user, body):
    headers = make_user()
    contact_id = client.post("/v1/contacts", json={"name": "A"}, headers=headers).json()["id"]
    response = client.post(f"/v1/contacts/{contact_id}/follow-up", json=body, headers=headers)
    assert response.status_code == 422


def test_one_window_rule_for_every_list_of_open_follow_ups():
    today = date(2026, 12, 9)
    assert [window_of(today + timedelta(days=d), today) for d in (-1, 0, 1)] == [
        "overdue",
        "today",
        "upcoming",
    ]
    assert window_range("overdue", today, 30) == (None, date(2026, 12, 8))
    assert window_range("today", today, 30) == (today, today)
    assert window_range("due", today, 30) == (None, today)
    assert window_range("upcoming", today, 7) == (date(2026, 12, 10), date(2026, 12, 16))
    assert window_range(None, today, 7) == (None, date(2026, 12, 16))


def test_the_due_date_follows_the_users_settings():
    weekdays = SimpleNamespace(follow_up_days=2, business_days_only=True, time_zone="UTC")
    friday = date(2026, 12, 11)
    assert due_date_for(weekdays, friday) == date(2026, 12, 15)
    assert due_date_for(weekdays, date(2026, 12, 12), delay_days=0) == date(2026, 12, 14)  # not a Saturday
    every_day = SimpleNamespace(follow_up_days=2, business_days_only=False, time_zone="UTC")
    assert due_date_for(every_day, friday) == date(2026, 12, 13)
