"""Render clause text for one language inside a locked-down Jinja sandbox.

Why this shape: clause text mixes library prose with customer values. The sandbox blocks
attribute tricks, ``Immutable`` blocks ``list.append`` and friends, ``StrictUndefined``
turns ``{{ controler.name }}`` into an error instead of a gap in a contract, and customer
values only ever arrive as render *data*, so ``{{7*7}}`` typed by a customer stays literal.
Every printed value passes ``_finalize``, which formats it for the language and marks it as
literal text for the markup parser.
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
from dpa_gen.markup import MarkupError, literal, parse_blocks, reference
from dpa_gen.models.base import Lang
from dpa_gen.models.library import VocabEntry


@dataclass(frozen=True, slots=True)
class RefMark:
    """What ``ref('id')`` returns; printed as a cross-reference node."""

    target: str
    label: str


class ClauseError(Exception):
    """A clause text that does not render; ``line`` is the line within the text, if known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def clause_environment(lang: Lang, vocabulary: Mapping[str, Mapping[str, VocabEntry]]) -> ImmutableSandboxedEnvironment:
    """The environment clause text and ``when`` conditions are evaluated in."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=partial(_finalize, lang=lang),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters["date"] = partial(_date, lang=lang)
    env.filters["and_list"] = partial(_join, lang=lang, style="standard")
    env.filters["or_list"] = partial(_join, lang=lang, style="or")
    env.filters["money"] = partial(_money, lang=lang)
    env.filters["label"] = partial(_label, vocabulary=vocabulary, lang=lang)
    env.filters["phrase"] = _phrase
    env.filters["inline"] = _inline
    env.filters["items"] = partial(_items, lang=lang, style="standard")
    env.filters["or_items"] = partial(_items, lang=lang, style="or")
    env.filters["country"] = partial(_country, lang=lang)
    env.filters["countries"] = partial(_countries, lang=lang)
    env.filters["indefinite"] = partial(_indefinite, lang=lang)
    env.filters["named_in"] = _named_in
    env.filters["street"] = partial(_street, lang=lang)
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
            return template.render(**facts, ref=partial(_ref, refs=refs, lang=self.lang))
        except TemplateError as exc:
            raise ClauseError(_describe(exc), _template_line(exc.__traceback__)) from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise ClauseError(f"cannot be rendered: {exc}", _template_line(exc.__traceback__)) from None

    def holds(self, condition: str, facts: Mapping[str, Any]) -> bool:
        """Evaluate a ``when`` condition; errors become ``ClauseError``."""
        compiled = self._conditions.get(condition)
        try:
            if compiled is None:
                compiled = self.env.compile_expression(condition, undefined_to_none=False)
                self._conditions[condition] = compiled
            return bool(compiled(**facts))
        except TemplateError as exc:
            raise ClauseError(f"condition {condition!r}: {_describe(exc)}") from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise ClauseError(f"condition {condition!r} cannot be evaluated: {exc}") from None


_EMPTY = "prints a value that this customer file leaves empty; guard it with {% if … %}"


def _finalize(value: Any, *, lang: Lang) -> str:
    if isinstance(value, RefMark):
        return reference(value.target, value.label)
    if value is None:
        raise TemplateRuntimeError(_EMPTY)
    if isinstance(value, bool):
        raise TemplateRuntimeError("prints true/false; use the value in {% if … %} instead")
    if isinstance(value, dt.date):
        return literal(locale.long_date(value, lang))
    if isinstance(value, int):
        return literal(locale.integer(value, lang))
    if isinstance(value, (tuple, list, Mapping)):
        raise TemplateRuntimeError("prints a list or record; use a filter such as | and_list")
    return literal(str(value))


def _ref(target: str, *, refs: Mapping[str, str], lang: Lang) -> RefMark:
    label = refs.get(target)
    if label is None:
        raise TemplateRuntimeError(f"ref({target!r}) points to nothing numbered in this contract")
    return RefMark(anchor(lang, target), label)


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
    return str(value)


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
    return str(value).rstrip().rstrip(".")


def _inline(value: Any) -> str:
    """A customer's text inside a sentence: lower-case first letter unless it is a name or
    abbreviation (``locale.inline`` states the rule)."""
    if value is None:
        raise TemplateRuntimeError(_EMPTY)
    return locale.inline(str(value))


def _items(items: Iterable[Any], *, lang: Lang, style: Literal["standard", "or"]) -> str:
    """A list in running text: each item ``inline``, joined with semicolons where an item
    contains a comma or the conjunction (``locale.join_items``)."""
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
    """Whether ``name`` already contains ``phrase`` as whole words ("Stichting X" and
    "stichting"), so that a legal form need not be repeated after the name."""
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
        raise TemplateRuntimeError(f"| label: vocabulary {vocabulary_name!r} has no key {key!r}")
    return entry.in_(lang)


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
