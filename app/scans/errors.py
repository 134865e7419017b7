"""The one place where card-reader errors meet HTTP: which ones are the client's input (answered with a
4xx and nothing kept) and which are the service's trouble (the scan is kept as failed and can be retried)."""

from __future__ import annotations

from app.errors import AppError, ErrorCode, PayloadTooLarge, ServiceUnavailable, Unprocessable
from ocr.errors import EngineUnavailable, ImageTooLarge, ReadError, UnreadableImage

# Input a synchronous upload answers with an error status; everything else becomes a failed scan.
_INPUT_ERRORS: dict[type[ReadError], type[AppError]] = {
    UnreadableImage: Unprocessable,  # 422 unreadable_image
    ImageTooLarge: PayloadTooLarge,  # 413 image_too_large
    EngineUnavailable: Unprocessable,  # 422 engine_unavailable: the client asked for an engine not installed
}

INTERNAL_ERROR = ErrorCode.INTERNAL_ERROR
READER_CRASHED = ErrorCode.READER_CRASHED
WORKER_LOST = ErrorCode.WORKER_LOST


def is_input_error(code: str) -> bool:
    return code in {error.code for error in _INPUT_ERRORS}


def http_error(code: str, message: str) -> AppError:
    """The HTTP error for a scan that failed with `code` (see ocr.errors and the codes above; a test checks
    that ErrorCode has every one, and a code stored by another version reads as read_failed)."""
    known = ErrorCode(code) if code in ErrorCode._value2member_map_ else ErrorCode.READ_FAILED
    for read_error, app_error in _INPUT_ERRORS.items():
        if read_error.code == code:
            return app_error(message, code=known)
    return ServiceUnavailable(message, code=known)


class Saturated(ServiceUnavailable):
    """Every reader is busy and the waiting line is full: come back later rather than pile up."""

    code = ErrorCode.OCR_BUSY

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            "All card readers are busy; retry shortly or send the photo with ?mode=async.",
            details={"retry_after_seconds": retry_after_s},
            headers={"Retry-After": str(retry_after_s)},
        )
