"""Password hashing (Argon2 via pwdlib), signed access tokens (PyJWT) and API-key digests."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from pwdlib import PasswordHash

_password_hash = PasswordHash.recommended()
_ALGORITHM = "HS256"
API_KEY_PREFIX = "msk_"


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    return _password_hash.verify(password, password_hash)


@dataclass(frozen=True)
class TokenSubject:
    """Whom a valid token names, and the session version it was issued under."""

    user_id: uuid.UUID
    session_version: int


def create_access_token(user_id: uuid.UUID, secret: str, minutes: int, *, session_version: int) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "sv": session_version,
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
        "typ": "access",
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def decode_access_token(token: str, secret: str) -> TokenSubject | None:
    """The subject of a valid, unexpired token, else None. The caller compares its session version with
    the user's: a token issued before a sign-out or password change names an older one."""
    try:
        claims = jwt.decode(token, secret, algorithms=[_ALGORITHM], options={"require": ["exp", "sub", "sv"]})
        if claims.get("typ") != "access" or not isinstance(claims["sv"], int):
            return None
        return TokenSubject(uuid.UUID(claims["sub"]), claims["sv"])
    except (jwt.PyJWTError, ValueError, TypeError):
        return None


def new_secret_token(prefix: str = API_KEY_PREFIX) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """High-entropy random tokens need no slow KDF: a SHA-256 digest is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()
