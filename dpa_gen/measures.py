"""Which Annex II measures one contract promises: a profile of the legal team, or the file's own list.

A measure whose ``when`` does not hold for the customer (back-ups in the EEA for a processor
outside it, say) is never promised: it is left out of a profile, and listing it yourself is
an error (``check`` C124), because the contract would contradict the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dpa_gen.library import Library
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import Measure, MeasureGroup


@dataclass(frozen=True, slots=True)
class Selection:
    """The measures of one contract, by group in catalogue order, and those left out."""

    groups: tuple[tuple[MeasureGroup, tuple[Measure, ...]], ...]
    left_out: tuple[Measure, ...]  # chosen (or in the profile) but contradicted by the file
    profile: str | None  # the profile used, if the file lists no measures of its own


def select(
    customer: Customer,
    library: Library,
    profile: str | None,
    holds: Callable[[str, Mapping[str, Any]], bool],
    facts: Mapping[str, Any],
) -> Selection:
    """The measures the contract promises; ``holds`` evaluates a measure's ``when``."""
    own = customer.security.measures
    chosen = set(own) if own is not None else set(library.measures.profiles[profile].measures if profile else ())
    groups: list[tuple[MeasureGroup, tuple[Measure, ...]]] = []
    left_out: list[Measure] = []
    for group in library.measures.groups:
        kept: list[Measure] = []
        for measure in group.measures:
            if measure.id not in chosen:
                continue
            if measure.when is not None and not holds(measure.when, facts):
                left_out.append(measure)
            else:
                kept.append(measure)
        if kept:
            groups.append((group, tuple(kept)))
    return Selection(tuple(groups), tuple(left_out), None if own is not None else profile)


def contradicted(customer: Customer, selection: Selection) -> list[tuple[str, str]]:
    """The measures the file lists itself that its own facts contradict: (key, message) pairs."""
    own = customer.security.measures
    if own is None:
        return []
    return [
        (
            f"security.measures[{own.index(measure.id)}]",
            f"the measure {measure.id!r} contradicts this file (its condition {measure.when!r} does not hold);"
            " remove it, or change what the file says",
        )
        for measure in selection.left_out
    ]
