"""Sync cursors: opaque to clients, signed so that a forged or another server's cursor is recognised.

A cursor names its user, the last change number the client holds and, during a full sync, which kind of
record it is listing and the last id it got. It is signed with the service's secret key (kept in the data
directory), so it stays valid across restarts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer

from app.errors import ErrorCode, Gone

_SALT = "meishi-sync-cursor-v1"


@dataclass(frozen=True)
class Cursor:
    user_id: uuid.UUID
    seq: int  # every change up to this number is reflected in what the client holds
    phase: int | None = None  # full sync: index of the kind being listed; None once listing is over
    after: str | None = None  # full sync: the last id listed in that kind


def encode(cursor: Cursor, secret: str) -> str:
    payload = [str(cursor.user_id), cursor.seq, cursor.phase, cursor.after]
    return URLSafeSerializer(secret, salt=_SALT).dumps(payload)


def decode(token: str, secret: str) -> Cursor:
    """The cursor, or Gone (410 `cursor_invalid`) when this service did not issue it."""
    try:
        user_id, seq, phase, after = URLSafeSerializer(secret, salt=_SALT).loads(token)
        return Cursor(uuid.UUID(user_id), int(seq), None if phase is None else int(phase), after)
    except (BadSignature, ValueError, TypeError) as exc:
        raise invalid("This cursor was not issued by this server.") from exc


def invalid(message: str) -> Gone:
    return Gone(
        f"{message} Start over with a full sync (GET /v1/sync without a cursor).",
        code=ErrorCode.CURSOR_INVALID,
    )
