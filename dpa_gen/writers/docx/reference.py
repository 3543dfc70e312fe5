"""Start a DOCX from a reference document, as pandoc's ``--reference-doc`` does.

Kept: styles, numbering definitions, settings, theme, fonts table and the page setup of the
last section. Dropped: the body, and the reference's own headers and footers (the writer
makes the running header and page numbers; a logo comes from the style folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn


def start_from(reference: Path) -> Any:
    """The reference document with an empty body, ready for the contract."""
    doc = docx.Document(str(reference))
    body = doc.element.body
    sections = body.findall(qn("w:sectPr"))
    for child in list(body):
        if not sections or child is not sections[-1]:
            body.remove(child)
    if sections:
        for tag in ("w:headerReference", "w:footerReference"):
            for ref in sections[-1].findall(qn(tag)):
                sections[-1].remove(ref)
                doc.part.drop_rel(ref.get(qn("r:id")))
    return doc
