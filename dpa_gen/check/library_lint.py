"""Findings about one clause library: both languages, variables, references, numbers, terms.

The library has already passed its schema (``load_library``); what is checked here is what a
schema cannot see. Coverage of the GDPR duties is ``coverage.py``'s job; the ``when``
conditions are ``conditions.py``'s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from jinja2 import TemplateSyntaxError

from dpa_gen.check import terms
from dpa_gen.check.conditions import lint_conditions
from dpa_gen.check.sample import sample_facts, sample_runs
from dpa_gen.check.texts import VariantText, bilingual_strings, text_name, variant_texts
from dpa_gen.check.variables import Uses, template_uses, unknown_field
from dpa_gen.engine import renderer_for
from dpa_gen.errors import Diagnostic, SourcePos, UserError, did_you_mean
from dpa_gen.kinds import KINDS
from dpa_gen.library import Library
from dpa_gen.markup import MarkupError, parse_blocks
from dpa_gen.models.base import LANGS, Lang
from dpa_gen.render import ClauseError, ClauseRenderer
from dpa_gen.sources import Loc, Sourced, dotted
from dpa_gen.textscan import numbers

_LANG_NAME = {"nl": "Dutch", "en": "English"}
_OTHER: dict[Lang, Lang] = {"nl": "en", "en": "nl"}


def schema_findings(error: UserError) -> list[Diagnostic]:
    """``load_library``'s diagnostics with a code: E202 for a missing language, else E100."""
    out = []
    for diagnostic in error.diagnostics:
        if diagnostic.code:
            out.append(diagnostic)
            continue
        last = diagnostic.key.rsplit(".", 1)[-1]
        if last in LANGS and diagnostic.message in _MISSING:
            message = (
                f"the {_LANG_NAME[last]} text {_MISSING[diagnostic.message]};"
                " every text, title and annex text needs nl and en"
            )
            out.append(replace(diagnostic, message=message, code="E202"))
        else:
            out.append(replace(diagnostic, code="E100"))
    return out


_MISSING = {"missing required key; add it": "is missing", "must not be empty": "is empty"}


@dataclass
class LibraryLint:
    """The library's findings, plus what the per-customer pass reuses.

    ``uses`` maps ``(lang, text)`` (the text as the model holds it, which is what a build
    renders) to what it uses; ``condition_paths`` holds every data path a ``when`` reads;
    ``broken`` holds the texts and conditions that already have a library error, so
    customer files do not repeat it.
    """

    findings: list[Diagnostic] = field(default_factory=list)
    uses: dict[tuple[Lang, str], Uses] = field(default_factory=dict)
    condition_paths: set[str] = field(default_factory=set)
    broken: set[tuple[str, str]] = field(default_factory=set)


def lint_library(library: Library) -> LibraryLint:
    """Every library finding except coverage."""
    lint = LibraryLint()
    out = lint.findings
    out.extend(_duplicate_ids(library))
    for name in sorted(library.sources):
        out.extend(_numbers_differ(library.sources[name]))
    patterns, problems = terms.deprecated_patterns(library)
    out.extend(problems)
    out.extend(terms.deprecated_findings(library, patterns))
    out.extend(_profiles(library))

    texts = list(variant_texts(library))
    targets = RefTargets(library)
    renderers = {lang: renderer_for(library, lang) for lang in LANGS}
    allowed = {
        lang: terms.defined_terms(texts, lang) | set(library.terms.capitalised_words.get(lang, ())) for lang in LANGS
    }
    for text in texts:
        out.extend(_clause_text(text, renderers, targets, library, lint))
        out.extend(terms.one_language_definitions(text))
        for lang in LANGS:
            out.extend(terms.capitalised_findings(text, lang, allowed[lang]))
    out.extend(lint_conditions(library, renderers["nl"], lint))
    return lint


# --- ids -------------------------------------------------------------------------------------


def _duplicate_ids(library: Library) -> Iterator[Diagnostic]:
    """E201 for duty and measure ids (sections and clauses are checked by ``load_library``)."""
    duties = library.sources["duties.yaml"]
    measures = library.sources["measures.yaml"]
    entries: list[tuple[str, Sourced, Loc]] = [
        (duty.id, duties, ("duties", i, "id")) for i, duty in enumerate(library.duties.duties)
    ]
    entries += [
        (m.id, measures, ("groups", g, "measures", i, "id"))
        for g, group in enumerate(library.measures.groups)
        for i, m in enumerate(group.measures)
    ]
    entries += [(group.id, measures, ("groups", g, "id")) for g, group in enumerate(library.measures.groups)]
    seen: dict[tuple[str, str], SourcePos] = {}
    for ident, source, loc in entries:
        pos = source.where(loc)
        key = (source.path, ident)
        if key in seen:
            yield Diagnostic(
                pos,
                dotted(loc),
                f"the id {ident!r} is already used at {seen[key]}; ids must be unique",
                code="E201",
            )
        else:
            seen[key] = pos


# --- policy and measures -----------------------------------------------------------------------


def _profiles(library: Library) -> Iterator[Diagnostic]:
    """E218: a measure profile names a measure the catalogue lacks."""
    source = library.sources["measures.yaml"]
    catalogue = {m.id for g in library.measures.groups for m in g.measures}
    for name, profile in library.measures.profiles.items():
        for i, ident in enumerate(profile.measures):
            if ident not in catalogue:
                loc = ("profiles", name, "measures", i)
                hint = did_you_mean(ident, catalogue)
                yield Diagnostic(source.where(loc), dotted(loc), f"unknown measure {ident!r}{hint}", code="E218")


# --- numbers ---------------------------------------------------------------------------------


def _numbers_differ(source: Sourced) -> Iterator[Diagnostic]:
    """E209: each number that one language writes more often than the other, at its line."""
    for loc, texts in bilingual_strings(source):
        key, label = text_name(source, loc)
        found = {lang: numbers(texts[lang]) for lang in LANGS}
        counts = {lang: Counter(n for n, _ in found[lang]) for lang in LANGS}
        for lang in LANGS:
            other = _OTHER[lang]
            extra = counts[lang] - counts[other]
            for number, line in found[lang]:
                if extra[number] <= 0:
                    continue
                extra[number] -= 1
                yield Diagnostic(
                    source.text_line((*loc, lang), line),
                    key or dotted((*loc, lang)),
                    f"{label(lang)}the number {number} is written {_times(counts[lang][number])}"
                    f" in the {_LANG_NAME[lang]} text but {_times(counts[other][number])} in the"
                    f" {_LANG_NAME[other]} text; write the same numbers in both",
                    code="E209",
                )


def _times(count: int) -> str:
    return {0: "not", 1: "once", 2: "twice"}.get(count, f"{count} times")


# --- clause texts ----------------------------------------------------------------------------


class RefTargets:
    """What ``ref()`` may point to: numbered articles, annexes and clauses, and their conditions."""

    def __init__(self, library: Library) -> None:
        self.numbered: dict[str, tuple[str, ...]] = {}
        self.unnumbered: set[str] = set()
        for section in library.sections:
            rules = KINDS[section.kind]
            section_when = (section.when,) if section.when else ()
            if rules.numbered:
                self.numbered[section.id] = section_when
            else:
                self.unnumbered.add(section.id)
            for clause in section.clauses:
                conditions = (*section_when, *((clause.when,) if clause.when else ()))
                if rules.clause_number is not None:
                    self.numbered[clause.id] = conditions
                else:
                    self.unnumbered.add(clause.id)

    def problem(self, target: str) -> str | None:
        """Why ``ref(target)`` cannot work, or None."""
        if target in self.numbered:
            return None
        if target in self.unnumbered:
            return f"ref({target!r}) points to text without a number (closing, annex paragraph)"
        hint = did_you_mean(target, self.numbered)
        return f"ref({target!r}) points to no clause, article or annex{hint}"

    def sample_refs(self) -> dict[str, str]:
        """A label for every target, for renders that only test the text itself."""
        return dict.fromkeys(self.numbered, "1")


def _clause_text(
    text: VariantText,
    renderers: Mapping[Lang, ClauseRenderer],
    targets: RefTargets,
    library: Library,
    lint: LibraryLint,
) -> Iterator[Diagnostic]:
    uses: dict[Lang, Uses] = {}
    for lang in LANGS:
        renderer = renderers[lang]
        raw = text.raw(lang)
        source = text.variant.text.in_(lang)
        try:
            uses[lang] = lint.uses[(lang, source)] = template_uses(renderer.env, raw)
        except TemplateSyntaxError as exc:
            lint.broken.add((lang, source))
            yield text.finding(lang, exc.lineno, f"template syntax: {exc.message}", "E203")
            continue
        problems = list(_uses_problems(uses[lang], renderer, targets, library, text, lang))
        problems += [] if _has_errors(problems) else _sample_render(text, lang, renderer, targets, library)
        if _has_errors(problems):
            lint.broken.add((lang, source))
        yield from problems
    if len(uses) == len(LANGS):
        yield from _compare(text, {lang: uses[lang].paths() for lang in LANGS}, "variable", "E206")
        yield from _compare(text, {lang: uses[lang].targets() for lang in LANGS}, "reference", "E208")


def _has_errors(found: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in found)


def _sample_render(
    text: VariantText, lang: Lang, renderer: ClauseRenderer, targets: RefTargets, library: Library
) -> list[Diagnostic]:
    """E214 for the first sample customer whose contract has this variant and cannot render it.

    The text is rendered as the model holds it, so the build later finds it compiled; only a
    failure is rendered again from the file's own text, for the exact line.
    """
    source = text.variant.text.in_(lang)
    if "{" not in source:  # no Jinja: the text is the same for every customer
        try:
            parse_blocks(source)
        except MarkupError as exc:
            return [text.finding(lang, None, str(exc), "E214")]
        return []
    for name, facts in sample_runs(library, lang):
        if not _selected(text, renderer, facts):
            continue
        try:
            renderer.render(source, facts, targets.sample_refs())
        except ClauseError as exc:
            line = exc.line
            try:
                renderer.render(text.raw(lang), facts, targets.sample_refs())
            except ClauseError as again:
                line = again.line or line
            code = {"limit": "E215", "unstable": "E216"}.get(exc.kind, "E214")
            return [text.finding(lang, line, f"cannot be rendered for {name}: {exc.message}", code)]
    return []


def _selected(text: VariantText, renderer: ClauseRenderer, facts: Mapping[str, Any]) -> bool:
    """Whether a contract with ``facts`` has this variant (a failing condition: no, see E204)."""
    variants = text.clause.variants or ()
    earlier = variants[: text.index] if text.index is not None else ()
    try:
        return all(
            renderer.holds(c, facts) for c in (text.section.when, text.clause.when, text.variant.when) if c
        ) and not any(renderer.holds(v.when, facts) for v in earlier if v.when)
    except ClauseError:
        return False


def _uses_problems(
    uses: Uses,
    renderer: ClauseRenderer,
    targets: RefTargets,
    library: Library,
    text: VariantText,
    lang: Lang,
) -> Iterator[Diagnostic]:
    """Findings about what one text uses: filters, tests, vocabularies, variables and ``ref()`` targets."""
    yield from _name_problems(uses, renderer, library, text, lang)
    yield from _variable_problems(uses, library, text, lang)
    yield from _ref_problems(uses, targets, text, lang)


def _name_problems(
    uses: Uses, renderer: ClauseRenderer, library: Library, text: VariantText, lang: Lang
) -> Iterator[Diagnostic]:
    """E203 for an unknown filter or test, E205 for an unknown vocabulary of ``| label``."""
    env = renderer.env
    vocabulary = library.vocabulary
    for name, line in uses.filters:
        if name not in env.filters:
            yield text.finding(
                lang,
                line,
                f"there is no filter {name!r}{did_you_mean(name, env.filters)}",
                "E203",
            )
    for name, line in uses.tests:
        if name not in env.tests:
            yield text.finding(
                lang,
                line,
                f"there is no test {name!r}{did_you_mean(name, env.tests)}",
                "E203",
            )
    for name, line in uses.vocabularies:
        if name not in vocabulary:
            yield text.finding(
                lang,
                line,
                f"| label: there is no vocabulary {name!r}{did_you_mean(name, vocabulary)}",
                "E205",
            )


def _variable_problems(uses: Uses, library: Library, text: VariantText, lang: Lang) -> Iterator[Diagnostic]:
    """E205 for a variable the complete sample customer does not have."""
    facts = sample_facts(library, lang)
    for use in uses.variables:
        reason = unknown_field(use.path, facts) if use.path[0] != "ref" else None
        if reason:
            shown = use.written if use.written == use.dotted else f"{use.written} ({use.dotted})"
            yield text.finding(lang, use.line, f"{shown}: {reason}", "E205")


def _ref_problems(uses: Uses, targets: RefTargets, text: VariantText, lang: Lang) -> Iterator[Diagnostic]:
    """E207 for a target that is not numbered; W224 for one in fewer contracts than the text; W223."""
    for target, line in uses.refs:
        problem = targets.problem(target)
        if problem:
            yield text.finding(lang, line, problem, "E207")
            continue
        needed = set(targets.numbered[target])
        have = {c for c in (text.section.when, text.clause.when, text.variant.when) if c}
        if not needed <= have:
            conditions = " and ".join(repr(c) for c in sorted(needed - have))
            yield text.finding(
                lang,
                line,
                f"ref({target!r}) points to a clause that is only in contracts where"
                f" {conditions}; this text is in others too, where the build fails",
                "W224",
                "warning",
            )
    for line in uses.dynamic_refs:
        yield text.finding(
            lang,
            line,
            "ref() with a computed target cannot be checked; write ref('clause.id')",
            "W223",
            "warning",
        )


def _compare(text: VariantText, used: Mapping[Lang, Mapping[str, int]], what: str, code: str) -> Iterator[Diagnostic]:
    """One finding per variable or reference that only one language uses, at its line."""
    for lang in LANGS:
        other = _OTHER[lang]
        for name, line in used[lang].items():
            if name not in used[other]:
                yield text.finding(
                    lang,
                    line,
                    f"the {_LANG_NAME[lang]} text uses the {what} {name!r} but the {_LANG_NAME[other]} text does not",
                    code,
                )
