"""Render the HTML of a ``Document`` to PDF with WeasyPrint, reading nothing but bundled assets.

The fetcher serves only files inside ``templates/_base`` (fonts); any other URL, a
``file://`` outside it, ``http``, a redirect, fails the build with an error instead of the
warning WeasyPrint would log. Output is deterministic: metadata dates come from the
contract, and ``SOURCE_DATE_EPOCH`` (which fontTools reads when subsetting fonts) is pinned.
"""

from __future__ import annotations

import ctypes.util
import datetime as dt
import logging
import os
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from dpa_gen.document import Document
from dpa_gen.errors import DpaGenError
from dpa_gen.paths import assets_dir
from dpa_gen.writers.html import render_html


class AssetError(DpaGenError):
    """The page asked for a resource outside the bundled assets (or a bundled one is missing)."""


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

    root = assets_dir().resolve()

    class AssetFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files below the bundled assets folder; refuses everything else, fatally."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"refused to load {url!r}: only bundled assets may be read")

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


def render_pdf(document: Document, templates: Path | None = None) -> bytes:
    """The PDF bytes of ``document``."""
    import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    created = dt.datetime.combine(document.info.created, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(created.timestamp()))
    html = render_html(document, templates=templates)
    counter = _ErrorCounter()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(counter)
    try:
        fetcher = _fetcher_class()(allowed_protocols={"file"}, allow_redirects=False, timeout=5)
        base_url = (assets_dir() / "page.html").as_uri()
        pdf = _html_class()(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    except FatalURLFetchingError as exc:
        raise AssetError(str(exc)) from None
    finally:
        logger.removeHandler(counter)
    if counter.messages:
        raise AssetError("WeasyPrint reported: " + "; ".join(counter.messages))
    assert isinstance(pdf, bytes)
    return pdf
