"""Text with a NUL character (U+0000) is refused with 422 `nul_character`, on every database.

PostgreSQL cannot store NUL in text or JSON at all, SQLite can; no name, note or search a person types holds
one, so a NUL is a client's bug or a probe, and the same answer on both databases beats a silent strip.
The check sits where every value meets the database (each statement's parameters and the JSON encoder),
so no text field, query parameter or form field of any endpoint can slip past it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, event

from app.errors import ErrorCode, Unprocessable

NUL = "\x00"


class NulCharacter(Unprocessable):
    code = ErrorCode.NUL_CHARACTER


def _refuse() -> NulCharacter:
    return NulCharacter("Text must not contain NUL characters (U+0000).")


def holds_nul(value: Any) -> bool:
    """Whether a text anywhere inside `value` (nested lists, dicts, JSON wrappers) contains NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, Mapping):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return any(holds_nul(item) for item in value)
    wrapped = getattr(value, "obj", None)  # psycopg's Json/Jsonb wrappers keep the object as `.obj`
    return wrapped is not None and holds_nul(wrapped)


def without_nul(value: str | None) -> str | None:
    """A validator for input models: the text unchanged, or NulCharacter."""
    if value is not None and NUL in value:
        raise _refuse()
    return value


def json_serializer(value: Any) -> str:
    if holds_nul(value):
        raise _refuse()
    return json.dumps(value)


def _check_parameters(
    _conn: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any, _many: bool
) -> None:
    if holds_nul(parameters):
        raise _refuse()


def install(engine: Engine) -> None:
    event.listen(engine, "before_cursor_execute", _check_parameters)
