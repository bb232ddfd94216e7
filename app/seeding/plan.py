"""Turn validated seed data into table rows, checking every reference and every excerpt.

The generic part: the plan and its checks. Each record type plans its own documents
(`app/events/document.py`); `build_plan` runs them in the registry's order. Nothing here
touches the database: a plan with errors is refused before any write.
"""

import json
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from app.attributes.declarations import attribute_adapters
from app.core.evidence import Holding, evidence_values, holding_fault
from app.core.properties import field_properties, plain
from app.core.registry import registry
from app.core.text import stable_id
from app.core.timespec import TimeSpec
from app.core.vocab import Rank, SourceKind
from app.models import Claim, Evidence
from app.seeding.rows import Row
from app.seeding.schema import ClaimIn, EvidenceIn

# A top-level record of the seed format: its kind (place, actor, source, event,
# relationship) and id. Every row and every fault of a plan belongs to one.
Owner = tuple[str, str]


@dataclass
class Plan:
    """The rows a seed run wants in the database, in insertion order, and what is wrong."""

    texts: Mapping[str, Holding]  # each cited source's text, or its kind if it has none
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    claims: dict[str, Row] = field(default_factory=dict)
    evidence_sources: set[str] = field(default_factory=set)
    # Which record each row and each error came from, so an import can report by line
    # and replace a record's rows as a whole.
    owner: Owner = ("", "")
    rows_by_owner: dict[Owner, list[Row]] = field(default_factory=dict)
    faults: list[tuple[Owner, str]] = field(default_factory=list)

    def begin(self, kind: str, record_id: str) -> None:
        """Attribute the rows and errors that follow to this record."""
        self.owner = (kind, record_id)
        self.rows_by_owner.setdefault(self.owner, [])

    def add(self, row: Row) -> None:
        self.rows.append(row)
        self.rows_by_owner[self.owner].append(row)

    def fail(self, message: str) -> None:
        self.errors.append(message)
        self.faults.append((self.owner, message))

    def evidence(self, subject: tuple[str, str], items: Sequence[EvidenceIn], where: str) -> None:
        """Check each item against its source and add it as evidence for `subject`."""
        for item in items:
            fault = holding_fault(self.texts.get(item.source), item)
            if fault is not None:
                self.fail(f"{where}: {fault}")
                continue
            self.evidence_sources.add(item.source)
            self.add(Row(Evidence, **evidence_values(subject, item)))

    def claims_for(
        self, subject: tuple[str, str], claims: list[ClaimIn], where: str
    ) -> dict[str, Any]:
        """Add the claims; return the preferred value of each field property they cover."""
        if not claims:  # most subjects (every participation of a bulk import) have none
            return {}
        adapters = {**field_properties(subject[0]), **attribute_adapters(subject[0])}
        preferred: dict[str, Any] = {}
        for claim_in in claims:
            label = f"{where} claim {claim_in.property!r}"
            value = claim_in.value
            if claim_in.property in adapters:
                try:
                    value = plain(adapters[claim_in.property].validate_python(value))
                except ValidationError as exc:
                    self.fail(f"{label}: bad value: {exc.errors()[0]['msg']}")
                    continue
            if claim_in.rank is Rank.PREFERRED:
                if claim_in.property in preferred:
                    self.fail(f"{label}: more than one preferred claim")
                preferred[claim_in.property] = value
            self._add_claim(subject, claim_in, value, label)
        return preferred

    def _add_claim(
        self, subject: tuple[str, str], claim_in: ClaimIn, value: Any, label: str
    ) -> None:
        key = json.dumps(value, sort_keys=True, ensure_ascii=False)
        claim_id = stable_id("clm", *subject, claim_in.property, key)
        existing = self.claims.get(claim_id)
        if existing is not None and existing.values["rank"] != claim_in.rank.value:
            self.fail(f"{label}: the same value is given twice with different ranks")
        if existing is None:
            claim = Row(
                Claim,
                id=claim_id,
                subject_type=subject[0],
                subject_id=subject[1],
                property=claim_in.property,
                value=value,
                rank=claim_in.rank.value,
                note=claim_in.note,
                disagreement=claim_in.disagreement and claim_in.disagreement.value,
            )
            self.claims[claim_id] = claim
            self.add(claim)
        self.evidence(("claim", claim_id), claim_in.evidence, label)

    def field(
        self, where: str, name: str, given: Any, preferred: dict[str, Any], *, required: bool
    ) -> Any:
        """A field's value: as given, else the preferred claim's; both must agree."""
        given = plain(given)
        if name in preferred:
            if given is not None and given != preferred[name]:
                self.fail(
                    f"{where}: field {name!r} is {given!r} but its preferred claim says "
                    f"{preferred[name]!r}"
                )
            return preferred[name]
        if given is None and required:
            self.fail(f"{where}: {name!r} is missing and no claim is preferred")
        return given


def bounds(spec: Any) -> tuple[Any, Any]:
    if spec is None:
        return None, None
    return TimeSpec.model_validate(spec).bounds()


KnownIds = Mapping[str, Container[str]]


Records = Mapping[str, Sequence[Any]]  # validated documents, by kind


def build_plan(
    records: Records, texts: Mapping[str, Holding], known: KnownIds | None = None
) -> Plan:
    """Every row the documents stand for; `plan.errors` lists what is wrong with them.

    Each kind is planned by its record type's declaration, in the registry's order.
    References must name a record in `records`, or in `known` (by kind) when given: an
    import passes ids and texts that also consult the database.
    """
    textless = {s.id: s.kind for s in records.get("source", ()) if s.kind is not SourceKind.ARTICLE}
    plan = Plan(texts={**texts, **textless})
    documented = registry().documented()
    if known is None:
        known = {
            t.name: {registry().document(t.name).record_id(r) for r in records.get(t.name, ())}
            for t in documented
        }
    for record_type in documented:
        registry().document(record_type.name).plan(plan, records.get(record_type.name, ()), known)
    return plan


def require(plan: Plan, ids: KnownIds, kind: str, value: str | None, where: str) -> None:
    if value is not None and value not in ids[kind]:
        plan.fail(f"{where}: unknown {kind} {value!r}")
