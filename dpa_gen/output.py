"""Write output files so that a failed build never leaves a half-written or mixed result.

Every file is written to a temporary name in the target folder, flushed and fsynced; only
when all of them are complete are they moved into place with ``os.replace`` (atomic on one
file system), and the folder is fsynced. The previous files are kept as hard links until
every new file is in place, so a failure between two replacements puts the old ones back:
the DOCX, the PDF and the manifest always belong to the same build. Any failure, including
Ctrl-C, removes the temporary files; a killed process's temporary files (their names carry
its pid) are removed by the next run that writes into the folder.

An existing output that is not a regular file (a named pipe, a device, a folder) is never
replaced: the build fails with a message instead.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dpa_gen.errors import OutputError, display_path
from dpa_gen.tempfiles import make_temp, remove_stale

TEMP_TAG = "dpa-gen"
TEMP_PREFIX = f".{TEMP_TAG}-"
_CLEANED: set[Path] = set()

commits = 0
"""How many ``write_files`` calls of this process have put their files in place; a worker
stopped by a signal after its task's commit reports the task before it leaves (workers.py)."""


def write_files(files: Mapping[Path, bytes]) -> list[Path]:
    """Write ``files`` (path → content) all-or-nothing, in the order given; return the paths."""
    global commits
    for target in files:
        _refuse_special(target)
    batch = _Batch()
    try:
        batch.write(files)
        batch.keep_previous()
        batch.replace()
        commits += 1
    except BaseException as exc:
        batch.roll_back()
        if isinstance(exc, OSError):
            name = display_path(exc.filename) if exc.filename else "the output"
            raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from exc
        raise
    batch.drop_backups()
    for folder in {target.parent for target in files}:
        _fsync_dir(folder)
    return list(files)


@dataclass
class _Batch:
    """The files of one ``write_files`` call on their way into place, and what it takes to undo that.

    Each step records what it did as it goes, so that ``roll_back`` undoes exactly the part
    done before a failure (or Ctrl-C) in the middle of a step.
    """

    temps: list[tuple[str, Path]] = field(default_factory=list)  # (temporary name, target), complete and fsynced
    backups: dict[Path, str] = field(default_factory=dict)  # target → a hard link to its previous file
    replaced: list[Path] = field(default_factory=list)  # targets that hold their new file

    def write(self, files: Mapping[Path, bytes]) -> None:
        """Each file to a temporary name next to its target."""
        for target, content in files.items():
            self.temps.append((_write_temp(target, content), target))

    def keep_previous(self) -> None:
        """A second name for each target that exists, to put it back if a later replace fails."""
        for _, target in self.temps:
            backup = _backup(target) if target.exists() else None
            if backup is not None:
                self.backups[target] = backup

    def replace(self) -> None:
        """Move each temporary file onto its target (atomic per file)."""
        for temp, target in self.temps:
            os.replace(temp, target)
            self.replaced.append(target)

    def roll_back(self) -> None:
        """Put the previous files back where they were replaced; remove the temporary files and links."""
        for target in self.replaced:
            if target in self.backups:
                os.replace(self.backups.pop(target), target)  # put the previous file back
        for temp in [t for t, _ in self.temps] + list(self.backups.values()):
            _remove(temp)

    def drop_backups(self) -> None:
        """Every new file is in place: the previous ones go."""
        for backup in self.backups.values():
            _remove(backup)


def output_folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot be an output folder (before anything is built), or None."""
    if folder.is_symlink() and not folder.exists():
        return (
            f"{display_path(folder)}: the output folder is a symbolic link to {display_path(os.readlink(folder))},"
            " which does not exist; create that folder or choose another -o"
        )
    if folder.exists() and not folder.is_dir():
        return f"{display_path(folder)}: the output folder is a file, not a folder; choose another -o"
    return None


def _refuse_special(target: Path) -> None:
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        from dpa_gen.sources import file_kind

        raise OutputError(
            f"cannot write {display_path(target)}: it exists and is {file_kind(mode)}, not a file;"
            " remove it or choose another output folder"
        )


def _write_temp(target: Path, content: bytes) -> str:
    folder = target.parent
    problem = output_folder_problem(folder)
    if problem is not None:
        raise OutputError(problem)
    folder.mkdir(parents=True, exist_ok=True)
    if folder not in _CLEANED:  # once per folder and process: a killed build's leftovers
        _CLEANED.add(folder)
        remove_stale(folder, TEMP_TAG, ("tmp", "old"))
    fd, temp = make_temp(folder, TEMP_TAG, "tmp")
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
    fd, name = make_temp(target.parent, TEMP_TAG, "old")
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
