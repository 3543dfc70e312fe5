"""The hostile-input corpus: each broken customer file gives exactly its expected diagnostics.

tests/cases/invalid/<case>/input.yaml is the file; expected.txt is the exact error output,
with {file} for the path. No case may print a traceback or leave an output file behind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dpa_gen.cli import app
from tests.conftest import FIXTURES

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "invalid").iterdir() if p.is_dir())
LIBRARY = str(FIXTURES / "library")
BASE = (
    (Path(__file__).parent / "cases" / "invalid" / "unknown-top-level-key" / "input.yaml")
    .read_text()
    .replace("controler:", "controller:")
)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_reports_exactly_its_errors(case: Path, tmp_path: Path) -> None:
    source = case / "input.yaml"
    result = CliRunner().invoke(app, ["build", str(source), "--clauses", LIBRARY, "-o", str(tmp_path / "out")])
    expected = (case / "expected.txt").read_text(encoding="utf-8").replace("{file}", str(source))
    assert result.exit_code == 1
    assert result.stderr == expected
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.slow  # the real executable over the whole corpus
def test_the_whole_corpus_through_the_real_executable(tmp_path: Path) -> None:
    """One process, every case: clean messages, no traceback, no crash, nothing written."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for case in CASES:  # one name each: files of one name would clash on their output names
        (inputs / f"{case.name}.yaml").write_bytes((case / "input.yaml").read_bytes())
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dpa_gen",
            "build",
            str(inputs),
            "--clauses",
            LIBRARY,
            "-o",
            str(tmp_path / "out"),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"{len(CASES)} customer files: 0 built, 0 unchanged, {len(CASES)} failed" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(BASE + "# " + "x" * (1024 * 1024) + "\n")
    result = CliRunner().invoke(app, ["build", str(big), "--clauses", LIBRARY, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    size = big.stat().st_size
    assert result.stderr == f"{big}: error: the file is {size:,} bytes; the limit is 1,048,576 bytes\n"


def test_more_sub_processors_than_the_schema_allows(tmp_path: Path) -> None:
    rows = "".join(f"    - {{name: Sub {i}, service: email_delivery, country: NL}}\n" for i in range(501))
    path = tmp_path / "many.yaml"
    path.write_text(BASE + "subprocessors:\n  list:\n" + rows)
    result = CliRunner().invoke(app, ["build", str(path), "--clauses", LIBRARY, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"{path}:24:5: error: subprocessors.list: may list at most 500 items\n"


def test_redact_keeps_customer_values_out_of_messages(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        BASE + "subprocessors:\n  list:\n    - {name: Secret Customer Ltd, service: email_delivery, country: US}\n"
    )
    result = CliRunner().invoke(
        app, ["build", str(path), "--clauses", LIBRARY, "-o", str(tmp_path / "out"), "--redact"]
    )
    assert result.exit_code == 1
    assert "Secret Customer" not in result.stderr
    assert "sub-processor … processes or accesses data outside the EEA (…)" in result.stderr
