"""`meishi backup` / `meishi restore` for the embedded default: a running service's SQLite database and
card images into one file, and back into an empty data directory, where the same account finds the same
contacts and photos."""

from __future__ import annotations

import tarfile

import pytest
from fastapi.testclient import TestClient
from scan_support import instructed_png, stand_in_reader
from typer.testing import CliRunner

from app.cli import cli
from app.db import unit_of_work
from app.main import create_app
from app.settings import Settings
from app.users.service import create_user

PASSWORD = "correct horse battery"


def _env(data_dir) -> dict[str, str | None]:
    # Only the data directory: the database and the secret key are the defaults kept inside it.
    return {
        "MEISHI_DATA_DIR": str(data_dir),
        "DATABASE_URL": None,
        "MEISHI_DATABASE_URL": None,
        "MEISHI_SECRET_KEY": None,
    }


def _service(data_dir):
    app = create_app(Settings(data_dir=data_dir, _env_file=None))  # type: ignore[call-arg]
    app.state.meishi.scan_reader = stand_in_reader
    return app


@pytest.fixture(autouse=True)
def _away_from_any_recorded_instance(tmp_path, monkeypatch):
    # The commands read `.meishi/instance.env` in the working directory (app/instance.py): a developer's
    # own served instance must not be the one backed up here.
    monkeypatch.chdir(tmp_path)


def test_backup_of_a_running_service_restores_into_an_empty_data_dir(tmp_path):
    live, restored, archive = tmp_path / "live", tmp_path / "restored", tmp_path / "backups" / "meishi.tar.gz"
    app = _service(live)
    with TestClient(app) as client:
        with unit_of_work(app.state.meishi.sessions) as session:
            create_user(session, "owner@example.com", PASSWORD)
        token = client.post("/v1/auth/token", data={"username": "owner@example.com", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        scan = client.post(
            "/v1/scans",
            content=instructed_png({"contact": {"name": "Ann Lee", "emails": ["ann@example.com"]}}),
            headers={**headers, "Content-Type": "image/png"},
        ).json()
        assert scan["status"] == "done"
        photo = client.get(scan["links"]["card_image"], headers=headers).content

        # Taken while the service runs (SQLite's online backup API).
        result = CliRunner().invoke(cli, ["backup", str(archive)], env=_env(live))
        assert result.exit_code == 0, result.output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "meishi.db" in names and "manifest.json" in names and "secret_key" in names
    assert any(name.startswith("images/users/") for name in names)

    result = CliRunner().invoke(cli, ["restore", str(archive)], env=_env(restored))
    assert result.exit_code == 0, result.output
    with TestClient(_service(restored)) as client:
        # The restored secret key still accepts the token signed before the backup.
        contacts = client.get("/v1/contacts", headers=headers).json()
        assert [c["name"] for c in contacts["items"]] == ["Ann Lee"]
        assert client.get(scan["links"]["card_image"], headers=headers).content == photo

    again = CliRunner().invoke(cli, ["restore", str(archive)], env=_env(restored))
    assert again.exit_code == 1 and "already holds data" in again.output


def test_backup_refuses_postgresql(tmp_path):
    env = {**_env(tmp_path), "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    result = CliRunner().invoke(cli, ["backup", str(tmp_path / "b.tar.gz")], env=env)
    assert result.exit_code == 1 and "pg_dump" in result.output
