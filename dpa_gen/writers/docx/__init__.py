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
(deterministic zip), ``custom_props`` (the custom properties that carry the provenance) and
``make_reference`` (the recipe of the bundled reference).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dpa_gen.document import Document
from dpa_gen.writers.docx.builder import DocxBuilder

if TYPE_CHECKING:
    from dpa_gen.style import Style


def render_docx(document: Document, style: Style | None = None) -> bytes:
    """The DOCX bytes of ``document`` in ``style`` (default: the bundled style)."""
    from dpa_gen.style import bundled_style

    return DocxBuilder(document, style or bundled_style()).build()


class DocxWriter:
    """The DOCX writer (see the module docstring)."""

    name = "docx"
    suffix = ".docx"

    def render(self, document: Document, style: Style) -> bytes:
        """The DOCX bytes."""
        return render_docx(document, style)
