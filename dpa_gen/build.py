"""The ``build`` driver: one customer file in, its DOCX, PDF and manifest out.

What is about files lives here (output names, the inputs hash, the manifest, reusing
unchanged outputs); composing the contract is the engine's job. Every pass finishes before
any file is written, so a bad input leaves the output folder as it was.
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
from dpa_gen.archival import PDF_A, archival_manifest, archive_for
from dpa_gen.engine import Contract, LoadedCustomer, compose, load_customer
from dpa_gen.errors import Diagnostic, UserError, display_path
from dpa_gen.library import Library, load_library
from dpa_gen.models.base import LanguageMode
from dpa_gen.paths import clauses_dir, templates_dir
from dpa_gen.policy import applied_defaults, open_terms, resolve_terms
from dpa_gen.provenance import provenance_for, with_provenance
from dpa_gen.sources import dotted, read_regular_file, regular_file_sha256
from dpa_gen.style import Style, style_for


@dataclass
class BuildResult:
    """What one build did."""

    customer: Path
    written: list[Path] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)
    warnings: tuple[Diagnostic, ...] = ()
    notes: list[str] = field(default_factory=list)  # what the user should know: defaults, deviations


@cache
def templates_digest(folder: Path) -> str:
    """A hash of every template file (page templates, the bundled style, fonts, labels)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def output_stem(customer_path: Path, mode: LanguageMode) -> str:
    """``acme.yaml`` built in ``nl+en`` → ``acme.nl-en``."""
    return f"{customer_path.stem}.{mode.file_part}"


def build(
    customer_path: Path,
    *,
    out_dir: Path,
    formats: Iterable[str] = ("docx", "pdf"),
    mode: LanguageMode | None = None,
    clauses: Path | None = None,
    force: bool = False,
    strict: bool = False,
    style: Path | None = None,
    deviations: bool = False,
    pdf_a: bool = False,
) -> BuildResult:
    """Build the contract for one customer file into ``out_dir``.

    ``style`` is a house style folder; without it, the library's ``style:``, else the bundled style.
    The result's notes name the library defaults the contract uses (when the file accepts them;
    otherwise they are warnings) and, with ``deviations``, where it leaves the library.
    ``pdf_a`` writes the PDF as PDF/A-3b with the customer file and manifest embedded (``archival``).
    """
    from dpa_gen.output import write_files

    library = load_library(clauses or clauses_dir())
    house_style = style_for(style, library)  # checked before anything is rendered
    loaded = load_customer(customer_path, library, mode)
    if strict and loaded.warnings:
        raise UserError([replace(d, severity="error") for d in loaded.warnings])
    mode = loaded.mode
    folder = templates_dir()
    formats = tuple(dict.fromkeys(formats))
    stem = output_stem(customer_path, mode)
    targets = {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}
    manifest_path = out_dir / f"{stem}.manifest.json"
    inputs_hash = _inputs_hash(loaded, library, folder, mode, house_style, pdf_a)
    terms = resolve_terms(loaded.customer, library.policy)
    result = BuildResult(customer_path, warnings=loaded.warnings)
    defaults = applied_defaults(terms)
    if defaults and loaded.customer.library_defaults == "accept":
        listed = "; ".join(f"{path} {value}" for path, value in defaults.items())
        result.notes.append(f"{customer_path}: the library's defaults apply (library_defaults: accept): {listed}")
    if not force and (previous := _up_to_date(manifest_path, inputs_hash, targets)) is not None:
        result.reused = list(targets.values())
        if deviations:
            result.notes.append(_deviation_note(customer_path, library, previous.get("deviations", [])))
        return result

    contract, rendered = render_outputs(loaded, library, house_style, formats, pdf_a=pdf_a)
    contents = {targets[fmt]: rendered[fmt] for fmt in formats}
    extra = _facts_of_the_build(loaded, library, contract)
    if contract.measures_left_out:
        result.notes.append(
            f"{customer_path}: measures of the profile left out of Annex II because the file contradicts them:"
            f" {', '.join(contract.measures_left_out)}"
        )
    if deviations:
        result.notes.append(_deviation_note(customer_path, library, extra["deviations"]))
    manifest = _manifest(loaded, library, mode, contract, inputs_hash, contents, folder, house_style, extra)
    if pdf_a and "pdf" in formats:
        manifest = archival_manifest(manifest)
    # The manifest goes last: a reader that sees it knows the files it lists are complete.
    result.written = write_files({**contents, manifest_path: manifest})[:-1]
    return result


def _facts_of_the_build(loaded: LoadedCustomer, library: Library, contract: Contract) -> dict[str, Any]:
    """What the manifest records beyond the inputs: defaults applied, open terms, deviations."""
    terms = resolve_terms(loaded.customer, library.policy)
    return {
        "defaults": applied_defaults(terms),
        "open_terms": open_terms(terms),
        "deviations": _deviations(contract),
        "measures_left_out": list(contract.measures_left_out),
    }


def _deviations(contract: Contract) -> list[dict[str, str | None]]:
    """Where the contract leaves the library, with the numbers the clauses got."""
    refs = contract.resolution.refs
    order = {item.clause.id: i for i, item in enumerate(c for s in contract.resolution.sections for c in s.clauses)}
    return [
        {
            "kind": d.kind,
            "clause": d.clause,
            "variant": d.variant,
            "article": d.article,
            "number": refs.get(d.clause),
            "customer_key": dotted(d.loc),
        }
        for d in sorted(contract.deviations, key=lambda d: order.get(d.clause, len(order)))
    ]


def _deviation_note(customer_path: Path, library: Library, deviations: list[dict[str, str | None]]) -> str:
    head = f"{customer_path}: deviations from library {library.meta.id} {library.meta.version}"
    if not deviations:
        return f"{head}: none"
    lines = [
        f"  {d['number'] or d['article']} {d['clause']}: "
        + ("added" if d["kind"] == "add" else f"replaced{' (variant ' + d['variant'] + ')' if d['variant'] else ''}")
        + f" ({d['customer_key']})"
        for d in deviations
    ]
    return "\n".join([f"{head}:", *lines])


def render_outputs(
    loaded: LoadedCustomer, library: Library, style: Style, formats: Iterable[str], *, pdf_a: bool = False
) -> tuple[Contract, dict[str, bytes]]:
    """The bytes of each format for one loaded customer file, writing nothing (``build`` and ``verify``).

    Every file carries its provenance (``provenance.py``); with ``pdf_a`` the PDF is PDF/A-3b
    and embeds the customer file and the manifest's inputs part (``archival.py``).
    """
    from dpa_gen.writers import writer

    folder, mode, formats = templates_dir(), loaded.mode, tuple(formats)
    contract = compose(loaded.customer, library, mode)
    document = with_provenance(contract.document, provenance_for(loaded, library, style, templates_digest(folder)))
    archive = None
    if pdf_a and "pdf" in formats:
        inputs_hash = _inputs_hash(loaded, library, folder, mode, style, pdf_a)
        extra = _facts_of_the_build(loaded, library, contract)
        manifest = _manifest(loaded, library, mode, contract, inputs_hash, {}, folder, style, extra)
        archive = archive_for(loaded, output_stem(loaded.path, mode), manifest)
    rendered = {}
    for fmt in formats:
        if fmt == "pdf":
            from dpa_gen.writers.pdf import PdfWriter

            rendered[fmt] = PdfWriter(archive).render(document, style)
        else:
            rendered[fmt] = writer(fmt).render(document, style)
    return contract, rendered


def _inputs_hash(
    loaded: LoadedCustomer, library: Library, templates: Path, mode: LanguageMode, style: Style, pdf_a: bool = False
) -> str:
    # The PDF variant is an input: reusing a plain PDF for --pdf-a (or back) would be wrong.
    variant = PDF_A if pdf_a else "pdf"
    parts = [__version__, loaded.digest, library.digest, templates_digest(templates), mode, style.digest, variant]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


MAX_MANIFEST_BYTES = 1024 * 1024


def _up_to_date(manifest_path: Path, inputs_hash: str, targets: Mapping[str, Path]) -> dict[str, Any] | None:
    """The manifest of a previous build from these inputs whose outputs are intact, else None.

    Only regular files are read (a named pipe at an output path would block forever); anything
    else counts as out of date, and writing then refuses to replace it.
    """
    try:
        manifest = json.loads(read_regular_file(manifest_path, MAX_MANIFEST_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("inputs_sha256") != inputs_hash:
        return None
    outputs = manifest.get("outputs", {})
    for path in targets.values():
        expected = outputs.get(display_path(path.name)) if isinstance(outputs, dict) else None
        try:
            if expected is None or regular_file_sha256(path) != expected:
                return None
        except OSError:
            return None
    return manifest


def _manifest(
    loaded: LoadedCustomer,
    library: Library,
    mode: LanguageMode,
    contract: Contract,
    inputs_hash: str,
    contents: Mapping[Path, bytes],
    templates: Path,
    style: Style,
    extra: Mapping[str, Any],
) -> bytes:
    data = {
        **extra,
        "generator": f"dpa-gen {__version__}",
        "customer": {"file": display_path(loaded.path.name), "sha256": loaded.digest},
        "library": {"id": library.meta.id, "version": library.meta.version, "sha256": library.digest},
        "templates_sha256": templates_digest(templates),
        "style": style.manifest(),
        "languages": mode.value,
        "clauses": contract.resolution.choices(),
        "inputs_sha256": inputs_hash,
        "outputs": {display_path(path.name): hashlib.sha256(content).hexdigest() for path, content in contents.items()},
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
