"""Loader options that leave large columns unread wherever a response does not show them."""

from sqlalchemy.orm import defer

from app.models import Source

# Article bodies: read only by /sources/{id}/text, search and excerpt checks.
TEXT_FREE = (defer(Source.text), defer(Source.search_key))  # type: ignore[arg-type]
