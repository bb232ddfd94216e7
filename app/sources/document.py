"""How sources travel as documents: seed files, NDJSON imports and exports."""

from collections.abc import Iterator

from app.core.registry import Document, Resolve
from app.imports.export import Record, claims_of
from app.imports.repository import Bundle
from app.models import Source
from app.seeding.plan import plan_sources
from app.seeding.schema import SourceIn


def _assemble(bundle: Bundle, source: Source) -> Record:
    textless = {"version": source.dataset_version, "licence": source.licence}
    return {
        "id": source.id,
        "kind": source.kind,
        "outlet": source.outlet_id,
        "title": source.title,
        "byline": source.byline,
        "language": source.language,
        "url": source.url,
        "published": source.published,
        **({} if source.text is not None else textless),
        "claims": claims_of(bundle, "source", source.id),
        **({"text": source.text} if source.text is not None else {}),  # last: the longest
    }


def _references(source: SourceIn) -> Iterator[tuple[str, str]]:
    if source.outlet is not None:
        yield "actor", source.outlet


def _redirect(source: SourceIn, resolve: Resolve) -> SourceIn:
    if source.outlet is None:
        return source
    return source.model_copy(update={"outlet": resolve("actor", source.outlet)})


SOURCE_DOCUMENT = Document(
    model=SourceIn,
    order=2,
    plan=plan_sources,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    evidence=False,
    claims=True,
)
