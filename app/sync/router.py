"""GET /v1/sync: what changed for you since a cursor, for apps that keep an offline copy."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.contacts.presenter import contact_out
from app.deps import SessionDep, SettingsDep, SyncRead
from app.errors import error_responses
from app.scans.presenter import scan_out
from app.sync import cursor as cursors
from app.sync import service
from app.sync.schemas import SyncEvent, SyncFollowUp, SyncPage, Tombstone
from app.users.schemas import UserSettings

router = APIRouter(prefix="/v1", tags=["sync"])


@router.get("/sync", response_model=SyncPage, responses=error_responses(401, 410, 422))
def sync(
    user: SyncRead,
    session: SessionDep,
    settings: SettingsDep,
    cursor: Annotated[
        str | None,
        Query(
            max_length=500,
            description="next_cursor of your last page; absent for a full sync. A cursor that is too old "
            "or not this account's answers 410: start again without one.",
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="Records and tombstones per page, at most.")
    ] = 500,
) -> SyncPage:
    """Delta sync: a full sync first (no cursor, page after page while `has_more`), then only what
    changed since the cursor: contacts, scans, events, follow-ups (with their history) and settings in
    their current state, and tombstones for what was deleted or merged away (`merged_into` names the
    surviving contact). Keep `next_cursor` and ask again; edit contacts with If-Match as usual."""
    secret = settings.resolved_secret_key
    start = cursors.decode(cursor, secret) if cursor else None
    result = service.read_page(session, user, start, limit)
    assert result.next_cursor is not None
    records = result.records
    return SyncPage(
        full=result.full,
        contacts=[contact_out(c, user) for c in records.get("contact", [])],
        scans=[scan_out(session, user, s, full=False) for s in records.get("scan", [])],
        events=[SyncEvent.model_validate(e) for e in records.get("event", [])],
        follow_ups=[SyncFollowUp.model_validate(f) for f in records.get("follow_up", [])],
        settings=UserSettings.model_validate(result.settings) if result.settings is not None else None,
        tombstones=[Tombstone(kind=t.kind, id=t.id, merged_into=t.merged_into) for t in result.tombstones],  # type: ignore[arg-type]
        next_cursor=cursors.encode(result.next_cursor, secret),
        has_more=result.has_more,
    )
