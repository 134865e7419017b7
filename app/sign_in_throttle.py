"""Failed sign-ins are counted, and past a limit refused for a while, so a password cannot be guessed at the
speed of the network.

The counting is the `limits` library's (a moving window): in this process's memory on one machine, in Redis
when API processes run on several machines (MEISHI_RATE_LIMIT_URL; the queue's Redis by default).

Failures count per account and client together: a stranger hammering someone's email from elsewhere locks
only themselves out, never the owner. They also count per client over all accounts, with a larger allowance;
past it the client may no longer retry any account it has already failed on, while an account it has not
tried still gets its password checked: one client (or many people behind one office address) trying many
accounts is slowed to one guess an account, and a colleague's correct password on the same address still
works. The client is the address the server sees; behind a reverse proxy that is the proxy's, unless the
proxy is trusted to forward the real one (MEISHI_FORWARDED_ALLOW_IPS). A success clears its account's count.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.errors import DependencyUnavailable, ErrorCode, TooManyRequests


@contextmanager
def _store_errors_as_503() -> Iterator[None]:
    try:
        yield
    except StorageError as exc:
        raise DependencyUnavailable("sign-in limit store (Redis)") from exc


CONNECT_TIMEOUT_S = 2
PER_CLIENT_FACTOR = 5  # a client may fail this many times the per-account allowance, over all accounts
NAMESPACE = "meishi-sign-in"


class SignInThrottle:
    def __init__(self, limit: str, storage_url: str) -> None:
        self.per_account: RateLimitItem = parse(limit)
        self.per_client: RateLimitItem = type(self.per_account)(
            self.per_account.amount * PER_CLIENT_FACTOR, self.per_account.multiples
        )
        options: dict[str, object] = {"wrap_exceptions": True}
        if storage_url.startswith(("redis://", "rediss://")):
            options["socket_connect_timeout"] = CONNECT_TIMEOUT_S
        self.storage = storage_from_string(storage_url, **options)
        self.limiter = MovingWindowRateLimiter(self.storage)

    def check(self, account: str, client: str) -> None:
        """TooManyRequests (with Retry-After) when this client failed too often on this account, or failed
        too often over all accounts and this is one of them. DependencyUnavailable (503) when the store of
        counts is down: sign-in is refused rather than left unlimited."""
        with _store_errors_as_503():
            self._check(account, client)

    def failed(self, account: str, client: str) -> None:
        with _store_errors_as_503():
            for item, keys in self._counters(account, client):
                self.limiter.hit(item, *keys)

    def succeeded(self, account: str, client: str) -> None:
        item, keys = self._counters(account, client)[0]
        with _store_errors_as_503():
            self.limiter.clear(item, *keys)

    def _check(self, account: str, client: str) -> None:
        (account_item, account_keys), (client_item, client_keys) = self._counters(account, client)
        if not self.limiter.test(account_item, *account_keys):
            raise self._refusal(account_item, account_keys)
        failed_here = (
            self.limiter.get_window_stats(account_item, *account_keys).remaining < account_item.amount
        )
        if failed_here and not self.limiter.test(client_item, *client_keys):
            raise self._refusal(client_item, client_keys)

    def _refusal(self, item: RateLimitItem, keys: tuple[str, ...]) -> TooManyRequests:
        reset = self.limiter.get_window_stats(item, *keys).reset_time
        return TooManyRequests(
            "Too many failed sign-ins; try again later.",
            code=ErrorCode.TOO_MANY_SIGN_IN_ATTEMPTS,
            headers={"Retry-After": str(max(1, math.ceil(reset - time.time())))},
        )

    def _counters(self, account: str, client: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
        return [
            (self.per_account, (NAMESPACE, "account", account.strip().lower(), client)),
            (self.per_client, (NAMESPACE, "client", client)),
        ]
