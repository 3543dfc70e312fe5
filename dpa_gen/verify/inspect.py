"""Read what a contract file says about itself: its format, provenance, PDF variant and embedded files.

PDFs are read with pypdf (pure Python; only the catalog, the XMP stream and the associated
files are touched, which takes milliseconds), DOCX files with ``zipfile``. Nothing here trusts
the file: XML is parsed without external entities, and anything unreadable becomes an
``Unreadable`` with the reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any, Literal
from xml.etree import ElementTree

from dpa_gen.provenance import NAMESPACE

Format = Literal["pdf", "docx"]
_PDFAID = "http://www.aiim.org/pdfa/ns/id/"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


class Unreadable(Exception):
    """The file is not a PDF or DOCX that can be read."""


@dataclass(frozen=True)
class Embedded:
    """A file embedded in a PDF as an associated file."""

    name: str
    relationship: str  # "Source", "Data", … (without the slash)
    data: bytes


@dataclass(frozen=True)
class FileFacts:
    """What a contract file records about itself."""

    fmt: Format
    provenance: dict[str, str]
    pdf_variant: str | None = None  # "pdf/a-3b" from the XMP pdfaid; None for a plain PDF or a DOCX
    embedded: tuple[Embedded, ...] = ()

    def embedded_as(self, relationship: str) -> Embedded | None:
        """The first embedded file with this ``AFRelationship``."""
        return next((e for e in self.embedded if e.relationship == relationship), None)


def file_format(data: bytes) -> Format:
    """PDF or DOCX by the file's first bytes (never by its name)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    raise Unreadable("neither a PDF nor a DOCX file")


def inspect_file(data: bytes) -> FileFacts:
    """The facts of a PDF or DOCX; raises ``Unreadable``."""
    fmt = file_format(data)
    return _inspect_pdf(data) if fmt == "pdf" else _inspect_docx(data)


def _inspect_pdf(data: bytes) -> FileFacts:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        root: Any = reader.trailer["/Root"].get_object()
        meta = root.get("/Metadata")
        xmp = meta.get_object().get_data() if meta is not None else None
        embedded = tuple(_associated_files(root))
    except (PyPdfError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise Unreadable(f"cannot read it as a PDF: {exc}") from None
    if xmp is None:
        return FileFacts("pdf", {}, None, embedded)
    provenance, part, conformance = _read_xmp(xmp)
    variant = f"pdf/a-{part}{conformance.lower()}" if part else None
    return FileFacts("pdf", provenance, variant, embedded)


def _associated_files(root: Any) -> list[Embedded]:
    out = []
    for spec in root.get("/AF") or []:
        spec = spec.get_object()
        name = str(spec.get("/UF") or spec.get("/F") or "")
        relationship = str(spec.get("/AFRelationship", "/Unspecified")).lstrip("/")
        stream = spec.get("/EF", {}).get("/F")
        if stream is not None:
            out.append(Embedded(name, relationship, stream.get_object().get_data()))
    return out


def _read_xmp(xmp: bytes) -> tuple[dict[str, str], str, str]:
    """The ``dpagen`` properties, and ``pdfaid`` part and conformance ("" when absent)."""
    try:
        root = ElementTree.fromstring(xmp)
    except ElementTree.ParseError as exc:
        raise Unreadable(f"its XMP metadata is not well-formed XML: {exc}") from None
    provenance: dict[str, str] = {}
    ids: dict[str, str] = {}
    for element in root.iter():
        for key, value in element.attrib.items():
            if key.startswith(f"{{{_PDFAID}}}"):
                ids[key.split("}")[1]] = value
        if not isinstance(element.tag, str):
            continue
        if element.tag.startswith(f"{{{NAMESPACE}}}"):
            provenance[element.tag.split("}")[1]] = element.text or ""
        elif element.tag.startswith(f"{{{_PDFAID}}}"):
            ids[element.tag.split("}")[1]] = element.text or ""
    return provenance, ids.get("part", ""), ids.get("conformance", "")


def _inspect_docx(data: bytes) -> FileFacts:
    from dpa_gen.writers.docx.custom_props import CUSTOM_PART, read_custom_xml

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            part = CUSTOM_PART
            if "_rels/.rels" in names:
                rels = package.read("_rels/.rels").decode("utf-8", "replace")
                for rel in re.findall(r"<Relationship\b[^>]*>", rels):
                    target = re.search(r'Target="([^"]+)"', rel)
                    if f'"{_CUSTOM_REL}"' in rel and target:
                        part = target.group(1).lstrip("/")
            custom = package.read(part) if part in names else None
        provenance = read_custom_xml(custom) if custom is not None else {}
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError) as exc:
        raise Unreadable(f"cannot read it as a DOCX: {exc}") from None
    return FileFacts("docx", provenance)
