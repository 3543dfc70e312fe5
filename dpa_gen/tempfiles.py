"""Temporary files named after the process that owns them, so a later run can clean up after it.

That is after a process that was killed (SIGKILL, the OOM killer, a power cut) before it
could clean up itself.

A name is ``.<tag>-<pid>-<random>.<ext>``. A later run removes such a file only when every
one of these holds: the name matches that exact pattern with one of our tags, no process
with that pid is alive, and the file has not changed for ``STALE_AFTER`` seconds (the delay
guards a folder shared between machines, where a live writer's pid means nothing here).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

STALE_AFTER = 60.0  # seconds; a live writer renames its temporary file within seconds


def make_temp(folder: Path, tag: str, ext: str) -> tuple[int, str]:
    """``mkstemp`` in ``folder`` with a name that carries this process's pid."""
    return tempfile.mkstemp(dir=folder, prefix=f".{tag}-{os.getpid()}-", suffix=f".{ext}")


def remove_stale(folder: Path, tag: str, exts: tuple[str, ...]) -> int:
    """Remove the temporary files of dead processes in ``folder``; return how many."""
    pattern = re.compile(rf"\.{re.escape(tag)}-(\d{{1,10}})-[A-Za-z0-9_]{{6,16}}\.(?:{'|'.join(exts)})")
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if now - max(info.st_mtime, info.st_ctime) < STALE_AFTER:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: not ours to judge
    return True
