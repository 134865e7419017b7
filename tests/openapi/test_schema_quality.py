"""What a client generator and a reader of the docs need from every operation of the served schema."""

from __future__ import annotations

import re
import sys

import pytest

from tests.conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
from openapi_snapshot import served_schema

PUBLIC = {"/healthz", "/readyz", "/metrics", "/v1/auth/token", "/v1/follow-ups.ics"}


@pytest.fixture(scope="module")
def schema() -> dict:
    return served_schema()


def _operations(schema: dict):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", path, operation


def _has_example(schema: dict, node: object, seen: frozenset[str] = frozenset()) -> bool:
    """An example anywhere in the schema: on it, its properties, its items or the models they refer to."""
    if isinstance(node, dict):
        if "example" in node or "examples" in node:
            return True
        ref = node.get("$ref")
        if ref is not None:
            name = ref.rsplit("/", 1)[-1]
            return name not in seen and _has_example(
                schema, schema["components"]["schemas"][name], seen | {name}
            )
        return any(_has_example(schema, value, seen) for value in node.values())
    if isinstance(node, list):
        return any(_has_example(schema, value, seen) for value in node)
    return False


def test_operation_ids_are_tag_and_name_and_unique(schema):
    ids = [op["operationId"] for _, _, op in _operations(schema)]
    assert len(ids) == len(set(ids))
    for where, _, operation in _operations(schema):
        tag = operation["tags"][0].replace("-", "_")
        assert re.fullmatch(rf"{tag}_[a-z0-9_]+", operation["operationId"]), where


def test_every_operation_is_described(schema):
    missing = [where for where, _, op in _operations(schema) if not op.get("description")]
    assert missing == []


def test_every_private_route_names_its_scope_and_declares_auth_errors(schema):
    for where, path, operation in _operations(schema):
        if path in PUBLIC:
            continue
        (requirement,) = operation["security"]
        assert requirement == {"OAuth2PasswordBearer": requirement["OAuth2PasswordBearer"]}, where
        assert len(requirement["OAuth2PasswordBearer"]) == 1, f"{where}: one scope"
        assert {"401", "403", "429"} <= set(operation["responses"]), where


def test_every_error_response_has_the_error_body_and_an_example(schema):
    for where, _, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if status[0] in "45" and where != "GET /readyz":  # 503 there answers the readiness report
                media = response["content"]["application/json"]
                assert media["schema"] == {"$ref": "#/components/schemas/ErrorBody"}, f"{where} {status}"
                assert media["example"]["error"]["code"], f"{where} {status}"


def test_json_requests_and_responses_carry_examples(schema):
    missing = []
    for where, _, operation in _operations(schema):
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body is not None and not _has_example(schema, body):
            missing.append(f"{where} request")
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/json")
            if status.startswith("2") and media is not None and not _has_example(schema, media):
                missing.append(f"{where} {status}")
    assert missing == []
