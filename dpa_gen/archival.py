"""The archival PDF of a build (``build --pdf-a``): PDF/A-3b carrying its own sources.

The PDF embeds, as associated files, the customer file (``AFRelationship`` Source) and the
build manifest (Data), so ``dpa-gen verify contract.pdf`` needs nothing else.

The manifest lists the hashes of the outputs, the PDF among them; a PDF cannot contain its
own hash. So the embedded manifest is the manifest *without* ``outputs``: everything about
the inputs (library, style, templates, clause variants chosen, the inputs hash, the PDF
variant). The manifest written next to the PDF is the full one, with ``outputs``.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from dpa_gen.errors import Diagnostic, SourcePos, UserError
from dpa_gen.writers.pdf_archive import PDF_A, Archive, EmbeddedFile

__all__ = ["PDF_A", "archival_manifest", "archive_for", "embedded_manifest"]

if TYPE_CHECKING:
    from dpa_gen.engine import LoadedCustomer

CUSTOMER_MIME = "application/yaml"  # RFC 9512
MANIFEST_MIME = "application/json"


def archive_for(loaded: LoadedCustomer, stem: str, manifest: bytes) -> Archive:
    """The files a PDF/A of ``loaded`` embeds: the customer file and the inputs part of ``manifest``."""
    try:
        data = loaded.path.read_bytes()
    except OSError as exc:
        raise UserError([_at(loaded, f"cannot read the file again to embed it: {exc.strerror or exc}")]) from None
    if hashlib.sha256(data).hexdigest() != loaded.digest:
        raise UserError([_at(loaded, "the file changed while the contract was being built; build again")])
    customer = EmbeddedFile(
        loaded.path.name, data, CUSTOMER_MIME, "Source", "The customer file this contract was built from"
    )
    inputs = EmbeddedFile(
        f"{stem}.manifest.json",
        embedded_manifest(manifest),
        MANIFEST_MIME,
        "Data",
        "The dpa-gen build manifest of this contract, without the output hashes",
    )
    return Archive((customer, inputs))


def embedded_manifest(manifest: bytes) -> bytes:
    """The manifest a PDF/A embeds: without ``outputs`` (which would have to hash the PDF itself)."""
    data = json.loads(manifest)
    data.pop("outputs", None)
    data["pdf_variant"] = PDF_A
    return _dump(data)


def archival_manifest(manifest: bytes) -> bytes:
    """The manifest written beside a PDF/A build: the full one, recording the PDF variant."""
    data = json.loads(manifest)
    data["pdf_variant"] = PDF_A
    return _dump(data)


def _dump(data: object) -> bytes:
    # The format of build._manifest, so a manifest reads the same with or without --pdf-a.
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _at(loaded: LoadedCustomer, message: str) -> Diagnostic:
    return Diagnostic(SourcePos(str(loaded.path)), "", message)
