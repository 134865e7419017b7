"""A finished scan as a webhook event: `scan.completed` (with its draft contact) or `scan.failed`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.scans.presenter import scan_out
from app.webhooks.events import emit
from models import Scan, User


def notify_scan_finished(session: Session, user: User, scan: Scan) -> None:
    def payload() -> dict:
        return {"scan": scan_out(session, user, scan).model_dump(mode="json", exclude={"reading"})}

    emit(session, user.id, "scan.completed" if scan.status == "done" else "scan.failed", payload)
