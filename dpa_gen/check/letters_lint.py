"""Findings about the library's letters (``letters.yaml``), with the codes of clause texts.

A letter is legal text like a clause, so it is held to the same rules: valid against its
schema (E100, E202), every text compiles (E203) with filters and variables that exist
(E203, E205), both languages use the same variables (E206) and numbers (E209), conditions
compile and evaluate (E204), and every text renders (E214) for the sample customers with a
sample change, as a notice and as a request. Letters cannot use ``ref()``: a letter is not
the contract; the contract's numbers are ``letter.objection_clause`` and friends (E207).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import TemplateSyntaxError

from dpa_gen.check.library_lint import _numbers_differ, schema_findings
from dpa_gen.check.sample import SAMPLES, sample_facts
from dpa_gen.check.texts import raw_at
from dpa_gen.check.variables import Uses, condition_uses, template_uses, unknown_field
from dpa_gen.engine import renderer_for
from dpa_gen.errors import Diagnostic, UserError, did_you_mean
from dpa_gen.letters import (
    LETTERS_FILE,
    Letters,
    chosen_parts,
    display_path,
    has_letters,
    load_letters,
    part_loc,
    variants_of,
)
from dpa_gen.library import Library
from dpa_gen.models.base import LANGS, Bilingual, Lang, LanguageMode
from dpa_gen.models.letters import LETTER_KINDS, LetterKind
from dpa_gen.render import ClauseError
from dpa_gen.sources import Loc

_LANG_NAME = {"nl": "Dutch", "en": "English"}
_OTHER: dict[Lang, Lang] = {"nl": "en", "en": "nl"}


@dataclass(frozen=True)
class _Text:
    """One bilingual text of the letters file and where it is."""

    key: str  # how findings name it: a part id, "title.notice", "annex.text"
    label: str  # "" or " (variant notice)"
    loc: Loc  # the mapping holding nl and en
    text: Bilingual
    kinds: tuple[LetterKind, ...]  # the letters it can be part of
    part: tuple[int, int | None] | None = None  # (part index, variant index) for a part


def lint_letters(library: Library) -> list[Diagnostic]:
    """Every finding about the library's letters; none when the library has no letters file."""
    if not has_letters(library):
        return []
    try:
        letters = load_letters(library)
    except UserError as exc:
        return schema_findings(exc)
    out = list(_numbers_differ(letters.source))
    texts = list(_texts(letters))
    usable: set[tuple[str, Lang]] = set()
    for text in texts:
        found = list(_text_findings(library, letters, text))
        out.extend(found)
        broken = {d.message.split(" text", 1)[0] for d in found if d.severity == "error"}
        usable.update((text.key + text.label, lang) for lang in LANGS if lang not in broken)
    conditions = list(_condition_findings(library, letters))
    out.extend(conditions)
    if not conditions:
        out.extend(_render_findings(library, letters, texts, usable))
    return out


def letters_files(library: Library) -> tuple[str, ...]:
    """The letters file as findings name it, when the library has one (for the report's file list)."""
    return (display_path(library.root / LETTERS_FILE),) if has_letters(library) else ()


def _texts(letters: Letters) -> Iterator[_Text]:
    spec = letters.spec
    for kind in LETTER_KINDS:
        yield _Text(f"title.{kind}", "", ("title", kind), spec.title.of(kind), (kind,))
        yield _Text(f"subject.{kind}", "", ("subject", kind), spec.subject.of(kind), (kind,))
    yield _Text("annex.title", "", ("annex", "title"), spec.annex.title, LETTER_KINDS)
    yield _Text("annex.text", "", ("annex", "text"), spec.annex.text, LETTER_KINDS)
    for index, part in enumerate(spec.parts):
        for variant_index, variant in variants_of(part):
            label = f" (variant {variant.id})" if variant_index is not None else ""
            loc = (*part_loc(index, variant_index), "text")
            yield _Text(part.id, label, loc, variant.text, LETTER_KINDS, (index, variant_index))


def _finding(letters: Letters, text: _Text, lang: Lang, line: int | None, message: str, code: str) -> Diagnostic:
    loc = (*text.loc, lang)
    pos = letters.source.text_line(loc, line) if line else letters.source.where(loc)
    return Diagnostic(pos, text.key, f"{lang} text{text.label}: {message}", code=code)


def _text_findings(library: Library, letters: Letters, text: _Text) -> Iterator[Diagnostic]:
    """Syntax, filters, variables and ``ref()`` of one text in both languages, and their comparison."""
    uses: dict[Lang, Uses] = {}
    for lang in LANGS:
        env = renderer_for(library, lang).env
        raw = raw_at(letters.source, (*text.loc, lang), text.text.in_(lang))
        try:
            uses[lang] = template_uses(env, raw)
        except TemplateSyntaxError as exc:
            yield _finding(letters, text, lang, exc.lineno, f"template syntax: {exc.message}", "E203")
            continue
        for name, line in [*uses[lang].filters, *uses[lang].tests]:
            if name not in env.filters and name not in env.tests:
                hint = did_you_mean(name, [*env.filters, *env.tests])
                yield _finding(letters, text, lang, line, f"there is no filter or test {name!r}{hint}", "E203")
        for target, line in uses[lang].refs:
            message = f"ref({target!r}): a letter is not the contract; use letter.objection_clause and the like"
            yield _finding(letters, text, lang, line, message, "E207")
        facts = sample_letter_facts(library, lang, text.kinds[0], "complete")
        for use in uses[lang].variables:
            reason = unknown_field(use.path, facts) if use.path[0] != "ref" else None
            if reason:
                yield _finding(letters, text, lang, use.line, f"{use.written}: {reason}", "E205")
    if len(uses) == len(LANGS):
        paths = {lang: uses[lang].paths() for lang in LANGS}
        for lang in LANGS:
            for name, line in paths[lang].items():
                if name not in paths[_OTHER[lang]]:
                    message = (
                        f"the {_LANG_NAME[lang]} text uses the variable {name!r}"
                        f" but the {_LANG_NAME[_OTHER[lang]]} text does not"
                    )
                    yield _finding(letters, text, lang, line, message, "E206")


def _condition_findings(library: Library, letters: Letters) -> Iterator[Diagnostic]:
    """E204 for a ``when`` that does not compile or evaluate, E205 for its unknown variables."""
    renderer = renderer_for(library, "nl")
    for index, part in enumerate(letters.spec.parts):
        found = [(part_loc(index), part.when)]
        found += [(part_loc(index, i), v.when) for i, v in variants_of(part) if i is not None]
        for loc, condition in found:
            if condition is None:
                continue
            pos = letters.source.where((*loc, "when"))
            try:
                uses = condition_uses(renderer.env, condition)
            except TemplateSyntaxError as exc:
                yield Diagnostic(pos, part.id, f"condition {condition!r} does not compile: {exc.message}", code="E204")
                continue
            facts = sample_letter_facts(library, "nl", "notice", "complete")
            unknown = [(use, unknown_field(use.path, facts)) for use in uses.variables]
            for use, reason in unknown:
                if reason:
                    yield Diagnostic(pos, part.id, f"condition {condition!r}: {use.written}: {reason}", code="E205")
            if any(reason for _, reason in unknown):
                continue
            for kind in LETTER_KINDS:
                try:
                    renderer.holds(condition, sample_letter_facts(library, "nl", kind, "complete"))
                except ClauseError as exc:
                    yield Diagnostic(pos, part.id, f"{exc.message} (for a {kind})", code="E204")
                    break


def _render_findings(
    library: Library, letters: Letters, texts: list[_Text], usable: set[tuple[str, Lang]]
) -> Iterator[Diagnostic]:
    """E214 for the first sample (customer, kind) whose letter has a text that does not render."""
    samples = [w for w in SAMPLES if w != "subprocessing" or "processor_subprocessor" in library.meta.kinds]
    failed: set[tuple[str, Lang]] = set()
    for lang in LANGS:
        renderer = renderer_for(library, lang)
        for which in samples:
            for kind in LETTER_KINDS:
                facts = sample_letter_facts(library, lang, kind, which)
                chosen = {(i, vi) for i, _, vi, _ in chosen_parts(letters, renderer.holds, facts)}
                for text in texts:
                    name = text.key + text.label
                    if kind not in text.kinds or (name, lang) not in usable or (name, lang) in failed:
                        continue
                    if text.part is not None and text.part not in chosen:
                        continue
                    try:
                        renderer.render(text.text.in_(lang), facts, {})
                    except ClauseError as exc:
                        failed.add((name, lang))
                        message = f"cannot be rendered for the {which} sample customer's {kind}: {exc.message}"
                        yield _finding(letters, text, lang, exc.line, message, "E214")


@cache
def sample_letter_facts(library: Library, lang: Lang, kind: LetterKind, which: str) -> Mapping[str, Any]:
    """A sample customer's facts with a sample ``letter``: one sub-processor added, one replaced, one removed.

    The letter's dates fall on a weekend (the objection period of 30 days from Friday
    15 January 2027 ends on Sunday 14 February), so texts about a moved deadline render too.
    """
    from dpa_gen.notify.change import Effect
    from dpa_gen.notify.dates import notice_dates
    from dpa_gen.notify.letter import ANNEX, AUTHORISATION_CLAUSE, OBJECTION_CLAUSE, letter_record
    from dpa_gen.periods import Period

    facts = sample_facts(library, lang, LanguageMode.NL_EN, which)
    entries = sample_facts(library, lang, LanguageMode.NL_EN, "complete")["subprocessors"].list
    dates = notice_dates(kind, dt.date(2027, 1, 15), dt.date(2027, 6, 1), Period(30, "days"), None, "NL")
    effect = Effect((), (0,), ((1, 0),), (1,))
    refs = {AUTHORISATION_CLAUSE: "7.1", OBJECTION_CLAUSE: "7.2", ANNEX: "III"}
    record = letter_record(kind, dates, effect, refs, "REF-1", entries, entries, facts)
    return {**facts, "letter": record}
