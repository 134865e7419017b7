"""Write the served OpenAPI document to tests/openapi_snapshot.json (`make openapi-snapshot`).

Refresh it when a change to /v1 is deliberate; tests/openapi/test_schema_compat.py fails on any breaking
change against the committed snapshot, and passes additions.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO / "tests" / "openapi_snapshot.json"


def served_schema() -> dict[str, Any]:
    """The document the API serves at /openapi.json (no database is touched to build it)."""
    from app.main import create_app
    from app.settings import Settings

    with tempfile.TemporaryDirectory() as data:
        settings = Settings(
            data_dir=Path(data),
            database_url=f"sqlite:///{data}/schema.db",
            secret_key="only-for-building-the-schema-document",
            _env_file=None,  # type: ignore[call-arg]
        )
        return create_app(settings, migrate=False).openapi()


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    sys.path.insert(0, str(REPO))
    SNAPSHOT.write_text(dump(served_schema()))
    print(f"wrote {SNAPSHOT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
