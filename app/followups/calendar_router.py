"""The secret iCalendar feed of open follow-ups, and the endpoint that issues its address."""

from __future__ import annotations

import hashlib
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Header, Query, Request, Response, status
from pydantic import BaseModel, Field

from app.deps import SessionDep, SettingsWrite
from app.errors import error_responses
from app.followups import calendar_feed, repository
from app.followups.ics import follow_up_calendar

router = APIRouter(tags=["calendar"])

ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"


class CalendarFeedOut(BaseModel):
    url: str = Field(
        description="Subscribe to this address in your calendar app. Keep it secret.",
        examples=["https://meishi.example.com/v1/follow-ups.ics?token=..."],
    )
    webcal_url: str = Field(description="The same address as webcal://, which opens calendar apps directly.")


@router.post(
    "/v1/me/calendar-feed",
    response_model=CalendarFeedOut,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401),
)
def create_calendar_feed(request: Request, user: SettingsWrite, session: SessionDep) -> CalendarFeedOut:
    """A new secret calendar address for your open follow-ups. Any previous address stops working."""
    token = calendar_feed.issue_token(session, user)
    url = f"{request.url_for('calendar_feed')}?{urlencode({'token': token})}"
    return CalendarFeedOut(url=url, webcal_url="webcal://" + url.split("://", 1)[1])


@router.delete("/v1/me/calendar-feed", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401))
def revoke_calendar_feed(user: SettingsWrite, session: SessionDep) -> None:
    """Turn the calendar feed off: its address stops working."""
    calendar_feed.revoke_token(session, user)


@router.get(
    "/v1/follow-ups.ics",
    name="calendar_feed",
    response_class=Response,
    responses={
        200: {
            "content": {"text/calendar": {}},
            "description": "iCalendar (RFC 5545), one event per follow-up",
        },
        304: {"description": "Unchanged since the ETag in If-None-Match"},
        **error_responses(404),
    },
)
def calendar_feed_ics(
    session: SessionDep,
    token: Annotated[str | None, Query(description="The secret from POST /v1/me/calendar-feed.")] = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Your open follow-ups as all-day events. Authenticated by the secret `token` in the address (calendar
    apps cannot send headers), not by a bearer token; an unknown or replaced token answers 404."""
    user = calendar_feed.user_for_token(session, token)
    body = follow_up_calendar(repository.open_follow_ups(session, user), user)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if if_none_match and etag in {tag.strip() for tag in if_none_match.split(",")}:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    headers["Content-Disposition"] = 'inline; filename="meishi-follow-ups.ics"'
    return Response(content=body, media_type=ICS_MEDIA_TYPE, headers=headers)
