"""Load a clause library's letters (``letters.yaml``) and choose the parts one letter holds.

The letters sit beside the section files of the library folder, but are read on their own:
``load_library`` never sees them, so a change to a letter does not change the library's
digest that every contract's manifest records. ``dpa-gen check`` lints them
(``check/letters_lint.py``); ``dpa-gen notify`` renders them (``notify/letter.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dpa_gen.errors import Diagnostic, SourcePos, UserError
from dpa_gen.library import Library
from dpa_gen.models.letters import LetterPart, LettersFile
from dpa_gen.models.library import Variant
from dpa_gen.sources import Loc, Sourced, read_yaml
from dpa_gen.validate import validate_model

LETTERS_FILE = "letters.yaml"


@dataclass(frozen=True, eq=False)
class Letters:
    """A schema-valid letters file and where each of its texts is written."""

    spec: LettersFile
    source: Sourced


def has_letters(library: Library) -> bool:
    """Whether the library folder holds a letters file (a library without one builds contracts only)."""
    return (library.root / LETTERS_FILE).is_file()


def load_letters(library: Library) -> Letters:
    """Read and schema-check the library's ``letters.yaml``; ``UserError`` when it is missing or wrong."""
    return _load(library.root)


@cache
def _load(folder: Path) -> Letters:
    path = folder / LETTERS_FILE
    shown = display_path(path)
    if not path.is_file():
        raise UserError(
            [
                Diagnostic(
                    SourcePos(shown),
                    "",
                    "this clause library has no letters file; `dpa-gen notify` needs one: copy clauses/letters.yaml"
                    " from dpa-gen into the library folder and adapt its wording",
                )
            ]
        )
    source = read_yaml(path, display=shown)
    return Letters(validate_model(LettersFile, source, what="letters file"), source)


def part_loc(index: int, variant: int | None = None) -> Loc:
    """Where part ``index`` (or one of its variants) is written."""
    loc: Loc = ("parts", index)
    return loc if variant is None else (*loc, "variants", variant)


def variants_of(part: LetterPart) -> Iterator[tuple[int | None, Variant]]:
    """Each wording of a part with its index (None for a part with a single ``text``)."""
    if part.variants is None:
        yield None, part.all_variants[0]
    else:
        yield from enumerate(part.variants)


def chosen_parts(
    letters: Letters, holds: Callable[[str, Mapping[str, Any]], bool], facts: Mapping[str, Any]
) -> Iterator[tuple[int, LetterPart, int | None, Variant]]:
    """The parts one letter holds, in order, each with the variant whose ``when`` holds first.

    ``holds`` evaluates a condition (``ClauseRenderer.holds``); it raises on a broken condition.
    """
    for index, part in enumerate(letters.spec.parts):
        if part.when is not None and not holds(part.when, facts):
            continue
        for variant_index, variant in variants_of(part):
            if variant.when is None or holds(variant.when, facts):
                yield index, part, variant_index, variant
                break


def display_path(path: Path) -> str:
    """A path as users know it: relative to the working folder where possible."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
