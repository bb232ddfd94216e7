"""Schemathesis hooks (SCHEMATHESIS_HOOKS=tests.contract.st_hooks): bodies it cannot build."""

import json
from typing import Any

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(_ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    """POST /imports takes one JSON record per line."""
    records = value if isinstance(value, list) else [value]
    return "".join(json.dumps(r) + "\n" for r in records).encode()
