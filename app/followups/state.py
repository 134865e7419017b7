"""A contact's follow-ups as they stand: the current one, and planning the next. A contact keeps every
follow-up as history; snoozed ones are replaced, done ones stay done."""

from __future__ import annotations

from datetime import date

from models import Contact, FollowUp, User


def current_follow_up(contact: Contact) -> FollowUp | None:
    """The open follow-up if there is one, else the most recent (done) one."""
    live = [f for f in contact.follow_ups if f.snoozed_at is None]
    open_ = [f for f in live if f.done_at is None]
    if open_:
        return open_[-1]
    return live[-1] if live else None


def reschedule(contact: Contact, user: User, due_on: date) -> None:
    """Move the open follow-up to `due_on`, or plan a new one when none is open."""
    current = current_follow_up(contact)
    if current is not None and current.done_at is None:
        current.due_on = due_on
    else:
        contact.follow_ups.append(FollowUp(user_id=user.id, due_on=due_on))
