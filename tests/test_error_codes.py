"""Error codes are one enum, documented in OpenAPI, and used at every raise site."""

from __future__ import annotations

import ast
from pathlib import Path

from app.errors import ErrorCode
from ocr.errors import ReadError

APP = Path(__file__).resolve().parents[1] / "app"
# Codes that never reach an API error body: the web pages' HTML error page, the CLI's per-file report.
NOT_API_CODES = {"http_error", "file_unreadable"}


def _subclasses(cls: type) -> list[type]:
    return [cls, *(s for sub in cls.__subclasses__() for s in _subclasses(sub))]


def _names(targets: list[ast.expr]) -> set[str]:
    flat = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
    return {e.id for e in flat if isinstance(e, ast.Name)}


def test_the_error_body_schema_lists_every_code(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["ErrorDetail"]["properties"]["code"] == {"$ref": "#/components/schemas/ErrorCode"}
    assert set(schemas["ErrorCode"]["enum"]) == {code.value for code in ErrorCode}


def test_every_reader_error_has_its_code():
    import ocr.errors  # noqa: F401  # every ReadError subclass defined

    assert {error.code for error in _subclasses(ReadError)} <= {code.value for code in ErrorCode}


def test_no_raise_site_spells_a_code_as_a_string():
    spelled = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            values = []
            if isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg == "code"]
            elif isinstance(node, ast.Assign) and "code" in _names(node.targets):
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            spelled += [
                f"{path.relative_to(APP.parent)}:{node.lineno} {v.value}"
                for v in values
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value not in NOT_API_CODES
            ]
    assert spelled == [], "use app.errors.ErrorCode (add the code there): " + ", ".join(spelled)


def test_framework_errors_carry_codes_of_the_enum(client):
    unknown = client.get("/v1/no-such-thing")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "not_found")
    wrong_method = client.put("/healthz")
    assert (wrong_method.status_code, wrong_method.json()["error"]["code"]) == (405, "method_not_allowed")
