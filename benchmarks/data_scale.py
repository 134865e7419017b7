"""Scale of data on PostgreSQL: one account with 100,000 contacts, through a real `meishi serve`.

    python -m benchmarks.data_scale                 # measure, print, write results/data_scale.json + docs
    python -m benchmarks.data_scale --docs-only     # re-render docs/benchmarks/data-scale.md from the JSON

Measures the p50/p95 of listing pages and of searching (`q=`), the time and the server's peak memory of
streaming the vCard and CSV exports of all 100,000, and the time to import 10,000 vCards into the same
account (each checked against its 100,000 contacts for duplicates). Targets: list and search p95 <= 50 ms,
exports in constant memory, import under 60 s. A throw-away database on the local PostgreSQL
(MEISHI_BENCH_PG_ADMIN, default postgresql://postgres@127.0.0.1:5432/test); loopback only.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert

from app.companies.names import company_key
from app.contacts import match_keys
from app.db import make_engine, make_session_factory, unit_of_work, upgrade_to_head
from app.users.service import create_user
from benchmarks.report import render_table, write_docs
from benchmarks.services import clean_env, load_average, postgresql_database, serve
from models import Contact, ContactMatchKey, FollowUp

RESULTS = Path(__file__).resolve().parent / "results" / "data_scale.json"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks" / "data-scale.md"
PASSWORD = "correct horse battery"
FIRST = ["Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kira",
         "Liam", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Wen", "Aiko",
         "Bruno", "Carla", "Dmitri", "Emma", "Felix", "Gita", "Hugo", "Ivo", "Julia", "Karim", "Lea",
         "Marco", "Nora", "Oskar", "Priya", "Rafael", "Sofia"]  # fmt: skip
SYLLABLES = ["ka", "lo", "mer", "ta", "ven", "ri", "sol", "an", "dor", "bel", "ni", "gra", "tu", "ost",
             "le", "mar", "fi", "zen", "co", "har", "pe", "lin", "ru", "vik", "sa", "mo", "ber", "dal",
             "ie", "wen"]  # fmt: skip
SUFFIXES = ["Labs", "Logistics", "Foods", "Systems", "Media", "Health", "Energy", "Partners"]
TITLES = ["Engineer", "Sales Manager", "Director", "Designer", "Buyer", "Consultant", "Founder", "Analyst"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def search_terms(rows: list[dict[str, Any]]) -> dict[str, str]:
    """What a user types, taken from the data: rare terms (one surname, one company, one address) and
    broad ones (a first name, a job title, a year in the notes), and one that matches nothing."""
    return {
        "a surname": rows[500]["family_name"].lower(),
        "a company": rows[700]["company"].lower(),
        "part of an email address": rows[900]["emails"][0].split("@")[0][-9:],
        "a first name (broad)": rows[100]["given_name"].lower(),
        "a job title (broad)": "designer",
        "a year in the notes (broad)": "expo 2026",
        "nothing": "zzzq-nothing",
    }


def _contact_rows(user_id: uuid.UUID, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), _word(rng, 3)  # ~27,000 surnames, as in a real address book
        company = f"{_word(rng, 2)} {rng.choice(SUFFIXES)}"
        domain = company.lower().replace(" ", "") + ".com"
        rows.append(
            {
                "id": uuid.uuid4(),
                "user_id": user_id,
                "name": f"{first} {last}",
                "given_name": first,
                "family_name": last,
                "title": rng.choice(TITLES),
                "company": company,
                "company_key": company_key(company),
                "emails": [f"{first.lower()}.{last.lower()}{i}@{domain}"],
                "phones": [{"number": f"+1212555{i % 10000:04d}", "kind": "work"}],
                "websites": [f"https://{domain}"],
                "social": {},
                "confidence": {},
                "notes": f"Met at Expo {2020 + i % 7}" if i % 3 == 0 else None,
                "status": "confirmed",
                "version": 1,
                "created_at": start + timedelta(minutes=i),
                "updated_at": start + timedelta(minutes=i),
            }
        )
    return rows


def load_contacts(url: str, count: int) -> tuple[str, float, dict[str, str]]:
    """A user with `count` contacts (and their follow-ups and duplicate-check keys), bulk-inserted."""
    engine = make_engine(url)
    upgrade_to_head(engine)
    email = "scale@example.com"
    with unit_of_work(make_session_factory(engine)) as session:
        user_id = create_user(session, email, PASSWORD).id
    started = time.perf_counter()
    terms: dict[str, str] = {}
    for offset in range(0, count, 10_000):
        rows = _contact_rows(user_id, min(10_000, count - offset), seed=offset)
        terms = terms or search_terms(rows)
        follow_ups = [
            {"id": uuid.uuid4(), "user_id": user_id, "contact_id": r["id"], "due_on": date(2026, 1, 1)}
            for r in rows
        ]
        keys = [
            {"contact_id": r["id"], "user_id": user_id, "kind": kind, "value": value}
            for r in rows
            for kind, value in match_keys.keys_for(
                emails=r["emails"], phones=r["phones"], name=r["name"], company_key=r["company_key"]
            )
        ]
        with engine.begin() as conn:
            conn.execute(insert(Contact), rows)
            conn.execute(insert(FollowUp), follow_ups)
            conn.execute(insert(ContactMatchKey), keys)
    # As autovacuum would have by then: statistics, and the visibility map that lets a count use the index.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    return email, time.perf_counter() - started, terms


def _timed(http: httpx.Client, path: str, repeat: int) -> dict[str, float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = http.get(path)
        seconds.append(time.perf_counter() - started)
        response.raise_for_status()
    return _percentiles(seconds)


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000, 1),
        "n": len(ordered),
    }


def _stream(http: httpx.Client, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = 0
    with http.stream("GET", path) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes():
            size += len(chunk)
    return time.perf_counter() - started, size


def _vcards(count: int) -> bytes:
    rng = random.Random(7)
    cards = []
    for i in range(count):
        first, last, company = rng.choice(FIRST), _word(rng, 3), f"{_word(rng, 2)} {rng.choice(SUFFIXES)}"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{first} {last}\r\nN:{last};{first};;;\r\nORG:{company}\r\nTITLE:{rng.choice(TITLES)}\r\n"
            f"EMAIL;TYPE=work:{first.lower()}.{last.lower()}.import{i}@example.org\r\n"
            f"TEL;TYPE=work:+44 20 7946 {i % 10000:04d}\r\nEND:VCARD\r\n"
        )
    return "".join(cards).encode()


def run(contacts: int, imports: int, repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {"contacts": contacts, "load_average_before": load_average()}
    with postgresql_database() as url, tempfile.TemporaryDirectory(prefix="meishi-scale-") as scratch:
        email, load_seconds, terms = load_contacts(url, contacts)
        results["bulk_load_s"] = round(load_seconds, 1)
        env = clean_env(DATABASE_URL=url, MEISHI_DATA_DIR=scratch, MEISHI_SECRET_KEY="benchmark-" + "k" * 40)
        server, base_url = serve(env, Path(scratch) / "server.log")
        try:
            token = httpx.post(
                f"{base_url}/v1/auth/token", data={"username": email, "password": PASSWORD}
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=base_url, headers=headers, timeout=600) as http:
                total = http.get("/v1/contacts?limit=1").json()["total"]
                assert total == contacts, total
                rng = random.Random(3)
                pages = [f"/v1/contacts?limit=50&offset={rng.randrange(0, 2000, 50)}" for _ in range(repeat)]
                for path in pages[:5]:  # warm-up
                    http.get(path)
                list_seconds = []
                for path in pages:
                    started = time.perf_counter()
                    http.get(path).raise_for_status()
                    list_seconds.append(time.perf_counter() - started)
                results["list"] = {
                    "path": "/v1/contacts?limit=50&offset=0..2000",
                    **_percentiles(list_seconds),
                }
                results["search"] = {}
                all_search = []
                for label, term in terms.items():
                    http.get("/v1/contacts", params={"q": term})  # warm-up
                    seconds = []
                    for _ in range(max(repeat // 4, 10)):
                        started = time.perf_counter()
                        http.get("/v1/contacts", params={"q": term, "limit": 50}).raise_for_status()
                        seconds.append(time.perf_counter() - started)
                    hits = http.get("/v1/contacts", params={"q": term, "limit": 1}).json()["total"]
                    results["search"][label] = {"q": term, "matches": hits, **_percentiles(seconds)}
                    all_search += seconds
                results["search_all_terms"] = _percentiles(all_search)
                results["healthz"] = _timed(http, "/healthz", repeat // 4)  # the floor: HTTP, no database

                rss_before = server.peak_rss_mb()
                vcf_seconds, vcf_bytes = _stream(http, "/v1/contacts/export.vcf")
                rss_after_vcf = server.peak_rss_mb()
                csv_seconds, csv_bytes = _stream(http, "/v1/contacts/export.csv")
                rss_after_csv = server.peak_rss_mb()
                results["export"] = {
                    "vcf": {"seconds": round(vcf_seconds, 1), "mb": round(vcf_bytes / 1e6, 1)},
                    "csv": {"seconds": round(csv_seconds, 1), "mb": round(csv_bytes / 1e6, 1)},
                    "server_peak_rss_mb": {
                        "before": round(rss_before, 1),
                        "after_vcf": round(rss_after_vcf, 1),
                        "after_csv": round(rss_after_csv, 1),
                    },
                }

                data = _vcards(imports)
                started = time.perf_counter()
                response = http.post(
                    "/v1/contacts/import", files={"file": ("contacts.vcf", data, "text/vcard")}
                )
                import_seconds = time.perf_counter() - started
                response.raise_for_status()
                summary = response.json()
                results["import"] = {
                    "cards": imports,
                    "seconds": round(import_seconds, 1),
                    "created": summary["created"],
                    "flagged": summary["flagged"],
                    "skipped": summary["skipped"],
                    "into_account_of": contacts,
                }
        finally:
            server.stop()
    results["load_average_after"] = load_average()
    return results


def table(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    export = results["export"]
    rss = export["server_peak_rss_mb"]
    rows = [
        (
            "list, 50 a page (p50 / p95)",
            f"{results['list']['p50_ms']} / {results['list']['p95_ms']} ms",
            "p95 <= 50 ms",
        ),
        (
            "search q= over all terms (p50 / p95)",
            f"{results['search_all_terms']['p50_ms']} / {results['search_all_terms']['p95_ms']} ms",
            "p95 <= 50 ms",
        ),
    ]
    for label, figures in results["search"].items():
        rows.append(
            (
                f"search {label}: `{figures['q']}` ({figures['matches']} matches)",
                f"{figures['p50_ms']} / {figures['p95_ms']} ms",
                "",
            )
        )
    rows.append(
        (
            "GET /healthz, the HTTP floor (p50 / p95)",
            f"{results['healthz']['p50_ms']} / {results['healthz']['p95_ms']} ms",
            "",
        )
    )
    rows += [
        ("vCard export of all", f"{export['vcf']['seconds']} s, {export['vcf']['mb']} MB", "streamed"),
        ("CSV export of all", f"{export['csv']['seconds']} s, {export['csv']['mb']} MB", "streamed"),
        (
            "server peak memory before / after vCard / after CSV",
            f"{rss['before']} / {rss['after_vcf']} / {rss['after_csv']} MB",
            "constant memory",
        ),
        (
            f"import {results['import']['cards']} vCards",
            f"{results['import']['seconds']} s ({results['import']['created']} created, "
            f"{results['import']['flagged']} flagged)",
            "< 60 s",
        ),
    ]
    return rows


def docs(results: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"# Data scale (PostgreSQL, one account with {results['contacts']:,} contacts)",
            "",
            "Generated by `python -m benchmarks.data_scale` from `benchmarks/results/data_scale.json`;",
            "do not edit by hand. Through a real `meishi serve` (one process) over loopback HTTP;",
            "times are the client's.",
            "",
            render_table(("what", "measured", "target"), table(results)),
            "",
            f"Measured {results['measured_at']} at commit {results['commit']}. Load average (1/5/15 min) "
            "before: "
            f"{results['load_average_before']}, after: {results['load_average_after']} on a 2-core machine"
            + (
                " shared with other jobs at the time: figures are pessimistic."
                if results["load_average_before"][0] > 2
                else "."
            ),
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--imports", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=200, help="requests per list figure (search: a quarter)"
    )
    parser.add_argument("--docs-only", action="store_true", help="only re-render the docs page from the JSON")
    args = parser.parse_args()
    if not args.docs_only:
        from benchmarks.report import current_commit, stamp

        commit = current_commit()
        results = stamp(run(args.contacts, args.imports, args.repeat), commit)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps(results, indent=2))
    results = json.loads(RESULTS.read_text())
    write_docs(DOCS, docs(results))
    print(render_table(("what", "measured", "target"), table(results)))
    print(f"wrote {RESULTS} and {DOCS}")


if __name__ == "__main__":
    main()
