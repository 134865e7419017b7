"""Failed sign-ins are counted, and past a limit refused for a while, so a password cannot be guessed at the
speed of the network.

The counting is the `limits` library's (a moving window): in this process's memory on one machine, in Redis
when API processes run on several machines (MEISHI_RATE_LIMIT_URL; the queue's Redis by default). Failures
count per account and client together, so a stranger hammering someone's email from elsewhere does not lock
its owner out, and per client alone with a larger allowance, so one client cannot try many accounts.
A success clears its account's count.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.errors import TooManyRequests

PER_CLIENT_FACTOR = 5  # a client may fail this many times the per-account allowance, over all accounts
NAMESPACE = "meishi-sign-in"


class SignInThrottle:
    def __init__(self, limit: str, storage_url: str) -> None:
        self.per_account: RateLimitItem = parse(limit)
        self.per_client: RateLimitItem = type(self.per_account)(
            self.per_account.amount * PER_CLIENT_FACTOR, self.per_account.multiples
        )
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url))

    def check(self, account: str, client: str) -> None:
        """TooManyRequests (with Retry-After) when this client failed too often, for this account or any."""
        for item, keys in self._counters(account, client):
            if not self.limiter.test(item, *keys):
                reset = self.limiter.get_window_stats(item, *keys).reset_time
                raise TooManyRequests(
                    "Too many failed sign-ins; try again later.",
                    code="too_many_sign_in_attempts",
                    headers={"Retry-After": str(max(1, math.ceil(reset - time.time())))},
                )

    def failed(self, account: str, client: str) -> None:
        for item, keys in self._counters(account, client):
            self.limiter.hit(item, *keys)

    def succeeded(self, account: str, client: str) -> None:
        item, keys = self._counters(account, client)[0]
        self.limiter.clear(item, *keys)

    def _counters(self, account: str, client: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
        return [
            (self.per_account, (NAMESPACE, "account", account.strip().lower(), client)),
            (self.per_client, (NAMESPACE, "client", client)),
        ]
