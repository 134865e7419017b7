"""Turns a Contact row into its JSON shape, with the follow-up view and its ready-made links."""

from __future__ import annotations

import uuid

from app.contacts.schemas import ContactOut, FollowUpView, MessageDraftOut
from app.followups.channels import drafts_for, suggested_channel
from app.followups.state import current_follow_up
from models import Contact, User


def contact_out(contact: Contact, user: User, duplicates: list[uuid.UUID] | None = None) -> ContactOut:
    follow_up = current_follow_up(contact)
    drafts = drafts_for(contact, user)
    view = FollowUpView(
        due_on=follow_up.due_on if follow_up else None,
        channel=follow_up.channel if follow_up else None,  # type: ignore[arg-type]
        done_at=follow_up.done_at if follow_up else None,
        suggested_channel=suggested_channel(contact.emails, contact.social, contact.phones),  # type: ignore[arg-type]
        links={channel: draft.href for channel, draft in drafts.items()},
        drafts={
            channel: MessageDraftOut(href=d.href, subject=d.subject, text=d.text)
            for channel, d in drafts.items()
        },
    )
    return ContactOut.model_validate(
        {
            **{name: getattr(contact, name) for name in ContactOut.model_fields if hasattr(contact, name)},
            "social": contact.social or {},
            "confidence": contact.confidence or {},
            "needs_review": contact.needs_review or [],
            "follow_up": view,
            "possible_duplicate_of": duplicates or [],
        }
    )
