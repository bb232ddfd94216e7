"""How declared attributes appear in responses: one typed, optional field per attribute."""

from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    create_model,
    model_serializer,
)

from app.attributes.declarations import Attribute, declared
from app.core.vocab import AttributeType

_PYTHON_TYPES: dict[AttributeType, type] = {
    AttributeType.INTEGER: int,
    AttributeType.NUMBER: float,
    AttributeType.CODE: str,
    AttributeType.TEXT: str,
}


class Attributes(BaseModel):
    """The values a record shows for its declared attributes; absent ones are left out."""

    model_config = ConfigDict(extra="forbid")

    # No return annotation: pydantic then documents the model's own typed fields.
    @model_serializer(mode="wrap")
    def _present(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        shown: dict[str, Any] = handler(self)
        return {name: value for name, value in shown.items() if value is not None}


def _field(attribute: Attribute) -> Any:
    unit = f" ({attribute.unit})" if attribute.unit else ""
    description = f"{attribute.label}{unit}: {attribute.description}"
    return (_PYTHON_TYPES[attribute.type] | None, Field(default=None, description=description))


@cache
def attributes_model(applies_to: str) -> type[Attributes]:
    """The typed `attributes` object of one record type (`EventAttributes`, …)."""
    fields = {name: _field(a) for name, a in declared(applies_to).items()}
    name = "".join(part.title() for part in applies_to.split("_")) + "Attributes"
    model: type[Attributes] = create_model(name, __base__=Attributes, **fields)
    model.__doc__ = f"The {applies_to}'s declared attributes (see /vocabularies/attribute)."
    return model


def shown(attribute: Attribute, number: float | None, code: str | None, text: str | None) -> Any:
    """A stored attribute value in its declared type."""
    if attribute.type is AttributeType.INTEGER and number is not None:
        return int(number)
    if attribute.numeric:
        return number
    return code if attribute.type is AttributeType.CODE else text


if TYPE_CHECKING:  # mypy sees the base; the app and OpenAPI see each type's typed fields
    EventAttributes = Attributes
    ActorAttributes = Attributes
    ParticipationAttributes = Attributes
else:
    EventAttributes = attributes_model("event")
    ActorAttributes = attributes_model("actor")
    ParticipationAttributes = attributes_model("participation")
