"""Event pages: your events with their follow-up progress (done / due / overdue), creating one, and one
event with everyone met there."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.contacts.presenter import contact_out
from app.deps import SessionDep
from app.events import repository, service
from app.events.schemas import EventCreate
from app.followups.schedule import today_in
from app.pagination import Offset
from app.web.auth import WebUser
from app.web.csrf import FormDep
from app.web.errors import PageRoute
from app.web.rendering import flash, render
from models import User

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PAGE_SIZE = 50


def _render_list(
    request: Request,
    session: SessionDep,
    user: User,
    offset: int = 0,
    form: dict[str, str] | None = None,
    error: str | None = None,
) -> Response:
    events, total = repository.page(session, user, PAGE_SIZE, offset)
    contacts = repository.contacts_of(session, user, [e.id for e in events])
    today = today_in(user.time_zone)
    rows = [
        {"event": e, "progress": service.progress([c for c in contacts if c.event_id == e.id], today)}
        for e in events
    ]
    context = {
        "rows": rows,
        "total": total,
        "offset": offset,
        "page_size": PAGE_SIZE,
        "form": form or {"name": "", "date": today.isoformat(), "place": ""},
        "error": error,
    }
    return render(request, "events.html", context, status_code=422 if error else 200)


@router.get("/events")
def events_page(request: Request, user: WebUser, session: SessionDep, offset: Offset = 0) -> Response:
    return _render_list(request, session, user, offset)


@router.post("/events")
def create_event(request: Request, user: WebUser, session: SessionDep, form: FormDep) -> Response:
    values = {name: str(form.get(name) or "").strip() for name in ("name", "date", "place")}
    try:
        data = EventCreate.model_validate({k: v or None for k, v in values.items()})
    except ValidationError as exc:
        problems = "; ".join(
            f"{error['loc'][0]}: {error['msg'].removeprefix('Value error, ')}" for error in exc.errors()
        )
        return _render_list(request, session, user, form=values, error=f"Check the event: {problems}.")
    event = service.create_event(session, user, data)
    flash(request, f"Created {event.name}.")
    return RedirectResponse(f"/events/{event.id}", status_code=303)


@router.get("/events/{event_id}")
def event_page(event_id: uuid.UUID, request: Request, user: WebUser, session: SessionDep) -> Response:
    event = service.get_event(session, user, event_id)
    contacts = repository.contacts_of(session, user, [event.id])
    today = today_in(user.time_zone)
    context = {
        "event": event,
        "progress": service.progress(contacts, today),
        "contacts": [contact_out(c, user) for c in contacts],
        "today": today,
    }
    return render(request, "event.html", context)
