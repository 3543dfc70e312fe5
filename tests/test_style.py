"""The house style: the bundled reference document, and style folders a legal team owns."""

from __future__ import annotations

import re

from dpa_gen.paths import assets_dir
from dpa_gen.writers.docx.make_reference import make_reference
from dpa_gen.writers.page import PageGeometry, read_page_geometry


def test_the_bundled_reference_is_what_its_recipe_makes() -> None:
    """Regenerate it with ``python -m dpa_gen.writers.docx.make_reference`` after changing the recipe."""
    assert (assets_dir() / "reference.docx").read_bytes() == make_reference()


def test_the_page_comes_from_the_reference_and_becomes_the_pdf_page_rule() -> None:
    page = read_page_geometry(assets_dir() / "reference.docx")
    assert page == PageGeometry(width=11906, height=16838, top=1361, right=1134, bottom=1247, left=1247)
    assert page.css() == "@page { size: 210mm 297mm; margin: 24mm 20mm 22mm 22mm; }"
    css = (assets_dir() / "contract.css").read_text(encoding="utf-8")
    assert not re.search(r"(?<![-\w])(size|margin)\s*:", css.split("@page")[1].split("}")[0])
