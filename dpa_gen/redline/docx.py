"""Write a redline ``Document`` as a DOCX with real tracked changes (``w:ins`` / ``w:del``).

The ordinary DOCX builder lays the document out; this subclass only marks what changed,
so the layout of a redline is that of a build. Word and LibreOffice show the marks and can
accept or reject them:

* inserted and deleted words are runs inside ``w:ins`` / ``w:del`` (deleted text in
  ``w:delText``), inside the link for a cross-reference, each with author and date;
* a paragraph inserted or deleted whole also has its paragraph mark marked
  (``w:pPr/w:rPr/w:ins``), so accepting or rejecting leaves no empty (numbered) paragraph.
  The last paragraph of a table cell or of the body cannot lose its mark; there the mark
  before it carries the change (as Word does it);
* a table row inserted or deleted whole is marked in ``w:trPr``.

Clause numbers are list numbering, so rejecting an inserted clause gives the old numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dpa_gen.document import Block, Document, Heading, Inline
from dpa_gen.models.base import Lang
from dpa_gen.redline.marks import StructureMarks
from dpa_gen.redline.model import ChangedHeading, ChangedRef, ChangedText, Status, whole_status
from dpa_gen.redline.wml import STATUS, TAG
from dpa_gen.writers.docx.builder import DocxBuilder
from dpa_gen.writers.docx.numbering import Numbering
from dpa_gen.writers.docx.styles import level_looks

if TYPE_CHECKING:
    from dpa_gen.style import Style

_P, _R = qn("w:p"), qn("w:r")


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who made the changes and when: every mark carries both."""

    author: str
    date: dt.date

    @property
    def when(self) -> str:
        """``2026-03-01T00:00:00Z``, the form ``w:date`` takes."""
        return f"{self.date.isoformat()}T00:00:00Z"


def render_redline(document: Document, stamp: Stamp, style: Style | None = None) -> bytes:
    """The DOCX bytes of a redline ``document`` (see ``align.redline_document``)."""
    from dpa_gen.style import bundled_style

    return RedlineBuilder(document, style or bundled_style(), stamp).build()


class RedlineNumbering(Numbering):
    """Lists as in a build, but every lettered list on an abstract list of its own.

    Why: LibreOffice keeps a list's restart at (a) on its first paragraph; rejecting an
    inserted first item would make the list continue the lettering of the list before it.
    """

    def new_alpha_list(self) -> int:
        """A lettered list (a), (b) with its own abstract list."""
        self.alpha_abstract = None
        return super().new_alpha_list()


class RedlineBuilder(DocxBuilder):
    """The DOCX builder, marking the changes of a redline document as tracked changes."""

    def __init__(self, document: Document, style: Style, stamp: Stamp) -> None:
        super().__init__(document, style)
        self.numbering = RedlineNumbering(self.doc, level_looks(self.doc))
        self.stamp = stamp
        self.status: Status | None = None  # of the inline text being written
        self.whole: dict[Any, Status] = {}  # paragraph element → status, in wholly changed blocks

    def _write_body(self) -> None:
        self.final: Any = None
        super()._write_body()
        marks = StructureMarks(self.body, self.whole, self._change, final=self.final, normal=self.styles["Normal"])
        marks.apply()
        self._number_changes()
        settings = self.doc.settings.element
        settings.insert(0, OxmlElement("w:trackRevisions"))  # further edits are tracked too

    def _end_with_paragraph(self) -> Any:
        self.final = super()._end_with_paragraph()
        return self.final

    # --- writing marked text -------------------------------------------------------------------

    def _block(self, container: Any, block: Block, lang: Lang) -> None:
        status = whole_status(block)
        if status is None:
            super()._block(container, block, lang)
            return
        count = len(_children(container))
        super()._block(container, block, lang)
        for element in _children(container)[count:]:
            for run in list(element.iter(_R)):
                self._wrap(run, status)
            for p in element.iter(_P):
                self.whole[p] = status

    def _inlines(self, p: Any, nodes: Sequence[Inline], *, bold: bool = False, italic: bool = False) -> None:
        for node in nodes:
            if isinstance(node, ChangedText | ChangedRef):
                outer, self.status = self.status, node.status
                super()._inlines(p, (node,), bold=bold, italic=italic)
                self.status = outer
            else:
                super()._inlines(p, (node,), bold=bold, italic=italic)

    def _text(self, p: Any, text: str, *, bold: bool = False, italic: bool = False) -> Any:
        run = super()._text(p, text, bold=bold, italic=italic)
        if self.status is not None:
            self._wrap(run, self.status)
        return run

    def _title_inlines(self, heading: Heading) -> tuple[Inline, ...]:
        if isinstance(heading, ChangedHeading) and heading.title_inlines:
            return heading.title_inlines
        return super()._title_inlines(heading)

    def _label_inlines(self, heading: Heading) -> tuple[Inline, ...]:
        if isinstance(heading, ChangedHeading) and heading.label_inlines:
            return heading.label_inlines
        return super()._label_inlines(heading)

    def _wrap(self, run: Any, status: Status) -> None:
        """Put ``run`` into a ``w:ins``/``w:del`` (the one just before it, if it has that status)."""
        if run.getparent().tag in STATUS:
            return
        previous = run.getprevious()
        if previous is not None and previous.tag == TAG[status]:
            wrapper = previous
        else:
            wrapper = self._change(status)
            run.addprevious(wrapper)
        wrapper.append(run)
        if status == "deleted":
            for text in run.iter(qn("w:t")):
                text.tag = qn("w:delText")

    def _change(self, status: Status) -> Any:
        element = OxmlElement("w:ins" if status == "inserted" else "w:del")
        element.set(qn("w:author"), self.stamp.author)
        element.set(qn("w:date"), self.stamp.when)
        return element

    def _number_changes(self) -> None:
        """Give every mark an id, after the bookmarks' ids (unique across the document)."""
        number = self.bookmark_ids
        for element in self.body.iter(*TAG.values(), qn("w:pPrChange")):
            number += 1
            element.set(qn("w:id"), str(number))


def _children(container: Any) -> list[Any]:
    """The blocks of a body or cell, without the body's section properties (always last)."""
    return [child for child in container if child.tag != qn("w:sectPr")]
