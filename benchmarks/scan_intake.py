"""Scan intake figures through the real API (embedded mode, in-process, throw-away SQLite):

    python -m benchmarks.scan_intake --count 40

prints the latency of one synchronous upload (the "feels instant" case), then how long a stack of `count`
generated card photos takes from an async batch upload to the last draft contact, and what happens when the
same stack arrives as parallel synchronous uploads (how many were read, how many were told 503 + Retry-After).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from app.db import unit_of_work
from app.main import create_app
from app.settings import Settings
from app.users.service import create_user
from benchmarks.generate import generate_card


def _wait_all(client: TestClient, headers: dict[str, str], ids: list[str]) -> dict[str, str]:
    statuses: dict[str, str] = {}
    while len(statuses) < len(ids):
        for scan_id in ids:
            if scan_id not in statuses:
                status = client.get(f"/v1/scans/{scan_id}", headers=headers).json()["status"]
                if status in ("done", "failed"):
                    statuses[scan_id] = status
        time.sleep(0.2)
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2, help="MEISHI_OCR_WORKERS")
    args = parser.parse_args()
    photos = [generate_card(seed=4, index=i).image for i in range(args.count)]
    data_dir = Path(tempfile.mkdtemp(prefix="meishi-intake-"))
    settings = Settings(data_dir=data_dir, ocr_workers=args.workers, _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings)
    with TestClient(app) as client:
        with unit_of_work(app.state.meishi.sessions) as session:
            create_user(session, "bench@example.com", "correct horse battery")
        token = client.post(
            "/v1/auth/token", data={"username": "bench@example.com", "password": "correct horse battery"}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        raw = {**headers, "Content-Type": "image/jpeg"}

        latencies = []
        for photo in photos[:3]:
            started = time.perf_counter()
            assert client.post("/v1/scans", content=photo, headers=raw).status_code == 201
            latencies.append(time.perf_counter() - started)
        median = statistics.median(latencies)
        print(
            f"sync upload, one card: median {median:.2f} s over {len(latencies)} (the first starts the pool)"
        )

        files = [("image", (f"{i}.jpg", photo, "image/jpeg")) for i, photo in enumerate(photos)]
        started = time.perf_counter()
        accepted = client.post("/v1/scans?mode=async", files=files, headers=headers)
        answered = time.perf_counter() - started
        ids = [item["id"] for item in accepted.json()["items"]]
        statuses = _wait_all(client, headers, ids)
        total = time.perf_counter() - started
        done = sum(status == "done" for status in statuses.values())
        print(
            f"async batch of {len(ids)}: 202 after {answered:.2f} s, all read after {total:.1f} s "
            f"({len(ids) / total * 60:.0f} cards/min with {args.workers} reader processes), {done} done"
        )

        def upload(photo: bytes) -> int:
            return client.post("/v1/scans", content=photo, headers=raw).status_code

        started = time.perf_counter()
        with ThreadPoolExecutor(len(photos)) as pool:
            codes = list(pool.map(upload, photos))
        print(
            f"{len(photos)} parallel sync uploads: {codes.count(201)} read (201), {codes.count(503)} refused "
            f"(503 + Retry-After), other {len(codes) - codes.count(201) - codes.count(503)}, "
            f"in {time.perf_counter() - started:.1f} s"
        )


if __name__ == "__main__":
    main()
