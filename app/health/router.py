"""Liveness and readiness probes (no auth)."""

from __future__ import annotations

import shutil

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from app.deps import StateDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class Readiness(BaseModel):
    status: str = Field(examples=["ready"])
    checks: dict[str, bool | str] = Field(examples=[{"database": True, "tesseract": True}])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get(
    "/readyz", response_model=Readiness, responses={503: {"model": Readiness, "description": "Not ready"}}
)
def readyz(state: StateDep) -> JSONResponse:
    """Ready when the database answers and Tesseract is installed."""
    checks: dict[str, bool | str] = {}
    try:
        with state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = True
    except Exception:  # any driver error means "not ready", reported rather than raised
        checks["database"] = False
    checks["tesseract"] = shutil.which("tesseract") is not None
    for name, probe in state.extras.get("readiness", {}).items():
        checks[name] = probe()
    ready = checks["database"] is True and checks["tesseract"] is True
    body = Readiness(status="ready" if ready else "not_ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
