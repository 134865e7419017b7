"""One pure ASGI middleware: the request id (X-Request-ID in and out) and the HTTP latency histogram.

Pure ASGI rather than BaseHTTPMiddleware so streamed responses (exports) are timed to their last byte and
never buffered."""

from __future__ import annotations

import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.observability.context import REQUEST_ID_HEADER, accepted_request_id, request_id
from app.observability.metrics import HTTP_REQUEST_SECONDS

UNMATCHED = "unmatched"  # one label for every path no route took, so scanners cannot blow up the series


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = accepted_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))
        token = request_id.set(rid)
        status = 500  # what the client gets when the app raises before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            # The router leaves the matched route in the scope: label by its template, never the raw path.
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            HTTP_REQUEST_SECONDS.labels(scope["method"], route, str(status)).observe(
                time.perf_counter() - started
            )
            request_id.reset(token)
