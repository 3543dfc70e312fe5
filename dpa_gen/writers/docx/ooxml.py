"""Small WordprocessingML building blocks the writer needs and python-docx does not offer."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


def set_fonts(style_element: Any, font: str) -> None:
    """Name ``font`` for every script of a style, dropping theme fonts that would override it."""
    rPr = style_element.get_or_add_rPr()
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rPr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        key = qn(attr)
        if key in fonts.attrib:
            del fonts.attrib[key]


def field(paragraph: Any, instruction: str, cached: str) -> None:
    """A complex field with a cached result, so the file is valid before Word updates it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("result", cached), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(8.5)
        r = run._r
        if kind in ("begin", "separate", "end"):
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r.append(fld)
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r.append(t)


def table_borders(*, inside_v: bool) -> Any:
    """A ``w:tblBorders`` without borders, or with only a light line between the columns."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if side == "insideV" and inside_v:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "BBBBBB")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    return borders


def tr_pr(row: Any) -> Any:
    """A table row's properties (``w:trPr``), added first in the row if it has none."""
    trPr = row.find(qn("w:trPr"))
    if trPr is None:
        trPr = OxmlElement("w:trPr")
        row.insert(0, trPr)
    return trPr


def cant_split(row: Any) -> None:
    """Keep a table row on one page."""
    tr_pr(row).append(OxmlElement("w:cantSplit"))


def shade(cell: Any, fill: str) -> None:
    """Give a table cell the background colour ``fill`` (hex RGB)."""
    tcPr = cell.find(qn("w:tcPr"))
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def ensure_paragraph(cell: Any) -> None:
    """End a table cell with a paragraph, as Word requires (else it reports the file as damaged)."""
    if cell[-1].tag != qn("w:p"):
        cell.append(OxmlElement("w:p"))


def space_before(p: Any, points: int) -> None:
    """Space of ``points`` above a paragraph that has properties."""
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(points * 20))
    p.find(qn("w:pPr")).append(spacing)


def bottom_border(p: Any) -> None:
    """A thin dark line under a paragraph (a signature line), in the schema's order before its spacing."""
    pBdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "111111")
    pBdr.append(bottom)
    pPr = p.find(qn("w:pPr"))
    spacing = pPr.find(qn("w:spacing"))
    (spacing.addprevious(pBdr) if spacing is not None else pPr.append(pBdr))
