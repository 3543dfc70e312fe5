"""The style's logo as an inline picture in a header: a PNG as it is, an SVG as Word stores one.

Word keeps an SVG picture as a PNG picture whose ``a:blip`` carries an ``asvg:svgBlip``
extension pointing at the SVG part: Word 2016 and later (and LibreOffice) show the SVG,
older readers the PNG. The PNG is the style's ``logo.png`` when the folder has one beside
``logo.svg``, else a transparent pixel (those readers then show no logo).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from dpa_gen.writers.logo import Logo, blank_png

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def add_logo(run: Any, logo: Logo, png_fallback: Path | None) -> None:
    """Put ``logo`` into ``run``, at its header size."""
    width, height = Mm(logo.width_mm), Mm(logo.height_mm)
    if logo.kind == "png":
        run.add_picture(str(logo.path), width=width, height=height)
        return
    png = png_fallback.read_bytes() if png_fallback is not None else blank_png()
    shape = run.add_picture(io.BytesIO(png), width=width, height=height)
    part = run.part
    svg = Part(
        PackURI(part.package.next_partname("/word/media/image%d.svg")),
        "image/svg+xml",
        logo.path.read_bytes(),
        part.package,
    )
    rel = part.relate_to(svg, RT.IMAGE)
    blip = shape._inline.find(".//" + qn("a:blip"))
    blip.append(
        parse_xml(
            f'<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            f'<a:ext uri="{SVG_EXTENSION}"><asvg:svgBlip xmlns:asvg="{SVG_NAMESPACE}" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="{rel}"/>'
            "</a:ext></a:extLst>"
        )
    )
