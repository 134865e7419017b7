"""Who may manage webhooks: a signed-in user whose credentials carry the scope (app/scopes.py).

Routes depend on `require_scope("webhooks")`: sessions and password tokens hold every scope, an API key
only those it was created with (403 `insufficient_scope` otherwise, shown in the route's OpenAPI security).
"""

# No `from __future__ import annotations`: the dependency's annotation names the local `scope`.

from collections.abc import Callable
from typing import Annotated

from fastapi import Security

from app.deps import get_current_user
from models import User


def require_scope(scope: str) -> Callable[[User], User]:
    def _signed_in(user: Annotated[User, Security(get_current_user, scopes=[scope])]) -> User:
        return user

    _signed_in.__name__ = f"require_{scope.replace(':', '_').replace('-', '_')}"
    return _signed_in
