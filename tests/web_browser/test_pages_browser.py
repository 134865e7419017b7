"""Every page of the web client in a real Chromium at desktop (1280x800) and phone (390x844) size: it fits
the screen, axe-core finds no serious or critical violation, its controls are reachable by keyboard, and
it does what it is for (a screenshot of each lands in test-artifacts/)."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest
import vobject

from app.contacts.schemas import ContactCreate
from app.contacts.service import create_contact
from app.db import unit_of_work
from app.followups.schedule import today_in
from app.users.repository import get_by_email
from models import Contact, Scan, User

pytestmark = pytest.mark.browser
SIZES = ("desktop", "phone")


def add_contact(web, **fields) -> str:
    with unit_of_work(web.server.sessions) as session:
        user = get_by_email(session, web.email)
        return str(create_contact(session, user, ContactCreate(**fields)).id)


def user_row(web) -> User:
    with unit_of_work(web.server.sessions) as session:
        user = get_by_email(session, web.email)
        session.expunge(user)
        return user


def test_contact_list_and_contact_page_read_well_on_a_phone(web) -> None:
    from playwright.sync_api import expect

    page = web.page
    page.goto("/settings")
    page.select_option("select[name=default_region]", "BR")
    page.click("button:has-text('Save settings')")
    expect(page.locator(".flash")).to_have_text("Settings saved.")
    today = today_in("UTC")
    contact_id = add_contact(
        web,
        name="Ana Beatriz Souza",
        title="Diretora Comercial",
        company="Beija Flor Importação e Exportação Ltda",
        emails=["ana.beatriz.souza@beijaflor-importacao-exportacao.example"],
        phones=[{"number": "+55 11 91234-5678", "kind": "mobile"}],
        social={"twitter": "@anabsouza"},
        event_name="Web Summit Rio",
        met_on=(today - timedelta(days=10)).isoformat(),
        notes="Wants the pricing deck.",
    )
    for size in SIZES:
        page = web.at(size)
        page.goto("/contacts")
        expect(page.locator("table.contacts tbody tr")).to_have_count(1)
        web.check_page("contacts", size)  # also: nothing wider than the screen
        due = page.locator("table.contacts td[data-label='Follow up']")
        assert due.bounding_box()["x"] + due.bounding_box()["width"] <= page.viewport_size["width"]

        page.goto(f"/contacts/{contact_id}")
        web.check_page("contact", size)
    # Tap to call, in the user's region's format; tap to mail; no stray " ." after the date.
    call = page.locator("dl.details a[href^='tel:']")
    expect(call).to_have_attribute("href", "tel:+5511912345678")
    expect(call).to_have_text("(11) 91234-5678")
    expect(page.locator("dl.details a[href^='mailto:']")).to_have_text(
        "ana.beatriz.souza@beijaflor-importacao-exportacao.example"
    )
    line = page.locator(".follow-up-line").inner_text()
    assert not re.search(r"\s\.", line), line
    assert web.tab_reaches("a.channel[data-channel=email]")

    # The drafted email: subject and body from the event, the date met and the notes.
    mailto = page.locator(".draft[data-channel=email] a.channel").get_attribute("href")
    query = parse_qs(urlsplit(mailto).query)
    assert query["subject"] == ["Great to meet you at Web Summit Rio"]
    assert "Wants the pricing deck." in query["body"][0]
    expect(page.locator(".draft[data-channel=twitter] a")).to_have_attribute(
        "href", "https://x.com/anabsouza"
    )

    # Snooze, then mark done by LinkedIn: the history shows both.
    page.fill("input[name=snooze_until]", (today + timedelta(days=3)).isoformat())
    page.click("button:has-text('Snooze')")
    expect(page.locator(".flash")).to_contain_text("Snoozed Ana Beatriz Souza")
    page.select_option("select[name=channel]", "linkedin")
    page.click("button:has-text('Mark done')")
    expect(page.locator(".flash")).to_contain_text("by LinkedIn")
    expect(page.locator(".follow-up-line")).to_contain_text("by LinkedIn")
    expect(page.locator(".history li")).to_have_count(2)
    expect(page.locator(".history")).to_contain_text("snoozed")

    # Edit leads to the form.
    page.click("a:has-text('Edit')")
    expect(page).to_have_url(re.compile(rf"/contacts/{contact_id}/edit$"))
    web.check_page("contact-edit", "phone")
    page.fill("input[name=title]", "CEO")
    page.click("button:has-text('Save')")
    expect(page.locator(".contact-view .role")).to_contain_text("CEO")
    assert not web.console_errors, web.console_errors


def test_follow_ups_page_drafts_one_tap_messages_from_the_users_templates(web) -> None:
    from playwright.sync_api import expect

    page = web.page
    page.goto("/settings")
    page.fill("textarea[name=linkedin_note_template]", "Hi {first_name}, we met at {event} on {met_on}.")
    page.fill("input[name=email_subject_template]", "{event}: next steps")
    page.click("button:has-text('Save settings')")
    met = today_in("UTC") - timedelta(days=5)
    add_contact(
        web, name="Kofi Mensah", company="Akwaaba Labs", event_name="DevFest Accra", met_on=met.isoformat()
    )
    add_contact(web, name="Lena Vogel", emails=["lena@vogel.example"], event_name="DevFest Accra")
    for size in SIZES:
        page = web.at(size)
        page.goto("/follow-ups")
        web.check_page("follow-ups", size)
    kofi = page.locator("li.due", has_text="Kofi Mensah")
    link = kofi.locator("a.channel[data-channel=linkedin]").get_attribute("href")
    assert parse_qs(urlsplit(link).query)["keywords"] == ["Kofi Mensah Akwaaba Labs"]
    kofi.locator("summary").click()
    note = kofi.locator("textarea[readonly]")
    expect(note).to_have_value(f"Hi Kofi, we met at DevFest Accra on {met.day} {met:%B %Y}.")
    lena = page.locator("li.due", has_text="Lena Vogel")
    mailto = lena.locator("a.channel[data-channel=email]").get_attribute("href")
    assert unquote(mailto).startswith("mailto:lena@vogel.example?subject=DevFest Accra: next steps")
    # Opening a channel picks it for "Mark done", which records it.
    web.context.route("https://www.linkedin.com/**", lambda route: route.fulfill(body="LinkedIn"))
    expect(kofi.locator("select[name=channel]")).to_have_value("other")
    with web.context.expect_page() as linkedin:
        kofi.locator("a.channel[data-channel=linkedin]").click()
    linkedin.value.close()
    expect(kofi.locator("select[name=channel]")).to_have_value("linkedin")
    kofi.locator("button:has-text('Mark done')").click()
    expect(page.locator(".flash")).to_contain_text("Followed up with Kofi Mensah by LinkedIn")


def test_settings_page_saves_every_setting_and_refuses_bad_values(web) -> None:
    from playwright.sync_api import expect

    for size in SIZES:
        page = web.at(size)
        page.goto("/settings")
        web.check_page("settings", size)
    assert web.tab_reaches("button:has-text('Save settings')", limit=200)
    page.select_option("select[name=default_region]", "IN")
    page.check("input[name=languages][value=eng]")
    page.check("input[name=languages][value=por]")
    page.fill("input[name=follow_up_days]", "4")
    page.check("input[name=business_days_only]")
    page.select_option("select[name=time_zone]", "Asia/Kolkata")
    page.fill("textarea[name=email_body_template]", "Dear {name}, ...")
    page.click("button:has-text('Save settings')")
    expect(page.locator(".flash")).to_have_text("Settings saved.")
    user = user_row(web)
    assert (user.default_region, user.ocr_lang, user.follow_up_days) == ("IN", "eng+por", 4)
    assert (user.business_days_only, user.time_zone) == (True, "Asia/Kolkata")
    assert user.email_body_template == "Dear {name}, ..."
    expect(page.locator("input[name=languages][value=por]")).to_be_checked()

    page.fill("input[name=follow_up_days]", "999")
    page.evaluate("document.querySelector('input[name=follow_up_days]').removeAttribute('max')")
    page.click("button:has-text('Save settings')")
    expect(page.locator(".error-message")).to_be_visible()
    assert user_row(web).follow_up_days == 4


def test_events_page_creates_events_and_shows_follow_up_progress(web) -> None:
    from playwright.sync_api import expect

    page = web.at("desktop")
    page.goto("/events")
    page.fill("input[name=name]", "Hannover Messe")
    page.fill("input[name=place]", "Hannover")
    page.click("button:has-text('Create event')")
    expect(page.locator("h1")).to_have_text("Hannover Messe")
    event_id = page.url.rsplit("/", 1)[1]
    today = today_in("UTC")
    overdue = add_contact(
        web, name="Late Larry", event_id=event_id, follow_up_due_on=str(today - timedelta(days=2))
    )
    add_contact(web, name="Due Dora", event_id=event_id, follow_up_due_on=str(today))
    done = add_contact(web, name="Done Dan", event_id=event_id)
    page.goto(f"/contacts/{done}")
    page.click("button:has-text('Mark done')")
    for size in SIZES:
        page = web.at(size)
        page.goto(f"/events/{event_id}")
        web.check_page("event", size)
        page.goto("/events")
        web.check_page("events", size)
    row = page.locator("li.event", has_text="Hannover Messe")
    expect(row).to_contain_text("3 people")
    expect(row).to_contain_text("1 done")
    expect(row).to_contain_text("1 due today")
    expect(row).to_contain_text("1 overdue")
    page.goto(f"/events/{event_id}")
    expect(page.locator("li.event", has_text="Late Larry")).to_contain_text("overdue since")
    assert overdue in page.locator("li.event", has_text="Late Larry").locator("a").get_attribute("href")


def test_exports_page_downloads_contacts_and_subscribes_the_calendar(web) -> None:
    from playwright.sync_api import expect

    add_contact(web, name="Max Mustermann", company="Beispiel GmbH", emails=["max@beispiel.de"])
    for size in SIZES:
        page = web.at(size)
        page.goto("/exports")
        web.check_page("exports", size)
    with page.expect_download() as download:
        page.click("a:has-text('vCard (.vcf)')")
    card = next(vobject.readComponents(Path(download.value.path()).read_text(encoding="utf-8")))
    assert card.fn.value == "Max Mustermann"

    page.click("button:has-text('Get a calendar address')")
    webcal = page.locator("a:has-text('Subscribe (webcal)')").get_attribute("href")
    assert webcal.startswith("webcal://127.0.0.1:") and "token=" in webcal
    expect(page.locator("figure.qr svg")).to_be_visible()
    web.check_page("exports-calendar", "phone")
    feed = httpx.get(page.locator("#feed-url").input_value(), timeout=10)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "Max Mustermann" in feed.text


def test_scan_page_offers_camera_and_gallery_and_dates_the_card_today(web) -> None:
    from playwright.sync_api import expect

    with unit_of_work(web.server.sessions) as session:
        get_by_email(session, web.email).time_zone = "Pacific/Kiritimati"  # UTC+14: often "tomorrow"
    for size in SIZES:
        page = web.at(size)
        page.goto("/")
        web.check_page("scan", size)
    expect(page.locator("input[type=file][name=image]")).to_have_count(2)
    expect(page.locator("#photo-gallery")).not_to_have_attribute("capture", re.compile(".*"))
    expect(page.locator("#photo-camera")).to_have_attribute("capture", "environment")
    device_today = page.evaluate("localToday()")
    assert page.locator("input[name=met_on]").input_value() in {
        device_today,
        str(today_in("Pacific/Kiritimati")),
    }
    assert web.tab_reaches("#photo-gallery")
    assert web.tab_reaches("button:has-text('Read the card')")


def test_sign_in_and_error_pages_are_accessible(web) -> None:
    page = web.at("phone")
    page.goto("/contacts/00000000-0000-0000-0000-000000000000")
    web.check_page("not-found", "phone")
    page.click("button:has-text('Sign out')")
    page.goto("/signin")
    for size in SIZES:
        web.at(size)
        web.check_page("signin", size)


def test_review_page_offers_a_value_the_reader_left_out_and_uses_it_on_a_click(web) -> None:
    from playwright.sync_api import expect

    # A card whose company line the reader read but was too unsure of: the contact's field is empty and
    # the reading keeps the value as a suggestion (ocr/withhold.py).
    contact_id = add_contact(web, name="Maria Schneider", status="draft")
    with unit_of_work(web.server.sessions) as session:
        user = get_by_email(session, web.email)
        session.get(Contact, uuid.UUID(contact_id)).needs_review = ["company"]
        scan = Scan(
            user_id=user.id,
            status="done",
            image_key=f"users/{user.id}/scans/x/original",
            image_content_type="image/jpeg",
            reading={
                "confidence": {"name": 0.97},
                "needs_review": ["company"],
                "suggestions": {"company": {"value": "Northwind Analytics", "confidence": 0.31}},
            },
            warnings=[],
            options={},
            contact_id=uuid.UUID(contact_id),
        )
        session.add(scan)
        session.flush()
        scan_id = scan.id
    page = web.at("desktop")
    page.goto(f"/cards/{scan_id}")
    expect(page.locator("#company-flag")).to_contain_text("only 31% sure")
    expect(page.locator("input[name=company]")).to_have_value("")
    for size in SIZES:
        web.at(size)
        web.check_page("review-suggestion", size)
    web.at("desktop")
    page.click("button.use-suggestion")
    expect(page.locator("input[name=company]")).to_have_value("Northwind Analytics")
    expect(page.locator("input[name=company]")).to_be_focused()
    page.click("button:has-text('Save contact')")
    expect(page.locator(".flash")).to_contain_text("Saved Maria Schneider")
    with unit_of_work(web.server.sessions) as session:
        saved = session.get(Contact, uuid.UUID(contact_id))
        assert saved.company == "Northwind Analytics" and "company" not in (saved.needs_review or [])
