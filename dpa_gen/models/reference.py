"""The README's customer-file reference, generated from the schema and the bundled policy.

Why generated: a field declared once must be documented once. ``python -m
dpa_gen.models.reference`` prints the tables; ``tests/test_reference.py`` keeps the README equal.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from dpa_gen.models.base import Item, LocalText, Prose, Term
from dpa_gen.models.clauses import OwnBilingual
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import Policy
from dpa_gen.models.parties import Country, Email, KvkNumber, Party, Phone
from dpa_gen.models.settings import FieldSpec, is_list_field, nested_model, schema_fields
from dpa_gen.models.terms import describe
from dpa_gen.periods import Period
from dpa_gen.policy import describe_range

_PARTY_ROLES = ("controller", "processor", "subprocessor")


def reference_tables(policy: Policy) -> str:
    """The customer fields and the party fields as two Markdown tables."""
    customer = [spec for spec in schema_fields(Customer) if not _inside_party(spec)]
    party = list(schema_fields(Party))
    return "\n".join(
        [
            _table(customer, policy, prefix=""),
            "",
            "A **party** (`controller`, `processor`, `subprocessor`) has these keys:",
            "",
            _table(party, policy, prefix=""),
        ]
    )


def _inside_party(spec: FieldSpec) -> bool:
    return len(spec.loc) > 1 and spec.loc[0] in _PARTY_ROLES


def _table(specs: list[FieldSpec], policy: Policy, *, prefix: str) -> str:
    rows = ["| Key | Type | Default | Meaning |", "|---|---|---|---|"]
    for spec in specs:
        inner, is_list = nested_model(spec.field.annotation)
        alternatives = [k for k in _kinds(spec.field.annotation) if k is not inner]
        if inner is not None and not is_list and not alternatives and spec.loc[0] not in _PARTY_ROLES:
            continue  # a group of keys: its keys have rows of their own
        rows.append(
            f"| `{prefix}{spec.dotted}` | {_type(spec)} | {_default(spec, policy)} | {_meaning(spec, policy)} |"
        )
    return "\n".join(rows)


def _type(spec: FieldSpec) -> str:
    annotation = spec.field.annotation
    inner, is_list = nested_model(annotation)
    if inner is Party:
        return "party"
    words = [_word(kind, spec) for kind in _kinds(annotation) if kind is not inner]
    if inner is not None:
        return ", ".join(["list of entries" if is_list else "entries", *words])
    for meta in spec.field.metadata:  # a named alias at the top of a field is flattened into metadata
        pattern = getattr(meta, "pattern", None)
        if pattern in _PATTERNS:
            return _PATTERNS[pattern]
    text = ", ".join(dict.fromkeys(w for w in words if w))
    return f"list of {text}" if is_list_field(annotation) else text


_ALIASES = ((Country, "country code"), (Email, "e-mail address"), (Phone, "phone number"), (KvkNumber, "8 digits"))
_PATTERNS = {
    next(m.pattern for m in typing.get_args(alias)[1:] if getattr(m, "pattern", None)): word for alias, word in _ALIASES
}


def _kinds(annotation: Any) -> list[Any]:
    """The leaf types of a field, keeping the named aliases (a country code is not just text)."""
    if any(annotation == alias for alias, _ in _ALIASES):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated and annotation not in (Item, Prose):
        return _kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple):
        return [k for arg in typing.get_args(annotation) if arg is not type(None) for k in _kinds(arg)]
    return [annotation]


def _word(kind: Any, spec: FieldSpec) -> str:
    """How the reference table names one leaf type of a field: "whole number", "`yes`, `no`", …."""
    vocabulary = spec.setting.vocabulary if spec.setting else None
    if kind in (Term,) or kind == Item:
        return f"`{vocabulary}` key or `{{nl, en}}`" if vocabulary else "key or `{nl, en}`"
    return _text_word(kind) or _value_word(kind)


def _text_word(kind: Any) -> str | None:
    """The word for the schema's own text types (bilingual, local, periods, named aliases); None for others."""
    if kind is OwnBilingual:
        return "`{nl, en}`"
    if kind is LocalText or kind == Prose:
        return "text or `{nl, en}`"
    if kind is Period:
        return "period (`30 days`, `10 business days`, `48 hours`)"
    for alias, word in _ALIASES:
        if kind == alias:
            return word
    return None


def _value_word(kind: Any) -> str:
    """The word for a choice, a plain Python type or a nested model; "text" for anything else."""
    if typing.get_origin(kind) is typing.Literal:
        return ", ".join(f"`{value}`" for value in typing.get_args(kind))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return ", ".join(f"`{member.value}`" for member in kind)
    if kind is bool:
        return "`true`/`false`"
    if kind is dt.date:
        return "date `YYYY-MM-DD`"
    if kind is int:
        return "whole number"
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return kind.__name__.lower()
    return "text"


def _default(spec: FieldSpec, policy: Policy) -> str:
    if spec.setting is not None and spec.setting.term:
        rule = policy.terms.get(spec.dotted)
        if rule is not None and rule.default is not None:
            return f"{describe(rule.default)} (library)"
        return "—"
    if spec.required:
        return "required"
    default = spec.field.default
    if default is None or default == [] or isinstance(default, BaseModel):
        return "—"
    return f"`{describe(default)}`"


def _meaning(spec: FieldSpec, policy: Policy) -> str:
    text = spec.setting.doc if spec.setting else ""
    if spec.setting is not None and spec.setting.term:
        rule = policy.terms.get(spec.dotted)
        notes = []
        if rule is not None and (rule.min is not None or rule.max is not None):
            notes.append(f"policy: {describe_range(rule)}")
        if rule is not None and rule.open is not None:
            notes.append("may be `open`")
        if rule is not None and rule.explicit:
            notes.append("must be set")
        if spec.setting.unless is not None:
            notes.append(f"not used when `{spec.setting.unless}` is given")
        if notes:
            text += f" ({'; '.join(notes)})"
    return text.replace("|", "\\|")


def _main() -> None:
    from dpa_gen.library import load_library
    from dpa_gen.paths import clauses_dir

    print(reference_tables(load_library(clauses_dir()).policy))


if __name__ == "__main__":  # pragma: no cover
    _main()
