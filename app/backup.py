"""`meishi backup` / `meishi restore` for the embedded default: the SQLite database (copied with SQLite's
online backup API, so the service keeps running) and the card images folder, in one .tar.gz.

PostgreSQL and S3-compatible storage have their own tools (pg_dump, bucket versioning or replication);
this refuses those set-ups rather than back up half of the data.
"""

from __future__ import annotations

import json
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from app.settings import Settings

DATABASE_NAME = "meishi.db"
IMAGES_DIR = "images"
SECRET_KEY_FILE = "secret_key"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def _sqlite_path(settings: Settings) -> Path:
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            "meishi backup covers the embedded SQLite database; back up PostgreSQL with pg_dump."
        )
    if settings.s3_bucket:
        raise BackupError("The card images are in an S3 bucket; back them up with the bucket's own tools.")
    return Path(url.database)


def _skip_partial_uploads(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    # LocalStorage writes through temp files renamed into place: a temp file is an upload in flight.
    return None if Path(info.name).name.startswith(".upload-") else info


def backup(settings: Settings, destination: Path) -> dict[str, object]:
    """Write the database, the images and the secret key into the tar.gz `destination`; returns the
    manifest. The database is copied first: an image written after that belongs to no row in the copy."""
    database = _sqlite_path(settings)
    if not database.exists():
        raise BackupError(f"There is no database at {database} to back up.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="meishi-backup-") as scratch:
        copy = Path(scratch) / DATABASE_NAME
        source = sqlite3.connect(database)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)  # a consistent snapshot, taken page by page while writers go on
        finally:
            target.close()
            source.close()
        images = settings.data_dir / IMAGES_DIR
        manifest = {
            "created_at": datetime.now(UTC).isoformat(),
            "database": DATABASE_NAME,
            "images": sum(1 for p in images.rglob("*") if p.is_file()) if images.is_dir() else 0,
        }
        (Path(scratch) / MANIFEST).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(destination, "w:gz") as archive:
            archive.add(Path(scratch) / MANIFEST, arcname=MANIFEST)
            archive.add(copy, arcname=DATABASE_NAME)
            if images.is_dir():
                archive.add(images, arcname=IMAGES_DIR, filter=_skip_partial_uploads)
            key = settings.data_dir / SECRET_KEY_FILE
            if key.is_file():
                archive.add(key, arcname=SECRET_KEY_FILE)
    return manifest


def restore(settings: Settings, source: Path) -> dict[str, object]:
    """Unpack a backup into an empty data directory (refuses to overwrite a database or images)."""
    database = _sqlite_path(settings)
    images = settings.data_dir / IMAGES_DIR
    if database.exists() or (images.is_dir() and any(images.iterdir())):
        raise BackupError(
            f"{settings.data_dir} already holds data; restore into an empty data directory "
            "(or move the old one aside)."
        )
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    with tarfile.open(source, "r:gz") as archive:
        names = set(archive.getnames())
        if MANIFEST not in names or DATABASE_NAME not in names:
            raise BackupError(f"{source} is not a meishi backup (no {MANIFEST} or {DATABASE_NAME}).")
        manifest = json.loads(archive.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=settings.data_dir, prefix=".restore-") as scratch:
            # The 'data' filter refuses absolute paths, '..', links out of the folder and device files.
            archive.extractall(scratch, filter="data")
            unpacked = Path(scratch)
            database.parent.mkdir(parents=True, exist_ok=True)
            (unpacked / DATABASE_NAME).replace(database)
            if (unpacked / IMAGES_DIR).is_dir():
                if images.is_dir():
                    images.rmdir()  # empty, checked above
                (unpacked / IMAGES_DIR).replace(images)
            key = settings.data_dir / SECRET_KEY_FILE
            if (unpacked / SECRET_KEY_FILE).is_file() and not key.exists():
                (unpacked / SECRET_KEY_FILE).replace(key)
                key.chmod(0o600)
    return manifest
