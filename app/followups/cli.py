"""`meishi follow-ups`: the digest in a terminal (or as JSON for scripts and cron mails)."""

from __future__ import annotations

import json
from enum import StrEnum

import typer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.followups.channels import drafts_for, suggested_channel
from app.followups.digest import Digest, DigestEntry, build_digest
from app.instance import instance_settings
from app.users import repository as users
from models import User


class DueChoice(StrEnum):
    today = "today"
    overdue = "overdue"
    upcoming = "upcoming"


def _pick_user(session: Session, email: str | None) -> User:
    if email:
        user = users.get_by_email(session, email)
        if user is None:
            typer.echo(f"error: no user {email}", err=True)
            raise typer.Exit(1)
        return user
    if (session.scalar(select(func.count()).select_from(User)) or 0) != 1:
        typer.echo("error: several (or no) accounts here: say whose with --user EMAIL", err=True)
        raise typer.Exit(1)
    return session.scalars(select(User)).one()


def _how(entry: DigestEntry, user: User) -> str:
    """The channel to use, then the drafted message on an indented line (subject for email, note for
    LinkedIn)."""
    contact = entry.contact
    channel = suggested_channel(contact.emails, contact.social or {}, contact.phones)
    drafts = drafts_for(contact, user)
    if channel == "phone":
        return f"call {contact.phones[0]['number']}"
    if channel is None or channel not in drafts:
        return "no channel known"
    draft = drafts[channel]
    where = f"email {contact.emails[0]}" if channel == "email" else draft.href
    words = f"subject: {draft.subject}" if draft.subject else draft.text.replace("\n", " ")
    return f"{where}\n      {words}" if words else where


def render_text(digest: Digest, user: User) -> str:
    headline = {"today": "due today or overdue", "overdue": "overdue", "upcoming": "coming up"}[digest.due]
    if not digest.groups:
        return f"Nothing {headline} ({digest.today})."
    lines = [f"Follow-ups {headline} as of {digest.today}:"]
    for group in digest.groups:
        where = ", ".join(str(p) for p in (group.event_date, group.place) if p)
        title = group.event_name or "Not met at a named event"
        lines.append("")
        lines.append(f"{title} ({where})" if where else title)
        for entry in group.entries:
            contact = entry.contact
            when = (
                f"{entry.days_overdue}d overdue"
                if entry.window == "overdue"
                else "today"
                if entry.window == "today"
                else str(entry.follow_up.due_on)
            )
            who = contact.name or (contact.emails[0] if contact.emails else "(no name)")
            at = f", {contact.company}" if contact.company else ""
            lines.append(f"  [{when}] {who}{at}: {_how(entry, user)}")
    return "\n".join(lines)


def render_json(digest: Digest, user: User) -> str:
    return json.dumps(
        {
            "today": digest.today.isoformat(),
            "due": digest.due,
            "groups": [
                {
                    "event_id": str(g.event_id) if g.event_id else None,
                    "event_name": g.event_name,
                    "items": [
                        {
                            "contact_id": str(e.contact.id),
                            "name": e.contact.name,
                            "company": e.contact.company,
                            "due_on": e.follow_up.due_on.isoformat(),
                            "window": e.window,
                            "drafts": {
                                channel: {"href": d.href, "subject": d.subject, "text": d.text}
                                for channel, d in drafts_for(e.contact, user).items()
                            },
                        }
                        for e in g.entries
                    ],
                }
                for g in digest.groups
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def follow_ups(
    due: DueChoice = typer.Option(
        DueChoice.today, "--due", help="today: due today and overdue; overdue; upcoming."
    ),
    user_email: str | None = typer.Option(
        None, "--user", help="Whose follow-ups; optional when there is one account."
    ),
    days: int = typer.Option(7, min=1, max=365, help="How far ahead --due upcoming looks."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """List whom to follow up with, grouped by the event where you met them."""
    engine = make_engine(instance_settings().resolved_database_url)
    upgrade_to_head(engine)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            user = _pick_user(session, user_email)
            digest = build_digest(session, user, due=due.value, upcoming_days=days)  # type: ignore[arg-type]
            typer.echo(render_json(digest, user) if as_json else render_text(digest, user))
    finally:
        engine.dispose()
