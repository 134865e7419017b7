"""Turns a Contact row into its JSON shape, with the follow-up view and its ready-made links."""

from __future__ import annotations

import uuid

from app.contacts.schemas import ContactOut, FollowUpView
from app.contacts.service import current_follow_up
from app.followups.channels import follow_up_links, suggested_channel
from models import Contact, User


def contact_out(contact: Contact, user: User, duplicates: list[uuid.UUID] | None = None) -> ContactOut:
    follow_up = current_follow_up(contact)
    view = FollowUpView(
        due_on=follow_up.due_on if follow_up else None,
        channel=follow_up.channel if follow_up else None,  # type: ignore[arg-type]
        done_at=follow_up.done_at if follow_up else None,
        suggested_channel=suggested_channel(contact.emails, contact.social, contact.phones),  # type: ignore[arg-type]
        links=follow_up_links(
            name=contact.name,
            given_name=contact.given_name,
            company=contact.company,
            emails=contact.emails,
            social=contact.social,
            event_name=contact.event_name,
            subject_template=user.email_subject_template,
            body_template=user.email_body_template,
        ),
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
