"""Every writable record type, registered by importing its module."""

from app.curation import actors, events, places, provenance, relations, sources  # noqa: F401
from app.curation.spec import all_specs

WRITE_SPECS = all_specs()
