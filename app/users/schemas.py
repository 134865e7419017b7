"""HTTP shapes for accounts, tokens, API keys and per-user settings."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import available_timezones

import phonenumbers
from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from app.scopes import Scope


class TokenOut(BaseModel):
    access_token: str = Field(examples=["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."])
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the token expires.")


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=1000, examples=["correct horse battery"])
    new_password: str = Field(min_length=8, max_length=1000, examples=["staple battery horse correct"])


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: EmailStr = Field(examples=["jane@example.com"])
    created_at: datetime


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["Phone app"])
    scopes: list[Scope] | None = Field(
        default=None,
        description="What the key may do; every scope of the credentials creating it when absent. A key "
        "cannot be given a scope its creator lacks.",
        examples=[["scans:write", "contacts:read", "contacts:write", "sync:read"]],
    )


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    prefix: str = Field(description="The first characters of the key, to tell keys apart.")
    scopes: list[str] = Field(description="What the key may do.", examples=[["scans:write", "sync:read"]])
    created_at: datetime
    last_used_at: datetime | None = Field(description="Its last use, to the minute.")
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The secret key. Shown only in this response; store it now.")


class ApiKeyList(BaseModel):
    items: list[ApiKeyOut]


class UserSettings(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    follow_up_days: int = Field(ge=0, le=365, examples=[2])
    business_days_only: bool
    time_zone: str
    default_region: str
    email_subject_template: str | None = None
    email_body_template: str | None = None
    linkedin_note_template: str | None = None
    ocr_lang: str | None = Field(
        default=None, description="Languages the cards are read in; null: the server's."
    )


class UserSettingsPatch(BaseModel):
    follow_up_days: int | None = Field(default=None, ge=0, le=365, examples=[3])
    business_days_only: bool | None = None
    time_zone: str | None = None
    default_region: str | None = Field(default=None, min_length=2, max_length=2)
    email_subject_template: str | None = Field(default=None, max_length=500)
    email_body_template: str | None = Field(default=None, max_length=4000)
    linkedin_note_template: str | None = Field(default=None, max_length=1000)
    ocr_lang: str | None = Field(
        default=None,
        pattern=r"^(auto|[a-z_]{3,8}(\+[a-z_]{3,8}){0,4})$",
        description="Tesseract languages for your cards (`eng+deu`) or `auto`; null: the server's default.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None and value not in available_timezones():
            raise ValueError(f"unknown IANA time zone: {value}")
        return value

    @field_validator("default_region")
    @classmethod
    def _known_region(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.upper()
        if value not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown phone region: {value}")
        return value
