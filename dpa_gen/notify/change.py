"""Read a change file, check it, and work out what it changes for one customer.

Which customers a change concerns (the rule the README states):

* a customer is *in scope* when the change has no ``affects``, or its file name matches
  ``affects.customers``, or its Annex III lists a sub-processor (or a category) for one of
  ``affects.services``;
* for a customer in scope, an **addition** is a change unless its list already names that
  sub-processor; a **replacement** is a change only when its list names the old one;
* a **removal** is never a reason for a letter (art. 28(2) GDPR concerns additions and
  replacements): it is mentioned, and left out of the enclosed annex, only in a letter sent
  for another reason.

Names are compared without regard to case and spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from dpa_gen.errors import Diagnostic, SourcePos, UserError, did_you_mean, shown
from dpa_gen.library import Library
from dpa_gen.models.base import LanguageMode
from dpa_gen.models.change import Change, name_key
from dpa_gen.models.customer import Customer
from dpa_gen.models.processing import Subprocessor
from dpa_gen.sources import Loc, Sourced, dotted, read_yaml
from dpa_gen.validate import validate_model


@dataclass(frozen=True)
class ChangeFile:
    """A change file that passed its schema and checks."""

    path: Path
    change: Change
    source: Sourced


@dataclass(frozen=True)
class Effect:
    """What a change does to one customer's Annex III."""

    engaged: tuple[Subprocessor, ...]  # the list after the change
    added: tuple[int, ...]  # positions in ``engaged``
    replaced: tuple[tuple[int, int], ...]  # (position in the current list, position in ``engaged``)
    removed: tuple[int, ...]  # positions in the current list

    @property
    def announced(self) -> bool:
        """Whether the customer must be told (or asked): something is added or replaced."""
        return bool(self.added or self.replaced)


def read_change(path: Path, library: Library) -> ChangeFile:
    """Read and check a change file; every problem becomes a positioned ``UserError``."""
    sourced = read_yaml(path)
    change = validate_model(Change, sourced, what="change file")
    problems = [*_shape_problems(change, sourced, library), *_entry_problems(change, sourced, library)]
    if problems:
        raise UserError(problems)
    return ChangeFile(path, change, sourced)


def in_scope(change: Change, customer: Customer, path: Path) -> bool:
    """Whether ``change.affects`` includes this customer (see the module docstring)."""
    scope = change.affects
    if scope is None:
        return True
    if any(fnmatchcase(path.name, p) or fnmatchcase(path.stem, p) for p in scope.customers):
        return True
    services = set(scope.services)
    subs = customer.subprocessors
    keys = {s.service.key for s in subs.engaged} | {c.key for c in subs.categories}
    return bool(services & keys)


def effect_on(change: Change, customer: Customer, path: Path) -> Effect | None:
    """What ``change`` does to this customer's list; None when the customer is out of scope."""
    if not in_scope(change, customer, path):
        return None
    current = customer.subprocessors.engaged
    present = {name_key(s.name) for s in current}
    replacements = {name_key(r.old): r.new for r in change.replace}
    removals = {name_key(name) for name in change.remove}
    engaged: list[Subprocessor] = []
    replaced: list[tuple[int, int]] = []
    removed: list[int] = []
    for index, entry in enumerate(current):
        key = name_key(entry.name)
        new = replacements.get(key)
        if new is not None and name_key(new.name) not in present:
            replaced.append((index, len(engaged)))
            engaged.append(new)
        elif new is not None or key in removals:  # replaced by one it already engages: a removal
            removed.append(index)
        else:
            engaged.append(entry)
    added: list[int] = []
    for entry in change.add:
        if name_key(entry.name) not in {name_key(s.name) for s in engaged}:
            added.append(len(engaged))
            engaged.append(entry)
    return Effect(tuple(engaged), tuple(added), tuple(replaced), tuple(removed))


def with_list(customer: Customer, engaged: tuple[Subprocessor, ...]) -> Customer:
    """``customer`` with another Annex III list (already validated entries: no new validation)."""
    subprocessors = customer.subprocessors.model_copy(update={"engaged": list(engaged)})
    return customer.model_copy(update={"subprocessors": subprocessors})


def _shape_problems(change: Change, sourced: Sourced, library: Library) -> list[Diagnostic]:
    """Nothing to announce, names given twice, services the vocabulary lacks."""
    out: list[Diagnostic] = []
    if not change.add and not change.replace:
        out.append(
            Diagnostic(
                sourced.where(()),
                "",
                "the change adds or replaces no sub-processor, so there is nothing to announce (a removal alone"
                " needs no notice under art. 28(2) GDPR); give `add:` or `replace:`",
            )
        )
    seen: dict[str, Loc] = {}

    def once(name: str, loc: Loc, what: str) -> None:
        key = name_key(name)
        if key in seen:
            first = sourced.where(seen[key])
            message = f"{shown(name)} is {what} here and already named on line {first.line}; name it once"
            out.append(Diagnostic(sourced.where(loc), dotted(loc), message))
        else:
            seen[key] = loc

    for i, entry in enumerate(change.add):
        once(entry.name, ("add", i, "name"), "added")
    for i, replacement in enumerate(change.replace):
        once(replacement.new.name, ("replace", i, "new", "name"), "added")
    for i, replacement in enumerate(change.replace):
        once(replacement.old, ("replace", i, "old"), "replaced")
    for i, name in enumerate(change.remove):
        once(name, ("remove", i), "removed")
    if change.affects is not None:
        if not change.affects.customers and not change.affects.services:
            loc: Loc = ("affects",)
            message = "names no customers and no services; remove `affects` to concern every customer file given"
            out.append(Diagnostic(sourced.where(loc, key=True), "affects", message))
        known = library.vocabulary.get("services", {})
        for i, service in enumerate(change.affects.services):
            if service not in known:
                loc = ("affects", "services", i)
                hint = did_you_mean(service, known)
                message = f"unknown services key {shown(service)}{hint}; use a key from clauses/vocabulary.yaml"
                out.append(Diagnostic(sourced.where(loc), dotted(loc), message))
    return out


_ENTRY = re.compile(r"^subprocessors\.list\[(\d+)\]")


def _entry_problems(change: Change, sourced: Sourced, library: Library) -> list[Diagnostic]:
    """The guardrails a customer file's Annex III passes, applied to the new entries.

    Why through ``check_customer``: the same rules (service keys, country codes, a transfer
    safeguard that fits each country outside the EEA) must hold for an entry whether a
    customer file or a change file names it. The entries are put into the minimal sample
    customer, and the positions of the change file stand in for those of a customer file.
    """
    from dpa_gen.check.sample import sample_customer
    from dpa_gen.guardrails import check_customer

    entries: list[tuple[Loc, Subprocessor]] = [(("add", i), s) for i, s in enumerate(change.add)]
    entries += [(("replace", i, "new"), r.new) for i, r in enumerate(change.replace)]
    if not entries:
        return []
    probe = with_list(sample_customer("minimal"), tuple(entry for _, entry in entries))
    keys: dict[Loc, SourcePos] = {}
    values: dict[Loc, SourcePos] = {}
    for j, (loc, _) in enumerate(entries):
        for table, out in ((sourced.keys, keys), (sourced.values, values)):
            for where, pos in table.items():
                if where[: len(loc)] == loc:
                    out[("subprocessors", "list", j, *where[len(loc) :])] = pos
    relocated = Sourced(sourced.path, None, keys, values, sourced.blocks)
    found = []
    for diagnostic in check_customer(probe, relocated, library, LanguageMode.NL):
        match = _ENTRY.match(diagnostic.key)
        if diagnostic.severity != "error" or match is None:
            continue
        key = dotted(entries[int(match.group(1))][0]) + diagnostic.key[match.end() :]
        found.append(Diagnostic(diagnostic.pos, key, diagnostic.message, code=diagnostic.code))
    return found
