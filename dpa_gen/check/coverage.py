"""Which clauses cover each GDPR duty: in every contract, or in one customer's contract.

Static rule for the library: a duty is guaranteed when a clause that is always included (no
``when`` on it or its section) covers it, either itself or in every one of its variants.
Anything else depends on the customer's choices and is reported with the conditions it
depends on. A customer's contract is checked directly on its resolution.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from jinja2 import TemplateSyntaxError

from dpa_gen.check.sample import sample_facts
from dpa_gen.check.variables import condition_uses
from dpa_gen.engine import load_labels, renderer_for
from dpa_gen.errors import Diagnostic, SourcePos, did_you_mean
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.models.base import LANGS, Lang
from dpa_gen.models.library import Duty
from dpa_gen.resolve import ConditionError, Resolution, resolve
from dpa_gen.roles import KIND_VARIABLE
from dpa_gen.sources import Loc, dotted

Places = Mapping[str, Mapping[Lang, str]]  # clause id -> language -> "Artikel 2.1 Datalekken"


@dataclass(frozen=True, slots=True)
class Cover:
    """A clause (or one variant of it) that covers a duty, and when it is in the contract."""

    clause: str
    variant: str | None  # None: the clause itself covers the duty, whatever variant applies
    conditions: tuple[str, ...]
    pos: SourcePos

    @property
    def name(self) -> str:
        """``breach.notice`` or ``breach.notice#fast``."""
        return self.clause if self.variant is None else f"{self.clause}#{self.variant}"


@dataclass(frozen=True, slots=True)
class DutyRow:
    """One line of the coverage table."""

    duty: Duty
    covers: tuple[Cover, ...]
    covered: bool


@dataclass(frozen=True, slots=True)
class Coverage:
    """A coverage table and where each covering clause stands in the contract it describes."""

    title: str
    rows: tuple[DutyRow, ...]
    places: Places
    langs: tuple[Lang, ...]
    chosen: Mapping[str, str]  # clause id -> the variant id in that contract

    def in_contract(self, cover: Cover) -> bool:
        """Whether ``cover`` is part of the contract the places come from."""
        variant = self.chosen.get(cover.clause)
        return variant is not None and cover.variant in (None, variant)

    def as_json(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "title": self.title,
            "duties": [
                {
                    "id": row.duty.id,
                    "severity": row.duty.severity,
                    "source": row.duty.source,
                    "title": {lang: row.duty.title.in_(lang) for lang in LANGS},
                    "covered": row.covered,
                    "clauses": [
                        {
                            "clause": cover.clause,
                            "variant": cover.variant,
                            "when": list(cover.conditions),
                            "position": str(cover.pos),
                            "in_contract": self.in_contract(cover),
                            **{lang: self.places.get(cover.clause, {}).get(lang) for lang in self.langs},
                        }
                        for cover in row.covers
                    ],
                }
                for row in self.rows
            ],
        }


def library_coverage(library: Library, label: str) -> tuple[Coverage, list[Diagnostic]]:
    """The static table for ``library`` plus E210 (unknown duty) and E211 (not guaranteed)."""
    known = {d.id for d in library.duties.duties}
    problems: list[Diagnostic] = []
    covers: dict[str, list[Cover]] = {}
    for pos, loc, ident, cover in _claims(library):
        if ident in known:
            covers.setdefault(ident, []).append(cover)
        else:
            hint = did_you_mean(ident, known)
            problems.append(
                Diagnostic(
                    pos,
                    dotted(loc),
                    f"unknown duty {ident!r}{hint}; duties are defined in duties.yaml",
                    code="E210",
                )
            )
    guaranteed = _guaranteed(library)
    duties_source = library.sources["duties.yaml"]
    rows = []
    for index, duty in enumerate(library.duties.duties):
        found = tuple(covers.get(duty.id, ()))
        rows.append(DutyRow(duty, found, duty.id in guaranteed))
        if duty.id in guaranteed:
            continue
        if found:
            options = "; ".join(f"{c.name} ({' and '.join(c.conditions)})" for c in found)
            message = (
                f"{duty.id} ({duty.title.en}) is covered only when: {options}; cover it in a clause"
                " that every contract includes, or in every variant"
            )
        else:
            message = (
                f"{duty.id} ({duty.title.en}) is covered by no clause; add it to the `covers:`"
                " of the clause that deals with it"
            )
        loc = ("duties", index, "id")
        problems.append(Diagnostic(duties_source.where(loc), dotted(loc), message, code="E211"))
    resolution = sample_resolution(library)
    places = clause_places(library, resolution, LANGS) if resolution is not None else {}
    chosen = resolution.choices() if resolution is not None else {}
    title = (
        f"library {label}: what every contract includes; places as in the sample contract"
        " with every optional field filled"
    )
    return Coverage(title, tuple(rows), places, LANGS, chosen), problems


def _claims(library: Library) -> Iterator[tuple[SourcePos, Loc, str, Cover]]:
    """Every ``covers:`` entry: where it is, the duty id it names, and the cover it makes."""
    for section in library.sections:
        outer_when = (f"section {section.id} when {section.when!r}",) if section.when else ()
        for clause in section.clauses:
            place = library.place(section, clause)
            outer = (*outer_when, *((f"clause when {clause.when!r}",) if clause.when else ()))
            for i, ident in enumerate(clause.covers):
                pos = place.where("covers", i)
                yield pos, place.at("covers", i), ident, Cover(clause.id, None, outer, pos)
            for v, variant in enumerate(clause.variants or ()):
                own = (
                    f"variant {variant.id} when {variant.when!r}"
                    if variant.when
                    else f"variant {variant.id} (when no earlier variant applies)"
                )
                for i, ident in enumerate(variant.covers):
                    at = library.place(section, clause, v)
                    pos = at.where("covers", i)
                    yield pos, at.at("covers", i), ident, Cover(clause.id, variant.id, (*outer, own), pos)


def _guaranteed(library: Library) -> set[str]:
    """Duties covered in every contract of every kind the duty applies to.

    Per kind of agreement, a clause is always included when it has no ``when`` (nor its
    section), or only a condition on the kind that holds for that kind; it covers a duty
    itself, or in every variant that can apply in that kind.
    """
    kinds = _kinds(library)
    per_kind = {kind: _guaranteed_in(library, kind) for kind in kinds}
    return {
        duty.id
        for duty in library.duties.duties
        if all(duty.id in per_kind[kind] for kind in kinds if kind in duty.kinds)
    }


def _kinds(library: Library) -> tuple[str, ...]:
    return tuple(dict.fromkeys(("controller_processor", *library.meta.kinds)))


def _guaranteed_in(library: Library, kind: str) -> set[str]:
    renderer = renderer_for(library, "nl")

    def when(condition: str | None) -> Literal["always", "never", "maybe"]:
        """Whether a text with this condition is in every, no or some contracts of ``kind``."""
        if condition is None:
            return "always"
        try:
            used = {use.dotted for use in condition_uses(renderer.env, condition).variables}
        except TemplateSyntaxError:
            return "maybe"  # E204 reports it
        if used != {KIND_VARIABLE}:
            return "maybe"  # depends on the customer
        return "always" if renderer.holds(condition, {"contract": {"kind": kind}}) else "never"

    out: set[str] = set()
    for section in library.sections:
        for clause in section.clauses if when(section.when) == "always" else ():
            if when(clause.when) != "always":
                continue
            out.update(clause.covers)
            possible: list[set[str]] = []
            for variant in clause.variants or ():
                applies = when(variant.when)
                if applies == "never":
                    continue
                possible.append(set(variant.covers))
                if applies == "always":
                    break  # later variants never apply
            if possible:
                out.update(set.intersection(*possible))
    return out


def sample_resolution(library: Library) -> Resolution | None:
    """The contract of the complete sample customer (None if a condition fails; E204 says why)."""
    try:
        return resolve(library.sections, renderer_for(library, "nl"), sample_facts(library, "nl"))
    except ConditionError:
        return None


def customer_coverage(library: Library, resolution: Resolution, langs: tuple[Lang, ...], title: str) -> Coverage:
    """The table of one resolved contract."""
    covered = resolution.coverage()
    rows = []
    chosen = {item.clause.id: item for s in resolution.sections for item in s.clauses}
    for duty in library.duties.duties:
        found = []
        for name in covered.get(duty.id, ()):
            clause_id, variant_id = name.split("#", 1)
            item = chosen[clause_id]
            variant = variant_id if item.variant_index is not None else None
            found.append(Cover(clause_id, variant, (), library.place(item.section, item.clause).where()))
        rows.append(DutyRow(duty, tuple(found), bool(found)))
    return Coverage(title, tuple(rows), clause_places(library, resolution, langs), langs, resolution.choices())


def clause_places(library: Library, resolution: Resolution, langs: tuple[Lang, ...]) -> dict[str, dict[Lang, str]]:
    """Clause id → how each language names its place in the contract: ``Artikel 2.1 Datalekken``."""
    words = {lang: load_labels(lang) for lang in langs}
    out: dict[str, dict[Lang, str]] = {}
    for chosen in resolution.sections:
        section = chosen.section
        for item in chosen.clauses:
            places: dict[Lang, str] = {}
            heading = KINDS[section.kind].heading
            for lang in langs:
                title = section.title.in_(lang)
                if heading == "article":
                    places[lang] = f"{words[lang].word(heading)} {item.number} {title}"
                elif heading == "annex":
                    places[lang] = f"{words[lang].word(heading)} {chosen.number} {title}"
                else:
                    places[lang] = f"{title} {item.number}" if item.number else title
            out[item.clause.id] = places
    return out
