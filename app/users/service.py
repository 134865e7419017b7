"""Account logic shared by the HTTP API, the web UI and the CLI."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.errors import Conflict, ErrorCode, Forbidden, NotFound, Unauthorized, Unprocessable
from app.scopes import ALL_SCOPES
from app.security import hash_password, new_secret_token, token_digest, verify_password
from app.sign_in_throttle import SignInThrottle
from app.users import repository
from models import ApiKey, User

MIN_PASSWORD_LENGTH = 8


def create_user(session: Session, email: str, password: str, *, follow_up_days: int = 2) -> User:
    email = email.strip()
    if repository.get_by_email(session, email) is not None:
        raise Conflict(f"A user with email {email} already exists.", code=ErrorCode.USER_EXISTS)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Conflict(
            f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.", code=ErrorCode.WEAK_PASSWORD
        )
    user = User(email=email, password_hash=hash_password(password), follow_up_days=follow_up_days)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User:
    user = repository.get_by_email(session, email)
    # Verify against a dummy hash for unknown emails so timing does not reveal which accounts exist.
    candidate_hash = user.password_hash if user else _DUMMY_HASH
    if not verify_password(password, candidate_hash) or user is None or not user.is_active:
        raise Unauthorized("Wrong email or password.", code=ErrorCode.INVALID_CREDENTIALS)
    return user


def sign_in(session: Session, throttle: SignInThrottle, email: str, password: str, client: str) -> User:
    """`authenticate`, refused (TooManyRequests) for a client that failed too often, failures counted."""
    throttle.check(email, client)
    try:
        user = authenticate(session, email, password)
    except Unauthorized:
        throttle.failed(email, client)
        raise
    throttle.succeeded(email, client)
    return user


def end_all_sessions(session: Session, user: User) -> None:
    """Every access token and web session of `user` stops working on its next request (API keys are
    separate credentials: revoked one by one, and refused while the account is disabled)."""
    user.session_version += 1
    session.flush()


def change_password(session: Session, user: User, current_password: str, new_password: str) -> None:
    """Checks the current password, sets the new one and ends every session (a thief's too)."""
    if not verify_password(current_password, user.password_hash):
        raise Unauthorized("The current password is wrong.", code=ErrorCode.INVALID_CREDENTIALS)
    set_password(session, user, new_password)


def set_password(session: Session, user: User, new_password: str) -> None:
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise Unprocessable(
            f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.", code=ErrorCode.WEAK_PASSWORD
        )
    user.password_hash = hash_password(new_password)
    end_all_sessions(session, user)


def find_user(session: Session, email: str) -> User:
    user = repository.get_by_email(session, email)
    if user is None:
        raise NotFound(f"No user with email {email}.", code=ErrorCode.USER_NOT_FOUND)
    return user


def set_active(session: Session, email: str, active: bool) -> User:
    """Disable (or enable again) an account; disabling ends its sessions, and its API keys are refused
    while it stays disabled."""
    user = find_user(session, email)
    user.is_active = active
    if not active:
        end_all_sessions(session, user)
    session.flush()
    return user


def create_api_key(
    session: Session, user: User, name: str, scopes: Collection[str], *, granted: Collection[str]
) -> tuple[ApiKey, str]:
    """A new key with `scopes`, which must all be among the creator's own `granted` scopes (else 403)."""
    beyond = sorted(set(scopes) - set(granted))
    if beyond:
        raise Forbidden(
            f"A key cannot get scopes its creator lacks: {', '.join(beyond)}.",
            code=ErrorCode.INSUFFICIENT_SCOPE,
            details={"missing_scopes": beyond},
        )
    ordered = [scope for scope in ALL_SCOPES if scope in set(scopes)]
    secret = new_secret_token()
    key = ApiKey(
        user_id=user.id, name=name, prefix=secret[:10], key_hash=token_digest(secret), scopes=ordered
    )
    session.add(key)
    session.flush()
    return key, secret


def revoke_api_key(session: Session, user: User, key_id: uuid.UUID) -> ApiKey:
    key = repository.get_api_key(session, user, key_id)
    if key is None:
        raise NotFound("No such API key.")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        session.flush()
    return key


_DUMMY_HASH = hash_password("not-a-real-password-just-for-timing")
