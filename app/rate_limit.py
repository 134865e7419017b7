"""Request limits per API key and per user, so one runaway script cannot starve the others.

Counted by the `limits` library with a sliding window: in this process's memory, or in Redis when several
API processes share the load (MEISHI_RATE_LIMIT_URL; the queue's Redis by default). Over the limit a
request answers 429 `rate_limited` with Retry-After. While that Redis is down requests are not counted
(logged): reading and editing contacts need only the database, and must not stop with the queue.
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

from app.errors import TooManyRequests

NAMESPACE = "meishi-api"
CONNECT_TIMEOUT_S = 2
log = logging.getLogger("meishi.rate_limit")


class RequestLimiter:
    def __init__(self, per_key: str, per_user: str, storage_url: str) -> None:
        self.per_key: RateLimitItem = parse(per_key)
        self.per_user: RateLimitItem = parse(per_user)
        options: dict[str, object] = {"wrap_exceptions": True}
        if storage_url.startswith(("redis://", "rediss://")):
            options["socket_connect_timeout"] = CONNECT_TIMEOUT_S
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage_url, **options))

    def hit(self, user_id: uuid.UUID, api_key_id: uuid.UUID | None) -> None:
        """Count one request; TooManyRequests (with Retry-After) when the key or the user is over."""
        try:
            self._hit(user_id, api_key_id)
        except StorageError:
            log.warning("request limits not counted: their store (Redis) is unavailable")

    def _hit(self, user_id: uuid.UUID, api_key_id: uuid.UUID | None) -> None:
        counters = [(self.per_user, ("user", str(user_id)), "this account")]
        if api_key_id is not None:
            counters.insert(0, (self.per_key, ("key", str(api_key_id)), "this API key"))
        for item, keys, whose in counters:
            if not self.limiter.hit(item, NAMESPACE, *keys):
                reset = self.limiter.get_window_stats(item, NAMESPACE, *keys).reset_time
                raise TooManyRequests(
                    f"Too many requests for {whose} (limit {item}); slow down.",
                    code="rate_limited",
                    details={"limit": str(item)},
                    headers={"Retry-After": str(max(1, math.ceil(reset - time.time())))},
                )
