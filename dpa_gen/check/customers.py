"""Findings about customer files: schema, guardrails, and whether their contracts render and cover every duty.

Every language mode a build can produce (``nl``, ``en``, ``nl+en``) is resolved, because
``dpa-gen build --lang`` may ask for any of them and a condition may depend on the language.
Each clause text those contracts include is rendered with the customer's facts, as
``engine.compose`` does, except that

* a text is rendered again only when the values it uses (or the presence of the clauses it
  refers to) differ from a render that already succeeded in this run;
* the markup is not parsed (customer values arrive as literals, so it cannot depend on them;
  the library check parses every text), and the document is not laid out.

Why not call ``compose`` for each mode: that costs about 35 ms per file, 3.5 s for a hundred,
and a CI gate over a folder of customers should take about a second.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dpa_gen import measures
from dpa_gen.check.coverage import Coverage, customer_coverage
from dpa_gen.check.library_lint import LibraryLint
from dpa_gen.check.variables import Uses
from dpa_gen.engine import clause_diagnostic, condition_diagnostic, condition_text, renderer_for
from dpa_gen.errors import Diagnostic, SourcePos, UserError, display_path
from dpa_gen.facts import customer_facts
from dpa_gen.guardrails import check_customer
from dpa_gen.library import Library
from dpa_gen.models.base import Lang, LanguageMode
from dpa_gen.models.customer import Customer
from dpa_gen.own_clauses import OwnTextError, is_own, own_sections, render_own
from dpa_gen.render import ClauseError, ClauseRenderer
from dpa_gen.resolve import ChosenClause, ChosenSection, ConditionError, Resolution, resolve
from dpa_gen.sources import Sourced, dotted, read_yaml
from dpa_gen.validate import validate_model
from dpa_gen.workers import Pool, usable_cpus

Parts = tuple[str, ...]
_PATH_PART = re.compile(r"\[\]|[^.\[\]]+")


PARALLEL_FROM = 24  # files; below this, starting worker processes costs more than it saves


def check_files(checker: CustomerChecker, paths: Sequence[Path], *, jobs: int | None = None) -> list[CustomerReport]:
    """Check every file, in forked worker processes when there are many, keeping the files' order.

    Workers are forked after the library is loaded and linted, so they share its compiled
    templates; each takes one file at a time, and a worker that dies (the OOM killer) fails
    only the file it held (C190) while a new one takes over.
    """
    jobs = min(jobs or usable_cpus(), len(paths) // (PARALLEL_FROM // 2) or 1)
    if jobs <= 1 or sys.platform == "win32":
        return [checker.check_file(path) for path in paths]
    reports: list[CustomerReport | None] = [None] * len(paths)
    pool: Pool[Path, CustomerReport] = Pool(size=jobs, work=checker.check_file, died=_worker_died)
    try:
        for index, report in pool.run(paths):
            reports[index] = report
    except KeyboardInterrupt:
        list(pool.interrupt())
        raise
    pool.close()
    return [report for report in reports if report is not None]


def _worker_died(path: Path, reason: str) -> CustomerReport:
    name = display_path(path)
    message = f"the worker checking {name} died ({reason}); check this file again, alone"
    return CustomerReport(name, [Diagnostic(SourcePos(name), "", message, code="C190")])


@dataclass
class CustomerReport:
    """What checking one customer file found, and (when asked) its contract's coverage table."""

    path: str
    findings: list[Diagnostic] = field(default_factory=list)
    coverage: Coverage | None = None


@dataclass(frozen=True, slots=True)
class _Plan:
    """What decides whether a clause text renders: the paths it reads and its ``ref()`` targets."""

    paths: tuple[Parts, ...]
    targets: tuple[str, ...]
    per_mode: bool  # reads `document`, the one fact that differs between modes of one language

    @classmethod
    def of(cls, uses: Uses) -> _Plan:
        """The plan of a text from what the library check found it uses."""
        paths = tuple(_parts(path) for path in uses.paths())
        return cls(paths, tuple(uses.targets()), any(parts[0] == "document" for parts in paths))


@dataclass(frozen=True, slots=True)
class _Work:
    """One clause text of a resolved contract that renders differently per customer."""

    section: ChosenSection
    item: ChosenClause
    lang: Lang
    source: str
    plan: _Plan | None
    refs: tuple[bool, ...]  # whether each of the plan's ref targets is in this contract


class CustomerChecker:
    """Checks customer files against one library; what one file rendered spares the next."""

    def __init__(
        self,
        library: Library | None,
        lint: LibraryLint | None,
        static: Coverage | None,
        *,
        tables: bool = False,
    ) -> None:
        self.library = library
        self.lint = lint or LibraryLint()
        self.static = static
        self.tables = tables
        self.plans: dict[tuple[Lang, str], _Plan | None] = {}
        self.works: dict[Hashable, list[_Work]] = {}
        self.rendered: set[Hashable] = set()
        self.condition_paths = tuple(_parts(path) for path in sorted(self.lint.condition_paths))

    def check_file(self, path: Path) -> CustomerReport:
        """Check one file; with no (valid) library only its YAML and schema can be checked."""
        report = CustomerReport(display_path(path))
        try:
            sourced = read_yaml(path, display=display_path(path))
            customer = validate_model(Customer, sourced, what="customer file")
        except UserError as exc:
            report.findings = [d if d.code else replace(d, code="C100") for d in exc.diagnostics]
            return report
        library = self.library
        if library is None:
            return report
        mode = customer.contract.language
        report.findings = check_customer(customer, sourced, library, mode)
        if any(d.severity == "error" for d in report.findings):
            return report  # the build refuses such a file; its contract means nothing yet

        contracts = _Contracts(self, path, customer, sourced)
        for each in LanguageMode:
            resolution = contracts.check(each)
            if resolution is not None and each == mode and self.tables:
                report.coverage = customer_coverage(library, resolution, mode.langs, f"{path} ({mode})")
        report.findings.extend(contracts.problems)
        root = sourced.where(())
        for duty in library.duties.duties:
            modes = contracts.uncovered.get(duty.id)
            if modes:
                report.findings.append(
                    Diagnostic(
                        root,
                        "",
                        f"{duty.id} ({duty.title.en}) is not covered by the contract this file"
                        f" produces ({', '.join(modes)}){self._why(duty.id)}",
                        code="C110",
                    )
                )
        return report

    def work(self, resolution: Resolution, lang: Lang) -> list[_Work]:
        """The texts of a contract that differ per customer (cached per choice of clauses)."""
        sections = tuple(chosen.section.id for chosen in resolution.sections)
        key = (lang, sections, tuple(resolution.choices().items()))
        found = self.works.get(key)
        if found is None:
            found = self.works[key] = []
            for chosen in resolution.sections:
                for item in chosen.clauses:
                    source = item.variant.text.in_(lang)
                    if is_own(item.variant) or "{" not in source or (lang, source) in self.lint.broken:
                        continue  # the same for every customer, or already a library error
                    plan = self.plan(lang, source)
                    refs = tuple(t in resolution.refs for t in plan.targets) if plan is not None else ()
                    found.append(_Work(chosen, item, lang, source, plan, refs))
        return found

    def plan(self, lang: Lang, source: str) -> _Plan | None:
        """The plan of a text (None when the library check could not analyse it)."""
        key = (lang, source)
        if key not in self.plans:
            uses = self.lint.uses.get(key)
            self.plans[key] = None if uses is None else _Plan.of(uses)
        return self.plans[key]

    def _why(self, duty: str) -> str:
        """Which clauses would have covered ``duty``, and the conditions that left them out."""
        for row in self.static.rows if self.static is not None else ():
            if row.duty.id == duty:
                if not row.covers:
                    return "; no clause covers it (E211)"
                options = "; ".join(f"{c.name} ({' and '.join(c.conditions) or 'always'})" for c in row.covers)
                return f"; it is covered by {options}"
        return ""


class _Contracts:
    """The contracts of one customer file, one language mode at a time."""

    def __init__(self, checker: CustomerChecker, path: Path, customer: Customer, sourced: Sourced) -> None:
        assert checker.library is not None
        self.checker = checker
        self.library = checker.library
        self.path = path
        self.customer = customer
        self.sourced = sourced
        self.sections, self.deviations = own_sections(self.library, customer)
        self.problems: dict[Diagnostic, None] = {}
        self.uncovered: dict[str, list[str]] = {}
        self.resolutions: dict[Hashable, Resolution] = {}
        self.values: dict[tuple[Lang, str, str], Hashable] = {}

    def check(self, mode: LanguageMode) -> Resolution | None:
        """Resolve ``mode``, note the duties it leaves uncovered, render what it includes."""
        library = self.library
        langs = mode.langs
        facts = {lang: customer_facts(self.customer, library, lang, mode) for lang in langs}
        resolution = self._resolve(langs[0], facts[langs[0]], mode)
        if resolution is None:
            return None
        covered = resolution.coverage()
        for duty in library.duties.duties:
            if duty.id not in covered and self.customer.contract.kind in duty.kinds:
                self.uncovered.setdefault(duty.id, []).append(mode)
        if mode is LanguageMode.NL_EN:  # the measures do not depend on the language
            self._measures(facts[langs[0]], renderer_for(library, langs[0]), mode)
        for lang in langs:
            renderer = renderer_for(library, lang)
            for work in self.checker.work(resolution, lang):
                key = self._inputs(work, facts[lang], mode)
                if key in self.checker.rendered:
                    continue
                try:
                    renderer.render_text(work.source, facts[lang], resolution.refs)
                except ClauseError as exc:
                    self._problem(clause_diagnostic(self.library, work.item, lang, exc), mode)
                else:
                    self.checker.rendered.add(key)
            self._own_texts(resolution, facts[lang], lang, mode)
        return resolution

    def _measures(self, facts: Mapping[str, Any], renderer: ClauseRenderer, mode: LanguageMode) -> None:
        """C124: a measure the file lists itself that the file's own facts contradict."""
        try:
            selection = measures.select(self.customer, self.library, facts["security"].profile, renderer.holds, facts)
        except ClauseError:
            return  # a measure's condition that fails is a library error (E204)
        for key, message in measures.contradicted(self.customer, selection):
            index = int(key.split("[")[1].rstrip("]"))
            loc = ("security", "measures", index)
            self._problem(Diagnostic(self.sourced.where(loc), key, message, code="C124"), mode)

    def _own_texts(self, resolution: Resolution, facts: Mapping[str, Any], lang: Lang, mode: LanguageMode) -> None:
        """The file's own clause texts, filled in with its values (C132 at the text's place)."""
        for chosen in resolution.sections:
            for item in chosen.clauses:
                if not is_own(item.variant):
                    continue
                try:
                    render_own(item.variant.text.in_(lang), facts, resolution.refs, lang)
                except OwnTextError as exc:
                    deviation = next(d for d in self.deviations if d.clause == item.clause.id)
                    loc = (*deviation.loc, "text", lang)
                    self._problem(Diagnostic(self.sourced.where(loc), dotted(loc), str(exc), code="C132"), mode)

    def _resolve(self, lang: Lang, facts: Mapping[str, Any], mode: LanguageMode) -> Resolution | None:
        """Resolve, reusing an earlier mode's resolution when its conditions see the same values."""
        key = (lang, tuple(_value(facts, parts) for parts in self.checker.condition_paths))
        if key in self.resolutions:
            return self.resolutions[key]
        try:
            resolution = resolve(self.sections, renderer_for(self.library, lang), facts)
        except ConditionError as exc:
            if ("when", condition_text(exc)) not in self.checker.lint.broken:
                self._problem(condition_diagnostic(self.library, exc), mode)
            return None
        self.resolutions[key] = resolution
        return resolution

    def _inputs(self, work: _Work, facts: Mapping[str, Any], mode: LanguageMode) -> Hashable:
        """Everything that decides whether a text renders: the values it reads, and its refs."""
        plan = work.plan
        if plan is None:
            return (
                work.lang,
                work.source,
                mode,
                str(self.path),
            )  # not analysed: render it every time
        key = (work.lang, work.source, mode if plan.per_mode else "")
        values = self.values.get(key)
        if values is None:
            values = self.values[key] = tuple(_value(facts, parts) for parts in plan.paths)
        return (work.lang, work.source, values, work.refs)

    def _problem(self, diagnostic: Diagnostic, mode: LanguageMode) -> None:
        """Keep a problem once, naming the first mode it appeared in."""
        same = (diagnostic.pos, diagnostic.key, diagnostic.code, diagnostic.message)
        for known in self.problems:
            if (known.pos, known.key, known.code, known.message.split("): ", 1)[-1]) == same:
                return
        self.problems[replace(diagnostic, message=f"for {self.path} ({mode}): {diagnostic.message}")] = None


def _parts(dotted: str) -> Parts:
    """``subprocessors.list[].name`` → ``("subprocessors", "list", "[]", "name")``."""
    return tuple(_PATH_PART.findall(dotted))


def _value(facts: Mapping[str, Any], parts: Parts) -> Hashable:
    """The value at a path, hashable (a list path gives the tuple of its elements' values)."""
    value: Any = facts
    for index, part in enumerate(parts):
        if part == "[]":
            if isinstance(value, (tuple, list)):
                return tuple(_value(item, parts[index + 1 :]) for item in value)
            break
        if not isinstance(value, Mapping) or part not in value:
            break  # a method of a plain value (or no such field): the value itself decides
        value = value[part]
    return _frozen(value)


def _frozen(value: Any) -> Hashable:
    if isinstance(value, Mapping):
        return tuple((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, (tuple, list)):
        return tuple(_frozen(item) for item in value)
    return value  # type: ignore[no-any-return]
