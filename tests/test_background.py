"""The forked child that produces outputs and the search index beside page rendering."""

from __future__ import annotations

import os
import signal

import pytest

from builder.background import Background, BackgroundFailed
from builder.photos import PhotoError


def test_the_child_returns_its_result_and_runs_in_another_process() -> None:
    job = Background(lambda: (os.getpid(), [1, 2, 3]), "test")
    pid, value = job.result()
    assert value == [1, 2, 3] and pid != os.getpid()
    assert job.result() == (pid, value)  # asking twice gives the same answer


def test_the_childs_exception_reaches_the_parent_with_its_type_and_message() -> None:
    def fails() -> None:
        raise PhotoError("ảnh bị hỏng")

    with pytest.raises(PhotoError, match="ảnh bị hỏng"):
        Background(fails, "test").result()


def test_a_child_that_dies_is_reported_not_waited_for_forever() -> None:
    job = Background(lambda: os.kill(os.getpid(), signal.SIGKILL), "ảnh")
    with pytest.raises(BackgroundFailed, match="ảnh: tiến trình phụ dừng bất thường"):
        job.result()


def test_cancel_stops_a_running_child() -> None:
    """A cancelled child is gone: asking for its result fails at once instead of waiting a minute."""
    import time

    job = Background(lambda: time.sleep(60), "test")
    started = time.monotonic()
    job.cancel()
    job.cancel()  # safe twice
    with pytest.raises(BackgroundFailed):
        job.result()
    assert time.monotonic() - started < 10

