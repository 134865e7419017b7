"""CSRF protection for every form: a synchronizer token kept in the signed session cookie.

Each session gets one random token; every page embeds it in a hidden field and every POST must send it
back (form field `csrf_token`, or the `X-CSRF-Token` header for scripts). A cross-site page can make the
browser send the cookie but cannot read the token, so its forged POST is refused with 403.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Depends
from starlette.datastructures import FormData
from starlette.requests import Request

from app.errors import AppError, ErrorCode, Forbidden, PayloadTooLarge

SESSION_KEY = "csrf"
FIELD_NAME = "csrf_token"
HEADER_NAME = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Room for the other form fields around an image at the upload size limit.
FORM_OVERHEAD_BYTES = 256 * 1024


class CsrfRejected(Forbidden):
    code = ErrorCode.CSRF_FAILED


class LengthRequired(AppError):
    status_code, code = 411, ErrorCode.LENGTH_REQUIRED


def csrf_token(request: Request) -> str:
    """This session's token, created on first use."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def rotate_csrf_token(request: Request) -> str:
    """A fresh token, e.g. after signing in, so a token seen before sign-in is worthless after it."""
    request.session[SESSION_KEY] = secrets.token_urlsafe(32)
    return request.session[SESSION_KEY]


async def read_form(request: Request) -> FormData:
    """The request's form (parsed once, cached by Starlette), refusing bodies beyond the upload limit
    before reading them. Browsers always announce a form's length; a body that does not is refused."""
    limit = request.app.state.meishi.settings.max_upload_bytes + FORM_OVERHEAD_BYTES
    length = request.headers.get("content-length", "")
    if not length.isdigit():
        raise LengthRequired("Send the form with a Content-Length.")
    if int(length) > limit:
        raise PayloadTooLarge(
            f"That upload is larger than the limit of {limit // (1024 * 1024)} MB.",
            code=ErrorCode.UPLOAD_TOO_LARGE,
        )
    return await request.form()


async def verify_csrf(request: Request) -> None:
    """FastAPI dependency on every web route: unsafe methods need this session's token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get(SESSION_KEY)
    sent = request.headers.get(HEADER_NAME)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await read_form(request)).get(FIELD_NAME)
            sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(str(expected), sent):
        raise CsrfRejected(
            "This form expired or did not come from Meishi. Go back, reload the page and try again.",
        )


# The submitted form of a page's POST route, parsed once with its CSRF token checked.
FormDep = Annotated[FormData, Depends(read_form)]
