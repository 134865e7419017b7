"""Follow-up in one tap: per channel a drafted message from the user's editable templates (event, date
met and notes), listed by the contact API and the digest."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from app.followups.channels import LINKEDIN_NOTE_LIMIT, follow_up_drafts

PERSON = {
    "name": "Ana Souza",
    "given_name": "Ana",
    "company": "Beija Flor Ltda",
    "emails": ["ana@beijaflor.example"],
    "social": {"twitter": "@anasouza"},
    "event_name": "Web Summit",
    "met_on": date(2026, 11, 20),
    "notes": "Wants the pricing deck.",
}


def test_email_draft_is_a_mailto_with_subject_and_body_from_event_date_and_notes() -> None:
    draft = follow_up_drafts(**PERSON)["email"]
    url = urlsplit(draft.href)
    assert url.scheme == "mailto" and url.path == "ana@beijaflor.example"
    query = parse_qs(url.query)
    assert query["subject"] == ["Great to meet you at Web Summit"]
    body = query["body"][0]
    assert body == draft.text
    assert body.startswith("Hi Ana,\n\nIt was great meeting you at Web Summit on 20 November.")
    assert "Wants the pricing deck." in body


def test_empty_notes_leave_no_blank_gap_and_unknown_placeholders_are_kept_as_written() -> None:
    draft = follow_up_drafts(**{**PERSON, "notes": None})["email"]
    assert "\n\n\n" not in draft.text
    custom = follow_up_drafts(**PERSON, subject_template="Hello {nickname}")["email"]
    assert custom.subject == "Hello {nickname}"


def test_linkedin_searches_people_by_name_and_company_with_a_note_to_paste() -> None:
    draft = follow_up_drafts(**PERSON, linkedin_template="Hi {first_name} from {company}! " * 40)["linkedin"]
    assert parse_qs(urlsplit(draft.href).query)["keywords"] == ["Ana Souza Beija Flor Ltda"]
    assert draft.text.startswith("Hi Ana from Beija Flor Ltda!")
    assert len(draft.text) <= LINKEDIN_NOTE_LIMIT


def test_x_opens_the_handles_page() -> None:
    assert follow_up_drafts(**PERSON)["twitter"].href == "https://x.com/anasouza"


def test_the_digest_lists_each_contacts_drafts_from_the_users_templates(client, make_user) -> None:
    headers = make_user()
    patched = client.patch(
        "/v1/me/settings",
        headers=headers,
        json={"email_subject_template": "Since {event}", "linkedin_note_template": "Hello {name}"},
    )
    assert patched.status_code == 200, patched.text
    created = client.post(
        "/v1/contacts",
        headers=headers,
        json={
            "name": "Ana Souza",
            "emails": ["ana@beijaflor.example"],
            "event_name": "Web Summit",
            "met_on": "2020-01-06",
        },
    )
    assert created.status_code == 201, created.text
    digest = client.get("/v1/follow-ups/digest", headers=headers).json()
    drafts = digest["groups"][0]["items"][0]["contact"]["follow_up"]["drafts"]
    assert drafts["email"]["subject"] == "Since Web Summit"
    assert drafts["email"]["href"].startswith("mailto:ana@beijaflor.example?subject=Since%20Web%20Summit")
    assert drafts["linkedin"]["text"] == "Hello Ana Souza"
