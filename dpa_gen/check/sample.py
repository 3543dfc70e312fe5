"""Sample customers made from the schema: one with every optional field set, one with only
what the schema requires.

Why from the schema and not a YAML file: ``check`` must work from an installed wheel, and the
samples must follow the schema as it is. Each field's ``Setting.sample`` gives its value
(or it is derived from the type); a new field is in the samples without touching this file.
The complete sample's facts are the yardstick for clause variables (does
``controller.dpo.email`` exist?) and the sample contract of the coverage table.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, cast

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dpa_gen.facts import customer_facts
from dpa_gen.library import Library
from dpa_gen.models.base import Lang, LanguageMode, LocalText, Term
from dpa_gen.models.customer import Customer, Party, Registration
from dpa_gen.models.library import VocabEntry
from dpa_gen.models.settings import is_list_field, leaf_types, nested_model, setting_of

SAMPLES = ("complete", "minimal")
"""The sample customers: every optional field filled, and only what the schema requires."""


class SampleError(Exception):
    """A field whose sample value cannot be derived: give it ``Setting(sample=…)``."""


def sample_data(model: type[BaseModel], *, complete: bool) -> dict[str, Any]:
    """Plain data (as read from YAML) for ``model``: every field, or only the required ones."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if field.exclude or (not complete and not field.is_required()):
            continue
        data[field.alias or name] = _field_sample(name, field, complete=complete)
    return data


def _field_sample(name: str, field: FieldInfo, *, complete: bool) -> Any:
    setting = setting_of(field)
    if setting is not None and setting.sample is not None:
        sample = setting.sample
        # The minimal customer has one item where a list is required.
        return sample[:1] if isinstance(sample, list) and not complete else sample
    inner, is_list = nested_model(field.annotation)
    if inner is not None:
        value = sample_data(inner, complete=complete)
        return [value] if is_list else value
    value = _leaf_sample(name, leaf_types(field.annotation))
    return [value] if is_list_field(field.annotation) else value


def _leaf_sample(name: str, types: list[Any]) -> Any:
    """A value for a leaf type: a text in both languages, the first choice of a closed set."""
    for kind in types:
        if kind in (LocalText, Term):
            return {"nl": f"{name} (nl)", "en": f"{name} (en)"}
        if typing.get_origin(kind) is typing.Literal:
            return str(typing.get_args(kind)[0])
        if isinstance(kind, type) and issubclass(kind, Enum):
            return str(next(iter(kind)).value)
        if kind is bool:
            return "true"
        if kind is str:
            return name
    raise SampleError(f"no sample for {name!r} ({types}); give it Setting(sample=…)")


@cache
def sample_customer(which: str = "complete") -> Customer:
    """A sample customer.

    The complete one's parties have both a KvK number and another registration, which no
    file may have, so that every field exists.
    """
    data = sample_data(Customer, complete=which == "complete")
    if which != "complete":
        return Customer.model_validate(data)
    registration = Registration.model_validate(data["controller"].pop("registration"))
    del data["processor"]["registration"]
    customer = Customer.model_validate(data)

    def registered(party: Party) -> Party:
        return party.model_copy(update={"registration": registration})

    return customer.model_copy(
        update={"controller": registered(customer.controller), "processor": registered(customer.processor)}
    )


@dataclass(frozen=True)
class _Policy:
    eea_countries: tuple[str, ...]


@dataclass(frozen=True)
class _StubLibrary:
    """What ``customer_facts`` reads from a library, for a library that may not load."""

    vocabulary: dict[str, dict[str, VocabEntry]]
    policy: _Policy


_STUB = _StubLibrary(
    vocabulary={
        "safeguards": {"scc": VocabEntry(nl="standaardcontractbepalingen", en="standard contractual clauses")},
        "data_categories": {},
    },
    policy=_Policy(eea_countries=("DE", "NL")),
)


@cache
def sample_facts(lang: Lang, mode: LanguageMode = LanguageMode.NL_EN, which: str = "complete") -> dict[str, Any]:
    """The facts of a sample customer (the complete one's are what clause text may use)."""
    return customer_facts(sample_customer(which), cast(Library, _STUB), lang, mode)


def sample_runs(lang: Lang) -> list[tuple[str, dict[str, Any]]]:
    """The samples a text in ``lang`` is tried with: each sample customer in each mode."""
    modes = (LanguageMode(lang), LanguageMode.NL_EN)
    return [
        (f"the {which} sample customer ({mode})", sample_facts(lang, mode, which))
        for which in SAMPLES
        for mode in modes
    ]
