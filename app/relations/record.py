"""The participation and relationship record types, declared once."""

from pydantic import TypeAdapter

from app.core.registry import RecordType
from app.core.timespec import TimeSpec
from app.core.vocab import Role
from app.models import Participation, Relationship
from app.relations.document import RELATIONSHIP_DOCUMENT
from app.relations.resource import PARTICIPATIONS, RELATIONSHIPS
from app.relations.write import PARTICIPATIONS as PARTICIPATION_WRITES
from app.relations.write import RELATIONSHIPS as RELATIONSHIP_WRITES

PARTICIPATION = RecordType(
    name="participation",
    table=Participation,
    collection="participations",
    label="role",
    example_id="nac-decides-rok-nato-office--north-atlantic-council--decision_maker",
    resource=PARTICIPATIONS,
    write=PARTICIPATION_WRITES,
    field_properties={"role": TypeAdapter(Role), "description": TypeAdapter(str)},
)

RELATIONSHIP = RecordType(
    name="relationship",
    table=Relationship,
    collection="relationships",
    label="relationship_type",
    example_id="south-korea--partner_of--nato",
    resource=RELATIONSHIPS,
    write=RELATIONSHIP_WRITES,
    field_properties={
        "start": TypeAdapter(TimeSpec),
        "end": TypeAdapter(TimeSpec),
        "description": TypeAdapter(str),
    },
    document=RELATIONSHIP_DOCUMENT,
)
