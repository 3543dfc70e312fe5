"""Sample customers made from the schema: every optional field set, or only what it requires.

Why from the schema and not a YAML file: ``check`` must work from an installed wheel, and the
samples must follow the schema as it is. Each field's ``Setting.sample`` gives its value
(or it is derived from the type); a new field is in the samples without touching this file.
The complete sample's facts are the yardstick for clause variables (does
``controller.dpo.email`` exist?) and the sample contract of the coverage table.
"""

from __future__ import annotations

import typing
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dpa_gen.facts import customer_facts
from dpa_gen.library import Library
from dpa_gen.models.base import Lang, LanguageMode, LocalText, Term
from dpa_gen.models.customer import Customer
from dpa_gen.models.parties import Party
from dpa_gen.models.settings import is_list_field, leaf_types, nested_model, setting_of

SAMPLES = ("complete", "minimal", "subprocessing")
"""The sample customers: every optional field filled, only what the schema requires, and a
sub-processing agreement with every optional field filled."""


class SampleError(Exception):
    """A field whose sample value cannot be derived: give it ``Setting(sample=…)``."""


def sample_data(model: type[BaseModel], *, complete: bool) -> dict[str, Any]:
    """Plain data (as read from YAML) for ``model``: every field, or only the required ones."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        setting = setting_of(field)
        if field.exclude or (not complete and not field.is_required()) or (setting and not setting.facts):
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
    """A sample customer: ``complete``, ``minimal`` or ``subprocessing``.

    The complete one has every field, even alternatives no file may have together (a KvK
    number and another register; all three parties), so that every variable exists.
    """
    data = sample_data(Customer, complete=which != "minimal")
    if which == "minimal":
        data["controller"] = sample_data(Party, complete=False)
    elif which == "subprocessing":
        data["contract"]["kind"] = "processor_subprocessor"
        del data["controller"]  # shared texts that print the controller must have a variant for this kind
    return Customer.model_validate(data, context={"sample": True})


@cache
def sample_facts(
    library: Library, lang: Lang, mode: LanguageMode = LanguageMode.NL_EN, which: str = "complete"
) -> dict[str, Any]:
    """The facts of a sample customer under ``library`` (its policy fills the terms the sample leaves out)."""
    return customer_facts(sample_customer(which), library, lang, mode)


def sample_runs(library: Library, lang: Lang) -> list[tuple[str, dict[str, Any]]]:
    """The samples a text in ``lang`` is tried with: each sample customer in each mode.

    The sub-processing sample only for a library that builds sub-processing agreements.
    """
    modes = (LanguageMode(lang), LanguageMode.NL_EN)
    samples = [w for w in SAMPLES if w != "subprocessing" or "processor_subprocessor" in library.meta.kinds]
    return [
        (f"the {which} sample customer ({mode})", sample_facts(library, lang, mode, which))
        for which in samples
        for mode in modes
    ]
