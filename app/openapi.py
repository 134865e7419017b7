"""What makes the OpenAPI document good for generated clients: stable operation ids, every error a route
can answer declared with the shared error body and an example, and the scope each route needs."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.errors import ErrorBody

# Every route that needs credentials can also answer these (bad credentials, missing scope, rate limit).
AUTHENTICATED_ERRORS = {
    "401": ("Missing or invalid credentials", "not_authenticated", "Sign in: send 'Authorization: Bearer'."),
    "403": ("The API key lacks a scope this route needs", "insufficient_scope", "This API key lacks ..."),
    "429": ("Too many requests; retry after the Retry-After delay", "rate_limited", "Too many requests."),
}
# A typical `code` per status, for the examples of errors routes declare themselves.
EXAMPLE_CODES = {
    "400": "bad_request",
    "404": "not_found",
    "409": "edit_conflict",
    "410": "cursor_expired",
    "412": "precondition_failed",
    "413": "payload_too_large",
    "415": "unsupported_media_type",
    "422": "validation_error",
    "503": "service_unavailable",
}
_ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorBody"}
_FASTAPI_VALIDATION_SCHEMA = {"$ref": "#/components/schemas/HTTPValidationError"}


def operation_id(route: APIRoute) -> str:
    """`<tag>_<function name>`, e.g. `contacts_update_contact`: stable while the route keeps its name,
    unlike FastAPI's default, which also spells out the path and method."""
    tag = str(route.tags[0]) if route.tags else "meishi"
    return f"{tag}_{route.name}".replace("-", "_")


def _error_example(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": None}}


def _complete(document: dict[str, Any]) -> None:
    document.setdefault("components", {}).setdefault("schemas", {}).setdefault(
        "ErrorBody", ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    )
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if operation.get("security"):
                for status, (description, code, message) in AUTHENTICATED_ERRORS.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": _ERROR_SCHEMA}},
                        },
                    )
                    media = responses[status].setdefault("content", {}).setdefault("application/json", {})
                    media.setdefault("example", _error_example(code, message))
            for status, response in responses.items():
                if status[0] not in "45":
                    continue
                media = response.setdefault("content", {}).setdefault(
                    "application/json", {"schema": _ERROR_SCHEMA}
                )
                if media.get("schema") == _FASTAPI_VALIDATION_SCHEMA:
                    # FastAPI's own 422 entry: our handler answers the shared error body instead.
                    media["schema"] = _ERROR_SCHEMA
                    response["description"] = "Request failed validation"
                if media.get("schema") != _ERROR_SCHEMA:
                    continue  # a documented body of its own (the readiness report)
                code = AUTHENTICATED_ERRORS.get(status, ("", EXAMPLE_CODES.get(status, "error"), ""))[1]
                media.setdefault("example", _error_example(code, response["description"]))


def install(app: FastAPI) -> None:
    """Complete the generated document once, when it is first asked for."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _complete(generate())
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
