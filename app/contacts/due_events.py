"""`followup.due` webhook events: once per contact and due date, on the due day in the user's time zone.
The webhook sweeper runs this periodically (wired in app.main)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.contacts.presenter import contact_out
from app.db import unit_of_work
from app.followups.schedule import today_in
from app.webhooks.events import emit
from models import Contact, FollowUp, User, WebhookEndpoint


def emit_due_follow_ups(sessions: sessionmaker[Session], now: datetime) -> int:
    """Owe a `followup.due` event for each open follow-up due today (in its user's time zone) to the
    endpoints that subscribed; repeated runs owe nothing new. Returns the number of new deliveries."""
    created = 0
    with unit_of_work(sessions) as session:
        subscribed = session.execute(
            select(WebhookEndpoint.user_id, WebhookEndpoint.event_types).where(
                WebhookEndpoint.state == "enabled"
            )
        )
        user_ids = {user_id for user_id, types in subscribed if "followup.due" in (types or [])}
        for user_id in user_ids:
            user = session.get(User, user_id)
            if user is None or not user.is_active:
                continue
            today = today_in(user.time_zone, now)
            due = session.execute(
                select(FollowUp, Contact)
                .join(Contact, Contact.id == FollowUp.contact_id)
                .where(
                    FollowUp.user_id == user.id,
                    FollowUp.due_on == today,
                    FollowUp.done_at.is_(None),
                    FollowUp.snoozed_at.is_(None),
                )
            )
            for follow_up, contact in due:
                created += len(
                    emit(
                        session,
                        user.id,
                        "followup.due",
                        lambda contact=contact, follow_up=follow_up, user=user: _payload(
                            contact, follow_up, user
                        ),
                        event_key=f"followup.due:{contact.id}:{follow_up.due_on.isoformat()}",
                    )
                )
    return created


def _payload(contact: Contact, follow_up: FollowUp, user: User) -> dict:
    return {
        "follow_up": {
            "id": str(follow_up.id),
            "contact_id": str(contact.id),
            "due_on": follow_up.due_on.isoformat(),
        },
        "contact": contact_out(contact, user).model_dump(mode="json"),
    }
