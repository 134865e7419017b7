"""The `meishi` command: serve, manage users, migrate."""

from __future__ import annotations

from collections.abc import Callable

import typer
import uvicorn
from sqlalchemy.orm import Session

from app.cli_scan import scan
from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.errors import AppError
from app.followups.cli import follow_ups as follow_ups_command
from app.settings import load_settings
from app.users import service as user_service

cli = typer.Typer(help="Meishi: business cards in, follow-ups out.", no_args_is_help=True)
users_cli = typer.Typer(help="Manage accounts.", no_args_is_help=True)
cli.add_typer(users_cli, name="users")
cli.command()(scan)
cli.command("follow-ups")(follow_ups_command)


@cli.command()
def serve(
    host: str | None = typer.Option(None, help="Default: MEISHI_HOST or 127.0.0.1."),
    port: int | None = typer.Option(None, help="Default: MEISHI_PORT or 8000."),
) -> None:
    """Apply migrations and serve the API and web UI."""
    settings = load_settings()
    upgrade_to_head(make_engine(settings.resolved_database_url))
    uvicorn.run(
        "app.asgi:app",
        host=host or settings.host,
        port=port or settings.port,
        proxy_headers=False,  # the app applies MEISHI_FORWARDED_ALLOW_IPS itself (app.main)
        log_level="info",
    )


@cli.command()
def migrate() -> None:
    """Apply database migrations up to the newest."""
    settings = load_settings()
    upgrade_to_head(make_engine(settings.resolved_database_url))
    typer.echo("database is at the newest schema")


@cli.command()
def worker(
    burst: bool = typer.Option(False, help="Quit once the queue is empty instead of waiting for more."),
) -> None:
    """Read queued card scans (queue mode: needs MEISHI_QUEUE_URL, DATABASE_URL and the image storage).

    Run as many as you like, on this machine or others; each reads one card at a time. At start-up and
    about once per MEISHI_SCAN_LEASE_SECONDS it re-queues scans whose worker died mid-read.
    """
    settings = load_settings()
    if not settings.queue_url:
        typer.echo("error: set MEISHI_QUEUE_URL=redis://host:6379/0 to run workers", err=True)
        raise typer.Exit(2)
    from app.scans.queue import run_worker  # deferred: only workers load RQ and the card reader

    run_worker(settings, burst=burst)  # the schema is the API's job (`meishi serve` / `meishi migrate`)


@users_cli.command("create")
def create_user(
    email: str,
    password: str | None = typer.Option(None, help="Prompted for (hidden) when not given."),
) -> None:
    """Create an account."""
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = load_settings()
    engine = make_engine(settings.resolved_database_url)
    upgrade_to_head(engine)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            user = user_service.create_user(session, email, password, follow_up_days=settings.follow_up_days)
            typer.echo(f"created user {user.email} ({user.id})")
    except AppError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from exc


def _account_change(change: Callable[[Session], str]) -> None:
    settings = load_settings()
    engine = make_engine(settings.resolved_database_url)
    upgrade_to_head(engine)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            typer.echo(change(session))
    except AppError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from exc


@users_cli.command("disable")
def disable_user(email: str) -> None:
    """Disable an account: its sessions and access tokens end at once and its API keys are refused."""
    _account_change(lambda s: f"disabled {user_service.set_active(s, email, False).email}")


@users_cli.command("enable")
def enable_user(email: str) -> None:
    """Enable a disabled account again (its owner signs in anew)."""
    _account_change(lambda s: f"enabled {user_service.set_active(s, email, True).email}")


@users_cli.command("set-password")
def set_password(
    email: str,
    password: str | None = typer.Option(None, help="Prompted for (hidden) when not given."),
) -> None:
    """Set a new password; every session and access token of the account ends."""
    if password is None:
        password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    new_password = password

    def change(session: Session) -> str:
        user = user_service.find_user(session, email)
        user_service.set_password(session, user, new_password)
        return f"password set for {user.email}; its sessions ended"

    _account_change(change)


def main() -> None:
    cli()
