"""A clause library folder as it was at a git revision (``--old-clauses git:REV``), in a temporary folder.

The folder's repository, its path in it and the revision are resolved with ``git``; the
folder's files at that revision come out of ``git archive`` (so nothing in the working tree
changes) and are unpacked with tarfile's ``data`` filter (no links out, no devices).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from dpa_gen.errors import DpaGenError

PREFIX = "git:"


class RevisionError(DpaGenError):
    """The library cannot be had at that revision: no repository, no such revision or folder."""


def library_at(folder: Path, revision: str, into: Path) -> tuple[Path, str]:
    """Unpack ``folder`` as it was at ``revision`` under ``into``; return it and its ``REV:path`` name."""
    if not revision:
        raise RevisionError("give a revision after 'git:', e.g. --old-clauses git:HEAD~1 or git:v1.2")
    if not folder.is_dir():
        raise RevisionError(f"{folder}: the clause library folder does not exist")
    option = f"--old-clauses {PREFIX}{revision}"
    real = folder.resolve()
    found = _git(real, "rev-parse", "--show-toplevel", problem=f"{option}: {folder} is not in a git repository")
    top = Path(found.decode().strip()).resolve()
    inside = real.relative_to(top).as_posix()
    commit = _git(
        top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", problem=f"{option}: no such revision"
    ).decode()
    spec = f"{commit.strip()}:{inside}" if inside != "." else f"{commit.strip()}:"
    problem = f"{option}: {inside}/ does not exist at that revision"
    if _git(top, "cat-file", "-t", spec, problem=problem).decode().strip() != "tree":
        raise RevisionError(problem)
    archive = _git(top, "archive", "--format=tar", commit.strip(), "--", inside, problem=f"{option}: cannot read it")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / inside, f"{revision}:{inside}"


def _git(cwd: Path, *args: str, problem: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError(f"{problem}: git is not installed") from None
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip().splitlines()
        suffix = f" ({detail[-1]})" if detail and "not a git repository" not in detail[-1] else ""
        raise RevisionError(f"{problem}{suffix}")
    return result.stdout
