"""Provenance: what a contract file was built from, carried inside the file itself.

The build driver fills ``DocumentInfo.provenance`` with these keys; the PDF writer puts them
in the XMP metadata (namespace ``NAMESPACE``, prefix ``dpagen``), the DOCX writer in the
custom document properties (``dpa-gen.<key>``), and ``dpa-gen verify`` reads them back.
Every value is one of the build's inputs that changes the output, so a file built again from
the same inputs is byte-identical, and a file with a different value cannot be.

The customer file's *name* is not recorded (renaming a file does not change its contract);
its SHA-256 is. An archival PDF also embeds the file itself (``writers/pdf_archive.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from dpa_gen import __version__

if TYPE_CHECKING:
    from dpa_gen.document import Document
    from dpa_gen.engine import LoadedCustomer
    from dpa_gen.library import Library
    from dpa_gen.style import Style

NAMESPACE = "https://dpa-gen.example/ns/1.0/"
XMP_PREFIX = "dpagen"
DOCX_PREFIX = "dpa-gen."
BUNDLED_STYLE = "bundled"

# Each key and what it means (the PDF/A extension schema repeats these descriptions).
FIELDS: Mapping[str, str] = {
    "generator": "The program and version that built the file (dpa-gen X.Y.Z)",
    "library_id": "The id of the clause library (library.yaml id)",
    "library_version": "The version of the clause library (library.yaml version)",
    "library_sha256": "SHA-256 over every file of the clause library",
    "templates_sha256": "SHA-256 over dpa-gen's page templates, bundled style and fonts",
    "customer_sha256": "SHA-256 of the customer file's bytes",
    "languages": "The language mode: nl, en or nl+en",
    "style": "The house style folder's name, or 'bundled'",
    "style_sha256": "SHA-256 over the house style folder's files",
}


def provenance_for(loaded: LoadedCustomer, library: Library, style: Style, templates_sha256: str) -> dict[str, str]:
    """The provenance of a contract built from these inputs (every key of ``FIELDS``)."""
    return {
        "generator": f"dpa-gen {__version__}",
        "library_id": library.meta.id,
        "library_version": library.meta.version,
        "library_sha256": library.digest,
        "templates_sha256": templates_sha256,
        "customer_sha256": loaded.digest,
        "languages": loaded.mode.value,
        "style": style.folder.name if style.folder else BUNDLED_STYLE,
        "style_sha256": style.digest,
    }


def with_provenance(document: Document, provenance: Mapping[str, str]) -> Document:
    """``document`` carrying ``provenance`` in its info, for both writers."""
    return replace(document, info=replace(document.info, provenance=dict(provenance)))
