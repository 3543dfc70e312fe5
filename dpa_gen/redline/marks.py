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

import re
from collections.abc import Callable, Mapping
from copy import deepcopy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dpa_gen.redline.model import Status
from dpa_gen.redline.order import separate
from dpa_gen.redline.wml import (
    BOOKMARKS,
    LINK,
    STATUS,
    TAG,
    TBL,
    TC,
    TR,
    P,
    R,
    change_ends,
    content_runs,
    ends_with,
    paragraph_pr,
    paragraph_rpr,
    properties,
    pstyle,
    text_of,
    xml_of,
)

_OTHER: Mapping[Status, Status] = {"inserted": "deleted", "deleted": "inserted"}


class StructureMarks:
    """The pass over one body; ``whole`` holds the paragraphs of blocks changed as a whole."""

    def __init__(
        self,
        body: Any,
        whole: dict[Any, Status],
        change: Callable[[Status], Any],
        *,
        final: Any = None,
        normal: str = "Normal",
    ) -> None:
        self.body = body
        self.whole = whole
        self.change = change  # a new, stamped w:ins or w:del element
        self.final = final  # the empty paragraph the builder put after a table that ends the body
        self.normal = normal  # the style id of that paragraph
        self.joined: set[Any] = set()  # last paragraphs that hold the old and the new last paragraph

    def apply(self) -> None:
        """Mark rows and paragraph marks (in that order: paragraphs look at marked rows)."""
        self._share_spacers()
        for row in self.body.iter(TR):
            if self._changed(row):
                self._mark_row(row)
        if self.final is not None:  # it goes with the table before it
            table = self.final.getprevious()
            for status in TAG:
                if table is not None and table.tag == TBL and self._rows_carry(table, status):
                    self.whole[self.final] = status
        for container in (self.body, *self.body.iter(TC)):
            if self._changed(container):
                self._join_ends(container)
                self._mark_paragraphs(container)

    def status(self, p: Any) -> Status | None:
        """A paragraph's status: recorded for a wholly changed block, else that of all its text."""
        if p in self.joined:
            return None
        if p in self.whole:
            return self.whole[p]
        if next(p.iter(*TAG.values()), None) is None:
            return None
        found = {STATUS.get(run.getparent().tag) for run in content_runs(p)}
        return found.pop() if len(found) == 1 else None

    def _changed(self, element: Any) -> bool:
        """Whether anything in ``element`` changed (most of a contract did not: skip it fast)."""
        return next(element.iter(*TAG.values()), None) is not None or any(p in self.whole for p in element.iter(P))

    def _share_spacers(self) -> None:
        """A table replaced whole keeps one empty paragraph after the old and the new table.

        Why: where the body ends, the old table's paragraph would stay after rejecting (or
        the new one's after accepting), since the last paragraph cannot go.
        """
        for old in list(self.body.iter(TBL)):
            spacer = old.getnext()
            if spacer is None or spacer.tag != P or len(spacer.findall(R)):
                continue
            new = spacer.getnext()
            after = new.getnext() if new is not None and new.tag == TBL else None
            if after is None or after.tag != P:
                continue
            found = (self._table_status(old), self.whole.get(spacer), self._table_status(new), self.whole.get(after))
            if found == ("deleted", "deleted", "inserted", "inserted"):
                spacer.getparent().remove(spacer)
                del self.whole[after]

    def _table_status(self, table: Any) -> Status | None:
        found = {self.whole.get(p) for p in table.iter(P)}
        return found.pop() if len(found) == 1 else None

    def _join_ends(self, container: Any) -> None:
        """The last paragraph of the old and of the new version become one paragraph, unmarked.

        Why: the last paragraph of a body or cell cannot go, so where the old version ends in
        one paragraph and the new in another (or in the empty paragraph after a table), the
        last one takes the other's text (marked) and records the old properties
        (``w:pPrChange``). Where the paragraph before the change is in both versions, it
        carries the change instead (``_mark_paragraphs``).
        """
        paragraphs = [child for child in container if child.tag == P]
        last = paragraphs[-1] if paragraphs else None
        status = self.status(last) if last is not None else None
        if last is None or status is None:
            return
        node = self._before_run(last, status)
        if node is None or (node.tag == P and self.status(node) is None):
            return  # the whole container changes, or the paragraph before carries the change
        if node.tag == TBL and container is not self.body:
            return
        self._take_over(last, node if node.tag == P else None, status)  # None: the other version ends in a table

    def _before_run(self, p: Any, status: Status) -> Any:
        """The nearest paragraph or table before ``p`` that is not part of its change (None: there is none)."""
        node = p.getprevious()
        while node is not None and (
            (node.tag == P and self.status(node) == status)
            or (node.tag == TBL and self._rows_carry(node, status))
            or node.tag not in (P, TBL)
        ):
            node = node.getprevious()
        return node

    def _take_over(self, last: Any, other: Any, status: Status) -> None:
        """``last`` takes the content of ``other`` (the other version's last paragraph) and the new properties."""
        new, old = (last, other) if status == "inserted" else (other, last)
        normal = [pstyle(self.normal)]
        new_props = properties(new) if new is not None else normal
        old_props = properties(old) if old is not None else normal
        if other is not None:
            anchor = paragraph_pr(last)
            for child in reversed([child for child in other if child.tag != qn("w:pPr")]):
                anchor.addnext(child)
            other.getparent().remove(other)
        p_pr = paragraph_pr(last)
        for child in list(p_pr):
            if child.tag not in (qn("w:rPr"), qn("w:sectPr")):
                p_pr.remove(child)
        for child in reversed(new_props):
            p_pr.insert(0, child)
        if [xml_of(c) for c in old_props] != [xml_of(c) for c in new_props]:
            p_pr.append(self._properties_change(old_props))
        self.joined.add(last)

    def _properties_change(self, old: list[Any]) -> Any:
        """A stamped ``w:pPrChange`` that records ``old`` as a paragraph's previous properties."""
        change = self.change("inserted")
        change.tag = qn("w:pPrChange")
        holder = OxmlElement("w:pPr")
        for child in old:
            holder.append(child)
        change.append(holder)
        return change

    def _rows_carry(self, table: Any, status: Status) -> bool:
        """Whether every row of ``table`` is marked ``status`` (it goes with that change)."""
        for row in table.iter(TR):
            tr_pr = row.find(qn("w:trPr"))
            if tr_pr is None or tr_pr.find(TAG[status]) is None:
                return False
        return True

    def _mark_row(self, row: Any) -> None:
        found = {self.status(p) for p in row.iter(P) if p in self.whole or content_runs(p)}
        if len(found) == 1 and (status := found.pop()) is not None:
            tr_pr = row.find(qn("w:trPr"))
            if tr_pr is None:
                tr_pr = OxmlElement("w:trPr")
                row.insert(0, tr_pr)
            tr_pr.append(self.change(status))

    def _mark_paragraphs(self, container: Any) -> None:
        paragraphs = [child for child in container if child.tag == P]
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
            if before and (last or not text_of(paragraphs[j + 1]) or ends_with(paragraphs[i - 1], status)):
                marks[i - 1 : j] = [status] * (j - i + 1)
                self._keep_properties(paragraphs[i - 1], paragraphs[j], status)
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
                paragraph_rpr(p).append(self.change(mark))
        breaks = [k for k in range(len(paragraphs) - 1) if marks[k] is None]
        separate(paragraphs, breaks)
        self._part(paragraphs, breaks)

    def _part(self, paragraphs: list[Any], breaks: list[int]) -> None:
        """Where changes of one kind still meet across an unchanged break, turn one of the two ends.

        The unchanged word next to one of the two changes goes into it and comes back as a
        change of the other kind on its far side: a paragraph ending in a deletion reads
        ``voor die ~~doorgifte. De termijn …~~ __doorgifte.__``, one opening with an insertion
        ``~~Verwerker~~ __Wil Verwerker__`` (deletions first, as elsewhere); where that side
        has no unchanged word, the other side turns (``__Wissing__ ~~Teruggave … Wissing~~``).
        Accepting and rejecting give the same text; LibreOffice no longer takes the two
        changes for one. Every turn uses up an unchanged word, so this ends.
        """
        changed = True
        while changed:
            changed = False
            for k in breaks:
                before, after = paragraphs[k], paragraphs[k + 1]
                if before.getnext() is not after:
                    continue
                end, start = change_ends(before)[1], change_ends(after)[0]
                if end is None or end != start:
                    continue
                kind = STATUS[end]
                sides = ((before, True), (after, False)) if kind == "deleted" else ((after, False), (before, True))
                changed |= any(self._fold(p, kind, at_end=at_end) for p, at_end in sides)

    def _fold(self, p: Any, kind: Status, *, at_end: bool) -> bool:
        """Turn the change of ``kind`` that ends (``at_end``) or opens ``p``.

        False where no unchanged word is next to it.

        ``[word][change]`` becomes ``[word as kind][change][word as the other kind]``, and
        ``[change][word]`` becomes ``[word as the other kind][change][word as kind]``.
        """
        runs = content_runs(p)
        edge = _top(runs[-1] if at_end else runs[0], p)
        far, node = edge, _step(edge, at_end)
        while node is not None and (node.tag in BOOKMARKS or _only(node, kind)):
            if node.tag not in BOOKMARKS:
                far = node
            node = _step(node, at_end)
        if node is None or node.tag not in (R, LINK) or next(node.iter(*TAG.values()), None) is not None:
            return False  # no unchanged text there, or a change of the other kind
        word = _split_word(node, at_end=at_end)
        same, other = self._marked(deepcopy(word), kind), self._marked(word, _OTHER[kind])
        if at_end:
            (far.insert(0, same[0]) if far.tag == same.tag else far.addprevious(same))
            edge.addnext(other)
        else:
            (far.append(same[0]) if far.tag == same.tag else far.addnext(same))
            edge.addprevious(other)
        return True

    def _marked(self, element: Any, status: Status) -> Any:
        """A detached run, in a new ``w:ins``/``w:del``; or a link with its runs in one."""
        if status == "deleted":
            for text in element.iter(qn("w:t")):
                text.tag = qn("w:delText")
        if element.tag == R:
            wrapper = self.change(status)
            wrapper.append(element)
            return wrapper
        for run in list(element.iter(R)):
            wrapper = self.change(status)
            run.addprevious(wrapper)
            wrapper.append(run)
        return element

    def _keep_properties(self, before: Any, last: Any, status: Status) -> None:
        """Where the mark before a run of whole paragraphs carries the change, the paragraph before keeps its look.

        The run's last mark survives and, in Word, gives the joined paragraph its properties:
        for an insertion it records ``before``'s as its old ones (``w:pPrChange``), for a
        deletion it takes them and records its own as the old ones.
        """
        own, theirs = properties(last), properties(before)
        if [xml_of(child) for child in own] == [xml_of(child) for child in theirs]:
            return
        old = theirs if status == "inserted" else own
        if status == "deleted":
            p_pr = paragraph_pr(last)
            for child in list(p_pr):
                if child.tag != qn("w:rPr"):
                    p_pr.remove(child)
            for child in reversed(theirs):
                p_pr.insert(0, child)
        paragraph_pr(last).append(self._properties_change(old))

    def _joins(self, paragraphs: list[Any], index: int, status: Status) -> bool:
        """Whether paragraph ``index`` follows ``index - 1`` once the changes of ``status`` are resolved.

        Between them may lie only tables whose rows all carry ``status`` (they go with it).
        """
        node = paragraphs[index].getprevious()
        while node is not paragraphs[index - 1]:
            if node.tag != TBL or not self._rows_carry(node, status):
                return False
            node = node.getprevious()
        return True


def _top(element: Any, p: Any) -> Any:
    """The child of ``p`` that holds ``element``."""
    while element.getparent() is not p:
        element = element.getparent()
    return element


def _step(node: Any, at_end: bool) -> Any:
    """Into the paragraph: backwards from a change that ends it, forwards from one that opens it."""
    return node.getprevious() if at_end else node.getnext()


def _only(node: Any, status: Status) -> bool:
    """Whether ``node`` (a child of a paragraph) is a change of ``status`` and nothing else."""
    if node.tag == TAG[status]:
        return True
    runs = list(node.iter(R)) if node.tag == LINK else []
    return bool(runs) and all(run.getparent().tag == TAG[status] for run in runs)


def _split_word(node: Any, *, at_end: bool) -> Any:
    """Take the last (``at_end``) or first word of an unchanged run or link out of it, as a detached element.

    A link goes whole; a run keeps the rest of its text (the word's punctuation goes with it).
    """
    text = node.find(qn("w:t")) if node.tag == R else None
    if text is None or not text.text:
        node.getparent().remove(node)
        return node
    value = text.text
    found = re.search(r"(\w+)?\W*$" if at_end else r"^\W*(\w+)?", value)
    assert found is not None
    word, rest = found.group(), (value[: found.start()] if at_end else value[found.end() :])
    if not rest:
        node.getparent().remove(node)
        return node
    piece = deepcopy(node)
    piece_text = piece.find(qn("w:t"))
    piece_text.text, text.text = word, rest
    return piece
