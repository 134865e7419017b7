"""Several machines, as deployed with compose.yaml: two API processes (one of them `--workers 2`) and two
`meishi worker`s sharing PostgreSQL, Redis and an S3-compatible object store reached over HTTP (moto's
standalone server in its own process). 100 scans go alternately to both APIs, one worker is killed with
SIGKILL while it reads, and every scan ends as exactly one contact."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import boto3
import httpx
import pytest
from PIL import Image, ImageDraw, ImageFont
from processes import free_port, kill, service_env, start, wait_until_serving
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis
from rq import Queue, Worker
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from app.db import make_engine, upgrade_to_head
from app.settings import Settings
from app.users.service import create_user
from models import Base, Contact, Scan

pytestmark = [pytest.mark.redis, pytest.mark.multiprocess, pytest.mark.timeout(600)]

# 100 in CI (under a minute on a quiet 2-core machine); fewer for a quick local run on a busy one.
SCANS = int(os.environ.get("MEISHI_TEST_MULTIPROCESS_SCANS", "100"))
LEASE = "2"
PASSWORD = "correct horse battery"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


def address(number: int) -> str:
    # Digits 1-9 only: OCR reads a small printed 0 as 'o' too often for an exact check.
    code = "".join(str(1 + number // 9**power % 9) for power in (2, 1, 0))
    return f"holder{code}@example.com"


def small_card(number: int) -> bytes:
    """A small, plain card (quick to read): a name, and an address that says which upload it was."""
    photo = Image.new("RGB", (440, 260), (60, 62, 70))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((25, 25, 415, 235), fill=(250, 250, 246))
    draw.text((50, 60), "Card Holder", fill=(15, 15, 20), font=ImageFont.truetype(BOLD, 26))
    draw.text((50, 120), address(number), fill=(15, 15, 20), font=ImageFont.truetype(FONT, 22))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def object_store(tmp_path):
    """moto's S3 server in a subprocess: the API and the workers reach it over HTTP, like MinIO."""
    port = free_port()
    log = tmp_path / "moto.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{endpoint}/moto-api/", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError(f"moto_server did not start:\n{log.read_text()[-2000:]}") from None
                time.sleep(0.1)
        bucket = f"meishi-{uuid.uuid4().hex[:8]}"
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_boto_keys())
        s3.create_bucket(Bucket=bucket)
        yield endpoint, bucket, s3
    finally:
        kill(server, sig=signal.SIGTERM)


def _boto_keys() -> dict[str, str]:
    return {
        "aws_access_key_id": AWS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": AWS["AWS_SECRET_ACCESS_KEY"],
    }


@pytest.fixture
def pg_engine(postgresql_database_url):
    engine = make_engine(postgresql_database_url)
    upgrade_to_head(engine)

    def empty() -> None:
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(text(f"DELETE FROM {table.name}"))

    empty()
    yield engine
    empty()
    engine.dispose()


@pytest.fixture
def cluster(pg_engine, reachable_redis, object_store, tmp_path):
    endpoint, bucket, _s3 = object_store
    queue_name = f"meishi-test-{uuid.uuid4().hex[:10]}"
    settings = Settings(
        database_url=pg_engine.url.render_as_string(hide_password=False),
        data_dir=tmp_path / "data",
        secret_key="test-secret-key-with-enough-length-for-hs256",
        _env_file=None,  # type: ignore[call-arg]
    )
    env = service_env(
        settings,
        **AWS,
        MEISHI_QUEUE_URL=reachable_redis,
        MEISHI_QUEUE_NAME=queue_name,
        MEISHI_S3_BUCKET=bucket,
        MEISHI_S3_ENDPOINT_URL=endpoint,
        MEISHI_SCAN_LEASE_SECONDS=LEASE,
        MEISHI_OCR_ENGINE="tesseract",  # plain generated cards: the second engine would only cost time
        MEISHI_OCR_LANG="eng",
        MEISHI_LOG_FORMAT="json",
    )
    processes: list[subprocess.Popen[bytes]] = []
    apis = []
    try:
        for index, workers in enumerate((2, 1)):
            port, log = free_port(), tmp_path / f"api-{index}.log"
            api_env = {**env, "MEISHI_DATA_DIR": str(tmp_path / f"api-{index}")}  # machines share no disk
            args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
            processes.append(start(args, api_env, tmp_path, log))
            apis.append((f"http://127.0.0.1:{port}", processes[-1], log))
        worker_ports = [free_port(), free_port()]
        workers = [
            start(
                ["worker"],
                {**env, "MEISHI_DATA_DIR": str(tmp_path / f"w-{i}"), "MEISHI_WORKER_METRICS_PORT": str(port)},
                tmp_path,
                tmp_path / f"worker-{i}.log",
            )
            for i, port in enumerate(worker_ports)
        ]
        processes.extend(workers)
        for base_url, process, log in apis:
            wait_until_serving(base_url, process, log, timeout=60)
        yield {
            "apis": [base_url for base_url, _p, _l in apis],
            "workers": workers,
            "worker_ports": worker_ports,
            "worker_logs": [tmp_path / "worker-0.log", tmp_path / "worker-1.log"],
            "redis": Redis.from_url(reachable_redis),
            "queue_name": queue_name,
            "bucket": bucket,
        }
    finally:
        for process in processes:
            kill(process)
        Queue(queue_name, connection=Redis.from_url(reachable_redis)).delete(delete_jobs=True)


def _current_job_of(redis: Redis, queue_name: str, pid: int) -> str | None:
    for worker in Worker.all(queue=Queue(queue_name, connection=redis)):
        if worker.pid == pid:
            return worker.get_current_job_id()
    return None


def _status(sessions, scan_id: uuid.UUID) -> str:
    with sessions() as session:
        return session.get(Scan, scan_id).status


def _metric_total(body: str, name: str, **labels: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def test_two_apis_two_workers_a_killed_worker_and_no_scan_lost_or_doubled(cluster, pg_engine, object_store):
    sessions = sessionmaker(bind=pg_engine)
    with sessions() as session:
        user = create_user(session, "several@example.com", PASSWORD)
        session.commit()
        user_id = user.id
    first_api = cluster["apis"][0]
    token = httpx.post(
        f"{first_api}/v1/auth/token", data={"username": "several@example.com", "password": PASSWORD}
    ).json()["access_token"]
    clients = [
        httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        for url in cluster["apis"]
    ]

    accepted: dict[str, str] = {}  # scan id -> the request id it was uploaded under
    for number in range(SCANS):
        request_id = f"several-{number:03d}"
        response = clients[number % 2].post(
            "/v1/scans?mode=async",
            content=small_card(number),
            headers={"Content-Type": "image/jpeg", "X-Request-ID": request_id},
        )
        assert response.status_code == 202, response.text
        assert response.headers["X-Request-ID"] == request_id
        accepted[response.json()["id"]] = request_id
    assert len(accepted) == SCANS

    def unfinished() -> int:
        with sessions() as session:
            return session.scalar(
                select(func.count()).where(Scan.user_id == user_id, Scan.status.in_(("queued", "processing")))
            )

    # Late in the run (so both workers share most of it), SIGKILL the first worker while it reads a card:
    # work horse included, no clean-up of any kind runs.
    doomed = cluster["workers"][0]
    killed_during: uuid.UUID | None = None
    deadline = time.monotonic() + 540  # a quiet 2-core machine needs well under a minute
    while killed_during is None and time.monotonic() < deadline:
        job = _current_job_of(cluster["redis"], cluster["queue_name"], doomed.pid)
        if job and unfinished() <= SCANS * 0.4:
            scan_id = uuid.UUID(job.removeprefix("scan-"))
            if _status(sessions, scan_id) == "processing":  # claimed: the worker is reading it now
                kill(doomed)
                killed_during = scan_id
        time.sleep(0.01)
    assert killed_during, "the first worker was never seen reading"
    # It stays 'processing' (nobody finishes it) until its lease lapses; rarely it finished just in time.
    status_when_killed = _status(sessions, killed_during)

    while (left := unfinished()) and time.monotonic() < deadline:
        time.sleep(0.25)
    logs = "\n".join(log.read_text()[-2000:] for log in cluster["worker_logs"])
    assert left == 0, f"{left} scans never finished\n{logs}"

    with sessions() as session:
        scans = session.scalars(select(Scan).where(Scan.user_id == user_id)).all()
        contacts = session.scalars(select(Contact).where(Contact.user_id == user_id)).all()
    assert {str(scan.id) for scan in scans} == set(accepted)
    assert [scan.status for scan in scans].count("done") == SCANS, [s.error_code for s in scans]
    assert len(contacts) == SCANS, "one contact per scan"
    assert len({contact.source_scan_id for contact in contacts}) == SCANS, "no scan made two contacts"
    if status_when_killed == "processing":
        (again,) = [scan for scan in scans if scan.id == killed_during]
        assert again.attempts == 2, "the killed worker's scan was read again by the other worker"
    # Each contact came from its own upload's card (OCR may slip on a digit, so most, not all, match).
    expected = {scan_id: address(int(rid.rsplit("-", 1)[1])) for scan_id, rid in accepted.items()}
    own = sum(expected[str(c.source_scan_id)] in c.emails for c in contacts)
    assert own >= SCANS * 0.8, [c.emails for c in contacts]

    # The images went to the object store over HTTP, none to a local disk.
    s3 = object_store[2]
    stored = s3.list_objects_v2(Bucket=cluster["bucket"], Prefix=f"users/{user_id}/")["KeyCount"]
    assert stored >= 2 * SCANS  # the photo and the flattened card of each scan

    # The request id of each upload followed its scan into the worker's JSON log lines.
    survivor_log = cluster["worker_logs"][1].read_text().splitlines()
    records = [json.loads(line) for line in survivor_log if line.startswith("{")]
    reading = {
        r["message"].split()[2]: r["request_id"] for r in records if r["message"].startswith("reading scan")
    }
    assert reading, "\n".join(survivor_log[-20:])
    # Re-queued scans (the killed worker's among them) keep the id of their upload.
    assert all(accepted[scan_id] == rid for scan_id, rid in reading.items()), reading

    # /metrics of the two-process API adds up both processes' requests (multiprocess mode).
    body = httpx.get(f"{first_api}/metrics").text
    uploads = _metric_total(
        body, "meishi_http_request_duration_seconds_count", route="/v1/scans", status="202"
    )
    assert uploads == SCANS / 2
    survivor_metrics = httpx.get(f"http://127.0.0.1:{cluster['worker_ports'][1]}/metrics").text
    assert _metric_total(survivor_metrics, "meishi_scans_total", outcome="done") >= SCANS / 2
    assert (
        _metric_total(survivor_metrics, "meishi_ocr_stage_duration_seconds_count", stage="total") >= SCANS / 2
    )
