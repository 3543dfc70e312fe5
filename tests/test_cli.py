"""The command line: help, version, exit statuses, batches, and no traceback ever."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dpa_gen import __version__
from dpa_gen.cli import app
from tests.conftest import FIXTURES, REPO

LIBRARY = str(FIXTURES / "library")
CUSTOMER = str(FIXTURES / "customer.yaml")
runner = CliRunner()


def test_the_fast_help_is_exactly_typers_help() -> None:
    """``dpa-gen --help`` is served from help.txt without importing typer; it must not drift."""
    command = "from dpa_gen.cli import app; app(['--help'], prog_name='dpa-gen')"
    live = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True, env={"COLUMNS": "80"})
    assert live.returncode == 0
    assert (REPO / "dpa_gen" / "help.txt").read_text(encoding="utf-8") == live.stdout, (
        f'regenerate it: COLUMNS=80 python -c "{command}" > dpa_gen/help.txt'
    )


def test_help_and_version_import_nothing_heavy() -> None:
    probe = (
        "import sys; sys.argv = ['dpa-gen', '{arg}']; from dpa_gen.__main__ import main; main(); "
        "heavy = {{'typer', 'pydantic', 'jinja2', 'babel', 'yaml', 'weasyprint', 'docx'}}; "
        "print(sorted(heavy & {{m.split('.')[0] for m in sys.modules}}))"
    )
    for arg in ("--help", "--version"):
        result = subprocess.run(
            [sys.executable, "-c", probe.format(arg=arg)], capture_output=True, text=True, check=True
        )
        assert result.stdout.splitlines()[-1] == "[]", arg


@pytest.mark.slow  # a subprocess that imports the package
def test_build_imports_no_writer_until_it_writes() -> None:
    probe = (
        "import sys; from dpa_gen import cli, build, check; "
        "print(sorted({'weasyprint', 'docx'} & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "dpa_gen", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"dpa-gen {__version__}\n")
    assert runner.invoke(app, ["--version"]).stdout == f"dpa-gen {__version__}\n"


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["build"]).exit_code == 2
    assert runner.invoke(app, ["build", CUSTOMER, "--lang", "fr"]).exit_code == 2
    assert runner.invoke(app, ["build", CUSTOMER, "--format", "odt"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2


def test_build_prints_the_paths_it_writes(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", CUSTOMER, "--clauses", LIBRARY, "-o", str(tmp_path), "-f", "docx", "-l", "en"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'customer.en.docx'}\n"
    again = runner.invoke(app, ["build", CUSTOMER, "--clauses", LIBRARY, "-o", str(tmp_path), "-f", "docx", "-l", "en"])
    assert again.exit_code == 0 and again.stdout == ""
    assert "unchanged since the last build, kept customer.en.docx (--force rebuilds)" in again.stderr


def test_language_comes_from_the_file_else_both(tmp_path: Path) -> None:
    dutch = tmp_path / "dutch.yaml"
    dutch.write_text(Path(CUSTOMER).read_text().replace("contract:\n", "contract:\n  language: nl\n", 1))
    result = runner.invoke(
        app, ["build", CUSTOMER, str(dutch), "--clauses", LIBRARY, "-o", str(tmp_path), "-f", "docx", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.split()) == [str(tmp_path / "customer.nl-en.docx"), str(tmp_path / "dutch.nl.docx")]


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(CUSTOMER).read_text().replace("2026-03-01", "2026-13-01"))
    result = runner.invoke(
        app,
        [
            "build",
            str(bad),
            CUSTOMER,
            str(tmp_path / "nope.yaml"),
            "--clauses",
            LIBRARY,
            "-o",
            str(tmp_path / "out"),
            "-f",
            "docx",
            "--jobs",
            "2",
        ],
    )
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'out' / 'customer.nl-en.docx'}\n"
    assert f"{tmp_path / 'nope.yaml'}: error: no such file or folder" in result.stderr
    assert f"{bad}:2:19: error: contract.effective_date: " in result.stderr
    assert "2 customer files: 1 built, 0 unchanged, 1 failed in" in result.stderr


@pytest.mark.slow  # a batch long enough to recycle its worker
def test_a_long_batch_replaces_its_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers hand over after DOCUMENTS_PER_WORKER documents, even with ``--jobs 1``.

    So C memory that WeasyPrint keeps per document cannot pile up.
    """
    import os

    from dpa_gen import batch

    pids = tmp_path / "pids"
    real_build_one = batch.build_one

    def noting_the_worker(customer: Path, request: batch.BuildRequest) -> batch.Outcome:
        with pids.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return real_build_one(customer, request)

    monkeypatch.setattr(batch, "DOCUMENTS_PER_WORKER", 2)
    monkeypatch.setattr(batch, "build_one", noting_the_worker)
    for name in "abcde":
        (tmp_path / f"{name}.yaml").write_text(Path(CUSTOMER).read_text())
    result = runner.invoke(
        app,
        ["build", str(tmp_path / "*.yaml"), "--clauses", LIBRARY, "-o", str(tmp_path / "out"), "-f", "docx", "-j", "1"],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == [f"{n}.nl-en.docx" for n in "abcde"]
    workers = pids.read_text().split()
    assert len(workers) == 5 and str(os.getpid()) not in workers
    assert [workers.count(pid) for pid in dict.fromkeys(workers)] == [2, 2, 1]


def test_folders_and_globs_expand(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(Path(CUSTOMER).read_text())
    result = runner.invoke(
        app, ["build", str(tmp_path / "*.yaml"), "--clauses", LIBRARY, "-o", str(tmp_path / "o1"), "-f", "docx", "-q"]
    )
    assert result.exit_code == 0 and len(result.stdout.split()) == 2
    result = runner.invoke(
        app, ["build", str(tmp_path), "--clauses", LIBRARY, "-o", str(tmp_path / "o2"), "-f", "docx", "-q"]
    )
    assert result.exit_code == 0 and len(result.stdout.split()) == 2


def test_an_internal_error_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dpa_gen.batch

    def broken(*args: object, **kwargs: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(dpa_gen.batch, "run_builds", broken)
    result = runner.invoke(app, ["build", CUSTOMER])
    assert result.exit_code == 3
    assert result.stderr == (
        "dpa-gen: internal error: ZeroDivisionError: division by zero\n"
        "This is a bug in dpa-gen; please report it. Run again with --debug for the traceback.\n"
    )
    debug = runner.invoke(app, ["build", CUSTOMER, "--debug"])
    assert isinstance(debug.exception, ZeroDivisionError)


def test_ctrl_c_is_reported_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import dpa_gen.batch

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(dpa_gen.batch, "run_builds", interrupted)
    result = runner.invoke(app, ["build", CUSTOMER])
    assert (result.exit_code, result.stderr) == (130, "dpa-gen: interrupted; no output was changed\n")


def test_a_broken_library_is_reported_once_before_any_work(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    result = runner.invoke(app, ["build", CUSTOMER, "--clauses", str(library), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no section files (NN-topic.yaml) found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_schema_prints_the_customer_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert {"contract", "processor", "processing"} <= set(schema["required"])
    assert "list" in json.dumps(schema["$defs"]["Subprocessors"])
