"""Annotated dependencies shared by every router: the session, the settings, the signed-in user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.errors import Unauthorized
from app.security import API_KEY_PREFIX, decode_access_token, token_digest
from app.settings import Settings
from app.state import ServiceState
from app.users.throttle import SignInThrottle
from models import ApiKey, User

SESSION_USER_KEY = "user_id"  # the keys of the web session cookie that say who is signed in
SESSION_VERSION_KEY = "session_version"

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/v1/auth/token",
    auto_error=False,
    description="A bearer access token from /v1/auth/token, or an API key (msk_...) from /v1/api-keys.",
)


def get_state(request: Request) -> ServiceState:
    return request.app.state.meishi


def get_settings(state: Annotated[ServiceState, Depends(get_state)]) -> Settings:
    return state.settings


def get_session(state: Annotated[ServiceState, Depends(get_state)]) -> Iterator[Session]:
    """One unit of work per request: services flush, the request commits."""
    with unit_of_work(state.sessions) as session:
        yield session


StateDep = Annotated[ServiceState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


def get_sign_in_throttle(state: StateDep) -> SignInThrottle:
    return state.extras["sign_in_throttle"]


def client_address(request: Request) -> str:
    """The caller's address: behind a proxy listed in MEISHI_FORWARDED_ALLOW_IPS, the address it forwards
    (X-Forwarded-For, applied by the ProxyHeadersMiddleware in app.main), else the connecting peer's."""
    return request.client.host if request.client else "unknown"


SignInThrottleDep = Annotated[SignInThrottle, Depends(get_sign_in_throttle)]
ClientAddressDep = Annotated[str, Depends(client_address)]


def user_for_bearer(session: Session, settings: Settings, token: str) -> User | None:
    if token.startswith(API_KEY_PREFIX):
        key = session.scalar(
            select(ApiKey).where(ApiKey.key_hash == token_digest(token), ApiKey.revoked_at.is_(None))
        )
        if key is None:
            return None
        key.last_used_at = datetime.now(UTC)
        user = key.user
    else:
        subject = decode_access_token(token, settings.resolved_secret_key)
        user = session.get(User, subject.user_id) if subject else None
        if user is not None and subject is not None and subject.session_version != user.session_version:
            return None  # issued before a sign-out, password change or disable
    return user if user is not None and user.is_active else None


def user_of_web_session(session: Session, web_session: dict[str, object]) -> User | None:
    """The active user a signed session cookie names, if it was issued under their current session
    version (a cookie captured before sign-out or a password change no longer works)."""
    raw_id, version = web_session.get(SESSION_USER_KEY), web_session.get(SESSION_VERSION_KEY)
    user_id = _uuid_or_none(raw_id) if isinstance(raw_id, str) else None
    user = session.get(User, user_id) if user_id else None
    if user is None or not user.is_active or version != user.session_version:
        return None
    return user


def get_current_user(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> User:
    user = user_for_bearer(session, settings, token) if token else None
    if user is None:
        # The browser UI reads API resources (the card image) with its session cookie. Only safe methods:
        # a cookie alone must never authorise a change, since cross-site requests can carry it.
        cookie_allowed = "session" in request.scope and request.method in {"GET", "HEAD"}
        user = user_of_web_session(session, request.session) if cookie_allowed else None
    if user is None:
        raise Unauthorized(
            "Sign in: send 'Authorization: Bearer <token or API key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


CurrentUser = Annotated[User, Depends(get_current_user)]
