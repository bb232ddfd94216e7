"""Every table class, imported here so the metadata and Alembic see them all."""

from app.models.actor import Actor
from app.models.actor_identifier import ActorIdentifier
from app.models.actor_name import ActorName
from app.models.api_key import ApiKey
from app.models.attribute_value import AttributeValue
from app.models.change import Change
from app.models.claim import Claim
from app.models.data_version import DataVersion
from app.models.event import Event
from app.models.event_link import EventLink
from app.models.event_source import EventSource
from app.models.evidence import Evidence
from app.models.idempotency_record import IdempotencyRecord
from app.models.participation import Participation
from app.models.place import Place
from app.models.place_identifier import PlaceIdentifier
from app.models.place_name import PlaceName
from app.models.quote import Quote
from app.models.rate_limit_window import RateLimitWindow
from app.models.redirect import Redirect
from app.models.relationship import Relationship
from app.models.server_secret import ServerSecret
from app.models.source import Source

__all__ = [
    "Actor",
    "ActorIdentifier",
    "ActorName",
    "ApiKey",
    "AttributeValue",
    "Change",
    "Claim",
    "DataVersion",
    "Event",
    "EventLink",
    "EventSource",
    "Evidence",
    "IdempotencyRecord",
    "Participation",
    "Place",
    "PlaceIdentifier",
    "PlaceName",
    "Quote",
    "RateLimitWindow",
    "Redirect",
    "Relationship",
    "ServerSecret",
    "Source",
]
