"""The DOCX package as bytes: fixed zip dates and order, no thumbnail, so builds are byte-identical."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from dpa_gen.writers.docx.custom_props import with_custom_properties

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_DROP = ("docProps/thumbnail.jpeg",)


def normalise_zip(data: bytes, custom: Mapping[str, str] | None = None) -> bytes:
    """Rewrite the package with fixed timestamps and order; drop the template's thumbnail.

    Why: python-docx stamps every zip entry with the current time, so two builds of the
    same contract would differ; and its template carries a preview picture of another file.
    ``custom`` becomes the custom document properties (the provenance; see ``custom_props``).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    parts: dict[str, bytes] = {}
    for info in source.infolist():
        if info.filename in _DROP:
            continue
        content = source.read(info.filename)
        if info.filename == "[Content_Types].xml":
            content = content.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
        if info.filename == "_rels/.rels":
            content = _drop_relationship(content, b"thumbnail")
        parts[info.filename] = content
    if custom:
        parts = with_custom_properties(parts, custom)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for name, content in parts.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, content, compresslevel=6)
    return out.getvalue()


def _drop_relationship(rels: bytes, marker: bytes) -> bytes:
    return re.sub(rb"<Relationship [^>]*" + marker + rb"[^>]*/>", b"", rels)
