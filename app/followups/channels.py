"""Which channel to suggest for a follow-up, and the ready-made links for each channel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from models import Contact, User

CHANNELS = ("email", "linkedin", "twitter", "phone", "other")

# Placeholders every template may use: {first_name} {name} {company} {event} {at_event} (" at <event>")
# {met_on} ("20 November 2026") {on_date} (" on 20 November") {notes}.
DEFAULT_SUBJECT = "Great to meet you{at_event}"
DEFAULT_BODY = (
    "Hi {first_name},\n\nIt was great meeting you{at_event}{on_date}. I'd love to stay in touch.\n\n"
    "{notes}\n\nBest regards"
)
DEFAULT_LINKEDIN_NOTE = (
    "Hi {first_name}, great to meet you{at_event}{on_date}. I'd love to stay in touch here."
)
LINKEDIN_NOTE_LIMIT = 300  # LinkedIn refuses longer invitation notes
PLACEHOLDERS = ("first_name", "name", "company", "event", "at_event", "met_on", "on_date", "notes")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class MessageDraft:
    """A follow-up ready to send on one channel: where to open it and the drafted words."""

    href: str
    text: str = ""
    subject: str | None = None


def suggested_channel(emails: list[str], social: dict[str, Any], phones: list[dict[str, Any]]) -> str | None:
    if emails:
        return "email"
    if social.get("linkedin"):
        return "linkedin"
    if social.get("twitter"):
        return "twitter"
    if phones:
        return "phone"
    return None


def twitter_handle(value: str) -> str:
    match = re.search(r"(?:twitter\.com|x\.com)/@?([A-Za-z0-9_]{1,15})", value)
    return match.group(1) if match else value.lstrip("@").strip()


def linkedin_url(value: str) -> str:
    if value.startswith("http"):
        return value
    handle = value.strip("/").removeprefix("in/")
    return f"https://www.linkedin.com/in/{quote(handle)}"


def _render(template: str, values: dict[str, str]) -> str:
    try:
        text = template.format(**values)
    except (KeyError, IndexError, ValueError):
        # A user's template with an unknown placeholder is sent as written rather than failing.
        text = template
    return _BLANK_LINES.sub("\n\n", text).strip()


def _values(
    name: str | None,
    given_name: str | None,
    company: str | None,
    event_name: str | None,
    met_on: date | None,
    notes: str | None,
) -> dict[str, str]:
    return {
        "first_name": given_name or (name.split()[0] if name else "there"),
        "name": name or "",
        "company": company or "",
        "event": event_name or "",
        "at_event": f" at {event_name}" if event_name else "",
        "met_on": f"{met_on.day} {met_on:%B %Y}" if met_on else "",
        "on_date": f" on {met_on.day} {met_on:%B}" if met_on else "",
        "notes": (notes or "").strip(),
    }


def follow_up_drafts(
    *,
    name: str | None,
    given_name: str | None,
    company: str | None,
    emails: list[str],
    social: dict[str, Any],
    event_name: str | None,
    met_on: date | None = None,
    notes: str | None = None,
    subject_template: str | None = None,
    body_template: str | None = None,
    linkedin_template: str | None = None,
) -> dict[str, MessageDraft]:
    """Per channel the person can be reached on, the link that opens it and the drafted message: email as
    a mailto: with subject and body, LinkedIn as the profile (or a people search by name and company) with
    a note to paste, X as the handle's page."""
    values = _values(name, given_name, company, event_name, met_on, notes)
    drafts: dict[str, MessageDraft] = {}
    if emails:
        subject = _render(subject_template or DEFAULT_SUBJECT, values)
        body = _render(body_template or DEFAULT_BODY, values)
        href = f"mailto:{emails[0]}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)
        drafts["email"] = MessageDraft(href=href, text=body, subject=subject)
    note = _render(linkedin_template or DEFAULT_LINKEDIN_NOTE, values)[:LINKEDIN_NOTE_LIMIT]
    if social.get("linkedin"):
        drafts["linkedin"] = MessageDraft(href=linkedin_url(str(social["linkedin"])), text=note)
    elif name:
        keywords = " ".join(part for part in (name, company) if part)
        search = "https://www.linkedin.com/search/results/people/?" + urlencode({"keywords": keywords})
        drafts["linkedin"] = MessageDraft(href=search, text=note)
    if social.get("twitter"):
        drafts["twitter"] = MessageDraft(href=f"https://x.com/{twitter_handle(str(social['twitter']))}")
    return drafts


def follow_up_links(**person: Any) -> dict[str, str]:
    """Only the links of `follow_up_drafts`."""
    return {channel: draft.href for channel, draft in follow_up_drafts(**person).items()}


def drafts_for(contact: Contact, user: User) -> dict[str, MessageDraft]:
    """The drafts for one contact, from the user's own templates."""
    return follow_up_drafts(
        name=contact.name,
        given_name=contact.given_name,
        company=contact.company,
        emails=contact.emails or [],
        social=contact.social or {},
        event_name=contact.event_name,
        met_on=contact.met_on,
        notes=contact.notes,
        subject_template=user.email_subject_template,
        body_template=user.email_body_template,
        linkedin_template=user.linkedin_note_template,
    )
