"""HTTP shapes for organisations and the people you know there."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field


class KnownContact(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str | None
    title: str | None
    company: str | None
    emails: list[str]
    event_name: str | None


class CompanyOut(BaseModel):
    name: str = Field(
        description="The most used spelling (the longer one on a tie).", examples=["New York Public Library"]
    )
    names: list[str] = Field(
        description="Every spelling seen on cards, e.g. 'New York Public Library', 'NYPL'."
    )
    domains: list[str] = Field(description="Work email domains of the people there (free mail excluded).")
    contact_count: int
    contacts: list[KnownContact]


class CompanyList(BaseModel):
    items: list[CompanyOut]
    total: int
    limit: int
    offset: int
