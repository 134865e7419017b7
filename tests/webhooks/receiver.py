"""A real HTTP receiver on 127.0.0.1 that verifies Standard Webhooks signatures with the same package the
service signs with, and answers what the test planned (a status per request, a hang, a redirect)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str
    at: float
    verified: Any = None  # the parsed payload when the signature checked out
    error: str | None = None

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]


@dataclass
class Receiver:
    """`plan` holds the answers to the next requests (an int status, "hang", "drip" or "redirect"); once it
    runs out every request gets 204."""

    secret: str | None = None
    plan: list[int | str] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
                entry = Received(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()
                )
                try:
                    entry.verified = Webhook(receiver.secret or "").verify(body, entry.headers)
                except (WebhookVerificationError, ValueError) as exc:
                    entry.error = f"{type(exc).__name__}: {exc}"
                with receiver.lock:
                    receiver.received.append(entry)
                    answer = receiver.plan.pop(0) if receiver.plan else 204
                if answer == "hang":
                    receiver.release.wait(30)
                    answer = 204
                if answer == "drip":  # headers one byte at a time: each read is quick, the whole never ends
                    for byte in b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"x" * 600:
                        if receiver.release.wait(0.05):
                            return
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    return
                if answer == "redirect":
                    self.send_response(302)
                    self.send_header("Location", "/elsewhere")
                    self.end_headers()
                    return
                self.send_response(int(answer))
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def wait_for(self, count: int, timeout: float = 15.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} requests, got {len(self.received)}: {self.received}")

    def events(self) -> list[tuple[str, dict]]:
        return [(r.verified["type"], r.verified["data"]) for r in self.received if r.verified is not None]


def payload_types(receiver: Receiver) -> list[str]:
    return [json.loads(r.body)["type"] for r in receiver.received]
