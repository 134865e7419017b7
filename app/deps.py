"""Annotated dependencies shared by every router: the session, the settings, the signed-in user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request, Security, params
from fastapi.security import OAuth2PasswordBearer, SecurityScopes
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.errors import ErrorCode, Forbidden, Unauthorized
from app.rate_limit import RequestLimiter
from app.scopes import ALL_SCOPES, SCOPE_DESCRIPTIONS, Scope
from app.security import API_KEY_PREFIX, decode_access_token, token_digest
from app.settings import Settings
from app.sign_in_throttle import SignInThrottle
from app.state import ServiceState
from models import ApiKey, User

SESSION_USER_KEY = "user_id"  # the keys of the web session cookie that say who is signed in
SESSION_VERSION_KEY = "session_version"

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/v1/auth/token",
    auto_error=False,
    scopes=SCOPE_DESCRIPTIONS,
    description="A bearer access token from /v1/auth/token (every scope), or an API key (msk_...) from "
    "/v1/api-keys (the scopes it was created with).",
)
# A key's last use is written at most this often, so reading with a key is not a write every time.
LAST_USED_RESOLUTION = timedelta(minutes=1)


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
# "function": the request's unit of work commits before the response is sent. With FastAPI's default
# ("request") it commits after, so a client could be told 201 and not find its contact on the next call,
# or be told 201 for a write whose commit then failed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_sign_in_throttle(state: StateDep) -> SignInThrottle:
    return state.require_sign_in_throttle()


def client_address(request: Request) -> str:
    """The caller's address: behind a proxy listed in MEISHI_FORWARDED_ALLOW_IPS, the address it forwards
    (X-Forwarded-For, applied by the ProxyHeadersMiddleware in app.main), else the connecting peer's."""
    return request.client.host if request.client else "unknown"


SignInThrottleDep = Annotated[SignInThrottle, Depends(get_sign_in_throttle)]
ClientAddressDep = Annotated[str, Depends(client_address)]


@dataclass(frozen=True)
class Principal:
    """Who is calling: the user, the API key used (if any) and what it may do."""

    user: User
    scopes: frozenset[str]
    api_key_id: uuid.UUID | None = None


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def principal_for_bearer(session: Session, settings: Settings, token: str) -> Principal | None:
    if token.startswith(API_KEY_PREFIX):
        key = session.scalar(
            select(ApiKey).where(ApiKey.key_hash == token_digest(token), ApiKey.revoked_at.is_(None))
        )
        if key is None:
            return None
        now = datetime.now(UTC)
        if key.last_used_at is None or now - _aware(key.last_used_at) >= LAST_USED_RESOLUTION:
            key.last_used_at = now
        user = key.user
        principal = Principal(user, frozenset(key.scopes or ()), key.id)
    else:
        subject = decode_access_token(token, settings.resolved_secret_key)
        user = session.get(User, subject.user_id) if subject else None
        if user is not None and subject is not None and subject.session_version != user.session_version:
            return None  # issued before a sign-out, password change or disable
        principal = Principal(user, frozenset(ALL_SCOPES)) if user is not None else None
    return principal if principal is not None and principal.user.is_active else None


def user_of_web_session(session: Session, web_session: dict[str, object]) -> User | None:
    """The active user a signed session cookie names, if it was issued under their current session
    version (a cookie captured before sign-out or a password change no longer works)."""
    raw_id, version = web_session.get(SESSION_USER_KEY), web_session.get(SESSION_VERSION_KEY)
    user_id = _uuid_or_none(raw_id) if isinstance(raw_id, str) else None
    user = session.get(User, user_id) if user_id else None
    if user is None or not user.is_active or version != user.session_version:
        return None
    return user


def get_request_limiter(state: StateDep) -> RequestLimiter:
    return state.require_request_limiter()


def get_principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    limiter: Annotated[RequestLimiter, Depends(get_request_limiter)],
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Principal:
    """The caller, counted against its rate limits once per request (401 without valid credentials)."""
    known: Principal | None = getattr(request.state, "meishi_principal", None)
    if known is not None:
        return known
    principal = principal_for_bearer(session, settings, token) if token else None
    if principal is None:
        principal = _cookie_principal(request, session)
    if principal is None:
        raise Unauthorized(
            "Sign in: send 'Authorization: Bearer <token or API key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    limiter.hit(principal.user.id, principal.api_key_id)
    request.state.meishi_principal = principal
    return principal


def get_current_user(
    security_scopes: SecurityScopes, principal: Annotated[Principal, Depends(get_principal)]
) -> User:
    """The signed-in user, when the credentials carry every scope the route needs (else 403)."""
    missing = [scope for scope in security_scopes.scopes if scope not in principal.scopes]
    if missing:
        raise Forbidden(
            f"This API key lacks the scope {', '.join(missing)} this request needs.",
            code=ErrorCode.INSUFFICIENT_SCOPE,
            details={"missing_scopes": missing, "key_scopes": sorted(principal.scopes)},
            headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{" ".join(missing)}"'},
        )
    return principal.user


def _cookie_principal(request: Request, session: Session) -> Principal | None:
    # The browser UI reads API resources (the card image) with its session cookie. Only safe methods:
    # a cookie alone must never authorise a change, since cross-site requests can carry it.
    cookie_allowed = "session" in request.scope and request.method in {"GET", "HEAD"}
    user = user_of_web_session(session, request.session) if cookie_allowed else None
    return Principal(user, frozenset(ALL_SCOPES)) if user is not None else None


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


CurrentUser = Annotated[User, Depends(get_current_user)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]


def _scoped(scope: Scope) -> params.Security:
    return Security(get_current_user, scopes=[scope.value])


# The signed-in user, for a route that needs one scope (shown in the route's OpenAPI security).
ContactsRead = Annotated[User, _scoped(Scope.CONTACTS_READ)]
ContactsWrite = Annotated[User, _scoped(Scope.CONTACTS_WRITE)]
ScansRead = Annotated[User, _scoped(Scope.SCANS_READ)]
ScansWrite = Annotated[User, _scoped(Scope.SCANS_WRITE)]
EventsRead = Annotated[User, _scoped(Scope.EVENTS_READ)]
EventsWrite = Annotated[User, _scoped(Scope.EVENTS_WRITE)]
SettingsRead = Annotated[User, _scoped(Scope.SETTINGS_READ)]
SettingsWrite = Annotated[User, _scoped(Scope.SETTINGS_WRITE)]
SyncRead = Annotated[User, _scoped(Scope.SYNC_READ)]
ApiKeysManage = Annotated[User, _scoped(Scope.API_KEYS)]
WebhooksManage = Annotated[User, _scoped(Scope.WEBHOOKS)]
