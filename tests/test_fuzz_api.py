"""Schemathesis fuzzes every operation of the served OpenAPI as a signed-in user, on SQLite and PostgreSQL:
no answer may be a 5xx or differ from the documented response schema. Valid and invalid input both
(positive and negative generation); bounded in examples so the run stays well under a minute a database.

Schemathesis's own pytest plugin cannot load a schema from a fixture under pytest 9, so each operation's
Hypothesis strategy is driven here directly; the checks are schemathesis's.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from app.db import unit_of_work
from app.security import create_access_token
from app.users.service import create_user

EXAMPLES_PER_OPERATION = 8
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def fuzz_user(app) -> dict[str, str]:
    state = app.state.meishi
    with unit_of_work(state.sessions) as session:
        user = create_user(session, "fuzz@example.com", "correct horse battery")
        token = create_access_token(
            user.id, state.settings.resolved_secret_key, 60, session_version=user.session_version
        )
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.slow
def test_fuzzed_requests_get_no_5xx_and_documented_responses(app, fuzz_user):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    durations: dict[str, float] = {}
    started = time.monotonic()
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(
                    max_examples=EXAMPLES_PER_OPERATION,
                    deadline=None,
                    derandomize=True,
                    database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                def fuzz(case) -> None:
                    case.call_and_validate(headers=fuzz_user, checks=CHECKS)

                began = time.monotonic()
                try:
                    fuzz()
                except Unsatisfiable:
                    continue  # nothing invalid to send (an operation without parameters or body)
                except Exception as exc:  # every operation's finding is reported, not only the first
                    failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:1500]}")
                durations[f"{operation.label} [{mode.value}]"] = time.monotonic() - began
    finally:
        schemathesis.python.asgi.shutdown_lifespans()
    slowest = sorted(durations.items(), key=lambda item: -item[1])[:5]
    print(f"fuzzed in {time.monotonic() - started:.1f} s; slowest: {slowest}")
    assert not failures, "\n\n".join(failures)
