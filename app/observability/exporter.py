"""The queue worker's own /metrics (its scans by outcome and OCR stage durations), on
MEISHI_WORKER_METRICS_PORT: workers have no HTTP server of their own to hang it on."""

from __future__ import annotations

from prometheus_client import start_http_server

from app.observability.metrics import multiprocess_registry


def serve_worker_metrics(port: int, host: str = "0.0.0.0") -> None:  # scraped from outside
    start_http_server(port, addr=host, registry=multiprocess_registry())
