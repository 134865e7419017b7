"""/v1/follow-ups: whom to follow up with, by window relative to today in the user's time zone."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.contacts.followups_schemas import DigestGroupOut, DigestItem, DigestOut
from app.contacts.presenter import contact_out
from app.contacts.schemas import DueItem, DueList
from app.deps import ContactsRead, SessionDep
from app.errors import error_responses
from app.followups import repository
from app.followups.digest import Due, build_digest
from app.followups.schedule import Selection, today_in, window_of, window_range

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-ups"])


@router.get("", response_model=DueList, responses=error_responses(401, 422))
def list_follow_ups(
    user: ContactsRead,
    session: SessionDep,
    window: Annotated[
        Selection | None,
        Query(description="overdue, today, upcoming, or due (overdue + today); all when absent."),
    ] = None,
    upcoming_days: Annotated[int, Query(ge=1, le=365, description="How far ahead 'upcoming' looks.")] = 30,
) -> DueList:
    """Open follow-ups by window (overdue, today, upcoming), soonest first."""
    today = today_in(user.time_zone)
    since, until = window_range(window, today, upcoming_days)
    follow_ups = repository.open_follow_ups(session, user, until=until, since=since)
    items = [
        DueItem(contact=contact_out(f.contact, user), window=window_of(f.due_on, today)) for f in follow_ups
    ]
    return DueList(items=items, today=today)


@router.get("/digest", response_model=DigestOut, responses=error_responses(401, 422))
def digest(
    user: ContactsRead,
    session: SessionDep,
    due: Annotated[
        Due, Query(description="today: due today and overdue (the default); overdue; upcoming.")
    ] = "today",
    upcoming_days: Annotated[int, Query(ge=1, le=365, description="How far ahead 'upcoming' looks.")] = 7,
) -> DigestOut:
    """What to follow up on now, grouped by the event where you met each person."""
    result = build_digest(session, user, due=due, upcoming_days=upcoming_days)
    groups = [
        DigestGroupOut(
            event_id=g.event_id,
            event_name=g.event_name,
            event_date=g.event_date,
            place=g.place,
            items=[
                DigestItem(
                    contact=contact_out(e.contact, user),
                    due_on=e.follow_up.due_on,
                    window=e.window,  # type: ignore[arg-type]
                    days_overdue=e.days_overdue,
                )
                for e in g.entries
            ],
        )
        for g in result.groups
    ]
    return DigestOut(
        today=result.today,
        due=due,
        overdue=result.count("overdue"),
        due_today=result.count("today"),
        upcoming=result.count("upcoming"),
        groups=groups,
    )
