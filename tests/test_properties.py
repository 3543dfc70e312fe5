"""Property: any Unicode in a customer text field gives a clean error, or a contract that holds it exactly."""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpa_gen.engine import compose, load_customer
from dpa_gen.errors import UserError
from dpa_gen.library import load_library
from dpa_gen.models.base import LanguageMode
from dpa_gen.writers.docx import render_docx
from dpa_gen.writers.pdf import render_pdf
from tests.conftest import FIXTURES, pdf_text

pytestmark = pytest.mark.slow  # Hypothesis: 170 generated customer files, each built as DOCX or PDF

LIBRARY = load_library(FIXTURES / "library")
BASE: dict[str, Any] = yaml.safe_load((FIXTURES / "customer.yaml").read_text())
# Text fields that the fixture library prints, as paths into the customer data.
FIELDS = (
    ("controller", "name"),
    ("processor", "name"),
    ("controller", "address", "city"),
    ("processor", "contact", "name"),
    ("processing", "subject_matter", "nl"),
)
# Half anything Unicode has (mostly refused: controls, bidi, scripts the fonts lack), half text
# the fonts can print (Latin, Greek, Cyrillic, Romanian ș ț), salted with markup and template
# syntax that must stay literal.
printable = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x17F),
    st.characters(min_codepoint=0x384, max_codepoint=0x3CE, exclude_categories=["Cn"]),
    st.characters(min_codepoint=0x400, max_codepoint=0x45F),
    st.sampled_from("ȘșȚț"),
)
texts = st.one_of(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
    st.lists(
        st.one_of(
            st.text(printable, min_size=1, max_size=6),
            st.sampled_from(["{{", "}}", "{%", "**", "*", "- ", "<b>", "&amp;", "\\", "'", '"', "€", "–"]),
        ),
        min_size=1,
        max_size=8,
    ).map("".join),
)


def with_value(path: tuple[str, ...], value: str) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def load(data: dict[str, Any]) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            return load_customer(path, LIBRARY, LanguageMode.NL)
        except UserError as exc:
            for diagnostic in exc.diagnostics:  # a clean error: positioned, and no crash text
                assert diagnostic.pos is not None and diagnostic.pos.line > 0, diagnostic
                assert "Traceback" not in diagnostic.message
            return None


def stored(loaded: Any, path: tuple[str, ...]) -> str:
    node: Any = loaded.customer
    for key in path:
        node = getattr(node, "address" if key == "address" else key)
    return node if isinstance(node, str) else node.nl


def squash(text: str) -> str:
    return " ".join(text.split())


def unhyphen(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=texts)
def test_docx_holds_the_text_exactly_or_the_file_is_refused(field: tuple[str, ...], value: str) -> None:
    loaded = load(with_value(field, value))
    if loaded is None:
        return
    text = stored(loaded, field)
    assert text == squash(__import__("unicodedata").normalize("NFC", value))  # only normalised, never altered
    data = render_docx(compose(loaded.customer, LIBRARY, LanguageMode.NL).document)
    document = docx.Document(__import__("io").BytesIO(data))
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert text in body


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=texts)
def test_pdf_holds_the_text_exactly_or_the_file_is_refused(field: tuple[str, ...], value: str) -> None:
    loaded = load(with_value(field, value))
    if loaded is None:
        return
    text = stored(loaded, field)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.pdf"
        path.write_bytes(render_pdf(compose(loaded.customer, LIBRARY, LanguageMode.NL).document))
        # pdftotext glues a lone hyphen to the next word ("- x" reads "-x"; the PDF has the space).
        assert unhyphen(squash(text)) in unhyphen(squash(pdf_text(path)))
