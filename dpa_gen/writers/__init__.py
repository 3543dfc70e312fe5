"""Writers turn a ``Document`` into file bytes; each is imported only when its format is asked for."""

from __future__ import annotations

from dpa_gen.writers.base import Writer

FORMATS = ("docx", "pdf", "html")


def writer(fmt: str) -> Writer:
    """The writer of ``fmt``; imports its library (python-docx, WeasyPrint) only now."""
    if fmt == "docx":
        from dpa_gen.writers.docx import DocxWriter

        return DocxWriter()
    if fmt == "pdf":
        from dpa_gen.writers.pdf import PdfWriter

        return PdfWriter()
    if fmt == "html":
        from dpa_gen.writers.html import HtmlWriter

        return HtmlWriter()
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
