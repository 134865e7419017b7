"""A request's writes are committed before its response leaves: a client told 201 finds its contact on the
very next call, and a write whose commit fails is never answered as a success."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session


class SendRecorder:
    """An ASGI wrapper noting, in `events`, when the response starts going out."""

    def __init__(self, app: Any, events: list[str]) -> None:
        self.app, self.events = app, events

    def __getattr__(self, name: str) -> Any:  # `state` and the rest, as the app has them
        return getattr(self.app, name)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def recording_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                self.events.append("response")
            await send(message)

        await self.app(scope, receive, recording_send)


def test_a_created_contact_is_committed_before_the_answer_goes_out(app, make_user):
    headers = make_user()
    events: list[str] = []

    def committed(_session: Session) -> None:
        events.append("commit")

    event.listen(Session, "after_commit", committed)
    try:
        # No lifespan of its own: the app is already running under make_user's client.
        client = TestClient(SendRecorder(app, events))
        created = client.post("/v1/contacts", json={"name": "Ada Lovelace"}, headers=headers)
        assert created.status_code == 201, created.text
    finally:
        event.remove(Session, "after_commit", committed)
    assert events[:2] == ["commit", "response"], events
