"""Nothing lost: a failed build leaves the previous outputs untouched and no temporary files behind."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dpa_gen import output
from dpa_gen.build import build
from dpa_gen.errors import OutputError, UserError
from dpa_gen.models.base import LanguageMode
from tests.conftest import FIXTURES

LIBRARY = FIXTURES / "library"
CUSTOMER = FIXTURES / "customer.yaml"


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A customer file with a good previous build in out/, and a changed input that forces a rebuild."""
    customer = tmp_path / "customer.yaml"
    customer.write_text(CUSTOMER.read_text())
    out = tmp_path / "out"
    build(customer, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY)
    before = snapshot(out)
    customer.write_text(CUSTOMER.read_text().replace("Mailflow B.V.", "Mailflow Nederland B.V."))
    return customer, out, before


def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "out/customer.nl.pdf")


@pytest.mark.parametrize(
    "step", ["write", pytest.param("fsync", marks=pytest.mark.slow), pytest.param("replace", marks=pytest.mark.slow)]
)
def test_disk_full_at_any_step_keeps_the_old_files(
    built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    customer, out, before = built
    if step == "write":
        monkeypatch.setattr(
            output.os, "fdopen", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device"))
        )
    elif step == "fsync":
        monkeypatch.setattr(output.os, "fsync", enospc)
    else:
        real_replace = os.replace
        calls = []

        def replace_then_fail(src: str, dst: str) -> None:
            calls.append(dst)
            if len(calls) == 2:  # the DOCX moved in, the PDF fails: both must stay old
                enospc()
            real_replace(src, dst)

        monkeypatch.setattr(output.os, "replace", replace_then_fail)
    with pytest.raises(OutputError, match="No space left on device"):
        build(customer, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY)
    assert snapshot(out) == before  # temporary files gone, and the DOCX/PDF pair is the old one


def test_a_crash_in_a_writer_writes_nothing(
    built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    customer, out, before = built
    import dpa_gen.writers.pdf as pdf

    def crash(*args: object) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pdf, "render_pdf", crash)
    with pytest.raises(RuntimeError):
        build(customer, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY)
    assert snapshot(out) == before


@pytest.mark.slow  # builds DOCX and PDF twice
def test_ctrl_c_while_writing_removes_the_temporary_files(
    built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    customer, out, before = built

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(customer, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY)
    assert snapshot(out) == before


@pytest.mark.slow  # builds DOCX and PDF twice
def test_bad_input_leaves_the_previous_build_alone(built: tuple[Path, Path, dict[str, str]]) -> None:
    customer, out, before = built
    customer.write_text(CUSTOMER.read_text().replace("2026-03-01", "2026-02-30"))
    with pytest.raises(UserError):
        build(customer, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY)
    assert snapshot(out) == before


@pytest.mark.slow  # kills real builds in subprocesses
def test_killed_builds_leave_old_or_new_complete_files(tmp_path: Path) -> None:
    """SIGKILL at several moments of a real build: the final paths always hold a complete file."""
    customer = tmp_path / "customer.yaml"
    customer.write_text(CUSTOMER.read_text())
    out = tmp_path / "out"
    build(customer, out_dir=out, mode=LanguageMode.NL, clauses=LIBRARY, formats=("pdf",))
    valid = {hashlib.sha256((out / "customer.nl.pdf").read_bytes()).hexdigest()}
    customer.write_text(CUSTOMER.read_text().replace("Mailflow B.V.", "Mailflow Nederland B.V."))
    command = [
        sys.executable,
        "-m",
        "dpa_gen",
        "build",
        str(customer),
        "--clauses",
        str(LIBRARY),
        "-o",
        str(out),
        "-l",
        "nl",
        "-f",
        "pdf",
        "--force",
        "-q",
    ]
    subprocess.run(command, check=True, capture_output=True)
    valid.add(hashlib.sha256((out / "customer.nl.pdf").read_bytes()).hexdigest())
    for delay in (0.2, 0.5, 0.8, 1.0, 1.2, 1.5):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        digest = hashlib.sha256((out / "customer.nl.pdf").read_bytes()).hexdigest()
        assert digest in valid, f"partial PDF after a kill at {delay} s"
