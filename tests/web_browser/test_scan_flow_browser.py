"""The web UI end to end in a real headless Chromium against a live server: sign in, upload a card photo,
see what was read, correct a field, save, find the contact by search, mark its follow-up done."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_scan_review_save_search_and_follow_up(web, card_photo: Path) -> None:
    from playwright.sync_api import expect

    page = web.at("desktop")
    # Upload the card photo; the script previews it and posts it with progress.
    page.set_input_files("#photo-gallery", str(card_photo))
    expect(page.locator("#upload-preview")).to_be_visible()
    page.fill("input[name=event_name]", "Browser Summit")
    page.click("button:has-text('Read the card')")
    page.wait_for_url(re.compile(r"/cards/[0-9a-f-]{36}$"), timeout=40_000)

    # The review page shows what was read, with the words' boxes drawn on the card.
    expect(page.locator("h1")).to_have_text("Review the card")
    expect(page.locator("input[name=name]")).to_have_value(re.compile("Maria Schneider"))
    expect(page.locator("input[name=phone_number]").first).to_have_value(re.compile(r"4155550134"))
    expect(page.locator("input[name=event_name]")).to_have_value("Browser Summit")
    expect(page.locator("input[name=met_on]")).not_to_have_value("")
    expect(page.locator(".overlay .box[data-field=name] rect").first).to_be_visible()
    assert page.locator(".overlay image").evaluate("img => img.getBBox().width") > 100
    web.check_page("review", "desktop")

    # Click a field, then a word on the card: its text goes into the field.
    page.fill("input[name=department]", "")
    page.focus("input[name=department]")
    page.locator(".overlay .word[data-text='Northwind']").first.click()
    expect(page.locator("input[name=department]")).to_have_value("Northwind")
    page.locator(".overlay .word[data-text='Analytics']").first.click()
    expect(page.locator("input[name=department]")).to_have_value("Northwind Analytics")
    web.at("phone")
    web.check_page("review", "phone")
    web.at("desktop")

    # Correct a field and save.
    page.fill("input[name=department]", "")
    page.fill("input[name=title]", "Head of Global Partnerships")
    page.fill("input[name=company]", "Northwind Analytics")
    page.click("button:has-text('Save contact')")
    expect(page.locator(".flash")).to_contain_text("Saved Maria Schneider")

    # Find the contact in the list by searching; its page reads like a contact, with an Edit button.
    page.click("nav >> text=Contacts")
    page.fill("input[name=q]", "northwind")
    page.press("input[name=q]", "Enter")
    row = page.locator("table.contacts tbody tr", has_text="Maria Schneider")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Northwind Analytics")
    row.locator("a", has_text="Maria Schneider").click()
    expect(page.locator(".contact-view .role")).to_contain_text("Head of Global Partnerships")
    expect(page.locator(".card-photos img").first).to_be_visible()
    page.click("a:has-text('Edit')")
    expect(page.locator("input[name=title]")).to_have_value("Head of Global Partnerships")

    # Follow up: the contact is upcoming (met today + 2 days); mark it done by email.
    page.click("nav >> text=Follow up")
    item = page.locator("li.due", has_text="Maria Schneider")
    expect(item).to_have_count(1)
    expect(item.locator("a.channel[data-channel=linkedin]")).to_have_attribute(
        "href", re.compile(r"^https://www\.linkedin\.com/search/results/people/\?keywords=Maria")
    )
    item.locator("select[name=channel]").select_option("email")
    item.locator("button:has-text('Mark done')").click()
    expect(page.locator(".flash")).to_contain_text("Followed up with Maria Schneider by Email")
    expect(page.locator("li.due", has_text="Maria Schneider")).to_have_count(0)
    assert not web.console_errors, web.console_errors  # e.g. a Content-Security-Policy violation
