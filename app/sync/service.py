"""Builds sync pages. No FastAPI here.

Without a cursor the client gets a full sync: everything the user holds, kind by kind in id order, with the
change number current when it began. Changes made while the client pages through are replayed afterwards
from the change log, so nothing is missed and re-sent records are simply applied again. With a delta
cursor the client gets the records changed since (in their current state, each once per page) and
tombstones for those deleted or merged away.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.errors import ErrorCode, Gone
from app.sync import repository
from app.sync.cursor import Cursor, invalid
from models import SyncChange, User

FULL_SYNC_PHASES = ("settings", "event", "contact", "follow_up", "scan")


@dataclass(frozen=True)
class Tombstone:
    kind: str
    id: uuid.UUID
    merged_into: uuid.UUID | None


@dataclass
class SyncResult:
    """Records by kind (ORM rows), the settings when they changed, tombstones and where to go on."""

    records: dict[str, list[Any]] = field(default_factory=dict)
    settings: User | None = None
    tombstones: list[Tombstone] = field(default_factory=list)
    next_cursor: Cursor | None = None
    has_more: bool = False
    full: bool = False

    def add(self, kind: str, rows: list[Any]) -> None:
        self.records.setdefault(kind, []).extend(rows)


def read_page(session: Session, user: User, cursor: Cursor | None, limit: int) -> SyncResult:
    """One page of the user's sync from `cursor` (None: a full sync). Gone for a cursor that cannot be
    answered: another user's or server's (`cursor_invalid`) or older than the kept history
    (`cursor_expired`)."""
    last_seq, pruned_through = repository.counter(session, user)
    if cursor is None:
        cursor = Cursor(user.id, last_seq, phase=0)
    elif cursor.user_id != user.id:
        raise invalid("This cursor belongs to another account.")
    elif cursor.seq > last_seq:
        raise invalid("This cursor is ahead of this server's history.")
    if cursor.seq < pruned_through:
        raise Gone(
            "This cursor is older than the change history kept on the server. Start over with a full "
            "sync (GET /v1/sync without a cursor).",
            code=ErrorCode.CURSOR_EXPIRED,
            details={"oldest_change_kept_after": pruned_through},
        )
    if cursor.phase is not None:
        return _full_page(session, user, cursor, limit, last_seq)
    return _delta_page(session, user, cursor, limit)


def _full_page(session: Session, user: User, cursor: Cursor, limit: int, last_seq: int) -> SyncResult:
    result = SyncResult(full=True)
    phase, after = cursor.phase or 0, cursor.after
    room = limit
    while phase < len(FULL_SYNC_PHASES) and room > 0:
        kind = FULL_SYNC_PHASES[phase]
        if kind == "settings":
            result.settings = user
            room -= 1
            phase, after = phase + 1, None
            continue
        rows = repository.records_after(session, user, kind, _uuid(after), room)
        result.add(kind, rows)
        room -= len(rows)
        if room == 0 and rows:
            after = str(rows[-1].id)  # perhaps more of this kind: the next page goes on after it
        else:
            phase, after = phase + 1, None
    if phase < len(FULL_SYNC_PHASES):
        result.next_cursor = Cursor(user.id, cursor.seq, phase, after)
        result.has_more = True
    else:
        result.next_cursor = Cursor(user.id, cursor.seq)
        result.has_more = last_seq > cursor.seq
    return result


def _delta_page(session: Session, user: User, cursor: Cursor, limit: int) -> SyncResult:
    changes = repository.changes_after(session, user, cursor.seq, limit + 1)
    result = SyncResult(has_more=len(changes) > limit)
    changes = changes[:limit]
    latest: dict[tuple[str, uuid.UUID], SyncChange] = {}
    for change in changes:  # a record changed several times in the page is sent once, as it is now
        latest.pop((change.kind, change.entity_id), None)
        latest[(change.kind, change.entity_id)] = change
    upserts: dict[str, list[uuid.UUID]] = {}
    for (kind, entity_id), change in latest.items():
        if change.op == "delete":
            result.tombstones.append(Tombstone(kind, entity_id, change.merged_into))
        elif kind == "settings":
            result.settings = user
        else:
            upserts.setdefault(kind, []).append(entity_id)
    for kind, ids in upserts.items():
        # A record deleted since is missing here; its tombstone comes with a later change number.
        result.add(kind, repository.records_by_id(session, user, kind, ids))
    result.next_cursor = Cursor(user.id, changes[-1].seq if changes else cursor.seq)
    return result


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None
