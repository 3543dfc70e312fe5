"""Render clause text for one language inside a locked-down Jinja sandbox.

Why this shape: clause text mixes library prose with customer values. The sandbox blocks
attribute tricks, ``Immutable`` blocks ``list.append`` and friends, ``StrictUndefined``
turns ``{{ controler.name }}`` into an error instead of a gap in a contract, and customer
values only ever arrive as render *data*, so ``{{7*7}}`` typed by a customer stays literal.
Every printed value passes ``_finalize``, which formats it for the language and marks it as
literal text for the markup parser.

The sandbox's bounds (size, time, nothing that differs between runs) are ``sandbox.py``'s.
The filters clause text may use (``clause_filters``) write values the way the contract's
language writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any, Literal

from jinja2 import StrictUndefined, Template, TemplateError, TemplateRuntimeError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dpa_gen import locale, template_cache
from dpa_gen.document import Body, anchor
from dpa_gen.errors import shown
from dpa_gen.markup import MarkupError, literal, parse_blocks, reference
from dpa_gen.models.base import Lang
from dpa_gen.models.library import VocabEntry
from dpa_gen.sandbox import (
    RENDER_SECONDS,
    UNSTABLE_FILTERS,
    BoundedSandbox,
    bounded_filter,
    bounded_text,
    error_kind,
    plain_text,
    time_limit,
)


@dataclass(frozen=True, slots=True)
class RefMark:
    """What ``ref('id')`` returns; printed as a cross-reference node."""

    target: str
    label: str


class ClauseError(Exception):
    """A clause text that does not render; ``line`` is the line within the text, if known.

    ``kind`` is "limit" (a rendering limit), "unstable" (output that would differ between
    runs) or "" (any other error).
    """

    def __init__(self, message: str, line: int | None = None, kind: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.kind = kind


_RUNTIME_ERRORS = (TypeError, ValueError, ArithmeticError, LookupError, RecursionError, MemoryError)


def clause_environment(lang: Lang, vocabulary: Mapping[str, Mapping[str, VocabEntry]]) -> ImmutableSandboxedEnvironment:
    """The environment clause text and ``when`` conditions are evaluated in."""
    env = BoundedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=partial(_finalize, lang=lang),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(clause_filters(lang, vocabulary))
    for name in UNSTABLE_FILTERS:  # output that differs between runs, or reprs of objects
        env.filters.pop(name, None)
    for name, function in list(env.filters.items()):
        env.filters[name] = bounded_filter(name, function)
    env.globals.clear()  # no range/lipsum/dict/cycler: clause text needs none of them
    return env


class ClauseRenderer:
    """Renders clause sources and evaluates conditions for one language; templates compile once."""

    def __init__(self, lang: Lang, vocabulary: Mapping[str, Mapping[str, VocabEntry]]) -> None:
        self.lang = lang
        self.env = clause_environment(lang, vocabulary)
        # Everything the generated code depends on; the filters are looked up when it runs.
        self._flavour = f"{type(self.env).__name__}|trim|lstrip|finalize|{sorted(self.env.filters)}"
        self._templates: dict[str, Template] = {}
        self._conditions: dict[str, Callable[..., Any]] = {}

    def compile(self, source: str) -> Template:
        """Compile (once per process, and once per machine via the on-disk cache) a clause text.

        Syntax errors become ``ClauseError``.
        """
        template = self._templates.get(source)
        if template is None:
            ident = template_cache.key(source, self._flavour)
            code = template_cache.load(ident)
            if code is None:
                try:
                    code = self.env.compile(source)
                except TemplateError as exc:
                    raise ClauseError(_describe(exc), getattr(exc, "lineno", None)) from None
                except (RecursionError, MemoryError):
                    raise ClauseError(
                        "nested too deeply (brackets, blocks or filters); simplify it", kind="limit"
                    ) from None
                template_cache.store(ident, code)
            template = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
            self._templates[source] = template
        return template

    def render(self, source: str, facts: Mapping[str, Any], refs: Mapping[str, str]) -> tuple[Body, ...]:
        """Render ``source`` and parse its markup into document blocks."""
        text = self.render_text(source, facts, refs)
        try:
            return parse_blocks(text)
        except MarkupError as exc:
            raise ClauseError(str(exc)) from None

    def render_text(self, source: str, facts: Mapping[str, Any], refs: Mapping[str, str]) -> str:
        """Render ``source`` to marked-up text without parsing the markup.

        Why separate: ``check`` renders every customer's clauses only to see that they render;
        the markup cannot depend on customer values (they arrive as literals), so parsing it
        once per library is enough.
        """
        template = self.compile(source)
        try:
            with time_limit(RENDER_SECONDS):
                return bounded_text(template.generate(**facts, ref=RefFunction(refs, self.lang)))
        except TemplateError as exc:
            raise ClauseError(_describe(exc), _template_line(exc.__traceback__), error_kind(exc)) from None
        except _RUNTIME_ERRORS as exc:
            message = "recurses too deeply" if isinstance(exc, RecursionError) else f"cannot be rendered: {exc}"
            raise ClauseError(message, _template_line(exc.__traceback__), error_kind(exc)) from None

    def holds(self, condition: str, facts: Mapping[str, Any]) -> bool:
        """Evaluate a ``when`` condition; errors become ``ClauseError``."""
        compiled = self._conditions.get(condition)
        try:
            if compiled is None:
                compiled = self.env.compile_expression(condition, undefined_to_none=False)
                self._conditions[condition] = compiled
            with time_limit(RENDER_SECONDS):
                return bool(compiled(**facts))
        except TemplateError as exc:
            raise ClauseError(f"condition {condition!r}: {_describe(exc)}", kind=error_kind(exc)) from None
        except _RUNTIME_ERRORS as exc:
            raise ClauseError(f"condition {condition!r} cannot be evaluated: {exc}", kind=error_kind(exc)) from None


def _finalize(value: Any, *, lang: Lang) -> str:
    if isinstance(value, RefMark):
        return reference(value.target, value.label)
    try:
        return format_value(value, lang)
    except ValueError as exc:
        raise TemplateRuntimeError(str(exc)) from None


def format_value(value: Any, lang: Lang) -> str:
    """A printed value as the contract writes it, marked literal; ``ValueError`` for what cannot print."""
    if value is None:
        raise ValueError(_EMPTY)
    if isinstance(value, bool):
        raise ValueError("prints true/false; use the value in {% if … %} instead")
    if isinstance(value, dt.date):
        return literal(locale.long_date(value, lang))
    if isinstance(value, int):
        return literal(locale.integer(value, lang))
    if isinstance(value, (tuple, list, Mapping)):
        raise ValueError("prints a list or record; use a filter such as | and_list")
    return literal(plain_text(value))


class RefFunction:
    """``ref('id')`` in clause text; it has no public attributes, so ``ref.func`` is an error."""

    __slots__ = ("_lang", "_refs")

    def __init__(self, refs: Mapping[str, str], lang: Lang) -> None:
        self._refs = refs
        self._lang = lang

    def __call__(self, target: str) -> RefMark:
        """The number of clause or article ``target`` in this contract, printed as a cross-reference to it."""
        label = self._refs.get(target)
        if label is None:
            raise TemplateRuntimeError(f"ref({target!r}) points to nothing numbered in this contract")
        return RefMark(anchor(self._lang, target), label)

    def __repr__(self) -> str:
        return "ref"


def _describe(exc: TemplateError) -> str:
    message = exc.message or exc.__class__.__name__
    if exc.__class__.__name__ == "UndefinedError":
        return f"undefined: {message}"
    if exc.__class__.__name__ == "TemplateSyntaxError":
        return f"template syntax: {message}"
    return message


def _template_line(tb: TracebackType | None) -> int | None:
    """The line in the clause text where rendering failed (Jinja maps frames to template lines)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# --- filters -------------------------------------------------------------------------------


_EMPTY = "prints a value that this customer file leaves empty; guard it with {% if … %}"


def clause_filters(lang: Lang, vocabulary: Mapping[str, Mapping[str, VocabEntry]]) -> dict[str, Callable[..., Any]]:
    """dpa-gen's own filters, for text in ``lang`` with the library's ``vocabulary``."""
    return {
        "date": partial(_date, lang=lang),
        "and_list": partial(_join, lang=lang, style="standard"),
        "or_list": partial(_join, lang=lang, style="or"),
        "money": partial(_money, lang=lang),
        "label": partial(_label, vocabulary=vocabulary, lang=lang),
        "phrase": _phrase,
        "inline": _inline,
        "items": partial(_items, lang=lang, style="standard"),
        "or_items": partial(_items, lang=lang, style="or"),
        "country": partial(_country, lang=lang),
        "countries": partial(_countries, lang=lang),
        "indefinite": partial(_indefinite, lang=lang),
        "named_in": _named_in,
        "street": partial(_street, lang=lang),
    }


def _date(value: Any, *, lang: Lang) -> str:
    if not isinstance(value, dt.date):
        raise TemplateRuntimeError("| date needs a date")
    return locale.long_date(value, lang)


def _join(items: Iterable[Any], *, lang: Lang, style: Literal["standard", "or"]) -> str:
    return locale.join_list([_plain(item, lang) for item in items], lang, style=style)


def _plain(value: Any, lang: Lang) -> str:
    if isinstance(value, dt.date):
        return locale.long_date(value, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return locale.integer(value, lang)
    return plain_text(value)


def _money(value: Any, *, lang: Lang) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TemplateRuntimeError("| money needs a whole number of euros")
    return locale.money(value, lang)


def _phrase(value: Any) -> str:
    """A customer's text inside a sentence that the clause ends: without a full stop of its own.

    People type descriptions both with and without a closing full stop; the clause writes the
    one the sentence needs, so "Jeugdwet." never becomes "Jeugdwet..".
    """
    if value is None:
        raise TemplateRuntimeError(_EMPTY)
    return plain_text(value).rstrip().rstrip(".")


def _inline(value: Any) -> str:
    """A customer's text inside a sentence: lower-case first letter unless a name or abbreviation.

    ``locale.inline`` states the rule.
    """
    if value is None:
        raise TemplateRuntimeError(_EMPTY)
    return locale.inline(str(value))


def _items(items: Iterable[Any], *, lang: Lang, style: Literal["standard", "or"]) -> str:
    """A list in running text: each item ``inline``.

    Joined with semicolons where an item contains a comma or the conjunction
    (``locale.join_items``).
    """
    return locale.join_items([locale.inline(_plain(item, lang)) for item in items], lang, style=style)


def _country(name: Any, *, lang: Lang) -> str:
    """A country's name with its article in running text: "de Verenigde Staten", "the Netherlands"."""
    if name is None:
        raise TemplateRuntimeError(_EMPTY)
    return locale.country_in_text(str(name), lang)


def _countries(names: Iterable[Any], *, lang: Lang) -> str:
    """Country names with their articles, joined as ``items`` joins."""
    return locale.join_items([locale.country_in_text(str(name), lang) for name in names], lang)


def _indefinite(phrase: Any, *, lang: Lang) -> str:
    """The article of an apposition: "een stichting" / "a foundation", "an association"."""
    if phrase is None:
        raise TemplateRuntimeError(_EMPTY)
    return locale.indefinite(str(phrase), lang)


def _named_in(phrase: Any, name: Any) -> bool:
    """Whether ``name`` already contains ``phrase`` as whole words ("Stichting X" and "stichting").

    Then a legal form need not be repeated after the name.
    """
    if not phrase or not name:
        return False
    return re.search(rf"(?<!\w){re.escape(str(phrase))}(?!\w)", str(name), re.IGNORECASE) is not None


def _street(street: Any, country: Any, *, lang: Lang) -> str:
    """A street after "aan" in Dutch: "het Stadhuisplein 1", "de Meir 34"; English is left as it is."""
    if street is None:
        raise TemplateRuntimeError(_EMPTY)
    return locale.street_in_text(str(street), str(country)) if lang == "nl" else str(street)


def _label(key: Any, vocabulary_name: str, *, vocabulary: Mapping[str, Mapping[str, VocabEntry]], lang: Lang) -> str:
    words = vocabulary.get(vocabulary_name)
    if words is None:
        raise TemplateRuntimeError(f"| label: there is no vocabulary {vocabulary_name!r}")
    entry = words.get(str(key))
    if entry is None:
        raise TemplateRuntimeError(f"| label: vocabulary {vocabulary_name!r} has no key {shown(key)}")
    return entry.in_(lang)
