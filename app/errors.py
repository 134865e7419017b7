"""One error hierarchy, rendered by one set of handlers as `{"error": {code, message, details}}`."""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.exceptions import RedisError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException


class ErrorCode(StrEnum):
    """Every `code` an error body of the API can carry: stable, machine-readable, listed in the OpenAPI
    schema of the error body. The generic ones come with each error class; the others say exactly what
    went wrong."""

    BAD_REQUEST = "bad_request"  # 400: the request cannot be served as sent
    NOT_AUTHENTICATED = "not_authenticated"  # 401: no, an expired or an unknown token or API key
    FORBIDDEN = "forbidden"  # 403: not allowed
    NOT_FOUND = "not_found"  # 404: no such resource for this user
    METHOD_NOT_ALLOWED = "method_not_allowed"  # 405: the path does not take this method
    CONFLICT = "conflict"  # 409: conflicts with the current state
    LENGTH_REQUIRED = "length_required"  # 411: a web form upload without Content-Length
    PAYLOAD_TOO_LARGE = "payload_too_large"  # 413: a request body larger than the limit
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"  # 415: a body type the route does not take
    UNPROCESSABLE = "unprocessable"  # 422: the request is well-formed but cannot be done
    VALIDATION_ERROR = "validation_error"  # 422: fields failed validation (details lists them)
    TOO_MANY_REQUESTS = "too_many_requests"  # 429: too many requests; retry after Retry-After
    SERVICE_UNAVAILABLE = "service_unavailable"  # 503: temporarily unavailable; retry after Retry-After
    INTERNAL_ERROR = "internal_error"  # 500: an unexpected failure (a scan keeps it as its error)
    # What exactly went wrong:
    BACK_NEEDS_SINGLE_IMAGE = "back_needs_single_image"
    CALENDAR_FEED_NOT_FOUND = "calendar_feed_not_found"
    CONTACT_NOT_FOUND = "contact_not_found"
    CSRF_FAILED = "csrf_failed"
    CURSOR_EXPIRED = "cursor_expired"
    CURSOR_INVALID = "cursor_invalid"
    DEPENDENCY_UNAVAILABLE = "dependency_unavailable"
    EDIT_CONFLICT = "edit_conflict"
    EMPTY_IMAGE = "empty_image"
    ENGINE_UNAVAILABLE = "engine_unavailable"
    EVENT_NOT_FOUND = "event_not_found"
    GONE = "gone"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IMAGE_NOT_FOUND = "image_not_found"
    IMAGE_TOO_LARGE = "image_too_large"
    INSUFFICIENT_SCOPE = "insufficient_scope"
    INVALID_BASE64 = "invalid_base64"
    INVALID_BODY = "invalid_body"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_FOLLOW_UP_ACTION = "invalid_follow_up_action"
    INVALID_IF_MATCH = "invalid_if_match"
    INVALID_JSON = "invalid_json"
    INVALID_MULTIPART = "invalid_multipart"
    INVALID_VCARD = "invalid_vcard"
    MERGE_WITH_ITSELF = "merge_with_itself"
    MISSING_IMAGE = "missing_image"
    NO_OPEN_FOLLOW_UP = "no_open_follow_up"
    NO_VCARDS = "no_vcards"
    NUL_CHARACTER = "nul_character"
    OCR_BUSY = "ocr_busy"
    OCR_TIMEOUT = "ocr_timeout"
    RATE_LIMITED = "rate_limited"
    READER_CRASHED = "reader_crashed"
    READ_FAILED = "read_failed"
    SCANS_UNAVAILABLE = "scans_unavailable"
    SCAN_NOT_FAILED = "scan_not_failed"
    SCAN_NOT_FOUND = "scan_not_found"
    SNOOZE_IN_PAST = "snooze_in_past"
    TESSERACT_MISSING = "tesseract_missing"
    TOO_MANY_CARDS = "too_many_cards"
    TOO_MANY_IMAGES = "too_many_images"
    TOO_MANY_SIGN_IN_ATTEMPTS = "too_many_sign_in_attempts"
    TOO_MANY_WEBHOOKS = "too_many_webhooks"
    UNKNOWN_EVENT = "unknown_event"
    UNREADABLE_IMAGE = "unreadable_image"
    UNSUPPORTED_IMAGE_TYPE = "unsupported_image_type"
    UPLOAD_TOO_LARGE = "upload_too_large"
    USER_EXISTS = "user_exists"
    USER_NOT_FOUND = "user_not_found"
    WEAK_PASSWORD = "weak_password"
    WEBHOOK_NOT_FOUND = "webhook_not_found"
    WEBHOOK_URL_REFUSED = "webhook_url_refused"
    WORKER_LOST = "worker_lost"


class ErrorDetail(BaseModel):
    code: ErrorCode
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the API has this shape."""

    error: ErrorDetail


class AppError(Exception):
    status_code: int = 400
    code: ErrorCode = ErrorCode.BAD_REQUEST

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
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
    status_code, code = 401, ErrorCode.NOT_AUTHENTICATED


class Forbidden(AppError):
    status_code, code = 403, ErrorCode.FORBIDDEN


class NotFound(AppError):
    status_code, code = 404, ErrorCode.NOT_FOUND


class MethodNotAllowed(AppError):
    status_code, code = 405, ErrorCode.METHOD_NOT_ALLOWED


class Conflict(AppError):
    status_code, code = 409, ErrorCode.CONFLICT


class Gone(AppError):
    status_code, code = 410, ErrorCode.GONE


class PayloadTooLarge(AppError):
    status_code, code = 413, ErrorCode.PAYLOAD_TOO_LARGE


class UnsupportedMediaType(AppError):
    status_code, code = 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE


class Unprocessable(AppError):
    status_code, code = 422, ErrorCode.UNPROCESSABLE


class TooManyRequests(AppError):
    status_code, code = 429, ErrorCode.TOO_MANY_REQUESTS


class ServiceUnavailable(AppError):
    status_code, code = 503, ErrorCode.SERVICE_UNAVAILABLE


DEPENDENCY_RETRY_AFTER_S = 10


class DependencyUnavailable(ServiceUnavailable):
    """A service Meishi depends on (the database, the queue's Redis, the object store) did not answer."""

    code = ErrorCode.DEPENDENCY_UNAVAILABLE

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
    status: int, code: ErrorCode, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)


def _status_code_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _http_error_code(status: int) -> ErrorCode:
    """The code of an error raised by the framework itself (an unknown path, a wrong method)."""
    if status == 401:
        return ErrorCode.NOT_AUTHENTICATED
    try:
        return ErrorCode(_status_code_name(status))
    except ValueError:
        return ErrorCode.BAD_REQUEST if status < 500 else ErrorCode.INTERNAL_ERROR


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
            return _render(422, ErrorCode.INVALID_BODY, "The request body could not be parsed.")
        code = _http_error_code(exc.status_code)
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
        return _render(500, ErrorCode.INTERNAL_ERROR, "Something went wrong on the server.")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": list(err.get("loc", ())), "msg": err.get("msg"), "type": err.get("type")}
            for err in exc.errors()
        ]
        return _render(422, ErrorCode.VALIDATION_ERROR, "The request failed validation.", details)
