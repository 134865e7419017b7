"""The per-user secret calendar address: issue, revoke, and resolve its token. No FastAPI here.

The token is a credential of its own (prefix `mcf_`), stored only as a SHA-256 digest on the user, and it
opens nothing but the read-only feed: it is not an API key and the bearer check never accepts it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ErrorCode, NotFound
from app.security import new_secret_token, token_digest
from models import User

FEED_TOKEN_PREFIX = "mcf_"


def issue_token(session: Session, user: User) -> str:
    """A new secret for the user's feed; the previous address stops working at once."""
    token = new_secret_token(FEED_TOKEN_PREFIX)
    user.calendar_feed_token_hash = token_digest(token)
    session.flush()
    return token


def revoke_token(session: Session, user: User) -> None:
    user.calendar_feed_token_hash = None
    session.flush()


def user_for_token(session: Session, token: str | None) -> User:
    """The owner of a valid feed token; an unknown or replaced token is simply not found."""
    user = None
    if token and token.startswith(FEED_TOKEN_PREFIX):
        user = session.scalar(select(User).where(User.calendar_feed_token_hash == token_digest(token)))
    if user is None or not user.is_active:
        raise NotFound(
            "No calendar feed at this address; it may have been replaced. "
            "Get the current address from POST /v1/me/calendar-feed.",
            code=ErrorCode.CALENDAR_FEED_NOT_FOUND,
        )
    return user
