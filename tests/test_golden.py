"""Golden files: what two real contracts look like, so that a change to one shows in review.

For two examples that differ (the minimal one side by side in nl+en; the SaaS one in Dutch only,
with sub-processors, transfers and annex tables), ``tests/golden/`` holds the HTML the PDF is
made from and the DOCX's ``word/document.xml``, indented so that a diff reads line by line.
The test builds them through ``dpa_gen.build`` with the bundled library and style and compares.

Nothing is normalised: the outputs are byte-identical between runs and nothing in them depends
on the machine (font URLs are relative to the stylesheet; the bundled style has no logo, which
would be a ``file://`` URL; provenance lives in the DOCX's properties, not in document.xml). The
test asserts that no absolute path of the checkout or the output folder gets in, so one never
ends up in a golden file.

After an intended change: ``pytest tests/test_golden.py --update-golden`` rewrites them; review
and commit the diff of ``tests/golden/`` with the change.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dpa_gen.build import build
from dpa_gen.models.base import LanguageMode
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
CASES = [("minimal", LanguageMode.NL_EN), ("emailmarketing-saas", LanguageMode.NL)]
SHOWN_LINES = 80  # of the diff in a failure message; the rest is in git diff after --update-golden


def document_xml(docx: bytes) -> str:
    """``word/document.xml`` indented two spaces per level (only whitespace between elements changes)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Golden file name → the text this checkout builds for it."""
    out = tmp_path_factory.mktemp("golden")
    texts: dict[str, str] = {}
    for stem, mode in CASES:
        build(REPO / "examples" / f"{stem}.yaml", out_dir=out, formats=("html", "docx"), mode=mode)
        name = f"{stem}.{mode.file_part}"
        texts[f"{name}.html"] = (out / f"{name}.html").read_text(encoding="utf-8")
        texts[f"{name}.document.xml"] = document_xml((out / f"{name}.docx").read_bytes())
    for name, text in texts.items():
        for path in (str(REPO), str(out)):
            assert path not in text, f"{name} holds the machine path {path}; it must not reach a golden file"
    return texts


NAMES = [f"{stem}.{mode.file_part}.{kind}" for stem, mode in CASES for kind in ("html", "document.xml")]


@pytest.mark.parametrize("name", NAMES)
def test_the_build_is_its_golden_file(built: dict[str, str], name: str, request: pytest.FixtureRequest) -> None:
    path = GOLDEN / name
    actual = built[name]
    if request.config.getoption("--update-golden"):
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing; run: pytest tests/test_golden.py --update-golden")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), f"golden/{name}", "this build", n=2, lineterm=""
            )
        )
        shown = "\n".join(diff[:SHOWN_LINES]) + (
            f"\n… {len(diff) - SHOWN_LINES} more lines" * (len(diff) > SHOWN_LINES)
        )
        pytest.fail(
            f"{name} differs from its golden file.\n{shown}\n\n"
            "If the change is intended: pytest tests/test_golden.py --update-golden, then review and commit"
            " the diff of tests/golden/ with it.",
            pytrace=False,
        )
