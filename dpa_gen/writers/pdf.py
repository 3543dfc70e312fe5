"""Render the HTML of a ``Document`` to PDF with WeasyPrint, reading nothing but the style's files.

The fetcher serves only files inside the style folder and ``templates/_base`` (fonts, logo);
a file the style folder lacks is served from ``templates/_base`` under the same name, so a
style overrides the bundled one file by file. Any other URL, a ``file://`` outside both,
``http``, a redirect, fails the build with an error instead of the warning WeasyPrint would
log. Output is deterministic: metadata dates come from the contract, and
``SOURCE_DATE_EPOCH`` (which fontTools reads when subsetting fonts) is pinned.
"""

from __future__ import annotations

import ctypes.util
import datetime as dt
import logging
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from dpa_gen.document import Document
from dpa_gen.errors import DpaGenError
from dpa_gen.paths import assets_dir
from dpa_gen.writers.html import render_html
from dpa_gen.writers.pdf_archive import Archive, finisher

if TYPE_CHECKING:
    from dpa_gen.style import Style


class AssetError(DpaGenError):
    """The page asked for a resource outside the style folder and the bundled assets (or one is missing)."""


def import_weasyprint() -> Any:
    """Import WeasyPrint about 0.3 s faster.

    Why: while loading Pango, cffi falls back to ``ctypes.util.find_library`` for every
    Windows/macOS library name WeasyPrint tries first, and on Linux each miss runs
    ``ldconfig``/``gcc``. The Linux ``.so.0`` names that follow load directly, so the
    fallback is switched off for the duration of the import only.
    """
    import sys

    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint


class _ErrorCounter(logging.Handler):
    """Counts WeasyPrint ERROR records: a render that logged one must not pass as success."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@cache
def _fetcher_class() -> Any:
    import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class AssetFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files below the style folder and the bundled assets; refuses everything else, fatally."""

        def __init__(self, roots: tuple[Path, ...], **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.roots = roots  # resolved; the style folder first, the bundled assets last

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = self.local_file(url)
            if path is None:
                raise FatalURLFetchingError(
                    f"refused to load {url!r}: only the style folder and the bundled assets may be read"
                )
            return super().fetch(path.as_uri(), headers)

        def local_file(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                return None
            path = Path(unquote(parts.path)).resolve()  # follows links: a link out is outside
            style, bundled = self.roots[0], self.roots[-1]
            if path.is_relative_to(style) and not path.is_file():
                path = (bundled / path.relative_to(style)).resolve()  # the bundled file of that name
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return path
            return None

    return AssetFetcher


@cache
def _html_class() -> Any:
    """``weasyprint.HTML`` with dpa-gen's own small user-agent stylesheet (``ua.css``).

    Why: our HTML uses a dozen elements; WeasyPrint's HTML5 stylesheet still costs its full
    cascade on every element. ``_ua_stylesheets`` is WeasyPrint's (private) hook for it; if a
    future version drops the hook, the stock stylesheet is used and only speed is lost.
    """
    weasyprint = import_weasyprint()
    if not hasattr(weasyprint.HTML, "_ua_stylesheets"):  # pragma: no cover - other WeasyPrint
        return weasyprint.HTML
    ua = weasyprint.CSS(string=(assets_dir() / "ua.css").read_text(encoding="utf-8"))

    class ContractHTML(weasyprint.HTML):  # type: ignore[misc,name-defined]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [ua]

    return ContractHTML


def render_pdf(document: Document, style: Style | None = None, archive: Archive | None = None) -> bytes:
    """The PDF bytes of ``document`` in ``style`` (default: the bundled style).

    ``archive`` makes it a PDF/A (``pdf/a-3b``) that embeds the archive's files.
    """
    from dpa_gen.style import bundled_style

    import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    style = style or bundled_style()
    created = dt.datetime.combine(document.info.created, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(created.timestamp()))
    html = render_html(document, style)
    counter = _ErrorCounter()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(counter)
    try:
        fetcher = _fetcher_class()(style.roots, allowed_protocols={"file"}, allow_redirects=False, timeout=5)
        base_url = (style.stylesheet.parent / "page.html").as_uri()  # the stylesheet's URLs are relative to it
        finish = finisher(document.info.provenance, archive, document.info.created)
        options = {"pdf_variant": archive.variant} if archive is not None else {}
        pdf = _html_class()(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(finisher=finish, **options)
    except FatalURLFetchingError as exc:
        raise AssetError(str(exc)) from None
    finally:
        logger.removeHandler(counter)
    if counter.messages:
        raise AssetError("WeasyPrint reported: " + "; ".join(counter.messages))
    assert isinstance(pdf, bytes)
    return pdf


class PdfWriter:
    """The PDF writer (see the module docstring)."""

    name = "pdf"
    suffix = ".pdf"

    def __init__(self, archive: Archive | None = None) -> None:
        self.archive = archive

    def render(self, document: Document, style: Style) -> bytes:
        """The PDF bytes."""
        return render_pdf(document, style, self.archive)
