"""Request limits per API key and per user, so one runaway script cannot starve the others.

Counted by the `limits` library with a sliding window: in this process's memory, or in Redis when several
API processes share the load (MEISHI_RATE_LIMIT_URL; the queue's Redis by default). Over the limit a
request answers 429 `rate_limited` with Retry-After.

When that store is down, requests go on unlimited (logged) rather than failing: the limits protect the
service, they are no reason to refuse reading one's own data. Sign-in, where a limit stops password guessing,
refuses instead (app/sign_in_throttle.py).
"""

from __future__ import annotations

import logging
import math
import time
import uuid

from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter

from app.errors import ErrorCode, TooManyRequests

NAMESPACE = "meishi-api"
CONNECT_TIMEOUT_S = 2
# After the store failed, requests skip it this long, so a down Redis does not slow every request.
STORE_RETRY_S = 10.0

log = logging.getLogger(__name__)


class RequestLimiter:
    def __init__(self, per_key: str, per_user: str, storage_url: str) -> None:
        self.per_key: RateLimitItem = parse(per_key)
        self.per_user: RateLimitItem = parse(per_user)
        options: dict[str, object] = {"wrap_exceptions": True}
        if storage_url.startswith(("redis://", "rediss://")):
            options["socket_connect_timeout"] = CONNECT_TIMEOUT_S
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage_url, **options))
        self._store_down_until = 0.0

    def hit(self, user_id: uuid.UUID, api_key_id: uuid.UUID | None) -> None:
        """Count one request; TooManyRequests (with Retry-After) when the key or the user is over. Never
        raises for a store that is down (see the module's docstring)."""
        if time.monotonic() < self._store_down_until:
            return
        try:
            self._count(user_id, api_key_id)
        except StorageError as exc:
            self._store_down_until = time.monotonic() + STORE_RETRY_S
            log.warning("request limits not counted for %.0f s: the store is down (%s)", STORE_RETRY_S, exc)

    def _count(self, user_id: uuid.UUID, api_key_id: uuid.UUID | None) -> None:
        counters = [(self.per_user, ("user", str(user_id)), "this account")]
        if api_key_id is not None:
            counters.insert(0, (self.per_key, ("key", str(api_key_id)), "this API key"))
        for item, keys, whose in counters:
            if not self.limiter.hit(item, NAMESPACE, *keys):
                reset = self.limiter.get_window_stats(item, NAMESPACE, *keys).reset_time
                raise TooManyRequests(
                    f"Too many requests for {whose} (limit {item}); slow down.",
                    code=ErrorCode.RATE_LIMITED,
                    details={"limit": str(item)},
                    headers={"Retry-After": str(max(1, math.ceil(reset - time.time())))},
                )
