"""`meishi users create` reaches the database of the server `make run` started, without repeating its
environment variables: `meishi serve` records the instance in `.meishi/instance.env`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app import cli as cli_module
from app.db import make_engine, make_session_factory
from models import User

INSTANCE_VARIABLES = ("MEISHI_DATA_DIR", "DATABASE_URL", "MEISHI_DATABASE_URL")


def _users_in(data_dir: Path) -> list[str]:
    engine = make_engine(f"sqlite:///{data_dir / 'meishi.db'}")
    try:
        with make_session_factory(engine)() as session:
            return list(session.scalars(select(User.email)))
    finally:
        engine.dispose()


def test_users_create_finds_the_served_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in INSTANCE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    served_dir = tmp_path / "elsewhere"
    monkeypatch.setattr(cli_module.uvicorn, "run", lambda *args, **kwargs: None)
    # Logging set up on CliRunner's stream would outlive it and break later tests' output.
    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)
    runner = CliRunner()

    # `MEISHI_DATA_DIR=... make run` (the server is not really started here).
    served = runner.invoke(cli_module.cli, ["serve"], env={"MEISHI_DATA_DIR": str(served_dir)})
    assert served.exit_code == 0, served.output
    assert (tmp_path / ".meishi" / "instance.env").stat().st_mode & 0o077 == 0

    # Later, in the same folder, without the variable: the account lands in the served database.
    created = runner.invoke(
        cli_module.cli, ["users", "create", "jane@example.com", "--password", "correct horse battery"]
    )
    assert created.exit_code == 0, created.output
    assert _users_in(served_dir) == ["jane@example.com"]
    assert not (tmp_path / "data").exists()


def test_environment_still_wins_over_the_recorded_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in INSTANCE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli_module.uvicorn, "run", lambda *args, **kwargs: None)
    # Logging set up on CliRunner's stream would outlive it and break later tests' output.
    monkeypatch.setattr(cli_module, "configure_logging", lambda *args, **kwargs: None)
    runner = CliRunner()
    assert (
        runner.invoke(cli_module.cli, ["serve"], env={"MEISHI_DATA_DIR": str(tmp_path / "a")}).exit_code == 0
    )

    other = tmp_path / "b"
    created = runner.invoke(
        cli_module.cli,
        ["users", "create", "max@example.com", "--password", "correct horse battery"],
        env={"MEISHI_DATA_DIR": str(other)},
    )
    assert created.exit_code == 0, created.output
    assert _users_in(other) == ["max@example.com"]
