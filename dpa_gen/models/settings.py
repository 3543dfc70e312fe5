"""What a customer-file field means beyond its type, declared once beside the field.

Why: a customer setting used to be restated in five to twelve places (the facts templates
see, the sample customers of ``check``, the guardrails' ranges and vocabularies, the README
table). Now a field carries a ``Setting`` in its ``Annotated`` metadata and every one of
those places is derived from the schema by walking it (:func:`schema_fields`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, GetJsonSchemaHandler
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

if TYPE_CHECKING:
    from dpa_gen.models.base import Lang, Term
    from dpa_gen.models.library import VocabEntry

Loc = tuple[str, ...]  # field path with "[]" for "every item of this list"
ITEM = "[]"


@dataclass(frozen=True, slots=True)
class Setting:
    """The declaration of one customer-file field.

    ``doc`` is its meaning (README reference, JSON Schema description); ``sample`` its value
    in the complete sample customer of ``check`` (None: derived from the type, see
    ``check/sample.py``); ``vocabulary`` the vocabulary its keys come from; ``term`` marks a
    contract term the library's ``policy.yaml`` governs (range, default, open wording);
    ``facts`` False keeps it out of what clause text can read; ``unless`` names a sibling field
    that, when the file gives it, replaces this term, so no library default is applied (or
    reported) for it.
    """

    doc: str
    sample: Any = None
    vocabulary: str | None = None
    term: bool = False
    facts: bool = True
    unless: str | None = None

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """Put ``doc`` into ``dpa-gen schema``, so editors show it."""
        value = handler(schema)
        value.setdefault("description", self.doc)  # beside a "$ref" too (JSON Schema 2020-12)
        return value


class FactContext(Protocol):
    """What a model's ``derived_facts`` may ask while facts are made for one language."""

    lang: Lang

    def term(self, vocabulary: str, item: Term) -> str:
        """A vocabulary key's wording, or the customer's own text, in this language."""
        ...

    def label(self, vocabulary: str, key: str) -> str:
        """A vocabulary key's wording in this language."""
        ...

    def entry(self, vocabulary: str, key: str) -> VocabEntry | None:
        """A vocabulary entry with its flags, if the key exists."""
        ...

    def is_special(self, item: Term) -> bool:
        """Whether a data category is a special category (art. 9 or 10 GDPR)."""
        ...

    def country_name(self, code: str) -> str:
        """``DE`` → ``Duitsland`` / ``Germany``."""
        ...

    def in_eea(self, code: str) -> bool:
        """Whether a country lies in the EEA (the library's policy)."""
        ...

    def facts_of(self, value: Any, **overrides: Any) -> Any:
        """The facts of a model or list, as templates see them, with some values replaced."""
        ...


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the schema at its place: ``subprocessors.list[].name``."""

    loc: Loc  # names as users write them (aliases), "[]" for list items
    name: str  # the attribute name on the model
    field: FieldInfo
    setting: Setting | None
    owner: type[BaseModel]

    @property
    def dotted(self) -> str:
        """``subprocessors.list[].name``."""
        return dotted(self.loc)

    @property
    def key(self) -> str:
        """The name users write for it."""
        return self.loc[-1]

    @property
    def required(self) -> bool:
        """Whether a customer file must give it."""
        return self.field.is_required()


def dotted(loc: Loc) -> str:
    """``("a", "[]", "b")`` → ``a[].b``."""
    out = ""
    for part in loc:
        out += part if part == ITEM else (f".{part}" if out else part)
    return out


def setting_of(field: FieldInfo) -> Setting | None:
    """The ``Setting`` a field declares, if any."""
    for meta in field.metadata:
        if isinstance(meta, Setting):
            return meta
    return None


def schema_fields(model: type[BaseModel], loc: Loc = ()) -> Iterator[FieldSpec]:
    """Every field of ``model`` and of the models inside it, depth first, in declaration order."""
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        here = (*loc, field.alias or name)
        yield FieldSpec(here, name, field, setting_of(field), model)
        inner, is_list = nested_model(field.annotation)
        if inner is not None:
            yield from schema_fields(inner, (*here, ITEM) if is_list else here)


def nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (or holds a list of), unless it is a leaf value type.

    Leaf models (a ``{nl, en}`` text, a vocabulary term) declare ``__leaf__ = True``.
    """
    is_list = False
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if origin in (list, tuple):
            is_list = True
            for arg in typing.get_args(candidate):
                for inner in _unwrap(arg):
                    if _is_branch(inner):
                        return inner, True
        elif _is_branch(candidate):
            return candidate, False
    return None, is_list


def leaf_types(annotation: Any) -> list[Any]:
    """The value types a field may hold, with Annotated, Optional and list wrappers removed."""
    out: list[Any] = []
    for candidate in _unwrap(annotation):
        if typing.get_origin(candidate) in (list, tuple):
            for arg in typing.get_args(candidate):
                out.extend(a for a in _unwrap(arg) if a is not type(None))
        elif candidate is not type(None):
            out.append(candidate)
    return out


def is_list_field(annotation: Any) -> bool:
    """Whether the field holds a list."""
    return any(typing.get_origin(c) in (list, tuple) for c in _unwrap(annotation))


def _is_branch(candidate: Any) -> bool:
    return (
        isinstance(candidate, type) and issubclass(candidate, BaseModel) and not getattr(candidate, "__leaf__", False)
    )


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]
