"""Build one customer's contract: read → validate → resolve → render → assemble → write.

Every pass finishes before any file is written, so a bad input leaves the output folder as
it was. Outputs are skipped when a manifest shows they were built from identical inputs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from dpa_gen import __version__
from dpa_gen.assemble import Inputs, assemble
from dpa_gen.document import Body, Document
from dpa_gen.errors import Diagnostic, UserError
from dpa_gen.facts import customer_facts
from dpa_gen.guardrails import check_customer
from dpa_gen.library import Library, load_library
from dpa_gen.models.base import LANGS, Lang
from dpa_gen.models.customer import Customer
from dpa_gen.models.labels import Labels
from dpa_gen.models.library import Section
from dpa_gen.paths import clauses_dir, templates_dir
from dpa_gen.render import ClauseError, ClauseRenderer
from dpa_gen.resolve import ChosenClause, ConditionError, Resolution, resolve
from dpa_gen.sources import Sourced, read_yaml
from dpa_gen.validate import validate_model

LANGUAGE_MODES = ("nl", "en", "nl+en")


@dataclass(frozen=True)
class LoadedCustomer:
    """A customer file that passed the schema and the guardrails."""

    path: Path
    sourced: Sourced
    customer: Customer
    warnings: tuple[Diagnostic, ...]
    digest: str


@dataclass(frozen=True)
class Contract:
    """A resolved and rendered contract, ready for the writers."""

    document: Document
    resolution: Resolution


@dataclass
class BuildResult:
    """What one build did."""

    customer: Path
    written: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)
    warnings: tuple[Diagnostic, ...] = ()


def languages_of(mode: str) -> tuple[Lang, ...]:
    """``nl+en`` → ``("nl", "en")``."""
    return tuple(lang for lang in LANGS if lang in mode.split("+"))


def load_customer(path: Path, library: Library, languages: str | None = None) -> LoadedCustomer:
    """Read, validate and guardrail-check a customer file; raise ``UserError`` on any error."""
    sourced = read_yaml(path)
    customer = validate_model(Customer, sourced, what="customer file")
    mode = languages or customer.contract.language
    findings = check_customer(customer, sourced, library, mode)
    errors = [d for d in findings if d.severity == "error"]
    if errors:
        raise UserError(errors)
    warnings = tuple(d for d in findings if d.severity == "warning")
    return LoadedCustomer(path, sourced, customer, warnings, sourced.sha256)


@cache
def load_labels(folder: Path, lang: Lang) -> Labels:
    """``templates/<lang>/labels.yaml``."""
    return validate_model(Labels, read_yaml(folder / lang / "labels.yaml"))


@cache
def renderer_for(library: Library, lang: Lang) -> ClauseRenderer:
    """One renderer per library and language per process, so templates compile once."""
    return ClauseRenderer(lang, library.vocabulary)


def compose(customer: Customer, library: Library, mode: str, *, templates: Path | None = None) -> Contract:
    """Resolve and render ``customer`` into a document in ``mode`` (``nl``, ``en``, ``nl+en``)."""
    langs = languages_of(mode)
    folder = templates or templates_dir()
    facts = {lang: customer_facts(customer, library, lang, mode) for lang in langs}
    try:
        resolution = resolve(library.sections, renderer_for(library, langs[0]), facts[langs[0]])
    except ConditionError as exc:
        raise UserError([condition_diagnostic(library, exc)]) from None
    bodies: dict[Lang, dict[str, tuple[Body, ...]]] = {}
    problems: list[Diagnostic] = []
    for lang in langs:
        renderer = renderer_for(library, lang)
        rendered: dict[str, tuple[Body, ...]] = {}
        for chosen in resolution.sections:
            for item in chosen.clauses:
                source = item.variant.text.in_(lang)
                try:
                    rendered[item.clause.id] = renderer.render(source, facts[lang], resolution.refs)
                except ClauseError as exc:
                    problems.append(clause_diagnostic(library, chosen.section, item, lang, exc))
        bodies[lang] = rendered
    if problems:
        raise UserError(problems)
    labels = {lang: load_labels(folder, lang) for lang in langs}
    inputs = Inputs(langs, library, customer, resolution, bodies, labels, facts)
    return Contract(assemble(inputs), resolution)


def clause_diagnostic(
    library: Library, section: Section, item: ChosenClause, lang: Lang, exc: ClauseError
) -> Diagnostic:
    """A clause text that failed for one customer, at its line in the library (E301)."""
    source = library.section_source(section.id)
    loc = library.variant_text_loc(section, item.clause, item.variant_index, lang)
    pos = source.text_line(loc, exc.line) if exc.line else source.where(loc)
    variant = f" (variant {item.variant.id})" if item.variant_index is not None else ""
    return Diagnostic(pos, item.clause.id, f"{lang} text{variant}: {exc.message}", code="E301")


def condition_diagnostic(library: Library, exc: ConditionError) -> Diagnostic:
    """A ``when`` that failed for one customer, at its place in the library (E302)."""
    source = library.section_source(exc.section.id)
    if exc.clause is None:
        loc: tuple[Any, ...] = ("when",)
        key = exc.section.id
    else:
        base = library.clause_loc(exc.section, exc.clause)
        loc = (*base, "when") if exc.variant is None else (*base, "variants", exc.variant, "when")
        key = exc.clause.id
    return Diagnostic(source.where(loc), key, exc.error.message, code="E302")


# --- build: files, manifest and reuse -------------------------------------------------------


@cache
def templates_digest(folder: Path) -> str:
    """A hash of every template file (page templates, CSS, fonts, labels)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def output_stem(customer_path: Path, mode: str) -> str:
    """``acme.yaml`` built in ``nl+en`` → ``acme.nl-en``."""
    return f"{customer_path.stem}.{mode.replace('+', '-')}"


def build(
    customer_path: Path,
    *,
    out_dir: Path,
    formats: Iterable[str] = ("docx", "pdf"),
    languages: str | None = None,
    clauses: Path | None = None,
    templates: Path | None = None,
    force: bool = False,
    strict: bool = False,
) -> BuildResult:
    """Build the contract for one customer file into ``out_dir``."""
    from dpa_gen.output import write_files
    from dpa_gen.writers import renderer

    library = load_library(clauses or clauses_dir())
    loaded = load_customer(customer_path, library, languages)
    if strict and loaded.warnings:
        raise UserError([replace(d, severity="error") for d in loaded.warnings])
    mode = languages or loaded.customer.contract.language
    folder = templates or templates_dir()
    formats = tuple(dict.fromkeys(formats))
    stem = output_stem(customer_path, mode)
    targets = {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}
    manifest_path = out_dir / f"{stem}.manifest.json"
    inputs_hash = _inputs_hash(loaded, library, folder, mode)
    result = BuildResult(customer_path, warnings=loaded.warnings)
    if not force and _up_to_date(manifest_path, inputs_hash, targets):
        result.reused = list(targets.values())
        return result

    contract = compose(loaded.customer, library, mode, templates=folder)
    contents = {targets[fmt]: renderer(fmt)(contract.document, folder) for fmt in formats}
    manifest = _manifest(loaded, library, mode, contract, inputs_hash, contents, folder)
    # The manifest goes last: a reader that sees it knows the files it lists are complete.
    result.written = write_files({**contents, manifest_path: manifest})[:-1]
    return result


def _inputs_hash(loaded: LoadedCustomer, library: Library, templates: Path, mode: str) -> str:
    parts = [__version__, loaded.digest, library.digest, templates_digest(templates), mode]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _up_to_date(manifest_path: Path, inputs_hash: str, targets: Mapping[str, Path]) -> bool:
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("inputs_sha256") != inputs_hash:
        return False
    outputs = manifest.get("outputs", {})
    for path in targets.values():
        expected = outputs.get(path.name)
        try:
            if expected is None or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
                return False
        except OSError:
            return False
    return True


def _manifest(
    loaded: LoadedCustomer,
    library: Library,
    mode: str,
    contract: Contract,
    inputs_hash: str,
    contents: Mapping[Path, bytes],
    templates: Path,
) -> bytes:
    data = {
        "generator": f"dpa-gen {__version__}",
        "customer": {"file": loaded.path.name, "sha256": loaded.digest},
        "library": {"id": library.meta.id, "version": library.meta.version, "sha256": library.digest},
        "templates_sha256": templates_digest(templates),
        "languages": mode,
        "clauses": contract.resolution.choices(),
        "inputs_sha256": inputs_hash,
        "outputs": {path.name: hashlib.sha256(content).hexdigest() for path, content in contents.items()},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
