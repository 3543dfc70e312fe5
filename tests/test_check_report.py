"""`dpa-gen check` as CI sees it: formats, exit status, the shipped library, docs and hooks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dpa_gen.check import run_check
from dpa_gen.check.codes import CODES, markdown_table
from dpa_gen.cli import app
from tests.conftest import EXAMPLES, REPO
from tests.fixtures.check.builders import make_customer, make_library

NUMBER_DEFECT = (
    "02-breach.yaml",
    "De melding bevat ten minste:",
    "De melding bevat binnen 24 uur ten minste:",
)
WORD_DEFECT = (
    "92-annex-subprocessors.yaml",
    "de volgende subverwerkers",
    "de volgende Subverwerkers",
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def check(capsys: pytest.CaptureFixture[str], *paths: Path | str, **options: object) -> tuple[int, str, str]:
    """Run ``run_check`` and return (exit status, stdout, stderr)."""
    status = run_check([Path(p) for p in paths], **options)  # type: ignore[arg-type]
    out, err = capsys.readouterr()
    return status, out, err


# --- text, exit status -------------------------------------------------------------------------


def test_text_report_is_one_sorted_line_per_finding_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_library(tmp_path, NUMBER_DEFECT, WORD_DEFECT)
    customer = make_customer(tmp_path, ("legal_form: bv", "legal_form: bvv"))
    status, out, _ = check(capsys, customer.name, clauses=folder)
    assert status == 1
    assert [line.split(": ", 2)[:2] for line in out.splitlines()[:-1]] == [
        ["customer.yaml:8:15", "error C101"],
        ["lib/02-breach.yaml:21:1", "error E209"],
        ["lib/92-annex-subprocessors.yaml:7:11", "warning W221"],
    ]
    assert out.splitlines()[-1] == "check: 2 errors, 1 warning in 2 files (library lib/, 1 customer file)"


def test_a_clean_check_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = check(capsys, make_customer(tmp_path).name, clauses=make_library(tmp_path))
    assert (status, out) == (
        0,
        "check: 0 errors, 0 warnings in 2 files (library lib/, 1 customer file)\n",
    )


def test_warnings_alone_exit_0_and_strict_makes_them_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_library(tmp_path, WORD_DEFECT)
    status, out, _ = check(capsys, clauses=folder)
    assert status == 0
    assert "warning W221" in out
    status, out, _ = check(capsys, clauses=folder, strict=True)
    assert status == 1
    assert out.splitlines()[0].startswith("lib/92-annex-subprocessors.yaml:7:11: error W221: ")
    assert out.splitlines()[-1] == "check: 1 error, 0 warnings in 1 file (library lib/, 0 customer files)"


def test_a_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = check(capsys, "nothere.yaml", clauses=make_library(tmp_path))
    assert (status, out) == (2, "")
    assert err == "dpa-gen check: nothere.yaml: error: no such file or folder\n"


def test_a_missing_library_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = check(capsys, clauses=Path("no-library"))
    assert (status, out) == (2, "")
    assert err == "dpa-gen check: error: no-library: the clause library folder does not exist\n"


def test_the_cli_passes_options_and_exit_status(tmp_path: Path) -> None:
    folder = make_library(tmp_path, NUMBER_DEFECT)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--clauses", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("lib/02-breach.yaml:21:1: error E209: ")
    result = runner.invoke(app, ["check", "--clauses", str(folder), "--format", "xml"])
    assert result.exit_code == 2


def test_redact_hides_customer_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    customer = make_customer(tmp_path, ("legal_form: bv", "legal_form: bvv"))
    folder = make_library(tmp_path)
    _, plain, _ = check(capsys, customer.name, clauses=folder)
    _, redacted, _ = check(capsys, customer.name, clauses=folder, redact=True)
    assert "'bvv'" in plain
    assert "'bvv'" not in redacted
    assert "customer.yaml:8:15: error C101: controller.legal_form: unknown legal forms key … (did you mean" in redacted
    _, as_json, _ = check(capsys, customer.name, clauses=folder, redact=True, report="json")
    assert "bvv" not in as_json


# --- JSON and JUnit ----------------------------------------------------------------------------


def test_json_report_has_summary_findings_and_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_library(tmp_path, NUMBER_DEFECT)
    customer = make_customer(tmp_path)
    status, out, _ = check(capsys, customer.name, clauses=folder, report="json", coverage=True)
    data = json.loads(out)
    assert status == 1
    assert data["summary"] == {
        "errors": 1,
        "warnings": 0,
        "files": 2,
        "customer_files": 1,
        "passed": False,
        "text": "check: 1 error, 0 warnings in 2 files (library lib/, 1 customer file)",
    }
    assert data["findings"] == [
        {
            "file": "lib/02-breach.yaml",
            "line": 21,
            "column": 1,
            "severity": "error",
            "code": "E209",
            "key": "breach.notice",
            "message": "nl text (variant standard): the number 24 is written once in the Dutch text"
            " but not in the English text; write the same numbers in both",
            "meaning": CODES["E209"].meaning,
        }
    ]
    duties = {d["id"]: d for d in data["coverage"]["library"]["duties"]}
    assert duties["DPA_definitions"]["covered"] is True
    assert duties["DPA_definitions"]["clauses"] == [
        {
            "clause": "definitions.terms",
            "variant": None,
            "when": [],
            "position": "lib/01-definitions.yaml:5:14",
            "in_contract": True,
            "nl": "Artikel 1.1 Definities",
            "en": "Clause 1.1 Definitions",
        }
    ]
    customer_duties = data["coverage"]["customers"]["customer.yaml"]["duties"]
    assert [(d["id"], [c["variant"] for c in d["clauses"]]) for d in customer_duties] == [
        ("A33_2_breach_notify_controller", ["standard"]),
        ("PRODUCT_breach_48h", ["standard"]),
        ("DPA_definitions", [None]),
    ]


def test_json_without_coverage_flag_has_no_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = check(capsys, clauses=make_library(tmp_path), report="json")
    assert "coverage" not in json.loads(out)


def test_junit_report_fails_the_file_duty_and_customer_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_library(tmp_path, NUMBER_DEFECT, ("01-definitions.yaml", "    covers: [DPA_definitions]\n", ""))
    valid = make_customer(tmp_path, name="valid.yaml")  # valid, but its contract lacks the definitions
    invalid = make_customer(tmp_path, ("legal_form: bv", "legal_form: bvv"), name="invalid.yaml")
    status, out, _ = check(capsys, valid.name, invalid.name, clauses=folder, report="junit")
    assert status == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == ["library lib/", "coverage", "customer files"]
    failed = {
        (suite_name, case.get("name")): case.find("failure").get("type")  # type: ignore[union-attr]
        for suite_name, suite in suites.items()
        for case in suite
        if case.find("failure") is not None
    }
    assert failed == {
        ("library lib/", "lib/02-breach.yaml"): "E209",
        ("coverage", "DPA_definitions: Definitions"): "E211",
        ("customer files", "valid.yaml"): "C110",
        ("customer files", "invalid.yaml"): "C101",
    }
    assert root.get("tests") == str(13 + 3 + 2)
    assert root.get("failures") == "4"
    failure = suites["library lib/"].find("testcase[@name='lib/02-breach.yaml']/failure")
    assert failure is not None and failure.text is not None
    assert failure.text.endswith(f"E209: {CODES['E209'].meaning}")
    covered = suites["coverage"].find("testcase[@name='A33_2_breach_notify_controller: Notice to the controller']")
    assert covered is not None and covered.findtext("system-out") == "breach.notice: always"


# --- coverage table ----------------------------------------------------------------------------


def test_coverage_prints_the_duty_to_clause_table_per_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = check(capsys, clauses=make_library(tmp_path), coverage=True)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Coverage: library lib/: what every contract includes; places as in the sample contract"
        " with every"
        " optional field filled"
    )
    block = lines[lines.index("PRODUCT_breach_48h  [PRODUCT, dpa-gen]  covered") :][:5]
    assert [re.sub(" +", " ", line) for line in block] == [
        "PRODUCT_breach_48h [PRODUCT, dpa-gen] covered",
        " nl: Uiterlijk 48 uur",
        " en: Within 48 hours",
        " - breach.notice#fast (not in this contract) (not in this contract) variant fast when"
        " 'breach.notice_hours.amount <= 24'",
        " - breach.notice#standard Artikel 2.1 Datalekken Clause 2.1 Personal data breaches"
        " variant standard"
        " (when no earlier variant applies)",
    ]
    assert "3 of 3 duties covered" in lines


def test_coverage_with_a_customer_shows_its_own_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    customer = make_customer(tmp_path, ("contract:\n", "contract:\n  language: en\n"))
    _, out, _ = check(capsys, customer.name, clauses=make_library(tmp_path), coverage=True)
    table = out.split("Coverage: customer.yaml (en)\n", 1)[1]
    assert "    - definitions.terms       Clause 1.1 Definitions" in table
    assert "Artikel" not in table.split("3 of 3 duties covered")[0]


# --- the shipped library, imports, docs, hooks -------------------------------------------------


@pytest.mark.slow  # checks every example against the bundled library
def test_the_shipped_library_and_every_example_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert EXAMPLES, "examples/*.yaml is empty"
    status, out, _ = check(capsys, *EXAMPLES)
    assert status == 0, out
    assert out.splitlines()[-1].startswith("check: 0 errors, ")


@pytest.mark.slow  # a subprocess that imports the package
def test_check_never_imports_weasyprint_docx_or_the_writers(tmp_path: Path) -> None:
    folder = make_library(tmp_path)
    customer = make_customer(tmp_path)
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dpa_gen.cli import app\n"
        f"args = ['check', '--coverage', '--clauses', {str(folder)!r}, {str(customer)!r}]\n"
        "result = CliRunner().invoke(app, args)\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('weasyprint', 'docx', 'dpa_gen.writers')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, timeout=120)


def test_docs_list_every_code_exactly_as_codes_py() -> None:
    docs = (REPO / "README.md").read_text(encoding="utf-8")
    table = docs.split("<!-- codes:", 1)[1].split("-->", 1)[1].split("<!-- /codes -->", 1)[0].strip()
    assert table == markdown_table()


def test_every_code_the_code_emits_is_in_the_table() -> None:
    emitted: dict[str, str] = {}
    for path in sorted((REPO / "dpa_gen").rglob("*.py")):
        if path.name != "codes.py":
            for code in re.findall(r'"([ECW]\d{3})"', path.read_text(encoding="utf-8")):
                emitted.setdefault(code, path.name)
    assert {"C101", "C109", "E201", "E301", "E302", "C100", "E209"} <= set(emitted)  # the scan sees every module
    assert {code: where for code, where in emitted.items() if code not in CODES} == {}


def test_the_pre_commit_hook_runs_dpa_gen_check_once_per_commit() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [
        {
            "id": "dpa-gen-check",
            "name": "dpa-gen check",
            "description": hooks[0]["description"],
            "entry": "dpa-gen check",
            "language": "python",
            "files": r"\.ya?ml$",
            "pass_filenames": False,
            "require_serial": True,
        }
    ]
