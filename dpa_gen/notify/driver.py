"""The ``notify`` driver: for each customer file, the letter it needs (if any); then every file at once.

The work for one customer is one function, :func:`notify_one`, which returns the letter's
bytes instead of writing them; the batch around it is thin (:func:`_outcomes`). The run is
one legal act, so it writes all-or-nothing: when any customer fails, no letter and no
``notices.csv`` is written, and the reasons are listed; otherwise every letter, the CSV and
the JSON are written together by ``output.write_files``.

Customers run one after another in this process for now: ``batch.py``'s worker pool is
being reworked for build, and ``_outcomes`` is the one place to hand the work to it.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpa_gen.errors import Diagnostic, DpaGenError, SourcePos, UserError, shown
from dpa_gen.models.base import LanguageMode
from dpa_gen.models.change import name_key
from dpa_gen.models.letters import LetterKind
from dpa_gen.notify.change import ChangeFile, Effect, effect_on, read_change, with_list
from dpa_gen.notify.dates import NoticeDates, calendar_country, latest_sent, notice_dates
from dpa_gen.notify.mailmerge import CSV_NAME, JSON_NAME, csv_bytes, json_bytes
from dpa_gen.periods import Period
from dpa_gen.sources import expand_paths

if TYPE_CHECKING:
    from dpa_gen.engine import LoadedCustomer
    from dpa_gen.models.library import Policy
    from dpa_gen.notify.letter import ComposedLetter
    from dpa_gen.policy import TermValue


@dataclass(frozen=True)
class NotifyRequest:
    """Options shared by every customer of a run."""

    change: ChangeFile
    sent: dt.date
    out_dir: Path
    formats: tuple[str, ...] = ("docx", "pdf")
    clauses: Path | None = None
    style: Path | None = None


@dataclass
class NoticeOutcome:
    """What one customer file gets (picklable, so a worker could send it back)."""

    customer: Path
    kind: str | None = None  # "notice" or "request"; None: the change does not affect it
    files: dict[Path, bytes] = field(default_factory=dict)
    row: dict[str, Any] = field(default_factory=dict)
    removed_only: bool = False  # it lists a removed sub-processor, but that alone needs no letter
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def output_stem(customer: Path, kind: str, mode: LanguageMode) -> str:
    """``acme.yaml``, a notice in ``nl+en`` → ``acme.notice.nl-en``."""
    return f"{customer.stem}.{kind}.{mode.file_part}"


@dataclass(frozen=True)
class Letter:
    """What one customer file gets, laid out but not yet written."""

    loaded: LoadedCustomer
    effect: Effect | None  # None: the change's ``affects`` leaves the customer out
    kind: LetterKind | None = None  # None: no letter (nothing is added or replaced for it)
    dates: NoticeDates | None = None
    composed: ComposedLetter | None = None


def prepare_letter(customer_path: Path, request: NotifyRequest) -> Letter:
    """Load one customer, work out what the change does to it and lay out its letter; ``UserError`` on bad input."""
    from dpa_gen.engine import compose, load_customer
    from dpa_gen.letters import load_letters
    from dpa_gen.library import load_library
    from dpa_gen.notify.letter import LetterInputs, compose_letter, contract_numbers
    from dpa_gen.paths import clauses_dir
    from dpa_gen.policy import resolve_terms

    library = load_library(request.clauses or clauses_dir())
    loaded = load_customer(customer_path, library)
    customer, change = loaded.customer, request.change.change
    effect = effect_on(change, customer, customer_path)
    if effect is None or not effect.announced:
        return Letter(loaded, effect)
    terms = resolve_terms(customer, library.policy)
    kind: LetterKind = "request" if terms["subprocessors.authorisation"].value == "specific" else "notice"
    dates = _dates(loaded, kind, request, terms, library.policy)
    # The numbers of the signed contract: the same in every language, so one is composed.
    refs = compose(customer, library, LanguageMode(loaded.mode.langs[0])).resolution.refs
    missing = contract_numbers(refs)
    if missing:
        message = f"the contract has no {', '.join(missing)}, which the letter refers to"
        raise UserError([Diagnostic(SourcePos(str(customer_path)), "", message)])
    updated = compose(with_list(customer, effect.engaged), library, loaded.mode)
    inputs = LetterInputs(
        letters=load_letters(library),
        library=library,
        customer=customer,
        mode=loaded.mode,
        kind=kind,
        dates=dates,
        effect=effect,
        refs=refs,
        updated=updated.document,
        reference=change.reference,
    )
    return Letter(loaded, effect, kind, dates, compose_letter(inputs))


def notify_one(customer_path: Path, request: NotifyRequest) -> NoticeOutcome:
    """The letter for one customer file, in memory; its problems are caught into the outcome."""
    start = time.perf_counter()
    outcome = NoticeOutcome(customer_path)
    try:
        _render(outcome, prepare_letter(customer_path, request), request)
    except UserError as exc:
        outcome.problems = list(exc.diagnostics)
    except DpaGenError as exc:
        outcome.problems = [Diagnostic(SourcePos(str(customer_path)), "", str(exc))]
    except Exception as exc:  # a crash for one customer must not hide the others' results
        message = f"internal error: {type(exc).__name__}: {exc} (please report)"
        outcome.problems = [Diagnostic(SourcePos(str(customer_path)), "", message)]
    if outcome.problems:
        outcome.kind, outcome.files, outcome.row = None, {}, {}
    outcome.seconds = time.perf_counter() - start
    return outcome


def _render(outcome: NoticeOutcome, letter: Letter, request: NotifyRequest) -> None:
    from dpa_gen.library import load_library
    from dpa_gen.paths import clauses_dir
    from dpa_gen.style import style_for
    from dpa_gen.writers import writer

    outcome.warnings = list(letter.loaded.warnings)
    if letter.composed is None or letter.kind is None or letter.dates is None or letter.effect is None:
        outcome.removed_only = letter.effect is not None and bool(letter.effect.removed)
        return
    style = style_for(request.style, load_library(request.clauses or clauses_dir()))
    document, mode = letter.composed.document, letter.loaded.mode
    stem = output_stem(outcome.customer, letter.kind, mode)
    outcome.files = {request.out_dir / f"{stem}.{fmt}": writer(fmt).render(document, style) for fmt in request.formats}
    outcome.kind = letter.kind
    names = {path.suffix[1:]: path.name for path in outcome.files}
    outcome.row = _row(outcome.customer, letter, names)


def _row(path: Path, letter: Letter, names: Mapping[str, str]) -> dict[str, Any]:
    """The letter's line in notices.csv, and in notices.json with what changed."""
    assert letter.composed is not None and letter.dates is not None and letter.effect is not None
    client = letter.loaded.customer.parties()[0][1]
    effect, dates, mode = letter.effect, letter.dates, letter.loaded.mode
    current = letter.loaded.customer.subprocessors.engaged
    return {
        "customer_file": str(path),
        "customer": client.name,
        "contact_name": client.contact.name,
        "contact_email": client.contact.email,
        "language": mode.value,
        "kind": letter.kind,
        "sent": dates.sent.isoformat(),
        "effective": dates.effective.isoformat(),
        "deadline": dates.deadline.isoformat() if dates.deadline else "",
        "subject": letter.composed.subject[mode.langs[0]],
        "docx": names.get("docx", ""),
        "pdf": names.get("pdf", ""),
        "changes": {
            "added": [effect.engaged[i].name for i in effect.added],
            "replaced": [{"old": current[i].name, "new": effect.engaged[j].name} for i, j in effect.replaced],
            "removed": [current[i].name for i in effect.removed],
        },
    }


def _dates(
    loaded: LoadedCustomer, kind: LetterKind, request: NotifyRequest, terms: Mapping[str, TermValue], policy: Policy
) -> NoticeDates:
    """The customer's dates; ``UserError`` at its notice period when the change comes too soon."""
    notice, objection = terms["subprocessors.notice_days"].value, terms["subprocessors.objection_days"].value
    loc = ("subprocessors", "notice_days")
    sourced = loaded.sourced
    if not isinstance(notice, Period) or notice.unit == "hours":
        message = "the contract states no notice period in days, weeks or months, so no deadline can be computed"
        raise UserError([Diagnostic(sourced.where(loc), ".".join(loc), message)])
    calendar = calendar_country(policy, terms["law.governing_law"].value)
    own = objection if isinstance(objection, Period) and objection.unit != "hours" else None
    dates = notice_dates(kind, request.sent, request.change.change.effective, notice, own, calendar)
    if dates.in_time:
        return dates
    client = loaded.customer.parties()[0][1]
    needs = f"a notice period of {notice.words('en')}"
    if dates.deadline is not None and dates.deadline > dates.notice_end:
        needs += f" and the time to object until {dates.deadline.isoformat()}"
    latest = latest_sent(dates)
    send = f"send by {latest.isoformat()} or " if latest is not None else ""
    message = (
        f"the change takes effect on {dates.effective.isoformat()}, but the contract of {shown(client.name)}"
        f" requires {needs}: {send}postpone the change to {dates.earliest.isoformat()} or later"
    )
    raise UserError([Diagnostic(sourced.where(loc), ".".join(loc), message)])


def run_notify(
    paths: Iterable[Path],
    change_path: Path,
    *,
    sent: dt.date,
    out_dir: Path,
    formats: tuple[str, ...] = ("docx", "pdf"),
    clauses: Path | None = None,
    style: Path | None = None,
    quiet: bool = False,
    redact: bool = False,
) -> int:
    """Write the letters for every affected customer, or nothing; print paths and a summary. Returns the exit status."""
    from dpa_gen.letters import load_letters
    from dpa_gen.library import load_library
    from dpa_gen.output import write_files
    from dpa_gen.paths import clauses_dir
    from dpa_gen.style import style_for

    library = load_library(clauses or clauses_dir())  # a broken library, style or change fails once
    load_letters(library)
    style_for(style, library)
    change = read_change(change_path, library)
    if sent >= change.change.effective:
        message = (
            f"the letters are sent on {sent.isoformat()}, not before the change takes effect;"
            " change `effective` or --sent"
        )
        raise UserError([Diagnostic(change.source.where(("effective",)), "effective", message)])
    files, problems = expand_paths(paths)
    problems += _same_names(files)
    if problems:
        raise UserError(problems)
    request = NotifyRequest(change, sent, out_dir, tuple(dict.fromkeys(formats)), clauses, style)
    start = time.perf_counter()
    outcomes = _collect(files, request, quiet=quiet, redact=redact)
    failed = [o for o in outcomes if o.problems]
    written: list[Path] = []
    if not failed and files:
        letters = [o for o in outcomes if o.kind]
        contents = {path: data for o in letters for path, data in o.files.items()}
        rows = [o.row for o in letters]
        csv_rows = [{k: v for k, v in row.items() if k != "changes"} for row in rows]
        unaffected = [str(o.customer) for o in outcomes if not o.kind]
        about = {
            "file": str(change_path),
            "sha256": change.source.sha256,
            "reference": change.change.reference,
            "effective": change.change.effective.isoformat(),
        }
        letters_file = load_letters(library).source
        source = {
            "library": {"id": library.meta.id, "version": library.meta.version, "sha256": library.digest},
            "letters_sha256": letters_file.sha256,
        }
        contents[out_dir / CSV_NAME] = csv_bytes(csv_rows)
        contents[out_dir / JSON_NAME] = json_bytes(about, sent.isoformat(), rows, unaffected, source)
        written = write_files(contents)
        for path in written:
            print(path, flush=True)
    if not quiet:
        _summary(outcomes, failed, time.perf_counter() - start)
    elif failed:
        _err("nothing was written: fix the problems above and run again")
    return 1 if failed or not files else 0


def _collect(files: list[Path], request: NotifyRequest, *, quiet: bool, redact: bool) -> list[NoticeOutcome]:
    from dpa_gen.batch import _interactive, _Progress  # the build's progress bar, for the same look

    progress = _Progress(len(files), enabled=len(files) > 1 and not quiet and _interactive())
    outcomes = []
    for outcome in _outcomes(files, request):
        outcomes.append(outcome)
        progress.clear()
        for problem in outcome.problems:
            _err(problem.render(redact=redact))
        if not quiet:
            for warning in outcome.warnings:
                _err(warning.render(redact=redact))
        progress.step(outcome.customer.name)
    progress.clear()
    return outcomes


def _outcomes(files: list[Path], request: NotifyRequest) -> Iterator[NoticeOutcome]:
    """Each customer's outcome, in order: the one place where workers would take over."""
    for customer in files:
        yield notify_one(customer, request)


def _same_names(files: list[Path]) -> list[Diagnostic]:
    """Two customer files with one name would write the same letters: refuse before any work."""
    seen: dict[str, Path] = {}
    out = []
    for path in files:
        key = name_key(path.stem)
        if key in seen:
            message = f"has the same name as {seen[key]}, so their letters would overwrite each other; rename one"
            out.append(Diagnostic(SourcePos(str(path)), "", message))
        else:
            seen[key] = path
    return out


def _summary(outcomes: list[NoticeOutcome], failed: list[NoticeOutcome], seconds: float) -> None:
    notices = sum(1 for o in outcomes if o.kind == "notice")
    requests = sum(1 for o in outcomes if o.kind == "request")
    unaffected = sum(1 for o in outcomes if not o.kind and not o.problems)
    _err(
        f"{_plural(len(outcomes), 'customer file')}: {_plural(notices, 'notice')}, {_plural(requests, 'request')},"
        f" {unaffected} not affected, {len(failed)} failed in {seconds:.1f} s"
    )
    for outcome in failed:
        first = outcome.problems[0].render().splitlines()[0]
        more = f" (+{len(outcome.problems) - 1} more)" if len(outcome.problems) > 1 else ""
        _err(f"  failed: {outcome.customer}: {first}{more}")
    if failed:
        _err("nothing was written: fix the problems above and run again")
    removed_only = [o for o in outcomes if o.removed_only]
    if removed_only:
        names = ", ".join(str(o.customer) for o in removed_only)
        _err(f"no letter for a removal alone (it needs no notice); update subprocessors.list in: {names}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
