"""Write output files so that a failed build never leaves a half-written or mixed result.

Every file is written to a temporary name in the target folder, flushed and fsynced; only
when all of them are complete are they moved into place with ``os.replace`` (atomic on one
file system), and the folder is fsynced. The previous files are kept as hard links until
every new file is in place, so a failure between two replacements puts the old ones back:
the DOCX, the PDF and the manifest always belong to the same build. Any failure, including
Ctrl-C, removes the temporary files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dpa_gen.errors import OutputError

TEMP_PREFIX = ".dpa-gen-"


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write ``files`` (path → content) all-or-nothing, in the order given; return the paths."""
    temps: list[tuple[str, Path]] = []
    backups: dict[Path, str] = {}
    replaced: list[Path] = []
    try:
        for target, content in files.items():
            temps.append((_write_temp(target, content), target))
        for _, target in temps:
            backup = _backup(target) if target.exists() else None
            if backup is not None:
                backups[target] = backup
        for temp, target in temps:
            os.replace(temp, target)
            replaced.append(target)
    except BaseException as exc:
        for target in replaced:
            if target in backups:
                os.replace(backups.pop(target), target)  # put the previous file back
        for temp in [t for t, _ in temps] + list(backups.values()):
            _remove(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {exc.filename or 'the output'}: {exc.strerror or exc}") from exc
        raise
    for backup in backups.values():
        _remove(backup)
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
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        _remove(temp)
        raise
    return temp


def _backup(target: Path) -> str | None:
    """A second name for the current file (a hard link: no copy), or None where links fail."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=".old")
    os.close(fd)
    os.unlink(name)
    try:
        os.link(target, name)
    except OSError:  # e.g. FAT or some network shares: fall back to plain atomic replaces
        return None
    return name


def _umask() -> int:
    # mkstemp creates 0600 files; outputs get the permissions any other new file would get.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


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
