"""Switching prometheus_client to multiprocess mode, before it is imported (it reads the variable then)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_multiprocess_metrics(default_dir: Path) -> Path:
    """Use PROMETHEUS_MULTIPROC_DIR (else `default_dir`), emptied: samples of processes from an earlier
    run would otherwise be added to this run's. Child processes inherit the variable."""
    directory = Path(os.environ.get(MULTIPROC_ENV) or default_dir)
    if directory.is_dir():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(directory)
    return directory
