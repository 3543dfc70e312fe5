"""End to end on the small fixture library: files written, content, numbering, metadata, reuse."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from dpa_gen.build import build
from dpa_gen.models.base import LanguageMode
from tests.conftest import FIXTURES, pdf_text

LIBRARY = FIXTURES / "library"
CUSTOMER = FIXTURES / "customer.yaml"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    for mode in ("nl", "en", "nl+en"):
        build(CUSTOMER, out_dir=out, mode=LanguageMode(mode), clauses=LIBRARY)
    return out


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_every_language_mode_writes_docx_pdf_and_manifest(outputs: Path) -> None:
    names = {p.name for p in outputs.iterdir()}
    assert names == {
        f"customer.{mode}.{ext}" for mode in ("en", "nl", "nl-en") for ext in ("docx", "manifest.json", "pdf")
    }


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_pdf_says_what_the_contract_says(outputs: Path) -> None:
    text = " ".join(pdf_text(outputs / "customer.nl.pdf").split())
    assert "Verwerker meldt een Datalek zonder onredelijke vertraging en uiterlijk binnen 48 uur." in text
    assert "2.2 Zie artikel 2.1 en Bijlage III." in text
    assert "Artikel 2 Datalekken" in text
    assert "pagina 1 van 4" in text
    english = " ".join(pdf_text(outputs / "customer.en.pdf").split())
    assert "2.2 See Clause 2.1 and Annex III." in english
    assert "page 1 of 4" in english


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_pdf_metadata_fonts_and_language(outputs: Path) -> None:
    reader = PdfReader(outputs / "customer.nl-en.pdf")
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Verwerkersovereenkomst / Data Processing Agreement"
    assert meta.author == "Mailflow B.V."
    assert meta.subject is not None and "Bakkerij De Korenschoof B.V." in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    fonts = {font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.endswith("Caladea-Regular") or "Caladea" in name for name in fonts), fonts


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_docx_uses_real_numbering_and_styles(outputs: Path) -> None:
    document = docx.Document(str(outputs / "customer.nl.docx"))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert ("Heading 1", "Datalekken") in styled
    assert ("DPA Clause", "Zie artikel 2.1 en Bijlage III.") in styled
    numbering = document.part.numbering_part.element.xml
    assert 'w:val="Artikel %1"' in numbering and 'w:val="%1.%2"' in numbering
    heading = document.styles["Heading 1"].element.xml
    assert "<w:numPr>" in heading  # the style itself is numbered, as in Word


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_docx_side_by_side_is_a_two_column_table_with_separate_numbering(outputs: Path) -> None:
    document = docx.Document(str(outputs / "customer.nl-en.docx"))
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert ["Datalekken", "Personal data breaches"] in rows
    numbering = document.part.numbering_part.element.xml
    assert 'w:val="Artikel %1"' in numbering and 'w:val="Clause %1"' in numbering


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_docx_properties_come_from_the_contract(outputs: Path) -> None:
    props = docx.Document(str(outputs / "customer.nl.docx")).core_properties
    assert props.title == "Verwerkersovereenkomst"
    assert props.author == "Mailflow B.V."
    assert props.language == "nl-NL"
    assert props.created is not None and props.created.date().isoformat() == "2026-03-01"
    assert "python-docx" not in (props.comments or "")


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_docx_zip_is_normalised(outputs: Path) -> None:
    with zipfile.ZipFile(outputs / "customer.nl.docx") as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()


@pytest.mark.slow  # uses ``outputs``: the fixture contract in three modes as DOCX and PDF
def test_manifest_records_the_library_and_choices(outputs: Path) -> None:
    manifest = json.loads((outputs / "customer.nl.manifest.json").read_text())
    assert manifest["library"]["version"] == "1.0.0"
    assert manifest["clauses"]["breach.notice"] == "standard"
    assert set(manifest["outputs"]) == {"customer.nl.docx", "customer.nl.pdf"}


def test_unchanged_inputs_reuse_the_outputs_and_force_rebuilds(tmp_path: Path) -> None:
    first = build(CUSTOMER, out_dir=tmp_path, mode=LanguageMode.NL, clauses=LIBRARY, formats=("docx",))
    assert first.written == [tmp_path / "customer.nl.docx"]
    again = build(CUSTOMER, out_dir=tmp_path, mode=LanguageMode.NL, clauses=LIBRARY, formats=("docx",))
    assert (again.written, again.reused) == ([], [tmp_path / "customer.nl.docx"])
    forced = build(CUSTOMER, out_dir=tmp_path, mode=LanguageMode.NL, clauses=LIBRARY, formats=("docx",), force=True)
    assert forced.written == [tmp_path / "customer.nl.docx"]


def test_a_tampered_output_is_rebuilt(tmp_path: Path) -> None:
    build(CUSTOMER, out_dir=tmp_path, mode=LanguageMode.NL, clauses=LIBRARY, formats=("docx",))
    (tmp_path / "customer.nl.docx").write_bytes(b"broken")
    again = build(CUSTOMER, out_dir=tmp_path, mode=LanguageMode.NL, clauses=LIBRARY, formats=("docx",))
    assert again.written == [tmp_path / "customer.nl.docx"]
