"""The bundled fonts: the coverage file that text hygiene relies on matches them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

FONTS = Path(__file__).parent.parent / "templates" / "_base" / "fonts"
FACES = ("Regular", "Bold", "Italic", "BoldItalic")


def cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / name).getBestCmap())


def test_coverage_file_lists_exactly_what_all_four_faces_can_print() -> None:
    """Each face prints a character from Caladea or, failing that, from the fallback DpaGen Serif."""
    faces = [cmap(f"Caladea-{face}.ttf") | cmap(f"DpaGenSerif-{face}.ttf") for face in FACES]
    expected = {c for c in set.intersection(*faces) if c >= 0x20 and c != 0x7F}
    listed: set[int] = set()
    for line in (FONTS / "coverage.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            listed |= set(range(int(first, 16), int(last or first, 16) + 1))
    assert listed == expected


def test_the_coverage_file_is_what_make_fonts_writes() -> None:
    script = FONTS / "make_fonts.py"
    result = subprocess.run([sys.executable, str(script), "coverage", "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_caladea_face_maps_the_same_characters() -> None:
    """Why: fontconfig would take a letter the italic lacks from the upright face, and print it upright."""
    assert cmap("Caladea-Regular.ttf") == cmap("Caladea-Bold.ttf") == cmap("Caladea-Italic.ttf")
    assert cmap("Caladea-Regular.ttf") == cmap("Caladea-BoldItalic.ttf")


def test_the_fallback_adds_only_what_caladea_lacks() -> None:
    """Why: Caladea comes first, so a letter in both would never print from the fallback; it only costs bytes."""
    caladea = cmap("Caladea-Regular.ttf")
    for face in FACES:
        extra = {c for c in cmap(f"DpaGenSerif-{face}.ttf") & caladea if not 0x300 <= c <= 0x36F}
        assert extra == {0x20, 0xA0}, f"{face}: {sorted(map(hex, extra))}"  # marks and spaces are meant


def test_a_space_after_a_fallback_letter_is_as_wide_as_caladeas() -> None:
    """Pango gives a space the font of the letter before it: in DpaGen Serif it must not kern or widen."""
    for face in FACES:
        body, fallback = TTFont(FONTS / f"Caladea-{face}.ttf"), TTFont(FONTS / f"DpaGenSerif-{face}.ttf")
        for char in (0x20, 0xA0):
            em = [font["hmtx"][font.getBestCmap()[char]][0] / font["head"].unitsPerEm for font in (body, fallback)]
            assert em[0] == pytest.approx(em[1], abs=0.001), (face, hex(char))
        spaces = {fallback.getBestCmap()[0x20], fallback.getBestCmap()[0xA0]}
        for lookup in fallback["GPOS"].table.LookupList.Lookup:
            for pairs in lookup.SubTable if lookup.LookupType == 2 else ():
                assert not spaces & set(pairs.Coverage.glyphs)
                assert not any(r.SecondGlyph in spaces for s in pairs.PairSet for r in s.PairValueRecord)


def test_the_fallback_does_not_use_the_reserved_name_of_its_source() -> None:
    """A subset is a Modified Version; the OFL reserves the name Liberation for the original."""
    for face in FACES:
        names = TTFont(FONTS / f"DpaGenSerif-{face}.ttf")["name"]
        for name_id in (1, 3, 4, 6, 16, 17):
            name = names.getDebugName(name_id) or ""
            assert "Liberation" not in name and "Tinos" not in name, (face, name_id, name)
        assert names.getDebugName(1) == "DpaGen Serif"


def test_the_font_licences_ship_with_the_fonts() -> None:
    for licence in ("OFL.txt", "DpaGenSerif-OFL.txt"):
        assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / licence).read_text()
    assert "Reserved Font Name Liberation" in (FONTS / "DpaGenSerif-OFL.txt").read_text()
