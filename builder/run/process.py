"""How the process that builds is tuned while the engine runs: the collector, and SIGTERM under serve."""

from __future__ import annotations

import atexit
import gc
import signal
import threading
from typing import Any

# While the engine runs: a young collection every 50,000 allocations, the older generations after 20
# and 100 of those (CPython's default: 700, 10, 10).
GC_THRESHOLD = (50_000, 20, 100)


class ProcessTuning:
    """Set at start-up, undone at shutdown, so a process that builds again (the tests) is left as it was."""

    def __init__(self) -> None:
        self.gc_threshold = gc.get_threshold()
        self.sigterm: Any = None

    def start(self, serving: bool) -> None:
        if serving and threading.current_thread() is threading.main_thread():
            # SIGTERM (a CI job, a process manager) ends the preview like Ctrl+C, so the engine shuts
            # down in order and a search index still running in its own process group is stopped too.
            self.sigterm = signal.signal(signal.SIGTERM, signal.default_int_handler)
        # A build keeps millions of objects alive (catalog, plans, the engine's pages; under `serve`
        # also the last build's), and CPython's default (a young collection every 700 allocations)
        # kept re-scanning them: a third of planning at 10,000 records, 0.3 s of each preview
        # rebuild. Garbage without cycles is still freed at once; cycles wait a little longer.
        self.gc_threshold = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLD)
        # On its way out the interpreter runs one last full collection over everything still alive,
        # though the process is ending: 0.16 s of a 1.2 s rebuild at 1,000 pages. Frozen objects are
        # left out of it. At exit only, so a process that builds again collects as usual.
        atexit.register(gc.freeze)

    def stop(self) -> None:
        gc.set_threshold(*self.gc_threshold)
        if self.sigterm is not None:
            signal.signal(signal.SIGTERM, self.sigterm)
            self.sigterm = None
