"""Signing (Standard Webhooks) and sending one HTTP request, with short timeouts and no redirects."""

from __future__ import annotations

import base64
import secrets
import ssl
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

import httpcore
from standardwebhooks.webhooks import Webhook

from app.webhooks.address import Deadline, GuardedBackend, RefusedAddress

SECRET_PREFIX = "whsec_"
USER_AGENT = "Meishi-Webhooks/1"
RESPONSE_BYTES_KEPT = 512  # of a failing receiver's answer, for the delivery log


def new_secret() -> str:
    """A Standard Webhooks secret: whsec_ + base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def message_id(delivery_id: uuid.UUID) -> str:
    """The `webhook-id`: the same for every attempt of one delivery, so receivers can de-duplicate."""
    return f"msg_{delivery_id.hex}"


def signed_headers(
    delivery_id: uuid.UUID, signing_secrets: list[str], body: str, at: datetime
) -> dict[str, str]:
    """The Standard Webhooks headers; one `v1,` signature per secret (two during a secret's rotation)."""
    msg_id = message_id(delivery_id)
    signatures = " ".join(Webhook(secret).sign(msg_id, at, body) for secret in signing_secrets)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }


@dataclass(frozen=True)
class SendResult:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class Sender:
    """Posts deliveries. httpcore never follows redirects; every connection goes through the address
    check. Thread-safe (one pool per process)."""

    def __init__(self, *, timeout_seconds: float, allow_private: bool, max_connections: int = 20) -> None:
        # Each step (connect, each read and write) within timeout_seconds; the whole request within twice.
        self._whole_seconds = 2 * timeout_seconds
        self._deadline = Deadline()
        self._timeouts = {
            "connect": timeout_seconds,
            "read": timeout_seconds,
            "write": timeout_seconds,
            "pool": timeout_seconds,
        }
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(),
            max_connections=max_connections,
            keepalive_expiry=30.0,
            network_backend=GuardedBackend(allow_private=allow_private, deadline=self._deadline),
        )

    def close(self) -> None:
        self._pool.close()

    def post(self, url: str, headers: dict[str, str], body: str) -> SendResult:
        started = time.monotonic()
        self._deadline.at = started + self._whole_seconds
        try:
            with self._pool.stream(
                "POST",
                url,
                headers=list(headers.items()),
                content=body.encode(),
                extensions={"timeout": self._timeouts},
            ) as response:
                excerpt = b""
                for chunk in response.iter_stream():
                    excerpt += chunk
                    if len(excerpt) >= RESPONSE_BYTES_KEPT:
                        break
            status = response.status
            error = None if 200 <= status < 300 else _describe(status, excerpt)
            return SendResult(status, error, _ms_since(started))
        except RefusedAddress as exc:
            return SendResult(None, f"refused: {exc}", _ms_since(started))
        except httpcore.TimeoutException as exc:
            return SendResult(None, f"timeout: {type(exc).__name__}", _ms_since(started))
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            return SendResult(None, f"{type(exc).__name__}: {exc}"[:500], _ms_since(started))
        finally:
            self._deadline.at = None


def _describe(status: int, excerpt: bytes) -> str:
    if 300 <= status < 400:
        return f"HTTP {status}: redirects are not followed; register the final URL"
    text = excerpt[:RESPONSE_BYTES_KEPT].decode("utf-8", "replace").strip()
    return f"HTTP {status}" + (f": {text}" if text else "")


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
