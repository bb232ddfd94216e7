"""Values as the read models dump them to JSON, for list pages built without a model per row."""

from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson

from app.core.timespec import TimeSpec

# Distinct reported times repeat (the same day, precision and zone): a page mostly hits.
_TIMES_CACHED = 16_384


def iso_datetime(value: datetime) -> str:
    """A timestamp as pydantic writes it in JSON mode: ISO 8601, a zero offset as `Z`."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def time_item(stored: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored reported time as `TimeSpec` shows it: checked and dumped once per distinct
    value (invalid stored data still raises, as building the model did)."""
    if not stored:
        return None
    return _time_item(orjson.dumps(stored, option=orjson.OPT_SORT_KEYS))


@lru_cache(maxsize=_TIMES_CACHED)
def _time_item(stored: bytes) -> dict[str, Any]:
    return TimeSpec.model_validate_json(stored).model_dump(mode="json")
