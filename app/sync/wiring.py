"""Start-up work of the delta sync: forget changes older than the retention (cursors that old get 410)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from app.db import unit_of_work
from app.state import ServiceState
from app.sync.repository import prune

log = logging.getLogger(__name__)


def install(state: ServiceState) -> None:
    def prune_old_changes() -> None:
        cutoff = datetime.now(UTC) - timedelta(days=state.settings.sync_retention_days)
        try:
            with unit_of_work(state.sessions) as session:
                pruned = prune(session, cutoff)
        except SQLAlchemyError as exc:
            # Housekeeping only: a database that is down at start-up must not keep the service from
            # starting (requests answer 503 and /readyz says why); the next start prunes instead.
            log.warning("sync: old changes not pruned, the database is unavailable (%s)", exc)
            return
        if pruned:
            log.info("sync: forgot %d changes older than %s", pruned, cutoff.date())

    state.on_startup.append(prune_old_changes)
