"""What /claims and /evidence can be filtered, sorted and included by."""

from sqlmodel import col

from app.core.deferred import TEXT_FREE
from app.core.query.facets import by_column
from app.core.query.fields import Field, Kind
from app.core.query.loaders import referenced
from app.core.query.resource import Include, ResourceSpec
from app.core.vocab import Rank
from app.models import Claim, Evidence, Source
from app.provenance.queries import evidence_from, provenance_includes
from app.provenance.schemas import ClaimRead, EvidenceRead
from app.provenance.service import read_claims, read_evidence

CLAIMS = ResourceSpec(
    name="claims",
    table=Claim,
    read_model=ClaimRead,
    convert=read_claims,
    fields=(
        Field("id", Kind.ID, col(Claim.id), "Claim id"),
        Field("subject_type", Kind.ID, col(Claim.subject_type), "Type of the record it is about"),
        Field("subject_id", Kind.ID, col(Claim.subject_id), "Id of the record it is about"),
        Field("property", Kind.ID, col(Claim.property), "Property"),
        Field("rank", Kind.ENUM, col(Claim.rank), "Rank", choices=Rank),
    ),
    relations=(evidence_from("claim", Claim.id),),
    includes=(provenance_includes("claim")[0],),
    facets=(
        by_column("property", col(Claim.property), "Claims by property."),
        by_column("rank", col(Claim.rank), "Claims by rank."),
    ),
)

EVIDENCE = ResourceSpec(
    name="evidence",
    table=Evidence,
    read_model=EvidenceRead,
    convert=read_evidence,
    fields=(
        Field("id", Kind.ID, col(Evidence.id), "Evidence id"),
        Field("kind", Kind.ID, col(Evidence.kind), "excerpt, located or record"),
        Field("source", Kind.ID, col(Evidence.source_id), "Source id"),
        Field("subject_type", Kind.ID, col(Evidence.subject_type), "Type of what it backs"),
        Field("subject_id", Kind.ID, col(Evidence.subject_id), "Id of what it backs"),
        Field("start", Kind.INT, col(Evidence.start_offset), "Offset of its first character"),
        Field("end", Kind.INT, col(Evidence.end_offset), "Offset past its last character"),
        Field("excerpt", Kind.TEXT, col(Evidence.excerpt), "Excerpt", sortable=False),
        Field("sentence", Kind.INT, col(Evidence.sentence), "Sentence number (located)"),
        Field("record", Kind.ID, col(Evidence.record), "Dataset row id (record)"),
        Field("field", Kind.ID, col(Evidence.field), "Dataset column (record)"),
    ),
    includes=(
        Include("source", "sources", referenced(Source, "source_id", TEXT_FREE), many=False),
    ),
    facets=(
        by_column("kind", col(Evidence.kind), "Evidence by kind."),
        by_column("source", col(Evidence.source_id), "Excerpts by source."),
        by_column("subject_type", col(Evidence.subject_type), "Excerpts by record type."),
    ),
)
