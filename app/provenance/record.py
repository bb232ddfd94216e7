"""The claim and evidence record types, declared once."""

from typing import Any

from fastapi import Request

from app.core.jsonld import node
from app.core.registry import RecordType
from app.models import Claim, Evidence
from app.provenance.resource import CLAIMS, EVIDENCE
from app.provenance.write import CLAIMS as CLAIM_WRITES
from app.provenance.write import EVIDENCE as EVIDENCE_WRITES


def _jsonld(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "@type": "Claim",
        "about": node(request, item["subject"]),
        "era:property": item["property"],
        "era:value": item["value"],
        "era:rank": item["rank"],
        "appearance": [node(request, s) for s in item["sources"]],
        "text": [e["excerpt"] for e in item["evidence"]],
    }


CLAIM = RecordType(
    name="claim",
    table=Claim,
    collection="claims",
    label="property",
    example_id="clm-9a937698d9b4",
    resource=CLAIMS,
    write=CLAIM_WRITES,
    tag="provenance",
    evidence_route=False,
    list_doc="List every sourced value of every record, with rank and evidence.",
    jsonld=_jsonld,
)

EVIDENCE_TYPE = RecordType(
    name="evidence",
    table=Evidence,
    collection="evidence",
    label="excerpt",
    example_id="evd-81145b5e8fac",
    resource=EVIDENCE,
    write=EVIDENCE_WRITES,
    tag="provenance",
    evidence_route=False,
    list_doc="List every excerpt, with the record or claim it supports.",
)
