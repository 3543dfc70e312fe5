"""Same inputs, same bytes; and the PDF renderer reads nothing but the bundled assets."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from dpa_gen.document import Document, DocumentInfo, Paragraph, Text
from dpa_gen.models.base import LanguageMode
from dpa_gen.writers import pdf
from tests.conftest import FIXTURES

LIBRARY = FIXTURES / "library"
CUSTOMER = FIXTURES / "customer.yaml"


@pytest.mark.slow  # two full builds in subprocesses
def test_two_processes_write_byte_identical_docx_and_pdf(tmp_path: Path) -> None:
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dpa_gen",
                "build",
                str(CUSTOMER),
                "--clauses",
                str(LIBRARY),
                "-o",
                str(out),
                "-l",
                "nl+en",
                "-q",
            ],
            check=True,
            capture_output=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())})
    assert digests[0] == digests[1]
    assert set(digests[0]) == {"customer.nl-en.docx", "customer.nl-en.pdf", "customer.nl-en.manifest.json"}


def _document(html_title: str) -> Document:
    info = DocumentInfo(
        title=html_title,
        subject="s",
        author="a",
        keywords="k",
        language="nl-NL",
        created=__import__("datetime").date(2026, 3, 1),
        header="h",
        page_label="{page}",
        library_version="1",
    )
    return Document(LanguageMode.NL, info, (Paragraph((Text("x"),)),), {"nl": "Artikel"})


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "fonts/../../../../../../etc/hostname",
        "fonts/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/logo.png",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_outside_the_assets(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hostile HTML (as a broken template would produce) fails the build instead of embedding files."""
    original = pdf.render_html
    monkeypatch.setattr(
        pdf,
        "render_html",
        lambda document, style=None: original(document, style).replace(
            "</head>", f'<link rel="attachment" href="{url}"><link rel="stylesheet" href="{url}"></head>'
        ),
    )
    with pytest.raises(pdf.AssetError, match="only the style folder and the bundled assets may be read"):
        pdf.render_pdf(_document("t"))


def test_a_customer_value_that_looks_like_html_is_escaped_text(tmp_path: Path) -> None:
    from dpa_gen.writers.html import render_html

    hostile = '<link rel="attachment" href="file:///etc/passwd"> & "quotes" <script>alert(1)</script>'
    html = render_html(_document(hostile))
    assert "<script>" not in html and 'href="file:///etc/passwd"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = pdf.render_pdf(_document(hostile))
    assert b"/EmbeddedFile" not in data


@pytest.mark.parametrize("text", ['a"; } body { background: url(file:///etc/passwd) } /*', "pagina \\ van\n", "€ ‘x’"])
def test_css_strings_cannot_break_out(text: str) -> None:
    """A CSS parser reads the escaped label back as exactly one string token with the same text."""
    import tinycss2

    from dpa_gen.writers.html import css_string

    tokens = [t for t in tinycss2.parse_component_value_list(css_string(text)) if t.type != "whitespace"]
    assert [(t.type, t.value) for t in tokens] == [("string", text)]


def test_the_small_user_agent_stylesheet_is_in_use() -> None:
    """A WeasyPrint upgrade that drops the private hook would silently cost ~25 % speed: notice it."""
    weasyprint = pdf.import_weasyprint()
    assert pdf._html_class() is not weasyprint.HTML
