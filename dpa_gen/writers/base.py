"""What every writer is: a name, a file suffix, and a function from a ``Document`` to bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dpa_gen.document import Document
    from dpa_gen.style import Style


class Writer(Protocol):
    """Serialises a ``Document`` in one format, in a house style."""

    name: str
    suffix: str

    def render(self, document: Document, style: Style) -> bytes:
        """The file's bytes; the same document and style always give the same bytes."""
        ...
