"""The ``diff`` driver: two versions of one contract in, a redline DOCX and a summary out.

The versions are two customer files, or one customer file under two clause libraries
(``--old-clauses DIR`` or ``git:REV`` for the ``--clauses`` folder at a revision), or both.
Both contracts are composed by the engine and compared as documents (``redline.align``),
never as finished DOCX files; the redline is the new contract with tracked changes
(``redline.docx``). Nothing is written when the texts are the same.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from dpa_gen.engine import LoadedCustomer, compose, load_customer
from dpa_gen.errors import Diagnostic, SourcePos, UserError
from dpa_gen.library import Library, load_library
from dpa_gen.models.base import LanguageMode
from dpa_gen.paths import clauses_dir
from dpa_gen.redline.gitrev import PREFIX, RevisionError, library_at
from dpa_gen.redline.report import DiffReport, Version, json_report, text_report
from dpa_gen.redline.summary import Side, deviation_changes, place_changes, setting_changes

EXIT_OK, EXIT_USAGE = 0, 2
BUNDLED = "bundled"  # how the summary names the library that comes with dpa-gen
T = TypeVar("T")
REPORTS = ("text", "json")


@dataclass(frozen=True)
class DiffRequest:
    """The options of one ``dpa-gen diff``."""

    old: Path
    new: Path | None = None  # None: the same file, under the old and the new library
    old_clauses: str | None = None  # a folder, or git:REV
    clauses: Path | None = None
    mode: LanguageMode | None = None
    out_dir: Path = Path("out")
    style: Path | None = None
    author: str = "dpa-gen"
    date: dt.date | None = None  # default: the new contract's effective date
    report: str = "text"
    redact: bool = False


def run_diff(request: DiffRequest) -> int:
    """Diff, write the redline, print the summary on stdout; return the exit status (0 or 2).

    Bad input raises ``UserError`` (exit 1, positioned messages).
    """
    if request.report not in REPORTS:
        return _usage(f"unknown report format {request.report!r}; use text or json")
    if request.new is None and request.old_clauses is None:
        return _usage("give two customer files (OLD NEW), or one customer file and --old-clauses DIR or git:REV")
    for path in (request.old, request.new):
        if path is not None and not path.is_file():
            return _usage(f"{path}: no such customer file")
    with tempfile.TemporaryDirectory(prefix="dpa-gen-diff-") as temp:
        try:
            report = diff(request, Path(temp))
        except RevisionError as exc:
            return _usage(str(exc))
    sys.stdout.write(
        json_report(report, redact=request.redact)
        if request.report == "json"
        else text_report(report, redact=request.redact)
    )
    sys.stdout.flush()
    return EXIT_OK


def diff(request: DiffRequest, temp: Path) -> DiffReport:
    """Compose both versions, write the redline (unless the texts are the same) and say what changed."""
    from dpa_gen.output import write_files
    from dpa_gen.redline.align import redline_document
    from dpa_gen.redline.docx import Stamp, render_redline
    from dpa_gen.style import style_for

    new_folder = request.clauses or clauses_dir()
    new_library = load_library(new_folder)
    new_name = str(request.clauses) if request.clauses is not None else BUNDLED
    old_library, unpacked, old_name = new_library, None, new_name
    if request.old_clauses is not None:
        old_library, unpacked, old_name = _old_library(request.old_clauses, new_folder, temp)
    style = style_for(request.style, new_library)
    new_path = request.new or request.old
    old_loaded, new_loaded = _load_both(request, old_library, new_library, unpacked, old_name)
    mode = request.mode or new_loaded.mode
    old_contract = _located(lambda: compose(old_loaded.customer, old_library, mode), unpacked, old_name)
    new_contract = compose(new_loaded.customer, new_library, mode)

    merged = redline_document(old_contract.document, new_contract.document)
    output: Path | None = None
    if merged is not None:
        stamp = Stamp(request.author, request.date or new_loaded.customer.contract.effective_date)
        output = request.out_dir / f"{new_path.stem}.{mode.file_part}.redline.docx"
        write_files({output: render_redline(merged, stamp, style)})
    old_side = Side(old_contract, old_loaded.customer, old_library)
    new_side = Side(new_contract, new_loaded.customer, new_library)
    return DiffReport(
        old=Version(str(request.old), old_library, old_name),
        new=Version(str(new_path), new_library, new_name),
        mode=mode,
        places=place_changes(old_side, new_side, mode.langs) if merged is not None else (),
        settings=setting_changes(old_loaded.customer, new_loaded.customer),
        deviations=deviation_changes(old_loaded.customer, new_loaded.customer),
        output=output,
    )


def _load_both(
    request: DiffRequest, old_library: Library, new_library: Library, unpacked: Path | None, old_name: str
) -> tuple[LoadedCustomer, LoadedCustomer]:
    """Both customer files, checked; the problems of both are reported together."""
    problems: list[Diagnostic] = []
    new_loaded = old_loaded = None
    try:
        new_loaded = load_customer(request.new or request.old, new_library, request.mode)
    except UserError as exc:
        problems.extend(exc.diagnostics)
    mode = request.mode or (new_loaded.mode if new_loaded else None)
    try:
        old_loaded = _located(lambda: load_customer(request.old, old_library, mode), unpacked, old_name)
    except UserError as exc:
        problems.extend(exc.diagnostics)
    if problems or old_loaded is None or new_loaded is None:
        raise UserError(list(dict.fromkeys(problems)))  # one file under two libraries: said once
    for warning in dict.fromkeys((*new_loaded.warnings, *old_loaded.warnings)):
        print(warning.render(redact=request.redact), file=sys.stderr)
    return old_loaded, new_loaded


def _old_library(option: str, new_folder: Path, temp: Path) -> tuple[Library, Path | None, str]:
    """The old library, the folder it was unpacked into (for a git revision) and its name."""
    if option.startswith(PREFIX):
        folder, name = library_at(new_folder, option[len(PREFIX) :], temp / "old-clauses")
        return _located(lambda: load_library(folder), folder, name), folder, name
    folder = Path(option)
    if not folder.is_dir():
        raise RevisionError(f"--old-clauses {option}: the clause library folder does not exist")
    return load_library(folder), None, option


def _located(work: Callable[[], T], unpacked: Path | None, name: str) -> T:
    """Run ``work``; a position in a library unpacked from git reads ``REV:path/file.yaml``."""
    try:
        return work()
    except UserError as exc:
        if unpacked is None:
            raise
        prefixes = tuple(dict.fromkeys((str(unpacked), str(unpacked.resolve()))))
        raise UserError([_rename(d, prefixes, name) for d in exc.diagnostics]) from None


def _rename(diagnostic: Diagnostic, prefixes: tuple[str, ...], name: str) -> Diagnostic:
    pos = diagnostic.pos
    for prefix in prefixes:
        if pos is not None and pos.file.startswith(prefix):
            return replace(diagnostic, pos=SourcePos(name + pos.file[len(prefix) :], pos.line, pos.column))
    return diagnostic


def _usage(message: str) -> int:
    print(f"dpa-gen diff: error: {message}", file=sys.stderr)
    return EXIT_USAGE


__all__ = ["DiffRequest", "diff", "run_diff"]
