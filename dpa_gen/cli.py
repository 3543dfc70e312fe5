"""Command line interface; the real work happens in the drivers.

The drivers are ``batch``/``build``, ``check``, ``verify``, ``notify`` and ``diff``.

Nothing heavy is imported at module level: ``--help`` and ``--version`` must stay fast, and
``check`` must never load WeasyPrint or python-docx.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dpa_gen import __version__
from dpa_gen.cli_run import run_guarded
from dpa_gen.models.base import LanguageMode

app = typer.Typer(
    name="dpa-gen",
    help="Build and check bilingual (Dutch/English) GDPR art. 28 processor agreements from YAML.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    """Output formats of ``build``."""

    pdf = "pdf"
    docx = "docx"
    html = "html"


class ReportFormat(StrEnum):
    """Report formats of ``check``."""

    text = "text"
    json = "json"
    junit = "junit"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dpa-gen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Build and check bilingual (Dutch/English) GDPR art. 28 processor agreements from YAML."""


@app.command()
def build(
    customers: Annotated[
        list[Path],
        typer.Argument(
            help="Customer YAML files, folders of them, or glob patterns.", show_default=False, metavar="CUSTOMER"
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    formats: Annotated[
        list[Format] | None,
        typer.Option("--format", "-f", help="pdf or docx (repeatable; default: both).", show_default=False),
    ] = None,
    lang: Annotated[
        LanguageMode | None,
        typer.Option(
            "--lang",
            "-l",
            help="nl, en or nl+en (default: the file's contract.language, else nl+en).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Parallel workers (default: the CPUs this process may use).", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when the inputs are unchanged.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the paths written.")] = False,
    deviations: Annotated[
        bool, typer.Option("--deviations", help="Print where each contract leaves the clause library.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    clauses: Annotated[
        Path | None, typer.Option(help="Use this clause library folder instead of the bundled one.", show_default=False)
    ] = None,
    style: Annotated[
        Path | None,
        typer.Option(
            "--style",
            help="House style folder (reference.docx, contract.css, logo, fonts/); default: the library's.",
            show_default=False,
        ),
    ] = None,
    pdf_a: Annotated[
        bool,
        typer.Option("--pdf-a", help="Archival PDF/A-3b with the customer file and manifest embedded."),
    ] = False,
    redact: Annotated[bool, typer.Option("--redact", help="Keep customer values out of messages (CI logs).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
) -> None:
    """Build the processor agreement for each CUSTOMER file as DOCX and PDF.

    Prints the paths written. Unchanged inputs reuse the previous outputs (--force rebuilds).
    """

    def run() -> int:
        from dpa_gen.batch import BuildRequest, run_builds
        from dpa_gen.library import load_library
        from dpa_gen.paths import clauses_dir
        from dpa_gen.style import style_for

        style_for(style, load_library(clauses or clauses_dir()))  # a bad style fails once, before any work
        request = BuildRequest(
            out_dir=out,
            formats=tuple(f.value for f in formats) if formats else ("docx", "pdf"),
            mode=lang,
            clauses=clauses,
            force=force,
            strict=strict,
            style=style,
            deviations=deviations,
            pdf_a=pdf_a,
        )
        from dpa_gen.workers import usable_cpus

        return run_builds(customers, request, jobs=jobs or usable_cpus(), quiet=quiet, redact=redact)

    run_guarded(run, debug=debug, redact=redact)


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Customer YAML files or folders to check along with the library.", show_default=False, metavar="PATH"
        ),
    ] = None,
    clauses: Annotated[
        Path | None,
        typer.Option(help="Check this clause library folder instead of the bundled one.", show_default=False),
    ] = None,
    report: Annotated[ReportFormat, typer.Option("--format", help="text, json or junit.")] = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    coverage: Annotated[bool, typer.Option("--coverage", help="Print which clauses cover each GDPR duty.")] = False,
    redact: Annotated[bool, typer.Option("--redact", help="Keep customer values out of messages (CI logs).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
) -> None:
    """Check the clause library and customer files for completeness and consistency (writes nothing).

    Exit status: 0 clean, 1 findings, 2 usage error.
    """

    def run() -> int:
        from dpa_gen.check import run_check

        return run_check(
            paths or [], clauses=clauses, report=report.value, strict=strict, coverage=coverage, redact=redact
        )

    run_guarded(run, debug=debug, redact=redact)


class DiffFormat(StrEnum):
    """Summary formats of ``diff``."""

    text = "text"
    json = "json"


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The old customer file.", show_default=False, metavar="OLD")],
    new: Annotated[
        Path | None,
        typer.Argument(
            help="The new customer file (default: OLD again, with --old-clauses).", show_default=False, metavar="NEW"
        ),
    ] = None,
    old_clauses: Annotated[
        str | None,
        typer.Option(
            "--old-clauses",
            help="The old clause library: a folder, or git:REV for the --clauses folder at a git revision.",
            show_default=False,
        ),
    ] = None,
    clauses: Annotated[
        Path | None,
        typer.Option(help="The (new) clause library folder instead of the bundled one.", show_default=False),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    lang: Annotated[
        LanguageMode | None,
        typer.Option("--lang", "-l", help="nl, en or nl+en (default: NEW's contract.language).", show_default=False),
    ] = None,
    style: Annotated[
        Path | None, typer.Option("--style", help="House style folder (default: the library's).", show_default=False)
    ] = None,
    report: Annotated[DiffFormat, typer.Option("--format", help="Summary as text or json.")] = DiffFormat.text,
    author: Annotated[str, typer.Option("--author", help="Author of the tracked changes.")] = "dpa-gen",
    date: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="Date of the tracked changes, YYYY-MM-DD (default: NEW's effective date).",
            show_default=False,
        ),
    ] = None,
    redact: Annotated[bool, typer.Option("--redact", help="Keep customer values out of the summary.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
) -> None:
    """Redline one contract between two versions: a DOCX of NEW with tracked changes, and a summary.

    Versions are two customer files, or one file under two clause libraries (--old-clauses).
    Exit status: 0 done (also when nothing changed; then no file is written), 1 bad input, 2 usage error.
    """

    def run() -> int:
        from dpa_gen.diff import DiffRequest, run_diff

        request = DiffRequest(
            old=old,
            new=new,
            old_clauses=old_clauses,
            clauses=clauses,
            mode=lang,
            out_dir=out,
            style=style,
            author=author,
            date=date.date() if date is not None else None,
            report=report.value,
            redact=redact,
        )
        return run_diff(request)

    run_guarded(run, debug=debug, redact=redact)


class VerifyFormat(StrEnum):
    """Report formats of ``verify``."""

    text = "text"
    json = "json"


@app.command()
def verify(
    file: Annotated[
        Path,
        typer.Argument(help="A PDF or DOCX built by dpa-gen.", exists=True, dir_okay=False, show_default=False),
    ],
    customer: Annotated[
        Path | None,
        typer.Argument(
            help="The customer file it was built from (not needed for a PDF built with --pdf-a).",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    clauses: Annotated[
        Path | None, typer.Option(help="The clause library it was built with (default: the bundled one).")
    ] = None,
    style: Annotated[
        Path | None, typer.Option("--style", help="The house style folder it was built with.", show_default=False)
    ] = None,
    report: Annotated[VerifyFormat, typer.Option("--format", help="text or json.")] = VerifyFormat.text,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
) -> None:
    """Print FILE's provenance and check that FILE is exactly what its inputs build.

    Exit status: 0 identical, 1 different (the clauses that differ are named), 2 unknown
    (no provenance, or another library, style, dpa-gen or customer file than recorded).
    """

    def run() -> int:
        from dpa_gen.verify import verify as check_file

        verdict = check_file(file, customer, clauses=clauses, style=style)
        typer.echo(verdict.to_json() if report is VerifyFormat.json else verdict.to_text())
        return verdict.exit_code

    run_guarded(run, debug=debug, redact=False)


@app.command()
def notify(
    customers: Annotated[
        list[Path],
        typer.Argument(
            help="Customer YAML files, folders of them, or glob patterns.", show_default=False, metavar="CUSTOMER"
        ),
    ],
    change: Annotated[Path, typer.Option("--change", "-c", help="The change file (change.yaml).", show_default=False)],
    sent: Annotated[
        datetime,
        typer.Option(
            "--sent", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="The date of the letters.", show_default=False
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("notices"),
    formats: Annotated[
        list[Format] | None,
        typer.Option("--format", "-f", help="pdf or docx (repeatable; default: both).", show_default=False),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the paths written.")] = False,
    clauses: Annotated[
        Path | None, typer.Option(help="Use this clause library folder instead of the bundled one.", show_default=False)
    ] = None,
    style: Annotated[
        Path | None,
        typer.Option("--style", help="House style folder; default: the library's.", show_default=False),
    ] = None,
    redact: Annotated[bool, typer.Option("--redact", help="Keep customer values out of messages (CI logs).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
) -> None:
    """Write the letters about an intended sub-processor change.

    Under art. 28(2) GDPR: a notice (general authorisation) or a request for authorisation
    (specific), in each customer's contract language(s), with its own objection deadline and the
    updated Annex III; plus notices.csv and notices.json for a mail merge. Writes everything or,
    if any customer fails, nothing.
    """

    def run() -> int:
        from dpa_gen.notify.driver import run_notify

        chosen = tuple(f.value for f in formats) if formats else ("docx", "pdf")
        return run_notify(
            customers,
            change,
            sent=sent.date(),
            out_dir=out,
            formats=chosen,
            clauses=clauses,
            style=style,
            quiet=quiet,
            redact=redact,
        )

    run_guarded(run, debug=debug, redact=redact)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the customer file (for editor completion and validation)."""
    import json

    from dpa_gen.models.customer import Customer

    typer.echo(json.dumps(Customer.model_json_schema(by_alias=True), indent=2, ensure_ascii=False))


style_app = typer.Typer(
    help="Work with house styles (the look of the DOCX and PDF a legal team owns).", no_args_is_help=True
)
app.add_typer(style_app, name="style")


@style_app.command("init")
def style_init(
    folder: Annotated[Path, typer.Argument(help="Folder to write the bundled style into.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that already exist.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")] = False,
) -> None:
    """Write the bundled style into FOLDER as a starting point: reference.docx, contract.css, README.

    Use it with `dpa-gen build --style FOLDER`, or name it in library.yaml as `style: FOLDER`.
    """

    def run() -> int:
        from dpa_gen.style import init_style

        for path in init_style(folder, force=force):
            typer.echo(path)
        return 0

    run_guarded(run, debug=debug, redact=False)


def entry() -> None:
    """Console entry point."""
    app(prog_name="dpa-gen")


if __name__ == "__main__":  # pragma: no cover
    entry()
