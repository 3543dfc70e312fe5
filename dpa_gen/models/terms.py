"""Value types of contract terms: periods, and terms a customer file leaves open on purpose.

A period is "30 days", "10 business days" or "48 hours"; an open term is ``open``.

Why a type of their own: a period's unit is part of what the company offers ("within 10
business days" is not "within 10 days"), and "open" is a choice ("within a reasonable
period"), not a missing value. The wording of an open term is the legal team's
(``policy.yaml``); whether a term may be left open at all is too.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from dpa_gen.periods import Period, Unit

OPEN = "open"
Open = Literal["open"]


def _period(default_unit: Unit) -> Any:
    def parse(value: Any) -> Any:
        if isinstance(value, Period) or value == OPEN:
            return value
        if isinstance(value, bool):
            raise ValueError("must be a period such as 30 days or 10 business days")
        return Period.parse(value, default_unit)

    return parse


def _serialise(value: Period | str) -> str:
    if isinstance(value, Period):
        return f"{value.amount} {value.unit.replace('_', ' ')}"
    return value


_PERIOD_SCHEMA = WithJsonSchema(
    {
        "anyOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "pattern": r"^\s*[0-9]+\s*[A-Za-z ]*$", "examples": ["30 days", "10 business days"]},
            {"const": "open"},
        ]
    }
)

Days = Annotated[Period | Open, BeforeValidator(_period("days")), PlainSerializer(_serialise), _PERIOD_SCHEMA]
"""A period in days (a bare number), business days, weeks or months; or ``open``."""

Hours = Annotated[Period | Open, BeforeValidator(_period("hours")), PlainSerializer(_serialise), _PERIOD_SCHEMA]
"""A period in hours (a bare number), or days; or ``open``."""


def describe(value: Any) -> str:
    """A term value as a user would write it, for messages and the manifest."""
    if isinstance(value, Period):
        return _serialise(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    return str(getattr(value, "value", value))
