"""The page (size and margins) both formats share, read from the style's ``reference.docx``.

Why there: the page is part of the house style, and Word's Page Setup is where a legal team
sets it. The DOCX writer keeps the reference's section as it is; the HTML writer emits the
same page as the PDF's ``@page`` rule, so ``contract.css`` never states it and the two
formats cannot drift apart. Read with the standard library: a PDF build must not import
python-docx.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4


class PageSetupError(ValueError):
    """The reference document has no readable page setup."""


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """Page size and margins in twips (twentieths of a point), as Word stores them."""

    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int

    @property
    def text_width(self) -> int:
        """The width between the margins, for table grids."""
        return self.width - self.left - self.right

    def css(self) -> str:
        """The same page as a CSS ``@page`` rule, in tenths of a millimetre.

        Why rounded: Word keeps whole twips (A4 is 11906 × 16838, 210.02 × 297.00 mm); the
        millimetres someone typed in Page Setup are what the PDF should get.
        """
        size = f"{_mm(self.width)} {_mm(self.height)}"
        margin = " ".join(_mm(v) for v in (self.top, self.right, self.bottom, self.left))
        return f"@page {{ size: {size}; margin: {margin}; }}"


def _mm(twips: int) -> str:
    tenths = round(twips / TWIPS_PER_MM * 10)
    whole, rest = divmod(tenths, 10)
    return f"{whole}mm" if rest == 0 else f"{whole}.{rest}mm"


def read_page_geometry(docx: Path) -> PageGeometry:
    """The page of the last section of ``docx`` (``w:pgSz`` and ``w:pgMar`` of the body's ``w:sectPr``)."""
    try:
        with zipfile.ZipFile(docx) as package:
            root = ElementTree.fromstring(package.read("word/document.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise PageSetupError(f"cannot read its page setup ({exc})") from None
    body = root.find(f"{_W}body")
    section = body.find(f"{_W}sectPr") if body is not None else None
    size = section.find(f"{_W}pgSz") if section is not None else None
    margins = section.find(f"{_W}pgMar") if section is not None else None
    if size is None or margins is None:
        raise PageSetupError("it has no page setup (page size and margins); set them in Word's Page Setup and save")
    try:
        values = [int(size.get(f"{_W}{name}", "")) for name in ("w", "h")]
        values += [abs(int(margins.get(f"{_W}{name}", ""))) for name in ("top", "right", "bottom", "left")]
    except ValueError:
        raise PageSetupError("its page size or margins are not whole numbers of twips") from None
    page = PageGeometry(*values)
    if page.text_width <= 0 or page.height <= page.top + page.bottom:
        raise PageSetupError("its margins leave no room for text")
    return page
