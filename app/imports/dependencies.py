"""The body of POST /imports: its format from Content-Type, its size capped while read."""

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from app.core.errors import DomainError
from app.imports.reader import MEDIA_TYPES, Entry, Format, document_entries, ndjson_entries

MAX_BODY_BYTES = 50 * 1024 * 1024


class PayloadTooLarge(DomainError):
    status = 413
    slug = "payload-too-large"
    title = "Payload too large"


class UnsupportedMediaType(DomainError):
    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported media type"


@dataclass(frozen=True)
class ImportBody:
    """The request's bytes and the format its Content-Type names."""

    fmt: Format
    content: bytes

    def entries(self) -> Iterator[Entry]:
        if self.fmt == "ndjson":
            # Lines as a file yields them (split on \n alone), one at a time.
            return ndjson_entries(io.BytesIO(self.content))
        return document_entries(self.content, self.fmt)


async def import_body(request: Request) -> ImportBody:
    """Read the body, refusing an unknown media type (415) or more than the cap (413)."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    fmt = MEDIA_TYPES.get(media_type)
    if fmt is None:
        raise UnsupportedMediaType(
            f"Send application/x-ndjson (one record a line) or a seed document as "
            f"application/json or application/yaml, not {media_type or 'no Content-Type'!r}."
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    body = bytearray()
    # Counted as it arrives: a chunked body has no Content-Length to refuse it by.
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _too_large()
    return ImportBody(fmt, bytes(body))


def _too_large() -> PayloadTooLarge:
    return PayloadTooLarge(
        f"An import body may hold at most {MAX_BODY_BYTES // (1024 * 1024)} MiB; split the "
        "file, or use `python -m app import FILE` on the server."
    )


ImportBodyDep = Annotated[ImportBody, Depends(import_body)]
