"""Provenance reads: evidence and claims for records, and the disagreements between sources."""

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from app.core.records import RecordKey, RecordRef, resolve_refs
from app.core.vocab import DisagreementKind, EvidenceKind, NameKind
from app.models import ActorName, Claim, Evidence
from app.provenance import repository
from app.provenance.schemas import (
    Account,
    ClaimRead,
    Disagreement,
    EvidenceRead,
    RecordEvidence,
)

# Spellings of one name; an alias ("Korea" for South Korea) is another name, not a rival.
_SPELLING_KINDS = {
    NameKind.CANONICAL.value,
    NameKind.VARIANT.value,
    NameKind.MISSPELLING.value,
    NameKind.GARBLED.value,
}


def read_evidence(session: Session, rows: Sequence[Evidence]) -> list[EvidenceRead]:
    """Evidence rows as the API shows them, with their subject and source named."""
    keys = {(r.subject_type, r.subject_id) for r in rows} | {("source", r.source_id) for r in rows}
    refs = resolve_refs(session, keys)
    return [
        EvidenceRead(
            id=row.id,
            kind=EvidenceKind(row.kind),
            subject=refs[(row.subject_type, row.subject_id)],
            source=refs[("source", row.source_id)],
            excerpt=row.excerpt,
            start=row.start_offset,
            end=row.end_offset,
            sentence=row.sentence,
            record=row.record,
            field=row.field,
        )
        for row in rows
    ]


def read_claims(session: Session, claims: Sequence[Claim]) -> list[ClaimRead]:
    """Claims with their evidence and sources, in a fixed number of queries."""
    evidence = repository.evidence_for(session, [("claim", c.id) for c in claims])
    shown = {e.id: e for e in read_evidence(session, [e for es in evidence.values() for e in es])}
    refs = resolve_refs(session, {(c.subject_type, c.subject_id) for c in claims})
    result = []
    for claim in claims:
        items = [shown[e.id] for e in evidence.get(("claim", claim.id), [])]
        result.append(
            ClaimRead(
                id=claim.id,
                subject=refs[(claim.subject_type, claim.subject_id)],
                property=claim.property,
                value=claim.value,
                rank=claim.rank,
                note=claim.note,
                disagreement=claim.disagreement,
                sources=_distinct_sources(items),
                evidence=items,
            )
        )
    return result


def _distinct_sources(items: Sequence[EvidenceRead]) -> list[RecordRef]:
    return list({e.source.id: e.source for e in items}.values())


def record_evidence(session: Session, key: RecordKey) -> RecordEvidence:
    """Why we believe one record: its own evidence and its claims with theirs."""
    direct = repository.evidence_for(session, [key]).get(key, [])
    claims = repository.claims_for(session, [key]).get(key, [])
    return RecordEvidence(
        record=resolve_refs(session, [key])[key],
        evidence=read_evidence(session, direct),
        claims=read_claims(session, claims),
    )


def disagreements(session: Session) -> list[Disagreement]:
    """Every property for which the sources give more than one value, each account kept."""
    found = _claim_disagreements(session) + _spelling_disagreements(session)
    return sorted(found, key=lambda d: d.id)


def _claim_disagreements(session: Session) -> list[Disagreement]:
    groups: dict[tuple[str, str, str], list[ClaimRead]] = defaultdict(list)
    for claim in read_claims(session, repository.contested_claims(session)):
        groups[(claim.subject.type, claim.subject.id, claim.property)].append(claim)
    result = []
    for (subject_type, subject_id, prop), claims in groups.items():
        by_source: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            for source in claim.sources:
                by_source[source.id].add(_key(claim.value))
        if not _rivals(list(by_source.values())):
            continue
        result.append(
            Disagreement(
                id=f"{subject_type}:{subject_id}:{prop}",
                subject=claims[0].subject,
                property=prop,
                kind=_kind(claims),
                accounts=[
                    Account(
                        value=c.value,
                        rank=c.rank,
                        claim_id=c.id,
                        sources=c.sources,
                        evidence=c.evidence,
                    )
                    for c in claims
                ],
            )
        )
    return result


def _spelling_disagreements(session: Session) -> list[Disagreement]:
    pairs = repository.attested_spellings(session, _SPELLING_KINDS)
    shown = {e.id: e for e in read_evidence(session, [e for _, e in pairs])}
    # (actor, lang) -> source -> spellings it uses; and spelling -> its evidence
    used: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    backing: dict[tuple[str, str], dict[str, list[EvidenceRead]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for name, evidence in pairs:
        used[(name.actor_id, name.lang)][evidence.source_id].add(name.name)
        backing[(name.actor_id, name.lang)][name.name].append(shown[evidence.id])
    actors = resolve_refs(session, {("actor", actor_id) for actor_id, _ in used})
    result = []
    for (actor_id, lang), by_source in used.items():
        if not _rivals(list(by_source.values())):
            continue
        result.append(
            Disagreement(
                id=f"actor:{actor_id}:name:{lang}",
                subject=actors[("actor", actor_id)],
                property="name",
                kind=DisagreementKind.WORDING.value,  # spellings of one name
                qualifier={"lang": lang},
                accounts=[
                    Account(
                        value=spelling, rank=None, sources=_distinct_sources(items), evidence=items
                    )
                    for spelling, items in sorted(backing[(actor_id, lang)].items())
                ],
            )
        )
    return result


# Strongest first: one contradicting account makes the whole disagreement a contradiction.
_KIND_ORDER = [DisagreementKind.CONTRADICTION, DisagreementKind.PRECISION, DisagreementKind.WORDING]


def _kind(claims: Sequence[ClaimRead]) -> str:
    """The disagreement's kind, from its accounts' labels; unlabelled counts as contradiction
    (a curator has not said the accounts can both be true)."""
    labels = {c.disagreement for c in claims if c.disagreement}
    if not labels:
        return DisagreementKind.CONTRADICTION.value
    return next(k.value for k in _KIND_ORDER if k.value in labels)


def _rivals(spellings: list[set[str]]) -> bool:
    """Whether two sources each give a value (or spelling) the other does not.

    One article giving several values is not a disagreement, and neither is a source that
    gives fewer of the same values ("Yoon" beside "Yoon Suk-yeol").
    """
    return any(not (a <= b or b <= a) for i, a in enumerate(spellings) for b in spellings[i + 1 :])


def _key(value: Any) -> str:
    """What makes two values differ; a time's wording (it is the evidence) or the note on what
    it was inferred from does not."""
    if isinstance(value, dict) and "as_reported" in value:
        value = {k: v for k, v in value.items() if k not in ("as_reported", "inferred")}
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def attestations(session: Session, names: Sequence[ActorName]) -> dict[str, list[RecordRef]]:
    """For each name id, the sources whose text uses that spelling."""
    evidence = repository.evidence_for(session, [("actor_name", n.id) for n in names])
    refs = resolve_refs(session, {("source", e.source_id) for es in evidence.values() for e in es})
    return {
        name_id: list({e.source_id: refs[("source", e.source_id)] for e in rows}.values())
        for (_, name_id), rows in evidence.items()
    }
