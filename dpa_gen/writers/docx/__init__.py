"""Serialise a ``Document`` to DOCX with python-docx, as a lawyer would build it in Word.

Articles are ``Heading 1`` paragraphs and clauses ``DPA Clause`` paragraphs, numbered by a
real multi-level list ("Artikel 5", "5.3"), so inserting a clause in Word renumbers the rest.
Recitals, parties and lettered lists are real lists too. Cross-references are internal
links to bookmarks. Side by side, each language column has its own lists so both count
alike. python-docx objects never leave this package.

Every document starts from a reference document (``reference``): its styles, numbering
look, settings and page are the DOCX's. Modules by job: ``builder`` (the body, block by
block), ``frame`` (header, footer, properties), ``styles`` (the Word styles, completed from
the bundled reference), ``numbering`` (the lists), ``ooxml`` (small XML pieces), ``package``
(deterministic zip) and ``make_reference`` (the recipe of the bundled reference).
"""

from __future__ import annotations

from pathlib import Path

from dpa_gen.document import Document
from dpa_gen.paths import assets_dir
from dpa_gen.writers.docx.builder import DocxBuilder
from dpa_gen.writers.page import read_page_geometry


def render_docx(document: Document, templates: Path | None = None) -> bytes:
    """The DOCX bytes of ``document``, in the styles of the bundled ``reference.docx``."""
    del templates
    reference = assets_dir() / "reference.docx"
    return DocxBuilder(document, reference, read_page_geometry(reference)).build()
