"""Password hashing (Argon2 via pwdlib), signed access tokens (PyJWT) and API-key digests."""

from __future__ import annotations

import hashlib
import secrets
import uuid
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


def create_access_token(user_id: uuid.UUID, secret: str, minutes: int) -> str:
    now = datetime.now(UTC)
    claims = {"sub": str(user_id), "iat": now, "exp": now + timedelta(minutes=minutes), "typ": "access"}
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def decode_access_token(token: str, secret: str) -> uuid.UUID | None:
    """The user id inside a valid, unexpired token, else None."""
    try:
        claims = jwt.decode(token, secret, algorithms=[_ALGORITHM], options={"require": ["exp", "sub"]})
        if claims.get("typ") != "access":
            return None
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, ValueError):
        return None


def new_secret_token(prefix: str = API_KEY_PREFIX) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """High-entropy random tokens need no slow KDF: a SHA-256 digest is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()
