"""The bundled fonts: the coverage file that text hygiene relies on matches them."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).parent.parent / "templates" / "_base" / "fonts"


def test_coverage_file_lists_exactly_what_all_four_faces_can_print() -> None:
    faces = [
        set(TTFont(FONTS / f"Caladea-{face}.ttf").getBestCmap()) for face in ("Regular", "Bold", "Italic", "BoldItalic")
    ]
    expected = {c for c in set.intersection(*faces) if c >= 0x20 and c != 0x7F}
    listed: set[int] = set()
    for line in (FONTS / "coverage.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            listed |= set(range(int(first, 16), int(last or first, 16) + 1))
    assert listed == expected


def test_the_font_licence_ships_with_the_fonts() -> None:
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text()
