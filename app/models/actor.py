from sqlmodel import Field

from app.models.base import ID_LENGTH, Timestamped


class Actor(Timestamped, table=True):
    """A person, state, organisation, body, mission or outlet that takes part in events."""

    id: str = Field(primary_key=True, max_length=ID_LENGTH)
    kind: str = Field(index=True, max_length=40)
    name: str = Field(max_length=500)
    description: str = Field(default="")
