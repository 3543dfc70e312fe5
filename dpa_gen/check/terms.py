"""Term hygiene: outdated or wrong words, undefined capitalised words, terms defined in one language.

The word lists are data (``terms.yaml``), never code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dpa_gen.check.texts import VariantText, bilingual_strings, text_name
from dpa_gen.errors import Diagnostic
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.models.base import LANGS, Lang
from dpa_gen.sources import dotted
from dpa_gen.textscan import line_of, mask_jinja

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?")  # letters; inner apostrophes, hyphens
_TERM_PART = re.compile(r"[\s/-]+")
_LIST_MARKER = re.compile(r"\s*(?:[-•]|\(?[0-9A-Za-z]{1,4}[.)])?\s*")
_OPENERS = " \t*\"'\u201c\u2018\u201e(["  # what may stand before a sentence's first word
_SENTENCE_END = ".:!?"
_PLURALS = ("s", "en", "n", "e")
DEFINITIONS_DUTY = "DPA_definitions"


@dataclass(frozen=True, slots=True)
class DeprecatedPattern:
    """A compiled entry of ``terms.yaml`` ``deprecated``."""

    lang: Lang
    regex: re.Pattern[str]
    use: str
    why: str


def deprecated_patterns(library: Library) -> tuple[list[DeprecatedPattern], list[Diagnostic]]:
    """Compile the deprecated-term patterns (matched case-insensitively); bad ones are E213."""
    source = library.sources["terms.yaml"]
    out: list[DeprecatedPattern] = []
    problems: list[Diagnostic] = []
    for index, term in enumerate(library.terms.deprecated):
        try:
            out.append(DeprecatedPattern(term.lang, re.compile(term.pattern, re.IGNORECASE), term.use, term.why))
        except re.error as exc:
            loc = ("deprecated", index, "pattern")
            problems.append(
                Diagnostic(
                    source.where(loc),
                    dotted(loc),
                    f"not a valid regular expression: {exc}",
                    code="E213",
                )
            )
    return out, problems


def deprecated_findings(library: Library, patterns: list[DeprecatedPattern]) -> Iterator[Diagnostic]:
    """E212 for every outdated or wrong term in any Dutch or English library text."""
    per_lang = {lang: [term for term in patterns if term.lang == lang] for lang in LANGS}
    any_term = {lang: _any_of(per_lang[lang]) for lang in LANGS}
    for name in sorted(library.sources):
        source = library.sources[name]
        for loc, texts in bilingual_strings(source):
            key, label = text_name(source, loc)
            for lang in LANGS:
                masked = mask_jinja(texts[lang])
                quick = any_term[lang]
                if not per_lang[lang] or (quick is not None and not quick.search(masked)):
                    continue
                for term in per_lang[lang]:
                    for match in term.regex.finditer(masked):
                        yield Diagnostic(
                            source.text_line((*loc, lang), line_of(masked, match.start())),
                            key or dotted((*loc, lang)),
                            f"{label(lang)}{match.group()!r} is outdated or wrong in"
                            f" {_LANG_NAME[lang]}; write {term.use!r} ({term.why})",
                            code="E212",
                        )


def _any_of(terms: list[DeprecatedPattern]) -> re.Pattern[str] | None:
    """One pattern that finds whether any term occurs (None when they cannot be combined).

    Why: most texts contain none of the terms; one search instead of one per term keeps
    the check fast. Back-references would point at the wrong group once combined.
    """
    if not terms or any(re.search(r"\\[1-9]|\(\?P=", t.regex.pattern) for t in terms):
        return None
    try:
        return re.compile("|".join(f"(?:{t.regex.pattern})" for t in terms), re.IGNORECASE)
    except re.error:
        return None


_LANG_NAME = {"nl": "Dutch", "en": "English"}


def is_definitions(text: VariantText) -> bool:
    """Whether a text defines terms: parties, recitals, or a clause covering the definitions."""
    if KINDS[text.section.kind].defines_terms or text.section.id == "definitions":
        return True
    return DEFINITIONS_DUTY in (*text.clause.covers, *text.variant.covers)


def defined_terms(texts: Iterable[VariantText], lang: Lang) -> set[str]:
    """The words of every ``**Term**`` in the definitions texts of ``lang``, and the terms whole."""
    words: set[str] = set()
    for text in texts:
        if not is_definitions(text):
            continue
        for match in _BOLD.finditer(mask_jinja(text.raw(lang))):
            term = " ".join(match.group(1).split())
            words.add(term)
            words.update(part for part in _TERM_PART.split(term) if part)
            words.update(part for part in term.split() if part)
    return words


def one_language_definitions(text: VariantText) -> Iterator[Diagnostic]:
    """W222 when a definitions text defines a different number of terms in Dutch and English."""
    if not is_definitions(text):
        return
    found = {lang: list(_BOLD.finditer(mask_jinja(text.raw(lang)))) for lang in LANGS}
    counts = {lang: len(found[lang]) for lang in LANGS}
    if counts["nl"] == counts["en"]:
        return
    more: Lang = "nl" if counts["nl"] > counts["en"] else "en"
    fewer: Lang = "en" if more == "nl" else "nl"
    first_extra = found[more][counts[fewer]]
    masked = mask_jinja(text.raw(more))
    listing = {lang: ", ".join(m.group(1) for m in found[lang]) or "none" for lang in LANGS}
    yield text.finding(
        more,
        line_of(masked, first_extra.start()),
        f"defines {counts['nl']} term(s) in Dutch ({listing['nl']}) but {counts['en']} in English"
        f" ({listing['en']}); define each term in both languages",
        "W222",
        "warning",
    )


def capitalised_findings(text: VariantText, lang: Lang, allowed: set[str]) -> Iterator[Diagnostic]:
    """W221 for a capitalised word mid-sentence that is neither a defined term nor listed."""
    masked = mask_jinja(text.raw(lang))
    for match in _WORD.finditer(masked):
        word = match.group()
        if not word[0].isupper() or _allowed(word, allowed) or _starts_sentence(masked, match.start()):
            continue
        yield text.finding(
            lang,
            line_of(masked, match.start()),
            f"{word!r} is capitalised mid-sentence but is not a defined term; define it"
            f" (**{word}**), write it in lower case, or list it in terms.yaml capitalised_words.{lang}",
            "W221",
            "warning",
        )


def _allowed(word: str, allowed: set[str]) -> bool:
    base = re.sub(r"['\u2019]s$", "", word)
    if word in allowed or base in allowed:
        return True
    return any(base.endswith(suffix) and base[: -len(suffix)] in allowed for suffix in _PLURALS)


def _starts_sentence(masked: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a paragraph or a list item."""
    line_start = masked.rfind("\n", 0, start) + 1
    before = masked[line_start:start].rstrip(_OPENERS)
    if before.strip():
        if _LIST_MARKER.fullmatch(before):
            return True  # the first word of a list item
        return before[-1] in _SENTENCE_END
    if line_start == 0:
        return True  # the start of the text
    previous_start = masked.rfind("\n", 0, line_start - 1) + 1
    previous = masked[previous_start : line_start - 1].strip()
    if not previous:
        return True  # the start of a paragraph (or the line after a Jinja tag)
    return previous.rstrip("*\"'\u201d\u2019)")[-1:] in _SENTENCE_END
