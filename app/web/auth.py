"""Who is signed in to the web UI: the user id lives in the signed session cookie."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from app.deps import SESSION_USER_KEY, SESSION_VERSION_KEY, SessionDep, user_of_web_session
from app.web.csrf import rotate_csrf_token
from app.web.errors import SignInRequired
from models import User

USER_KEY = SESSION_USER_KEY
EMAIL_KEY = "email"


def session_signing_key(secret_key: str) -> str:
    """A key for session cookies derived from the service secret, so cookies and tokens never share one."""
    return hmac.new(secret_key.encode(), b"meishi web session", hashlib.sha256).hexdigest()


def signed_in_user(request: Request, session: SessionDep) -> User:
    """The user of this browser session; not signed in -> redirect to the sign-in page."""
    user = user_of_web_session(session, request.session)
    if user is None:
        request.session.pop(USER_KEY, None)
        request.session.pop(SESSION_VERSION_KEY, None)
        raise SignInRequired()
    return user


WebUser = Annotated[User, Depends(signed_in_user)]


def start_session(request: Request, user: User) -> None:
    """Sign in: a fresh session (nothing carried over from before) with a new CSRF token."""
    request.session.clear()
    request.session[USER_KEY] = str(user.id)
    request.session[SESSION_VERSION_KEY] = user.session_version
    request.session[EMAIL_KEY] = user.email
    rotate_csrf_token(request)


def end_session(request: Request) -> None:
    """Sign out: this browser's cookie is emptied; ending the user's other sessions is the caller's job
    (users.service.end_all_sessions)."""
    request.session.clear()


def safe_next(target: str | None) -> str:
    """Only same-site paths may be redirected to after sign-in (no open redirect to other hosts)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
