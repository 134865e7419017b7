"""The request id of the work in hand, carried from the HTTP request into the queue worker's job."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_OPTION = "request_id"  # where a scan keeps the request id of its upload (Scan.options)
# A client's own id is kept when it is short and plain (it ends up in logs and job metadata).
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

request_id: ContextVar[str | None] = ContextVar("meishi_request_id", default=None)


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_request_id(candidate: str | None) -> str:
    """The client's X-Request-ID when it is acceptable, else a fresh one."""
    if candidate and _ACCEPTABLE.match(candidate):
        return candidate
    return new_request_id()


@contextmanager
def working_for(rid: str | None) -> Iterator[None]:
    """Log under `rid` for the duration (a scan being read for the request that uploaded it)."""
    token = request_id.set(rid or request_id.get())
    try:
        yield
    finally:
        request_id.reset(token)
