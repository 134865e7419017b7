"""The follow-up policy: when a follow-up is due, and which window (overdue, today, upcoming) a due date is
in. Every part of the service (contacts, scans, the web pages, the digest) asks these functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

SATURDAY = 5
Window = Literal["overdue", "today", "upcoming"]
WINDOWS: tuple[Window, ...] = ("overdue", "today", "upcoming")
# What a list of open follow-ups may ask for: a window, or "due" (overdue and today together).
Selection = Literal["overdue", "today", "upcoming", "due"]


class FollowUpSettings(Protocol):
    """The user's follow-up settings (models.User has them)."""

    follow_up_days: int
    business_days_only: bool
    time_zone: str


def today_in(time_zone: str, now: datetime | None = None) -> date:
    """The calendar date it is now for someone living in `time_zone`."""
    moment = now or datetime.now(UTC)
    return moment.astimezone(ZoneInfo(time_zone)).date()


def add_days(start: date, days: int, *, business_days_only: bool) -> date:
    """`start` plus `days`; with business days only, weekends are skipped and never returned."""
    if not business_days_only:
        return start + timedelta(days=days)
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < SATURDAY:
            remaining -= 1
    while current.weekday() >= SATURDAY:
        current += timedelta(days=1)
    return current


def due_date(
    met_on: date | None,
    *,
    delay_days: int,
    business_days_only: bool,
    time_zone: str,
    now: datetime | None = None,
) -> date:
    """When to follow up with someone met on `met_on` (default: today where the user lives)."""
    start = met_on or today_in(time_zone, now)
    return add_days(start, delay_days, business_days_only=business_days_only)


def due_date_for(
    user: FollowUpSettings, met_on: date | None, *, delay_days: int | None = None, now: datetime | None = None
) -> date:
    """When `user` should follow up with someone met on `met_on`: their delay (or `delay_days`), counted
    in business days if they say so, from today where they live when `met_on` is unknown."""
    return due_date(
        met_on,
        delay_days=user.follow_up_days if delay_days is None else delay_days,
        business_days_only=user.business_days_only,
        time_zone=user.time_zone,
        now=now,
    )


def window_of(due_on: date, today: date) -> Window:
    """Which window a follow-up due on `due_on` is in, seen on `today`."""
    if due_on < today:
        return "overdue"
    if due_on == today:
        return "today"
    return "upcoming"


def window_range(selection: Selection | None, today: date, upcoming_days: int) -> tuple[date | None, date]:
    """(since, until) of the due dates a list of open follow-ups shows: one window, "due" (overdue and
    today), or everything up to `upcoming_days` ahead (None)."""
    ahead = today + timedelta(days=upcoming_days)
    if selection == "overdue":
        return None, today - timedelta(days=1)
    if selection == "today":
        return today, today
    if selection == "due":
        return None, today
    if selection == "upcoming":
        return today + timedelta(days=1), ahead
    return None, ahead
