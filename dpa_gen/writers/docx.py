"""Serialise a ``Document`` to DOCX with python-docx, as a lawyer would build it in Word.

Articles are ``Heading 1`` paragraphs and clauses ``DPA Clause`` paragraphs, numbered by a
real multi-level list ("Artikel 5", "5.3"), so inserting a clause in Word renumbers the rest.
Recitals, parties and lettered lists are real lists too. Cross-references are internal
links to bookmarks. Side by side, each language column has its own lists so both count
alike. python-docx objects never leave this module.

Speed: styles are set by id on the XML (looking a style up by name scans all ~160 styles),
and table cells are reached through their row, never ``table.cell(r, c)`` (which rebuilds
the grid on every call).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, assert_never

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dpa_gen import __version__
from dpa_gen.document import (
    Block,
    Clause,
    Document,
    Emph,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    Ref,
    SignatureBlock,
    Strong,
    Table,
    Text,
)
from dpa_gen.models.base import Lang

FONT = "Cambria"  # Caladea, the PDF's font, has Cambria's metrics; LibreOffice substitutes it
PAGE_WIDTH_TWIPS = 9638  # A4 minus 2 cm + 2.2 cm margins (see contract.css), in twentieths of a point
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _StyleSpec:
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
    _StyleSpec("Title", None, 17, bold=True, before=18, after=6, align="center", caps=True),
    _StyleSpec("DPA Parallel Title", None, 14, bold=True, before=12, after=6, align="center", caps=True),
    _StyleSpec("Subtitle", None, 10.5, italic=True, after=14, align="center"),
    _StyleSpec("Heading 1", None, 11, bold=True, before=12, after=4, align="left", keep_next=True, outline=0),
    _StyleSpec("DPA Section Heading", None, 11, bold=True, before=12, after=4, align="left", keep_next=True, outline=0),
    _StyleSpec(
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
    _StyleSpec(
        "DPA Group Heading", None, 10.5, bold=True, italic=True, before=8, after=3, align="left", keep_next=True
    ),
    _StyleSpec("DPA Clause", None, 10.5, after=4, left_cm=1.1, hanging_cm=1.1),
    _StyleSpec("DPA Clause Text", None, 10.5, after=4, left_cm=1.1),
    _StyleSpec("DPA Party", None, 10.5, after=4, left_cm=1.1, hanging_cm=1.1),
    _StyleSpec("DPA Recital", None, 10.5, after=4, left_cm=1.1, hanging_cm=1.1),
    _StyleSpec("DPA List", None, 10.5, after=2, left_cm=1.9, hanging_cm=0.8),
    _StyleSpec("DPA Table Text", None, 9.5, after=0, align="left"),
    _StyleSpec("DPA Signature", None, 10.5, after=3, align="left"),
)


def render_docx(document: Document, templates: Path | None = None) -> bytes:
    """The DOCX bytes of ``document`` (``templates`` is unused: DOCX styles are defined here)."""
    del templates
    return _DocxBuilder(document).build()


class _DocxBuilder:
    def __init__(self, document: Document) -> None:
        self.model = document
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self.styles: dict[str, str] = {}
        self.numbering = _Numbering(self.doc)
        self.bookmarks: dict[str, str] = {}
        self.bookmark_ids = 0
        self.clause_nums: dict[Lang, int] = {}

    def build(self) -> bytes:
        self._define_styles()
        for lang in self.model.langs:
            self.clause_nums[lang] = self.numbering.clause_list(self.model.article_words[lang])
        # The first language's lists are linked to the styles, as Word does it.
        self._link_style_numbering(self.clause_nums[self.model.langs[0]])
        self._page_setup()
        for block in self.model.blocks:
            self._block(self.body, block, self.model.langs[0])
        self._metadata()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _normalise_zip(buffer.getvalue())

    # --- styles and numbering ----------------------------------------------------------------

    def _define_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10.5)
        _set_east_asian_font(normal.element, FONT)
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
            _set_east_asian_font(style.element, FONT)
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
            self.styles[spec.name] = style.style_id
        self.styles["Normal"] = normal.style_id
        self.styles["Header"] = styles["Header"].style_id
        self.styles["Footer"] = styles["Footer"].style_id
        self.styles["Table Grid"] = styles["Table Grid"].style_id

    def _link_style_numbering(self, num_id: int) -> None:
        for name, level in (("Heading 1", 0), ("DPA Clause", 1)):
            style = self.doc.styles[name]
            pPr = style.element.get_or_add_pPr()
            _set_num(pPr, num_id, level)

    # --- page, header, footer, properties ------------------------------------------------------

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
        section.left_margin, section.right_margin = Cm(2.2), Cm(2.0)
        section.header_distance, section.footer_distance = Cm(1.2), Cm(1.1)
        section.different_first_page_header_footer = True
        info = self.model.info
        header = section.header.paragraphs[0]
        self._style(header, "Header")
        run = header.add_run(info.header)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        for footer in (section.footer, section.first_page_footer):
            paragraph = footer.paragraphs[0]
            self._style(paragraph, "Footer")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._page_label(paragraph, info.page_label)

    def _page_label(self, paragraph: Any, label: str) -> None:
        import re

        for piece in re.split(r"(\{page\}|\{pages\})", label):
            if piece == "{page}":
                _field(paragraph, "PAGE", "1")
            elif piece == "{pages}":
                _field(paragraph, "NUMPAGES", "1")
            elif piece:
                run = paragraph.add_run(piece)
                run.font.size = Pt(8.5)

    def _metadata(self) -> None:
        info = self.model.info
        props = self.doc.core_properties
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
        settings = self.doc.settings.element
        existing = settings.find(qn("w:themeFontLang"))
        if existing is not None:
            existing.set(qn("w:val"), info.language)
        if settings.find(qn("w:autoHyphenation")) is None:  # narrow justified columns need it
            hyphenation = OxmlElement("w:autoHyphenation")
            anchor = settings.find(qn("w:defaultTabStop"))
            (anchor.addnext(hyphenation) if anchor is not None else settings.insert(0, hyphenation))
        normal_rpr = self.doc.styles["Normal"].element.get_or_add_rPr()
        lang_el = OxmlElement("w:lang")
        lang_el.set(qn("w:val"), info.language)
        normal_rpr.append(lang_el)

    # --- blocks ------------------------------------------------------------------------------

    def _block(self, container: Any, block: Block, lang: Lang) -> None:
        match block:
            case Heading():
                self._heading(container, block, lang)
            case Clause():
                self._clause(container, block, lang)
            case Paragraph(inlines=inlines):  # a lead line under the title
                p = self._paragraph(container, "Subtitle")
                self._inlines(p, inlines)
            case ListBlock():
                self._list(container, block, lang, "DPA List")
            case Table():
                self._table(container, block)
            case SignatureBlock():
                self._signatures(container, block)
            case Parallel():
                self._parallel(container, block)
            case PageBreak():
                p = self._paragraph(container, "Normal")
                run = OxmlElement("w:r")
                br = OxmlElement("w:br")
                br.set(qn("w:type"), "page")
                run.append(br)
                p.append(run)
            case _:
                assert_never(block)  # mypy fails here until every block type is handled

    def _heading(self, container: Any, heading: Heading, lang: Lang) -> None:
        match heading.kind:
            case "title":
                style = "Title" if len(self.model.langs) == 1 else "DPA Parallel Title"
                self._inlines(self._paragraph(container, style), (Text(heading.title),))
                return
            case "article":  # "Artikel 5" comes from the numbering list, not from the text
                p = self._paragraph(container, "Heading 1")
                if lang != self.model.langs[0]:
                    _set_num(p.get_or_add_pPr(), self.clause_nums[lang], 0)
            case "annex":
                p = self._paragraph(container, "DPA Annex Heading")
                self._text(p, f"{heading.prefix} {heading.number}")
                p.append(OxmlElement("w:r"))
                p[-1].append(OxmlElement("w:tab"))
            case "group":
                p = self._paragraph(container, "DPA Group Heading")
            case "section":
                p = self._paragraph(container, "DPA Section Heading")
            case _:
                assert_never(heading.kind)
        if heading.anchor:
            self._bookmark(p, heading.anchor)
        self._text(p, heading.title)

    def _clause(self, container: Any, clause: Clause, lang: Lang) -> None:
        first = True
        for body in clause.body:
            match body:
                case ListBlock():
                    self._list(container, body, lang, "DPA List")
                case Paragraph(inlines=inlines):
                    if first:
                        p = self._first_paragraph(container, clause, lang)
                    else:
                        p = self._paragraph(container, "DPA Clause Text" if clause.number is not None else "Normal")
                    self._inlines(p, inlines)
                    first = False
                case _:
                    assert_never(body)

    def _first_paragraph(self, container: Any, clause: Clause, lang: Lang) -> Any:
        """The paragraph that carries the clause's number (from a list) and its bookmark."""
        if clause.number is None:
            p = self._paragraph(container, "Normal")
        else:
            match clause.style:
                case "clause":
                    p = self._paragraph(container, "DPA Clause")
                    if lang != self.model.langs[0]:
                        _set_num(p.get_or_add_pPr(), self.clause_nums[lang], 1)
                case "party" | "recital":
                    p = self._paragraph(container, "DPA Party" if clause.style == "party" else "DPA Recital")
                    _set_num(p.get_or_add_pPr(), self.numbering.simple_list(clause.style, lang), 0)
                case "plain":  # no list numbers plain clauses; the number is written as text
                    p = self._paragraph(container, "Normal")
                    self._text(p, f"{clause.number} ")
                case _:
                    assert_never(clause.style)
        self._bookmark(p, clause.anchor)
        return p

    def _list(self, container: Any, block: ListBlock, lang: Lang, style: str) -> None:
        num_id = self.numbering.new_alpha_list()
        for item in block.items:
            p = self._paragraph(container, style)
            _set_num(p.get_or_add_pPr(), num_id, 0)
            self._inlines(p, item)

    def _parallel(self, container: Any, block: Parallel) -> None:
        table = self._table_element(container, (50, 50), borders="inside")
        left_lang, right_lang = self.model.langs[0], self.model.langs[1]
        for left, right in block.rows:
            row = self._row(table, (50, 50))
            cells = row.findall(qn("w:tc"))
            for cell, item, lang in ((cells[0], left, left_lang), (cells[1], right, right_lang)):
                self._block(cell, item, lang)
                _ensure_paragraph(cell)
            if isinstance(left, Heading):
                trPr = row.get_or_add_trPr() if hasattr(row, "get_or_add_trPr") else _tr_pr(row)
                trPr.append(OxmlElement("w:cantSplit"))

    def _table(self, container: Any, table: Table) -> None:
        widths = tuple(col.width for col in table.columns)
        element = self._table_element(container, widths, borders="all")
        if table.header:
            row = self._row(element, widths, header=True)
            for cell, col in zip(row.findall(qn("w:tc")), table.columns, strict=True):
                p = self._paragraph(cell, "DPA Table Text")
                self._inlines(p, (Strong((Text(col.label),)),))
                _shade(cell, "E6E6E6")
        for values in table.rows:
            row = self._row(element, widths)
            _cant_split(row)
            for index, (cell, lines) in enumerate(zip(row.findall(qn("w:tc")), values, strict=True)):
                label_column = not table.header and index == 0 and len(widths) > 1
                if label_column:
                    _shade(cell, "F2F2F2")
                for line in lines:
                    p = self._paragraph(cell, "DPA Table Text")
                    self._inlines(p, (Strong(line),) if label_column else line)
                _ensure_paragraph(cell)
        self._paragraph(container, "Normal")

    def _signatures(self, container: Any, block: SignatureBlock) -> None:
        table = self._table_element(container, (50, 50), borders="none")
        row = self._row(table, (50, 50))
        _cant_split(row)
        for cell, sig in zip(row.findall(qn("w:tc")), block.signatories, strict=False):
            p = self._paragraph(cell, "DPA Signature")
            self._inlines(p, (Strong((Text(sig.party_label),)),))
            self._inlines(self._paragraph(cell, "DPA Signature"), (Text(sig.party_name),))
            line = self._paragraph(cell, "DPA Signature")
            _space_before(line, 36)
            _bottom_border(line)
            self._inlines(self._paragraph(cell, "DPA Signature"), (Text(block.signature_label),))
            self._inlines(self._paragraph(cell, "DPA Signature"), (Text(f"{block.name_label}: {sig.name or ''}"),))
            self._inlines(self._paragraph(cell, "DPA Signature"), (Text(f"{block.role_label}: {sig.role or ''}"),))
            self._inlines(self._paragraph(cell, "DPA Signature"), (Text(f"{block.date_label}:"),))
        self._paragraph(container, "Normal")

    # --- low-level helpers -------------------------------------------------------------------

    def _paragraph(self, container: Any, style: str) -> Any:
        p = OxmlElement("w:p")
        pPr = OxmlElement("w:pPr")
        style_el = OxmlElement("w:pStyle")
        style_el.set(qn("w:val"), self.styles[style])
        pPr.append(style_el)
        p.append(pPr)
        if container is self.body:
            sect = self.body.find(qn("w:sectPr"))
            if sect is not None:
                sect.addprevious(p)
            else:
                self.body.append(p)
        else:
            container.append(p)
        return p

    def _style(self, paragraph: Any, style: str) -> None:
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), self.styles[style])

    def _text(self, p: Any, text: str, *, bold: bool = False, italic: bool = False) -> Any:
        run = OxmlElement("w:r")
        if bold or italic:
            rPr = OxmlElement("w:rPr")
            if bold:
                rPr.append(OxmlElement("w:b"))
            if italic:
                rPr.append(OxmlElement("w:i"))
            run.append(rPr)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        p.append(run)
        return run

    def _inlines(self, p: Any, nodes: Sequence[Inline], *, bold: bool = False, italic: bool = False) -> None:
        for node in nodes:
            match node:
                case Text(value=value):
                    self._text(p, value, bold=bold, italic=italic)
                case Strong(children=children):
                    self._inlines(p, children, bold=True, italic=italic)
                case Emph(children=children):
                    self._inlines(p, children, bold=bold, italic=True)
                case Ref(target=target, label=label):
                    link = OxmlElement("w:hyperlink")
                    link.set(qn("w:anchor"), self._bookmark_name(target))
                    link.set(qn("w:history"), "1")
                    self._text(link, label, bold=bold, italic=italic)
                    p.append(link)
                case _:
                    assert_never(node)

    def _bookmark_name(self, anchor: str) -> str:
        # Word bookmark names: a letter first, [A-Za-z0-9_], at most 40 characters; a leading
        # underscore hides them from the Bookmarks dialog, as Word does for its own.
        name = self.bookmarks.get(anchor)
        if name is None:
            name = f"_dpa{len(self.bookmarks) + 1}"
            self.bookmarks[anchor] = name
        return name

    def _bookmark(self, p: Any, anchor: str) -> None:
        self.bookmark_ids += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_ids))
        start.set(qn("w:name"), self._bookmark_name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_ids))
        p.append(start)
        p.append(end)

    def _table_element(self, container: Any, widths: Sequence[int], *, borders: str) -> Any:
        tbl = OxmlElement("w:tbl")
        tblPr = OxmlElement("w:tblPr")
        style = OxmlElement("w:tblStyle")
        style.set(qn("w:val"), self.styles["Table Grid"] if borders == "all" else self.styles["Normal"])
        if borders == "all":
            tblPr.append(style)
        tblW = OxmlElement("w:tblW")
        tblW.set(qn("w:w"), "5000")
        tblW.set(qn("w:type"), "pct")
        tblPr.append(tblW)
        if borders != "all":
            tblPr.append(_borders(inside_v=borders == "inside"))
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tblPr.append(layout)
        margins = OxmlElement("w:tblCellMar")
        for side, value in (("left", 85), ("right", 85)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(value if borders == "all" else 170))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tblPr.append(margins)
        look = OxmlElement("w:tblLook")
        look.set(qn("w:val"), "04A0")
        look.set(qn("w:firstRow"), "1")
        look.set(qn("w:noHBand"), "0")
        look.set(qn("w:noVBand"), "1")
        tblPr.append(look)
        tbl.append(tblPr)
        grid = OxmlElement("w:tblGrid")
        for width in widths:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(PAGE_WIDTH_TWIPS * width // 100))
            grid.append(col)
        tbl.append(grid)
        if container is self.body:
            sect = self.body.find(qn("w:sectPr"))
            if sect is not None:
                sect.addprevious(tbl)
            else:
                self.body.append(tbl)
        else:
            container.append(tbl)
        return tbl

    def _row(self, tbl: Any, widths: Sequence[int], *, header: bool = False) -> Any:
        tr = OxmlElement("w:tr")
        if header:
            trPr = OxmlElement("w:trPr")
            trPr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
            tr.append(trPr)
        for width in widths:
            tc = OxmlElement("w:tc")
            tcPr = OxmlElement("w:tcPr")
            tcW = OxmlElement("w:tcW")
            tcW.set(qn("w:w"), str(PAGE_WIDTH_TWIPS * width // 100))
            tcW.set(qn("w:type"), "dxa")
            tcPr.append(tcW)
            tc.append(tcPr)
            tr.append(tc)
        tbl.append(tr)
        return tr


class _Numbering:
    """Adds abstract lists and list instances to ``word/numbering.xml``."""

    def __init__(self, doc: Any) -> None:
        self.root = doc.part.numbering_part.element
        for child in list(self.root):  # python-docx's template lists are unused
            self.root.remove(child)
        self.next_abstract = 1
        self.next_num = 1
        self.simple: dict[tuple[str, str], int] = {}
        self.alpha_abstract: int | None = None

    def clause_list(self, prefix: str) -> int:
        """Level 0 "Artikel %1" (articles), level 1 "%1.%2" (clauses)."""
        abstract = self._abstract(
            [
                _level(0, "decimal", f"{prefix} %1", left=0, hanging=0, suffix="tab", tab=1300, bold=True),
                _level(1, "decimal", "%1.%2", left=624, hanging=624, suffix="tab"),
            ]
        )
        return self._num(abstract)

    def simple_list(self, kind: str, lang: str) -> int:
        """Parties "1." and recitals "A.", one list per language column."""
        key = (kind, lang)
        if key not in self.simple:
            fmt, text = ("decimal", "%1.") if kind == "party" else ("upperLetter", "%1.")
            abstract = self._abstract([_level(0, fmt, text, left=624, hanging=624, suffix="tab")])
            self.simple[key] = self._num(abstract)
        return self.simple[key]

    def new_alpha_list(self) -> int:
        """A lettered list (a), (b) that starts again at (a)."""
        if self.alpha_abstract is None:
            self.alpha_abstract = self._abstract(
                [_level(0, "lowerLetter", "(%1)", left=1077, hanging=453, suffix="tab")]
            )
        return self._num(self.alpha_abstract, restart=True)

    def _abstract(self, levels: list[Any]) -> int:
        ident = self.next_abstract
        self.next_abstract += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(ident))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "multilevel" if len(levels) > 1 else "singleLevel")
        abstract.append(multi)
        for level in levels:
            abstract.append(level)
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # schema order: every abstractNum before any num
        else:
            self.root.append(abstract)
        return ident

    def _num(self, abstract: int, *, restart: bool = False) -> int:
        ident = self.next_num
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(ident))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract))
        num.append(ref)
        if restart:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), "1")
            override.append(start)
            num.append(override)
        self.root.append(num)
        return ident


def _level(
    ilvl: int, fmt: str, text: str, *, left: int, hanging: int, suffix: str, tab: int | None = None, bold: bool = False
) -> Any:
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), str(ilvl))
    for tag, value in (
        ("w:start", "1"),
        ("w:numFmt", fmt),
        ("w:suff", suffix),
        ("w:lvlText", text),
        ("w:lvlJc", "left"),
    ):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        lvl.append(el)
    pPr = OxmlElement("w:pPr")
    if tab is not None:
        tabs = OxmlElement("w:tabs")
        stop = OxmlElement("w:tab")
        stop.set(qn("w:val"), "left")
        stop.set(qn("w:pos"), str(tab))
        tabs.append(stop)
        pPr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging"), str(hanging))
    pPr.append(ind)
    lvl.append(pPr)
    rPr = OxmlElement("w:rPr")
    if bold:
        rPr.append(OxmlElement("w:b"))
    lvl.append(rPr)
    return lvl


def _fit(text: str, limit: int = 255) -> str:
    """python-docx refuses core properties over 255 characters; long party names are shortened."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _set_num(pPr: Any, num_id: int, level: int) -> None:
    existing = pPr.find(qn("w:numPr"))
    if existing is not None:
        pPr.remove(existing)
    numPr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    numPr.append(ilvl)
    numPr.append(num)
    style = pPr.find(qn("w:pStyle"))
    keep = pPr.find(qn("w:keepNext"))
    anchor = keep if keep is not None else style
    if anchor is not None:
        anchor.addnext(numPr)
    else:
        pPr.insert(0, numPr)


def _set_east_asian_font(style_element: Any, font: str) -> None:
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


def _field(paragraph: Any, instruction: str, cached: str) -> None:
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


def _borders(*, inside_v: bool) -> Any:
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


def _tr_pr(row: Any) -> Any:
    trPr = row.find(qn("w:trPr"))
    if trPr is None:
        trPr = OxmlElement("w:trPr")
        row.insert(0, trPr)
    return trPr


def _cant_split(row: Any) -> None:
    _tr_pr(row).append(OxmlElement("w:cantSplit"))


def _shade(cell: Any, fill: str) -> None:
    tcPr = cell.find(qn("w:tcPr"))
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def _ensure_paragraph(cell: Any) -> None:
    # A table cell must end with a paragraph, or Word reports the file as damaged.
    if cell[-1].tag != qn("w:p"):
        cell.append(OxmlElement("w:p"))


def _space_before(p: Any, points: int) -> None:
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(points * 20))
    p.find(qn("w:pPr")).append(spacing)


def _bottom_border(p: Any) -> None:
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


_DROP = ("docProps/thumbnail.jpeg",)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps and order; drop the template's thumbnail.

    Why: python-docx stamps every zip entry with the current time, so two builds of the
    same contract would differ; and its template carries a preview picture of another file.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            if info.filename in _DROP:
                continue
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
            if info.filename == "_rels/.rels":
                content = _drop_relationship(content, b"thumbnail")
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, content, compresslevel=6)
    return out.getvalue()


def _drop_relationship(rels: bytes, marker: bytes) -> bytes:
    import re

    return re.sub(rb"<Relationship [^>]*" + marker + rb"[^>]*/>", b"", rels)
