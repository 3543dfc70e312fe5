"""Mark whole paragraphs and table rows once the words of a redline DOCX body are marked.

After the builder has put changed runs into ``w:ins``/``w:del``, this pass works out which
paragraphs and rows were inserted or deleted *whole* and marks their paragraph marks
(``w:pPr/w:rPr/w:ins``) and rows (``w:trPr/w:ins``), so that accepting or rejecting all
changes leaves exactly the new or the old paragraphs, with their numbering and styles.

Which paragraph mark carries the change of a run of whole paragraphs P_i … P_j:

* normally their own marks (Word's form for a paragraph inserted before another one);
* the marks *before* them, P_(i-1) … P_(j-1) (Word's form for Enter at the end of a
  paragraph), when P_j is the last paragraph of its cell or of the body (that mark cannot
  go), or when P_(i-1) ends in a change of the same kind: LibreOffice joins that change
  with the next paragraph's into one and would otherwise take P_(i-1)'s mark with it.

Between the paragraph before and the run may lie only tables that go with the change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dpa_gen.redline.model import Status

TAG: Mapping[Status, str] = {"inserted": qn("w:ins"), "deleted": qn("w:del")}
STATUS: Mapping[str, Status] = {tag: status for status, tag in TAG.items()}
_P, _R, _TC, _TR, _TBL = qn("w:p"), qn("w:r"), qn("w:tc"), qn("w:tr"), qn("w:tbl")
_CONTENT = {qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br")}


class StructureMarks:
    """The pass over one body; ``whole`` holds the paragraphs of blocks changed as a whole."""

    def __init__(self, body: Any, whole: dict[Any, Status], change: Callable[[Status], Any]) -> None:
        self.body = body
        self.whole = whole
        self.change = change  # a new, stamped w:ins or w:del element

    def apply(self) -> None:
        """Mark rows and paragraph marks (in that order: paragraphs look at marked rows)."""
        self._share_spacers()
        for row in self.body.iter(_TR):
            self._mark_row(row)
        for container in (self.body, *self.body.iter(_TC)):
            self._mark_paragraphs(container)

    def status(self, p: Any) -> Status | None:
        """A paragraph's status: recorded for a wholly changed block, else that of all its text."""
        if p in self.whole:
            return self.whole[p]
        found = {STATUS.get(run.getparent().tag) for run in _content_runs(p)}
        return found.pop() if len(found) == 1 else None

    def _share_spacers(self) -> None:
        """A table replaced whole keeps one empty paragraph after the old and the new table.

        Why: where the body ends, the old table's paragraph would stay after rejecting (or
        the new one's after accepting), since the last paragraph cannot go.
        """
        for old in list(self.body.iter(_TBL)):
            spacer = old.getnext()
            if spacer is None or spacer.tag != _P or len(spacer.findall(_R)):
                continue
            new = spacer.getnext()
            after = new.getnext() if new is not None and new.tag == _TBL else None
            if after is None or after.tag != _P:
                continue
            found = (self._table_status(old), self.whole.get(spacer), self._table_status(new), self.whole.get(after))
            if found == ("deleted", "deleted", "inserted", "inserted"):
                spacer.getparent().remove(spacer)
                del self.whole[after]

    def _table_status(self, table: Any) -> Status | None:
        found = {self.whole.get(p) for p in table.iter(_P)}
        return found.pop() if len(found) == 1 else None

    def _mark_row(self, row: Any) -> None:
        found = {self.status(p) for p in row.iter(_P) if p in self.whole or _content_runs(p)}
        if len(found) == 1 and (status := found.pop()) is not None:
            tr_pr = row.find(qn("w:trPr"))
            if tr_pr is None:
                tr_pr = OxmlElement("w:trPr")
                row.insert(0, tr_pr)
            tr_pr.append(self.change(status))

    def _mark_paragraphs(self, container: Any) -> None:
        paragraphs = [child for child in container if child.tag == _P]
        statuses = [self.status(p) for p in paragraphs]
        marks: list[Status | None] = [None] * len(paragraphs)
        i = 0
        while i < len(paragraphs):
            status = statuses[i]
            if status is None:
                i += 1
                continue
            j = i
            while j + 1 < len(paragraphs) and statuses[j + 1] == status and self._joins(paragraphs, j + 1, status):
                j += 1
            last = j == len(paragraphs) - 1
            before = i > 0 and statuses[i - 1] is None and self._joins(paragraphs, i, status)
            if before and (last or _ends_with(paragraphs[i - 1], status)):
                marks[i - 1 : j] = [status] * (j - i + 1)
            elif last and i == 0:  # the whole cell changes, and its row with it
                marks[i:j] = [status] * (j - i)
            elif last:  # nothing before it can carry the change: end the container with a new paragraph
                paragraphs[j].addnext(OxmlElement("w:p"))
                marks[i : j + 1] = [status] * (j - i + 1)
            else:
                marks[i : j + 1] = [status] * (j - i + 1)
            i = j + 1
        for p, mark in zip(paragraphs, marks, strict=True):
            if mark is not None:
                _paragraph_rpr(p).append(self.change(mark))

    def _joins(self, paragraphs: list[Any], index: int, status: Status) -> bool:
        """Whether paragraph ``index`` follows ``index - 1`` once the changes of ``status`` are resolved.

        Between them may lie only tables whose rows all carry ``status`` (they go with it).
        """
        node = paragraphs[index].getprevious()
        while node is not paragraphs[index - 1]:
            if node.tag != _TBL:
                return False
            for row in node.iter(_TR):
                tr_pr = row.find(qn("w:trPr"))
                if tr_pr is None or tr_pr.find(TAG[status]) is None:
                    return False
            node = node.getprevious()
        return True


def _content_runs(p: Any) -> list[Any]:
    return [run for run in p.iter(_R) if any(child.tag in _CONTENT for child in run)]


def _ends_with(p: Any, status: Status) -> bool:
    runs = _content_runs(p)
    return bool(runs) and runs[-1].getparent().tag == TAG[status]


def _paragraph_rpr(p: Any) -> Any:
    p_pr = p.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        p.insert(0, p_pr)
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        p_pr.append(r_pr)
    return r_pr
