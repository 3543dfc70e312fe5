"""Every writer renders every block and inline type: none can be dropped silently.

The sample document holds one of each Block and Inline type, a heading of every kind and a
clause of every style, each with its own marker word. A new type or kind fails
``test_the_sample_holds_every_type`` until it is added here, and then every writer must show
its marker.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import typing
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from dpa_gen.document import (
    Block,
    Clause,
    ClauseStyle,
    Column,
    Document,
    DocumentInfo,
    Emph,
    Heading,
    HeadingKind,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    Ref,
    Signatory,
    SignatureBlock,
    Strong,
    Table,
    Text,
)
from dpa_gen.models.base import LanguageMode
from dpa_gen.paths import templates_dir
from dpa_gen.writers import html
from dpa_gen.writers.docx import render_docx
from dpa_gen.writers.html import render_html
from dpa_gen.writers.pdf import render_pdf
from tests.conftest import pdf_text

INFO = DocumentInfo(
    title="Sample",
    subject="Every block",
    author="Tester",
    keywords="sample",
    language="nl-NL",
    created=dt.date(2026, 3, 1),
    header="Sample header",
    page_label="{page} / {pages}",
    library_version="1",
)


def _p(marker: str) -> Paragraph:
    return Paragraph((Text(marker),))


def _headings() -> tuple[Heading, ...]:
    return tuple(
        Heading(
            kind, f"hd{kind}", number="7" if kind in ("article", "annex") else None, prefix="Pre", anchor=f"nl-{kind}"
        )
        for kind in typing.get_args(HeadingKind)
    )


def _clauses(prefix: str) -> tuple[Clause, ...]:
    return tuple(
        Clause(style, None if style == "plain" else "3", f"nl-{prefix}{style}", (_p(f"{prefix}cl{style}"),))
        for style in typing.get_args(ClauseStyle)
    )


def sample_document() -> Document:
    """One block of every type (in both languages side by side), each with a marker word."""
    inline_paragraph = Paragraph(
        (
            Text("intext "),
            Strong((Text("instrong"),)),
            Text(" "),
            Emph((Text("inemph"),)),
            Text(" "),
            Ref("nl-article", "inref"),
        )
    )
    blocks: tuple[Block, ...] = (
        *_headings(),
        *_clauses(""),
        Clause("clause", "4", "nl-body", (inline_paragraph, ListBlock(((Text("clauselist"),),)))),
        _p("leadpara"),
        ListBlock(((Text("listone"),), (Text("listtwo"),))),
        Table((Column("colhead", 40), Column("colheadtwo", 60)), ((((Text("gridcell"),),), ((Text("gridcell2"),),)),)),
        Table((Column("", 32), Column("", 68)), ((((Text("kvlabel"),),), ((Text("kvvalue"),),)),), header=False),
        SignatureBlock(
            (Signatory("sigparty", "signame", "sigperson", "sigrole"), Signatory("sigparty2", "signame2", None, None)),
            name_label="sigl",
            role_label="rolel",
            date_label="datel",
            signature_label="signl",
        ),
        PageBreak(),
        Parallel(
            (
                (
                    Heading("article", "parleft", "8", "Pre", "nl-par"),
                    Heading("article", "parright", "8", "Pre", "en-par"),
                ),
                (
                    Clause("clause", "8.1", "nl-pc", (_p("parclleft"),)),
                    Clause("clause", "8.1", "en-pc", (_p("parclright"),)),
                ),
                (_p("parpleft"), _p("parpright")),
                (ListBlock(((Text("parlleft"),),)), ListBlock(((Text("parlright"),),))),
            )
        ),
    )
    return Document(LanguageMode.NL_EN, INFO, blocks, {"nl": "Bepaling", "en": "Section"})


MARKERS = (
    *(f"hd{kind}" for kind in typing.get_args(HeadingKind)),
    *(f"cl{style}" for style in typing.get_args(ClauseStyle)),
    *("intext", "instrong", "inemph", "inref", "clauselist", "leadpara", "listone", "listtwo"),
    *("colhead", "colheadtwo", "gridcell", "gridcell2", "kvlabel", "kvvalue"),
    *("sigparty", "signame", "sigperson", "sigrole", "sigparty2", "signame2", "sigl", "rolel", "datel", "signl"),
    *("parleft", "parright", "parclleft", "parclright", "parpleft", "parpright", "parlleft", "parlright"),
)


def _types(document: Document) -> tuple[set[type], set[type], set[str], set[str]]:
    """The block and inline types, heading kinds and clause styles that ``document`` holds."""
    found = _Found()
    for item in document.blocks:
        found.block(item)
    return found.blocks, found.inlines, found.kinds, found.styles


@dataclass
class _Found:
    """What a walk through a document has seen so far."""

    blocks: set[type] = field(default_factory=set)
    inlines: set[type] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)

    def block(self, item: Block) -> None:
        """Record ``item`` and everything inside it."""
        self.blocks.add(type(item))
        if isinstance(item, Heading):
            self.kinds.add(item.kind)
        if isinstance(item, Clause):
            self.styles.add(item.style)
            for body in item.body:
                self.block(body)
        if isinstance(item, Paragraph):
            self.inline(item.inlines)
        if isinstance(item, Parallel):
            for row in item.rows:
                for cell in row:
                    self.block(cell)

    def inline(self, nodes: tuple[Inline, ...]) -> None:
        """Record each inline and the inlines inside it."""
        for node in nodes:
            self.inlines.add(type(node))
            if isinstance(node, Strong | Emph):
                self.inline(node.children)


def test_the_sample_holds_every_type() -> None:
    blocks, inlines, kinds, styles = _types(sample_document())
    assert blocks == set(typing.get_args(Block))
    assert inlines == set(typing.get_args(Inline))
    assert kinds == set(typing.get_args(HeadingKind))
    assert styles == set(typing.get_args(ClauseStyle))
    tables = [b for b in sample_document().blocks if isinstance(b, Table)]
    assert {t.header for t in tables} == {True, False}


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))  # the title is upper case by CSS


def test_docx_shows_every_block() -> None:
    data = render_docx(sample_document())
    words = _words(_docx_text(data))
    assert [m for m in MARKERS if m not in words] == []
    document = docx.Document(io.BytesIO(data))  # python-docx reads it back
    assert any(p.style is not None and p.style.name == "DPA Party" for p in document.paragraphs)


def test_html_shows_every_block() -> None:
    words = _words(re.sub(r"<[^>]+>", " ", render_html(sample_document())))
    assert [m for m in MARKERS if m not in words] == []


def test_pdf_shows_every_block(tmp_path: Path) -> None:
    path = tmp_path / "sample.pdf"
    path.write_bytes(render_pdf(sample_document()))
    words = _words(pdf_text(path))
    assert [m for m in MARKERS if m not in words] == []


def test_the_article_word_comes_from_the_document_not_the_writer() -> None:
    with zipfile.ZipFile(io.BytesIO(render_docx(sample_document()))) as package:
        numbering = package.read("word/numbering.xml").decode()
    assert 'w:val="Bepaling %1"' in numbering and 'w:val="Section %1"' in numbering
    assert "Artikel" not in numbering and "Clause %1" not in numbering


@pytest.mark.parametrize(
    ("names", "variable"),
    [
        (html.BlockMacro, "m"),
        (html.BodyMacro, "m"),
        (html.InlineMacro, "m"),
        (HeadingKind, "h.kind"),
    ],
)
def test_the_page_template_has_a_branch_for_every_name(names: object, variable: str) -> None:
    """The Literal the Python dispatch returns and the template's branches are the same set."""
    template = (templates_dir() / "_base" / "document.html.j2").read_text(encoding="utf-8")
    missing = [name for name in typing.get_args(names) if f'{variable} == "{name}"' not in template]
    assert missing == []


def test_an_unknown_node_fails_instead_of_vanishing() -> None:
    with pytest.raises(AssertionError):
        html.block_macro(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no branch"):
        html.unhandled("footnote")
