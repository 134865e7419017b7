"""The "follow up" page: overdue, today and upcoming, with one-click links and mark-done."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.contacts import service
from app.contacts.presenter import contact_out
from app.contacts.schemas import Channel, FollowUpAction
from app.deps import SessionDep
from app.followups import repository as follow_up_repository
from app.followups.channels import CHANNELS
from app.followups.schedule import WINDOWS, today_in, window_of
from app.web.auth import WebUser, safe_next
from app.web.errors import PageRoute
from app.web.rendering import flash, render
from models import User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

UPCOMING_DAYS = 30
CHANNEL_LABELS = {
    "email": "Email",
    "linkedin": "LinkedIn",
    "twitter": "X",
    "phone": "Phone",
    "other": "Other",
}


def follow_up_context(user: User) -> dict[str, object]:
    """What the follow-up actions (`_follow_up.html`) need besides the contact."""
    return {
        "channels": CHANNELS,
        "channel_labels": CHANNEL_LABELS,
        "tomorrow": today_in(user.time_zone) + timedelta(days=1),
        "region": user.default_region,
    }


@router.get("/follow-ups")
def follow_ups_page(request: Request, user: WebUser, session: SessionDep) -> Response:
    today = today_in(user.time_zone)
    due = follow_up_repository.open_follow_ups(session, user, until=today + timedelta(days=UPCOMING_DAYS))
    sections: dict[str, list[dict[str, object]]] = {window: [] for window in WINDOWS}
    for follow_up in due:
        sections[window_of(follow_up.due_on, today)].append(
            {"due_on": follow_up.due_on, "contact": contact_out(follow_up.contact, user)}
        )
    context = {
        "sections": sections,
        "today": today,
        "upcoming_days": UPCOMING_DAYS,
        **follow_up_context(user),
    }
    return render(request, "follow_ups.html", context)


@router.post("/contacts/{contact_id}/follow-up")
def mark_follow_up_done(
    contact_id: uuid.UUID,
    request: Request,
    user: WebUser,
    session: SessionDep,
    channel: Annotated[Channel, Form()],
    next: Annotated[str, Form()] = "/follow-ups",
) -> Response:
    contact = service.act_on_follow_up(session, user, contact_id, FollowUpAction(channel=channel))
    flash(request, f"Followed up with {contact.name or 'the contact'} by {CHANNEL_LABELS[channel]}.")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/contacts/{contact_id}/snooze")
def snooze_follow_up(
    contact_id: uuid.UUID,
    request: Request,
    user: WebUser,
    session: SessionDep,
    snooze_until: Annotated[date, Form()],
    next: Annotated[str, Form()] = "/follow-ups",
) -> Response:
    contact = service.act_on_follow_up(session, user, contact_id, FollowUpAction(snooze_until=snooze_until))
    flash(request, f"Snoozed {contact.name or 'the contact'} until {snooze_until:%a %d %b}.")
    return RedirectResponse(safe_next(next), status_code=303)
