"""How sources travel as documents: seed files, NDJSON imports and exports."""

import hashlib
from collections.abc import Iterator, Sequence

from app.core.registry import Document, Gone, Resolve
from app.core.text import fold
from app.core.vocab import SourceKind
from app.imports.export import Record, claims_of
from app.imports.repository import Bundle
from app.models import Source
from app.seeding.plan import KnownIds, Plan, bounds, require
from app.seeding.rows import Row
from app.seeding.schema import SourceIn


def _plan(plan: Plan, sources: Sequence[SourceIn], ids: KnownIds) -> None:
    for source in sources:
        where = f"source {source.id!r}"
        plan.begin("source", source.id)
        require(plan, ids, "actor", source.outlet, where)
        preferred = plan.claims_for(("source", source.id), source.claims, where)
        published = plan.field(where, "published", source.published, preferred, required=False)
        start, end = bounds(published)
        holding = plan.texts.get(source.id, "")
        text = None if isinstance(holding, SourceKind) else holding
        plan.add(
            Row(
                Source,
                id=source.id,
                kind=source.kind.value,
                outlet_id=source.outlet,
                title=source.title,
                byline=source.byline,
                language=source.language,
                url=source.url,
                published=published,
                published_start=start,
                published_end=end,
                dataset_version=source.version,
                licence=source.licence,
                text=text,
                sha256=None if text is None else hashlib.sha256(text.encode()).hexdigest(),
                search_key=fold(f"{source.title} {source.byline or ''}"),
            )
        )


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


def _drop(source: SourceIn, gone: Gone) -> SourceIn:
    if source.outlet is None or not gone("actor", source.outlet):
        return source
    return source.model_copy(update={"outlet": None})


SOURCE_DOCUMENT = Document(
    model=SourceIn,
    order=2,
    plan=_plan,
    assemble=_assemble,
    references=_references,
    redirect=_redirect,
    drop=_drop,
    evidence=False,
    claims=True,
)
