"""Where the library's texts are, as written in the files, and how to read them without Jinja.

Checks read the *raw* YAML string, not the model's cleaned text, so a line in the text is the
same line in the file (``Sourced.text_line``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dpa_gen.errors import Diagnostic, Severity, SourcePos
from dpa_gen.library import Library, Place
from dpa_gen.models.base import LANGS, Lang
from dpa_gen.models.library import Clause, Section, Variant
from dpa_gen.sources import Loc, Sourced


@dataclass(frozen=True)
class VariantText:
    """One variant of one clause (a single ``text:`` is the variant ``default``)."""

    section: Section
    clause: Clause
    variant: Variant
    index: int | None  # None: the clause has a single `text`
    place: Place  # the variant (or the single-text clause) in its file

    def label(self, lang: Lang) -> str:
        """``nl text`` or ``nl text (variant fast)``: how messages name this text."""
        return f"{lang} text" + (f" (variant {self.variant.id})" if self.index is not None else "")

    def loc(self, lang: Lang) -> Loc:
        """Where the text in ``lang`` is."""
        return self.place.at("text", lang)

    def raw(self, lang: Lang) -> str:
        """The text in ``lang`` exactly as written in the file."""
        return raw_at(self.place.source, self.loc(lang), self.variant.text.in_(lang))

    def line(self, lang: Lang, line_in_text: int | None) -> SourcePos:
        """Position of a line of the text (its start when the line is unknown)."""
        loc = self.loc(lang)
        source = self.place.source
        return source.text_line(loc, line_in_text) if line_in_text else source.where(loc)

    def finding(
        self,
        lang: Lang,
        line_in_text: int | None,
        message: str,
        code: str,
        severity: Severity = "error",
    ) -> Diagnostic:
        """A finding about the text in ``lang``, at one of its lines: ``nl text (variant x): …``."""
        return Diagnostic(
            self.line(lang, line_in_text), self.clause.id, f"{self.label(lang)}: {message}", severity, code
        )


def variant_texts(library: Library) -> Iterator[VariantText]:
    """Every variant of every clause, in library order."""
    for section in library.sections:
        for clause in section.clauses:
            if clause.variants is None:
                yield VariantText(section, clause, clause.all_variants[0], None, library.place(section, clause))
            else:
                for index, variant in enumerate(clause.variants):
                    yield VariantText(section, clause, variant, index, library.place(section, clause, index))


def raw_at(source: Sourced, loc: Loc, default: str) -> str:
    """The raw string at ``loc`` in ``source`` (``default`` if there is none)."""
    value: Any = source.data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return default
    return value if isinstance(value, str) else default


def bilingual_strings(source: Sourced) -> Iterator[tuple[Loc, dict[Lang, str]]]:
    """Every mapping with a Dutch and an English string (texts, titles, measures, vocabulary)."""

    def walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, dict[Lang, str]]]:
        if isinstance(value, dict):
            if all(isinstance(value.get(lang), str) for lang in LANGS):
                yield loc, {lang: value[lang] for lang in LANGS}
            for key, item in value.items():
                yield from walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*loc, index))

    yield from walk(source.data, ())


def text_name(source: Sourced, loc: Loc) -> tuple[str, Callable[[Lang], str]]:
    """How a finding names the text at ``loc``: a clause id and "nl text (variant x): ", or ""."""
    if len(loc) >= 3 and loc[0] == "clauses" and loc[2] in ("text", "variants"):
        clause = source.data["clauses"][loc[1]]
        variant = f" (variant {clause['variants'][loc[3]]['id']})" if loc[2] == "variants" else ""
        return str(clause["id"]), lambda lang: f"{lang} text{variant}: "
    return "", lambda lang: ""
