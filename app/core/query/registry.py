"""Collections by name, so includes can name their target without import cycles."""

from app.core.query.resource import ResourceSpec
from app.core.registry import registry


def resource(name: str) -> ResourceSpec:
    return registry().resource(name)
