"""`included` in the schema: each record type's includes, typed as the records they embed."""

from typing import Any

from app.core.query.resource import ResourceSpec
from app.core.registry import registry


def _collections(spec: dict[str, Any]) -> list[ResourceSpec]:
    """The query collections behind the document's paths (`/events`, `/actors`, …)."""
    found: dict[str, ResourceSpec] = {}
    for path in spec["paths"]:
        name = path.strip("/").split("/")[0]
        try:
            found.setdefault(name, registry().resource(name))
        except KeyError:
            continue  # not a query collection (/health, /graph, …)
    return list(found.values())


def _ref(spec: ResourceSpec) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{spec.read_model.__name__}"}


def included_schema(collection: ResourceSpec) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for include in collection.includes:
        target = _ref(registry().resource(include.target))
        properties[include.name] = (
            {"type": "array", "items": target}
            if include.many
            else {"anyOf": [target, {"type": "null"}]}
        )
    return {
        "type": "object",
        "description": "The related records `include=` asked for, by include name.",
        "properties": properties,
        "additionalProperties": False,
    }


def type_includes(spec: dict[str, Any]) -> None:
    """Give each record schema an optional `included` holding its includes' records."""
    schemas = spec.get("components", {}).get("schemas", {})
    for collection in _collections(spec):
        schema = schemas.get(collection.read_model.__name__)
        if schema is not None and collection.includes:
            schema.setdefault("properties", {})["included"] = included_schema(collection)
