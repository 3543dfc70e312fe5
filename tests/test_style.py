"""The house style: the bundled reference document, and style folders a legal team owns."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from typer.testing import CliRunner

from dpa_gen.build import build
from dpa_gen.cli import app
from dpa_gen.errors import UserError
from dpa_gen.models.base import LanguageMode
from dpa_gen.paths import assets_dir
from dpa_gen.writers.docx.make_reference import make_reference
from dpa_gen.writers.page import PageGeometry, read_page_geometry
from tests.conftest import FIXTURES


def test_the_bundled_reference_is_what_its_recipe_makes() -> None:
    """Regenerate it with ``python -m dpa_gen.writers.docx.make_reference`` after changing the recipe."""
    assert (assets_dir() / "reference.docx").read_bytes() == make_reference()


def test_the_page_comes_from_the_reference_and_becomes_the_pdf_page_rule() -> None:
    page = read_page_geometry(assets_dir() / "reference.docx")
    assert page == PageGeometry(width=11906, height=16838, top=1361, right=1134, bottom=1247, left=1247)
    assert page.css() == "@page { size: 210mm 297mm; margin: 24mm 20mm 22mm 22mm; }"
    css = (assets_dir() / "contract.css").read_text(encoding="utf-8")
    assert not re.search(r"(?<![-\w])(size|margin)\s*:", css.split("@page")[1].split("}")[0])


# --- style folders ------------------------------------------------------------------------------

LIBRARY = FIXTURES / "library"
CUSTOMER = FIXTURES / "customer.yaml"
runner = CliRunner()


def make_logo(path: Path, size: tuple[int, int] = (600, 200)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (20, 60, 140)).save(path)
    return path


def make_reference_with_font(path: Path, font: str) -> Path:
    document = docx.Document()
    document.styles["Normal"].font.name = font
    document.save(str(path))
    return path


def build_with(style: Path, out: Path, formats: tuple[str, ...] = ("docx", "pdf")) -> list[Path]:
    result = build(CUSTOMER, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY, formats=formats, style=style)
    return result.written


def test_reference_font_and_logo_reach_the_docx_and_the_pdf(tmp_path: Path) -> None:
    style = tmp_path / "house"
    style.mkdir()
    make_reference_with_font(style / "reference.docx", "Arial")
    make_logo(style / "logo.png")
    docx_path, pdf_path = build_with(style, tmp_path / "out")
    with zipfile.ZipFile(docx_path) as package:
        styles_xml = package.read("word/styles.xml").decode()
        document_xml = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        first = re.search(r'<w:headerReference w:type="first" r:id="(rId\d+)"', document_xml)
        assert first is not None and "<w:titlePg/>" in document_xml
        header = re.search(rf'Id="{first.group(1)}" [^>]*Target="([^"]+)"', rels)
        assert header is not None
        header_rels = package.read(f"word/_rels/{header.group(1)}.rels").decode()
    assert 'w:ascii="Arial"' in styles_xml
    assert "relationships/image" in header_rels  # the logo is a picture of page one's header
    # The DPA styles came from the bundled reference, but inherit the team's Normal font.
    assert docx.Document(str(docx_path)).styles["DPA Clause"].font.name is None
    assert pypdf.PdfReader(pdf_path).pages[0].images, "no image on page one of the PDF"


@pytest.mark.slow  # two builds as DOCX and PDF
def test_a_style_made_by_style_init_looks_exactly_like_the_bundled_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["style", "init", str(tmp_path / "house")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "house").iterdir()) == ["README.md", "contract.css", "reference.docx"]
    bundled = build(CUSTOMER, out_dir=tmp_path / "a", mode=LanguageMode.NL, clauses=LIBRARY)
    styled = build_with(tmp_path / "house", tmp_path / "b")
    # The same look; only the provenance names the other style (its folder and hash).
    a_docx, a_pdf = sorted(bundled.written)
    b_docx, b_pdf = sorted(styled)
    with zipfile.ZipFile(a_docx) as a, zipfile.ZipFile(b_docx) as b:
        assert a.namelist() == b.namelist()
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert changed == ["docProps/custom.xml"]
    a_pages, b_pages = pypdf.PdfReader(a_pdf).pages, pypdf.PdfReader(b_pdf).pages
    assert [p.get_contents().get_data() for p in a_pages] == [p.get_contents().get_data() for p in b_pages]
    fonts = [sorted(str(f["/BaseFont"]) for f in p["/Resources"]["/Font"].values()) for p in a_pages]
    assert fonts == [sorted(str(f["/BaseFont"]) for f in p["/Resources"]["/Font"].values()) for p in b_pages]


def test_style_init_keeps_existing_files_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "contract.css").write_text("/* ours */")
    result = runner.invoke(app, ["style", "init", str(tmp_path)])
    assert result.exit_code == 1
    assert "contract.css: error: already exists; use --force to overwrite it" in result.stderr
    assert (tmp_path / "contract.css").read_text() == "/* ours */" and not (tmp_path / "reference.docx").exists()
    assert runner.invoke(app, ["style", "init", str(tmp_path), "--force"]).exit_code == 0
    assert (tmp_path / "contract.css").read_text() != "/* ours */"


def _bad_style(tmp_path: Path, case: str) -> Path:
    style = tmp_path / "house"
    (style / "fonts").mkdir(parents=True)
    secret = tmp_path / "secret.ttf"
    secret.write_bytes(b"not for the PDF")
    css = {
        "file-url": 'body { background: url("file:///etc/passwd"); }',
        "parent": "@font-face { font-family: X; src: url(../secret.ttf); }\nhtml { font-family: X; }",
        "http": "@import url(https://example.com/x.css);",
        "link": "@font-face { font-family: X; src: url(fonts/linked.ttf); }",
    }.get(case, "")
    if case == "link":
        (style / "fonts" / "linked.ttf").symlink_to(secret)
    if case == "logo-link":
        (style / "logo.png").symlink_to(make_logo(tmp_path / "outside.png"))
    (style / "contract.css").write_text(css)
    return style


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("file-url", "contract.css:1:20: error: url('file:///etc/passwd'): a style may only use files inside"),
        ("parent", "contract.css:1:35: error: url('../secret.ttf') points outside the style folder"),
        ("http", "contract.css:1:9: error: url('https://example.com/x.css'): a style may only use files inside"),
        ("link", "linked.ttf: error: is a symbolic link to"),
        ("logo-link", "logo.png: error: is a symbolic link to"),
    ],
)
def test_a_style_that_reaches_outside_its_folder_fails_and_writes_nothing(
    tmp_path: Path, case: str, message: str
) -> None:
    style = _bad_style(tmp_path, case)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(CUSTOMER), "--clauses", str(LIBRARY), "-o", str(out), "--style", str(style)]
    )
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"GIF89a not a png", "logo.png: error: is not a PNG image"),
        ("logo.jpg", b"\xff\xd8\xff", "logo.jpg: error: a logo must be logo.png or logo.svg"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="a.png"/></svg>', "logo.svg:1:1: error"),
        ("reference.docx", b"PK\x03\x04 broken", "reference.docx: error: cannot read its page setup"),
    ],
)
def test_an_unusable_style_file_is_a_clear_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    style = tmp_path / "house"
    style.mkdir()
    (style / name).write_bytes(content)
    (style / "notes.txt").write_text("unknown files are fine")
    result = runner.invoke(
        app, ["build", str(CUSTOMER), "--clauses", str(LIBRARY), "-o", str(tmp_path / "o"), "--style", str(style)]
    )
    assert result.exit_code == 1, result.output
    assert message in result.stderr


def test_the_library_names_its_style_and_a_changed_style_rebuilds(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    with (library / "library.yaml").open("a") as meta:
        meta.write("style: ../house\n")
    (tmp_path / "house").mkdir()
    make_logo(tmp_path / "house" / "logo.png")
    out = tmp_path / "out"
    first = build(CUSTOMER, out_dir=out, mode=LanguageMode.NL, clauses=library, formats=("docx",))
    manifest = json.loads((out / "customer.nl.manifest.json").read_text())
    assert manifest["style"]["folder"] == "house" and list(manifest["style"]["files"]) == ["logo.png"]
    again = build(CUSTOMER, out_dir=out, mode=LanguageMode.NL, clauses=library, formats=("docx",))
    assert again.reused == first.written
    make_logo(tmp_path / "house" / "logo.png", size=(300, 300))
    changed = build(CUSTOMER, out_dir=out, mode=LanguageMode.NL, clauses=library, formats=("docx",))
    assert changed.written == first.written


def test_a_missing_library_style_points_at_library_yaml(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    with (library / "library.yaml").open("a") as meta:
        meta.write("style: house\n")
    with pytest.raises(UserError) as caught:
        build(CUSTOMER, out_dir=tmp_path / "out", mode=LanguageMode.NL, clauses=library, formats=("docx",))
    assert "library.yaml:5:8: error: style: the style folder" in str(caught.value)
