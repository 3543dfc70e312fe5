"""The DOCX's custom document properties (``docProps/custom.xml``): where its provenance lives.

python-docx has no API for custom properties, so the package step writes the part, its
content type and its package relationship itself, deterministically. Word shows them under
File > Info > Properties > Advanced > Custom; LibreOffice under File > Properties > Custom.
A reference document that already has custom properties keeps them; dpa-gen's (named
``dpa-gen.<key>``) are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from dpa_gen.provenance import DOCX_PREFIX

CUSTOM_PART = "docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fixed format id of user-defined properties
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def with_custom_properties(parts: Mapping[str, bytes], values: Mapping[str, str]) -> dict[str, bytes]:
    """The package ``parts`` (name → bytes, in zip order) with ``values`` as custom properties."""
    out = dict(parts)
    rels = out["_rels/.rels"].decode("utf-8")
    target = re.search(r"<Relationship [^>]*Type=\"" + re.escape(REL_TYPE) + r"\"[^>]*/>", rels)
    if target is None:
        rel = f'<Relationship Id="rIdDpaGenCustom" Type="{REL_TYPE}" Target="{CUSTOM_PART}"/>'
        out["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")
        part = CUSTOM_PART
    else:
        found = re.search(r'Target="([^"]+)"', target.group(0))
        part = found.group(1).lstrip("/") if found else CUSTOM_PART
    types = out["[Content_Types].xml"].decode("utf-8")
    if f'PartName="/{part}"' not in types:
        override = f'<Override PartName="/{part}" ContentType="{CONTENT_TYPE}"/>'
        out["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode("utf-8")
    out[part] = custom_xml(values, out.get(part))
    return out


def custom_xml(values: Mapping[str, str], existing: bytes | None = None) -> bytes:
    """``docProps/custom.xml`` with ``values`` (prefixed ``dpa-gen.``), after the other properties of ``existing``."""
    kept: list[str] = []
    if existing is not None:
        text = existing.decode("utf-8")
        kept = [
            p
            for p in re.findall(r"<property\b.*?</property>", text, flags=re.DOTALL)
            if not re.search(r'name="' + re.escape(DOCX_PREFIX), p)
        ]
    pids = [int(m) for p in kept for m in re.findall(r'pid="(\d+)"', p)]
    first = max(pids, default=1) + 1  # pid 0 and 1 are reserved
    ours = [
        f'<property fmtid={quoteattr(_FMTID)} pid="{first + i}" name={quoteattr(_clean(DOCX_PREFIX + key))}>'
        f"<vt:lpwstr>{escape(_clean(value))}</vt:lpwstr></property>"
        for i, (key, value) in enumerate(values.items())
    ]
    body = "".join([*kept, *ours])
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{body}</Properties>'
    ).encode()


def read_custom_xml(data: bytes) -> dict[str, str]:
    """dpa-gen's properties in a ``custom.xml`` part, without their prefix."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(data)
    out: dict[str, str] = {}
    for prop in root.iter(f"{{{_NS}}}property"):
        name = prop.get("name", "")
        if name.startswith(DOCX_PREFIX):
            out[name.removeprefix(DOCX_PREFIX)] = "".join(prop.itertext())
    return out


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)
