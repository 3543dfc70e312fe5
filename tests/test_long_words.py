"""Every word of the PDF stays inside its box, also a word with no break opportunity (item 4).

Measured, not eyeballed: poppler's ``pdftotext -bbox-layout`` gives each word's box; each must
lie inside the page's text area, and no two words on one line may overlap (a word running
into the next table column or the other language's column).
"""

from __future__ import annotations

import itertools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from dpa_gen.build import build
from dpa_gen.models.base import LanguageMode
from tests.conftest import EXAMPLES, FIXTURES, tool

pytestmark = pytest.mark.slow  # PDF layouts measured word by word with pdftotext

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
LEFT, RIGHT = 22 * MM, PAGE_WIDTH - 20 * MM  # the @page margins of contract.css
TOLERANCE = 1.5  # points: glyph side bearings of justified lines, and rounding in poppler's boxes
LONG_NAME = "Rechenzentrumsinfrastrukturbereitstellungsgesellschaft mbH"


@dataclass(frozen=True)
class Word:
    """One word of a PDF page and its box, in points from the top left (pdftotext -bbox-layout)."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words(pdf: Path) -> list[Word]:
    html = subprocess.run(
        [tool("pdftotext"), "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    out = []
    for page, body in enumerate(html.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body
        ):
            out.append(Word(page, text, float(x0), float(y0), float(x1), float(y1)))
    return out


def problems(found: list[Word]) -> list[str]:
    out = [f"p{w.page} {w.text!r} leaves the text area ({w.x0:.1f}–{w.x1:.1f})" for w in found if not inside(w)]
    by_line: dict[tuple[int, int], list[Word]] = {}
    for word in found:
        by_line.setdefault((word.page, round(word.y1)), []).append(word)
    for line in by_line.values():
        line.sort(key=lambda w: w.x0)
        for left, right in itertools.pairwise(line):
            if left.x1 > right.x0 + TOLERANCE:
                out.append(f"p{left.page} {left.text!r} runs into {right.text!r}")
    return out


def inside(word: Word) -> bool:
    return word.x0 >= LEFT - TOLERANCE and word.x1 <= RIGHT + TOLERANCE


@pytest.fixture(scope="module")
def long_words(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    text = (FIXTURES / "customer.yaml").read_text()
    text = text.replace(
        "    - {name: Mailgun Technologies Inc., service: email_delivery, country: US, safeguard: dpf}",
        "    - {name: Mailgun Technologies Inc., service: email_delivery, country: US, safeguard: dpf}\n"
        f"    - {{name: {LONG_NAME}, service: email_delivery, country: DE, city: Frankfurt}}",
    )
    text = text.replace("name: Mailflow B.V.", "name: Rechenzentrumsinfrastrukturbereitstellungsholding B.V.")
    customer = folder / "long.yaml"
    customer.write_text(text)
    return customer


@pytest.mark.parametrize("mode", [LanguageMode.NL_EN, LanguageMode.NL])
def test_a_word_without_break_stays_in_its_box(long_words: Path, tmp_path: Path, mode: LanguageMode) -> None:
    build(long_words, out_dir=tmp_path, mode=mode, clauses=FIXTURES / "library", formats=("pdf",))
    pdf = tmp_path / f"long.{mode.file_part}.pdf"
    found = words(pdf)
    assert any("Rechenzentrums" in w.text for w in found)
    assert problems(found) == []
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert LONG_NAME.replace(" ", "") in re.sub(r"[-\s]", "", text)  # broken, but nothing lost


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.stem == "emailmarketing-saas"], ids=lambda p: p.stem)
def test_the_transfer_column_of_the_saas_example_stays_in_its_box(example: Path, tmp_path: Path) -> None:
    build(example, out_dir=tmp_path, mode=LanguageMode.NL_EN, formats=("pdf",))
    assert problems(words(tmp_path / f"{example.stem}.nl-en.pdf")) == []


def test_the_longest_title_stays_whole_in_its_column(tmp_path: Path) -> None:
    """Side by side, SUBVERWERKERSOVEREENKOMST fits its column: no letters broken off onto a line of their own."""
    build(EXAMPLES[0].parent / "subprocessor-hosting.yaml", out_dir=tmp_path, mode=LanguageMode.NL_EN, formats=("pdf",))
    first_page = [w for w in words(tmp_path / "subprocessor-hosting.nl-en.pdf") if w.page == 1]
    assert "SUBVERWERKERSOVEREENKOMST" in [w.text for w in first_page]
    assert problems(first_page) == []


def test_a_line_that_fills_up_to_a_bold_term_breaks_before_the_term(tmp_path: Path) -> None:
    """WeasyPrint ended such a line at its first break ("41023344," alone on a line): the space goes inside the term."""
    build(EXAMPLES[0].parent / "payroll-hr.yaml", out_dir=tmp_path, mode=LanguageMode.NL, formats=("pdf",))
    first_page = [w for w in words(tmp_path / "payroll-hr.nl.pdf") if w.page == 1]
    number = next(w for w in first_page if w.text == "41023344,")
    after = first_page[first_page.index(number) + 1]
    assert (after.text, round(after.y1)) == ("te", round(number.y1))  # "te dezen …" goes on on the same line
    term = next(w for w in first_page if w.text.startswith("Verwerkingsverantwoordelijke;"))
    assert term.x0 < LEFT + 12 * MM  # whole, at the start of the next line
