"""Which of a contact's follow-ups is the one that counts now."""

from __future__ import annotations

from models import Contact, FollowUp


def current_follow_up(contact: Contact) -> FollowUp | None:
    """The open follow-up if there is one, else the most recent (done) one."""
    live = [f for f in contact.follow_ups if f.snoozed_at is None]
    open_ = [f for f in live if f.done_at is None]
    if open_:
        return open_[-1]
    return live[-1] if live else None
