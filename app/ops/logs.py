"""One log handler for the app and uvicorn: text or JSON lines, each with its request id."""

import logging
import sys

from asgi_correlation_id import CorrelationIdFilter
from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
# Uvicorn gives these loggers their own handlers; they are routed to ours instead.
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")
_HANDLER_NAME = "event-records"


class RequestIdFilter(CorrelationIdFilter):
    """Adds `request_id` (from X-Request-ID or made by the middleware; `-` outside requests)."""

    def __init__(self) -> None:
        super().__init__(default_value="-")

    def filter(self, record: logging.LogRecord) -> bool:
        super().filter(record)
        record.request_id = record.correlation_id  # type: ignore[attr-defined]
        return True


def formatter(log_format: str) -> logging.Formatter:
    """`json`: one JSON object per line; `text`: one readable line."""
    if log_format == "json":
        return JsonFormatter(
            JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}
        )
    return logging.Formatter(TEXT_FORMAT)


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Send the root logger's records (uvicorn's included) to stderr in `log_format`.

    Idempotent: the app factory runs once per app, and the tests build many apps.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(formatter(log_format))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
