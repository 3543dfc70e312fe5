"""Where the bundled clause library and templates live: in the wheel, or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder holding ``clauses/`` and ``templates/``.

    A wheel carries them in ``dpa_gen/_data`` (hatch force-include); a source checkout or an
    editable install finds them at the repository root, next to the package.
    """
    bundled = _PACKAGE / "_data"
    if (bundled / "clauses").is_dir():
        return bundled
    return _PACKAGE.parent


def clauses_dir() -> Path:
    """The bundled clause library."""
    return data_root() / "clauses"


def templates_dir() -> Path:
    """The bundled templates (``_base/``, ``nl/``, ``en/``)."""
    return data_root() / "templates"


def assets_dir() -> Path:
    """Fonts and stylesheets the PDF may load; the only files WeasyPrint may read."""
    return templates_dir() / "_base"
