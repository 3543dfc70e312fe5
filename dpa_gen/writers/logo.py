"""A style's logo: what kind of image it is, its proportions, and the size both formats print it at.

Read with the standard library only (no Pillow): a PNG's size is in its header, an SVG's in
its root element. An SVG must be self-contained: no DOCTYPE or entities, and no reference to
another file or URL (the PDF renderer would refuse to load it anyway).
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

# The box the logo is scaled into, keeping its proportions: the header area of page one.
MAX_WIDTH_MM = 60.0
MAX_HEIGHT_MM = 18.0

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_UNITS_MM = {"": 25.4 / 96, "px": 25.4 / 96, "pt": 25.4 / 72, "pc": 25.4 / 6, "in": 25.4, "cm": 10.0, "mm": 1.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|pc|in|cm|mm|)\s*$")
_REFERENCE = re.compile(r"""(?:href\s*=\s*["']\s*(?!#)([^"']*)["'])|(?:url\(\s*["']?\s*(?!#)([^"')]*))""", re.I)


class LogoError(ValueError):
    """The logo cannot be used; the message says why and what to do (``line`` where known)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Logo:
    """A logo file and the size it is printed at (millimetres, within the header box)."""

    path: Path
    kind: Literal["png", "svg"]
    width_mm: float
    height_mm: float


def read_logo(path: Path) -> Logo:
    """Check ``logo.png`` or ``logo.svg`` and fit it into the header box."""
    data = path.read_bytes()
    if path.suffix == ".png":
        width, height = _png_size(data)
        kind: Literal["png", "svg"] = "png"
    else:
        width, height = _svg_size(data)
        kind = "svg"
    scale = min(MAX_WIDTH_MM / width, MAX_HEIGHT_MM / height)
    return Logo(path, kind, round(width * scale, 2), round(height * scale, 2))


def _png_size(data: bytes) -> tuple[float, float]:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise LogoError("is not a PNG image; save the logo as PNG (or SVG, as logo.svg)")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise LogoError("is a PNG image without pixels")
    return float(width), float(height)


def _svg_size(data: bytes) -> tuple[float, float]:
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        raise LogoError("declares a DOCTYPE or entities; remove them (an SVG logo needs neither)")
    for match in _REFERENCE.finditer(text):
        target = (match.group(1) or match.group(2) or "").strip()
        if target:
            line = text.count("\n", 0, match.start()) + 1
            raise LogoError(
                f"refers to {target[:60]!r}; an SVG logo must not load other files, URLs or data: images: "
                "draw it with vector shapes only, or use logo.png",
                line,
            )
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise LogoError(f"is not valid SVG ({exc})", exc.position[0]) from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise LogoError("is not an SVG image (its root element is not <svg>)")
    width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
    if width and height:
        return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        _, _, box_width, box_height = (float(v) for v in box)
    except ValueError:
        raise LogoError("has no size; give its <svg> element a viewBox (or a width and height)") from None
    if box_width <= 0 or box_height <= 0:
        raise LogoError("has an empty viewBox")
    return box_width, box_height


def _svg_length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if match is None:
        return None  # absent, or a percentage: the viewBox says more
    length = float(match.group(1)) * _UNITS_MM[match.group(2)]
    return length if length > 0 else None


def blank_png() -> bytes:
    """A 1×1 transparent PNG: the picture Word versions without SVG support show instead of an SVG logo."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00", 9)
    return PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
