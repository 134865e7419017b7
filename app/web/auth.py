"""Who is signed in to the web UI: the user id lives in the signed session cookie."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from app.deps import SessionDep
from app.web.csrf import rotate_csrf_token
from app.web.errors import SignInRequired
from models import User

USER_KEY = "user_id"  # app.deps.get_current_user reads the same key
EMAIL_KEY = "email"


def session_signing_key(secret_key: str) -> str:
    """A key for session cookies derived from the service secret, so cookies and tokens never share one."""
    return hmac.new(secret_key.encode(), b"meishi web session", hashlib.sha256).hexdigest()


def signed_in_user(request: Request, session: SessionDep) -> User:
    """The user of this browser session; not signed in -> redirect to the sign-in page."""
    raw_id = request.session.get(USER_KEY)
    try:
        user = session.get(User, uuid.UUID(raw_id)) if isinstance(raw_id, str) else None
    except ValueError:
        user = None
    if user is None or not user.is_active:
        request.session.pop(USER_KEY, None)
        raise SignInRequired()
    return user


WebUser = Annotated[User, Depends(signed_in_user)]


def start_session(request: Request, user: User) -> None:
    """Sign in: a fresh session (nothing carried over from before) with a new CSRF token."""
    request.session.clear()
    request.session[USER_KEY] = str(user.id)
    request.session[EMAIL_KEY] = user.email
    rotate_csrf_token(request)


def end_session(request: Request) -> None:
    request.session.clear()


def safe_next(target: str | None) -> str:
    """Only same-site paths may be redirected to after sign-in (no open redirect to other hosts)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
