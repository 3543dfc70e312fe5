"""dpa-gen's Word styles: Title, Heading 1, DPA Clause, DPA List and the rest, as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dpa_gen.writers.docx.numbering import set_num
from dpa_gen.writers.docx.ooxml import set_fonts

FONT = "Cambria"  # Caladea, the PDF's font, has Cambria's metrics; LibreOffice substitutes it


@dataclass(frozen=True)
class StyleSpec:
    name: str
    base: str | None
    size: float
    bold: bool = False
    italic: bool = False
    before: float = 0
    after: float = 4
    left_cm: float = 0
    hanging_cm: float = 0
    align: str = "justify"
    keep_next: bool = False
    outline: int | None = None
    caps: bool = False
    tab_cm: float | None = None


STYLES = (
    StyleSpec("Title", None, 17, bold=True, before=18, after=6, align="center", caps=True),
    StyleSpec("DPA Parallel Title", None, 14, bold=True, before=12, after=6, align="center", caps=True),
    StyleSpec("Subtitle", None, 10.5, italic=True, after=14, align="center"),
    StyleSpec("Heading 1", None, 11, bold=True, before=12, after=4, align="left", keep_next=True, outline=0),
    StyleSpec("DPA Section Heading", None, 11, bold=True, before=12, after=4, align="left", keep_next=True, outline=0),
    StyleSpec(
        "DPA Annex Heading",
        None,
        12.5,
        bold=True,
        before=0,
        after=6,
        align="left",
        keep_next=True,
        outline=0,
        tab_cm=2.6,
    ),
    StyleSpec("DPA Group Heading", None, 10.5, bold=True, italic=True, before=8, after=3, align="left", keep_next=True),
    StyleSpec("DPA Clause", None, 10.5, after=4, left_cm=1.1, hanging_cm=1.1),
    StyleSpec("DPA Clause Text", None, 10.5, after=4, left_cm=1.1),
    StyleSpec("DPA Party", None, 10.5, after=4, left_cm=1.1, hanging_cm=1.1),
    StyleSpec("DPA Recital", None, 10.5, after=4, left_cm=1.1, hanging_cm=1.1),
    StyleSpec("DPA List", None, 10.5, after=2, left_cm=1.9, hanging_cm=0.8),
    StyleSpec("DPA Table Text", None, 9.5, after=0, align="left"),
    StyleSpec("DPA Signature", None, 10.5, after=3, align="left"),
)


def define_styles(doc: Any) -> dict[str, str]:
    """Give the document's styles dpa-gen's look; returns style name → style id."""
    ids: dict[str, str] = {}
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    set_fonts(normal.element, FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for spec in STYLES:
        try:
            style = styles[spec.name]
        except KeyError:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.quick_style = True
        font = style.font
        font.name = FONT
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        font.all_caps = spec.caps
        font.color.rgb = RGBColor(0x11, 0x11, 0x11)
        set_fonts(style.element, FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(spec.before)
        fmt.space_after = Pt(spec.after)
        fmt.left_indent = Cm(spec.left_cm)
        fmt.first_line_indent = Cm(-spec.hanging_cm) if spec.hanging_cm else Cm(0)
        fmt.keep_with_next = spec.keep_next
        if spec.tab_cm is not None:
            fmt.tab_stops.add_tab_stop(Cm(spec.tab_cm))
        fmt.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[spec.align]
        pPr = style.element.get_or_add_pPr()
        for unwanted in ("w:pBdr", "w:numPr"):
            element = pPr.find(qn(unwanted))
            if element is not None:
                pPr.remove(element)
        rPr = style.element.get_or_add_rPr()
        for unwanted in ("w:spacing", "w:kern"):  # the template's letter-spaced Title
            element = rPr.find(qn(unwanted))
            if element is not None:
                rPr.remove(element)
        if spec.outline is not None:
            pPr = style.element.get_or_add_pPr()
            outline = pPr.find(qn("w:outlineLvl"))
            if outline is None:
                outline = OxmlElement("w:outlineLvl")
                pPr.append(outline)
            outline.set(qn("w:val"), str(spec.outline))
        ids[spec.name] = style.style_id
    ids["Normal"] = normal.style_id
    ids["Header"] = styles["Header"].style_id
    ids["Footer"] = styles["Footer"].style_id
    ids["Table Grid"] = styles["Table Grid"].style_id
    return ids


def link_style_numbering(doc: Any, num_id: int) -> None:
    """Number article headings and clauses through their styles, as Word does it."""
    for name, level in (("Heading 1", 0), ("DPA Clause", 1)):
        style = doc.styles[name]
        pPr = style.element.get_or_add_pPr()
        set_num(pPr, num_id, level)
