"""compose.yaml and the Dockerfile, checked by reading them (no image is built here: that needs the
registries' images and the internet)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = (
    "DATABASE_URL",
    "MEISHI_QUEUE_URL",
    "MEISHI_S3_BUCKET",
    "MEISHI_S3_ENDPOINT_URL",
    "MEISHI_SECRET_KEY",
)


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_api_workers_postgres_redis_and_an_object_store():
    services = _compose()["services"]
    assert {"api", "worker", "postgres", "redis", "minio"} <= set(services)
    api, worker = services["api"], services["worker"]
    assert api["command"][:2] == ["meishi", "serve"] and "--workers" in api["command"]
    assert worker["command"] == ["meishi", "worker"]
    assert worker["deploy"]["replicas"] >= 2
    # The API and the workers must see the same database, queue, bucket and signing key.
    for name in SHARED:
        assert api["environment"][name] == worker["environment"][name], name
    assert api["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert api["environment"]["MEISHI_QUEUE_URL"].startswith("redis://redis:")
    assert api["environment"]["MEISHI_S3_ENDPOINT_URL"].startswith("http://minio:")
    # Start order: the stores are healthy (and the bucket made) before the API; the API (which migrates)
    # before the workers.
    assert api["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert api["depends_on"]["minio-bucket"]["condition"] == "service_completed_successfully"
    assert worker["depends_on"]["api"]["condition"] == "service_healthy"
    for store in ("postgres", "redis", "minio"):
        assert "healthcheck" in services[store] and services[store].get("volumes"), store
    published = api["ports"][0].split(":")[-1]
    assert published == api["environment"]["MEISHI_PORT"]
    assert worker["environment"]["MEISHI_WORKER_METRICS_PORT"] in " ".join(worker["healthcheck"]["test"])


def _instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_dockerfile_installs_dependencies_before_the_code_and_leaves_tests_out():
    steps = _instructions()
    copies = [(i, args) for i, (op, args) in enumerate(steps) if op == "COPY"]
    first_code = min(i for i, args in copies if args.split()[0] in ("app", "ocr", "models", "migrations"))
    dependency_install = next(
        i for i, (op, args) in enumerate(steps) if op == "RUN" and "pip install" in args and "-r" in args
    )
    assert dependency_install < first_code, "dependencies must be installed before the code is copied"
    for i, args in copies:
        if i < dependency_install:
            assert set(args.split()[:-1]) <= {"pyproject.toml", "constraints.txt"}, args
    copied = {part for _i, args in copies for part in args.split()[:-1]}
    assert not copied & {"tests", "bench", "benchmarks", ".", "docs"}, copied
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"tests", "bench", "benchmarks"} <= set(ignored)


def test_dockerfile_healthcheck_follows_meishi_port():
    (healthcheck,) = [args for op, args in _instructions() if op == "HEALTHCHECK"]
    assert "MEISHI_PORT" in healthcheck and ":8000" not in healthcheck


def test_every_install_keeps_the_headless_opencv_build_only():
    """rapidocr-onnxruntime pulls in OpenCV's GUI build, which overwrites the headless one's `cv2/` (15 MB
    more at the reader's peak, and libGL): make's installs and the image's run scripts/headless-opencv.sh
    after pip, and this environment, set up by make, holds the headless build alone."""
    from importlib import metadata

    makefile = (ROOT / "Makefile").read_text()
    assert makefile.count("scripts/headless-opencv.sh") == 2, "both of make's installs"
    steps = _instructions()
    dependency_install = next(
        i for i, (op, args) in enumerate(steps) if op == "RUN" and "pip install" in args and "-r" in args
    )
    cleanup = next(i for i, (op, args) in enumerate(steps) if op == "RUN" and "headless-opencv.sh" in args)
    assert dependency_install < cleanup
    assert "!scripts/headless-opencv.sh" in (ROOT / ".dockerignore").read_text().split()
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.distribution("opencv-python")
    assert metadata.distribution("opencv-python-headless")
