"""One text policy for every string of every schema, by construction (reliability item 3).

The tests walk the schemas and real data, not a list of fields: a string field added later
is covered without anyone remembering to add it here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from dpa_gen.library import VocabularyFile
from dpa_gen.models import library as lib
from dpa_gen.models.base import Model, applies_text_policy
from dpa_gen.models.customer import Customer
from dpa_gen.models.labels import Labels
from dpa_gen.sources import read_yaml
from tests.conftest import EXAMPLES, FIXTURES

BIDI = "\u202e"  # passes every pattern of the schema (e-mail, phone, postcode); only the policy refuses it
SCHEMAS: list[type[BaseModel]] = [
    Customer,
    Labels,
    VocabularyFile,
    lib.Section,
    lib.LibraryMeta,
    lib.Measures,
    lib.Duties,
    lib.Policy,
    lib.Terms,
]
# Values that are not free text: a closed choice, a flag, a date or a number refuse the
# character with their own message (and never reach a document as typed).
NOT_TEXT = ("literal_error", "enum", "bool_parsing")
NOT_TEXT_MESSAGES = ("must be true or false", "YYYY-MM-DD", "whole number", "real date")


@pytest.mark.parametrize("model", SCHEMAS, ids=lambda m: m.__name__)
def test_every_string_of_every_schema_passes_the_policy(model: type[BaseModel]) -> None:
    assert applies_text_policy(model.__pydantic_core_schema__)


def test_a_new_string_field_cannot_skip_it() -> None:
    class Later(Model):
        plain: str
        keyed: dict[str, list[str]] = {}

    assert applies_text_policy(Later.__pydantic_core_schema__)
    with pytest.raises(ValidationError, match=r"U\+0001"):
        Later.model_validate({"plain": "a\x01b"})
    with pytest.raises(ValidationError, match=r"U\+200B"):
        Later.model_validate({"plain": "a", "keyed": {"k\u200b": ["x"]}})

    class Unprotected(BaseModel):
        plain: str

    assert not applies_text_policy(Unprotected.__pydantic_core_schema__)


def string_leaves(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_leaves(value, (*loc, index))
    elif isinstance(data, str):
        yield loc, data


def with_value(data: Any, loc: tuple[str | int, ...], value: str) -> Any:
    if not loc:
        return value
    if isinstance(data, dict):
        return {k: with_value(v, loc[1:], value) if k == loc[0] else v for k, v in data.items()}
    return [with_value(v, loc[1:], value) if i == loc[0] else v for i, v in enumerate(data)]


def user_loc(found: tuple[str | int, ...], wanted: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Pydantic's loc without its markers ("function-after[...]"), keeping the data's own keys."""
    # A key that takes one entry or a list of them (a representative) adds an index of its own.
    return tuple(
        p
        for p in found
        if p in wanted or not (isinstance(p, int) or "[" in p or p[:1].isupper())  # index, marker, union member
    )


def assert_refused_everywhere(model: type[BaseModel], data: Any) -> int:
    """Put the character into each string of ``data`` in turn; each must be refused at its place."""
    model.model_validate(data)
    checked = 0
    for loc, text in string_leaves(data):
        with pytest.raises(ValidationError) as caught:
            model.model_validate(with_value(data, loc, text[:1] + BIDI + text[1:]))
        errors = [e for e in caught.value.errors() if user_loc(e["loc"], loc)[: len(loc)] == loc]
        assert errors, (loc, caught.value.errors())
        if any(e["type"] in NOT_TEXT or any(m in e["msg"] for m in NOT_TEXT_MESSAGES) for e in errors):
            continue  # a closed choice (a key, `none`): a changed word is simply not one of them
        assert any("U+202E" in e["msg"] for e in errors), (loc, errors)
        checked += 1
    return checked


@pytest.mark.slow  # every string of every example, each refused in turn
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_string_of_a_real_customer_file_is_checked(example: Path) -> None:
    assert assert_refused_everywhere(Customer, read_yaml(example).data) > 10


def test_every_string_of_the_customer_schema_is_checked() -> None:
    """A file that fills every string field once (DPO, registration and postcode included)."""
    data = read_yaml(FIXTURES / "customer.yaml").data
    data["controller"]["dpo"] = {"name": "DPO", "role": "functionaris", "email": "dpo@a.nl", "phone": "+31 20 1234567"}
    data["processor"].pop("kvk")
    data["processor"]["registration"] = {"register": "kbo", "number": "0123.456.789"}
    data["contract"]["reference"] = "VO-1"
    data["signing"] = {"place": "Utrecht"}
    data["law"] = {"court": "Rechtbank Amsterdam"}
    assert assert_refused_everywhere(Customer, data) > 20


LIBRARY_FILES = {
    "library.yaml": lib.LibraryMeta,
    "vocabulary.yaml": VocabularyFile,
    "measures.yaml": lib.Measures,
    "duties.yaml": lib.Duties,
    "terms.yaml": lib.Terms,
    "01-definitions.yaml": lib.Section,
    "02-breach.yaml": lib.Section,
}


@pytest.mark.parametrize("name", sorted(LIBRARY_FILES))
def test_every_string_of_the_library_is_checked(name: str) -> None:
    assert assert_refused_everywhere(LIBRARY_FILES[name], read_yaml(FIXTURES / "library" / name).data) > 0


def test_the_kvk_pattern_takes_ascii_digits_only() -> None:
    from pydantic import TypeAdapter

    from dpa_gen.models.parties import KvkNumber

    assert TypeAdapter(KvkNumber).validate_python("01234567") == "01234567"
    with pytest.raises(ValidationError):
        TypeAdapter(KvkNumber).validate_python("٠١٢٣٤٥٦٧")  # Arabic-Indic digits match \d
