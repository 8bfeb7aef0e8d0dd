"""The forked child that produces outputs and the search index beside page rendering."""

from __future__ import annotations

import os
import signal

import pytest

from builder.catalog.photos import PhotoError
from builder.run.background import Background, BackgroundFailed


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



def test_cancel_also_stops_the_programs_the_child_started(tmp_path) -> None:
    """A cancelled search job must not leave Pagefind writing into the site."""
    import subprocess
    import time

    pid_file = tmp_path / "pid"

    def starts_a_program() -> None:
        program = subprocess.Popen(["sleep", "60"])
        pid_file.write_text(str(program.pid))
        program.wait()

    job = Background(starts_a_program, "search")
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.05)
    assert not job.ready()
    program = int(pid_file.read_text())
    job.cancel()
    for _ in range(100):  # killed, then reaped by init
        try:
            os.kill(program, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"process {program} still runs after cancel()")


def test_ready_says_whether_the_result_has_come() -> None:
    import time

    job = Background(lambda: 42, "test")
    for _ in range(100):
        if job.ready():
            break
        time.sleep(0.05)
    assert job.ready() and job.result() == 42
