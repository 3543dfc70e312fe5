"""Accept or reject every tracked change of a DOCX on its XML, and read its paragraphs.

Why: a redline is right when accepting all its changes gives the new contract and rejecting
them gives the old one. This does what Word and LibreOffice do, deterministically and fast:
accepting drops ``w:del`` (runs, paragraph marks, rows) and unwraps ``w:ins``, and keeps the
new paragraph properties (``w:pPrChange`` dropped); rejecting does the inverse.

A paragraph whose mark goes is joined with the next paragraph. Which properties the joined
paragraph has is where the two programs differ, and a redline must be right under both:

* ``join="word"``: those of the surviving (next) paragraph mark;
* ``join="libreoffice"``: those of the first paragraph, unless nothing of its text is left
  and the next paragraph has text (then the next one's); a paragraph holding only a page
  break counts as having no text. LibreOffice also takes a change that ends a paragraph and
  one of the same kind that opens the next for one change, paragraph break included.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Literal

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


def resolve(docx: bytes, *, accept: bool, join: Literal["word", "libreoffice"] = "word") -> bytes:
    """The DOCX with every change accepted (``accept``) or rejected."""
    root = document_xml(docx)
    if join == "libreoffice":
        _combine_across_breaks(root)
    keep, drop = (w("ins"), w("del")) if accept else (w("del"), w("ins"))
    _drop_rows(root, drop)
    _resolve_runs(root, keep, drop)
    _resolve_properties(root, accept=accept)
    for container in [root.find(w("body")), *root.iter(w("tc"))]:
        _join_paragraphs(container, drop, join)
    for element in list(root.iter(keep, drop)):
        element.getparent().remove(element)  # the marks of paragraphs and rows that stay
    return _replace_document(docx, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _drop_rows(root: etree._Element, drop: str) -> None:
    """Remove the rows marked ``drop``, and a table left without rows."""
    for row in [r for r in root.iter(w("tr")) if _marked(r, w("trPr"), drop)]:
        table = row.getparent()
        table.remove(row)
        if table.find(w("tr")) is None:
            table.getparent().remove(table)


def _resolve_runs(root: etree._Element, keep: str, drop: str) -> None:
    """Remove the runs inside ``drop`` and unwrap those inside ``keep`` (paragraph and row marks stay)."""
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


def _resolve_properties(root: etree._Element, *, accept: bool) -> None:
    """Keep the new paragraph properties (accept), or put the recorded old ones back (reject)."""
    for change in list(root.iter(w("pPrChange"))):
        p_pr = change.getparent()
        if not accept:  # the old properties come back; the paragraph mark's marks stay
            old = change.find(w("pPr"))
            for child in list(p_pr):
                if child.tag != w("rPr"):
                    p_pr.remove(child)
            for child in reversed(list(old if old is not None else [])):
                p_pr.insert(0, child)
        else:
            p_pr.remove(change)


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


def _join_paragraphs(container: etree._Element, drop: str, join: str) -> None:
    p = _first_paragraph(container)
    while p is not None:
        after = _next_paragraph(p)
        if not _mark_goes(p, drop) or after is None:
            p = after  # the last paragraph of a cell or body keeps its mark
            continue
        if p.getnext() is not after:  # a table that stays lies between: text cannot join across it
            if not _has_runs(p):
                container.remove(p)
            p = after
            continue
        keep_first = join == "libreoffice" and (bool(_text(p)) or not _text(after))
        if keep_first:  # the next paragraph's text and mark join this one
            for child in list(after):
                if child.tag != w("pPr"):
                    p.append(child)
            _copy_mark(after, p)
            container.remove(after)
        else:  # this paragraph's text joins the next one, which keeps its properties
            anchor = after.find(w("pPr"))
            for child in reversed([c for c in p if c.tag != w("pPr")]):
                if anchor is not None:
                    anchor.addnext(child)
                else:
                    after.insert(0, child)
            container.remove(p)
            p = after


def _combine_across_breaks(root: etree._Element) -> None:
    """Mark a paragraph break as changed where changes of one kind meet across it (LibreOffice)."""
    for container in [root.find(w("body")), *root.iter(w("tc"))]:
        for p in container.findall(w("p")):
            after = p.getnext()
            if after is None or after.tag != w("p"):
                continue
            ends, opens = _content_runs(p), _content_runs(after)
            if not ends or not opens:
                continue
            kind = ends[-1].getparent().tag
            p_pr = p.find(w("pPr"))
            marked = p_pr is not None and p_pr.find(w("rPr")) is not None and len(p_pr.find(w("rPr")))
            if kind in (w("ins"), w("del")) and opens[0].getparent().tag == kind and not marked:
                if p_pr is None:
                    p_pr = etree.SubElement(p, w("pPr"))
                    p.insert(0, p_pr)
                r_pr = p_pr.find(w("rPr"))
                if r_pr is None:
                    r_pr = etree.SubElement(p_pr, w("rPr"))
                etree.SubElement(r_pr, kind)


def _content_runs(p: etree._Element) -> list[etree._Element]:
    content = (w("t"), w("delText"), w("tab"), w("br"))
    return [r for r in p.iter(w("r")) if any(child.tag in content for child in r)]


def _first_paragraph(container: etree._Element) -> etree._Element | None:
    return container.find(w("p"))


def _has_runs(p: etree._Element) -> bool:
    return any(True for _ in p.iter(w("r")))


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


def _replace_document(docx: bytes, xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info, data)
    return buffer.getvalue()
