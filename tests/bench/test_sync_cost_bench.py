"""The delta sync cost benchmark measures what it says, and its page shows the committed figures."""

from __future__ import annotations

import json

from benchmarks.sync_cost import DOCS, RESULTS, docs, measure


def test_the_page_shows_exactly_the_committed_results():
    assert DOCS.read_text("utf-8") == docs(json.loads(RESULTS.read_text("utf-8"))), (
        "docs/benchmarks/sync-cost.md differs from benchmarks/results/sync_cost.json: "
        "run `python -m benchmarks.sync_cost --docs-only`"
    )


def test_a_delta_carries_the_changed_contacts_only():
    figures = measure("", contacts=30, changes=3, page=10)
    assert figures["database"] == "sqlite"
    assert figures["full"]["pages"] >= 3
    assert figures["delta"]["pages"] == 1
    # Three changed contacts cost far less than thirty; nothing changed costs less still.
    assert figures["empty"]["bytes"] < figures["delta"]["bytes"] < figures["full"]["bytes"] / 3
