"""What to follow up on, grouped by the event where you met each person. Used by the API and the CLI."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.followups import repository
from app.followups.schedule import today_in, window_of, window_range
from models import Contact, Event, FollowUp, User

Due = Literal["today", "overdue", "upcoming"]


@dataclass(frozen=True)
class DigestEntry:
    follow_up: FollowUp
    window: str
    days_overdue: int

    @property
    def contact(self) -> Contact:
        return self.follow_up.contact


@dataclass
class DigestGroup:
    event_id: uuid.UUID | None
    event_name: str | None
    event_date: date | None
    place: str | None
    entries: list[DigestEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Digest:
    today: date
    due: Due
    groups: list[DigestGroup]

    @property
    def entries(self) -> list[DigestEntry]:
        return [entry for g in self.groups for entry in g.entries]

    def count(self, window: str) -> int:
        return sum(1 for entry in self.entries if entry.window == window)


def build_digest(
    session: Session,
    user: User,
    *,
    due: Due = "today",
    upcoming_days: int = 7,
    now: datetime | None = None,
) -> Digest:
    today = today_in(user.time_zone, now)
    # The digest's "today" is what needs doing today: due or late.
    since, until = window_range("due" if due == "today" else due, today, upcoming_days)
    follow_ups = repository.open_follow_ups(session, user, since=since, until=until)
    event_ids = {f.contact.event_id for f in follow_ups if f.contact.event_id}
    events = {
        e.id: e
        for e in session.scalars(select(Event).where(Event.user_id == user.id, Event.id.in_(event_ids)))
    }
    groups: dict[object, DigestGroup] = {}
    for follow_up in follow_ups:
        contact = follow_up.contact
        event = events.get(contact.event_id) if contact.event_id else None
        # Contacts typed with only an event name still group with others of that name.
        key = event.id if event else (contact.event_name or "").strip().lower() or None
        if key not in groups:
            groups[key] = DigestGroup(
                event_id=event.id if event else None,
                event_name=event.name if event else contact.event_name,
                event_date=event.date if event else None,
                place=event.place if event else None,
            )
        groups[key].entries.append(
            DigestEntry(
                follow_up=follow_up,
                window=window_of(follow_up.due_on, today),
                days_overdue=max((today - follow_up.due_on).days, 0),
            )
        )
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.event_name is None, min(e.follow_up.due_on for e in g.entries), g.event_name or ""),
    )
    for group in ordered:
        group.entries.sort(key=lambda e: (e.follow_up.due_on, (e.contact.name or "").lower()))
    return Digest(today=today, due=due, groups=ordered)
