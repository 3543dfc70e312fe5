"""Turn parsed YAML into models, mapping every pydantic error to a file position and plain words."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from dpa_gen.errors import Diagnostic, UserError, did_you_mean, hidden, shown
from dpa_gen.sources import Loc, Sourced, dotted

M = TypeVar("M", bound=BaseModel)

_PATTERN_HINTS = {
    r"^[0-9]{8}$": 'must be the 8-digit KvK number, in quotes: kvk: "01234567"',
    r"^[A-Z]{2}$": "must be a two-letter country code in capitals, such as NL, DE or US",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "must be an e-mail address, such as privacy@example.nl",
    r"^\+?[0-9][0-9 ()./-]{4,24}$": "must be a phone number, such as +31 20 123 4567",
    r"^[a-z][a-z0-9_]*$": "must be a lower-case key with underscores, such as email_marketing",
    r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$": "must be a dotted lower-case id, such as security.encryption",
}


def validate_model(model: type[M], sourced: Sourced, *, what: str = "file") -> M:
    """Validate ``sourced.data`` as ``model``; raise ``UserError`` with every problem found."""
    if sourced.data is None:
        raise UserError([Diagnostic(sourced.where(()), "", f"the {what} is empty; it needs key: value lines")])
    if not isinstance(sourced.data, dict):
        raise UserError(
            [Diagnostic(sourced.where(()), "", f"the {what} must hold key: value lines, not a list or text")]
        )
    try:
        return model.model_validate(sourced.data)
    except ValidationError as exc:
        errors = _one_union_member(exc.errors(include_url=False), sourced.data)
        raise UserError([diagnostic_for(error, sourced, model) for error in errors]) from None


def _one_union_member(errors: list[ErrorDetails], data: Any) -> list[ErrorDetails]:
    """The errors of the union member the input was meant for.

    Why: for ``dpo: {name: …, email: …}`` against "a contact, or `none`", pydantic reports the
    contact's real problem and also that the mapping is not `none`. An error about a whole value
    is dropped when another error lies inside that same value: the user wrote that shape.
    """
    locs = [_user_loc(error["loc"], data) for error in errors]
    return [
        error
        for error, loc in zip(errors, locs, strict=True)
        if len(loc) == len(error["loc"])  # no marker: not a union member's error
        or not any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
    ]


def diagnostic_for(error: ErrorDetails, sourced: Sourced, model: type[BaseModel]) -> Diagnostic:
    """One pydantic error as a positioned, friendly diagnostic."""
    loc = _user_loc(error["loc"], sourced.data)
    kind = error["type"]
    if kind == "missing":
        parent = loc[:-1]
        pos = sourced.where(parent, key=True) if parent else sourced.where(())
        return Diagnostic(pos, dotted(loc), "missing required key; add it")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hint = did_you_mean(name, _fields_at(model, loc[:-1]))
        key = dotted(loc[:-1])
        key = f"{key}.{hidden(name)}" if key else hidden(name)  # the customer's own word: --redact hides it
        return Diagnostic(sourced.where(loc, key=True), key, f"unknown key {shown(name)}{hint}")
    known = _known_prefix(loc, sourced)
    return Diagnostic(sourced.where(loc), dotted(known), _message(error))


def _user_loc(loc: tuple[int | str, ...], data: Any) -> Loc:
    """``loc`` without the markers pydantic adds ("function-after[...]", "[key]").

    Why against the data: a user's own key may contain "[" too (``foo[bar]: 1``); a part is
    the user's when the data has it, and a marker only when the data has not.
    """
    out: list[str | int] = []
    for part in loc:
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if in_list or (isinstance(data, dict) and part in data):
            data = data[part]
        elif isinstance(part, str) and ("[" in part or part[:1].isupper()):
            continue  # a marker, or the name of a union member ("Contact"): schema keys are lower case
        else:
            data = None
        out.append(part)
    return tuple(out)


def _known_prefix(loc: Loc, sourced: Sourced) -> Loc:
    while loc and loc not in sourced.values and loc not in sourced.keys:
        loc = loc[:-1]
    return loc


def _message(error: ErrorDetails) -> str:
    """A pydantic error in plain words: from the table of fixed messages, else worked out from its details."""
    kind = error["type"]
    fixed = _FIXED_MESSAGES.get(kind)
    if fixed is not None:
        return fixed
    explain = _EXPLAINED.get(kind)
    return explain(error, dict(error.get("ctx") or {})) if explain else str(error["msg"])


_FIXED_MESSAGES = {
    **dict.fromkeys(("int_parsing", "int_type", "int_from_float"), "must be a whole number"),
    "string_too_short": "must not be empty",
    **dict.fromkeys(("string_type", "str_type"), "must be text"),
    **dict.fromkeys(("list_type", "tuple_type"), "must be a list (one '- item' per line)"),
    **dict.fromkeys(("model_type", "dict_type", "model_attributes_type"), "must be a mapping (key: value lines)"),
    "bool_parsing": "must be true or false",
}


def _choice(error: ErrorDetails, ctx: dict[str, Any]) -> str:
    """A value outside a fixed set: the set, and a did-you-mean for a near miss."""
    expected = str(ctx.get("expected", ""))
    choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
    given = error.get("input")
    hint = did_you_mean(given, choices) if isinstance(given, str) else ""
    if isinstance(given, str) and not hint:
        hint = f" (not {shown(given)})"
    return f"must be one of {expected}{hint}"


def _date(error: ErrorDetails, ctx: dict[str, Any]) -> str:
    if "outside expected range" in str(error["msg"]):
        return "is not a real date; check the day and the month"
    return "must be a date written as YYYY-MM-DD, such as 2026-03-01"


def _too_short(error: ErrorDetails, ctx: dict[str, Any]) -> str:
    least = ctx.get("min_length")
    return "must list at least one item" if least == 1 else f"must list at least {least} items"


def _too_long(error: ErrorDetails, ctx: dict[str, Any]) -> str:
    if error["type"] == "too_long" and not isinstance(error.get("input"), str):
        return f"may list at most {ctx.get('max_length')} items"
    return f"is too long: {ctx.get('max_length')} characters at most"


_EXPLAINED: dict[str, Callable[[ErrorDetails, dict[str, Any]], str]] = {
    "value_error": lambda error, ctx: str(error["msg"]).removeprefix("Value error, "),
    "string_pattern_mismatch": lambda error, ctx: _PATTERN_HINTS.get(
        str(ctx.get("pattern")), "does not have the expected form"
    ),
    "literal_error": _choice,
    "enum": _choice,
    "greater_than_equal": lambda error, ctx: f"must be at least {ctx.get('ge')}",
    "less_than_equal": lambda error, ctx: f"must be at most {ctx.get('le')}",
    **dict.fromkeys(("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"), _date),
    "too_short": _too_short,
    **dict.fromkeys(("too_long", "string_too_long"), _too_long),
}


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at ``loc`` (for did-you-mean on an unknown key)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    models = _models_in(current)
    return sorted({field.alias or name for m in models for name, field in m.model_fields.items()})


def _step(annotation: Any, part: str | int) -> Any:
    models = _models_in(annotation)
    if isinstance(part, str):
        for m in models:
            for name, field in m.model_fields.items():
                if part in (name, field.alias):
                    return field.annotation
        mapping = _mapping_value(annotation)
        return mapping
    return _element(annotation)


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    return [a for a in _unwrap(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]


def _element(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        if typing.get_origin(candidate) in (list, tuple):
            return typing.get_args(candidate)[0]
    return None


def _mapping_value(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        if typing.get_origin(candidate) is dict:
            return typing.get_args(candidate)[1]
    return None
