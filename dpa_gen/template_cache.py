"""Compiled clause templates kept on disk between runs, as Python keeps ``__pycache__``.

Why: a cold build compiles some 200 clause texts (about 0.17 s, a fifth of a DOCX build);
loading the compiled code back takes a few milliseconds. A key hashes the clause source with
the environment's settings and the Jinja, Python and dpa-gen versions, so a changed clause or
an upgrade never meets stale code. ``DPA_GEN_CACHE_DIR`` moves the cache, ``DPA_GEN_NO_CACHE=1``
switches it off; a cache that cannot be read or written is skipped without a word.

Threat model. An entry is Python code that ``build`` and ``check`` execute, so whoever can
put a file into the cache could run code as the user. What is checked before an entry is
unmarshalled, and what each check stops:

* the folder and the entry are owned by the user, are not symbolic links, and are writable
  by nobody else (group and others): another user on the machine cannot plant or replace an
  entry, also when ``DPA_GEN_CACHE_DIR`` points into a shared folder such as ``/tmp``; a folder
  that fails this switches the cache off for the run;
* each entry carries an HMAC-SHA256 of its name and its code under a random key kept in the
  folder (``.key``, mode 0600, readable by the user alone): an attacker who can write an entry
  but not read the key (an ACL, a group-writable file created by a mistaken umask) cannot
  make one that verifies. A plain content hash would stop only damage (a torn write, a full
  disk, an entry copied to another name): an attacker who can write a file can write its
  hash as well.

Not covered: anyone who runs as the same user can read the key and forge entries, as they
could edit dpa-gen itself; and a cache folder copied in from elsewhere together with its key
(a CI cache restored from an untrusted branch) is trusted like the user's own. Keep such a
cache out of reach or set ``DPA_GEN_NO_CACHE=1``.

Writes go to a temporary file named after the process (``.dpa-gen-cache-<pid>-….tmp``) that
is removed on any failure; those of a killed process are removed by a later run.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import stat
import sys
from functools import cache
from pathlib import Path
from types import CodeType

import jinja2

from dpa_gen import __version__
from dpa_gen.tempfiles import make_temp, remove_stale

MAGIC = b"dpagenc1"
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # a compiled clause is a few KiB; the largest ~60 KiB
KEY_NAME = ".key"
TEMP_TAG = "dpa-gen-cache"
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@cache
def cache_dir() -> Path | None:
    """The folder for compiled templates, or None when caching is off."""
    if os.environ.get("DPA_GEN_NO_CACHE"):
        return None
    configured = os.environ.get("DPA_GEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dpa-gen" / "templates"


def key(source: str, flavour: str) -> str:
    """The cache key of ``source`` compiled in an environment described by ``flavour``."""
    stamp = f"{__version__}|{jinja2.__version__}|{sys.version}|{flavour}|"
    return hashlib.sha256((stamp + source).encode("utf-8")).hexdigest()


def load(ident: str) -> CodeType | None:
    """The cached code for ``ident``, if any; an entry that fails any check counts as none."""
    folder = _trusted_folder()
    secret = _secret(folder) if folder is not None else None
    if folder is None or secret is None:
        return None
    data = _read_private(folder / ident, MAX_ENTRY_BYTES)
    if data is None or not data.startswith(MAGIC):
        return None
    mac, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if not hmac.compare_digest(mac, _mac(secret, ident, payload)):
        return None  # damaged, or not written by us: never executed
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(ident: str, code: CodeType) -> None:
    """Keep ``code`` for next time (atomically: concurrent workers never read half a file)."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = _trusted_folder()
    secret = _secret(folder, create=True) if folder is not None else None
    if folder is None or secret is None:
        return
    _clean_once(folder)
    payload = marshal.dumps(code)
    _write_private(folder, ident, MAGIC + _mac(secret, ident, payload) + payload)


def _mac(secret: bytes, ident: str, payload: bytes) -> bytes:
    return hmac.new(secret, ident.encode("ascii") + b"\0" + payload, hashlib.sha256).digest()


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_folder() -> Path | None:
    """The cache folder when it is a real folder of this user that no one else may write."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    return folder if stat.S_ISDIR(info.st_mode) and _private(info) else None


def _read_private(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of this user that no one else may write, or None."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > limit:
            return None
        return os.read(fd, limit + 1)[:limit]
    except OSError:
        return None
    finally:
        os.close(fd)


def _secret(folder: Path, *, create: bool = False) -> bytes | None:
    """The HMAC key of this cache folder (made on first use when ``create``)."""
    path = folder / KEY_NAME
    data = _read_private(path, 64)
    if data is None and create:
        with contextlib.suppress(FileExistsError):
            _write_private(folder, KEY_NAME, os.urandom(32), replace=False)
        data = _read_private(path, 64)
    return data if data is not None and len(data) == 32 else None


def _write_private(folder: Path, name: str, content: bytes, *, replace: bool = True) -> None:
    """Write ``folder/name`` with mode 0600 through a temporary file that never outlives a failure."""
    temp = None
    try:
        fd, temp = make_temp(folder, TEMP_TAG, "tmp")
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(content)
        if replace:
            os.replace(temp, folder / name)
        else:
            os.link(temp, folder / name)  # FileExistsError when another process made it first
    except FileExistsError:
        raise
    except OSError:
        return
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


_CLEANED: set[Path] = set()


def _clean_once(folder: Path) -> None:
    if folder not in _CLEANED:
        _CLEANED.add(folder)
        remove_stale(folder, TEMP_TAG, ("tmp",))
