"""Every example, in nl, en and nl+en, as DOCX and PDF: complete, consistent, and saying the right things.

The builds run once per module through the real command (``dpa-gen build examples/``, two
workers), then each test reads the files back the way a user would see them: PDF text with
poppler, DOCX with python-docx, and the DOCX through LibreOffice to prove it opens.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLES, REPO, docx_to_pdf, pdf_text

pytestmark = pytest.mark.slow  # every example built in three modes through the real command: about 100 s

MODES = {"nl": "nl", "en": "en", "nl+en": "nl-en"}
STEMS = [path.stem for path in EXAMPLES]
CLAUSE_STYLES = {
    "DPA Clause",
    "DPA Clause Text",
    "DPA Party",
    "DPA Recital",
    "DPA List",
    "Normal",
    "Heading 1",
    "DPA Section Heading",
    "DPA Annex Heading",
    "DPA Group Heading",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    for mode in MODES:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dpa_gen",
                "build",
                str(REPO / "examples"),
                "-o",
                str(folder),
                "-l",
                mode,
                "--jobs",
                "2",
                "-q",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        )
    return folder


def test_there_are_at_least_five_examples() -> None:
    assert len(EXAMPLES) >= 5
    assert "minimal" in STEMS


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("mode", MODES.values())
def test_every_example_builds_in_every_language_and_format(out: Path, stem: str, mode: str) -> None:
    for ext in ("docx", "pdf"):
        path = out / f"{stem}.{mode}.{ext}"
        assert path.exists() and path.stat().st_size > 10_000, path
    assert len(PdfReader(out / f"{stem}.{mode}.pdf").pages) >= 8


def _pdf_body(path: Path) -> str:
    """The running text of a PDF without running header and page labels, hyphenated words re-joined."""
    text = pdf_text(path, body_only=True).replace("\f", "\n")
    return _squash(re.sub(r"-\s*\n\s*", "", text))


def _squash(text: str) -> str:
    # Compared without hyphens and white space: a PDF line may end in a hyphenation point or in a
    # real hyphen ("document-/en"), and justification spreads spaces. Every other character counts.
    return re.sub(r"[\s\-]+", "", text)


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("mode", ["nl", "en"])
def test_each_clause_of_the_docx_says_the_same_in_the_pdf(out: Path, stem: str, mode: str) -> None:
    document = docx.Document(str(out / f"{stem}.{mode}.docx"))
    pdf = _pdf_body(out / f"{stem}.{mode}.pdf")
    clauses = [p.text for p in document.paragraphs if p.style.name in CLAUSE_STYLES and p.text.strip()]
    assert len(clauses) > 60
    missing = [text for text in clauses if _squash(text) not in pdf]
    assert not missing, missing[:3]


@pytest.mark.parametrize("stem", STEMS)
def test_no_sentence_ends_in_a_doubled_full_stop(out: Path, stem: str) -> None:
    document = docx.Document(str(out / f"{stem}.nl-en.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    doubled = [m.group(0) for text in texts for m in re.finditer(r".{0,30}(?<!\.)\.\.(?!\.).{0,20}", text)]
    assert not doubled


@pytest.mark.parametrize("stem", STEMS)
def test_articles_are_numbered_alike_in_both_columns(out: Path, stem: str) -> None:
    lines = pdf_text(out / f"{stem}.nl-en.pdf", layout=True).splitlines()
    pairs = [re.search(r"Artikel (\d+) .*Clause (\d+) ", line) for line in lines]
    found = [(m.group(1), m.group(2)) for m in pairs if m]
    assert len(found) >= 15
    assert all(left == right for left, right in found)
    assert [int(left) for left, _ in found] == list(range(1, len(found) + 1))


@pytest.mark.parametrize("stem", STEMS)
def test_cross_references_point_to_the_same_numbers_in_both_languages(out: Path, stem: str) -> None:
    """Every internal link in a Dutch clause has its twin, with the same number, in the English one."""
    hyperlink = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"
    compared = 0
    for table in docx.Document(str(out / f"{stem}.nl-en.docx")).tables:
        for row in table.rows:
            if len(row.cells) != 2:
                continue
            labels = [sorted("".join(link.itertext()) for link in cell._tc.iter(hyperlink)) for cell in row.cells]
            compared += bool(labels[0])
            assert labels[0] == labels[1], (row.cells[0].text[:60], labels)
    assert compared >= 15


def test_customer_values_land_where_they_should(out: Path) -> None:
    strict_nl = _pdf_body(out / "strict-municipality.nl.pdf")
    strict_en = _pdf_body(out / "strict-municipality.en.pdf")
    assert _squash("in ieder geval binnen 24 uur") in strict_nl
    assert _squash("in any event within 24 hours") in strict_en
    assert _squash("ten minste 60 dagen") in strict_nl
    assert _squash("€ 2.000.000") in strict_nl and _squash("€2,000,000") in strict_en
    assert _squash("Signicat AS") in strict_nl  # the specific sub-processor, in Annex III
    saas = _pdf_body(out / "emailmarketing-saas.nl.pdf")
    for name in ("Mailgun Technologies, Inc.", "Infosys BPM Limited", "Exonet B.V."):
        assert _squash(name) in saas
    assert _squash("binnen 48 uur") in saas
    assert _squash("security@postvak.cloud") in saas  # the breach contact point


def test_dutch_dates_are_dutch_and_english_dates_english(out: Path) -> None:
    nl = pdf_text(out / "strict-municipality.nl.pdf")
    en = pdf_text(out / "strict-municipality.en.pdf")
    assert "1 mei 2026" in nl and "15 april 2026" in nl
    assert "1 May 2026" in en and "15 April 2026" in en
    assert not re.search(r"\b(May|April) \d+, 2026", en)  # no US dates


def test_every_gdpr_duty_is_visible_in_the_minimal_contract(out: Path) -> None:
    text = _pdf_body(out / "minimal.nl.pdf")
    for phrase in (
        "uitsluitend",  # documented instructions
        "zonder onredelijke vertraging",
        "48 uur",
        "gegevensbeschermingseffectbeoordeling",
        "audits",
        "Subverwerker",
        "derde land",
        "Nederlands recht",
    ):
        assert _squash(phrase) in text, phrase


def test_a_template_lookalike_name_stays_literal(tmp_path: Path) -> None:
    customer = tmp_path / "weird.yaml"
    customer.write_text(
        (REPO / "examples" / "minimal.yaml").read_text().replace("H. (Henk) van Dijk", "'{{7*7}} & <b>Co</b>'")
    )
    subprocess.run(
        [sys.executable, "-m", "dpa_gen", "build", str(customer), "-o", str(tmp_path), "-l", "nl", "-q"],
        check=True,
        capture_output=True,
    )
    text = pdf_text(tmp_path / "weird.nl.pdf")
    assert "{{7*7}} & <b>Co</b>" in text and "49" not in text.split("Deventer")[0]
    body = "\n".join(p.text for p in docx.Document(str(tmp_path / "weird.nl.docx")).paragraphs)
    assert "{{7*7}} & <b>Co</b>" in body


@pytest.mark.parametrize("stem", ["minimal", "strict-municipality"])
@pytest.mark.parametrize("mode", ["nl", "nl-en"])
def test_libreoffice_opens_the_docx_with_its_numbering(out: Path, tmp_path: Path, stem: str, mode: str) -> None:
    pdf = docx_to_pdf(out / f"{stem}.{mode}.docx", tmp_path)
    text = pdf_text(pdf, layout=True)
    assert "Artikel 6" in text and "6.2" in text  # list numbering rendered by the word processor
    if mode == "nl-en":
        assert re.search(r"Artikel 6\s.*Clause 6\s", text)


def _pages(path: Path) -> list[str]:
    """The text area of each page, laid out as on paper."""
    return pdf_text(path, layout=True, body_only=True).split("\f")[:-1]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("mode", ["nl", "nl-en"])
def test_no_heading_is_left_alone_at_the_bottom_of_a_page(out: Path, stem: str, mode: str) -> None:
    for number, page in enumerate(_pages(out / f"{stem}.{mode}.pdf"), start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines, f"page {number} is empty"
        assert not re.match(r"\s*(Artikel|Clause|Bijlage|Annex) [0-9IVX]+ ", lines[-1]), (number, lines[-1])


def test_the_sub_processor_table_repeats_its_header_on_every_page(out: Path) -> None:
    import yaml

    customer = yaml.safe_load((REPO / "examples" / "emailmarketing-saas.yaml").read_text())
    names = [entry["name"].split(",")[0].split(" ")[0] for entry in customer["subprocessors"]["list"]]
    pages = _pages(out / "emailmarketing-saas.nl-en.pdf")
    annex = next(i for i, page in enumerate(pages) if re.search(r"Bijlage III\s", page))
    rows = [page for page in pages[annex:] if any(re.search(rf"^\s*\d+\s+{re.escape(n)}", page, re.M) for n in names)]
    assert len(rows) >= 3  # 31 sub-processors do not fit on one page
    for page in rows:
        assert re.search(r"Nr\.( /)?\s+Subverwerker / Sub-\s+Dienst en verwerking /", page), page[:300]
