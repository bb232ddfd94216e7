"""The actor record type (and its names), declared once."""

from typing import Any

from fastapi import APIRouter, Request
from pydantic import TypeAdapter
from sqlmodel import col, or_

from app.actors.document import ACTOR_DOCUMENT
from app.actors.resource import ACTOR_NAMES, ACTORS
from app.actors.write import ACTORS as ACTOR_WRITES
from app.core.registry import RecordType, SubList
from app.models import Actor, ActorName, Participation, Relationship

_ORGANISATION_TYPES = {
    "state": "Country",
    "media_outlet": "NewsMediaOrganization",
    "government": "GovernmentOrganization",
    "government_ministry": "GovernmentOrganization",
    "government_body": "GovernmentOrganization",
    "diplomatic_mission": "GovernmentOrganization",
}


def _jsonld(item: dict[str, Any], _: Request) -> dict[str, Any]:
    kind = item["kind"]
    schema_type = "Person" if kind == "person" else _ORGANISATION_TYPES.get(kind, "Organization")
    wikidata = item["identifiers"].get("wikidata")
    return {
        "@type": schema_type,
        "name": item["name"],
        "description": item["description"],
        "alternateName": sorted({n["name"] for n in item["names"]} - {item["name"]}),
        "sameAs": [f"https://www.wikidata.org/wiki/{wikidata}"] if wikidata else [],
    }


def _either_end(actor_id: str) -> Any:
    return or_(col(Relationship.subject_id) == actor_id, col(Relationship.object_id) == actor_id)


def _routes(router: APIRouter) -> None:
    # Imported when an app is built, not with the declaration: the CLI builds the registry
    # too, and has no use for routes (FastAPI builds each route as its module is imported).
    from app.actors.router import add_actor_routes

    add_actor_routes(router)


ACTOR = RecordType(
    name="actor",
    table=Actor,
    collection="actors",
    label="name",
    example_id="yoon-suk-yeol",
    resource=ACTORS,
    write=ACTOR_WRITES,
    list_doc="List actors, each with every spelling of its name: filter, sort, include, "
    "pick fields; a page at a time.",
    get_doc="One actor with its names, their languages and the articles that use them.",
    routes=_routes,
    sublists=(
        SubList(
            "events",
            "participations",
            lambda actor_id: col(Participation.actor_id) == actor_id,
            "The events an actor takes part in, one item per event and role (`include=event`).",
        ),
        SubList(
            "relationships",
            "relationships",
            _either_end,
            "Relationships in which the actor is the subject or the object.",
        ),
    ),
    field_properties={"description": TypeAdapter(str)},
    jsonld=_jsonld,
    document=ACTOR_DOCUMENT,
)

# One spelling of an actor's name: written as part of its actor, read on its own.
ACTOR_NAME = RecordType(
    name="actor_name",
    table=ActorName,
    collection="actor-names",
    label="name",
    # "Yun Seok-yeol", the News article's spelling of President Yoon's name.
    example_id="name-80963f60e2fe",
    resource=ACTOR_NAMES,
    tag="actors",
    list_doc="List every spelling of every actor's name, with its flags and origin.",
    get_doc="One spelling of an actor's name, the actor and the articles that use it.",
)
