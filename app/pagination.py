"""The page parameters every list endpoint shares, bounded so the database never sees an out-of-range
number (SQLite and PostgreSQL both stop at a signed 64-bit integer; nobody pages that far)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
