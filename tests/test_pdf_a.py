"""``build --pdf-a``: a PDF/A-3b that carries its customer file and manifest, checked with pikepdf.

What is checked is what ISO 19005-3 asks of these parts (veraPDF checks the whole standard; it
is not installed here): the XMP identification (pdfaid part 3, conformance B) and the extension
schema of dpa-gen's own properties; the output intent with an sRGB ICC profile; every font
embedded; the associated files (/AF, /AFRelationship, MIME subtype, parameters); a file ID.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from dpa_gen.build import build
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # PDF/A builds and their determinism: about 12 s

CUSTOMER = REPO / "examples" / "minimal.yaml"
XMP = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dpagen": "https://dpa-gen.example/ns/1.0/",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf-a")
    subprocess.run(
        [sys.executable, "-m", "dpa_gen", "build", str(CUSTOMER), "-o", str(out), "-f", "pdf", "--pdf-a", "-q"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def test_the_xmp_identifies_pdf_a_3b_and_declares_dpa_gens_properties(archive: Path) -> None:
    with pikepdf.open(archive / "minimal.nl-en.pdf") as pdf:
        assert pdf.pdf_version == "1.7"
        with pdf.open_metadata() as meta:
            assert meta[f"{{{XMP['pdfaid']}}}part"] == "3"
            assert meta[f"{{{XMP['pdfaid']}}}conformance"] == "B"
            assert meta[f"{{{XMP['dc']}}}title"] == str(pdf.docinfo["/Title"])
            assert meta[f"{{{XMP['dpagen']}}}customer_sha256"]
        xmp = pdf.Root.Metadata.read_bytes().decode()
    for key in ("generator", "library_sha256", "customer_sha256", "languages", "style_sha256"):
        assert f"<pdfaProperty:name>{key}</pdfaProperty:name>" in xmp  # the PDF/A extension schema
    assert "<pdfaSchema:namespaceURI>https://dpa-gen.example/ns/1.0/</pdfaSchema:namespaceURI>" in xmp


def test_it_has_an_srgb_output_intent_embedded_fonts_and_an_id(archive: Path) -> None:
    with pikepdf.open(archive / "minimal.nl-en.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile
        assert profile.N == 3 and profile.read_bytes()[36:40] == b"acsp"  # an RGB ICC profile
        assert b"sRGB" in profile.read_bytes()[:1024] or "sRGB" in str(intent.OutputConditionIdentifier)
        fonts = {}
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                fonts[str(font.BaseFont)] = font
        assert fonts
        for name, font in fonts.items():
            descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
        assert len(pdf.trailer.ID) == 2


def test_it_embeds_the_customer_file_and_the_manifest_as_associated_files(archive: Path) -> None:
    with pikepdf.open(archive / "minimal.nl-en.pdf") as pdf:
        specs = {str(spec.UF): spec for spec in pdf.Root.AF}
        assert sorted(specs) == ["minimal.nl-en.manifest.json", "minimal.yaml"]
        names = pdf.Root.Names.EmbeddedFiles.Names
        assert [str(names[i]) for i in range(0, len(names), 2)] == sorted(specs)
        customer, manifest = specs["minimal.yaml"], specs["minimal.nl-en.manifest.json"]
        assert (customer.AFRelationship, manifest.AFRelationship) == ("/Source", "/Data")
        assert (customer.EF.F.Subtype, manifest.EF.F.Subtype) == ("/application/yaml", "/application/json")
        for spec in (customer, manifest):
            assert spec.Type == "/Filespec" and str(spec.F) == str(spec.UF) and str(spec.Desc)
            assert spec.EF.F.Params.Size == len(spec.EF.F.read_bytes())
            assert str(spec.EF.F.Params.ModDate) == "D:20260301000000Z"  # the contract's date, not the clock
        assert customer.EF.F.read_bytes() == CUSTOMER.read_bytes()  # round trip
        embedded = json.loads(manifest.EF.F.read_bytes())
    beside = json.loads((archive / "minimal.nl-en.manifest.json").read_text())
    assert embedded["pdf_variant"] == beside["pdf_variant"] == "pdf/a-3b"
    assert "outputs" not in embedded  # a PDF cannot hold its own hash; the manifest beside it has it
    assert embedded == {key: value for key, value in beside.items() if key != "outputs"}


def test_the_pdf_a_is_deterministic_and_never_reused_as_a_plain_pdf(archive: Path, tmp_path: Path) -> None:
    again = build(CUSTOMER, out_dir=tmp_path, formats=("pdf",), pdf_a=True)
    assert again.written[0].read_bytes() == (archive / "minimal.nl-en.pdf").read_bytes()
    plain = build(CUSTOMER, out_dir=tmp_path, formats=("pdf",))
    assert plain.written and not plain.reused  # the variant is an input
    with pikepdf.open(plain.written[0]) as pdf:
        assert "/AF" not in pdf.Root and "/OutputIntents" not in pdf.Root
    assert "pdf_variant" not in json.loads((tmp_path / "minimal.nl-en.manifest.json").read_text())
