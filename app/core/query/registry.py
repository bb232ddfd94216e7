"""Collections by name, so includes can name their target without import cycles."""

from app.core.query.resource import ResourceSpec

_RESOURCES: dict[str, ResourceSpec] = {}


def register(spec: ResourceSpec) -> ResourceSpec:
    _RESOURCES[spec.name] = spec
    return spec


def resource(name: str) -> ResourceSpec:
    return _RESOURCES[name]
