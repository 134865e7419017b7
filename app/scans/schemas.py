"""HTTP shapes for scans: the options a client may send with a card photo, and what a scan looks like."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.contacts.schemas import ContactOut
from app.text_guard import without_nul
from ocr.types import Engine

ScanStatus = Literal["queued", "processing", "done", "failed"]


class ScanOptions(BaseModel):
    """Optional metadata sent with a photo (query parameters, form fields or JSON keys)."""

    model_config = ConfigDict(extra="forbid")

    event_name: str | None = Field(default=None, max_length=200, description="Where you met.")
    event_id: uuid.UUID | None = Field(default=None, description="One of your events.")
    met_on: date | None = Field(default=None, description="When you met; default today.")
    notes: str | None = Field(default=None, max_length=20000)
    follow_up_days: int | None = Field(
        default=None, ge=0, le=365, description="Follow-up delay for this card; default your setting."
    )
    engine: Engine | None = Field(default=None, description="OCR engine; default MEISHI_OCR_ENGINE.")
    region: str | None = Field(
        default=None, pattern=r"^[A-Za-z]{2}$", description="Phone region (ISO 3166), default yours."
    )
    lang: str | None = Field(
        default=None, pattern=r"^[a-z_]{3,8}(\+[a-z_]{3,8}){0,4}$", description="Tesseract languages."
    )

    @field_validator("event_name", "notes")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        # Refused at upload: stored, it would only fail once the contact is written (after a 202).
        return without_nul(value)


class ScanError(BaseModel):
    code: str
    message: str


class ScanLinks(BaseModel):
    self: str
    image: str
    back_image: str | None = None
    card_image: str | None = Field(default=None, description="The flattened, upright card (JPEG).")


class ScanOut(BaseModel):
    id: uuid.UUID = Field(examples=["5b0e9f52-8a4e-4c55-9a57-2f0c3c8d9e11"])
    status: ScanStatus = Field(examples=["done"])
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    options: dict[str, Any]
    warnings: list[str] = Field(
        description="What the reader met, the draft kept all the same: card_edges_not_found, no_text_found, "
        "photo_out_of_focus (sharpened before reading: check the values), rapidocr_unavailable, "
        "event_not_found; `back:` before one of them is about the card's back.",
        examples=[["photo_out_of_focus"]],
    )
    error: ScanError | None
    contact_id: uuid.UUID | None
    contact: ContactOut | None = Field(
        default=None, description="The draft contact (with per-field confidence and possible duplicates)."
    )
    reading: dict[str, Any] | None = Field(
        default=None,
        description="Everything the card reader found: text, words with boxes, timings, calibrated "
        "confidence, and under `suggestions` the free-text values it read but left out of the contact as "
        "too unsure ({field: {value, confidence}}; the field is in the contact's `needs_review`).",
    )
    links: ScanLinks


class ScanBatch(BaseModel):
    """Answer to a request carrying several photos: one scan per photo, in upload order."""

    items: list[ScanOut]


class ScanList(BaseModel):
    items: list[ScanOut]
    total: int
    limit: int
    offset: int
