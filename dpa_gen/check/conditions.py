"""Findings about the library's ``when`` conditions: they compile, read existing fields, and evaluate.

Every condition of a section, clause, variant or security measure is tried with the sample
customers in every mode (``sample.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateSyntaxError

from dpa_gen.check.sample import sample_facts, sample_runs
from dpa_gen.check.variables import condition_uses, unknown_field
from dpa_gen.errors import Diagnostic, SourcePos
from dpa_gen.library import Library
from dpa_gen.render import ClauseError, ClauseRenderer

if TYPE_CHECKING:  # library_lint imports this module
    from dpa_gen.check.library_lint import LibraryLint


def lint_conditions(library: Library, renderer: ClauseRenderer, lint: LibraryLint) -> Iterator[Diagnostic]:
    """E204 for a `when` that does not compile or evaluate; E205 for its unknown variables."""
    facts = sample_facts(library, "nl")
    runs = sample_runs(library, "nl") + sample_runs(library, "en")
    for pos, key, condition in _every_condition(library):
        yield from _condition_problems(pos, key, condition, renderer, lint, facts, runs)


def _every_condition(library: Library) -> list[tuple[SourcePos, str, str]]:
    """Each ``when`` of a section, clause, variant or security measure: where it is, whose it is, and it."""
    found: list[tuple[SourcePos, str, str]] = []
    for section in library.sections:
        if section.when:
            found.append((library.place(section).where("when"), section.id, section.when))
        for clause in section.clauses:
            if clause.when:
                found.append((library.place(section, clause).where("when"), clause.id, clause.when))
            for index, variant in enumerate(clause.variants or ()):
                if variant.when:
                    found.append((library.place(section, clause, index).where("when"), clause.id, variant.when))
    measures = library.sources["measures.yaml"]
    for g, group in enumerate(library.measures.groups):
        for i, measure in enumerate(group.measures):
            if measure.when:
                found.append((measures.where(("groups", g, "measures", i, "when")), measure.id, measure.when))
    return found


def _condition_problems(
    pos: SourcePos,
    key: str,
    condition: str,
    renderer: ClauseRenderer,
    lint: LibraryLint,
    facts: Mapping[str, Any],
    runs: Sequence[tuple[str, Mapping[str, Any]]],
) -> Iterator[Diagnostic]:
    """One condition: it compiles, its variables exist, and it evaluates for every sample run.

    A broken condition is recorded in ``lint.broken``, so the customer check does not report it again.
    """
    try:
        uses = condition_uses(renderer.env, condition)
    except TemplateSyntaxError as exc:
        lint.broken.add(("when", condition))
        yield Diagnostic(
            pos,
            key,
            f"condition {condition!r} does not compile: {exc.message}",
            code="E204",
        )
        return
    lint.condition_paths.update(use.dotted for use in uses.variables)
    unknown = [(use, unknown_field(use.path, facts)) for use in uses.variables]
    for use, reason in unknown:
        if reason:
            yield Diagnostic(pos, key, f"condition {condition!r}: {use.written}: {reason}", code="E205")
    if any(reason for _, reason in unknown):
        lint.broken.add(("when", condition))
        return
    for name, run_facts in runs:
        try:
            renderer.holds(condition, run_facts)
        except ClauseError as exc:
            lint.broken.add(("when", condition))
            yield Diagnostic(pos, key, f"{exc.message} (for {name})", code="E204")
            break
