"""Reading figures out of a /metrics page in tests."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


def metric(body: str, name: str, **labels: str) -> float:
    """The sum of the samples called `name` whose labels include `labels`."""
    return sum(
        sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
        if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items())
    )
