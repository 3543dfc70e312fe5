"""What the PDF carries besides its pages: provenance in the XMP metadata, and for PDF/A-3b the sources.

Both are added in WeasyPrint's ``finisher`` hook (the pydyf PDF right before it is written),
so the output stays deterministic and WeasyPrint's own metadata (title, author, dates,
``pdfaid``) stays what it generated:

- **XMP**: WeasyPrint's RDF (``DocumentMetadata.generate_rdf_metadata``) with one more
  ``rdf:Description`` holding the provenance in the ``dpagen`` namespace. WeasyPrint writes an
  XMP stream only for PDF variants; a plain PDF gets one here. A PDF/A also gets the PDF/A
  extension schema that declares the ``dpagen`` properties (PDF/A-1 to -3 require it for any
  schema outside XMP's predefined ones).
- **Associated files** (PDF/A-3, ISO 19005-3 6.8): each embedded file has ``/Subtype`` (its
  MIME type), ``/Params`` (size, MD5 checksum, dates from the contract), ``/F`` and ``/UF``,
  ``/AFRelationship`` (``/Source`` for the customer file, ``/Data`` for the manifest), and the
  catalog lists them in ``/AF`` and in the ``/EmbeddedFiles`` name tree. These are written here
  rather than through ``weasyprint.Attachment``, whose MIME type depends on the machine's
  ``mimetypes`` database and whose dates default to the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape

from dpa_gen.provenance import FIELDS, NAMESPACE, XMP_PREFIX

PDF_A = "pdf/a-3b"
_PDFA_ID = ("a", 3, "B")  # WeasyPrint's (variant, part, conformance) for pdf/a-3b
_HEADER = b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">'
_FOOTER = b'</x:xmpmeta>\n<?xpacket end="r"?>'


@dataclass(frozen=True)
class EmbeddedFile:
    """A file the archival PDF carries, and how it relates to the document."""

    name: str
    data: bytes
    mime: str
    relationship: Literal["Source", "Data"]
    description: str


@dataclass(frozen=True)
class Archive:
    """An archival PDF: the PDF/A variant and the files it embeds."""

    files: tuple[EmbeddedFile, ...]
    variant: str = PDF_A


def finisher(provenance: Mapping[str, str], archive: Archive | None, date: dt.date) -> Callable[[Any, Any], None]:
    """WeasyPrint's ``finisher``: embed ``archive``'s files and write the XMP with ``provenance``."""

    def finish(document: Any, pdf: Any) -> None:
        if archive is not None:
            _embed(pdf, archive.files, date)
        if provenance or archive is not None:
            _set_xmp(pdf, document.metadata, provenance, archival=archive is not None)

    return finish


def provenance_rdf(provenance: Mapping[str, str], *, archival: bool) -> bytes:
    """The ``rdf:Description`` of the provenance (and, for PDF/A, its extension schema)."""
    props = "".join(f"<{XMP_PREFIX}:{key}>{escape(value)}</{XMP_PREFIX}:{key}>" for key, value in provenance.items())
    out = f'<rdf:Description rdf:about="" xmlns:{XMP_PREFIX}="{NAMESPACE}">{props}</rdf:Description>'
    if archival:
        out = _extension_schema() + out
    return out.encode("utf-8")


def _extension_schema() -> str:
    properties = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{key}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{escape(description)}</pdfaProperty:description>"
        "</rdf:li>"
        for key, description in FIELDS.items()
    )
    return (
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
        ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>dpa-gen provenance</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI>"
        f"<pdfaSchema:prefix>{XMP_PREFIX}</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
    )


def _set_xmp(pdf: Any, metadata: Any, provenance: Mapping[str, str], *, archival: bool) -> None:
    import pydyf

    variant, part, conformance = _PDFA_ID if archival else ("a", None, None)
    rdf = metadata.generate_rdf_metadata(variant, part, conformance)
    closing = b"</rdf:RDF>"
    if not rdf.endswith(closing):  # pragma: no cover - another WeasyPrint
        raise RuntimeError("unexpected XMP from WeasyPrint: no closing rdf:RDF")
    rdf = rdf[: -len(closing)] + provenance_rdf(provenance, archival=archival) + closing
    content = b"\n".join((_HEADER, rdf, _FOOTER))
    if "Metadata" in pdf.catalog:  # WeasyPrint's PDF/A stream: same object, our content
        stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
        stream.stream = [content]
        return
    stream = pydyf.Stream([content], {"Type": "/Metadata", "Subtype": "/XML"}, compress=True)
    pdf.add_object(stream)
    pdf.catalog["Metadata"] = stream.reference


def _embed(pdf: Any, files: tuple[EmbeddedFile, ...], date: dt.date) -> None:
    import pydyf

    stamp = pydyf.String(f"D:{date:%Y%m%d}000000Z")
    names = pydyf.Array()
    associated = pydyf.Array()
    for file in sorted(files, key=lambda f: f.name):  # a name tree is sorted by key
        params = {"Size": len(file.data), "CheckSum": f"<{hashlib.md5(file.data).hexdigest()}>", "ModDate": stamp}
        extra = {
            "Type": "/EmbeddedFile",
            "Subtype": "/" + file.mime.replace("/", "#2f"),
            "Params": pydyf.Dictionary(params),
        }
        stream = pydyf.Stream([file.data], extra, compress=True)
        pdf.add_object(stream)
        spec = pydyf.Dictionary(
            {
                "Type": "/Filespec",
                "F": pydyf.String(file.name.encode("ascii", "replace")),
                "UF": pydyf.String(file.name),
                "EF": pydyf.Dictionary({"F": stream.reference, "UF": stream.reference}),
                "Desc": pydyf.String(file.description),
                "AFRelationship": "/" + file.relationship,
            }
        )
        pdf.add_object(spec)
        names.extend([pydyf.String(file.name), spec.reference])
        associated.append(spec.reference)
    tree = pydyf.Dictionary({"Names": names})
    pdf.add_object(tree)
    if "Names" not in pdf.catalog:
        pdf.catalog["Names"] = pydyf.Dictionary()
    pdf.catalog["Names"]["EmbeddedFiles"] = tree.reference
    pdf.catalog["AF"] = associated
