"""Build a contract in memory from a customer written as a Python dict, and read its text.

Why: a generator multiplies every wording, so the generated text is tested for every variant
in both languages, including variants no example uses. ``contract_text(customer(...), "nl")``
composes with the bundled library (or another) and returns the text a reader sees, one block
per line, numbers and all; ``clause_text`` gives one clause.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from dpa_gen.document import (
    Block,
    Clause,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    SignatureBlock,
    Table,
    plain_text,
)
from dpa_gen.engine import compose, load_customer
from dpa_gen.library import Library, load_library
from dpa_gen.models.base import LanguageMode

REPO = Path(__file__).resolve().parent.parent

BASE: dict[str, Any] = {
    "contract": {
        "effective_date": "2026-03-01",
        "main_agreement": {
            "title": {"nl": "Dienstverleningsovereenkomst", "en": "Services Agreement"},
            "date": "2026-02-15",
        },
    },
    "controller": {
        "name": "Bakkerij De Korenschoof B.V.",
        "legal_form": "bv",
        "kvk": "01234567",
        "address": {"street": "Marktplein 3", "postcode": "3511 AB", "city": "Utrecht"},
        "representative": {"name": "Anna de Vries", "role": "managing_director"},
        "contact": {"name": "Anna de Vries", "email": "privacy@korenschoof.nl"},
    },
    "processor": {
        "name": "Mailflow B.V.",
        "legal_form": "bv",
        "kvk": "87654321",
        "address": {"street": "Keizersgracht 1", "postcode": "1015 CJ", "city": "Amsterdam"},
        "contact": {"name": "Security Desk", "email": "security@mailflow.example"},
        "dpo": "none",
    },
    "processing": {
        "subject_matter": {"nl": "het verzenden van nieuwsbrieven", "en": "sending newsletters"},
        "nature": ["storage", "email_sending"],
        "purposes": ["email_marketing"],
        "data_categories": ["email_address"],
        "data_subjects": ["customers"],
        "locations": ["NL"],
    },
    "library_defaults": "accept",
}


def customer(**changes: Any) -> dict[str, Any]:
    """The base customer with ``changes`` merged in: ``customer(breach={"notice_hours": "24 hours"})``.

    A value of ``None`` removes the key.
    """
    data = copy.deepcopy(BASE)
    _merge(data, changes)
    return data


def _merge(target: dict[str, Any], changes: Mapping[str, Any]) -> None:
    for key, value in changes.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def build_document(data: Mapping[str, Any], mode: str, tmp: Path, library: Library | None = None) -> Document:
    """Compose ``data`` (written to a YAML file, as a user would) in ``mode``."""
    library = library or load_library(REPO / "clauses")
    path = tmp / "customer.yaml"
    path.write_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_customer(path, library, LanguageMode(mode))
    return compose(loaded.customer, library, loaded.mode).document


def contract_text(data: Mapping[str, Any], lang: str, tmp: Path, library: Library | None = None) -> str:
    """The whole contract in one language as plain text, one block (paragraph, list item, row) per line."""
    document = build_document(data, lang, tmp, library)
    return "\n".join(line for block in document.blocks for line in _lines(block))


def clause_text(data: Mapping[str, Any], lang: str, clause_id: str, tmp: Path, library: Library | None = None) -> str:
    """The text of one clause (its number first), or "" when the contract does not include it."""
    document = build_document(data, lang, tmp, library)
    for block in document.blocks:
        if isinstance(block, Clause) and block.anchor == f"{lang}-{clause_id}":
            return "\n".join(_lines(block))
    return ""


def _lines(block: Block) -> list[str]:
    match block:
        case Heading():
            return [block.full_title]
        case Clause():
            lines: list[str] = []
            for i, body in enumerate(block.body):
                prefix = f"{block.number} " if i == 0 and block.number else ""
                lines.extend(prefix + line for line in _lines(body))
            return lines
        case Paragraph():
            return [plain_text(block.inlines)]
        case ListBlock():
            return [f"({chr(97 + i)}) {plain_text(item)}" for i, item in enumerate(block.items)]
        case Table():
            header = [" | ".join(c.label for c in block.columns)] if block.header else []
            rows = [" | ".join(" / ".join(plain_text(line) for line in cell) for cell in row) for row in block.rows]
            return header + rows
        case SignatureBlock():
            return [
                f"{s.party_label}: {s.party_name} {s.name or ''} {s.role or ''}".rstrip() for s in block.signatories
            ]
        case Parallel():
            return [line for left, right in block.rows for line in (*_lines(left), *_lines(right))]
        case PageBreak():
            return []
    return []
