"""The body of the DOCX: one paragraph, list item or table per block of the ``Document``.

Speed: styles are set by id on the XML (looking a style up by name scans all ~160 styles),
and table cells are reached through their row, never ``table.cell(r, c)`` (which rebuilds
the grid on every call).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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
    Signatory,
    SignatureBlock,
    Strong,
    Table,
    Text,
)
from dpa_gen.models.base import Lang
from dpa_gen.writers.docx.frame import header_and_footer, metadata
from dpa_gen.writers.docx.numbering import Numbering, set_num
from dpa_gen.writers.docx.ooxml import (
    bottom_border,
    cant_split,
    ensure_paragraph,
    shade,
    space_before,
    table_borders,
    tr_pr,
)
from dpa_gen.writers.docx.package import normalise_zip
from dpa_gen.writers.docx.reference import start_from
from dpa_gen.writers.docx.styles import adopt_styles, level_looks, link_style_numbering

if TYPE_CHECKING:
    from dpa_gen.style import Style


class DocxBuilder:
    """Builds one DOCX from one ``Document``; python-docx objects never leave this package."""

    def __init__(self, document: Document, style: Style) -> None:
        self.model = document
        self.style = style
        self.doc = start_from(style.reference)
        self.body = self.doc.element.body
        self.text_width = style.page.text_width  # twips; table columns are shares of it
        self.styles = adopt_styles(self.doc)
        self.numbering = Numbering(self.doc, level_looks(self.doc))
        self.bookmarks: dict[str, str] = {}
        self.bookmark_ids = 0
        self.clause_nums: dict[Lang, int] = {}

    def build(self) -> bytes:
        """The DOCX bytes."""
        for lang in self.model.langs:
            self.clause_nums[lang] = self.numbering.clause_list(self.model.article_words[lang])
        # The first language's lists are linked to the styles, as Word does it.
        link_style_numbering(self.doc, self.clause_nums[self.model.langs[0]])
        header_and_footer(self.doc, self.model.info, self.styles, self.style)
        self._write_body()
        metadata(self.doc, self.model.info)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalise_zip(buffer.getvalue(), custom=self.model.info.provenance)

    def _write_body(self) -> None:
        for block in self.model.blocks:
            self._block(self.body, block, self.model.langs[0])
        self._end_with_paragraph()

    def _end_with_paragraph(self) -> Any:
        """The empty paragraph Word puts after a table that ends the body (side by side); None if none is needed.

        Why: Word and LibreOffice need a paragraph there and add one when they open the
        file, so a build writes it, as Word does; a redline then resolves to the build exactly.
        """
        blocks = [child for child in self.body if child.tag != qn("w:sectPr")]
        if blocks and blocks[-1].tag != qn("w:tbl"):
            return None
        return self._paragraph(self.body, "Normal")

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
                self._inlines(self._paragraph(container, style), self._title_inlines(heading))
                return
            case "article":  # "Artikel 5" comes from the numbering list, not from the text
                p = self._paragraph(container, "Heading 1")
                if lang != self.model.langs[0]:
                    set_num(p.get_or_add_pPr(), self.clause_nums[lang], 0)
            case "annex":
                p = self._paragraph(container, "DPA Annex Heading")
                self._inlines(p, self._label_inlines(heading))
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
        self._inlines(p, self._title_inlines(heading))

    # Hooks: the redline writer (dpa_gen/redline/docx.py) marks changes in a heading's words.
    def _title_inlines(self, heading: Heading) -> tuple[Inline, ...]:
        return (Text(heading.title),)

    def _label_inlines(self, heading: Heading) -> tuple[Inline, ...]:
        return (Text(f"{heading.prefix} {heading.number}"),)

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
                        set_num(p.get_or_add_pPr(), self.clause_nums[lang], 1)
                case "party" | "recital":
                    p = self._paragraph(container, "DPA Party" if clause.style == "party" else "DPA Recital")
                    set_num(p.get_or_add_pPr(), self.numbering.simple_list(clause.style, lang), 0)
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
            set_num(p.get_or_add_pPr(), num_id, 0)
            self._inlines(p, item)

    def _parallel(self, container: Any, block: Parallel) -> None:
        table = self._table_element(container, (50, 50), borders="inside")
        left_lang, right_lang = self.model.langs[0], self.model.langs[1]
        for left, right in block.rows:
            row = self._row(table, (50, 50))
            cells = row.findall(qn("w:tc"))
            for cell, item, lang in ((cells[0], left, left_lang), (cells[1], right, right_lang)):
                self._block(cell, item, lang)
                ensure_paragraph(cell)
            if isinstance(left, Heading):
                trPr = row.get_or_add_trPr() if hasattr(row, "get_or_add_trPr") else tr_pr(row)
                trPr.append(OxmlElement("w:cantSplit"))

    def _table(self, container: Any, table: Table) -> None:
        widths = tuple(col.width for col in table.columns)
        element = self._table_element(container, widths, borders="all")
        if table.header:
            row = self._row(element, widths, header=True)
            for cell, col in zip(row.findall(qn("w:tc")), table.columns, strict=True):
                p = self._paragraph(cell, "DPA Table Text")
                self._inlines(p, (Strong((Text(col.label),)),))
                shade(cell, "E6E6E6")
        for values in table.rows:
            row = self._row(element, widths)
            cant_split(row)
            for index, (cell, lines) in enumerate(zip(row.findall(qn("w:tc")), values, strict=True)):
                label_column = not table.header and index == 0 and len(widths) > 1
                if label_column:
                    shade(cell, "F2F2F2")
                for line in lines:
                    p = self._paragraph(cell, "DPA Table Text")
                    self._inlines(p, (Strong(line),) if label_column else line)
                ensure_paragraph(cell)
        self._paragraph(container, "Normal")

    def _signatures(self, container: Any, block: SignatureBlock) -> None:
        table = self._table_element(container, (50, 50), borders="none")
        for index, pair in enumerate(block.rows()):
            row = self._row(table, (50, 50))
            cant_split(row)
            for cell, sig in zip(row.findall(qn("w:tc")), pair, strict=True):
                if sig is None:
                    self._paragraph(cell, "DPA Signature")  # a cell must hold a paragraph
                    continue
                self._signature_box(cell, block, sig, first=index == 0)
        self._paragraph(container, "Normal")

    def _signature_box(self, cell: Any, block: SignatureBlock, sig: Signatory, *, first: bool) -> None:
        """One signatory's box; the party is named above its first signatory only."""
        if first:
            p = self._paragraph(cell, "DPA Signature")
            self._inlines(p, (Strong((Text(sig.party_label),)),))
            self._inlines(self._paragraph(cell, "DPA Signature"), (Text(sig.party_name),))
        line = self._paragraph(cell, "DPA Signature")
        space_before(line, 36)
        bottom_border(line)
        self._inlines(self._paragraph(cell, "DPA Signature"), (Text(block.signature_label),))
        self._inlines(self._paragraph(cell, "DPA Signature"), (Text(f"{block.name_label}: {sig.name or ''}"),))
        self._inlines(self._paragraph(cell, "DPA Signature"), (Text(f"{block.role_label}: {sig.role or ''}"),))
        self._inlines(self._paragraph(cell, "DPA Signature"), (Text(f"{block.date_label}:"),))

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
            tblPr.append(table_borders(inside_v=borders == "inside"))
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
            col.set(qn("w:w"), str(self.text_width * width // 100))
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
            tcW.set(qn("w:w"), str(self.text_width * width // 100))
            tcW.set(qn("w:type"), "dxa")
            tcPr.append(tcW)
            tc.append(tcPr)
            tr.append(tc)
        tbl.append(tr)
        return tr
