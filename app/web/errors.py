"""Friendly error pages for the web UI, so a browser never sees a JSON error body or a bare 500.

Web routes use `PageRoute`, which turns every failure into a `PageError` *raised* (not returned) so the
request's unit of work still sees it and rolls back; the handler installed for `PageError` then renders
the page (or, for a visitor who is not signed in, redirects to the sign-in page).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.errors import AppError, ErrorCode
from app.web.rendering import render

logger = logging.getLogger(__name__)

TITLES = {
    400: "That did not work",
    403: "Not allowed",
    404: "Not found",
    405: "Not found",
    409: "Changed meanwhile",
    413: "File too large",
    415: "Not an image",
    422: "Please check your input",
    503: "Busy right now",
}


class SignInRequired(Exception):
    """The visitor has no (valid) session; send them to the sign-in page and back."""


class PageError(Exception):
    def __init__(
        self, status_code: int, message: str, *, code: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.code = code
        self.headers = headers


def _page_error_from(exc: Exception) -> PageError:
    if isinstance(exc, AppError):
        return PageError(exc.status_code, exc.message, code=exc.code, headers=exc.headers)
    if isinstance(exc, RequestValidationError):
        if any(error.get("loc", ("",))[0] == "path" for error in exc.errors()):
            # A malformed id in the address names nothing, like an unknown id.
            return PageError(404, "There is nothing at this address.", code=ErrorCode.NOT_FOUND)
        return PageError(
            422, "Some of the form's values were not understood.", code=ErrorCode.VALIDATION_ERROR
        )
    if isinstance(exc, StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "That did not work."
        return PageError(exc.status_code, message, code="http_error")
    logger.exception("web page failed", exc_info=exc)
    return PageError(
        500, "Something went wrong on our side. Please try again.", code=ErrorCode.INTERNAL_ERROR
    )


class PageRoute(APIRoute):
    """An APIRoute whose failures become friendly HTML pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_as_page(request: Request) -> Response:
            try:
                return await handle(request)
            except (SignInRequired, PageError):
                raise
            except Exception as exc:
                raise _page_error_from(exc) from exc

        return handle_as_page


async def _render_page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    response = render(
        request,
        "error.html",
        {"status": exc.status_code, "title": TITLES.get(exc.status_code, "Error"), "message": exc.message},
        status_code=exc.status_code,
    )
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _redirect_to_sign_in(request: Request, _exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method != "GET":
        target = "/"
    return RedirectResponse("/signin?" + urlencode({"next": target}), status_code=303)


_API_PATHS = ("/v1/", "/healthz", "/readyz", "/docs", "/redoc", "/openapi.json")


def _wants_a_page(request: Request) -> bool:
    """A browser asking for a web UI address (API clients and API paths keep their JSON errors)."""
    return not request.url.path.startswith(_API_PATHS) and "text/html" in request.headers.get("accept", "")


def install_page_error_handlers(app: FastAPI) -> None:
    """Call after the API's handlers (app/errors.py): an unknown address typed into a browser gets the
    error page instead of the API's JSON body."""
    app.add_exception_handler(PageError, _render_page_error)
    app.add_exception_handler(SignInRequired, _redirect_to_sign_in)
    api_http_error = app.exception_handlers[StarletteHTTPException]

    async def _http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code in (404, 405) and _wants_a_page(request):
            page = PageError(exc.status_code, "There is nothing at this address.", code=ErrorCode.NOT_FOUND)
            return await _render_page_error(request, page)
        return await api_http_error(request, exc)

    app.add_exception_handler(StarletteHTTPException, _http_error)
