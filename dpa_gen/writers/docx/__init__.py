"""Serialise a ``Document`` to DOCX with python-docx, as a lawyer would build it in Word.

Articles are ``Heading 1`` paragraphs and clauses ``DPA Clause`` paragraphs, numbered by a
real multi-level list ("Artikel 5", "5.3"), so inserting a clause in Word renumbers the rest.
Recitals, parties and lettered lists are real lists too. Cross-references are internal
links to bookmarks. Side by side, each language column has its own lists so both count
alike. python-docx objects never leave this package.

Modules by job: ``builder`` (the body, block by block), ``frame`` (page, header, footer,
properties), ``styles`` (the Word styles), ``numbering`` (the lists), ``ooxml`` (small XML
pieces) and ``package`` (deterministic zip).
"""

from __future__ import annotations

from pathlib import Path

from dpa_gen.document import Document
from dpa_gen.writers.docx.builder import DocxBuilder


def render_docx(document: Document, templates: Path | None = None) -> bytes:
    """The DOCX bytes of ``document`` (``templates`` is unused: DOCX styles are defined here)."""
    del templates
    return DocxBuilder(document).build()
