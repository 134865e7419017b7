"""Which channel to suggest for a follow-up, and the ready-made links for each channel."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

CHANNELS = ("email", "linkedin", "twitter", "phone", "other")

DEFAULT_SUBJECT = "Great to meet you{at_event}"
DEFAULT_BODY = (
    "Hi {first_name},\n\nIt was great meeting you{at_event}. I'd love to stay in touch.\n\nBest regards"
)


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
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        # A user's template with an unknown placeholder is sent as written rather than failing.
        return template


def follow_up_links(
    *,
    name: str | None,
    given_name: str | None,
    company: str | None,
    emails: list[str],
    social: dict[str, Any],
    event_name: str | None,
    subject_template: str | None = None,
    body_template: str | None = None,
) -> dict[str, str]:
    values = {
        "first_name": given_name or (name.split()[0] if name else "there"),
        "name": name or "",
        "company": company or "",
        "event": event_name or "",
        "at_event": f" at {event_name}" if event_name else "",
    }
    links: dict[str, str] = {}
    if emails:
        subject = _render(subject_template or DEFAULT_SUBJECT, values)
        body = _render(body_template or DEFAULT_BODY, values)
        links["email"] = f"mailto:{emails[0]}?" + urlencode(
            {"subject": subject, "body": body}, quote_via=quote
        )
    if social.get("linkedin"):
        links["linkedin"] = linkedin_url(str(social["linkedin"]))
    elif name:
        keywords = " ".join(part for part in (name, company) if part)
        links["linkedin"] = "https://www.linkedin.com/search/results/people/?" + urlencode(
            {"keywords": keywords}
        )
    if social.get("twitter"):
        links["twitter"] = f"https://x.com/{twitter_handle(str(social['twitter']))}"
    return links
