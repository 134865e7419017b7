"""Bounded load on the scan intake: sustained cards/s, end-to-end p50/p95, 503 share and lost scans, for
the embedded reader pool and for queue mode with 1 and 2 workers.

    python -m benchmarks.load                       # all three set-ups, prints and writes results/load.json
    python -m benchmarks.load --docs-only           # re-render docs/benchmarks/load.md from the JSON

Each set-up gets a real `meishi serve` (and `meishi worker`s) on 127.0.0.1 only. An httpx async client
offers `--cards` synchronous uploads at `--rate` cards/s (open loop: arrivals do not wait for answers);
a 503 is retried after its Retry-After until the card is read or the time cap ends the run. A card counts
as read when its scan is done; a scan the server accepted but never finished counts as lost. The run
stops by itself at `--cap` seconds per set-up. Target on a 2-core machine: >= 2 cards/s with none lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
from redis import Redis
from rq import Queue
from sqlalchemy import func, select

from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.users.service import create_user
from benchmarks.cards import card_photo
from benchmarks.report import current_commit, render_table, stamp, write_docs
from benchmarks.services import Process, clean_env, load_average, postgresql_database, serve
from models import Scan

RESULTS = Path(__file__).resolve().parent / "results" / "load.json"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks" / "load.md"
PASSWORD = "correct horse battery"
SETUPS = ("embedded", "queue-1-worker", "queue-2-workers")


async def _one_card(http: httpx.AsyncClient, photo: bytes, deadline: float, out: dict[str, Any]) -> None:
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        try:
            response = await http.post(
                "/v1/scans",
                content=photo,
                headers={"Content-Type": "image/jpeg"},
                timeout=max(deadline - time.perf_counter(), 1),
            )
        except httpx.HTTPError as exc:
            out["errors"].append(type(exc).__name__)
            return
        if response.status_code == 503:
            out["refused"] += 1
            await asyncio.sleep(min(float(response.headers.get("Retry-After", "1")), 5))
            continue
        out["answers"] += 1
        if response.status_code in (200, 201, 202):
            body = response.json()
            out["accepted"].append(body["id"])
            if body.get("status") == "done":
                out["latencies"].append(time.perf_counter() - started)
        else:
            out["errors"].append(response.status_code)
        return


async def _offer(base_url: str, token: str, cards: int, rate: float, cap: float) -> dict[str, Any]:
    photos = [card_photo(i) for i in range(cards)]
    out: dict[str, Any] = {"accepted": [], "latencies": [], "refused": 0, "answers": 0, "errors": []}
    limits = httpx.Limits(max_connections=cards, max_keepalive_connections=cards)
    started = time.perf_counter()
    deadline = started + cap
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, limits=limits
    ) as http:
        tasks = []
        for i, photo in enumerate(photos):
            await asyncio.sleep(max(0.0, started + i / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(_one_card(http, photo, deadline, out)))
        await asyncio.gather(*tasks)
    out["wall_s"] = time.perf_counter() - started
    return out


def _settle(sessions: Any, drain_cap: float) -> tuple[dict[str, int], float]:
    """After the offered load: let the readers finish what was accepted (until nothing is left, or nothing
    finished for a minute, or `drain_cap` s); then count done, failed and still unfinished."""
    started = last_progress = time.monotonic()
    finished_before = -1
    while True:
        with sessions() as session:
            counts = {
                k: int(v) for k, v in session.execute(select(Scan.status, func.count()).group_by(Scan.status))
            }
        finished = counts.get("done", 0) + counts.get("failed", 0)
        if finished != finished_before:
            finished_before, last_progress = finished, time.monotonic()
        now = time.monotonic()
        if not counts.get("queued") and not counts.get("processing"):
            return counts, now - started
        if now - last_progress > 60 or now - started > drain_cap:
            return counts, now - started
        time.sleep(0.5)


def run_setup(name: str, scratch: Path, url: str, redis_url: str, args: argparse.Namespace) -> dict[str, Any]:
    engine = make_engine(url)
    upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        create_user(session, f"{name}@example.com", PASSWORD)
    queue_name = f"meishi-load-{name}"
    with ExitStack() as stack:
        env = clean_env(
            DATABASE_URL=url,
            MEISHI_DATA_DIR=str(scratch),
            MEISHI_SECRET_KEY="benchmark-" + "k" * 40,
            MEISHI_OCR_WORKERS="2",
            MEISHI_SYNC_WAIT_SECONDS=str(args.cap),
        )
        workers = {"embedded": 0, "queue-1-worker": 1, "queue-2-workers": 2}[name]
        if workers:
            env.update(MEISHI_QUEUE_URL=redis_url, MEISHI_QUEUE_NAME=queue_name)
        server, base_url = serve(env, Path(scratch) / "server.log")
        stack.callback(server.stop)
        for i in range(workers):
            worker = Process(["worker"], env, Path(scratch) / f"worker-{i}.log")
            stack.callback(worker.stop)
        if workers:
            stack.callback(
                lambda: Queue(queue_name, connection=Redis.from_url(redis_url)).delete(delete_jobs=True)
            )
        token = httpx.post(
            f"{base_url}/v1/auth/token", data={"username": f"{name}@example.com", "password": PASSWORD}
        ).json()["access_token"]
        # One card first, not counted: reader processes start (and load their models) on first use.
        httpx.post(
            f"{base_url}/v1/scans",
            content=card_photo(10_000),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "image/jpeg"},
            timeout=args.cap,
        ).raise_for_status()
        load_before = load_average()
        out = asyncio.run(_offer(base_url, token, args.cards, args.rate, args.cap))
        statuses, drain_s = _settle(sessions, drain_cap=args.cap * 2)
    engine.dispose()
    latencies = sorted(out["latencies"])
    done = statuses.get("done", 0)  # includes the warm-up card
    attempts = out["answers"] + out["refused"]
    return {
        "setup": name,
        "cards_offered": args.cards,
        "offered_rate": args.rate,
        "read": done - 1,  # less the warm-up card
        "failed": statuses.get("failed", 0),
        "drain_s": round(drain_s, 1),  # reading what was accepted after the offered load ended
        # Stored scans never finished even after the drain, or answered as accepted but not stored.
        "lost": statuses.get("queued", 0)
        + statuses.get("processing", 0)
        + max(0, len(out["accepted"]) + 1 - sum(statuses.values())),
        "not_accepted": args.cards - len(out["accepted"]),
        "cards_per_s": round((done - 1) / out["wall_s"], 2) if out["wall_s"] else 0.0,
        "p50_s": round(statistics.median(latencies), 2) if latencies else None,
        "p95_s": round(latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))], 2)
        if latencies
        else None,
        "share_503": round(out["refused"] / attempts, 3) if attempts else 0.0,
        "errors": out["errors"][:10],
        "wall_s": round(out["wall_s"], 1),
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }


def table(results: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            r["setup"],
            f"{r['cards_offered']} at {r['offered_rate']}/s",
            r["cards_per_s"],
            r["p50_s"],
            r["p95_s"],
            f"{r['share_503']:.1%}",
            r["lost"],
            r["not_accepted"],
            r["failed"],
            r["wall_s"],
            r.get("drain_s", ""),
            " / ".join(str(x) for x in r["load_average_before"]),
        )
        for r in results["setups"]
    ]


HEADER = (
    "set-up",
    "offered",
    "cards/s read",
    "p50 s",
    "p95 s",
    "503 share",
    "lost",
    "no answer by the cap",
    "failed",
    "wall s",
    "drain s",
    "load avg before",
)


def docs(results: dict[str, Any]) -> str:
    busy = any(r["load_average_before"][0] > 2 for r in results["setups"])
    return "\n".join(
        [
            "# Scan load (2-core machine)",
            "",
            "Generated by `python -m benchmarks.load` from `benchmarks/results/load.json`; do not edit.",
            "Synchronous uploads of generated card photos offered at a fixed rate to a real `meishi serve`",
            "(embedded: SQLite and a pool of 2 readers; queue mode: PostgreSQL, Redis, `meishi worker`s);",
            "end-to-end = upload to read contact, including 503 waits; a 503 is retried after Retry-After",
            "until the time cap; then the readers drain what was accepted. 'No answer by the cap': refused",
            "until the cap, or still waiting for its reading then (that scan is stored and read: not lost).",
            "'Lost': a stored scan not read even after the drain. Target: >= 2 cards/s, none lost.",
            "",
            render_table(HEADER, table(results)),
            "",
            f"Measured {results['measured_at']} at commit {results['commit']}."
            + (
                " The machine was shared with other jobs (see the load averages): figures are pessimistic."
                if busy
                else ""
            ),
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=60)
    parser.add_argument("--rate", type=float, default=2.5, help="cards offered per second")
    parser.add_argument("--cap", type=float, default=150, help="seconds each set-up may run at most")
    parser.add_argument("--setups", nargs="*", default=list(SETUPS), choices=SETUPS)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--docs-only", action="store_true")
    args = parser.parse_args()
    if not args.docs_only:
        commit = current_commit()
        setups = []
        for name in args.setups:
            with tempfile.TemporaryDirectory(prefix=f"meishi-load-{name}-") as scratch:
                if name == "embedded":  # the embedded default: SQLite in the data directory
                    url = f"sqlite:///{Path(scratch) / 'meishi.db'}"
                    setups.append(run_setup(name, Path(scratch), url, args.redis_url, args))
                else:
                    with postgresql_database() as url:
                        setups.append(run_setup(name, Path(scratch), url, args.redis_url, args))
            print(json.dumps(setups[-1]))
        if RESULTS.exists() and set(args.setups) != set(SETUPS):  # a partial re-run keeps the others
            kept = [r for r in json.loads(RESULTS.read_text())["setups"] if r["setup"] not in args.setups]
            setups = sorted(kept + setups, key=lambda r: SETUPS.index(r["setup"]))
        results = stamp({"setups": setups}, commit)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    results = json.loads(RESULTS.read_text())
    write_docs(DOCS, docs(results))
    print(render_table(HEADER, table(results)))
    print(f"wrote {RESULTS} and {DOCS}")


if __name__ == "__main__":
    main()
