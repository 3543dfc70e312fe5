"""The paragraphs and runs of a redline body, read and edited as WordprocessingML (lxml elements).

Shared by the passes over a redline body (``marks``, ``order``): which runs hold text, what
kind of change opens or ends a paragraph, and a paragraph's properties.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dpa_gen.redline.model import Status

TAG: Mapping[Status, str] = {"inserted": qn("w:ins"), "deleted": qn("w:del")}
STATUS: Mapping[str, Status] = {tag: status for status, tag in TAG.items()}
P, R, TC, TR, TBL = qn("w:p"), qn("w:r"), qn("w:tc"), qn("w:tr"), qn("w:tbl")
LINK = qn("w:hyperlink")
BOOKMARKS = {qn("w:bookmarkStart"), qn("w:bookmarkEnd")}
CONTENT = {qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br")}


def content_runs(p: Any) -> list[Any]:
    """The runs of ``p`` that hold text, a tab or a break (not those with only field characters, or nothing)."""
    return [run for run in p.iter(R) if any(child.tag in CONTENT for child in run)]


def text_of(p: Any) -> str:
    """The text of ``p``, inserted and deleted alike."""
    return "".join(node.text or "" for node in p.iter(qn("w:t"), qn("w:delText")))


def change_ends(p: Any) -> tuple[str | None, str | None]:
    """The kind of change (its tag) that opens and that ends the text of ``p``, None where none."""
    runs = content_runs(p)
    if not runs:
        return None, None
    first, last = runs[0].getparent().tag, runs[-1].getparent().tag
    return (first if first in STATUS else None), (last if last in STATUS else None)


def ends_with(p: Any, status: Status) -> bool:
    """Whether the text of ``p`` ends in a change of ``status``."""
    runs = content_runs(p)
    return bool(runs) and runs[-1].getparent().tag == TAG[status]


def properties(p: Any) -> list[Any]:
    """Copies of a paragraph's properties, without its mark's run properties and changes."""
    skip = {qn("w:rPr"), qn("w:pPrChange"), qn("w:sectPr")}
    return [deepcopy(child) for child in paragraph_pr(p) if child.tag not in skip]


def pstyle(style_id: str) -> Any:
    """A ``w:pStyle`` naming the paragraph style ``style_id``."""
    element = OxmlElement("w:pStyle")
    element.set(qn("w:val"), style_id)
    return element


def xml_of(element: Any) -> str:
    """The element's XML, to compare two sets of properties by value."""
    return str(element.xml)


def paragraph_pr(p: Any) -> Any:
    """The properties of ``p`` (``w:pPr``), added if it has none."""
    p_pr = p.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        p.insert(0, p_pr)
    return p_pr


def paragraph_rpr(p: Any) -> Any:
    """The run properties of the paragraph mark of ``p`` (``w:pPr/w:rPr``), where a change of the mark goes."""
    p_pr = paragraph_pr(p)
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        change = p_pr.find(qn("w:pPrChange"))
        (change.addprevious(r_pr) if change is not None else p_pr.append(r_pr))
    return r_pr
