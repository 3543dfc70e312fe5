"""``dpa-gen verify``: provenance in every file, and a rebuild that proves a file is (or is not) what its inputs make.

Every example is built once per module (its own language mode, DOCX and PDF, and one PDF/A);
the tests verify those files and copies altered the way a forger would: a digit changed inside
a PDF content stream (pikepdf), a word changed in word/document.xml, an incremental update
appended after a signature.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject

from dpa_gen import __version__
from dpa_gen.build import build
from dpa_gen.engine import load_customer
from dpa_gen.library import load_library
from dpa_gen.paths import clauses_dir
from dpa_gen.verify import verify
from dpa_gen.verify.inspect import inspect_file
from tests.conftest import EXAMPLES, FIXTURES, REPO

MINIMAL = REPO / "examples" / "minimal.yaml"


# Every test that uses ``out`` is marked slow: building all examples takes about 30 s.
@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("verify")
    for example in EXAMPLES:
        build(example, out_dir=folder)
    build(MINIMAL, out_dir=folder / "archive", formats=("pdf",), pdf_a=True)
    return folder


def built(out: Path, example: Path, fmt: str) -> Path:
    (path,) = out.glob(f"{example.stem}.*.{fmt}")
    return path


# --- provenance -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pdf_and_the_docx_carry_the_same_provenance_of_their_inputs(out: Path) -> None:
    library = load_library(clauses_dir())
    loaded = load_customer(MINIMAL, library)
    pdf = inspect_file(built(out, MINIMAL, "pdf").read_bytes())
    docx = inspect_file(built(out, MINIMAL, "docx").read_bytes())
    assert pdf.provenance == docx.provenance
    assert pdf.provenance["generator"] == f"dpa-gen {__version__}"
    assert pdf.provenance["library_id"] == library.meta.id
    assert pdf.provenance["library_version"] == library.meta.version
    assert pdf.provenance["library_sha256"] == library.digest
    assert pdf.provenance["customer_sha256"] == loaded.digest
    assert pdf.provenance["languages"] == "nl+en"
    assert pdf.provenance["style"] == "bundled"
    assert pdf.pdf_variant is None and not pdf.embedded


@pytest.mark.slow
def test_the_docx_declares_its_custom_properties_part(out: Path) -> None:
    with zipfile.ZipFile(built(out, MINIMAL, "docx")) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("_rels/.rels").decode()
        custom = package.read("docProps/custom.xml").decode()
    assert (
        '<Override PartName="/docProps/custom.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' in types
    )
    assert 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"' in rels
    assert re.search(r'pid="2" name="dpa-gen.generator"><vt:lpwstr>dpa-gen [^<]+</vt:lpwstr>', custom)


@pytest.mark.slow
def test_the_pdf_keeps_its_provenance_in_the_xmp_metadata(out: Path) -> None:
    with pikepdf.open(built(out, MINIMAL, "pdf")) as pdf, pdf.open_metadata() as meta:
        assert meta["{https://dpa-gen.example/ns/1.0/}languages"] == "nl+en"
        assert meta["{http://purl.org/dc/elements/1.1/}title"] == str(pdf.docinfo["/Title"])


# --- identical ------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_freshly_built_example_is_identical(out: Path, example: Path) -> None:
    for fmt in ("docx", "pdf"):
        verdict = verify(built(out, example, fmt), example)
        assert (verdict.result, verdict.reasons) == ("identical", []), fmt
        assert verdict.exit_code == 0


@pytest.mark.slow
def test_an_archival_pdf_verifies_with_nothing_else(out: Path) -> None:
    path = out / "archive" / "minimal.nl-en.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "verify", str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"{path}: PDF/A-3b built by dpa-gen {__version__}"
    assert "  embedded   minimal.yaml (Source, " in done.stdout
    assert done.stdout.splitlines()[-1] == (
        "identical: minimal.nl-en.pdf is exactly what dpa-gen builds from minimal.yaml (embedded) "
        "with this library and style"
    )


# --- different ------------------------------------------------------------------------------------


def change_digits_in_pdf(source: Path, target: Path, old: str, new: str) -> int:
    """Swap the glyphs of ``old`` for those of ``new`` where a content stream first shows ``old``; the page."""
    with pikepdf.open(source) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            data = page.Contents.read_bytes()
            for font in page.Resources.Font.values():
                glyphs = _glyphs(font)
                if not all(c in glyphs for c in old + new):
                    continue
                shown = b"<" + rb">-?[0-9.]*<".join(glyphs[c].encode() for c in old) + b">"  # kerning between
                hit = re.search(shown, data, re.IGNORECASE)
                if hit is None:
                    continue
                altered = hit.group(0)
                for a, b in zip(old, new, strict=True):
                    altered = altered.replace(f"<{glyphs[a]}>".encode(), f"<{glyphs[b]}>".encode(), 1)
                page.Contents.write(data[: hit.start()] + altered + data[hit.end() :])
                pdf.save(target)
                return number
    raise AssertionError(f"{old!r} is not shown in {source.name}")


def _glyphs(font: pikepdf.Object) -> dict[str, str]:
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for glyph, code in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]{4})>", block):
            out[chr(int(code, 16))] = glyph.lower()
    return out


@pytest.mark.slow
def test_a_digit_changed_in_the_pdf_is_found_and_its_clause_named(out: Path, tmp_path: Path) -> None:
    forged = tmp_path / "minimal.nl-en.pdf"
    change_digits_in_pdf(built(out, MINIMAL, "pdf"), forged, "48", "42")
    verdict = verify(forged, MINIMAL)
    assert verdict.result == "different" and verdict.exit_code == 1
    (difference,) = verdict.differences
    assert (difference.clause, difference.lang) == ("breach.notification", "nl")
    assert "48 uur" in difference.expected and "42 uur" in difference.found
    assert difference.where.startswith("9.1 in Artikel 9")


@pytest.mark.slow
def test_a_digit_changed_in_an_archival_pdf_is_found_with_nothing_else(out: Path, tmp_path: Path) -> None:
    forged = tmp_path / "minimal.nl-en.pdf"
    change_digits_in_pdf(out / "archive" / "minimal.nl-en.pdf", forged, "48", "24")
    done = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "verify", str(forged), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["result"] == "different" and report["pdf_variant"] == "pdf/a-3b"
    assert [(d["clause"], d["lang"]) for d in report["differences"]] == [("breach.notification", "nl")]


@pytest.mark.slow
def test_a_word_changed_in_the_docx_is_found_and_its_clause_named(out: Path, tmp_path: Path) -> None:
    source = built(out, MINIMAL, "docx")
    forged = tmp_path / source.name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if info.filename == "word/document.xml":
                assert b"48 uur" in content
                content = content.replace(b"48 uur", b"72 uur", 1)
            new.writestr(info, content)
    verdict = verify(forged, MINIMAL)
    assert verdict.result == "different" and verdict.parts == ["word/document.xml"]
    (difference,) = verdict.differences
    assert (difference.clause, difference.lang) == ("breach.notification", "nl")
    assert "72 uur" in difference.found
    assert "different: minimal.nl-en.docx is not what dpa-gen builds" in verdict.to_text()


def sign(source: Path, target: Path) -> None:
    """Append an incremental update with a signature field, as a signing tool does (without the crypto)."""
    writer = PdfWriter(source, incremental=True)
    page = writer.pages[0]
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject("Signature1"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([*page.get("/Annots", []), writer._add_object(field)])
    buffer = io.BytesIO()
    writer.write(buffer)
    target.write_bytes(buffer.getvalue())


@pytest.mark.slow
def test_a_signed_pdf_is_identical_until_it_is_altered_after_signing(out: Path, tmp_path: Path) -> None:
    generated = out / "archive" / "minimal.nl-en.pdf"
    signed = tmp_path / "signed.pdf"
    sign(generated, signed)
    assert signed.read_bytes().startswith(generated.read_bytes())
    verdict = verify(signed)
    assert verdict.result == "identical" and verdict.appended > 0, verdict.to_text()
    assert "bytes were added after generation" in verdict.to_text()

    # After signing, a second update replaces a page's content with one that says 42 hours.
    forged = tmp_path / "forged.pdf"
    number = change_digits_in_pdf(generated, forged, "48", "42")
    with pikepdf.open(forged) as pdf:
        content = pdf.pages[number - 1].Contents.read_bytes()
    writer = PdfWriter(signed, incremental=True)
    stream = StreamObject()
    stream.set_data(content)
    writer.pages[number - 1][NameObject("/Contents")] = writer._add_object(stream)
    altered = tmp_path / "altered.pdf"
    writer.write(altered)
    verdict = verify(altered)
    assert verdict.result == "different", verdict.to_text()
    assert verdict.changes == [f"page {number} was replaced after generation"]
    assert [(d.clause, d.lang) for d in verdict.differences] == [("breach.notification", "nl")]


# --- unknown --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_plain_pdf_without_its_customer_file_is_unknown(out: Path) -> None:
    verdict = verify(built(out, MINIMAL, "pdf"))
    assert verdict.exit_code == 2
    (reason,) = verdict.reasons
    assert reason.startswith("no customer file: pass CUSTOMER.yaml (only a PDF built with --pdf-a carries its own)")


@pytest.mark.slow
def test_another_customer_file_is_unknown_and_says_so(out: Path) -> None:
    other = REPO / "examples" / "payroll-hr.yaml"
    verdict = verify(built(out, MINIMAL, "docx"), other)
    assert verdict.exit_code == 2
    (reason,) = verdict.reasons
    assert reason.startswith(f"{other} is not the customer file minimal.nl-en.docx was built from: its sha256 is ")


@pytest.mark.slow
def test_another_library_is_unknown_and_names_the_library_the_file_was_built_with(out: Path) -> None:
    library = load_library(clauses_dir())
    verdict = verify(built(out, MINIMAL, "pdf"), MINIMAL, clauses=FIXTURES / "library")
    assert verdict.exit_code == 2
    assert verdict.reasons[0].startswith(
        f"minimal.nl-en.pdf was built with the clause library {library.meta.id} {library.meta.version} "
        f"(sha256 {library.digest}); this library is "
    )
    assert verdict.reasons[0].endswith(": pass --clauses with the library it was built with")


@pytest.mark.slow
def test_a_file_without_provenance_or_not_a_contract_is_unknown(out: Path, tmp_path: Path) -> None:
    stripped = tmp_path / "stripped.pdf"
    with pikepdf.open(built(out, MINIMAL, "pdf")) as pdf:
        del pdf.Root.Metadata
        pdf.save(stripped)
    verdict = verify(stripped, MINIMAL)
    assert verdict.exit_code == 2
    assert verdict.reasons == [
        "stripped.pdf carries no dpa-gen provenance: it was built by another program or an older dpa-gen, "
        "or its metadata was removed"
    ]
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf")
    assert verify(text).reasons == ["notes.pdf is neither a PDF nor a DOCX file"]


@pytest.mark.slow
def test_verify_on_the_command_line_prints_the_reason_and_exits_2(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "contract.docx"
    shutil.copy(built(out, MINIMAL, "docx"), copy)
    done = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "verify", str(copy)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout.splitlines()[-1].startswith("unknown: no customer file: pass CUSTOMER.yaml")
    missing = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "verify", str(tmp_path / "nope.pdf")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_a_reference_documents_own_custom_properties_are_kept() -> None:
    from dpa_gen.writers.docx.custom_props import custom_xml, read_custom_xml

    existing = (
        b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Department">'
        b"<vt:lpwstr>Legal</vt:lpwstr></property>"
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="dpa-gen.languages">'
        b"<vt:lpwstr>nl</vt:lpwstr></property></Properties>"
    )
    merged = custom_xml({"languages": "en", "style": "R&D <house>"}, existing)
    assert read_custom_xml(merged) == {"languages": "en", "style": "R&D <house>"}
    assert b'pid="2" name="Department"' in merged and b'pid="3" name="dpa-gen.languages"' in merged
    assert b'pid="4" name="dpa-gen.style"' in merged
