"""Service-level routes: health and the controlled vocabularies."""

import inspect
from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy import text

from app.attributes import declarations
from app.attributes.declarations import ATTRIBUTES
from app.core.db import SessionDep
from app.core.errors import PROBLEM_RESPONSES, NotFound
from app.core.vocab import VOCABULARIES as CONTROLLED
from app.importers.mappings import MAPPING_VOCABULARIES
from app.meta.schemas import Health, Term, Vocabulary

router = APIRouter(tags=["meta"], responses=PROBLEM_RESPONSES)
# The controlled vocabularies, then the importers' documented code mappings.
VOCABULARIES = CONTROLLED | MAPPING_VOCABULARIES


def _attributes() -> Vocabulary:
    return Vocabulary(
        id="attribute",
        description=inspect.getdoc(declarations) or "Declared attributes.",
        terms=[
            Term(
                value=a.name,
                definition=a.description,
                applies_to=a.applies_to,
                value_type=a.type.value,
                label=a.label,
                unit=a.unit,
            )
            for a in ATTRIBUTES
        ],
    )


def _vocabulary(name: str) -> Vocabulary:
    if name == "attribute":
        return _attributes()
    enum = VOCABULARIES[name]
    return Vocabulary(
        id=name,
        description=inspect.getdoc(enum) or f"The values of `{name}`.",
        terms=[Term(value=m.value, definition=m.definition) for m in enum],
    )


@router.get("/health", response_model=Health)
def health(session: SessionDep) -> Health:
    """Whether the service is up and its database answers."""
    session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    return Health(status="ok", database=session.get_bind().dialect.name)


@router.get("/vocabularies", response_model=list[Vocabulary], response_model_exclude_none=True)
def list_vocabularies() -> list[Vocabulary]:
    """Every controlled vocabulary (event types, roles, kinds, …, declared attributes)."""
    return [_vocabulary(name) for name in [*VOCABULARIES, "attribute"]]


@router.get(
    "/vocabularies/{vocabulary_id}", response_model=Vocabulary, response_model_exclude_none=True
)
def get_vocabulary(
    vocabulary_id: Annotated[str, Path(description="A vocabulary id.", examples=["event_type"])],
) -> Vocabulary:
    """One controlled vocabulary."""
    if vocabulary_id not in VOCABULARIES and vocabulary_id != "attribute":
        raise NotFound(f"No vocabulary {vocabulary_id!r}; see /vocabularies.")
    return _vocabulary(vocabulary_id)
