"""The change file of ``dpa-gen notify``: an intended change of sub-processors, for many customers.

Why one file for every customer: a processor changes a sub-processor once, for all the
customers whose agreements name it. The change says what is added, replaced and removed and
when it takes effect; each customer's own file says whether that concerns it and which
periods apply. New entries are written exactly like an entry of a customer's
``subprocessors.list`` (the same model), so they can be copied into the customer files after
the change.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from dpa_gen.models.base import Key, Line, Model
from dpa_gen.models.processing import Subprocessor

Pattern = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\s/\\]+$")]


class Replacement(Model):
    """One sub-processor that takes the place of another, for the customers that engage the old one."""

    old: Line
    new: Subprocessor


class Affects(Model):
    """Which customers the change concerns; without it, every customer file given.

    A customer is concerned when its file name matches one of ``customers`` or its Annex III
    lists a sub-processor (or a category) for one of ``services``.
    """

    customers: Annotated[list[Pattern], Field(max_length=500)] = []
    services: Annotated[list[Key], Field(max_length=50)] = []


class Change(Model):
    """``change.yaml``: what changes, from when, and for whom."""

    effective: dt.date
    reference: Line | None = None
    add: Annotated[list[Subprocessor], Field(max_length=50)] = []
    replace: Annotated[list[Replacement], Field(max_length=50)] = []
    remove: Annotated[list[Line], Field(max_length=50)] = []
    affects: Affects | None = None


def same_name(a: str, b: str) -> bool:
    """Whether two sub-processor names are the same one: case and spacing do not matter."""
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    """The form names are compared in."""
    return " ".join(name.casefold().split())
