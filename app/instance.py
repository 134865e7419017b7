"""Which Meishi instance the `meishi` commands talk to.

`meishi serve` (what `make run` starts) records where its data lives in `.meishi/instance.env` in the
working directory; the other commands run in the same folder (`meishi users create`, `meishi follow-ups`,
`meishi migrate`) read it, so they reach the server's database without repeating `MEISHI_DATA_DIR` or
`DATABASE_URL`. Environment variables and `.env` still win over the recorded values.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.settings import Settings

INSTANCE_FILE = Path(".meishi") / "instance.env"

logger = logging.getLogger(__name__)


def record_instance(settings: Settings, path: Path = INSTANCE_FILE) -> None:
    """Write where the served instance keeps its data (owner-only: the database URL may hold a password)."""
    lines = [f"MEISHI_DATA_DIR={settings.data_dir.resolve()}"]
    if settings.database_url:  # else it follows the data directory, whichever one a command is given
        lines.append(f"DATABASE_URL={settings.database_url}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write("# Written by `meishi serve`: the other meishi commands run here use this instance.\n")
            out.write("\n".join(lines) + "\n")
    except OSError as exc:  # a read-only working directory only loses the convenience
        logger.warning("could not record the instance in %s: %s", path, exc)


def instance_settings(path: Path = INSTANCE_FILE) -> Settings:
    """Settings for commands other than `serve`: the recorded instance, then `.env`, then the environment."""
    return Settings(_env_file=(path, ".env"))  # type: ignore[call-arg]  # later files win
