"""What changed between two versions of a contract, in terms a lawyer reads: places, settings, deviations.

* **Places**: each clause (by its stable id) and each section's own text (its heading, the
  annex tables, the signature boxes), compared in every language of the contract: added,
  removed or changed, named by their number and title ("Artikel 9.1 Datalekken"), in the
  new contract (the old one for what was removed).
* **Settings**: the two customer files' validated values, compared by dotted path
  (``breach.notice_hours``), list items paired by content; the company's own clauses are
  left to deviations.
* **Deviations**: entries of ``clauses.add`` / ``clauses.replace`` in one file and not in
  the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from dpa_gen.document import Block, Clause, Document, Heading, PageBreak, Parallel
from dpa_gen.engine import Contract, load_labels
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.models.base import Lang
from dpa_gen.models.customer import Customer

Change = Literal["changed", "added", "removed"]
HEAD = ""  # the section id of what comes before the first section: title, subtitle, reference


@dataclass(frozen=True, slots=True)
class PlaceChange:
    """A clause or a section's own text that changed, with its name per language."""

    kind: Literal["clause", "section"]
    id: str
    change: Change
    names: Mapping[Lang, str]
    variants: tuple[str, str] | None = None  # (old, new) when the chosen variant changed


@dataclass(frozen=True, slots=True)
class SettingChange:
    """One value of the customer file, by dotted path; ``None`` where it was not set."""

    path: str
    change: Change
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Deviation:
    """An own clause of the company (``clauses.add`` or ``clauses.replace``) added or removed."""

    list: str
    change: Literal["added", "removed"]
    entry: Mapping[str, Any]

    @property
    def title(self) -> str:
        """``own.extra in audits (after audits.right)`` or ``replaces audits.costs#controller``."""
        if self.list == "clauses.replace":
            variant = f"#{self.entry['variant']}" if self.entry.get("variant") else ""
            return f"replaces {self.entry['clause']}{variant}"
        after = f" (after {self.entry['after']})" if self.entry.get("after") else ""
        return f"{self.entry.get('id') or 'own clause'} in {self.entry['article']}{after}"


@dataclass(frozen=True, slots=True)
class Side:
    """One version: its composed contract, customer and library."""

    contract: Contract
    customer: Customer
    library: Library


def place_changes(old: Side, new: Side, langs: tuple[Lang, ...]) -> list[PlaceChange]:
    """The clauses and sections whose text differs, in the new contract's order, removed ones last."""
    before = _places(old.contract)
    after = _places(new.contract)
    names_new, names_old = _names(new, langs), _names(old, langs)
    variants_old, variants_new = old.contract.resolution.choices(), new.contract.resolution.choices()
    out: list[PlaceChange] = []
    for key, blocks in after.items():
        kind, ident = key
        if key not in before:
            out.append(PlaceChange(kind, ident, "added", names_new.get(key, {})))
        elif before[key] != blocks:
            old_variant, new_variant = variants_old.get(ident), variants_new.get(ident)
            pair = (old_variant, new_variant) if old_variant and new_variant and old_variant != new_variant else None
            out.append(PlaceChange(kind, ident, "changed", names_new.get(key, {}), pair))
    for key in before:
        if key not in after:
            out.append(PlaceChange(key[0], key[1], "removed", names_old.get(key, {})))
    return out


def setting_changes(old: Customer, new: Customer) -> list[SettingChange]:
    """The values that differ between two customer files (own clauses excepted)."""
    exclude = {"clauses": True}
    before = old.model_dump(mode="json", by_alias=True, exclude_none=True, exclude=exclude)
    after = new.model_dump(mode="json", by_alias=True, exclude_none=True, exclude=exclude)
    return list(_value_changes(before, after, ""))


def deviation_changes(old: Customer, new: Customer) -> list[Deviation]:
    """Own clauses in the new file and not in the old (added), and the other way round (removed)."""
    out: list[Deviation] = []
    for name in ("add", "replace"):
        before = [entry.model_dump(mode="json", exclude_none=True) for entry in getattr(old.clauses, name)]
        after = [entry.model_dump(mode="json", exclude_none=True) for entry in getattr(new.clauses, name)]
        out.extend(Deviation(f"clauses.{name}", "added", entry) for entry in after if entry not in before)
        out.extend(Deviation(f"clauses.{name}", "removed", entry) for entry in before if entry not in after)
    return sorted(out, key=lambda d: d.change)


def plain(value: Any) -> Any:
    """A value as a reader wants it: no unset fields, a vocabulary term as its key."""
    if isinstance(value, dict):
        kept = {k: plain(v) for k, v in value.items() if v not in (None, [], {}, False)}
        if set(kept) == {"key"}:
            return kept["key"]
        return kept
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


# --- places --------------------------------------------------------------------------------


def _places(contract: Contract) -> dict[tuple[Literal["clause", "section"], str], list[Block]]:
    """Place → its blocks in every language, in document order."""
    section_of = {item.clause.id: s.section.id for s in contract.resolution.sections for item in s.clauses}
    out: dict[tuple[Literal["clause", "section"], str], list[Block]] = {}
    section = HEAD
    for block in _flat(contract.document):
        if isinstance(block, Clause):
            ident = _ident(block.anchor)
            section = section_of.get(ident, section)
            out.setdefault(("clause", ident), []).append(block)
        elif isinstance(block, Heading) and block.anchor is not None:
            section = _ident(block.anchor)
            out.setdefault(("section", section), []).append(block)
        elif not isinstance(block, PageBreak):
            out.setdefault(("section", section), []).append(block)
    return out


def _flat(document: Document) -> Iterator[Block]:
    for block in document.blocks:
        if isinstance(block, Parallel):
            for left, right in block.rows:
                yield left
                yield right
        else:
            yield block


def _ident(anchor: str) -> str:
    """``nl-breach.notification`` → ``breach.notification`` (see ``document.anchor``)."""
    return anchor.split("-", 1)[1]


def _names(side: Side, langs: tuple[Lang, ...]) -> dict[tuple[str, str], dict[Lang, str]]:
    """Place → how each language names it: ``Artikel 9.1 Datalekken``, ``Bijlage III Subverwerkers``."""
    out: dict[tuple[str, str], dict[Lang, str]] = {}
    kind = side.library.meta.kind(side.customer.contract.kind)
    out["section", HEAD] = {lang: kind.title.in_(lang) for lang in langs}
    for chosen in side.contract.resolution.sections:
        section, heading = chosen.section, KINDS[chosen.section.kind].heading
        for lang in langs:
            title = section.title.in_(lang)
            word = load_labels(lang).word(heading) if heading in ("article", "annex") else ""
            named = f"{word} {chosen.number} {title}" if word else title
            out.setdefault(("section", section.id), {})[lang] = named
            for item in chosen.clauses:
                if heading == "article":
                    name = f"{word} {item.number} {title}"
                else:
                    name = f"{title} {item.number}" if item.number and not word else named
                out.setdefault(("clause", item.clause.id), {})[lang] = name
    return out


# --- settings ------------------------------------------------------------------------------


def _value_changes(old: Any, new: Any, path: str) -> Iterator[SettingChange]:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            here = f"{path}.{key}" if path else key
            if key not in old:
                yield SettingChange(here, "added", None, new[key])
            elif key not in new:
                yield SettingChange(here, "removed", old[key], None)
            else:
                yield from _value_changes(old[key], new[key], here)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _list_changes(old, new, path)
    else:
        yield SettingChange(path, "changed", old, new)


def _list_changes(old: list[Any], new: list[Any], path: str) -> Iterator[SettingChange]:
    """List items paired by content, so one item added in the middle is one change."""
    keys = [json.dumps(item, sort_keys=True) for item in old], [json.dumps(item, sort_keys=True) for item in new]
    matcher = SequenceMatcher(None, *keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(paired):
            yield from _value_changes(old[i1 + offset], new[j1 + offset], f"{path}[{j1 + offset}]")
        for index in range(i1 + paired, i2):
            yield SettingChange(f"{path}[{index}]", "removed", old[index], None)
        for index in range(j1 + paired, j2):
            yield SettingChange(f"{path}[{index}]", "added", None, new[index])
