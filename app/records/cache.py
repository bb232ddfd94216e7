"""Record GET answers kept per worker, reused while the database's data version is unchanged.

Each answer is stored with the data version read before it was built. A request reads the
current version first (one primary-key look-up) and reuses an answer only if it was built
at that version; every committed write bumps the version (app/core/data_version.py), so no
worker, whichever wrote, serves an answer older than the last write it can see. Reading the
version before the record means an answer is never filed under a newer version than the
data it shows.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import Request, Response

Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class Answer:
    """A record GET's 200 answer, encoded once, with the ETag of those bytes."""

    body: bytes
    media_type: str
    etag: str

    def response(self) -> Response:
        return Response(self.body, media_type=self.media_type, headers={"ETag": self.etag})


def cache_key(request: Request) -> Key:
    """What the answer depends on: the URL (path, query, and the base of JSON-LD's absolute
    ids) and the Accept header it was negotiated from."""
    url = request.url
    return (url.path, url.query, str(request.base_url), request.headers.get("accept", ""))


class RecordCache:
    """The last `size` answers used, least recently used first out."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[Key, tuple[int, Answer]] = OrderedDict()
        self._lock = threading.Lock()  # the answers are read and written in worker threads

    def get(self, key: Key, version: int) -> Answer | None:
        with self._lock:
            found = self._answers.get(key)
            if found is None or found[0] != version:
                return None
            self._answers.move_to_end(key)
            return found[1]

    def put(self, key: Key, version: int, answer: Answer) -> None:
        with self._lock:
            self._answers[key] = (version, answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
