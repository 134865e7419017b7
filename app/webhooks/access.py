"""Who may manage webhooks: the signed-in user. The seam for scoped API keys: routes depend on
`require_scope("webhooks")`; until API keys carry scopes (issue 15, item 3) every credential of the user
holds every scope, so this dependency is the signed-in user."""

from __future__ import annotations

from collections.abc import Callable

from app.deps import CurrentUser
from models import User


def require_scope(scope: str) -> Callable[[User], User]:
    def _signed_in(user: CurrentUser) -> User:
        return user

    _signed_in.__name__ = f"require_{scope.replace(':', '_').replace('-', '_')}"
    return _signed_in
