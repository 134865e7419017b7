"""Image storage: local disk and S3 (moto's in-process mock) behave the same; deletes follow the
transaction's outcome."""

from __future__ import annotations

import uuid

import boto3
import pytest
from moto import mock_aws
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from app.storage import (
    ImageNotFound,
    LocalStorage,
    S3Storage,
    attach_storage,
    delete_after_commit,
    delete_after_rollback,
    make_storage,
    scan_image_key,
)

KEY = scan_image_key(uuid.uuid4(), uuid.uuid4(), "original")


@pytest.fixture
def s3_bucket(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="meishi-cards")
        yield "meishi-cards"


def _roundtrip(storage) -> None:
    storage.put(KEY, b"jpeg bytes", "image/jpeg")
    assert storage.get(KEY) == b"jpeg bytes"
    storage.delete(KEY)
    with pytest.raises(ImageNotFound):
        storage.get(KEY)
    storage.delete(KEY)  # deleting twice is fine
    for bad in ("../etc/passwd", "/abs/key", "users/../../x", ""):
        with pytest.raises(ValueError):
            storage.put(bad, b"x", "image/jpeg")


def test_local_storage(tmp_path):
    storage = LocalStorage(tmp_path)
    _roundtrip(storage)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert not (tmp_path / KEY).parent.exists(), "no empty per-scan directory left behind"


def test_s3_storage(s3_bucket):
    storage = S3Storage(s3_bucket, prefix="prod/")
    storage.put(KEY, b"jpeg bytes", "image/jpeg")
    stored = boto3.client("s3").get_object(Bucket=s3_bucket, Key=f"prod/{KEY}")
    assert stored["ContentType"] == "image/jpeg"
    _roundtrip(storage)


def test_settings_choose_the_backend(settings, s3_bucket):
    assert isinstance(make_storage(settings), LocalStorage)
    assert isinstance(make_storage(settings.model_copy(update={"s3_bucket": s3_bucket})), S3Storage)


def test_deletes_follow_the_transaction(db_engine, tmp_path):
    storage = LocalStorage(tmp_path)
    sessions = sessionmaker(bind=db_engine)
    attach_storage(sessions, storage)
    keys = [scan_image_key(uuid.uuid4(), uuid.uuid4(), name) for name in ("a", "b", "c")]
    for key in keys:
        storage.put(key, b"x", "image/jpeg")

    with sessions() as session:
        session.execute(text("SELECT 1"))  # a transaction is under way, as in a request
        delete_after_commit(session, [keys[0]])
        delete_after_rollback(session, [keys[1]])
        session.rollback()
    assert storage.get(keys[0]) == b"x", "a rolled-back delete keeps the file"
    with pytest.raises(ImageNotFound):
        storage.get(keys[1])

    with sessions() as session:
        session.execute(text("SELECT 1"))
        delete_after_commit(session, [keys[0]])
        delete_after_rollback(session, [keys[2]])
        session.commit()
    with pytest.raises(ImageNotFound):
        storage.get(keys[0])
    assert storage.get(keys[2]) == b"x", "a committed upload keeps its file"
