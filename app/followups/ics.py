"""The follow-up calendar as iCalendar (RFC 5545), built with the `icalendar` library.

One all-day VEVENT per contact with an open follow-up. The UID belongs to the contact, so snoozing or
re-planning moves the same calendar entry (with a higher SEQUENCE) instead of leaving a stale copy, and a
follow-up marked done disappears at the calendar app's next refresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from app.followups.channels import drafts_for, suggested_channel
from models import Contact, FollowUp, User

PRODID = "-//Meishi//Follow-ups//EN"
CALENDAR_NAME = "Meishi follow-ups"
REFRESH = timedelta(hours=1)
CHANNEL_LABELS = {"email": "Email", "linkedin": "LinkedIn", "twitter": "X"}


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def event_uid(contact: Contact) -> str:
    return f"follow-up-{contact.id}@meishi"


def sequence(contact: Contact) -> int:
    """Grows with every edit of the contact and every snooze or re-plan (each adds a follow-up row)."""
    return max(contact.version - 1, 0) + max(len(contact.follow_ups) - 1, 0)


def last_modified(contact: Contact) -> datetime:
    moments = [contact.updated_at, contact.created_at]
    for follow_up in contact.follow_ups:
        moments += [m for m in (follow_up.created_at, follow_up.snoozed_at, follow_up.done_at) if m]
    return max(_utc(m) for m in moments)


def _summary(contact: Contact) -> str:
    who = contact.name or (contact.emails[0] if contact.emails else None) or contact.company or "a contact"
    at = f" ({contact.company})" if contact.company and contact.company != who else ""
    return f"Follow up with {who}{at}"


def _vevent(follow_up: FollowUp, user: User) -> Event:
    contact = follow_up.contact
    channel = suggested_channel(contact.emails, contact.social or {}, contact.phones)
    links = {ch: draft.href for ch, draft in drafts_for(contact, user).items()}
    lines = []
    if contact.title:
        lines.append(contact.title)
    if contact.event_name or contact.met_on:
        met = " ".join(
            p for p in (contact.event_name, f"on {contact.met_on}" if contact.met_on else None) if p
        )
        lines.append(f"Met at {met}" if contact.event_name else f"Met {met}")
    if channel:
        lines.append(f"Suggested: {CHANNEL_LABELS.get(channel, channel)}")
    lines += [f"{CHANNEL_LABELS[k]}: {v}" for k, v in links.items() if k in CHANNEL_LABELS]
    lines += [f"Phone: {p['number']}" for p in contact.phones]
    if follow_up.note:
        lines.append(follow_up.note)

    modified = last_modified(contact)
    event = Event()
    event.add("uid", event_uid(contact))
    event.add("dtstamp", modified)
    event.add("created", _utc(contact.created_at))
    event.add("last-modified", modified)
    event.add("sequence", sequence(contact))
    event.add("dtstart", follow_up.due_on)
    event.add("dtend", follow_up.due_on + timedelta(days=1))
    event.add("summary", _summary(contact))
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it never blocks free/busy time
    event.add("status", "CONFIRMED")
    event.add("categories", ["Follow-up"])
    if channel in links:
        event.add("url", links[channel])
    return event


def follow_up_calendar(follow_ups: Iterable[FollowUp], user: User) -> bytes:
    """The iCalendar document for these open follow-ups (one event per contact)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    seen: set[str] = set()
    for follow_up in follow_ups:
        uid = event_uid(follow_up.contact)
        if uid in seen:  # one entry per contact even if history ever held two open follow-ups
            continue
        seen.add(uid)
        calendar.add_component(_vevent(follow_up, user))
    return calendar.to_ical()
