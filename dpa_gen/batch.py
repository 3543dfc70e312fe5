"""Build many customer files: expand paths, run builds in worker processes, report a summary.

Workers are forked after the library is loaded (and WeasyPrint imported, when PDFs are
asked for), so each document costs only its own layout. One bad file does not stop the
others; the exit status says whether any failed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from dpa_gen.errors import Diagnostic, DpaGenError, SourcePos, UserError, display_path
from dpa_gen.models.base import LanguageMode
from dpa_gen.sources import expand_paths
from dpa_gen.workers import Pool, Stop


@dataclass(frozen=True)
class BuildRequest:
    """Options shared by every build of a run."""

    out_dir: Path
    formats: tuple[str, ...] = ("docx", "pdf")
    mode: LanguageMode | None = None
    clauses: Path | None = None
    force: bool = False
    strict: bool = False
    style: Path | None = None
    deviations: bool = False
    pdf_a: bool = False


@dataclass
class Outcome:
    """What happened to one customer file (picklable, so workers can send it back)."""

    customer: Path
    written: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """Whether the file did not build (its problems say why)."""
        return bool(self.problems)


def build_one(customer: Path, request: BuildRequest) -> Outcome:
    """Build one file, catching its errors into the outcome (used in and out of workers)."""
    from dpa_gen.build import build

    start = time.perf_counter()
    outcome = Outcome(customer)
    try:
        result = build(
            customer,
            out_dir=request.out_dir,
            formats=request.formats,
            mode=request.mode,
            clauses=request.clauses,
            force=request.force,
            strict=request.strict,
            style=request.style,
            deviations=request.deviations,
            pdf_a=request.pdf_a,
        )
        outcome.written, outcome.reused = result.written, result.reused
        outcome.warnings = list(result.warnings)
        outcome.notes = list(result.notes)
    except UserError as exc:
        outcome.problems = list(exc.diagnostics)
    except DpaGenError as exc:
        outcome.problems = [Diagnostic(SourcePos(display_path(customer)), "", str(exc))]
    except Exception as exc:  # a crash in one document must not stop the batch
        outcome.problems = [
            Diagnostic(
                SourcePos(display_path(customer)), "", f"internal error: {type(exc).__name__}: {exc} (please report)"
            )
        ]
    outcome.seconds = time.perf_counter() - start
    return outcome


# Why: WeasyPrint/Pango keep about 0.25 MiB per document in C memory that Python never sees
# (measured: RSS +0.25 MiB/doc while traced Python memory stays flat). A worker is replaced
# after this many documents, so a batch of thousands stays at the memory of a short one;
# the fork happens after the heavy imports, so a new worker costs milliseconds.
DOCUMENTS_PER_WORKER = 100


def run_builds(paths: Iterable[Path], request: BuildRequest, *, jobs: int, quiet: bool, redact: bool) -> int:
    """Build every file; print paths, problems and (for batches) a summary. Returns the exit status.

    An interrupt (Ctrl-C, SIGTERM, SIGHUP) stops the workers; the message then says how many
    contracts were written (their paths are printed) and that the others were not changed.
    """
    from dpa_gen.library import load_library
    from dpa_gen.output import output_folder_problem
    from dpa_gen.paths import clauses_dir

    files, problems = expand_paths(paths)
    files, clashes = _without_clashes(files, request)
    problems += clashes
    for problem in problems:
        _err(problem.render(redact=redact))
    load_library(request.clauses or clauses_dir())  # a broken library fails once, before any work
    folder_problem = output_folder_problem(request.out_dir)
    if folder_problem is not None:
        raise DpaGenError(folder_problem)
    start = time.perf_counter()
    progress = _Progress(len(files), enabled=len(files) > 1 and not quiet and _interactive())
    outcomes: list[Outcome] = []

    def report(outcome: Outcome) -> None:
        outcomes.append(outcome)
        progress.clear()
        _report(outcome, quiet=quiet, redact=redact)
        progress.step(display_path(outcome.customer.name))

    try:
        _build_all(files, request, jobs, report)
    except KeyboardInterrupt:
        progress.clear()
        written = sum(1 for o in outcomes if o.written)
        _err(
            f"dpa-gen: interrupted: {_plural(written, 'contract')} {'was' if written == 1 else 'were'} written"
            f"{' (listed above)' if written else ''}; the others were not changed"
        )
        return EXIT_INTERRUPTED
    progress.clear()
    failed = [o for o in outcomes if o.failed]
    if len(files) > 1 and not quiet:
        _summary(outcomes, failed, time.perf_counter() - start)
    return 1 if failed or problems or not files else 0


EXIT_INTERRUPTED = 130


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _without_clashes(files: list[Path], request: BuildRequest) -> tuple[list[Path], list[Diagnostic]]:
    """Leave out files that would be written to the same output names, with a message each.

    Why by name: ``a/acme.yaml`` and ``b/acme.yaml`` both become ``out/acme.<language>.*``; the
    second would silently replace the first. The language may come from inside the file, so
    two files of one name clash whatever their languages (a conservative rule, never a loss).
    """
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        by_stem.setdefault(path.stem, []).append(path)
    problems = []
    for stem, group in by_stem.items():
        if len(group) > 1:
            part = request.mode.file_part if request.mode is not None else "<language>"
            target = display_path(request.out_dir / f"{stem}.{part}.*")
            names = " and ".join(display_path(p) for p in group)
            problems.append(
                Diagnostic(
                    SourcePos(display_path(group[1])),
                    "",
                    f"{names} would both be written as {target}; neither was built:"
                    " rename one, or build them into separate folders (-o)",
                )
            )
    clashing = {p for group in by_stem.values() if len(group) > 1 for p in group}
    return [p for p in files if p not in clashing], problems


def _build_all(files: list[Path], request: BuildRequest, jobs: int, report: Callable[[Outcome], None]) -> None:
    workers = min(jobs, len(files))
    long_batch = len(files) > DOCUMENTS_PER_WORKER
    if (workers <= 1 and not long_batch) or sys.platform == "win32":
        with Stop(interrupt_work=True) as stop:
            for customer in files:
                stop.task_starts()
                report(build_one(customer, request))
                stop.task_done()
                stop.check()
        return
    if "pdf" in request.formats:
        from dpa_gen.writers.pdf import import_weasyprint

        import_weasyprint()  # once, before forking: workers share it copy-on-write
    pool: Pool[Path, Outcome] = Pool(
        size=max(workers, 1),
        work=partial(_build_in_worker, request=request),
        died=_worker_died,
        per_worker=DOCUMENTS_PER_WORKER,
    )
    try:
        for _, outcome in pool.run(files):
            report(outcome)
    except KeyboardInterrupt:
        for _, outcome in pool.interrupt():
            report(outcome)
        raise
    pool.close()


def _build_in_worker(customer: Path, request: BuildRequest) -> Outcome:
    return build_one(customer, request)  # looked up when called, so tests can replace build_one


def _worker_died(customer: Path, reason: str) -> Outcome:
    message = f"the worker building {display_path(customer)} died ({reason}); nothing was written for it"
    return Outcome(customer, problems=[Diagnostic(SourcePos(display_path(customer)), "", message)])


def _report(outcome: Outcome, *, quiet: bool, redact: bool) -> None:
    for problem in outcome.problems:
        _err(problem.render(redact=redact))
    if not quiet:
        for warning in outcome.warnings:
            _err(warning.render(redact=redact))
        for note in outcome.notes:
            _err(note)
    for path in outcome.written:
        print(display_path(path), flush=True)
    if outcome.reused and not quiet:
        names = ", ".join(display_path(p.name) for p in outcome.reused)
        _err(f"{display_path(outcome.customer)}: unchanged since the last build, kept {names} (--force rebuilds)")


def _summary(outcomes: list[Outcome], failed: list[Outcome], seconds: float) -> None:
    built = sum(1 for o in outcomes if o.written)
    reused = sum(1 for o in outcomes if o.reused and not o.written)
    line = f"{len(outcomes)} customer files: {built} built, {reused} unchanged, {len(failed)} failed in {seconds:.1f} s"
    _err(line)
    for outcome in failed:
        first = outcome.problems[0].render().splitlines()[0]
        more = f" (+{len(outcome.problems) - 1} more)" if len(outcome.problems) > 1 else ""
        _err(f"  failed: {display_path(outcome.customer)}: {first}{more}")


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.start = time.perf_counter()

    def step(self, name: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 28
        filled = width * self.done // max(self.total, 1)
        elapsed = time.perf_counter() - self.start
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {elapsed:5.1f} s  {name[:30]:<30}")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
