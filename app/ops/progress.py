"""How far the running import has got, for /metrics: a `Progress` (app/imports/service.py)
that the import code can pass in, alone or in front of another (the CLI's bar)."""

import threading
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class ImportState:
    """The stage of the current import (`reading`, `checking`, …) and its records so far."""

    stage: str = "idle"
    done: int = 0
    total: int | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


STATE = ImportState()


class ProgressLike(Protocol):
    """The shape of app/imports/service.py's Progress protocol, without importing a domain."""

    def start(self, label: str, total: int | None = None) -> None: ...

    def advance(self, count: int = 1) -> None: ...


class MetricsProgress:
    """Records each stage and count in `STATE`; passes them on to `inner` if given."""

    def __init__(self, inner: ProgressLike | None = None, state: ImportState = STATE) -> None:
        self.inner = inner
        self.state = state

    def start(self, label: str, total: int | None = None) -> None:
        with self.state.lock:
            self.state.stage, self.state.done, self.state.total = label, 0, total
        if self.inner is not None:
            self.inner.start(label, total)

    def advance(self, count: int = 1) -> None:
        with self.state.lock:
            self.state.done += count
        if self.inner is not None:
            self.inner.advance(count)

    def finish(self) -> None:
        """Mark the import over (the gauges drop back to idle)."""
        with self.state.lock:
            self.state.stage, self.state.done, self.state.total = "idle", 0, None
