"""The `meishi` command: serve, manage users, migrate."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import typer
import uvicorn
from sqlalchemy.orm import Session

from app.cli_scan import scan
from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.errors import AppError
from app.followups.cli import follow_ups as follow_ups_command
from app.instance import instance_settings, record_instance
from app.observability.logs import configure_logging, logging_config
from app.observability.multiproc import prepare_multiprocess_metrics
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
    workers: int = typer.Option(
        1, min=1, help="API processes sharing the port (uvicorn workers); see docs/deployment.md."
    ),
) -> None:
    """Apply migrations and serve the API and web UI (and record this instance for the other commands)."""
    settings = load_settings()
    configure_logging(settings.log_format, settings.log_level)
    upgrade_to_head(make_engine(settings.resolved_database_url))
    record_instance(settings)
    if workers > 1:
        # Every API process writes its metrics here and /metrics adds them up, whichever process answers.
        prepare_multiprocess_metrics(settings.data_dir / "prometheus")
    uvicorn.run(
        "app.asgi:app",
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        # A worker process loads OpenCV and the app before it answers the supervisor's first ping: on a
        # busy machine that can take longer than uvicorn's 5 s default, which would restart it forever.
        timeout_worker_healthcheck=60,
        proxy_headers=False,  # the app applies MEISHI_FORWARDED_ALLOW_IPS itself (app.main)
        log_config=logging_config(settings.log_format, settings.log_level),
    )


@cli.command()
def migrate() -> None:
    """Apply database migrations up to the newest."""
    settings = instance_settings()
    upgrade_to_head(make_engine(settings.resolved_database_url))
    typer.echo("database is at the newest schema")


@cli.command()
def worker(
    burst: bool = typer.Option(False, help="Quit once the queue is empty instead of waiting for more."),
    serve: str = typer.Option(
        "all", help="all (scans first, then webhook deliveries), scans, or webhooks: one kind only."
    ),
) -> None:
    """Read queued card scans and send webhook deliveries (queue mode: needs MEISHI_QUEUE_URL,
    DATABASE_URL and the image storage).

    Run as many as you like, on this machine or others; each reads one card (or sends one delivery) at a
    time. At start-up and about once per MEISHI_SCAN_LEASE_SECONDS it re-queues scans whose worker died
    mid-read and deliveries that are due.
    """
    if serve not in ("all", "scans", "webhooks"):
        typer.echo("error: --serve is all, scans or webhooks", err=True)
        raise typer.Exit(2)
    settings = load_settings()
    if not settings.queue_url:
        typer.echo("error: set MEISHI_QUEUE_URL=redis://host:6379/0 to run workers", err=True)
        raise typer.Exit(2)
    configure_logging(settings.log_format, settings.log_level)
    if settings.worker_metrics_port:
        # RQ reads each card in a forked work horse: its samples reach the metrics server through files.
        prepare_multiprocess_metrics(settings.data_dir / f"prometheus-worker-{os.getpid()}")
    from app.scans.queue import run_worker  # deferred: only workers load RQ and the card reader

    if settings.worker_metrics_port:
        from app.observability.exporter import serve_worker_metrics

        serve_worker_metrics(settings.worker_metrics_port)
    # The schema is the API's job (`meishi serve` / `meishi migrate`).
    run_worker(settings, burst=burst, serve=serve)  # type: ignore[arg-type]


@cli.command()
def backup(
    destination: Path = typer.Argument(..., help="The .tar.gz file to write."),
) -> None:
    """Back up the embedded SQLite database and the card images while the service runs."""
    from app.backup import BackupError
    from app.backup import backup as run_backup

    try:
        manifest = run_backup(instance_settings(), destination)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"backed up the database and {manifest['images']} images to {destination}")


@cli.command()
def restore(
    source: Path = typer.Argument(..., help="A .tar.gz written by `meishi backup`."),
) -> None:
    """Restore a backup into an empty data directory (MEISHI_DATA_DIR), then bring its schema up to date."""
    from app.backup import BackupError
    from app.backup import restore as run_restore

    settings = load_settings()
    try:
        manifest = run_restore(settings, source)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    upgrade_to_head(make_engine(settings.resolved_database_url))
    typer.echo(f"restored the backup of {manifest['created_at']} into {settings.data_dir}")


@users_cli.command("create")
def create_user(
    email: str,
    password: str | None = typer.Option(None, help="Prompted for (hidden) when not given."),
) -> None:
    """Create an account."""
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = instance_settings()
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
    settings = instance_settings()
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
