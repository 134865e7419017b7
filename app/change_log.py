"""Writes the change log as sessions commit, so nothing that changes a user's data escapes the sync.

After each flush the changed rows of the synced kinds are noted; just before the commit they are numbered
under a lock on the user's counter row and written to `sync_changes` in the same transaction. The lock is
the last one the transaction takes and is held only until its commit, so numbers are handed out in commit
order: a reader that has seen number N can never later find a smaller number appear (which a plain
autoincrement could do on PostgreSQL, where transactions commit out of the order they took ids).

Bulk UPDATE statements bypass the ORM's bookkeeping: code that runs them calls `touched()` with the ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from models import Contact, Event, FollowUp, Scan, SyncChange, SyncCounter, User

KINDS: dict[type, str] = {Contact: "contact", Scan: "scan", Event: "event", FollowUp: "follow_up"}
MODELS_BY_KIND: dict[str, type] = {kind: model for model, kind in KINDS.items()}
# Columns whose change the app never shows (a scan reader renewing its lease), so no change is logged.
UNSYNCED_COLUMNS: dict[type, frozenset[str]] = {Scan: frozenset({"lease_expires_at"})}
SETTINGS_COLUMNS = frozenset(
    {
        "follow_up_days",
        "business_days_only",
        "time_zone",
        "default_region",
        "email_subject_template",
        "email_body_template",
    }
)
_PENDING = "sync_pending"


@dataclass
class _Pending:
    user_id: uuid.UUID | None
    op: str
    merged_into: uuid.UUID | None = None


def _pending(session: Session) -> dict[tuple[str, uuid.UUID], _Pending]:
    return session.info.setdefault(_PENDING, {})


def _note(session: Session, kind: str, entity_id: uuid.UUID, user_id: uuid.UUID | None, op: str) -> None:
    pending = _pending(session)
    current = pending.get((kind, entity_id))
    if current is not None and current.op == "delete":
        return  # a delete is final; a later note about the same row cannot undo it
    pending[(kind, entity_id)] = _Pending(user_id or (current.user_id if current else None), op)


def touched(session: Session, kind: str, ids: Iterable[uuid.UUID], user_id: uuid.UUID | None = None) -> None:
    """Log rows changed by a bulk UPDATE (which the ORM does not track) as changed."""
    for entity_id in ids:
        _note(session, kind, entity_id, user_id, "upsert")


def merged(session: Session, kind: str, merged_id: uuid.UUID, survivor_id: uuid.UUID) -> None:
    """Log that `merged_id` was folded into `survivor_id` (its tombstone says which one survived)."""
    pending = _pending(session)
    note = pending.get((kind, merged_id)) or _Pending(None, "delete")
    note.op, note.merged_into = "delete", survivor_id
    pending[(kind, merged_id)] = note


def _changed_columns(obj: Any) -> set[str]:
    state = inspect(obj)
    return {attr.key for attr in state.attrs if attr.history.has_changes()}


def _after_flush(session: Session, _context: Any) -> None:
    for obj in session.deleted:
        kind = KINDS.get(type(obj))
        if kind is not None:
            _note(session, kind, obj.id, obj.user_id, "delete")
    for obj in session.new:
        kind = KINDS.get(type(obj))
        if kind is not None:
            _note(session, kind, obj.id, obj.user_id, "upsert")
    for obj in session.dirty:
        model = type(obj)
        if model is User:
            if _changed_columns(obj) & SETTINGS_COLUMNS:
                _note(session, "settings", obj.id, obj.id, "upsert")
            continue
        kind = KINDS.get(model)
        if kind is None or obj in session.deleted:
            continue
        if _changed_columns(obj) - UNSYNCED_COLUMNS.get(model, frozenset()):
            _note(session, kind, obj.id, obj.user_id, "upsert")


def _resolve_owners(session: Session, pending: dict[tuple[str, uuid.UUID], _Pending]) -> None:
    """Fill in the owner of rows noted by id alone (bulk updates)."""
    for (kind, entity_id), note in pending.items():
        if note.user_id is None and kind in MODELS_BY_KIND:
            model = MODELS_BY_KIND[kind]
            note.user_id = session.scalar(select(model.user_id).where(model.id == entity_id))


def _ensure_counter(session: Session, user_id: uuid.UUID) -> None:
    dialect = session.get_bind().dialect.name
    values = {"user_id": user_id, "last_seq": 0, "pruned_through": 0}
    if dialect == "postgresql":
        statement: Any = postgresql.insert(SyncCounter).values(values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(SyncCounter).values(values).on_conflict_do_nothing()
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"delta sync does not support {dialect}")
    session.execute(statement)


def reserve_numbers(session: Session, user_id: uuid.UUID, count: int) -> int:
    """Lock the user's counter until commit and take `count` numbers; returns the first."""
    take = (
        update(SyncCounter)
        .where(SyncCounter.user_id == user_id)
        .values(last_seq=SyncCounter.last_seq + count)
        .returning(SyncCounter.last_seq)
    )
    last = session.execute(take).scalar()
    if last is None:  # the user's first change
        _ensure_counter(session, user_id)
        last = session.execute(take).scalar_one()
    return last - count + 1


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # the outer commit writes them
    session.flush()
    pending: dict[tuple[str, uuid.UUID], _Pending] = session.info.pop(_PENDING, {})
    if not pending:
        return
    _resolve_owners(session, pending)
    deleted_users = {obj.id for obj in session.deleted if isinstance(obj, User)}
    by_user: dict[uuid.UUID, list[tuple[str, uuid.UUID, _Pending]]] = {}
    for (kind, entity_id), note in pending.items():
        if note.user_id is not None and note.user_id not in deleted_users:
            by_user.setdefault(note.user_id, []).append((kind, entity_id, note))
    now = datetime.now(UTC)
    for user_id in sorted(by_user, key=str):  # one lock order, so two writers never deadlock
        changes = by_user[user_id]
        first = reserve_numbers(session, user_id, len(changes))
        session.execute(
            insert(SyncChange),
            [
                {
                    "user_id": user_id,
                    "seq": first + offset,
                    "kind": kind,
                    "entity_id": entity_id,
                    "op": note.op,
                    "merged_into": note.merged_into,
                    "created_at": now,
                }
                for offset, (kind, entity_id, note) in enumerate(changes)
            ],
        )


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


def install(factory: sessionmaker[Session]) -> None:
    """Log the changes of every session this factory makes."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_rollback", _forget)
