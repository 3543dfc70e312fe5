"""Files and paths a hostile or careless user may give (reliability items 2, 11-14, 16)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dpa_gen import tempfiles
from dpa_gen.cli import app
from tests.conftest import FIXTURES

LIBRARY = str(FIXTURES / "library")
CUSTOMER = FIXTURES / "customer.yaml"
runner = CliRunner()


def build(*args: str) -> object:
    return runner.invoke(app, ["build", *args, "--clauses", LIBRARY, "-f", "docx"])


def dpa_gen(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real executable, with a timeout: a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "dpa_gen", *args], capture_output=True, text=True, timeout=timeout, errors="replace"
    )


# --- item 2: two inputs, one output -----------------------------------------------------------


def test_two_files_of_one_name_are_refused_before_anything_is_built(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "acme.yaml").write_bytes(CUSTOMER.read_bytes())
    (tmp_path / "other.yaml").write_bytes(CUSTOMER.read_bytes())
    out = tmp_path / "out"
    a, b = tmp_path / "a" / "acme.yaml", tmp_path / "b" / "acme.yaml"
    result = build(str(a), str(b), str(tmp_path / "other.yaml"), "-o", str(out))
    assert result.exit_code == 1
    assert (
        f"{b}: error: {a} and {b} would both be written as {out}/acme.<language>.*; neither was built:"
        " rename one, or build them into separate folders (-o)\n"
    ) in result.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == ["other.nl-en.docx"]
    with_lang = build(str(a), str(b), "-o", str(out), "-l", "nl")
    assert f"would both be written as {out}/acme.nl.*" in with_lang.stderr


def test_one_file_reached_twice_is_built_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    real = tmp_path / "in" / "acme.yaml"
    real.write_bytes(CUSTOMER.read_bytes())
    os.symlink(real, tmp_path / "in" / "same.yaml")  # another name for the same file
    os.symlink(".", tmp_path / "in" / "loop")  # a folder loop that a ** glob would follow
    result = build(str(tmp_path / "in" / "**" / "*.yaml"), str(real), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(tmp_path / "out" / "acme.nl-en.docx")]


def test_a_symbolic_link_loop_is_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    result = build(str(loop), "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"{loop}: error: a symbolic link that points back to itself (a loop)\n",
    )


# --- item 11: special files --------------------------------------------------------------------


@pytest.mark.slow  # the real executable in subprocesses
@pytest.mark.parametrize("command", ["build", "check"])
def test_dev_zero_and_a_named_pipe_are_refused_at_once(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = dpa_gen(
        command, "/dev/zero", str(fifo), "--clauses", LIBRARY, *(["-o", str(tmp_path)] * (command == "build"))
    )
    assert time.monotonic() - start < 30
    assert result.returncode == 1 and "Traceback" not in result.stderr
    said = result.stderr + result.stdout
    error = "error C100" if command == "check" else "error"
    assert f"/dev/zero: {error}: this is a device, not a file; give a YAML file" in said
    assert f"{fifo}: {error}: this is a named pipe, not a file; give a YAML file" in said


def test_the_size_limit_holds_while_reading(tmp_path: Path) -> None:
    from dpa_gen.sources import TooLarge, read_regular_file

    big = tmp_path / "big"
    big.write_bytes(b"x" * 100)
    assert read_regular_file(big, 100) == b"x" * 100
    with pytest.raises(TooLarge):
        read_regular_file(big, 99)


@pytest.mark.slow  # the real executable in subprocesses
@pytest.mark.parametrize("which", ["manifest.json", "docx"])
def test_a_named_pipe_at_an_output_path_is_refused_not_waited_for(tmp_path: Path, which: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fifo = out / f"customer.nl-en.{which}"
    os.mkfifo(fifo)
    result = dpa_gen("build", str(CUSTOMER), "--clauses", LIBRARY, "-o", str(out), "-f", "docx", timeout=60)
    assert result.returncode == 1
    assert f"cannot write {fifo}: it exists and is a named pipe, not a file; remove it or choose another" in (
        result.stderr
    )
    assert sorted(p.name for p in out.iterdir()) == [fifo.name]


# --- item 12: file names that are not UTF-8 ----------------------------------------------------


@pytest.mark.slow  # the real executable in subprocesses
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are always UTF-8")
def test_a_file_name_that_is_not_utf8_builds_and_checks(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = folder + b"/caf\xe9.yaml"
    with open(name, "wb") as handle:
        handle.write(CUSTOMER.read_bytes())
    out = tmp_path / "out"
    built = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "build", name, "--clauses", LIBRARY, "-o", str(out), "-f", "docx"],
        capture_output=True,
    )
    assert built.returncode == 0, built.stderr
    assert built.stdout == os.fsencode(out) + b"/caf\\xe9.nl-en.docx\n"
    assert os.path.exists(os.fsencode(out) + b"/caf\xe9.nl-en.docx")
    checked = subprocess.run(
        [sys.executable, "-m", "dpa_gen", "check", name, "--clauses", LIBRARY, "--format", "junit"], capture_output=True
    )
    assert checked.returncode == 0, checked.stderr
    assert b"caf\\xe9.yaml" in checked.stdout


# --- item 13: temporary files of a killed build -----------------------------------------------


def test_the_temporary_files_of_a_killed_build_are_removed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = 2**22 + 4321
    leftovers = [out / f".dpa-gen-{dead}-k3j4h5g6.tmp", out / f".dpa-gen-{dead}-a1b2c3d4.old"]
    for path in leftovers:
        path.write_bytes(b"contract data of a killed build")
    mine = out / ".dpa-gen-notes.tmp"  # not our exact pattern: never touched
    mine.write_text("keep")
    real_time = time.time
    monkeypatch.setattr(tempfiles.time, "time", lambda: real_time() + 2 * tempfiles.STALE_AFTER)
    result = build(str(CUSTOMER), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [mine.name, "customer.nl-en.docx", "customer.nl-en.manifest.json"]
    )


# --- item 14: a folder without customer files --------------------------------------------------


def test_a_folder_without_yaml_files_is_a_message_for_build_and_check(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("x")
    built = build(str(empty), "-o", str(tmp_path / "out"))
    assert (built.exit_code, built.stderr) == (1, f"{empty}: error: the folder holds no *.yaml or *.yml file\n")
    checked = runner.invoke(app, ["check", str(empty), "--clauses", LIBRARY])
    assert checked.exit_code == 2
    assert checked.stderr == f"dpa-gen check: {empty}: error: the folder holds no *.yaml or *.yml file\n"


# --- item 16: misleading messages --------------------------------------------------------------


def test_a_dangling_output_link_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    os.symlink(tmp_path / "gone", out)
    result = build(str(CUSTOMER), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"dpa-gen: error: {out}: the output folder is a symbolic link to {tmp_path / 'gone'}, which does not exist;"
        " create that folder or choose another -o\n"
    )


def test_clauses_pointing_at_a_file_says_so(tmp_path: Path) -> None:
    library = FIXTURES / "library" / "library.yaml"
    message = "this is a file, not a folder; --clauses takes the clause library folder"
    built = runner.invoke(app, ["build", str(CUSTOMER), "--clauses", str(library), "-o", str(tmp_path)])
    assert built.exit_code == 1 and f"{library}: error: {message}" in built.stderr
    checked = runner.invoke(app, ["check", "--clauses", str(library)])
    assert checked.exit_code == 2 and checked.stderr == f"dpa-gen check: error: {library}: {message}\n"


# --- item 8: --redact hides every customer value and key ---------------------------------------

BASE = (
    (Path(__file__).parent / "cases" / "invalid" / "unknown-top-level-key" / "input.yaml")
    .read_text()
    .replace("controler:", "controller:")
)
SECRET = "Geheimbedrijf"


@pytest.mark.parametrize("report", ["text", "json", "junit"])
def test_redact_hides_invented_keys_and_yaml_names(tmp_path: Path, report: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        BASE.replace("processing:", f"{SECRET}Key: 1\nprocessing:")
        + f"law: {{court: Amsterdam, court: Rotterdam}}\nsigning: &{SECRET}Anchor {{place: Utrecht}}\n"
    )
    checked = runner.invoke(app, ["check", str(path), "--clauses", LIBRARY, "--redact", "--format", report])
    assert checked.exit_code == 1
    assert SECRET not in checked.stdout + checked.stderr
    built = runner.invoke(app, ["build", str(path), "--clauses", LIBRARY, "--redact", "-o", str(tmp_path / "o")])
    assert built.exit_code == 1 and SECRET not in built.stderr
    assert "anchors (&…) are not allowed" in built.stderr
    shown = runner.invoke(app, ["build", str(path), "--clauses", LIBRARY, "-o", str(tmp_path / "o")])
    assert f"anchors (&{SECRET}Anchor) are not allowed" in shown.stderr


def test_redact_hides_unknown_keys_in_the_key_column(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(BASE.replace("processing:", f"{SECRET}: 1\nprocessing:"))
    result = runner.invoke(app, ["build", str(path), "--clauses", LIBRARY, "--redact", "-o", str(tmp_path / "o")])
    assert result.stderr == f"{path}:16:1: error: …: unknown key …\n"


def test_redact_hides_breach_hours_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(BASE.replace("date: 2026-02-15", "date: 2026-07-19") + "breach:\n  notice_hours: 713\n")
    result = runner.invoke(app, ["build", str(path), "--clauses", LIBRARY, "--redact", "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "713" not in result.stderr and "2026-07-19" not in result.stderr


# --- item 10: reports that CI logs and XML parsers can take ------------------------------------

HOSTILE_KEY = "x\n::error file=main.py::pwned\x0b\x1b[31m\u202e"


@pytest.mark.parametrize("redact", [False, True])
def test_no_report_line_can_start_a_ci_command(tmp_path: Path, redact: bool) -> None:
    import json

    folder = tmp_path / "in\x1bdir"
    folder.mkdir()
    path = folder / "c\x0b.yaml"
    path.write_text(BASE.replace("processing:", f'"{HOSTILE_KEY.encode("unicode_escape").decode()}": 1\nprocessing:'))
    flags = ["--redact"] if redact else []
    text = runner.invoke(app, ["check", str(path), "--clauses", LIBRARY, *flags])
    built = runner.invoke(app, ["build", str(path), "--clauses", LIBRARY, "-o", str(tmp_path / "o"), *flags])
    for output in (text.stdout, text.stderr, built.stdout, built.stderr):
        assert not any(line.startswith("::") for line in output.splitlines())
        assert not set(output) & {"\x0b", "\x1b", "\u202e"}
    assert "unknown key" in text.stdout and "unknown key" in built.stderr
    junit = runner.invoke(app, ["check", str(path), "--clauses", LIBRARY, "--format", "junit", *flags])
    import xml.dom.minidom

    xml.dom.minidom.parseString(junit.stdout)  # raises on a character XML 1.0 cannot hold
    found = json.loads(runner.invoke(app, ["check", str(path), "--clauses", LIBRARY, "--format", "json"]).stdout)
    mine = [f for f in found["findings"] if "unknown key" in f["message"]]
    values = "".join(str(value) for finding in mine for value in finding.values())
    assert mine and not set(values) & {"\x0b", "\x1b", "\u202e", "\n"}
