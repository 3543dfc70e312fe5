"""The engine every command runs on: load a customer, compose its contract, explain failures.

``build`` (files, manifest, reuse, batches) and ``check`` (lint, coverage, reports) are
drivers on top of this module and never import each other. Everything here works in memory:
it reads YAML through ``sources`` and returns frozen data or raises ``UserError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dpa_gen import measures
from dpa_gen.assemble import Inputs, assemble
from dpa_gen.document import Body, Document
from dpa_gen.errors import Diagnostic, UserError
from dpa_gen.facts import customer_facts
from dpa_gen.guardrails import check_customer
from dpa_gen.library import Library
from dpa_gen.models.base import Lang, LanguageMode
from dpa_gen.models.customer import Customer
from dpa_gen.models.labels import Labels
from dpa_gen.own_clauses import Deviation, OwnTextError, is_own, own_sections, render_own
from dpa_gen.paths import templates_dir
from dpa_gen.render import ClauseError, ClauseRenderer
from dpa_gen.resolve import ChosenClause, ConditionError, Resolution, resolve
from dpa_gen.roles import names_the_kind, role_words
from dpa_gen.sources import Loc, Sourced, dotted, read_yaml
from dpa_gen.validate import validate_model


@dataclass(frozen=True)
class LoadedCustomer:
    """A customer file that passed the schema and the guardrails."""

    path: Path
    sourced: Sourced
    customer: Customer
    mode: LanguageMode
    warnings: tuple[Diagnostic, ...]

    @property
    def digest(self) -> str:
        """The SHA-256 of the file's bytes."""
        return self.sourced.sha256


@dataclass(frozen=True)
class Contract:
    """A resolved and rendered contract, ready for the writers."""

    document: Document
    resolution: Resolution
    deviations: tuple[Deviation, ...] = ()
    measures_left_out: tuple[str, ...] = ()  # of the profile, because the file contradicts them


def load_customer(path: Path, library: Library, mode: LanguageMode | None = None) -> LoadedCustomer:
    """Read, validate and guardrail-check a customer file; raise ``UserError`` on any error.

    ``mode`` overrides the file's ``contract.language`` (the ``--lang`` option).
    """
    sourced = read_yaml(path)
    customer = validate_model(Customer, sourced, what="customer file")
    mode = mode or customer.contract.language
    findings = check_customer(customer, sourced, library, mode)
    errors = [d for d in findings if d.severity == "error"]
    if errors:
        raise UserError(errors)
    warnings = tuple(d for d in findings if d.severity == "warning")
    return LoadedCustomer(path, sourced, customer, mode, warnings)


@cache
def load_labels(lang: Lang) -> Labels:
    """The words the layout adds in ``lang`` (``templates/<lang>/labels.yaml``)."""
    return validate_model(Labels, read_yaml(templates_dir() / lang / "labels.yaml"))


@cache
def renderer_for(library: Library, lang: Lang) -> ClauseRenderer:
    """One renderer per library and language per process, so templates compile once."""
    return ClauseRenderer(lang, library.vocabulary)


def compose(customer: Customer, library: Library, mode: LanguageMode) -> Contract:
    """Resolve and render ``customer`` into a document in ``mode``."""
    langs = mode.langs
    facts = {lang: customer_facts(customer, library, lang, mode) for lang in langs}
    sections, deviations = own_sections(library, customer)
    try:
        resolution = resolve(sections, renderer_for(library, langs[0]), facts[langs[0]])
    except ConditionError as exc:
        raise UserError([condition_diagnostic(library, exc)]) from None
    bodies: dict[Lang, dict[str, tuple[Body, ...]]] = {}
    problems: list[Diagnostic] = []
    kind = library.meta.kind(customer.contract.kind)
    roles = {lang: role_words(kind, lang) for lang in langs}
    for lang in langs:
        renderer = renderer_for(library, lang)
        rendered: dict[str, tuple[Body, ...]] = {}
        for chosen in resolution.sections:
            for item in chosen.clauses:
                source = item.variant.text.in_(lang)
                if is_own(item.variant):
                    try:
                        rendered[item.clause.id] = render_own(source, facts[lang], resolution.refs, lang)
                    except OwnTextError as exc:
                        problems.append(own_diagnostic(deviations, item, lang, exc))
                    continue
                if not names_the_kind(*item.conditions):
                    source = roles[lang].apply(source)
                try:
                    rendered[item.clause.id] = renderer.render(source, facts[lang], resolution.refs)
                except ClauseError as exc:
                    problems.append(clause_diagnostic(library, item, lang, exc))
        bodies[lang] = rendered
    if problems:
        raise UserError(problems)
    labels = {lang: load_labels(lang) for lang in langs}
    renderer = renderer_for(library, langs[0])
    profile = facts[langs[0]]["security"].profile
    selection = measures.select(customer, library, profile, renderer.holds, facts[langs[0]])
    contradicted = measures.contradicted(customer, selection)
    if contradicted:
        raise UserError([Diagnostic(None, key, message, code="C124") for key, message in contradicted])
    inputs = Inputs(mode, library, customer, resolution, bodies, labels, facts, selection, roles)
    left_out = tuple(m.id for m in selection.left_out)
    return Contract(assemble(inputs), resolution, deviations, left_out)


def clause_diagnostic(library: Library, item: ChosenClause, lang: Lang, exc: ClauseError) -> Diagnostic:
    """A clause text that failed for one customer, at its line in the library (E301)."""
    place = library.place(item.section, item.clause, item.variant_index)
    loc = place.at("text", lang)
    pos = place.source.text_line(loc, exc.line) if exc.line else place.source.where(loc)
    variant = f" (variant {item.variant.id})" if item.variant_index is not None else ""
    return Diagnostic(pos, item.clause.id, f"{lang} text{variant}: {exc.message}", code="E301")


def condition_diagnostic(library: Library, exc: ConditionError) -> Diagnostic:
    """A ``when`` that failed for one customer, at its place in the library (E302)."""
    place = library.place(exc.section, exc.clause, exc.variant)
    key = exc.section.id if exc.clause is None else exc.clause.id
    tail: Loc = ("when",)
    return Diagnostic(place.where(*tail), key, exc.error.message, code="E302")


def own_diagnostic(deviations: tuple[Deviation, ...], item: ChosenClause, lang: Lang, exc: Exception) -> Diagnostic:
    """An own text that cannot be filled in for this contract, named by its place in the customer file."""
    deviation = next((d for d in deviations if d.clause == item.clause.id), None)
    key = dotted((*deviation.loc, "text", lang)) if deviation else item.clause.id
    return Diagnostic(None, key, str(exc), code="C132")


def condition_text(exc: ConditionError) -> str:
    """The ``when`` text that failed."""
    if exc.clause is None:
        return exc.section.when or ""
    if exc.variant is None:
        return exc.clause.when or ""
    return (exc.clause.variants or ())[exc.variant].when or ""


__all__ = [
    "Contract",
    "LoadedCustomer",
    "clause_diagnostic",
    "compose",
    "condition_diagnostic",
    "condition_text",
    "load_customer",
    "load_labels",
    "renderer_for",
]
