"""Choose what goes into one contract: sections, clauses and variants, and their numbers.

Numbering happens here, before any text is rendered, so ``ref('subprocessing.objection')``
prints the same "7.3" in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dpa_gen.kinds import KINDS
from dpa_gen.models.library import Clause, Section, Variant
from dpa_gen.render import ClauseError, ClauseRenderer


@dataclass(frozen=True, slots=True)
class ChosenClause:
    """A clause in the contract, with the variant that applies and its number."""

    section: Section
    clause: Clause
    variant: Variant
    variant_index: int | None  # None: the clause has a single `text`
    number: str | None

    @property
    def conditions(self) -> tuple[str | None, ...]:
        """The ``when`` of its section, of the clause and of the variant."""
        return (self.section.when, self.clause.when, self.variant.when)


@dataclass(frozen=True, slots=True)
class ChosenSection:
    """A section in the contract with its number ("7", "II") and its clauses."""

    section: Section
    number: str | None
    clauses: tuple[ChosenClause, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The resolved contract: what is in it, numbered, plus the cross-reference table."""

    sections: tuple[ChosenSection, ...]
    refs: Mapping[str, str]

    def coverage(self) -> dict[str, tuple[str, ...]]:
        """Duty id → the clause ids (``clause#variant``) that cover it in this contract."""
        out: dict[str, list[str]] = {}
        for chosen in self.sections:
            for item in chosen.clauses:
                for duty in (*item.clause.covers, *item.variant.covers):
                    out.setdefault(duty, []).append(f"{item.clause.id}#{item.variant.id}")
        return {duty: tuple(ids) for duty, ids in out.items()}

    def choices(self) -> dict[str, str]:
        """Clause id → chosen variant id (for the manifest)."""
        return {item.clause.id: item.variant.id for s in self.sections for item in s.clauses}


class ConditionError(Exception):
    """A ``when`` that cannot be evaluated; carries the object it belongs to."""

    def __init__(self, error: ClauseError, section: Section, clause: Clause | None, variant: int | None) -> None:
        super().__init__(error.message)
        self.error = error
        self.section = section
        self.clause = clause
        self.variant = variant


def resolve(sections: tuple[Section, ...], renderer: ClauseRenderer, facts: Mapping[str, Any]) -> Resolution:
    """Evaluate every ``when`` against ``facts``, pick variants and number what remains."""
    chosen_sections: list[ChosenSection] = []
    refs: dict[str, str] = {}
    counts: dict[str, int] = {}
    for section in sections:
        if section.when is not None and not _holds(renderer, section.when, facts, section, None, None):
            continue
        picked = [
            (clause, *_pick(renderer, clause, facts, section))
            for clause in section.clauses
            if clause.when is None or _holds(renderer, clause.when, facts, section, clause, None)
        ]
        rules = KINDS[section.kind]
        number: str | None = None
        if rules.section_number is not None:
            counts[section.kind] = counts.get(section.kind, 0) + 1
            number = rules.section_number(counts[section.kind])
        clauses = tuple(
            ChosenClause(section, clause, variant, index, rules.number_clause(number, position))
            for position, (clause, variant, index) in enumerate(picked, start=1)
        )
        if number is not None:
            refs[section.id] = number
        for item in clauses:
            if item.number is not None:
                refs[item.clause.id] = item.number
        chosen_sections.append(ChosenSection(section, number, clauses))
    return Resolution(tuple(chosen_sections), refs)


def _pick(
    renderer: ClauseRenderer, clause: Clause, facts: Mapping[str, Any], section: Section
) -> tuple[Variant, int | None]:
    if clause.variants is None:
        return clause.all_variants[0], None
    for index, variant in enumerate(clause.variants):
        if variant.when is None or _holds(renderer, variant.when, facts, section, clause, index):
            return variant, index
    raise AssertionError("the last variant has no `when`")  # pragma: no cover - schema guarantees it


def _holds(
    renderer: ClauseRenderer,
    condition: str,
    facts: Mapping[str, Any],
    section: Section,
    clause: Clause | None,
    variant: int | None,
) -> bool:
    try:
        return renderer.holds(condition, facts)
    except ClauseError as exc:
        raise ConditionError(exc, section, clause, variant) from None
