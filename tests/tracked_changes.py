"""Accept or reject every tracked change of a DOCX on its XML, and read its paragraphs.

Why: a redline is right when accepting all its changes gives the new contract and rejecting
them gives the old one. This does what Word and LibreOffice do, deterministically and fast:
accepting drops ``w:del`` (runs, paragraph marks, rows) and unwraps ``w:ins``; rejecting
does the inverse. A paragraph whose mark goes joins the next paragraph: when nothing of it
is left it simply disappears (the next keeps its properties); when text is left, the next
paragraph's text joins it (it keeps its own properties, as when the mark before a deleted
last paragraph of a cell goes).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """A WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{tag}"


MARKS = (w("rPr"), w("trPr"))  # a w:ins/w:del inside these marks a paragraph mark or a row


@dataclass(frozen=True)
class Para:
    """A paragraph as a reader sees it: its style, whether a list numbers it, and its text."""

    style: str
    numbered: bool
    text: str


def document_xml(docx: bytes) -> etree._Element:
    """The parsed ``word/document.xml``."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def resolve(docx: bytes, *, accept: bool) -> bytes:
    """The DOCX with every change accepted (``accept``) or rejected."""
    root = document_xml(docx)
    keep, drop = (w("ins"), w("del")) if accept else (w("del"), w("ins"))
    for row in [r for r in root.iter(w("tr")) if _marked(r, w("trPr"), drop)]:
        table = row.getparent()
        table.remove(row)
        if table.find(w("tr")) is None:
            table.getparent().remove(table)
    for element in list(root.iter(drop)):
        if element.getparent().tag not in MARKS:
            element.getparent().remove(element)  # the runs it holds go with it
    for element in list(root.iter(keep)):
        if element.getparent().tag not in MARKS:
            for child in list(element):
                element.addprevious(child)
            element.getparent().remove(element)
    for text in root.iter(w("delText")):
        text.tag = w("t")
    for container in [root.find(w("body")), *root.iter(w("tc"))]:
        _join_paragraphs(container, drop)
    for element in list(root.iter(keep, drop)):
        element.getparent().remove(element)  # the marks of paragraphs and rows that stay
    return _replace_document(docx, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def paragraphs(docx: bytes) -> list[Para]:
    """Every paragraph in document order (table cells included)."""
    out: list[Para] = []
    for p in document_xml(docx).iter(w("p")):
        p_pr = p.find(w("pPr"))
        style = ""
        numbered = False
        if p_pr is not None:
            style_el = p_pr.find(w("pStyle"))
            style = style_el.get(w("val"), "") if style_el is not None else ""
            numbered = p_pr.find(w("numPr")) is not None
        out.append(Para(style, numbered, _text(p)))
    return out


def change_marks(docx: bytes) -> list[etree._Element]:
    """Every ``w:ins`` and ``w:del`` of the document."""
    return list(document_xml(docx).iter(w("ins"), w("del")))


def _text(element: etree._Element) -> str:
    parts = []
    for node in element.iter(w("t"), w("delText"), w("tab")):
        parts.append("\t" if node.tag == w("tab") else node.text or "")
    return "".join(parts)


def _marked(element: etree._Element, props: str, status: str) -> bool:
    found = element.find(props)
    return found is not None and found.find(status) is not None


def _mark_goes(p: etree._Element, drop: str) -> bool:
    p_pr = p.find(w("pPr"))
    return p_pr is not None and _marked(p_pr, w("rPr"), drop)


def _join_paragraphs(container: etree._Element, drop: str) -> None:
    p = container.find(w("p"))
    while p is not None:
        after = p.getnext()
        if not _mark_goes(p, drop) or _next_paragraph(p) is None:
            p = _next_paragraph(p)  # the last paragraph of a cell or body keeps its mark
            continue
        if not any(True for _ in p.iter(w("r"))):
            following = _next_paragraph(p)
            container.remove(p)  # nothing left of it: it simply disappears
            p = following
            continue
        if after.tag != w("p"):  # text before a table cannot join what follows the table
            p = _next_paragraph(p)
            continue
        for child in list(after):  # its text joins this paragraph, which keeps its properties
            if child.tag != w("pPr"):
                p.append(child)
        if _mark_goes(after, drop) or after.getnext() is None:
            _copy_mark(after, p)
        else:
            _clear_mark(p, drop)
        container.remove(after)


def _next_paragraph(p: etree._Element) -> etree._Element | None:
    node = p.getnext()
    while node is not None and node.tag != w("p"):
        node = node.getnext()
    return node


def _copy_mark(source: etree._Element, target: etree._Element) -> None:
    source_pr = source.find(w("pPr"))
    target_pr = target.find(w("pPr"))
    target_rpr = target_pr.find(w("rPr")) if target_pr is not None else None
    if target_rpr is not None:
        target_pr.remove(target_rpr)
    source_rpr = source_pr.find(w("rPr")) if source_pr is not None else None
    if source_rpr is not None and target_pr is not None:
        target_pr.append(source_rpr)


def _clear_mark(p: etree._Element, drop: str) -> None:
    p_pr = p.find(w("pPr"))
    r_pr = p_pr.find(w("rPr")) if p_pr is not None else None
    if r_pr is not None:
        for mark in r_pr.findall(drop):
            r_pr.remove(mark)


def _replace_document(docx: bytes, xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info, data)
    return buffer.getvalue()
