"""Where webhooks may go (SSRF): only to public addresses unless the operator allows private ones.

The check runs when an endpoint is registered and again on every connection (the name may resolve
elsewhere by then): `GuardedBackend` resolves the host itself, refuses the connection when an address is
not public, and connects to the address it checked, so a second lookup cannot swap it (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(Exception):
    """The URL's host is not one webhooks may be sent to; the message says why."""


def is_public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int) -> list[IpAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedAddress(f"{host} does not resolve: {exc}") from exc
    # getaddrinfo gives IPv6 addresses with a %scope suffix for link-local ones.
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def refuse_private(host: str, addresses: Iterable[IpAddress]) -> None:
    blocked = sorted({str(a) for a in addresses if not is_public(a)})
    if blocked:
        raise RefusedAddress(
            f"{host} resolves to a non-public address ({', '.join(blocked)}); "
            "webhooks go to public addresses only (an operator may set MEISHI_WEBHOOKS_ALLOW_PRIVATE=true)."
        )


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse a URL that is not http(s), has no host, or (unless allowed) points at a private address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RefusedAddress("The URL must be an absolute http:// or https:// URL.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise RefusedAddress("The URL's port is not a number between 0 and 65535.") from exc
    addresses = resolve(parts.hostname, port)
    if not allow_private:
        refuse_private(parts.hostname, addresses)


class Deadline(threading.local):
    """When the request this thread is sending must be over (time.monotonic()), or None."""

    at: float | None = None

    def left(self, timeout: float | None, error: type[Exception]) -> float | None:
        """`timeout` cut to what is left before the deadline; `error` once it has passed."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the request took longer than its whole time limit")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the sending thread's deadline: per-read timeouts
    alone let a receiver that drips its answer a byte at a time hold a delivery for hours."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        bounded = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses that passed the check, with connections that
    end by `deadline`."""

    def __init__(self, *, allow_private: bool, deadline: Deadline | None = None) -> None:
        self._allow_private = allow_private
        self._deadline = deadline or Deadline()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        if not self._allow_private:
            refuse_private(host, addresses)
        # TLS still verifies the certificate against the URL's host name (httpcore passes it as SNI).
        bounded = self._deadline.left(timeout, httpcore.ConnectTimeout)
        stream = super().connect_tcp(str(addresses[0]), port, bounded, local_address, socket_options)
        return DeadlineStream(stream, self._deadline)
