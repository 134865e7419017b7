"""Start-up work of the delta sync: forget changes older than the retention (cursors that old get 410)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from app.db import unit_of_work
from app.state import ServiceState
from app.sync.repository import prune

log = logging.getLogger(__name__)


def install(state: ServiceState) -> None:
    def prune_old_changes() -> None:
        cutoff = datetime.now(UTC) - timedelta(days=state.settings.sync_retention_days)
        with unit_of_work(state.sessions) as session:
            pruned = prune(session, cutoff)
        if pruned:
            log.info("sync: forgot %d changes older than %s", pruned, cutoff.date())

    state.on_startup.append(prune_old_changes)
