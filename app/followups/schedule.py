"""Follow-up date arithmetic: pure functions of dates, delays and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

SATURDAY = 5


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


def window_of(due_on: date, today: date) -> str:
    if due_on < today:
        return "overdue"
    if due_on == today:
        return "today"
    return "upcoming"
