"""``dpa-gen check``: the completeness and consistency gate for a clause library and customer files.

It loads the library once, lints it, works out which clauses cover each GDPR duty, then
checks each customer file against it, and reports. It writes no file, and never imports
WeasyPrint or python-docx (nor ``dpa_gen.writers``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from dpa_gen.check.coverage import Coverage, library_coverage
from dpa_gen.check.customers import CustomerChecker, check_files
from dpa_gen.check.letters_lint import letters_files, lint_letters
from dpa_gen.check.library_lint import LibraryLint, lint_library, schema_findings
from dpa_gen.check.report import CheckResult, json_report, junit_report, text_report
from dpa_gen.errors import UserError, display_path
from dpa_gen.library import Library, library_folder_problem, load_library
from dpa_gen.paths import clauses_dir
from dpa_gen.sources import expand_paths

__all__ = ["CheckResult", "check", "run_check"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
REPORTS = ("text", "json", "junit")


def run_check(
    paths: Sequence[Path],
    *,
    clauses: Path | None = None,
    report: str = "text",
    strict: bool = False,
    coverage: bool = False,
    redact: bool = False,
) -> int:
    """Check, print the report on stdout, return the exit status (0 clean, 1 findings, 2 usage)."""
    if report not in REPORTS:
        return _usage(f"unknown report format {report!r}; use text, json or junit")
    folder = clauses if clauses is not None else clauses_dir()
    if not folder.is_dir():
        return _usage(f"{display_path(folder)}: {library_folder_problem(folder)}")
    files, problems = expand_paths(paths)
    if problems:
        for problem in problems:
            print(f"dpa-gen check: {problem.render()}", file=sys.stderr)
        return EXIT_USAGE
    result = check(files, folder, tables=coverage)
    if report == "json":
        output = json_report(result, strict=strict, coverage=coverage, redact=redact)
    elif report == "junit":
        output = junit_report(result, strict=strict, redact=redact)
    else:
        output = text_report(result, strict=strict, coverage=coverage, redact=redact)
    sys.stdout.write(output)
    sys.stdout.flush()
    errors, _ = result.summary(strict=strict)
    return EXIT_FINDINGS if errors else EXIT_CLEAN


def check(customer_files: Sequence[Path], folder: Path, *, tables: bool = False) -> CheckResult:
    """Check the library in ``folder`` and each customer file; collect every finding.

    ``tables`` also keeps each customer's coverage table (for ``--coverage``).

    Files inside the library folder are left out of the customer files: they are checked
    as part of the library (so a pre-commit hook may pass every changed YAML file).
    """
    root = folder.resolve()
    customers = [path for path in customer_files if not path.resolve().is_relative_to(root)]
    library: Library | None
    static: Coverage | None = None
    lint: LibraryLint | None = None
    try:
        library = load_library(folder)
    except UserError as exc:
        library, findings = None, schema_findings(exc)
    else:
        lint = lint_library(library)
        static, problems = library_coverage(library, _display(folder) + "/")
        findings = [*lint.findings, *problems, *lint_letters(library)]
    checker = CustomerChecker(library, lint, static, tables=tables)
    reports = check_files(checker, customers)
    files = (
        tuple(source.path for source in library.sources.values()) + letters_files(library)
        if library is not None
        else tuple(_display(p) for p in sorted(folder.glob("*.yaml")))
    )
    return CheckResult(_display(folder) + "/", files, tuple(findings), static, tuple(reports))


def _display(path: Path) -> str:
    """A path the way the user knows it: relative to the working folder where possible."""
    try:
        return display_path(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return display_path(path)


def _usage(message: str) -> int:
    print(f"dpa-gen check: error: {message}", file=sys.stderr)
    return EXIT_USAGE
