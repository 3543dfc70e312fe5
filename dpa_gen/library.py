"""Load a clause library folder: section files in document order plus the legal team's data."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, RootModel, StringConstraints

from dpa_gen.errors import Diagnostic, SourcePos, UserError, display_path
from dpa_gen.models.base import Key, TextPolicy
from dpa_gen.models.library import (
    Clause,
    Duties,
    LibraryMeta,
    Measures,
    Policy,
    Section,
    Terms,
    VocabEntry,
)
from dpa_gen.sources import Loc, Sourced, read_yaml
from dpa_gen.validate import validate_model

SECTION_FILE = re.compile(r"^\d\d-[a-z0-9_-]+\.yaml$")
M = TypeVar("M", bound=BaseModel)


VocabKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=60)]


class VocabularyFile(TextPolicy, RootModel[dict[Key, dict[VocabKey, VocabEntry]]]):
    """``vocabulary.yaml``: vocabulary name → key → wording."""


@dataclass(frozen=True, eq=False)  # identity hash: renderers are cached per library
class Library:
    """A loaded, schema-valid clause library."""

    root: Path
    meta: LibraryMeta
    sections: tuple[Section, ...]
    vocabulary: dict[str, dict[str, VocabEntry]]
    measures: Measures
    duties: Duties
    policy: Policy
    terms: Terms
    sources: dict[str, Sourced]
    section_files: dict[str, str]
    digest: str

    def section_source(self, section_id: str) -> Sourced:
        """The parsed file a section came from."""
        return self.sources[self.section_files[section_id]]

    def place(self, section: Section, clause: Clause | None = None, variant: int | None = None) -> Place:
        """Where a section, a clause of it, or one variant of that clause is written.

        ``variant`` None on a clause means the clause itself (for ``text:``, its text).
        """
        loc: Loc = ()
        if clause is not None:
            # By id in the library's own section: a customer's own clauses change the copy it holds.
            original = next(s for s in self.sections if s.id == section.id)
            index = next((i for i, c in enumerate(original.clauses) if c.id == clause.id), None)
            if index is None:  # a clause the customer file added: it has no place in the library
                return Place(self.section_source(section.id), ())
            loc = ("clauses", index)
            if variant is not None:
                loc = (*loc, "variants", variant)
        return Place(self.section_source(section.id), loc)


@dataclass(frozen=True, slots=True)
class Place:
    """A section, clause or variant in its file; the one way to find its lines."""

    source: Sourced
    loc: Loc

    def at(self, *tail: str | int) -> Loc:
        """The location of a part of it: ``place.at("text", "nl")``."""
        return (*self.loc, *tail)

    def where(self, *tail: str | int) -> SourcePos:
        """The position of a part of it (or of the nearest part that exists)."""
        return self.source.where(self.at(*tail))


def library_folder_problem(folder: Path) -> str:
    """Why ``folder`` is not a clause library folder, in words."""
    if folder.exists():
        return "this is a file, not a folder; --clauses takes the clause library folder"
    return "the clause library folder does not exist"


def load_library(folder: Path) -> Library:
    """Load and schema-check ``folder``; every problem in every file is reported at once."""
    return _load(folder.resolve())


@cache
def _load(folder: Path) -> Library:
    if not folder.is_dir():
        raise UserError([Diagnostic(SourcePos(display_path(folder)), "", library_folder_problem(folder))])
    problems: list[Diagnostic] = []
    sources: dict[str, Sourced] = {}
    digest = hashlib.sha256()

    def read(name: str, model: type[M]) -> M | None:
        path = folder / name
        try:
            sourced = read_yaml(path, display=_display(path))
            sources[name] = sourced
            return validate_model(model, sourced)
        except UserError as exc:
            problems.extend(exc.diagnostics)
            return None

    meta = read("library.yaml", LibraryMeta)
    vocabulary = read("vocabulary.yaml", VocabularyFile)
    measures = read("measures.yaml", Measures)
    duties = read("duties.yaml", Duties)
    policy = read("policy.yaml", Policy)
    terms = read("terms.yaml", Terms)

    names = sorted(p.name for p in folder.iterdir() if SECTION_FILE.match(p.name))
    sections: list[Section] = []
    section_files: dict[str, str] = {}
    for name in names:
        section = read(name, Section)
        if section is not None:
            sections.append(section)
            section_files[section.id] = name
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")

    if not names:
        problems.append(Diagnostic(SourcePos(_display(folder)), "", "no section files (NN-topic.yaml) found"))
    if vocabulary is not None:
        missing = [v for v in required_vocabularies() if v not in vocabulary.root]
        if missing:
            pos = sources["vocabulary.yaml"].where(())
            problems.append(Diagnostic(pos, "", f"missing vocabularies: {', '.join(missing)}"))
    problems.extend(_duplicate_ids(sections, section_files, sources))
    if policy is not None:
        problems.extend(_policy_problems(policy, sources["policy.yaml"]))
    if problems:
        raise UserError(problems)
    assert meta and vocabulary and measures and duties and policy and terms
    return Library(
        root=folder,
        meta=meta,
        sections=tuple(sections),
        vocabulary=vocabulary.root,
        measures=measures,
        duties=duties,
        policy=policy,
        terms=terms,
        sources=sources,
        section_files=section_files,
        digest=digest.hexdigest(),
    )


def _policy_problems(policy: Policy, source: Sourced) -> list[Diagnostic]:
    """E217: the policy's terms must be the customer schema's, each default a value a file could write."""
    from dpa_gen.policy import policy_problems  # the policy module reads the customer schema

    return [
        Diagnostic(source.where(loc, key=len(loc) == 2), ".".join(map(str, loc)), message, code="E217")
        for loc, message in policy_problems(policy)
    ]


@cache
def required_vocabularies() -> tuple[str, ...]:
    """The vocabularies a library must define.

    Those the customer schema takes keys from, and the wording of transfer safeguards, which
    the facts print.
    """
    from dpa_gen.models.customer import Customer
    from dpa_gen.models.settings import schema_fields

    named = (spec.setting.vocabulary for spec in schema_fields(Customer) if spec.setting is not None)
    return tuple(sorted({name for name in named if name} | {"safeguards"}))


def _duplicate_ids(
    sections: list[Section], section_files: dict[str, str], sources: dict[str, Sourced]
) -> list[Diagnostic]:
    seen: dict[str, SourcePos] = {}
    problems = []
    for section in sections:
        source = sources[section_files[section.id]]
        entries: list[tuple[str, Loc]] = [(section.id, ("id",))]
        entries += [(clause.id, ("clauses", i, "id")) for i, clause in enumerate(section.clauses)]
        for ident, loc in entries:
            pos = source.where(loc)
            if ident in seen:
                first = seen[ident]
                problems.append(
                    Diagnostic(
                        pos, "id", f"the id {ident!r} is already used at {first}; ids must be unique", code="E201"
                    )
                )
            else:
                seen[ident] = pos
    return problems


def _display(path: Path) -> str:
    """A path as users know it: relative to the working folder where possible."""
    try:
        return display_path(path.relative_to(Path.cwd()))
    except ValueError:
        return display_path(path)
