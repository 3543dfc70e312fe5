"""Several signatories per party (joint authority): every box is printed, each party in its column."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from dpa_gen.models.base import LanguageMode
from dpa_gen.writers import writer
from tests.conftest import pdf_text
from tests.contract_text import build_document, customer

JOINT = customer(
    controller={
        "representative": [
            {"name": "Anna de Vries", "role": "managing_director"},
            {"name": "Bram de Boer", "role": {"nl": "financieel directeur", "en": "finance director"}},
            {"name": "Cato Jansen", "role": {"nl": "directeur", "en": "director"}},
        ]
    },
    processor={"representative": {"name": "Dirk Smit", "role": "ceo"}},
)
NAMES = ("Anna de Vries", "Bram de Boer", "Cato Jansen", "Dirk Smit")


def test_the_docx_has_a_box_for_every_signatory_in_its_party_column(tmp_path: Path) -> None:
    document = build_document(JOINT, "nl", tmp_path)
    data = writer("docx").render(document, None)
    table = next(t for t in docx.Document(io.BytesIO(data)).tables if "Handtekening" in t.rows[0].cells[0].text)
    columns = [[row.cells[i].text for row in table.rows] for i in (0, 1)]
    assert [sum(name in cell for cell in columns[0]) for name in NAMES[:3]] == [1, 1, 1]
    assert "Dirk Smit" in columns[1][0] and not any(name in "".join(columns[1]) for name in NAMES[:3])
    assert columns[0][0].count("Bakkerij De Korenschoof B.V.") == 1 and "Korenschoof" not in columns[0][1]


@pytest.mark.slow  # lays out a whole bilingual contract as PDF
def test_the_pdf_prints_every_signatory(tmp_path: Path) -> None:
    document = build_document(JOINT, "nl+en", tmp_path)
    path = tmp_path / "c.pdf"
    path.write_bytes(writer("pdf").render(document, None))
    text = pdf_text(path)
    assert all(name in text for name in NAMES)
    assert document.mode is LanguageMode.NL_EN
