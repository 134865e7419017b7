"""What delta sync costs a phone: the first full sync of an account with 10,000 contacts, then a delta
after 10 edits (time and bytes on the wire, JSON as served).

    .venv/bin/python -m benchmarks.sync_cost [--contacts 10000] [--changes 10] [--page 500]
        [--no-postgresql] [--docs-only]

SQLite (a fresh file) and PostgreSQL (a throw-away database on the local server, MEISHI_BENCH_PG_ADMIN);
figures to benchmarks/results/sync_cost.json and docs/benchmarks/sync-cost.md.

The account is filled directly (contacts with one open follow-up each, as scans leave them), through the
same sessions as the service so the change log is written as in production. Requests go through the real
app in-process (no network), so the figures are server time plus serialisation.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.db import unit_of_work
from app.main import create_app
from app.settings import Settings
from app.users.service import create_user
from benchmarks.report import current_commit, render_table, stamp, write_docs
from benchmarks.services import load_average, postgresql_database
from models import Contact, FollowUp

PASSWORD = "benchmark password"
ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "sync_cost.json"
DOCS = ROOT / "docs" / "benchmarks" / "sync-cost.md"


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


def measure(database_url: str, contacts: int, changes: int, page: int) -> dict[str, Any]:
    """One account of `contacts` on `database_url`: the full sync, a delta after `changes` edits, an empty
    delta (seconds, bytes, pages)."""
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(
            data_dir=Path(data),
            database_url=database_url or f"sqlite:///{data}/bench.db",
            secret_key="benchmark-secret-key-long-enough-for-hs256",
            user_rate_limit="1000000/minute",
            _env_file=None,  # type: ignore[call-arg]
        )
        app = create_app(settings)
        email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
        started = time.perf_counter()
        _fill(app, email, contacts)
        backend = settings.resolved_database_url.split(":")[0].split("+")[0]
        print(f"filled {contacts} contacts in {time.perf_counter() - started:.1f} s ({backend})")
        figures: dict[str, Any] = {"database": backend}
        with TestClient(app) as http:
            token = http.post("/v1/auth/token", data={"username": email, "password": PASSWORD}).json()
            headers = {"Authorization": f"Bearer {token['access_token']}"}
            seconds, size, pages, cursor = _sync(http, headers, None, page)
            figures["full"] = {"seconds": round(seconds, 3), "bytes": size, "pages": pages}
            listed = http.get("/v1/contacts", params={"limit": changes}, headers=headers).json()
            for n, item in enumerate(listed["items"]):
                due = (date(2026, 12, 1) + timedelta(days=n)).isoformat()
                http.patch(
                    f"/v1/contacts/{item['id']}",
                    json={"title": f"Head of Research {n}", "follow_up_due_on": due},
                    headers=headers,
                ).raise_for_status()
            seconds, size, pages, cursor = _sync(http, headers, cursor, page)
            figures["delta"] = {"seconds": round(seconds, 4), "bytes": size, "pages": pages}
            seconds, size, pages, _ = _sync(http, headers, cursor, page)
            figures["empty"] = {"seconds": round(seconds, 4), "bytes": size, "pages": pages}
        print(json.dumps(figures))
        return figures


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB" if n >= 1e4 else f"{n} bytes"


def _time(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def docs(results: dict[str, Any]) -> str:
    runs = results["runs"]
    rows = []
    for key, label in (
        ("full", f"first full sync ({runs[0]['full']['pages']} pages)"),
        ("delta", f"delta after {results['changes']} edited contacts"),
        ("empty", "empty delta"),
    ):
        rows.append((label, *(f"{_time(r[key]['seconds'])}, {_size(r[key]['bytes'])}" for r in runs)))
    return "\n".join(
        [
            f"# Delta sync cost ({results['contacts']:,} contacts, pages of {results['page']})",
            "",
            "Generated by `python -m benchmarks.sync_cost` from `benchmarks/results/sync_cost.json`;",
            "do not edit by hand. Each contact has an open follow-up; requests go through the app in-process",
            "(server time and JSON serialisation, no network).",
            "",
            render_table(("", *(r["database"] for r in runs)), rows),
            "",
            f"Measured {results['measured_at']} at commit {results['commit']}; load average (1/5/15 min) "
            f"before: {results['load_average_before']}, after: {results['load_average_after']} on a 2-core "
            "machine"
            + (
                " shared with other jobs at the time: figures are upper bounds."
                if results["load_average_before"][0] > 2
                else "."
            ),
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--page", type=int, default=500)
    parser.add_argument("--no-postgresql", action="store_true", help="SQLite only")
    parser.add_argument("--docs-only", action="store_true", help="only re-render the docs page from the JSON")
    args = parser.parse_args()
    if not args.docs_only:
        commit = current_commit()
        before = load_average()
        runs = [measure("", args.contacts, args.changes, args.page)]
        if not args.no_postgresql:
            with postgresql_database() as url:
                runs.append(measure(url, args.contacts, args.changes, args.page))
        results = stamp(
            {
                "contacts": args.contacts,
                "changes": args.changes,
                "page": args.page,
                "runs": runs,
                "load_average_before": before,
                "load_average_after": load_average(),
            },
            commit,
        )
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    write_docs(DOCS, docs(json.loads(RESULTS.read_text("utf-8"))))
    print(f"wrote {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
