"""The web client's pages over HTTP (no browser): settings, events, exports and the calendar address,
snooze, the offline queue's upload endpoint, the PWA files; CSRF and isolation on every new form."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest

from app.db import unit_of_work
from app.followups.schedule import today_in
from app.users.repository import get_by_email
from app.web.rendering import phone_for_display
from models import Scan
from tests.test_web_forms import (
    add_contact,
    card_photo,
    new_account,
    page_token,
    sign_in,
)

web_layer_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def signed_in(client) -> str:
    email = new_account(client)
    sign_in(client, email)
    return email


def test_phone_numbers_read_as_written_in_the_users_region() -> None:
    assert phone_for_display("+5511912345678", "BR") == "(11) 91234-5678"
    assert phone_for_display("+919876543210", "IN") == "098765 43210"
    assert phone_for_display("+5511912345678", "US") == "+55 11 91234-5678"
    assert phone_for_display("12", "US") == "12"  # not a number: shown as typed


@web_layer_only
def test_every_new_form_needs_the_token(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada")
    for path, data in (
        ("/settings", {"follow_up_days": "3"}),
        ("/events", {"name": "Expo"}),
        ("/exports/calendar", {}),
        ("/exports/calendar/off", {}),
        (f"/contacts/{contact_id}/snooze", {"snooze_until": "2030-01-01"}),
        ("/cards/queued", {}),
    ):
        response = client.post(path, data=data, headers={"Idempotency-Key": "k" * 20})
        assert response.status_code == 403, (path, response.status_code)


def test_settings_page_saves_and_rejects_bad_values(client, signed_in):
    token = page_token(client, "/settings")
    form = {
        "csrf_token": token,
        "default_region": "BR",
        "languages": ["por", "eng", "klingon"],
        "follow_up_days": "5",
        "business_days_only": "on",
        "time_zone": "America/Sao_Paulo",
        "email_subject_template": "Since {event}",
        "email_body_template": "",
        "linkedin_note_template": "Oi {first_name}",
    }
    saved = client.post("/settings", data=form, follow_redirects=False)
    assert saved.status_code == 303
    with unit_of_work(client.app.state.meishi.sessions) as session:
        user = get_by_email(session, signed_in)
        assert (user.default_region, user.ocr_lang, user.follow_up_days) == ("BR", "eng+por", 5)
        assert (user.business_days_only, user.time_zone) == (True, "America/Sao_Paulo")
        assert (user.email_subject_template, user.email_body_template) == ("Since {event}", None)
    api = client.get("/v1/me/settings").json()  # the API shows the same settings
    assert (api["ocr_lang"], api["linkedin_note_template"]) == ("eng+por", "Oi {first_name}")

    bad = client.post("/settings", data={**form, "time_zone": "Mars/Olympus"})
    assert bad.status_code == 422 and "unknown IANA time zone" in bad.text
    with unit_of_work(client.app.state.meishi.sessions) as session:
        assert get_by_email(session, signed_in).time_zone == "America/Sao_Paulo"


def test_queued_upload_is_idempotent_and_keeps_the_back_the_date_and_the_languages(client, signed_in):
    with unit_of_work(client.app.state.meishi.sessions) as session:
        get_by_email(session, signed_in).ocr_lang = "eng+por"
    token = page_token(client, "/")
    photo = card_photo()

    def send(key: str, met_on: str = "2026-11-20"):
        return client.post(
            "/cards/queued",
            data={"csrf_token": token, "event_name": "Offline Expo", "met_on": met_on},
            files={"image": ("card.jpg", photo, "image/jpeg"), "back": ("back.jpg", photo, "image/jpeg")},
            headers={"Idempotency-Key": key},
        )

    first = send("offline-key-0001")
    assert first.status_code == 202, first.text
    again = send("offline-key-0001")
    assert again.status_code == 200 and again.json() == {**first.json(), "replayed": True}
    assert send("offline-key-0001", met_on="2026-11-21").status_code == 422  # same key, other upload
    assert send("short").status_code == 422
    with unit_of_work(client.app.state.meishi.sessions) as session:
        scan = session.get(Scan, uuid.UUID(first.json()["id"]))
        assert scan.back_image_key and scan.options["met_on"] == "2026-11-20"
        assert scan.options["event_name"] == "Offline Expo"
        assert scan.options["lang"] == "eng+por", "read in the user's card languages"
    # Read in the background; wait, so no reading outlives the test's database.
    deadline = time.monotonic() + 60
    while client.get(f"/v1/scans/{first.json()['id']}").json()["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the queued card was never read"
        time.sleep(0.2)


def test_snooze_moves_the_follow_up_and_refuses_the_past(client, signed_in):
    contact_id = add_contact(client, signed_in, name="Ada", met_on="2020-01-01")
    token = page_token(client, f"/contacts/{contact_id}")
    today = today_in("UTC")
    later = today + timedelta(days=4)
    moved = client.post(
        f"/contacts/{contact_id}/snooze",
        data={"csrf_token": token, "snooze_until": later.isoformat(), "next": f"/contacts/{contact_id}"},
        follow_redirects=False,
    )
    assert moved.status_code == 303 and moved.headers["location"] == f"/contacts/{contact_id}"
    page = client.get(f"/contacts/{contact_id}").text
    assert "Snoozed Ada" in page and "snoozed on" in page
    past = client.post(
        f"/contacts/{contact_id}/snooze",
        data={"csrf_token": token, "snooze_until": (today - timedelta(days=1)).isoformat()},
    )
    assert past.status_code == 422 and "must not be in the past" in past.text


def test_events_pages_and_isolation(client):
    owner = new_account(client)
    sign_in(client, owner)
    token = page_token(client, "/events")
    created = client.post(
        "/events",
        data={"csrf_token": token, "name": "  Zanzibar Expo  ", "date": "2026-11-20"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    event_url = created.headers["location"]
    assert "<h1>Zanzibar Expo</h1>" in client.get(event_url).text
    blank = client.post("/events", data={"csrf_token": token, "name": "   "})
    assert blank.status_code == 422 and "Check the event" in blank.text

    client.cookies.clear()
    sign_in(client, new_account(client))
    assert client.get(event_url).status_code == 404
    assert "Zanzibar" not in client.get("/events").text


def test_calendar_address_is_shown_once_with_a_webcal_link_and_a_qr_code(client, signed_in):
    token = page_token(client, "/exports")
    page = client.post("/exports/calendar", data={"csrf_token": token})
    assert page.status_code == 200
    assert 'href="webcal://testserver/v1/follow-ups.ics?token=mcf_' in page.text
    assert "<svg" in page.text and "QR code" in page.text
    feed_url = page.text.split('id="feed-url" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert client.get(feed_url.replace("&amp;", "&")).status_code == 200
    assert "mcf_" not in client.get("/exports").text  # only its hash is kept
    off = client.post("/exports/calendar/off", data={"csrf_token": token}, follow_redirects=False)
    assert off.status_code == 303
    assert client.get(feed_url.replace("&amp;", "&")).status_code == 404


@web_layer_only
def test_the_app_is_installable(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest.json()["icons"]}
    for icon in manifest.json()["icons"]:
        assert client.get(icon["src"]).status_code == 200
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["service-worker-allowed"] == "/"
