"""`fields=`: the top-level fields a list shows (id and type always come)."""

from app.core.errors import BadParameter
from app.core.query.resource import ResourceSpec

ALWAYS = ("id", "type")


def parse_fields(spec: ResourceSpec, text: str | None) -> set[str] | None:
    """The top-level fields to keep; unknown names are a 400 naming `fields`."""
    if not text:
        return None
    aliases: dict[str, str] = dict(spec.extra.get("field_aliases", {}))
    known = set(spec.read_model.model_fields) | {"included"}
    wanted = set()
    for name in (n.strip() for n in text.split(",") if n.strip()):
        name = aliases.get(name, name)
        if name not in known:
            raise BadParameter(
                "query.fields", f"unknown field {name!r}; fields: {', '.join(sorted(known))}"
            )
        wanted.add(name)
    return wanted | set(ALWAYS)
