"""Write the produced outputs (photos, feeds, calendars, open data, build.json) into a folder.

Pipeline step (outputs). Runs in a background child during page rendering
(`background.py`), writing into a staging folder that the adapter moves into the
site once every page is written; an output with a `cache_key` (a photo size) is
taken from the cache folder when an earlier build made it, because decoding and
re-encoding photos is the slowest output and its bytes depend only on the key.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import groupby
from pathlib import Path

from builder.catalog.photos import PhotoError
from builder.outputs.files import OutputFile

PHOTO_THREADS = 2  # the machines this runs on in CI have two cores


class OutputError(Exception):
    """An output could not be produced; the message names the content file and the fix."""


def _store(cache: Path, key: str, content: bytes) -> None:
    """Into the cache atomically: two builds sharing a cache never read half a file."""
    target = cache / key
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.replace(tmp, target)


def write_outputs(outputs: Iterable[OutputFile], folder: Path, cache: Path | None = None,
                  threads: int = PHOTO_THREADS) -> int:
    """Produce each output into `folder/<url>`; returns how many were taken from `cache`.

    The outputs with a cache key (photo sizes) are made in `threads` threads beside the rest:
    Pillow decodes, resizes and encodes without holding the GIL, and a phone photo's three sizes
    take about 80 ms, so on a cold build the photos were what the build waited for last. The sizes
    of one photo (one `origin`) stay together, in order, in one thread, for its decoder
    (`photo_sizes.Decoder`) to decode the photo once.

    Raises:
        OutputError: a photo that passed the catalog's header check does not decode.
    """
    outputs = list(outputs)
    photos = [list(group) for _, group in groupby((o for o in outputs if o.cache_key), key=lambda o: o.origin)]
    if threads <= 1 or len(photos) <= 1:
        return _write_each(outputs, folder, cache)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="photos") as pool:
        made = [pool.submit(_write_each, group, folder, cache) for group in photos]
        try:
            reused = _write_each([o for o in outputs if not o.cache_key], folder, cache)
            return reused + sum(future.result() for future in made)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # an error: the photos not yet started are not made
            raise


def _write_each(outputs: Iterable[OutputFile], folder: Path, cache: Path | None) -> int:
    reused = 0
    for output in outputs:
        assert output.produce is not None
        target = folder / output.url
        key = output.cache_key
        cached = cache / key if cache is not None and key else None
        if cached is not None and cached.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
            reused += 1
            continue
        try:
            produced = output.produce()
        except PhotoError as err:
            raise OutputError(f"{output.origin}: photo: {err}") from None
        content = produced.encode("utf-8") if isinstance(produced, str) else produced
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if cached is not None and cache is not None:
            try:
                _store(cache, key, content)
            except OSError:
                pass  # a read-only or full cache folder only makes the next build slower
    return reused


def move_into(staging: Path, site_dir: Path) -> None:
    """Every file under `staging` to the same place under `site_dir` (replacing the file there), then remove it."""
    for folder, _, names in os.walk(staging):
        target = os.path.join(site_dir, os.path.relpath(folder, staging))
        os.makedirs(target, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), os.path.join(target, name))
    shutil.rmtree(staging, ignore_errors=True)
