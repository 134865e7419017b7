"""GET /metrics: Prometheus text format. Off with MEISHI_METRICS_ENABLED=false; behind a bearer token
with MEISHI_METRICS_TOKEN (see docs/operations.md)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Header, Response
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from app.deps import StateDep
from app.errors import NotFound, Unauthorized, error_responses
from app.observability.metrics import CONTENT_TYPE, exposition
from app.state import ServiceState
from models import Scan

router = APIRouter(tags=["health"])


class QueueDepth(Collector):
    """Scans waiting for a reader and being read, counted at scrape time from the database (the truth in
    both the embedded and the queue mode), plus the RQ queue's length in queue mode."""

    def __init__(self, state: ServiceState) -> None:
        self._state = state

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily(
            "meishi_scan_queue_depth",
            "Scans not yet read, by status (queued, processing).",
            labels=["status"],
        )
        with self._state.sessions() as session:
            counts = dict(
                session.execute(
                    select(Scan.status, func.count())
                    .where(Scan.status.in_(("queued", "processing")))
                    .group_by(Scan.status)
                ).all()
            )
        for status in ("queued", "processing"):
            depth.add_metric([status], counts.get(status, 0))
        yield depth
        scans = self._state.scans
        runner = getattr(scans, "runner", None)
        jobs = getattr(runner, "waiting_jobs", None)
        if jobs is not None:
            try:
                waiting = jobs()
            except Exception:  # Redis away: the scrape still answers, without this gauge
                return
            yield GaugeMetricFamily(
                "meishi_rq_queue_jobs", "Jobs waiting in the RQ scan queue.", value=waiting
            )


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE: {}}, "description": "Prometheus text exposition format"},
        **error_responses(401, 404),
    },
)
def metrics(
    state: StateDep,
    authorization: Annotated[str | None, Header(description="`Bearer <MEISHI_METRICS_TOKEN>`")] = None,
) -> Response:
    """Service metrics for Prometheus: HTTP latency, scans by outcome, OCR stage durations, queue depth,
    webhook deliveries."""
    settings = state.settings
    if not settings.metrics_enabled:
        raise NotFound("Metrics are turned off on this server.")
    if settings.metrics_token and not secrets.compare_digest(
        (authorization or "").encode(), f"Bearer {settings.metrics_token}".encode()
    ):
        raise Unauthorized("Metrics need the metrics token.", headers={"WWW-Authenticate": "Bearer"})
    return Response(exposition([QueueDepth(state)]), media_type=CONTENT_TYPE)
