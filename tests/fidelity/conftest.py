"""The curation tests' writable database and keys, for writes of the new fields."""

from tests.curation.conftest import api, writable, writer

__all__ = ["api", "writable", "writer"]
