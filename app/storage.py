"""Where card images live: a directory under MEISHI_DATA_DIR by default, S3-compatible storage when
MEISHI_S3_BUCKET is set. Keys are per user (`users/<user id>/scans/<scan id>/<name>`); nothing here checks
ownership, so callers only pass keys they read from a row the user owns."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DependencyUnavailable
from app.settings import Settings

_SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")
SESSION_INFO_KEY = "image_storage"
_PENDING_KEY = "images_to_delete"
_LISTENING_KEY = "images_listening"


class ImageNotFound(LookupError):
    pass


class ImageStorage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None:
        """Removes the object; a missing object is not an error."""
        ...


def scan_image_key(user_id: uuid.UUID, scan_id: uuid.UUID, name: str) -> str:
    return f"users/{user_id}/scans/{scan_id}/{name}"


def _checked(key: str) -> str:
    # Keys are built by scan_image_key; refusing anything else keeps '..' and absolute paths out.
    if not _SAFE_KEY.match(key) or ".." in key.split("/"):
        raise ValueError(f"unsafe storage key: {key!r}")
    return key


class LocalStorage:
    """Files under a root directory, written atomically (temp file + rename) so a crash never leaves a
    half-written image behind."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _checked(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError as exc:
            raise ImageNotFound(key) from exc

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        # Drop the per-scan directory once its last image is gone (rmdir refuses while it is not empty).
        with contextlib.suppress(OSError):
            path.parent.rmdir()


OBJECT_STORE = "object store (S3)"


class S3Storage:
    """Objects in an S3-compatible bucket (AWS, MinIO, Garage, ...) through boto3."""

    def __init__(self, bucket: str, *, prefix: str = "", endpoint_url: str | None = None) -> None:
        import boto3  # deferred: only deployments with a bucket pay for importing it

        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url)

    def _key(self, key: str) -> str:
        return self.prefix + _checked(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        with _unreachable_as_503():
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type
            )

    def get(self, key: str) -> bytes:
        try:
            with _unreachable_as_503():
                return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except self.client.exceptions.NoSuchKey as exc:
            raise ImageNotFound(key) from exc

    def delete(self, key: str) -> None:
        with _unreachable_as_503():
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def is_up(self) -> bool:
        """The bucket answers (readiness)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception:  # any client or connection error: not ready, reported rather than raised
            return False
        return True


@contextmanager
def _unreachable_as_503() -> Iterator[None]:
    from botocore.exceptions import BotoCoreError  # deferred with boto3

    try:
        yield
    except BotoCoreError as exc:  # no connection, timeouts: the store is down (a ClientError is not)
        raise DependencyUnavailable(OBJECT_STORE) from exc


def make_storage(settings: Settings) -> ImageStorage:
    if settings.s3_bucket:
        return S3Storage(settings.s3_bucket, prefix=settings.s3_prefix, endpoint_url=settings.s3_endpoint_url)
    return LocalStorage(settings.data_dir / "images")


def attach_storage(sessions: sessionmaker[Session], storage: ImageStorage) -> None:
    """Every session from this factory knows the storage, so services that delete rows owning images
    (deleting a contact deletes its scans) can remove the files without a FastAPI dependency."""
    info = dict(sessions.kw.get("info") or {})
    info[SESSION_INFO_KEY] = storage
    sessions.configure(info=info)


def storage_of(session: Session) -> ImageStorage | None:
    return session.info.get(SESSION_INFO_KEY)


def delete_after_commit(session: Session, keys: list[str]) -> None:
    """Delete these images once the transaction commits (never when it rolls back, so rows are never left
    pointing at files already gone)."""
    _schedule(session, keys, on="commit")


def delete_after_rollback(session: Session, keys: list[str]) -> None:
    """Delete these freshly stored images if the transaction that was to reference them rolls back."""
    _schedule(session, keys, on="rollback")


def _schedule(session: Session, keys: list[str], *, on: str) -> None:
    if not keys:
        return
    storage = storage_of(session)
    if storage is None:
        raise RuntimeError("this session has no image storage attached (see attach_storage)")
    if not session.info.get(_LISTENING_KEY):
        session.info[_LISTENING_KEY] = True

        # Listeners stay for the session's (short) life; each transaction end settles what is pending.
        def _settle(ended: Session, outcome: str) -> None:
            pending = ended.info.pop(_PENDING_KEY, None) or {}
            for key in pending.get(outcome, []):
                storage.delete(key)

        event.listen(session, "after_commit", lambda ended: _settle(ended, "commit"))
        event.listen(session, "after_rollback", lambda ended: _settle(ended, "rollback"))
    pending = session.info.setdefault(_PENDING_KEY, {"commit": [], "rollback": []})
    pending[on].extend(keys)
