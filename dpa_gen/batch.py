"""Build many customer files: expand paths, run builds in worker processes, report a summary.

Workers are forked after the library is loaded (and WeasyPrint imported, when PDFs are
asked for), so each document costs only its own layout. One bad file does not stop the
others; the exit status says whether any failed.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dpa_gen.errors import Diagnostic, DpaGenError, SourcePos, UserError
from dpa_gen.models.base import LanguageMode
from dpa_gen.sources import expand_paths


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
    pdf_a: bool = False


@dataclass
class Outcome:
    """What happened to one customer file (picklable, so workers can send it back)."""

    customer: Path
    written: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
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
            pdf_a=request.pdf_a,
        )
        outcome.written, outcome.reused = result.written, result.reused
        outcome.warnings = list(result.warnings)
    except UserError as exc:
        outcome.problems = list(exc.diagnostics)
    except DpaGenError as exc:
        outcome.problems = [Diagnostic(SourcePos(str(customer)), "", str(exc))]
    except Exception as exc:  # a crash in one document must not stop the batch
        outcome.problems = [
            Diagnostic(SourcePos(str(customer)), "", f"internal error: {type(exc).__name__}: {exc} (please report)")
        ]
    outcome.seconds = time.perf_counter() - start
    return outcome


_REQUEST: BuildRequest | None = None

# Why: WeasyPrint/Pango keep about 0.25 MiB per document in C memory that Python never sees
# (measured: RSS +0.25 MiB/doc while traced Python memory stays flat). A worker is replaced
# after this many documents, so a batch of thousands stays at the memory of a short one;
# the fork happens after the heavy imports, so a new worker costs milliseconds.
DOCUMENTS_PER_WORKER = 100


def _worker_build(customer: Path) -> Outcome:
    assert _REQUEST is not None
    return build_one(customer, _REQUEST)


def _set_request(request: BuildRequest) -> None:
    global _REQUEST
    _REQUEST = request


def run_builds(paths: Iterable[Path], request: BuildRequest, *, jobs: int, quiet: bool, redact: bool) -> int:
    """Build every file; print paths, problems and (for batches) a summary. Returns the exit status."""
    from dpa_gen.library import load_library
    from dpa_gen.paths import clauses_dir

    files, problems = expand_paths(paths)
    for problem in problems:
        _err(problem.render(redact=redact))
    load_library(request.clauses or clauses_dir())  # a broken library fails once, before any work
    start = time.perf_counter()
    progress = _Progress(len(files), enabled=len(files) > 1 and not quiet and _interactive())
    outcomes: list[Outcome] = []
    for outcome in _outcomes(files, request, jobs):
        outcomes.append(outcome)
        progress.clear()
        _report(outcome, quiet=quiet, redact=redact)
        progress.step(outcome.customer.name)
    progress.clear()
    failed = [o for o in outcomes if o.failed]
    if len(files) > 1 and not quiet:
        _summary(outcomes, failed, time.perf_counter() - start)
    return 1 if failed or problems or not files else 0


def _outcomes(files: list[Path], request: BuildRequest, jobs: int) -> Iterator[Outcome]:
    workers = min(jobs, len(files))
    long_batch = len(files) > DOCUMENTS_PER_WORKER
    if (workers <= 1 and not long_batch) or sys.platform == "win32":
        for customer in files:
            yield build_one(customer, request)
        return
    if "pdf" in request.formats:
        from dpa_gen.writers.pdf import import_weasyprint

        import_weasyprint()  # once, before forking: workers share it copy-on-write
    context = multiprocessing.get_context("fork")
    with context.Pool(
        workers, initializer=_set_request, initargs=(request,), maxtasksperchild=DOCUMENTS_PER_WORKER
    ) as pool:
        yield from pool.imap(_worker_build, files)


def _report(outcome: Outcome, *, quiet: bool, redact: bool) -> None:
    for problem in outcome.problems:
        _err(problem.render(redact=redact))
    if not quiet:
        for warning in outcome.warnings:
            _err(warning.render(redact=redact))
    for path in outcome.written:
        print(path, flush=True)
    if outcome.reused and not quiet:
        names = ", ".join(p.name for p in outcome.reused)
        _err(f"{outcome.customer}: unchanged since the last build, kept {names} (--force rebuilds)")


def _summary(outcomes: list[Outcome], failed: list[Outcome], seconds: float) -> None:
    built = sum(1 for o in outcomes if o.written)
    reused = sum(1 for o in outcomes if o.reused and not o.written)
    line = f"{len(outcomes)} customer files: {built} built, {reused} unchanged, {len(failed)} failed in {seconds:.1f} s"
    _err(line)
    for outcome in failed:
        first = outcome.problems[0].render().splitlines()[0]
        more = f" (+{len(outcome.problems) - 1} more)" if len(outcome.problems) > 1 else ""
        _err(f"  failed: {outcome.customer}: {first}{more}")


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
