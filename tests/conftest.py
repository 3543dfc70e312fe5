"""Shared fixtures: the small test library, customer files written inline, and tool checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from dpa_gen.library import Library, load_library

FIXTURES = Path(__file__).parent / "fixtures"


SLOW_REASON = "slow: run with --slow, or CI=1 / DPA_GEN_SLOW=1"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--slow`` runs the tests marked slow too (CI sets ``CI=1`` for the same); ``--update-golden``."""
    parser.addoption("--slow", action="store_true", help="also run the tests marked slow (as CI does)")
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from this checkout's builds (test_golden.py)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Keep the compiled-template cache of the test run (and its subprocesses) out of ~/.cache."""
    os.environ.setdefault("DPA_GEN_CACHE_DIR", tempfile.mkdtemp(prefix="dpa-gen-test-cache-"))


def run_slow(config: pytest.Config) -> bool:
    """Whether this run includes the slow tests: ``--slow``, or ``CI`` or ``DPA_GEN_SLOW`` set non-empty."""
    return bool(config.getoption("--slow") or os.environ.get("CI") or os.environ.get("DPA_GEN_SLOW"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a slow test before its fixtures run (a module's fixture may build every example).

    Skipping here rather than with a marker folds all of them into one line of the ``-ra`` summary.
    """
    if item.get_closest_marker("slow") is not None and not run_slow(item.config):
        pytest.skip(SLOW_REASON)


REPO = Path(__file__).parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def fixture_library() -> Library:
    """The small library in tests/fixtures/library (fast, and stable while clauses/ evolves)."""
    return load_library(FIXTURES / "library")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented text file into tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


def tool(name: str) -> str:
    """Skip the test when a system tool is absent (.ci/run installs them, so CI runs these)."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: see .ci/run)")
    return path


def pdf_text(path: Path, *, layout: bool = False, body_only: bool = False) -> str:
    """What a PDF really says, read back with poppler's pdftotext.

    ``body_only`` crops the A4 page to its text area, leaving out the running header and the
    page label (pdftotext would otherwise glue a page label onto a word hyphenated across pages).
    """
    args = [tool("pdftotext"), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if body_only:
        args += ["-r", "72", "-x", "0", "-y", "64", "-W", "595", "-H", "716"]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice (own profile, timeout); it exits 0 even on failure, so check the file."""
    soffice = tool("soffice")
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = out_dir / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice could not open {docx.name}"
    return pdf
