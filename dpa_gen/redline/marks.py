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
from copy import deepcopy
from dataclasses import dataclass
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
            if self._changed(row):
                self._mark_row(row)
        for container in (self.body, *self.body.iter(_TC)):
            if self._changed(container):
                self._mark_paragraphs(container)

    def status(self, p: Any) -> Status | None:
        """A paragraph's status: recorded for a wholly changed block, else that of all its text."""
        if p in self.whole:
            return self.whole[p]
        if next(p.iter(*TAG.values()), None) is None:
            return None
        found = {STATUS.get(run.getparent().tag) for run in _content_runs(p)}
        return found.pop() if len(found) == 1 else None

    def _changed(self, element: Any) -> bool:
        """Whether anything in ``element`` changed (most of a contract did not: skip it fast)."""
        return next(element.iter(*TAG.values()), None) is not None or any(p in self.whole for p in element.iter(_P))

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
            if before and (last or not _text(paragraphs[j + 1]) or _ends_with(paragraphs[i - 1], status)):
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
                _paragraph_rpr(p).append(self.change(mark))
        breaks = [k for k in range(len(paragraphs) - 1) if marks[k] is None and statuses[k] is statuses[k + 1] is None]
        _separate(paragraphs, breaks)

    def _keep_properties(self, before: Any, last: Any, status: Status) -> None:
        """Where the mark before a run of whole paragraphs carries the change, the paragraph before keeps its look.

        The run's last mark survives and, in Word, gives the joined paragraph its properties:
        for an insertion it records ``before``'s as its old ones (``w:pPrChange``), for a
        deletion it takes them and records its own as the old ones.
        """
        own, theirs = _properties(last), _properties(before)
        if own == theirs:
            return
        old = theirs if status == "inserted" else own
        if status == "deleted":
            p_pr = _paragraph_pr(last)
            for child in list(p_pr):
                if child.tag != qn("w:rPr"):
                    p_pr.remove(child)
            for child in reversed(theirs):
                p_pr.insert(0, child)
        change = self.change("inserted")
        change.tag = qn("w:pPrChange")
        holder = OxmlElement("w:pPr")
        for child in old:
            holder.append(child)
        change.append(holder)
        _paragraph_pr(last).append(change)

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


def _text(p: Any) -> str:
    return "".join(node.text or "" for node in p.iter(qn("w:t"), qn("w:delText")))


def _ends_with(p: Any, status: Status) -> bool:
    runs = _content_runs(p)
    return bool(runs) and runs[-1].getparent().tag == TAG[status]


def _separate(paragraphs: list[Any], breaks: list[int]) -> None:
    """Keep a change that ends a paragraph apart from one of the same kind that opens the next.

    Why: LibreOffice takes two such changes for one, with the unchanged paragraph break
    between them, and rejecting (or accepting) it joins the paragraphs. Where a deletion and
    an insertion stand side by side at either end of a paragraph, their order can be swapped
    without changing anything else; the swaps that leave the fewest such meetings across
    ``breaks`` (the unchanged breaks after paragraph ``k``) are chosen, fewest swaps first.
    What cannot be parted (two plain insertions meeting) is left as it is.
    """
    choices = [_orders(p) for p in paragraphs]
    if all(len(orders) == 1 for orders in choices):
        return
    eligible = set(breaks)
    # cost[k][i]: the fewest (meetings, swaps) for paragraphs 0..k with paragraph k in order i;
    # back[k][i]: the order of paragraph k - 1 on that way.
    cost = [[(0, len(order.swaps)) for order in choices[0]]]
    back: list[list[int]] = [[0] * len(choices[0])]
    for k in range(1, len(paragraphs)):
        row, links = [], []
        for order in choices[k]:
            options = []
            for j, before in enumerate(choices[k - 1]):
                meet = int(k - 1 in eligible and before.end is not None and before.end == order.start)
                meetings, swaps = cost[k - 1][j]
                options.append(((meetings + meet, swaps + len(order.swaps)), j))
            total, j = min(options)
            row.append(total)
            links.append(j)
        cost.append(row)
        back.append(links)
    index = min(range(len(cost[-1])), key=lambda i: cost[-1][i])
    for k in range(len(paragraphs) - 1, -1, -1):
        for left, right in choices[k][index].swaps:
            left.addprevious(right)
        index = back[k][index]


@dataclass(frozen=True, slots=True)
class _Order:
    """One way to order a paragraph's end changes: the swaps it takes and the kinds then at its ends."""

    swaps: tuple[tuple[Any, Any], ...]
    start: str | None
    end: str | None


def _orders(p: Any) -> list[_Order]:
    runs = _content_runs(p) if next(p.iter(*TAG.values()), None) is not None else []
    if not runs:
        return [_Order((), None, None)]
    first, last = runs[0].getparent(), runs[-1].getparent()
    start = first.tag if first.tag in STATUS else None
    end = last.tag if last.tag in STATUS else None
    orders = [_Order((), start, end)]
    opening = (first, first.getnext()) if start and _other_change(first.getnext(), first) else None
    closing = (last.getprevious(), last) if end and _other_change(last.getprevious(), last) else None
    if opening is not None and opening == closing:  # one deletion and one insertion: both ends turn
        return [*orders, _Order((opening,), opening[1].tag, opening[0].tag)]
    if opening is not None:
        orders.append(_Order((opening,), opening[1].tag, end))
    if closing is not None:
        orders.append(_Order((closing,), start, closing[0].tag))
    if opening is not None and closing is not None and not set(opening) & set(closing):
        orders.append(_Order((opening, closing), opening[1].tag, closing[0].tag))
    return orders


def _other_change(element: Any, change: Any) -> bool:
    return element is not None and element.tag in STATUS and element.tag != change.tag


def _properties(p: Any) -> list[Any]:
    """Copies of a paragraph's properties, without its mark's run properties and changes."""
    skip = {qn("w:rPr"), qn("w:pPrChange"), qn("w:sectPr")}
    return [deepcopy(child) for child in _paragraph_pr(p) if child.tag not in skip]


def _paragraph_pr(p: Any) -> Any:
    p_pr = p.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        p.insert(0, p_pr)
    return p_pr


def _paragraph_rpr(p: Any) -> Any:
    p_pr = _paragraph_pr(p)
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        change = p_pr.find(qn("w:pPrChange"))
        (change.addprevious(r_pr) if change is not None else p_pr.append(r_pr))
    return r_pr
