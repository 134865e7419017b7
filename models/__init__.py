"""SQLAlchemy 2.0 models. Importing this package registers every table on `Base.metadata`."""

from models.base import Base
from models.contact import Contact, ContactMerge, FollowUp
from models.event import Event
from models.match_key import ContactMatchKey
from models.scan import Scan
from models.sync import SyncChange, SyncCounter
from models.user import ApiKey, User
from models.webhook import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "Base",
    "Contact",
    "ContactMatchKey",
    "ContactMerge",
    "Event",
    "FollowUp",
    "Scan",
    "SyncChange",
    "SyncCounter",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
