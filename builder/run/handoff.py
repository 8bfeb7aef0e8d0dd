"""How `portal build` learns from inside MkDocs whether the content is valid, so it is validated once.

`portal build` starts `mkdocs build` with the write end of a pipe named in
`PORTAL_STATUS_FD`. The plugin validates the content in `on_config` and writes either
"ok" or the editor's report, then closes the pipe. Until then `portal build` holds
MkDocs' messages back: on a report it stops MkDocs and prints only the report, as
`portal check` would; on "ok" it lets MkDocs' messages through. If MkDocs stops before
validating (a broken mkdocs.yml), the pipe closes empty and MkDocs' own message is shown.
"""

from __future__ import annotations

import os

ENV = "PORTAL_STATUS_FD"
_OK = b"ok\n"
_ERROR = b"error\n"


def tell(report: str | None) -> None:
    """Plugin side: the content is valid (`report` None) or has the problems in `report`.

    Does nothing unless `portal build` started this MkDocs (`mkdocs build`/`serve` by hand).
    """
    fd = os.environ.pop(ENV, "")  # told once: the number may name another file after it is closed
    if not fd:
        return
    data = _OK if report is None else _ERROR + report.encode("utf-8")
    try:
        with os.fdopen(int(fd), "wb") as pipe:
            pipe.write(data)
    except (OSError, ValueError):
        pass  # nobody listening (run by hand with a stale variable): the build goes on as usual


def hear(fd: int) -> tuple[str, str]:
    """`portal build` side: ("ok", ""), ("error", report) or ("gone", "") when MkDocs said nothing."""
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    if data == _OK:
        return "ok", ""
    if data.startswith(_ERROR):
        return "error", data[len(_ERROR):].decode("utf-8")
    return "gone", ""
