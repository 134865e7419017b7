"""The served /v1 API stays compatible with the committed snapshot (tests/openapi_snapshot.json).

A deliberate breaking change needs a refreshed snapshot: `make openapi-snapshot` (and a note for clients).
"""

from __future__ import annotations

import copy
import json
import sys

import pytest

from tests.conftest import REPO_ROOT
from tests.openapi.breaking import breaking_changes

sys.path.insert(0, str(REPO_ROOT / "scripts"))
from openapi_snapshot import SNAPSHOT, served_schema


@pytest.fixture(scope="module")
def served() -> dict:
    return served_schema()


@pytest.fixture(scope="module")
def snapshot() -> dict:
    return json.loads(SNAPSHOT.read_text())


def test_the_served_api_keeps_every_promise_of_the_snapshot(served, snapshot):
    problems = breaking_changes(snapshot, served)
    assert problems == [], (
        "Breaking changes to /v1 (refresh with `make openapi-snapshot` if deliberate):\n"
        + ("\n".join(problems))
    )


def _contact_out(document: dict) -> dict:
    return document["components"]["schemas"]["ContactOut"]


def test_a_removed_response_field_is_breaking(snapshot):
    changed = copy.deepcopy(snapshot)
    del _contact_out(changed)["properties"]["version"]
    assert any("'version' removed" in p for p in breaking_changes(snapshot, changed))


def test_a_newly_required_request_field_is_breaking(snapshot):
    changed = copy.deepcopy(snapshot)
    changed["components"]["schemas"]["ContactCreate"].setdefault("required", []).append("company")
    assert any("'company' is newly required" in p for p in breaking_changes(snapshot, changed))


def test_a_changed_type_and_a_removed_operation_are_breaking(snapshot):
    changed = copy.deepcopy(snapshot)
    _contact_out(changed)["properties"]["version"] = {"type": "string"}
    del changed["paths"]["/v1/sync"]["get"]
    problems = breaking_changes(snapshot, changed)
    assert any("version: type changed" in p for p in problems)
    assert "GET /v1/sync: operation removed" in problems


def test_additions_are_not_breaking(snapshot):
    changed = copy.deepcopy(snapshot)
    _contact_out(changed)["properties"]["nickname"] = {"type": "string"}
    changed["paths"]["/v1/new-thing"] = {"get": {"operationId": "x_new", "responses": {}}}
    changed["components"]["schemas"]["ContactCreate"]["properties"]["nickname"] = {"type": "string"}
    assert breaking_changes(snapshot, changed) == []
