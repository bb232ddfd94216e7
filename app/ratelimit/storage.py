"""The `limits` library's storage interface over the app's own database.

`limits` (fixed and moving windows, rate strings such as "600/minute") ships storages for
memory, Redis, Memcached and MongoDB, not SQL; this one keeps each counter as one row of
`rate_limit_window`, so the workers of a deployment share their counts with no extra
service. One upsert per hit (SQLite 3.35+ and PostgreSQL both take ON CONFLICT … RETURNING).
"""

import time
from typing import Any

from limits.storage import Storage
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

_HIT = text(
    """
    INSERT INTO rate_limit_window (key, hits, expires_at) VALUES (:key, :amount, :expires)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN rate_limit_window.expires_at <= :now
                  THEN :amount ELSE rate_limit_window.hits + :amount END,
      expires_at = CASE WHEN rate_limit_window.expires_at <= :now
                        THEN :expires ELSE rate_limit_window.expires_at END
    RETURNING hits
    """
)
_READ = text("SELECT hits, expires_at FROM rate_limit_window WHERE key = :key")


class SqlStorage(Storage):
    """Fixed-window counters in the `rate_limit_window` table."""

    STORAGE_SCHEME = ["event-records+sql"]  # noqa: RUF012 - declared so by limits.Storage

    def __init__(self, engine: Engine, **options: Any) -> None:
        super().__init__(uri=None, wrap_exceptions=False, **options)
        self.engine = engine

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return DBAPIError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        params = {"key": key, "amount": amount, "expires": now + expiry, "now": now}
        with self.engine.begin() as conn:
            return int(conn.execute(_HIT, params).scalar_one())

    def _row(self, key: str) -> tuple[int, float]:
        with self.engine.connect() as conn:
            row = conn.execute(_READ, {"key": key}).one_or_none()
        if row is None or row.expires_at <= time.time():
            return 0, time.time()
        return int(row.hits), float(row.expires_at)

    def get(self, key: str) -> int:
        return self._row(key)[0]

    def get_expiry(self, key: str) -> float:
        return self._row(key)[1]

    def check(self) -> bool:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(text("DELETE FROM rate_limit_window")).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("DELETE FROM rate_limit_window WHERE key = :key"), {"key": key})
