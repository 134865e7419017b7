"""Which differences between two OpenAPI documents break existing /v1 clients.

Breaking: a removed path or operation, a changed operation id, a removed success response, a removed
response field (or one that may now be missing), a newly required parameter or request field, a type
that changed (a response may not return a type old clients do not expect; a request must still accept
what old clients send), a request enum value that is no longer accepted. Additions are not breaking.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]


class _Comparer:
    def __init__(self, old: Schema, new: Schema) -> None:
        self.old, self.new = old, new
        self.problems: list[str] = []
        self._seen: set[tuple[str, str, str]] = set()

    def _resolve(self, document: Schema, schema: Schema) -> Schema:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = document["components"]["schemas"][name]
        return schema

    @staticmethod
    def _types(schema: Schema) -> set[str]:
        if "anyOf" in schema or "oneOf" in schema:
            found: set[str] = set()
            for variant in schema.get("anyOf", schema.get("oneOf", [])):
                found |= _Comparer._types(variant)
            return found
        if "$ref" in schema:
            return {"object:" + schema["$ref"].rsplit("/", 1)[-1]}
        kind = schema.get("type")
        if isinstance(kind, list):
            return set(kind)
        return {kind} if kind else set()  # an empty schema accepts anything

    @staticmethod
    def _unwrap_optional(schema: Schema) -> Schema:
        variants = schema.get("anyOf")
        if variants:
            solid = [v for v in variants if v.get("type") != "null"]
            if len(solid) == 1:
                return solid[0]
        return schema

    def _kinds(self, document: Schema, schema: Schema) -> set[str]:
        """Types with references reduced to their JSON type, so renaming a model is not a change."""
        kinds = set()
        for kind in self._types(schema):
            if kind.startswith("object:"):
                target = document["components"]["schemas"][kind.split(":", 1)[1]]
                kinds |= self._types(target) or {"object"}
            else:
                kinds.add(kind)
        return kinds

    def compare(self, old: Schema, new: Schema, where: str, direction: str) -> None:
        key = (repr(old)[:500], repr(new)[:500], direction)
        if key in self._seen:
            return
        self._seen.add(key)
        old_kinds, new_kinds = self._kinds(self.old, old), self._kinds(self.new, new)
        if old_kinds and new_kinds:
            unexpected = new_kinds - old_kinds if direction == "response" else old_kinds - new_kinds
            if unexpected:
                self.problems.append(f"{where}: type changed from {sorted(old_kinds)} to {sorted(new_kinds)}")
                return
        old_s = self._resolve(self.old, self._unwrap_optional(old))
        new_s = self._resolve(self.new, self._unwrap_optional(new))
        if direction == "request" and "enum" in old_s and "enum" in new_s:
            gone = set(old_s["enum"]) - set(new_s["enum"])
            if gone:
                self.problems.append(f"{where}: no longer accepts {sorted(gone)}")
        if direction == "response" and "enum" in old_s and "enum" in new_s:
            added = set(new_s["enum"]) - set(old_s["enum"])
            if added:
                self.problems.append(f"{where}: may now return unknown values {sorted(added)}")
        old_props, new_props = old_s.get("properties", {}), new_s.get("properties", {})
        old_required, new_required = set(old_s.get("required", [])), set(new_s.get("required", []))
        if direction == "response":
            for name in old_props:
                if name not in new_props:
                    self.problems.append(f"{where}: response field '{name}' removed")
                elif name in old_required and name not in new_required:
                    self.problems.append(f"{where}: response field '{name}' may now be missing")
        else:
            for name in sorted(new_required - old_required):
                self.problems.append(f"{where}: request field '{name}' is newly required")
        for name in old_props.keys() & new_props.keys():
            self.compare(old_props[name], new_props[name], f"{where}.{name}", direction)
        if "items" in old_s and "items" in new_s:
            self.compare(old_s["items"], new_s["items"], f"{where}[]", direction)

    def operation(self, where: str, old: Schema, new: Schema) -> None:
        if old.get("operationId") != new.get("operationId"):
            self.problems.append(
                f"{where}: operation id changed from {old.get('operationId')} to {new.get('operationId')}"
            )
        old_params = {(p["in"], p["name"]): p for p in old.get("parameters", [])}
        for param in new.get("parameters", []):
            previous = old_params.get((param["in"], param["name"]))
            label = f"{where} {param['in']} parameter '{param['name']}'"
            if param.get("required") and not (previous and previous.get("required")):
                self.problems.append(f"{label} is newly required")
            if previous is not None:
                self.compare(previous.get("schema", {}), param.get("schema", {}), label, "request")
        old_body, new_body = old.get("requestBody"), new.get("requestBody")
        if new_body and new_body.get("required") and not (old_body and old_body.get("required")):
            self.problems.append(f"{where}: a request body is newly required")
        if old_body and new_body:
            for media, content in old_body.get("content", {}).items():
                if media not in new_body.get("content", {}):
                    self.problems.append(f"{where}: request body as {media} no longer accepted")
                    continue
                new_schema = new_body["content"][media].get("schema", {})
                self.compare(content.get("schema", {}), new_schema, f"{where} body", "request")
        for status, response in old.get("responses", {}).items():
            new_response = new.get("responses", {}).get(status)
            if new_response is None:
                if status.startswith("2"):
                    self.problems.append(f"{where}: response {status} removed")
                continue
            for media, content in response.get("content", {}).items():
                new_content = new_response.get("content", {}).get(media)
                if new_content is None:
                    self.problems.append(f"{where}: response {status} no longer {media}")
                    continue
                self.compare(
                    content.get("schema", {}), new_content.get("schema", {}), f"{where} {status}", "response"
                )


def breaking_changes(old: Schema, new: Schema, prefix: str = "/v1") -> list[str]:
    """Human-readable breaking changes from `old` to `new` in the paths under `prefix`."""
    comparer = _Comparer(old, new)
    for path, operations in old.get("paths", {}).items():
        if not path.startswith(prefix):
            continue
        if path not in new.get("paths", {}):
            comparer.problems.append(f"{path}: path removed")
            continue
        for method, operation in operations.items():
            new_operation = new["paths"][path].get(method)
            if new_operation is None:
                comparer.problems.append(f"{method.upper()} {path}: operation removed")
            else:
                comparer.operation(f"{method.upper()} {path}", operation, new_operation)
    return comparer.problems
