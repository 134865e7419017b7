"""The digest (API and `meishi follow-ups` CLI) and the date arithmetic it depends on: business days
around weekends, the user's time zone, DST changes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.db import unit_of_work
from app.followups.digest import build_digest
from app.followups.schedule import due_date, today_in
from app.users.repository import get_by_email


def _contact(client, headers, **fields) -> dict:
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _seed(client, headers) -> dict[str, str]:
    """Two events and a contact without one; overdue, today, upcoming and done follow-ups."""
    today = today_in("UTC")
    expo = client.post(
        "/v1/events", json={"name": "Library Expo", "date": "2026-03-02"}, headers=headers
    ).json()
    cebit = client.post("/v1/events", json={"name": "CeBIT", "place": "Hannover"}, headers=headers).json()
    plan = {
        "Late Lena": (expo["id"], today - timedelta(days=3)),
        "Today Tom": (expo["id"], today),
        "Soon Sara": (expo["id"], today + timedelta(days=2)),
        "Done Dan": (cebit["id"], today - timedelta(days=1)),
        "Cebit Carl": (cebit["id"], today - timedelta(days=1)),
        "Loose Lou": (None, today),
    }
    ids = {}
    for name, (event_id, due) in plan.items():
        ids[name] = _contact(
            client, headers, name=name, emails=[f"{name.split()[0].lower()}@example.com"],
            event_id=event_id, follow_up_due_on=due.isoformat(),
        )["id"]  # fmt: skip
    client.post(f"/v1/contacts/{ids['Done Dan']}/follow-up", json={"channel": "email"}, headers=headers)
    return ids


def test_digest_groups_due_and_overdue_by_event(client, make_user):
    headers = make_user()
    _seed(client, headers)
    response = client.get("/v1/follow-ups/digest", headers=headers)
    assert response.status_code == 200
    digest = response.json()
    assert digest["today"] == today_in("UTC").isoformat()
    assert (digest["overdue"], digest["due_today"], digest["upcoming"]) == (2, 2, 0)
    groups = [(g["event_name"], [i["contact"]["name"] for i in g["items"]]) for g in digest["groups"]]
    # Groups by their most urgent follow-up; people met at no event come last.
    assert groups == [
        ("Library Expo", ["Late Lena", "Today Tom"]),
        ("CeBIT", ["Cebit Carl"]),
        (None, ["Loose Lou"]),
    ]
    lena = digest["groups"][0]["items"][0]
    assert (lena["window"], lena["days_overdue"]) == ("overdue", 3)
    assert digest["groups"][1]["place"] == "Hannover"
    assert digest["groups"][0]["event_date"] == "2026-03-02"

    overdue = client.get("/v1/follow-ups/digest?due=overdue", headers=headers).json()
    assert [i["contact"]["name"] for g in overdue["groups"] for i in g["items"]] == [
        "Late Lena",
        "Cebit Carl",
    ]
    upcoming = client.get("/v1/follow-ups/digest?due=upcoming", headers=headers).json()
    assert [i["contact"]["name"] for g in upcoming["groups"] for i in g["items"]] == ["Soon Sara"]
    assert client.get("/v1/follow-ups/digest?due=someday", headers=headers).status_code == 422


def test_digest_is_per_user(client, make_user):
    alice, bob = make_user(), make_user()
    _seed(client, alice)
    assert client.get("/v1/follow-ups/digest", headers=bob).json()["groups"] == []


def test_digest_today_follows_the_users_time_zone_across_dst(client, make_user):
    """Europe/Berlin springs forward on 2026-03-29; at 23:30 UTC on the 28th it is already the 29th there."""
    headers = make_user("berlin@example.com", time_zone="Europe/Berlin")
    _contact(client, headers, name="Due 29th", follow_up_due_on="2026-03-29")
    _contact(client, headers, name="Due 28th", follow_up_due_on="2026-03-28")
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, "berlin@example.com")
        before_midnight = build_digest(session, user, now=datetime(2026, 3, 28, 22, 30, tzinfo=UTC))
        after_midnight = build_digest(session, user, now=datetime(2026, 3, 28, 23, 30, tzinfo=UTC))
    assert before_midnight.today == date(2026, 3, 28)
    assert [(e.contact.name, e.window) for e in before_midnight.entries] == [("Due 28th", "today")]
    assert after_midnight.today == date(2026, 3, 29)
    assert [(e.contact.name, e.window) for e in after_midnight.entries] == [
        ("Due 28th", "overdue"),
        ("Due 29th", "today"),
    ]


@pytest.mark.parametrize(
    ("moment", "zone", "expected_today"),
    [
        # New York falls back on 2026-11-01 at 06:00 UTC: 03:30 UTC is still Oct 31 (EDT, UTC-4).
        (datetime(2026, 11, 1, 3, 30, tzinfo=UTC), "America/New_York", date(2026, 10, 31)),
        (datetime(2026, 11, 1, 4, 30, tzinfo=UTC), "America/New_York", date(2026, 11, 1)),
        # After the change New York is UTC-5: 04:30 UTC on Nov 2 is still Nov 1.
        (datetime(2026, 11, 2, 4, 30, tzinfo=UTC), "America/New_York", date(2026, 11, 1)),
        # Southern hemisphere: Sydney leaves DST on 2026-04-05 (UTC+11 -> UTC+10).
        (datetime(2026, 4, 4, 13, 30, tzinfo=UTC), "Australia/Sydney", date(2026, 4, 5)),
        (datetime(2026, 4, 5, 13, 30, tzinfo=UTC), "Australia/Sydney", date(2026, 4, 5)),
    ],
)
def test_today_around_dst_changes(moment, zone, expected_today):
    assert today_in(zone, moment) == expected_today


@pytest.mark.parametrize(
    ("moment", "zone", "expected_due"),
    [
        # Thursday evening in UTC is already Friday in Tokyo: +1 business day is Monday, not Friday.
        (datetime(2026, 3, 5, 20, 0, tzinfo=UTC), "Asia/Tokyo", date(2026, 3, 9)),
        (datetime(2026, 3, 5, 20, 0, tzinfo=UTC), "UTC", date(2026, 3, 6)),
        # Friday evening in Los Angeles is Saturday in UTC; from Friday, +1 business day is Monday.
        (datetime(2026, 3, 7, 2, 0, tzinfo=UTC), "America/Los_Angeles", date(2026, 3, 9)),
        # Sunday 2026-03-29, Berlin's DST day: the next business day is Monday the 30th.
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "Europe/Berlin", date(2026, 3, 30)),
    ],
)
def test_business_day_due_dates_in_the_users_zone(moment, zone, expected_due):
    assert due_date(None, delay_days=1, business_days_only=True, time_zone=zone, now=moment) == expected_due


def test_business_days_over_a_long_weekend_span():
    # Friday 2026-12-18 + 10 business days crosses two weekends (holidays are not skipped).
    assert due_date(date(2026, 12, 18), delay_days=10, business_days_only=True, time_zone="UTC") == date(
        2027, 1, 1
    )


@pytest.fixture
def cli_env(settings, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("MEISHI_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("MEISHI_SECRET_KEY", "test-secret-key-with-enough-length-for-hs256")
    return CliRunner()


def test_cli_follow_ups_due_today(client, make_user, cli_env):
    headers = make_user("cli@example.com")
    _seed(client, headers)
    result = cli_env.invoke(cli, ["follow-ups", "--due", "today", "--user", "cli@example.com"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Follow-ups due today or overdue")
    assert "Library Expo (2026-03-02)" in lines
    assert "  [3d overdue] Late Lena: email late@example.com" in lines
    assert "  [today] Today Tom: email today@example.com" in lines
    assert "CeBIT (Hannover)" in lines
    assert "Not met at a named event" in lines
    assert "Soon Sara" not in result.output and "Done Dan" not in result.output
    # With one account, --user may be left out.
    assert cli_env.invoke(cli, ["follow-ups"]).output == result.output


def test_cli_follow_ups_json_and_windows(client, make_user, cli_env):
    headers = make_user("cli@example.com")
    _seed(client, headers)
    result = cli_env.invoke(cli, ["follow-ups", "--due", "upcoming", "--json", "--user", "CLI@example.com"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [i["name"] for g in data["groups"] for i in g["items"]] == ["Soon Sara"]
    overdue = cli_env.invoke(cli, ["follow-ups", "--due", "overdue", "--json", "--user", "cli@example.com"])
    assert [i["name"] for g in json.loads(overdue.output)["groups"] for i in g["items"]] == [
        "Late Lena",
        "Cebit Carl",
    ]


def test_cli_follow_ups_errors(client, make_user, cli_env):
    make_user("one@example.com")
    make_user("two@example.com")
    several = cli_env.invoke(cli, ["follow-ups"])
    assert several.exit_code == 1 and "--user" in several.output
    unknown = cli_env.invoke(cli, ["follow-ups", "--user", "nobody@example.com"])
    assert unknown.exit_code == 1 and "no user" in unknown.output
    assert cli_env.invoke(cli, ["follow-ups", "--due", "someday"]).exit_code == 2
    empty = cli_env.invoke(cli, ["follow-ups", "--user", "one@example.com"])
    assert empty.exit_code == 0 and empty.output.startswith("Nothing due today or overdue")
