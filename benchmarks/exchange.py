"""Times the contact-exchange paths on a growing account (SQLite, in-process TestClient):
vCard import in 1000-card batches, a duplicate check against every contact, /v1/companies, vCard export.

    .venv/bin/python -m benchmarks.exchange [--batches 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from app.db import unit_of_work
from app.main import create_app
from app.settings import Settings
from app.users.service import create_user

PASSWORD = "correct horse battery"


def cards(count: int, offset: int) -> bytes:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\nORG:Company {i % 300}\r\n"
        f"EMAIL:p{i}@c{i % 300}.example\r\nTEL;TYPE=WORK:+1 212 555 {i % 10000:04d}\r\nEND:VCARD\r\n"
        for i in range(offset, offset + count)
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batches", type=int, default=5)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="meishi-bench-"))
    settings = Settings(
        database_url=f"sqlite:///{data_dir / 'bench.db'}",
        data_dir=data_dir,
        secret_key="bench-secret-key-with-enough-length-for-hs256",
        _env_file=None,  # type: ignore[call-arg]
    )
    app = create_app(settings)
    with TestClient(app) as client:
        with unit_of_work(app.state.meishi.sessions) as session:
            create_user(session, "bench@example.com", PASSWORD)
        token = client.post("/v1/auth/token", data={"username": "bench@example.com", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        for batch in range(args.batches):
            started = time.perf_counter()
            files = {"file": ("cards.vcf", cards(1000, batch * 1000), "text/vcard")}
            summary = client.post("/v1/contacts/import", files=files, headers=headers).json()
            elapsed = time.perf_counter() - started
            print(f"import batch {batch + 1}: 1000 cards in {elapsed:.2f} s ({summary['created']} created)")
        total = args.batches * 1000
        started = time.perf_counter()
        for i in range(20):
            body = {"name": "Duplicate", "emails": [f"p{i}@c{i % 300}.example"]}
            assert client.post("/v1/contacts", json=body, headers=headers).json()["possible_duplicate_of"]
        each_ms = (time.perf_counter() - started) / 20 * 1000
        print(f"create + duplicate check among {total} contacts: {each_ms:.1f} ms each")
        started = time.perf_counter()
        found = client.get("/v1/companies", headers=headers).json()["total"]
        elapsed_ms = (time.perf_counter() - started) * 1000
        print(f"GET /v1/companies over {total + 20} contacts: {elapsed_ms:.0f} ms ({found} organisations)")
        started = time.perf_counter()
        size_kib = len(client.get("/v1/contacts/export.vcf", headers=headers).content) // 1024
        elapsed = time.perf_counter() - started
        print(f"GET /v1/contacts/export.vcf of {total + 20} contacts: {elapsed:.2f} s ({size_kib} KiB)")


if __name__ == "__main__":
    main()
