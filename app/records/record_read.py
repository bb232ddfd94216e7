"""`GET /{collection}/{id}`: one record (with its includes) read, encoded and answered.

The route is async and reads in at most one thread-pool hop: the few statements of a record
and its includes, its encoding (orjson, once) and the ETag of the bytes (once). With the
answer cache on (app/records/cache.py), a reused answer costs one primary-key read of the
data version: on SQLite, read on the event loop, so no hop at all. A cached answer is marked
with its version, so the layer in front (app/records/replay.py) sends it again by itself.
"""

from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.data_version import data_version
from app.core.db import end_read
from app.core.formats import JSON, JSONLD, negotiate
from app.core.http import entity_tag
from app.core.jsonld import to_jsonld
from app.core.lookup import get_or_404
from app.core.query.include import expand, parse_include
from app.core.query.resource import ResourceSpec
from app.core.records import body_etag
from app.records.cache import Answer, Key, RecordCache, cache_key
from app.records.replay import mark


class RecordReader:
    """Answers one collection's record GETs."""

    def __init__(self, spec: ResourceSpec, record_type: str, cache: RecordCache | None) -> None:
        self.spec = spec
        self.record_type = record_type
        self.cache = cache

    async def answer(
        self, session: Session, request: Request, record_id: str, include: str | None
    ) -> Response:
        key, version = cache_key(request), None
        if self.cache is not None and _local(session):
            # SQLite: the version is a primary-key read of a local file (WAL readers never
            # wait for a writer), microseconds, cheaper on the loop than a hop.
            version = _version(session)
            if (found := self.cache.get(key, version)) is not None:
                mark(request.scope, _engine(session), version)
                return found.response()
        args = (session, request, record_id, include, key, version)
        return await run_in_threadpool(self._read, *args)

    def _read(
        self,
        session: Session,
        request: Request,
        record_id: str,
        include: str | None,
        key: Key,
        version: int | None,
    ) -> Response:
        if self.cache is None:
            answer = self.encode(session, request, record_id, include)
        else:
            if version is None:
                version = _version(session)
            found = self.cache.get(key, version)
            answer = found or self.encode(session, request, record_id, include)
            if found is None:
                self.cache.put(key, version, answer)
            mark(request.scope, _engine(session), version)
        end_read(session)
        return answer.response()

    def encode(
        self, session: Session, request: Request, record_id: str, include: str | None
    ) -> Answer:
        """The record's answer as bytes, with their ETag; 404, 308 or 400 as problems."""
        spec = self.spec
        row = get_or_404(session, spec.table, record_id, self.record_type)
        tree = parse_include(spec, include)
        body = spec.convert(session, [row])[0].model_dump(mode="json")
        if negotiate(request, (JSON, JSONLD)) == JSONLD:
            return _encoded(to_jsonld(body, request), JSONLD)
        if tree:
            # Another representation than the record's own: the ETag hashes these bytes.
            expand(session, [row], [body], tree)
            return _encoded(body, JSON)
        # The record's own ETag, the one writes check If-Match against.
        return Answer(orjson.dumps(body), JSON, body_etag(body))


def _encoded(body: Any, media_type: str) -> Answer:
    encoded = orjson.dumps(body)
    return Answer(encoded, media_type, entity_tag(encoded))


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _version(session: Session) -> int:
    # A Core connection of the session's engine, not the session's transaction: the ORM's
    # transaction bookkeeping cost more than the statement. Read before the record, always.
    with _engine(session).connect() as connection:
        return data_version(connection)


def _local(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"
