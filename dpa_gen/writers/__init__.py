"""Writers turn a ``Document`` into file bytes; each is imported only when its format is asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpa_gen.document import Document

Render = Callable[[Document, Path | None], bytes]


def renderer(fmt: str) -> Render:
    """The function that renders ``fmt``; imports its library (python-docx, WeasyPrint) lazily."""
    if fmt == "docx":
        from dpa_gen.writers.docx import render_docx

        return render_docx
    if fmt == "pdf":
        from dpa_gen.writers.pdf import render_pdf

        return render_pdf
    if fmt == "html":
        from dpa_gen.writers.html import render_html

        return lambda document, templates: render_html(document, templates=templates).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")
