"""The migrations are the schema: they must match the models and go down and up cleanly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.db import downgrade_to_base, upgrade_to_head
from migrations.dialect_only import POSTGRESQL_ONLY_INDEXES, include_object
from models import Base


def test_models_and_migrations_agree(db_engine):
    with db_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(db_engine):
    downgrade_to_base(db_engine)
    remaining = set(inspect(db_engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    upgrade_to_head(db_engine)
    assert set(Base.metadata.tables) <= set(inspect(db_engine).get_table_names())


def test_search_indexes_exist_on_postgresql_only(db_engine):
    names = {index["name"] for index in inspect(db_engine).get_indexes("contacts")}
    assert "ix_contacts_user_id_created_at" in names
    if db_engine.dialect.name == "postgresql":
        assert names >= POSTGRESQL_ONLY_INDEXES
    else:
        assert not POSTGRESQL_ONLY_INDEXES & names
