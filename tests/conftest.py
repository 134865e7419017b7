"""Shared fixtures: every database test runs on SQLite and, when reachable, on PostgreSQL.

PostgreSQL tests use a database created for this test run (so parallel runs on one server never
collide) and dropped at the end. In CI (CI=true) an unreachable PostgreSQL fails instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import Engine, text

from app.db import make_engine, upgrade_to_head
from app.main import create_app
from app.settings import Settings
from models import Base

PG_ADMIN_URL = os.environ.get("MEISHI_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("MEISHI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"


def _pg_reachable() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Still Argon2id, with minimal cost: the production cost (~0.1-1 s a hash) would dominate the suite."""
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    from app import security
    from app.users import service

    original, original_dummy = security._password_hash, service._DUMMY_HASH
    security._password_hash = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1),))
    # Unknown emails are checked against this hash; made at import, it carries the production cost.
    service._DUMMY_HASH = security.hash_password("not-a-real-password-just-for-timing")
    yield
    security._password_hash, service._DUMMY_HASH = original, original_dummy


@pytest.fixture(scope="session")
def postgresql_database_url() -> Iterator[str]:
    if not _pg_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is not reachable in CI")
        pytest.skip("PostgreSQL not reachable")
    name = f"meishi_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'meishi.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_database_url")


_migrated: set[str] = set()


def _truncate_all(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f"DELETE FROM {table.name}"))


@pytest.fixture
def db_engine(database_url: str) -> Iterator[Engine]:
    """A migrated, empty database; emptied again after the test."""
    engine = make_engine(database_url)
    if database_url not in _migrated:
        upgrade_to_head(engine)
        _migrated.add(database_url)
    _truncate_all(engine)
    yield engine
    _truncate_all(engine)
    engine.dispose()


@pytest.fixture
def settings(db_engine: Engine, tmp_path: Path) -> Settings:
    return Settings(
        database_url=db_engine.url.render_as_string(hide_password=False),
        data_dir=tmp_path / "data",
        secret_key="test-secret-key-with-enough-length-for-hs256",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def app(settings: Settings):
    return create_app(settings, migrate=False)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def reachable_redis() -> str:
    """The test Redis's URL; in CI an unreachable Redis fails instead of skipping."""
    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is not reachable in CI")
        pytest.skip("Redis not reachable")
    return REDIS_URL


UserFactory = Callable[..., dict[str, str]]


@pytest.fixture
def make_user(client: TestClient) -> UserFactory:
    """Creates a user through the service and signs in over HTTP; returns the auth headers."""

    def _make(email: str | None = None, password: str = "correct horse battery", **user_settings: object):
        from app.db import unit_of_work
        from app.users.service import create_user

        email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
        state = client.app.state.meishi  # type: ignore[attr-defined]
        with unit_of_work(state.sessions) as session:
            user = create_user(session, email, password)
            for name, value in user_settings.items():
                setattr(user, name, value)
        response = client.post("/v1/auth/token", data={"username": email, "password": password})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return _make


@pytest.fixture
def shared_cards_dir() -> Path:
    cards = SHARED_DIR / "cards" / "dev"
    if not cards.is_dir():
        pytest.skip("../shared/cards/dev is not present")
    return cards
