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
    assert len(list(cache.iterdir())) == 1
    renderer = ClauseRenderer("nl", {})
    monkeypatch.setattr(renderer.env, "compile", lambda source: pytest.fail("compiled again"))
    assert renderer.render(SOURCE, {"hours": 24}, {}) == (Paragraph((Text("Binnen 24 uur."),)),)


def test_a_damaged_entry_is_compiled_afresh(cache: Path) -> None:
    ClauseRenderer("nl", {}).compile(SOURCE)
    (entry,) = cache.iterdir()
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
