"""Make the bundled ``templates/_base/reference.docx``: dpa-gen's Word styles, page and settings.

The DOCX writer starts every document from a style's ``reference.docx`` (like pandoc's
``--reference-doc``); this module is the recipe of the bundled one. After changing a
definition here, run ``python -m dpa_gen.writers.docx.make_reference`` and commit the file;
``tests/test_style.py`` fails while the two differ.

Only ``Normal`` names the font: every other style inherits it, so a team that sets another
font on ``Normal`` in Word changes the whole document, as Word users expect.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from dpa_gen.writers.docx.ooxml import set_fonts
from dpa_gen.writers.docx.package import normalise_zip

FONT = "Cambria"  # Caladea, the PDF's font, has Cambria's metrics; LibreOffice substitutes it
TEXT_COLOUR = RGBColor(0x11, 0x11, 0x11)


@dataclass(frozen=True)
class Page:
    """A4 and the contract's margins, in millimetres (Word's Page Setup)."""

    width: float = 210
    height: float = 297
    top: float = 24
    right: float = 20
    bottom: float = 22
    left: float = 22
    header: float = 12  # from the top edge to the running header
    footer: float = 11  # from the bottom edge to the page number


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style. Sizes in points; indents and tab stops in twips (1/20 pt)."""

    name: str
    size: float
    bold: bool = False
    italic: bool = False
    before: float = 0
    after: float = 4
    left: int = 0
    hanging: int = 0
    align: Literal["justify", "center", "left"] = "justify"
    keep_next: bool = False
    outline: int | None = None
    caps: bool = False
    tab: int | None = None  # where the text after a number ("Artikel 5<tab>") starts


STYLES = (
    StyleSpec("Title", 17, bold=True, before=18, after=6, align="center", caps=True),
    StyleSpec("DPA Parallel Title", 12, bold=True, before=12, after=6, align="center", caps=True),
    StyleSpec("Subtitle", 10.5, italic=True, after=14, align="center"),
    StyleSpec("Heading 1", 11, bold=True, before=12, after=4, align="left", keep_next=True, outline=0, tab=1300),
    StyleSpec("DPA Section Heading", 11, bold=True, before=12, after=4, align="left", keep_next=True, outline=0),
    StyleSpec("DPA Annex Heading", 12.5, bold=True, after=6, align="left", keep_next=True, outline=0, tab=1474),
    StyleSpec("DPA Group Heading", 10.5, bold=True, italic=True, before=8, after=3, align="left", keep_next=True),
    StyleSpec("DPA Clause", 10.5, after=4, left=624, hanging=624),  # 1.1 cm
    StyleSpec("DPA Clause Text", 10.5, after=4, left=624),
    StyleSpec("DPA Party", 10.5, after=4, left=624, hanging=624),
    StyleSpec("DPA Recital", 10.5, after=4, left=624, hanging=624),
    StyleSpec("DPA List", 10.5, after=2, left=1077, hanging=453),  # 1.9 cm, 0.8 cm
    StyleSpec("DPA Table Text", 9.5, after=0, align="left"),
    StyleSpec("DPA Signature", 10.5, after=3, align="left"),
)

_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}


def make_reference() -> bytes:
    """The bundled reference document, byte for byte the same on every run."""
    doc = docx.Document()  # python-docx's own template: Word's built-in styles
    numbering = doc.part.numbering_part.element
    for child in list(numbering):  # its sample lists are unused; the writer adds its own
        numbering.remove(child)
    _normal(doc)
    for spec in STYLES:
        _style(doc, spec)
    _page(doc, Page())
    _settings(doc)
    _properties(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def _normal(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    set_fonts(normal.element, FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15


def _style(doc: Any, spec: StyleSpec) -> None:
    styles = doc.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.all_caps = spec.caps
    font.color.rgb = TEXT_COLOUR
    fmt = style.paragraph_format
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    fmt.left_indent = Twips(spec.left)
    fmt.first_line_indent = Twips(-spec.hanging)
    fmt.keep_with_next = spec.keep_next
    if spec.tab is not None:
        fmt.tab_stops.add_tab_stop(Twips(spec.tab))
    fmt.alignment = _ALIGN[spec.align]
    pPr = style.element.get_or_add_pPr()
    for unwanted in ("w:pBdr", "w:numPr"):
        _remove(pPr, unwanted)
    rPr = style.element.get_or_add_rPr()
    for unwanted in ("w:rFonts", "w:spacing", "w:kern"):  # the font is Normal's; no letter-spaced Title
        _remove(rPr, unwanted)
    if spec.outline is not None:
        outline = pPr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            pPr.append(outline)
        outline.set(qn("w:val"), str(spec.outline))


def _remove(parent: Any, tag: str) -> None:
    element = parent.find(qn(tag))
    if element is not None:
        parent.remove(element)


def _page(doc: Any, page: Page) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    section.header_distance, section.footer_distance = Mm(page.header), Mm(page.footer)


def _settings(doc: Any) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:  # narrow justified columns need it
        hyphenation = OxmlElement("w:autoHyphenation")
        anchor = settings.find(qn("w:defaultTabStop"))
        (anchor.addnext(hyphenation) if anchor is not None else settings.insert(0, hyphenation))


def _properties(doc: Any) -> None:
    props = doc.core_properties
    fixed = dt.datetime(2026, 1, 1)
    props.title = "dpa-gen house style"
    props.subject = "Word styles, page setup and settings of the contracts dpa-gen writes"
    props.author = props.last_modified_by = "dpa-gen"
    props.comments = "Change the styles in Word (Home > Styles > Modify); dpa-gen replaces the body."
    # Set in the order the writer sets them, so the contract's properties keep this order.
    props.keywords = props.category = props.language = ""
    props.content_status = props.identifier = props.version = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = fixed


def main(argv: list[str] | None = None) -> None:
    """Write the reference document (default: the bundled ``templates/_base/reference.docx``)."""
    from dpa_gen.paths import assets_dir

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else assets_dir() / "reference.docx"
    target.write_bytes(make_reference())
    print(target)


if __name__ == "__main__":
    main()
