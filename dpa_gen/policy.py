"""Contract terms under the library's policy: the value each term takes, and where it came from.

A term (a schema field with ``Setting(term=True)``) takes the customer file's value; when the
file leaves it out, the library's default from ``policy.yaml`` (reported, never silent); when
the file says ``open``, the policy's wording for an open term. Everything that needs a term's
value (the facts clause text sees, the guardrails, the manifest) asks :func:`resolve_terms`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from dpa_gen.errors import did_you_mean
from dpa_gen.models.customer import Customer
from dpa_gen.models.library import Policy, TermPolicy
from dpa_gen.models.settings import FieldSpec, Loc, schema_fields
from dpa_gen.models.terms import OPEN, describe
from dpa_gen.periods import Period

Source = Literal["file", "default", "open", "unset"]


@dataclass(frozen=True, slots=True)
class TermValue:
    """One term of one customer: its value and whether the file, the library or nobody set it."""

    path: str
    value: Any  # None when unset; the string "open" when left open
    source: Source


@cache
def term_fields() -> tuple[FieldSpec, ...]:
    """Every contract term of the customer schema, in schema order."""
    return tuple(spec for spec in schema_fields(Customer) if spec.setting is not None and spec.setting.term)


@cache
def _adapter(spec: FieldSpec) -> TypeAdapter[Any]:
    return TypeAdapter(spec.field.annotation)


def parse_default(spec: FieldSpec, raw: object) -> Any:
    """A policy default read as the customer file would be; raise ``ValueError`` if it cannot be."""
    value = list(raw) if isinstance(raw, tuple) else raw
    try:
        return _adapter(spec).validate_python(value)
    except ValidationError as exc:
        raise ValueError(exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")) from None


def resolve_terms(customer: Customer, policy: Policy) -> dict[str, TermValue]:
    """Every term of ``customer``: its own value, the library default, ``open`` or unset."""
    out: dict[str, TermValue] = {}
    for spec in term_fields():
        value = _value_at(customer, spec.loc)
        rule = policy.terms.get(spec.dotted)
        if value is not None:
            out[spec.dotted] = TermValue(spec.dotted, value, "open" if value == OPEN else "file")
        elif _replaced(customer, spec):
            out[spec.dotted] = TermValue(spec.dotted, None, "unset")
        elif rule is not None and rule.default is not None:
            out[spec.dotted] = TermValue(spec.dotted, _default(spec, rule), "default")
        else:
            out[spec.dotted] = TermValue(spec.dotted, None, "unset")
    return out


def _replaced(customer: Customer, spec: FieldSpec) -> bool:
    """Whether the file gives the field that takes this term's place (``Setting.unless``)."""
    assert spec.setting is not None  # term fields carry a Setting
    sibling = spec.setting.unless
    return sibling is not None and _value_at(customer, (*spec.loc[:-1], sibling)) is not None


def _default(spec: FieldSpec, rule: TermPolicy) -> Any:
    return parse_default(spec, rule.default)


def _value_at(customer: Customer, loc: Loc) -> Any:
    value: Any = customer
    for part in loc:
        if value is None:
            return None
        value = _attribute(value, part)
    return value


def _attribute(model: Any, key: str) -> Any:
    for name, field in type(model).model_fields.items():
        if key in (name, field.alias):
            return getattr(model, name)
    raise KeyError(key)  # pragma: no cover - term paths come from the schema


def applied_defaults(terms: Mapping[str, TermValue]) -> dict[str, str]:
    """The terms that took the library's default, path → value as a file would write it."""
    return {path: describe(term.value) for path, term in terms.items() if term.source == "default"}


def open_terms(terms: Mapping[str, TermValue]) -> list[str]:
    """The terms the file leaves open on purpose."""
    return [path for path, term in terms.items() if term.source == "open"]


def in_range(value: Any, rule: TermPolicy, country: str) -> bool:
    """Whether a number or period lies inside the policy's range."""
    if rule.min is None and rule.max is None:
        return True
    low = rule.min if rule.min is not None else 0
    high = rule.max if rule.max is not None else 10**12
    if isinstance(value, Period):
        if rule.unit is None or value.unit == rule.unit:
            return low <= value.amount <= high
        if rule.unit == "business_days":
            # A calendar-day period is inside a business-day range when its business days surely are:
            # compare it with the shortest and longest calendar spans of the range's ends.
            shortest = Period(max(low, 0), "business_days").span_days(_calendar(country))[0] if low else 0
            longest = Period(high, "business_days").span_days(_calendar(country))[1]
            spans = value.span_days(_calendar(country)) if value.unit != "hours" else (0, 0)
            return value.unit != "hours" and shortest <= spans[0] and spans[1] <= longest
        return value.within(low, high, rule.unit, _calendar(country))
    if isinstance(value, bool) or not isinstance(value, int):
        return True
    return low <= value <= high


def _calendar(country: str) -> Literal["NL", "BE"]:
    return "BE" if country == "BE" else "NL"


def describe_range(rule: TermPolicy) -> str:
    """``14–90 days`` as a message or the README writes it."""
    unit = f" {rule.unit.replace('_', ' ')}" if rule.unit else ""
    if rule.min is not None and rule.max is not None:
        return f"{rule.min}–{rule.max}{unit}"
    if rule.min is not None:
        return f"at least {rule.min}{unit}"
    return f"at most {rule.max}{unit}"


def policy_problems(policy: Policy) -> Iterator[tuple[tuple[str, ...], str]]:
    """What is wrong with the policy's terms against the schema: (location, message) pairs."""
    known = {spec.dotted: spec for spec in term_fields()}
    for path in policy.terms:
        if path not in known:
            yield ("terms", path), f"{path!r} is not a term of the customer schema{did_you_mean(path, known)}"
    for path, spec in known.items():
        rule = policy.terms.get(path)
        if rule is None:
            yield (
                ("terms",),
                f"the term {path!r} of the customer schema is missing; give at least its default or `{{}}`",
            )
            continue
        if rule.default is not None:
            try:
                value = parse_default(spec, rule.default)
            except ValueError as exc:
                yield ("terms", path, "default"), f"the default of {path!r} is not a value the file could write: {exc}"
                continue
            if value == OPEN:
                yield ("terms", path, "default"), "a default cannot be `open`; give a value, or leave the default out"
            elif not in_range(value, rule, "NL"):
                yield ("terms", path, "default"), f"the default lies outside the allowed range ({describe_range(rule)})"
