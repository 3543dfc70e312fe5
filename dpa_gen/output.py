"""Write output files so that a failed build never leaves a half-written or mixed result.

Every file is written to a temporary name in the target folder, flushed and fsynced; only
when all of them are complete are they moved into place with ``os.replace`` (atomic on one
file system), and the folder is fsynced. Any failure, including Ctrl-C, removes the
temporary files and leaves the previous outputs untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dpa_gen.errors import OutputError

TEMP_PREFIX = ".dpa-gen-"


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write ``files`` (path → content) all-or-nothing, in the order given; return the paths."""
    temps: list[tuple[str, Path]] = []
    try:
        for target, content in files.items():
            temps.append((_write_temp(target, content), target))
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException as exc:
        for temp, _ in temps:
            _remove(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {exc.filename or 'the output'}: {exc.strerror or exc}") from exc
        raise
    for folder in {target.parent for target in files}:
        _fsync_dir(folder)
    return list(files)


def _write_temp(target: Path, content: bytes) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        _remove(temp)
        raise
    return temp


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - some platforms cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
