"""The HTTP contract of /v1/webhooks."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from app.webhooks.events import EventType

EndpointState = Literal["enabled", "disabled"]


class EndpointCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"url": "https://crm.example.com/hooks/meishi", "event_types": ["scan.completed"]}]
        },
    )

    url: HttpUrl = Field(description="Where events are POSTed; must resolve to a public address.")
    event_types: list[EventType] = Field(min_length=1, description="The events this endpoint receives.")
    description: str | None = Field(default=None, max_length=300)


class EndpointPatch(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"state": "enabled"}]})

    url: HttpUrl | None = None
    event_types: list[EventType] | None = Field(default=None, min_length=1)
    description: str | None = Field(default=None, max_length=300)
    state: EndpointState | None = Field(
        default=None, description="`enabled` re-enables an endpoint disabled after repeated failure."
    )


class EndpointOut(BaseModel):
    id: uuid.UUID
    url: str = Field(examples=["https://crm.example.com/hooks/meishi"])
    event_types: list[str] = Field(examples=[["scan.completed", "contact.updated"]])
    description: str | None
    state: EndpointState
    disabled_reason: str | None = Field(description="Why the endpoint was disabled, when it is.")
    disabled_at: datetime | None
    consecutive_failures: int
    created_at: datetime
    updated_at: datetime


class EndpointWithSecret(EndpointOut):
    secret: str = Field(
        description="The signing secret (whsec_...). Shown only now: at creation and rotation.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class RotateSecret(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keep_previous_seconds: int = Field(
        default=24 * 3600,
        ge=0,
        le=7 * 24 * 3600,
        description="The old secret also signs (a second signature) this long, so receivers can switch.",
        examples=[3600],
    )


class AttemptOut(BaseModel):
    number: int
    started_at: datetime
    duration_ms: int
    status_code: int | None
    error: str | None


class DeliveryOut(BaseModel):
    id: uuid.UUID
    webhook_id: str = Field(description="The webhook-id header: the same on every attempt.")
    event_type: str = Field(examples=["scan.completed"])
    status: Literal["pending", "succeeded", "failed"]
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    finished_at: datetime | None
    payload: dict
    attempt_log: list[AttemptOut]


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    total: int
    limit: int
    offset: int


class EventTypesOut(BaseModel):
    event_types: list[str] = Field(examples=[["scan.completed", "scan.failed", "followup.due"]])
