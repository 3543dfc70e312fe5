"""The company's own clauses: added to an article, or replacing a library clause or variant.

A customer file's ``clauses: {add, replace}`` changes the sections of the library for that one
contract, before anything is resolved, so an added clause is numbered in place and references
agree across languages. Own texts are contract text, never template code: they may use the tiny
markup and two placeholders, ``{{ dotted.variable }}`` and ``{{ ref('clause.id') }}``, which are
filled in here; any other ``{{``, ``{%`` or ``{#`` is an error. Both languages must use the same
placeholders and numbers, as library texts must (``check`` C132–C134).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from dpa_gen.document import Body, anchor
from dpa_gen.errors import did_you_mean, shown
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.markup import MarkupError, parse_blocks, reference
from dpa_gen.models.base import LANGS, Bilingual, Lang
from dpa_gen.models.clauses import AddedClause, OwnBilingual, ReplacedClause
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import Clause, Section, Variant
from dpa_gen.sources import Loc
from dpa_gen.textscan import numbers

OWN_VARIANT = "negotiated"
_PLACEHOLDER = re.compile(
    r"\{\{\s*(?:ref\(\s*'(?P<ref>[a-z][a-z0-9_.]*)'\s*\)|(?P<var>[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*))\s*\}\}"
)
_TEMPLATE = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


class OwnVariant(Variant):
    """A variant whose text is the company's own: filled in by :func:`render_own`, never by Jinja."""


@dataclass(frozen=True, slots=True)
class Deviation:
    """Where one contract leaves the library."""

    kind: Literal["add", "replace"]
    clause: str
    variant: str | None
    article: str
    index: int  # its place in the file's list

    @property
    def loc(self) -> Loc:
        """Where it is in the customer file."""
        return ("clauses", self.kind, self.index)


@dataclass(frozen=True, slots=True)
class Problem:
    """A mistake in the file's own clauses, at its place in the file."""

    loc: Loc
    message: str
    code: str


def own_sections(library: Library, customer: Customer) -> tuple[tuple[Section, ...], tuple[Deviation, ...]]:
    """The library's sections with this customer's own clauses applied.

    Mistakes are skipped; :func:`problems` reports them.
    """
    own = customer.clauses
    if not own.add and not own.replace:
        return library.sections, ()
    sections = {section.id: section for section in library.sections}
    deviations: list[Deviation] = []
    for index, replaced in enumerate(own.replace):
        found = _find(library, replaced.clause)
        if found is None or (replaced.variant is not None and _variant(found[1], replaced.variant) is None):
            continue
        section = sections[found[0].id]
        sections[section.id] = _replace(section, replaced)
        deviations.append(Deviation("replace", replaced.clause, replaced.variant, section.id, index))
    for index, added in enumerate(own.add):
        target = sections.get(added.article)
        if target is None or _add_problem(target, added, library, own.add) is not None:
            continue
        ident = added_id(added, index)
        sections[target.id] = _add(target, added, ident)
        deviations.append(Deviation("add", ident, None, target.id, index))
    return tuple(sections[section.id] for section in library.sections), tuple(deviations)


def added_id(added: AddedClause, index: int) -> str:
    """The id of an added clause: its own, or ``own.<article>.<n>``."""
    return added.id or f"own.{added.article}.{index + 1}"


def _find(library: Library, clause_id: str) -> tuple[Section, Clause] | None:
    for section in library.sections:
        for clause in section.clauses:
            if clause.id == clause_id:
                return section, clause
    return None


def _variant(clause: Clause, variant_id: str) -> Variant | None:
    return next((v for v in clause.variants or () if v.id == variant_id), None)


def _text(own: OwnBilingual) -> Bilingual:
    return Bilingual(nl=own.nl, en=own.en)


def _replace(section: Section, replaced: ReplacedClause) -> Section:
    clauses = []
    for clause in section.clauses:
        if clause.id != replaced.clause:
            clauses.append(clause)
        elif replaced.variant is None:
            own = OwnVariant(id=OWN_VARIANT, covers=tuple(replaced.covers), text=_text(replaced.text))
            clauses.append(Clause(id=clause.id, when=clause.when, variants=(own,)))
        else:
            # The clause's own `covers` moves onto the variants kept, so the new text claims only its own.
            variants = tuple(
                OwnVariant(id=OWN_VARIANT, when=v.when, covers=tuple(replaced.covers), text=_text(replaced.text))
                if v.id == replaced.variant
                else v.model_copy(update={"covers": (*clause.covers, *v.covers)})
                for v in clause.variants or ()
            )
            clauses.append(Clause(id=clause.id, when=clause.when, variants=variants))
    return section.model_copy(update={"clauses": tuple(clauses)})


def _add(section: Section, added: AddedClause, ident: str) -> Section:
    own = OwnVariant(id=OWN_VARIANT, covers=tuple(added.covers), text=_text(added.text))
    clause = Clause(id=ident, variants=(own,))
    clauses = list(section.clauses)
    position = len(clauses)
    if added.after is not None:
        position = next(i + 1 for i, c in enumerate(clauses) if c.id == added.after)
    clauses.insert(position, clause)
    return section.model_copy(update={"clauses": tuple(clauses)})


def _add_problem(section: Section, added: AddedClause, library: Library, all_added: list[AddedClause]) -> str | None:
    if KINDS[section.kind].heading not in ("article", "annex"):
        return f"clauses can be added to an article or annex, not to the {section.kind} section {added.article!r}"
    earlier = {a.id for a in all_added[: all_added.index(added)] if a.id}
    if added.after is not None and added.after not in {c.id for c in section.clauses} | earlier:
        names = [c.id for c in section.clauses]
        return f"{added.article!r} has no clause {added.after!r}{did_you_mean(added.after, names)}"
    return None


def problems(library: Library, customer: Customer) -> Iterator[Problem]:
    """Every mistake in the file's own clauses: ids, covers, placeholders, and NL/EN parity."""
    own = customer.clauses
    known_ids = {clause.id for section in library.sections for clause in section.clauses}
    for index, replaced in enumerate(own.replace):
        yield from _replace_problems(library, replaced, ("clauses", "replace", index), known_ids)
    yield from _add_problems(library, own.add, known_ids)
    duties = {duty.id for duty in library.duties.duties}
    entries: list[tuple[Loc, AddedClause | ReplacedClause]] = [
        *((("clauses", "add", i), item) for i, item in enumerate(own.add)),
        *((("clauses", "replace", i), item) for i, item in enumerate(own.replace)),
    ]
    for loc, item in entries:
        for i, duty in enumerate(item.covers):
            if duty not in duties:
                yield Problem((*loc, "covers", i), f"unknown duty {shown(duty)}{did_you_mean(duty, duties)}", "C136")
        yield from _text_problems(item.text, (*loc, "text"))


def _replace_problems(library: Library, replaced: ReplacedClause, loc: Loc, known_ids: set[str]) -> Iterator[Problem]:
    """The replaced clause (and variant) exists (C130); a text replacing covered duties says what it covers (C131)."""
    found = _find(library, replaced.clause)
    if found is None:
        hint = did_you_mean(replaced.clause, known_ids)
        yield Problem((*loc, "clause"), f"the library has no clause {shown(replaced.clause)}{hint}", "C130")
        return
    clause = found[1]
    covered: tuple[str, ...] = tuple(clause.covers)
    if replaced.variant is not None:
        variant = _variant(clause, replaced.variant)
        if variant is None:
            names = [v.id for v in clause.variants or ()]
            listed = ", ".join(names) or "none: it has one text; leave `variant` out"
            hint = did_you_mean(replaced.variant, names)
            yield Problem(
                (*loc, "variant"),
                f"{replaced.clause} has no variant {shown(replaced.variant)}{hint}; its variants: {listed}",
                "C130",
            )
            return
        covered += variant.covers
    else:
        covered += tuple(d for v in clause.variants or () for d in v.covers)
    if covered and not replaced.covers:
        yield Problem(
            (*loc, "clause"),
            f"{replaced.clause} covers {', '.join(dict.fromkeys(covered))}; say which duties the new text covers"
            " (`covers: […]`), so check can prove every duty is still covered",
            "C131",
        )


def _add_problems(library: Library, added_clauses: list[AddedClause], known_ids: set[str]) -> Iterator[Problem]:
    """Each added clause goes after an existing clause of an article or annex (C130), with a new id (C135)."""
    section_ids = {section.id: section for section in library.sections}
    added_ids: set[str] = set()
    for index, added in enumerate(added_clauses):
        loc: Loc = ("clauses", "add", index)
        section = section_ids.get(added.article)
        if section is None:
            numbered = [s.id for s in library.sections if KINDS[s.kind].heading in ("article", "annex")]
            hint = did_you_mean(added.article, numbered)
            yield Problem(
                (*loc, "article"), f"the library has no article or annex {shown(added.article)}{hint}", "C130"
            )
            continue
        problem = _add_problem(section, added, library, added_clauses)
        if problem is not None:
            yield Problem((*loc, "after" if added.after else "article"), problem, "C130")
        ident = added_id(added, index)
        if ident in known_ids or ident in added_ids:
            yield Problem((*loc, "id"), f"the id {shown(ident)} is already used; choose another", "C135")
        added_ids.add(ident)


def _text_problems(text: OwnBilingual, loc: Loc) -> Iterator[Problem]:
    used: dict[Lang, Counter[str]] = {}
    for lang in LANGS:
        source = text.in_(lang)
        masked = _PLACEHOLDER.sub("", source)
        stray = _TEMPLATE.search(masked)
        if stray is not None:
            yield Problem(
                (*loc, lang),
                f"{stray.group()!r}: an own text may use only {{{{ variable }}}} and {{{{ ref('clause.id') }}}};"
                " it is contract text, not a template",
                "C132",
            )
        used[lang] = Counter(m.group() for m in _PLACEHOLDER.finditer(source))
        used[lang].update(f"number {n}" for n, _ in numbers(_PLACEHOLDER.sub(" ", source)))
    pairs: tuple[tuple[Lang, Lang], ...] = (("nl", "en"), ("en", "nl"))
    for lang, other in pairs:
        extra = used[lang] - used[other]
        for item in extra:
            what = item if item.startswith("number") else f"the placeholder {item}"
            yield Problem(
                (*loc, lang),
                f"{what} is in the {_NAMES[lang]} text but not (as often) in the {_NAMES[other]} text;"
                " both languages must say the same",
                "C133" if not item.startswith("number") else "C134",
            )


_NAMES = {"nl": "Dutch", "en": "English"}


def placeholders(text: str) -> Iterator[tuple[str | None, str | None]]:
    """Each placeholder of an own text as (variable, ref target)."""
    for match in _PLACEHOLDER.finditer(text):
        yield match.group("var"), match.group("ref")


class OwnTextError(Exception):
    """An own text that cannot be filled in for this contract."""


def render_own(text: str, facts: Mapping[str, Any], refs: Mapping[str, str], lang: Lang) -> tuple[Body, ...]:
    """Fill in an own text's placeholders and parse its markup."""
    from dpa_gen.render import format_value

    def fill(match: re.Match[str]) -> str:
        target = match.group("ref")
        if target is not None:
            label = refs.get(target)
            if label is None:
                raise OwnTextError(f"ref({target!r}) points to nothing numbered in this contract")
            return reference(anchor(lang, target), label)
        value: Any = facts
        for part in match.group("var").split("."):
            if not isinstance(value, Mapping) or part not in value:
                hint = did_you_mean(part, list(value) if isinstance(value, Mapping) else [])
                raise OwnTextError(f"{{{{ {match.group('var')} }}}}: there is no {part!r}{hint}")
            value = value[part]
        try:
            return format_value(value, lang)
        except ValueError as exc:
            raise OwnTextError(f"{{{{ {match.group('var')} }}}}: {exc}") from None

    try:
        return parse_blocks(_PLACEHOLDER.sub(fill, text))
    except MarkupError as exc:
        raise OwnTextError(str(exc)) from None


def is_own(variant: Variant) -> bool:
    """Whether a variant's text is the company's own."""
    return isinstance(variant, OwnVariant)
