"""What surrounds the body: page setup, running header, page-number footer and document properties."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dpa_gen import __version__
from dpa_gen.document import DocumentInfo
from dpa_gen.writers.docx.ooxml import field


def page_setup(doc: Any, info: DocumentInfo, styles: Mapping[str, str]) -> None:
    """A4 with the contract's margins; the running header from page two, page numbers on every page."""
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin, section.right_margin = Cm(2.2), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.1)
    section.different_first_page_header_footer = True
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
    """Document properties and language from the contract (never the clock), and hyphenation."""
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
    if settings.find(qn("w:autoHyphenation")) is None:  # narrow justified columns need it
        hyphenation = OxmlElement("w:autoHyphenation")
        anchor = settings.find(qn("w:defaultTabStop"))
        (anchor.addnext(hyphenation) if anchor is not None else settings.insert(0, hyphenation))
    normal_rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), info.language)
    normal_rpr.append(lang_el)


def _fit(text: str, limit: int = 255) -> str:
    """python-docx refuses core properties over 255 characters; long party names are shortened."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
