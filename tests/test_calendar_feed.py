"""The secret iCalendar feed: token auth, valid RFC 5545 (checked with two parsers), stable UIDs."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
import vobject
from sqlalchemy import select

from app.followups.schedule import today_in
from models import User


def _feed_path(client, headers) -> str:
    response = client.post("/v1/me/calendar-feed", headers=headers)
    assert response.status_code == 201, response.text
    url = urlsplit(response.json()["url"])
    assert url.path == "/v1/follow-ups.ics"
    assert response.json()["webcal_url"].startswith("webcal://")
    return f"{url.path}?{url.query}"


def _calendar(client, path: str) -> icalendar.Calendar:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    raw = response.content
    # RFC 5545 3.1: CRLF line breaks, lines folded at 75 octets.
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "unfolded long line"
    assert b"\n" not in raw.replace(b"\r\n", b"")
    # A second, independent parser with validation: what a calendar app's importer would do.
    vobject.readOne(raw.decode(), validate=True)
    return icalendar.Calendar.from_ical(raw)


def _events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _contact(client, headers, **fields) -> dict:
    response = client.post("/v1/contacts", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_feed_lists_open_follow_ups_as_all_day_events(client, make_user):
    headers = make_user()
    due = date(2026, 12, 1)
    jane = _contact(
        client,
        headers,
        name="Zoë Ångström",
        company="Bibliothèque, Nationale; de France",
        emails=["zoe@bnf.fr"],
        event_name="Salon du Livre",
        follow_up_due_on=due.isoformat(),
    )
    done = _contact(client, headers, name="Done Already", follow_up_due_on=due.isoformat())
    client.post(f"/v1/contacts/{done['id']}/follow-up", json={"channel": "phone"}, headers=headers)

    calendar = _calendar(client, _feed_path(client, headers))
    assert str(calendar["VERSION"]) == "2.0"
    assert "Meishi" in str(calendar["PRODID"])
    events = _events(calendar)
    assert len(events) == 1, "done follow-ups are not in the feed"
    ((uid, event),) = events.items()
    assert jane["id"] in uid
    assert event.decoded("DTSTART") == due  # a date, not a datetime: an all-day event
    assert not hasattr(event.decoded("DTSTART"), "hour")
    assert event.decoded("DTEND") == due + timedelta(days=1)
    assert str(event["SUMMARY"]) == "Follow up with Zoë Ångström (Bibliothèque, Nationale; de France)"
    assert "Salon du Livre" in str(event["DESCRIPTION"])
    assert str(event["URL"]).startswith("mailto:zoe@bnf.fr")
    assert event["DTSTAMP"] and event["LAST-MODIFIED"]
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_uid_stable_and_sequence_grows_when_snoozed_or_done(client, make_user):
    headers = make_user()
    path = _feed_path(client, headers)
    today = today_in("UTC")
    contact = _contact(client, headers, name="Jane", follow_up_due_on=today.isoformat())
    first = _events(_calendar(client, path))
    again = _events(_calendar(client, path))
    assert first.keys() == again.keys()
    assert again == first, "an unchanged contact gives an identical entry"
    ((uid, before),) = first.items()

    later = today + timedelta(days=5)
    client.post(
        f"/v1/contacts/{contact['id']}/follow-up", json={"snooze_until": later.isoformat()}, headers=headers
    )
    snoozed = _events(_calendar(client, path))[uid]
    assert snoozed.decoded("DTSTART") == later
    assert snoozed.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert snoozed.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")

    client.post(f"/v1/contacts/{contact['id']}/follow-up", json={"channel": "email"}, headers=headers)
    assert uid not in _events(_calendar(client, path)), "a done follow-up leaves the calendar"

    next_one = today + timedelta(days=30)
    client.post(
        f"/v1/contacts/{contact['id']}/follow-up", json={"due_on": next_one.isoformat()}, headers=headers
    )
    planned = _events(_calendar(client, path))[uid]
    assert planned.decoded("DTSTART") == next_one
    assert planned.decoded("SEQUENCE") > snoozed.decoded("SEQUENCE")


def test_new_address_revokes_the_old_one_and_is_stored_hashed(client, make_user):
    headers = make_user()
    old = _feed_path(client, headers)
    new = _feed_path(client, headers)
    assert old != new
    gone = client.get(old)
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "calendar_feed_not_found"
    assert client.get(new).status_code == 200
    token = new.split("token=", 1)[1]
    with client.app.state.meishi.sessions() as session:
        stored = [u.calendar_feed_token_hash for u in session.scalars(select(User))]
    assert token not in stored and all(h is None or len(h) == 64 for h in stored)

    assert client.delete("/v1/me/calendar-feed", headers=headers).status_code == 204
    assert client.get(new).status_code == 404


def test_feed_token_auth_is_separate_from_api_auth(client, make_user):
    headers = make_user()
    path = _feed_path(client, headers)
    token = path.split("token=", 1)[1]
    for bad in ("", "?token=", "?token=nonsense", "?token=mcf_nonsense", f"?token={token}x"):
        response = client.get("/v1/follow-ups.ics" + bad)
        assert response.status_code == 404, bad
        assert response.json()["error"]["code"] == "calendar_feed_not_found"
    # Neither the bearer token nor an API key opens the feed, and the feed token opens nothing else.
    api_key = client.post("/v1/api-keys", json={"name": "k"}, headers=headers).json()["key"]
    assert client.get(f"/v1/follow-ups.ics?token={api_key}").status_code == 404
    assert client.get("/v1/follow-ups.ics", headers=headers).status_code == 404
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.post("/v1/me/calendar-feed").status_code == 401


def test_feeds_are_isolated(client, make_user):
    alice, bob = make_user(), make_user()
    _contact(client, alice, name="Alice's contact", follow_up_due_on="2026-12-01")
    _contact(client, bob, name="Bob's contact", follow_up_due_on="2026-12-01")
    alice_feed, bob_feed = _feed_path(client, alice), _feed_path(client, bob)
    summaries = [str(e["SUMMARY"]) for e in _calendar(client, bob_feed).walk("VEVENT")]
    assert summaries == ["Follow up with Bob's contact"]
    # Bob renewing his address leaves Alice's working.
    _feed_path(client, bob)
    assert client.get(alice_feed).status_code == 200


def test_etag_lets_calendar_apps_skip_unchanged_feeds(client, make_user):
    headers = make_user()
    path = _feed_path(client, headers)
    contact = _contact(client, headers, name="Jane", follow_up_due_on="2026-12-01")
    etag = client.get(path).headers["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    client.patch(f"/v1/contacts/{contact['id']}", json={"name": "Jane Doe"}, headers=headers)
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 200


def test_empty_feed_is_still_a_valid_calendar(client, make_user):
    calendar = _calendar(client, _feed_path(client, make_user()))
    assert list(calendar.walk("VEVENT")) == []
