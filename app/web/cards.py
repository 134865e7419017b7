"""Scanning a card from the browser: the upload form, the review page, saving the reviewed contact."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from app.contacts import repository
from app.deps import SessionDep
from app.followups.schedule import today_in
from app.web.auth import WebUser
from app.web.errors import PageRoute
from app.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/")
def home(request: Request, user: WebUser, session: SessionDep) -> Response:
    due_count = len(repository.open_follow_ups(session, user, until=today_in(user.time_zone)))
    return render(request, "home.html", {"due_count": due_count, "event_name": "", "recent_events": []})
