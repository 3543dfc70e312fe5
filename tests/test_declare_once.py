"""A new customer setting costs one declaration, the clause that prints it, and a test.

This test does what a developer would: it adds one optional field to the schema (one line in the
``models/customer.py``) and one clause that prints it, touches nothing else, and proves that
``check`` knows the variable, the README reference lists it, and ``build`` prints it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # copies the package, then check and build in subprocesses without the template cache

FIELD = '    ticket_system: Annotated[Line | None, Setting("where requests are logged", sample="Jira")] = None\n'
CLAUSE = """  - id: subject_matter.tickets
    when: "processing.ticket_system"
    text:
      nl: Verzoeken worden vastgelegd in {{ processing.ticket_system }}.
      en: Requests are logged in {{ processing.ticket_system }}.
"""


def _copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in ("dpa_gen", "clauses", "templates"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "_data"))
    customer_py = root / "dpa_gen" / "models" / "processing.py"
    text = customer_py.read_text(encoding="utf-8")
    anchor = "    special_category_safeguards: Annotated["
    assert text.count(anchor) == 1
    customer_py.write_text(text.replace(anchor, FIELD + anchor), encoding="utf-8")
    section = root / "clauses" / "03-subject-matter.yaml"
    section.write_text(section.read_text(encoding="utf-8").rstrip("\n") + "\n" + CLAUSE, encoding="utf-8")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "DPA_GEN_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "dpa_gen", *args], capture_output=True, text=True, env=env, cwd=root, timeout=300
    )


def test_a_field_declared_once_is_seen_by_check_and_build(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    customer = root / "acme.yaml"
    minimal = (REPO / "examples" / "minimal.yaml").read_text(encoding="utf-8")
    customer.write_text(
        minimal.replace("  data_subjects:", "  ticket_system: Zammad\n  data_subjects:"), encoding="utf-8"
    )

    checked = _run(root, "check", "--strict", "--clauses", "clauses", "acme.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 errors, 0 warnings" in checked.stdout

    built = _run(root, "build", "acme.yaml", "-o", "out", "-f", "docx", "-l", "nl", "--clauses", "clauses")
    assert built.returncode == 0, built.stderr
    text = "\n".join(p.text for p in docx.Document(str(root / "out" / "acme.nl.docx")).paragraphs)
    assert "Verzoeken worden vastgelegd in Zammad." in text

    tables = subprocess.run(
        [sys.executable, "-m", "dpa_gen.models.reference"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
        cwd=root,
        check=True,
    ).stdout
    assert "| `processing.ticket_system` | text | — | where requests are logged |" in tables


def test_a_misspelt_use_of_the_new_field_is_found_by_check(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    section = root / "clauses" / "03-subject-matter.yaml"
    section.write_text(
        section.read_text().replace(
            "{{ processing.ticket_system }}.\n      en:", "{{ processing.ticket_sytem }}.\n      en:"
        )
    )
    checked = _run(root, "check", "--clauses", "clauses")
    assert checked.returncode == 1
    assert "processing.ticket_sytem" in checked.stdout and "did you mean 'ticket_system'" in checked.stdout
