"""What an API key may do. The one list of scopes: routes require them, keys carry them.

Sessions and password tokens may do everything; an API key only what it was created with (every scope
unless narrowed). A request whose key lacks a route's scope answers 403 `insufficient_scope`.
"""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    CONTACTS_READ = "contacts:read"
    CONTACTS_WRITE = "contacts:write"
    SCANS_READ = "scans:read"
    SCANS_WRITE = "scans:write"
    EVENTS_READ = "events:read"
    EVENTS_WRITE = "events:write"
    SETTINGS_READ = "settings:read"
    SETTINGS_WRITE = "settings:write"
    SYNC_READ = "sync:read"
    WEBHOOKS = "webhooks"
    API_KEYS = "api-keys"


SCOPE_DESCRIPTIONS: dict[str, str] = {
    Scope.CONTACTS_READ: "Read contacts, follow-ups, companies and exports.",
    Scope.CONTACTS_WRITE: "Create, change, merge, import and delete contacts; act on follow-ups.",
    Scope.SCANS_READ: "Read scans and their images.",
    Scope.SCANS_WRITE: "Upload card photos and retry scans.",
    Scope.EVENTS_READ: "Read events.",
    Scope.EVENTS_WRITE: "Create, change and delete events.",
    Scope.SETTINGS_READ: "Read your account and settings.",
    Scope.SETTINGS_WRITE: "Change your settings, password and calendar feed; sign out everywhere.",
    Scope.SYNC_READ: "Delta sync: everything the account holds, and what changed since a cursor.",
    Scope.WEBHOOKS: "Register and manage webhook endpoints.",
    Scope.API_KEYS: "Create, list and revoke API keys (never with more scopes than the creating key).",
}

ALL_SCOPES: tuple[str, ...] = tuple(scope.value for scope in Scope)
