"""Work that runs beside page rendering, on the machine's other core.

MkDocs renders pages one at a time in one process, so on a 2-core CI machine one
core idles while the other renders. Photos, calendars, feeds, open data, each
page's JSON-LD and QR code, and the search index do not depend on the rendered
pages (the search index needs only the bodies, which MkDocs has converted before it
renders any template), so each runs in a forked child started as soon as its inputs
exist, and the adapter collects it when it needs it.

A fork, not a pool: the child inherits the catalog and the closures that produce the
files, so nothing is pickled on the way in; only the return value (small) or the
exception travels back through a pipe. Where fork is not available (Windows, and
macOS, where forking a process with system frameworks loaded is unsafe), the work
runs at once in the calling process: slower, same result.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class BackgroundFailed(Exception):
    """The child died without a reply (killed, out of memory)."""


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _run(work: Callable[[], Any], conn: Connection) -> None:
    # Its own process group, so cancel() also stops what the job started (Pagefind).
    os.setpgrp()
    try:
        reply: tuple[str, Any] = ("ok", work())
    except BaseException as err:  # noqa: BLE001 - every failure goes back to the parent, which decides
        reply = ("error", err)
    try:
        conn.send(reply)
    except (pickle.PicklingError, TypeError, AttributeError):  # an exception that does not pickle
        conn.send(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))
    conn.close()


class Background(Generic[T]):
    """`work()` started now in a forked child; `result()` waits for it and returns or raises what it did."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self.name = name
        self._done: tuple[str, Any] | None = None
        self._process: Any = None
        if not _can_fork():
            try:
                self._done = ("ok", work())
            except Exception as err:  # noqa: BLE001 - raised again by result(), as the child's would be
                self._done = ("error", err)
            return
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, child), name=name, daemon=True)
        self._process.start()
        child.close()

    def result(self) -> T:
        """What `work()` returned; its exception if it raised; BackgroundFailed if the child died."""
        if self._done is None:
            try:
                self._done = self._conn.recv()
            except EOFError:
                self._process.join()
                self._done = ("error", BackgroundFailed(
                    f"{self.name}: tiến trình phụ dừng bất thường (mã {self._process.exitcode})"))
            finally:
                self._conn.close()
            self._process.join()
        kind, value = self._done
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def ready(self) -> bool:
        """Whether `result()` would return at once."""
        return self._done is not None or self._conn.poll()

    def cancel(self) -> None:
        """Stop the child and the programs it started, if it still runs; safe to call twice."""
        if self._process is not None and self._process.is_alive():
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:  # not yet in its own group (so it started nothing), or just ended
                pass
            self._process.kill()
            self._process.join()
