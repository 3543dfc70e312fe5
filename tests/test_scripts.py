"""Every script of the EU's official languages prints: Greek, Cyrillic and each Latin letter, in the DOCX and PDF.

The PDF takes what Caladea lacks from the bundled fallback DpaGen Serif; text outside both is
refused (tests/cases/invalid/cjk-subprocessor-name, arabic-city).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from dpa_gen.build import build
from dpa_gen.models.base import LanguageMode
from tests.conftest import FIXTURES, docx_to_pdf, pdf_text

pytestmark = pytest.mark.slow  # the contract with every script, as DOCX and PDF, read back (and through LibreOffice)

# (name, address) of a sub-processor, as its customer writes them.
SUBPROCESSORS = [
    ("Αθηναϊκή Φιλοξενία Α.Ε.", "Οδός Ερμού 12, Αθήνα"),  # Greek: tonos, dialytika, final sigma
    ("Ψηφιακές Υπηρεσίες Ώρας", "Λεωφόρος Κηφισίας 44, Μαρούσι"),
    ("Българска Хостинг ЕООД", "ул. Шипка 6, София"),  # Bulgarian
    ("Găzduire Științifică S.R.L.", "Strada Ștefan cel Mare 5, Iași"),  # Romanian, comma below
    ("Ţesătorie Veche S.A.", "Bulevardul Unirii 3, Timişoara"),  # Romanian, the older cedilla
    ("Łódzkie Przetwarzanie Spółka z o.o.", "ul. Żółkiewskiego 3, Łódź"),  # Polish
    ("Český Úřad Dat s.r.o.", "Náměstí Míru 7, Ústí nad Labem"),  # Czech
    ("Ďalšia Ľudová Služba s.r.o.", "Hlavná 4, Žilina"),  # Slovak
    ("Győri Őrző Kft.", "Űrhajós utca 1, Győr"),  # Hungarian double acute
    ("Rīgas Ogļu Ķēķis SIA", "Stūrmaņu ģildes iela 4, Ģipka"),  # Latvian ģ ķ ļ ņ
    ("Kauno Ėjimų Įmonė UAB", "Ūkio g. 7, Rūdiškės, įvažiavimas iš kiemo"),  # Lithuanian ė į ų ū
    ("Ċentru Ġdid Ħal Żebbuġ Ltd", "Triq il-Kbira 2, Ħamrun, ċ ġ ħ ż"),  # Maltese
    ("Đakovo Čišćenje d.o.o.", "Ulica Šime Ljubića 5, Žalec"),  # Croatian, Slovenian
    ("Müller Straßenbau GmbH", "Äußere Weberstraße 3, Görlitz"),  # German
    ("Façade Œuvre S.à r.l.", "Rue de l'Église 2, Saint-Étienne"),  # French
    ("Niño Açores Lda.", "Avenida São João 4, A Coruña"),  # Spanish, Portuguese
    ("Sørensen & Ærø ApS", "Ågade 5, Åhus, Hämeenlinna"),  # Nordic
]
CONTROLLER = ("Αθηναϊκή Φιλοξενία Α.Ε.", "Αθήνα")
PROCESSOR = ("Българска Хостинг ЕООД", "София")


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Build the customer once in nl+en; return a function from extension to output file."""
    folder = tmp_path_factory.mktemp("scripts")
    rows = "\n".join(
        f'    - {{name: "{name}", service: email_delivery, country: NL, city: "{address}"}}'
        for name, address in SUBPROCESSORS
    )
    # Annex III prints a customer's address once, upright; a description per language, the English
    # one in italics, puts Greek in the italic fallback too.
    rows = rows.replace(
        f'city: "{SUBPROCESSORS[0][1]}"}}',
        f'city: "{SUBPROCESSORS[0][1]}", description: {{nl: "Kantoor {SUBPROCESSORS[0][1]}",'
        f' en: "Office {SUBPROCESSORS[0][1]}"}}}}',
        1,
    )
    customer = folder / "scripts.yaml"
    customer.write_text(
        (FIXTURES / "customer.yaml")
        .read_text(encoding="utf-8")
        .replace("Bakkerij De Korenschoof B.V.", CONTROLLER[0])
        .replace("city: Utrecht", f"city: {CONTROLLER[1]}")
        .replace("Mailflow B.V.", PROCESSOR[0])
        .replace("city: Amsterdam", f"city: {PROCESSOR[1]}")
        .split("subprocessors:")[0]
        + "subprocessors:\n  list:\n"
        + rows
        + "\n",
        encoding="utf-8",
    )
    build(customer, out_dir=folder, mode=LanguageMode.NL_EN, clauses=FIXTURES / "library")
    return lambda ext: folder / f"scripts.nl-en.{ext}"


def texts() -> list[str]:
    return [*CONTROLLER, *PROCESSOR, *(text for pair in SUBPROCESSORS for text in pair)]


def squash(text: str) -> str:
    # Compared without white space and hyphens, as in test_examples: a table cell may break a line
    # after a hyphen of the text ("Saint-/Étienne"), which pdftotext then drops, and it may lose the
    # spaces of a line of single letters ("ġ ħ ż"). Every letter still counts.
    return re.sub(r"[\s\-]+", "", text)


def test_the_pdf_says_every_name_and_address_exactly(contract: Callable[[str], Path]) -> None:
    printed = squash(pdf_text(contract("pdf")))
    missing = [text for text in texts() if squash(text) not in printed]
    assert not missing


def test_the_pdf_prints_them_in_the_bundled_fonts_only(contract: Callable[[str], Path]) -> None:
    """A system font in the PDF would mean the fallback missed a character; no boxes either (test_fonts)."""
    reader = PdfReader(contract("pdf"))
    fonts = {
        str(font["/BaseFont"]).split("+")[1] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert {"DpaGen-Serif", "DpaGen-Serif-Italic"} <= fonts  # Dutch column upright, English column italic
    assert all(name.startswith(("Caladea", "DpaGen-Serif")) for name in fonts), fonts


def test_the_docx_says_every_name_and_address_exactly(contract: Callable[[str], Path]) -> None:
    document = docx.Document(str(contract("docx")))
    body = [p.text for p in document.paragraphs]
    body += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    said = squash("\n".join(body))
    missing = [text for text in texts() if squash(text) not in said]
    assert not missing


def test_libreoffice_prints_the_docx_with_every_name(contract: Callable[[str], Path], tmp_path: Path) -> None:
    """LibreOffice puts Caladea (or another serif) for Cambria and takes Greek and Cyrillic from a system font."""
    printed = squash(pdf_text(docx_to_pdf(contract("docx"), tmp_path)))
    missing = [text for text in texts() if squash(text) not in printed]
    assert not missing
