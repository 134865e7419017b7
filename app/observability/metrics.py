"""The service's Prometheus metrics, and the calls other domains make to record into them.

In a single process the default registry holds them. Where several processes serve one address
(`meishi serve --workers N`, RQ's forked work horses) prometheus_client's multiprocess mode is used: each
process writes its samples under PROMETHEUS_MULTIPROC_DIR and a scrape adds them up. The variable must be
set before this module is first imported (`meishi serve` and `meishi worker` see to it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.registry import Collector

from app.observability.multiproc import MULTIPROC_ENV

CONTENT_TYPE = CONTENT_TYPE_LATEST

HTTP_REQUEST_SECONDS = Histogram(
    "meishi_http_request_duration_seconds",
    "Time to answer an HTTP request, by method, route template and status code.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
SCANS = Counter(
    "meishi_scans_total",
    "Scans whose reading finished, by outcome: done, or the failure's error code.",
    ["outcome"],
)
OCR_STAGE_SECONDS = Histogram(
    "meishi_ocr_stage_duration_seconds",
    "Time spent in each stage of reading a card (the reader's own timings; 'total' is the whole read).",
    ["stage"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32),
)
WEBHOOK_DELIVERIES = Counter(
    "meishi_webhook_deliveries_total",
    "Webhook delivery attempts, by outcome (delivered, failed, retried, ...).",
    ["outcome"],
)


def record_scan_outcome(outcome: str, stage_seconds: Mapping[str, float] | None = None) -> None:
    """One finished scan: `outcome` is 'done' or its error code; `stage_seconds` the reader's timings."""
    SCANS.labels(outcome=outcome).inc()
    for stage, seconds in (stage_seconds or {}).items():
        OCR_STAGE_SECONDS.labels(stage=stage).observe(seconds)


def record_webhook_delivery(outcome: str) -> None:
    """For the webhook sender: call once per delivery attempt with a short fixed outcome word."""
    WEBHOOK_DELIVERIES.labels(outcome=outcome).inc()


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def exposition(extra: Iterable[Collector] = ()) -> bytes:
    """The text a scrape gets: this process's metrics, or every process's in multiprocess mode, plus
    `extra` collectors computed at scrape time (such as the queue depth)."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    scrape_time = CollectorRegistry(auto_describe=True)
    for collector in extra:
        scrape_time.register(collector)
    return body + generate_latest(scrape_time)


def multiprocess_registry() -> CollectorRegistry:
    """A registry adding up every process's samples (the worker's metrics server uses it)."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry
