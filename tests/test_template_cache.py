"""The on-disk cache of compiled clause templates: used when valid, ignored when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpa_gen import template_cache
from dpa_gen.document import Paragraph, Text
from dpa_gen.render import ClauseRenderer

SOURCE = "Binnen {{ hours }} uur."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DPA_GEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DPA_GEN_NO_CACHE", raising=False)
    template_cache.cache_dir.cache_clear()
    yield tmp_path
    template_cache.cache_dir.cache_clear()


def test_a_compiled_clause_is_stored_and_reused(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ClauseRenderer("nl", {}).render(SOURCE, {"hours": 48}, {}) == (Paragraph((Text("Binnen 48 uur."),)),)
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 1
    renderer = ClauseRenderer("nl", {})
    monkeypatch.setattr(renderer.env, "compile", lambda source: pytest.fail("compiled again"))
    assert renderer.render(SOURCE, {"hours": 24}, {}) == (Paragraph((Text("Binnen 24 uur."),)),)


def test_a_damaged_entry_is_compiled_afresh(cache: Path) -> None:
    ClauseRenderer("nl", {}).compile(SOURCE)
    (entry,) = (p for p in cache.iterdir() if not p.name.startswith("."))
    entry.write_bytes(b"not marshal data")
    assert ClauseRenderer("nl", {}).render(SOURCE, {"hours": 1}, {}) == (Paragraph((Text("Binnen 1 uur."),)),)


def test_another_source_or_setting_never_meets_stale_code() -> None:
    assert template_cache.key(SOURCE, "a") != template_cache.key(SOURCE + " ", "a")
    assert template_cache.key(SOURCE, "a") != template_cache.key(SOURCE, "b")


def test_switched_off_it_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPA_GEN_NO_CACHE", "1")
    template_cache.cache_dir.cache_clear()
    ClauseRenderer("nl", {}).compile(SOURCE)
    assert list(cache.iterdir()) == []


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DPA_GEN_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    template_cache.cache_dir.cache_clear()
    try:
        assert ClauseRenderer("nl", {}).render(SOURCE, {"hours": 2}, {}) == (Paragraph((Text("Binnen 2 uur."),)),)
    finally:
        template_cache.cache_dir.cache_clear()


# --- poisoning (reliability item 7) and leftovers (item 13) -----------------------------------

POISON = "import pathlib; pathlib.Path({marker!r}).write_text('executed')"


def _plant(entry: Path, marker: Path, *, header: bytes = b"") -> None:
    """Replace a cache entry by code that would leave a marker file if it ever ran."""
    import marshal

    entry.write_bytes(header + marshal.dumps(compile(POISON.format(marker=str(marker)), "<template>", "exec")))


def _entry(cache: Path) -> Path:
    (entry,) = (p for p in cache.iterdir() if not p.name.startswith("."))
    return entry


def test_planted_code_without_the_key_is_never_executed(cache: Path, tmp_path: Path) -> None:
    ClauseRenderer("nl", {}).compile(SOURCE)
    marker = tmp_path / "marker"
    entry = _entry(cache)
    _plant(entry, marker)  # a plain marshal file, as the old cache wrote
    assert ClauseRenderer("nl", {}).render(SOURCE, {"hours": 3}, {}) == (Paragraph((Text("Binnen 3 uur."),)),)
    _plant(entry, marker, header=template_cache.MAGIC + b"\0" * 32)  # our format, a forged MAC
    assert ClauseRenderer("nl", {}).render(SOURCE, {"hours": 3}, {}) == (Paragraph((Text("Binnen 3 uur."),)),)
    assert not marker.exists()


def test_an_entry_or_folder_others_may_write_is_not_trusted(cache: Path, tmp_path: Path) -> None:
    import os

    ClauseRenderer("nl", {}).compile(SOURCE)
    ident = _entry(cache).name
    assert template_cache.load(ident) is not None
    os.chmod(cache / ident, 0o666)
    assert template_cache.load(ident) is None
    os.chmod(cache / ident, 0o600)
    os.chmod(cache, 0o777)
    assert template_cache.load(ident) is None
    os.chmod(cache, 0o700)
    link = tmp_path / "link"
    os.symlink(cache / ident, link)
    assert template_cache.load(ident) is not None
    (cache / ident).unlink()
    os.rename(link, cache / ident)  # a symbolic link in place of an entry
    assert template_cache.load(ident) is None


def test_an_entry_is_bound_to_its_name(cache: Path) -> None:
    ClauseRenderer("nl", {}).compile(SOURCE)
    ClauseRenderer("nl", {}).compile("Anders {{ hours }}.")
    first, second = sorted(p for p in cache.iterdir() if not p.name.startswith("."))
    first.write_bytes(second.read_bytes())  # a valid entry under another name
    assert template_cache.load(first.name) is None


def test_a_full_disk_leaves_no_temporary_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def fileno(self) -> int:
            return self.handle.fileno()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(template_cache.os, "fdopen", Full)
    for number in range(5):
        ClauseRenderer("nl", {}).compile(f"Tekst {number} {{{{ hours }}}}.")
    assert list(cache.iterdir()) == []


def test_temporary_files_of_dead_processes_are_removed(cache: Path) -> None:
    import os
    import time

    from dpa_gen import tempfiles

    dead = 2**22 + 12345  # above the default pid_max: no such process
    stale = cache / f".dpa-gen-cache-{dead}-abc12345.tmp"
    stale2 = cache / f".dpa-gen-cache-{dead}-def12345.tmp"
    live = cache / f".dpa-gen-cache-{os.getpid()}-abc12345.tmp"
    other = cache / f".dpa-gen-cache-{dead}-abc12345.tmp.keep"
    for path in (stale, stale2, live, other):
        path.write_text("x")
    old = time.time() - 2 * tempfiles.STALE_AFTER
    for path in (stale, live, other):
        os.utime(path, (old, old))
    # just written (their ctime is now): a writer on another machine may still own them
    assert tempfiles.remove_stale(cache, "dpa-gen-cache", ("tmp",)) == 0
    # ctime cannot be set back; let the clock move on instead
    real_time = time.time
    try:
        tempfiles.time.time = lambda: real_time() + 2 * tempfiles.STALE_AFTER  # type: ignore[method-assign]
        assert tempfiles.remove_stale(cache, "dpa-gen-cache", ("tmp",)) == 2
    finally:
        tempfiles.time.time = real_time  # type: ignore[method-assign]
    assert sorted(p.name for p in cache.iterdir()) == sorted([live.name, other.name])
