"""What surrounds the body: page setup, running header, page-number footer and document properties."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from dpa_gen import __version__
from dpa_gen.document import DocumentInfo
from dpa_gen.writers.docx.ooxml import field
from dpa_gen.writers.docx.picture import add_logo

if TYPE_CHECKING:
    from dpa_gen.style import Style


def header_and_footer(doc: Any, info: DocumentInfo, styles: Mapping[str, str], style: Style) -> None:
    """The logo in page one's header, the running header from page two on, page numbers on every page.

    The page itself (size, margins, header distance) is the reference document's.
    """
    section = doc.sections[-1]
    section.different_first_page_header_footer = True
    if style.logo is not None:
        paragraph = section.first_page_header.paragraphs[0]
        _style(paragraph, styles["Header"])
        add_logo(paragraph.add_run(), style.logo, style.logo_png)
    header = section.header.paragraphs[0]
    _style(header, styles["Header"])
    run = header.add_run(info.header)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        _style(paragraph, styles["Footer"])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_label(paragraph, info.page_label)


def _style(paragraph: Any, style_id: str) -> None:
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), style_id)


def _page_label(paragraph: Any, label: str) -> None:
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            field(paragraph, "PAGE", "1")
        elif piece == "{pages}":
            field(paragraph, "NUMPAGES", "1")
        elif piece:
            run = paragraph.add_run(piece)
            run.font.size = Pt(8.5)


def metadata(doc: Any, info: DocumentInfo) -> None:
    """Document properties and language from the contract (never the clock)."""
    props = doc.core_properties
    created = dt.datetime.combine(info.created, dt.time())
    props.title = _fit(info.title)
    props.subject = _fit(info.subject)
    props.author = _fit(info.author)
    props.last_modified_by = _fit(info.author)
    props.keywords = _fit(info.keywords)
    props.language = info.language
    props.category = info.title
    props.comments = f"dpa-gen {__version__}; clause library {info.library_version}"
    props.content_status = ""
    props.identifier = ""
    props.version = info.library_version
    props.revision = 1
    props.created = created
    props.modified = created
    props.last_printed = created
    settings = doc.settings.element
    existing = settings.find(qn("w:themeFontLang"))
    if existing is not None:
        existing.set(qn("w:val"), info.language)
    normal_rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang_el = normal_rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        normal_rpr.append(lang_el)
    lang_el.set(qn("w:val"), info.language)


def _fit(text: str, limit: int = 255) -> str:
    """python-docx refuses core properties over 255 characters; long party names are shortened."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
