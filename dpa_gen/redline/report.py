"""The summary ``dpa-gen diff`` prints: text for people, JSON for programs (shape in the README).

``redact`` replaces every customer value (settings, own clauses) by ``…``; the names of
places and settings come from the library and the schema and stay.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dpa_gen import __version__
from dpa_gen.library import Library
from dpa_gen.models.base import LanguageMode
from dpa_gen.redline.summary import Deviation, PlaceChange, SettingChange, plain

IDENTICAL = "no changes: the contracts are identical"
HIDDEN = "…"


@dataclass(frozen=True)
class Version:
    """One side of a diff as the report names it: the customer file and the library."""

    customer: str
    library: Library
    library_name: str  # the folder, or ``REV:path`` for a git revision

    def as_json(self) -> dict[str, Any]:
        """The ``old`` / ``new`` member of the JSON report."""
        meta = self.library.meta
        library = {"id": meta.id, "version": meta.version, "sha256": self.library.digest, "folder": self.library_name}
        return {"customer": self.customer, "library": library}


@dataclass(frozen=True)
class DiffReport:
    """Everything the summary says."""

    old: Version
    new: Version
    mode: LanguageMode
    places: Sequence[PlaceChange]
    settings: Sequence[SettingChange]
    deviations: Sequence[Deviation]
    output: Path | None  # the redline written, None when the contracts are identical

    @property
    def identical(self) -> bool:
        """Whether the two contracts have the same text."""
        return self.output is None


def text_report(report: DiffReport, *, redact: bool = False) -> str:
    """The summary as lines of text."""
    lang = report.mode.langs[0]
    lines = [f"dpa-gen diff: {report.old.customer} → {report.new.customer} ({report.mode.value})"]
    old_meta, new_meta = report.old.library.meta, report.new.library.meta
    if report.old.library.digest == report.new.library.digest:
        lines.append(f"library: {new_meta.id} {new_meta.version}")
    else:
        lines.append(
            f"library: {old_meta.id} {old_meta.version} ({report.old.library_name})"
            f" → {new_meta.id} {new_meta.version} ({report.new.library_name})"
        )
    if report.identical:
        lines.append(IDENTICAL)
    else:
        lines.append("contract:")
        for place in report.places:
            variant = f" (variant {place.variants[0]} → {place.variants[1]})" if place.variants else ""
            lines.append(f"  {place.names.get(lang, place.id)}: {place.change}{variant}")
    if report.settings:
        lines.append("settings:" if not report.identical else "settings (the text does not change):")
        for setting in report.settings:
            lines.append(f"  {setting.path}: {_setting_text(setting, redact)}")
    for change in ("added", "removed"):
        found = [d for d in report.deviations if d.change == change]
        if found:
            lines.append(f"deviations {change}:")
            lines.extend(f"  {d.list}: {HIDDEN if redact else d.title}" for d in found)
    if report.output is not None:
        lines.append(f"redline: {report.output}")
    return "\n".join(lines) + "\n"


def json_report(report: DiffReport, *, redact: bool = False) -> str:
    """The summary as one JSON document."""
    data = {
        "tool": "dpa-gen diff",
        "version": __version__,
        "old": report.old.as_json(),
        "new": report.new.as_json(),
        "languages": report.mode.value,
        "identical": report.identical,
        "changes": [_place_json(place) for place in report.places],
        "settings": [
            {
                "path": s.path,
                "change": s.change,
                "old": _hidden(plain(s.old), redact),
                "new": _hidden(plain(s.new), redact),
            }
            for s in report.settings
        ],
        "deviations": {
            change: [
                {"list": d.list, "entry": _hidden(d.entry, redact)} for d in report.deviations if d.change == change
            ]
            for change in ("added", "removed")
        },
        "output": str(report.output) if report.output is not None else None,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _place_json(place: PlaceChange) -> dict[str, Any]:
    variants = {"old": place.variants[0], "new": place.variants[1]} if place.variants else None
    return {"kind": place.kind, "id": place.id, "change": place.change, "names": dict(place.names), "variant": variants}


def _setting_text(setting: SettingChange, redact: bool) -> str:
    old, new = (_shown(plain(setting.old), redact), _shown(plain(setting.new), redact))
    match setting.change:
        case "added":
            return f"added {new}"
        case "removed":
            return f"removed (was {old})"
        case _:
            return f"{old} → {new}"


def _shown(value: Any, redact: bool) -> str:
    return HIDDEN if redact else json.dumps(value, ensure_ascii=False)


def _hidden(value: Any, redact: bool) -> Any:
    if not redact or value is None:
        return value
    if isinstance(value, Mapping):
        return dict.fromkeys(value, HIDDEN)
    return HIDDEN
