"""Liveness and readiness probes (no auth)."""

from __future__ import annotations

import shutil

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from app.deps import StateDep
from app.state import ServiceState

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
    """Ready when every dependency answers: the database, Tesseract, and where configured the queue's
    Redis (`queue`), a separate sign-in limit store (`sign_in_limits`) and the S3 bucket (`object_store`).
    Each is reported by name; optional extras (RapidOCR) are reported but never make it unready."""
    checks: dict[str, bool | str] = {"database": _database_answers(state)}
    checks["tesseract"] = shutil.which("tesseract") is not None
    for name, probe in state.dependencies.items():
        checks[name] = probe()
    required = list(checks)
    for name, probe in state.readiness.items():
        checks[name] = probe()
    ready = all(checks[name] is True for name in required)
    body = Readiness(status="ready" if ready else "not_ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


def _database_answers(state: ServiceState) -> bool:
    try:
        with state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not ready", reported rather than raised
        return False
    return True
