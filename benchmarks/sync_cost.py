"""What delta sync costs a phone: the first full sync of an account with 10,000 contacts, then a delta
after 10 edits (time and bytes on the wire, JSON as served).

    .venv/bin/python -m benchmarks.sync_cost [--contacts 10000] [--changes 10] [--page 500]
        [--database-url postgresql+psycopg://...]

The account is filled directly (contacts with one open follow-up each, as scans leave them), through the
same sessions as the service so the change log is written as in production. Requests go through the real
app in-process (no network), so the figures are server time plus serialisation.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import unit_of_work
from app.main import create_app
from app.settings import Settings
from app.users.service import create_user
from models import Contact, FollowUp

PASSWORD = "benchmark password"


def _fill(app: FastAPI, email: str, contacts: int) -> None:
    sessions = app.state.meishi.sessions
    with unit_of_work(sessions) as session:
        user = create_user(session, email, PASSWORD)
        user_id = user.id
    batch = 1000
    for start in range(0, contacts, batch):
        with unit_of_work(sessions) as session:
            for n in range(start, min(start + batch, contacts)):
                contact = Contact(
                    user_id=user_id,
                    name=f"Person {n:05d}",
                    given_name="Person",
                    family_name=f"{n:05d}",
                    title="Reference Librarian",
                    company=f"Company {n % 700}",
                    emails=[f"person{n}@company{n % 700}.example"],
                    phones=[{"number": f"+1212555{n % 10000:04d}", "kind": "work"}],
                    websites=[f"https://company{n % 700}.example"],
                    address="476 Fifth Avenue, New York, NY 10018",
                    notes="Met at the expo; wants the catalogue.",
                    met_on=date(2026, 11, 1),
                )
                contact.follow_ups.append(FollowUp(user_id=user_id, due_on=date(2026, 11, 3)))
                session.add(contact)


def _sync(
    http: TestClient, headers: dict[str, str], cursor: str | None, page: int
) -> tuple[float, int, int, str]:
    """Pages until has_more is false: (seconds, bytes, pages, next cursor)."""
    started, size, pages = time.perf_counter(), 0, 0
    while True:
        params = {"limit": page, **({"cursor": cursor} if cursor else {})}
        response = http.get("/v1/sync", params=params, headers=headers)
        response.raise_for_status()
        size += len(response.content)
        pages += 1
        body = response.json()
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return time.perf_counter() - started, size, pages, cursor


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data:
        settings = Settings(
            data_dir=Path(data),
            database_url=args.database_url or f"sqlite:///{data}/bench.db",
            secret_key="benchmark-secret-key-long-enough-for-hs256",
            user_rate_limit="1000000/minute",
            _env_file=None,  # type: ignore[call-arg]
        )
        app = create_app(settings)
        email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        started = time.perf_counter()
        _fill(app, email, args.contacts)
        backend = settings.resolved_database_url.split(":")[0]
        print(f"filled {args.contacts} contacts in {time.perf_counter() - started:.1f} s ({backend})")
        with TestClient(app) as http:
            token = http.post("/v1/auth/token", data={"username": email, "password": PASSWORD}).json()
            headers = {"Authorization": f"Bearer {token['access_token']}"}
            seconds, size, pages, cursor = _sync(http, headers, None, args.page)
            print(f"full sync:  {seconds:6.2f} s  {size / 1e6:7.2f} MB  {pages} pages of {args.page}")

            ids = [
                c["id"]
                for c in http.get("/v1/contacts", params={"limit": args.changes}, headers=headers).json()[
                    "items"
                ]
            ]
            for n, contact_id in enumerate(ids):
                due = (date(2026, 12, 1) + timedelta(days=n)).isoformat()
                http.patch(
                    f"/v1/contacts/{contact_id}",
                    json={"title": f"Head of Research {n}", "follow_up_due_on": due},
                    headers=headers,
                ).raise_for_status()
            seconds, size, pages, cursor = _sync(http, headers, cursor, args.page)
            figures = f"{seconds * 1000:6.1f} ms  {size / 1e3:7.1f} kB  {pages} page(s)"
            print(f"delta ({len(ids)} changed contacts): {figures}")
            seconds, size, _, _ = _sync(http, headers, cursor, args.page)
            print(f"empty delta: {seconds * 1000:6.1f} ms  {size} bytes")


if __name__ == "__main__":
    main()
