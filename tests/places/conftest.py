"""The curation fixtures (a writable seeded database per backend, and a write key), reused."""

from tests.curation.conftest import api, writable, writer

__all__ = ["api", "writable", "writer"]
