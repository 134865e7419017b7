"""One error hierarchy, rendered by one set of handlers as `{"error": {code, message, details}}`."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.exceptions import RedisError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the API has this shape."""

    error: ErrorDetail


class AppError(Exception):
    status_code: int = 400
    code: str = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers
        if code:
            self.code = code


class Unauthorized(AppError):
    status_code, code = 401, "not_authenticated"


class Forbidden(AppError):
    status_code, code = 403, "forbidden"


class NotFound(AppError):
    status_code, code = 404, "not_found"


class MethodNotAllowed(AppError):
    status_code, code = 405, "method_not_allowed"


class Conflict(AppError):
    status_code, code = 409, "conflict"


class Gone(AppError):
    status_code, code = 410, "gone"


class PreconditionFailed(AppError):
    status_code, code = 412, "precondition_failed"


class PayloadTooLarge(AppError):
    status_code, code = 413, "payload_too_large"


class UnsupportedMediaType(AppError):
    status_code, code = 415, "unsupported_media_type"


class Unprocessable(AppError):
    status_code, code = 422, "unprocessable"


class TooManyRequests(AppError):
    status_code, code = 429, "too_many_requests"


class ServiceUnavailable(AppError):
    status_code, code = 503, "service_unavailable"


DEPENDENCY_RETRY_AFTER_S = 10


class DependencyUnavailable(ServiceUnavailable):
    """A service Meishi depends on (the database, the queue's Redis, the object store) did not answer."""

    code = "dependency_unavailable"

    def __init__(self, dependency: str, retry_after: int = DEPENDENCY_RETRY_AFTER_S) -> None:
        super().__init__(
            f"The {dependency} is unavailable; nothing was changed. Try again shortly.",
            details={"dependency": dependency},
            headers={"Retry-After": str(retry_after)},
        )


_DESCRIPTIONS = {
    400: "Malformed request",
    401: "Missing or invalid credentials",
    403: "Not allowed",
    404: "No such resource for this user",
    409: "Conflicts with the current state (duplicate, stale version)",
    410: "No longer available (an expired or foreign sync cursor: start a full sync)",
    412: "If-Match did not match the current version",
    413: "Upload larger than the configured limit",
    415: "Content type not accepted",
    422: "Request failed validation (`validation_error`), or its body could not be parsed (`invalid_body`)",
    429: "Too many requests",
    500: "Unexpected server error (a bug): the same error body, code `internal_error`",
    503: "Temporarily unavailable (busy, or a dependency such as the database or the queue is down: "
    "`dependency_unavailable`); retry after the Retry-After delay",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries documenting the error body for the given status codes."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS.get(code, "Error")} for code in codes}


def _render(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)


def _status_code_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _dependency_down(dependency: str) -> JSONResponse:
    exc = DependencyUnavailable(dependency)
    return _render(exc.status_code, exc.code, exc.message, exc.details, exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return _render(exc.status_code, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's answer to a body it cannot parse at all (a broken multipart or form body): the same
            # documented 422 as any other invalid body.
            return _render(422, "invalid_body", "The request body could not be parsed.")
        code = "not_authenticated" if exc.status_code == 401 else _status_code_name(exc.status_code)
        message = exc.detail if isinstance(exc.detail, str) else _status_code_name(exc.status_code)
        return _render(exc.status_code, code, message, None, getattr(exc, "headers", None))

    # Safety nets: a dependency that fails where no code turned it into a DependencyUnavailable still
    # answers 503 with the error body (never plain text), and a bug answers a JSON 500.
    @app.exception_handler(RedisError)
    async def _redis_down(_request: Request, _exc: RedisError) -> JSONResponse:
        return _dependency_down("queue (Redis)")

    @app.exception_handler(OperationalError)
    async def _database_down(_request: Request, _exc: OperationalError) -> JSONResponse:
        return _dependency_down("database")

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, _exc: Exception) -> JSONResponse:
        return _render(500, "internal_error", "Something went wrong on the server.")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": list(err.get("loc", ())), "msg": err.get("msg"), "type": err.get("type")}
            for err in exc.errors()
        ]
        return _render(422, "validation_error", "The request failed validation.", details)
