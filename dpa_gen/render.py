"""Render clause text for one language inside a locked-down Jinja sandbox.

Why this shape: clause text mixes library prose with customer values. The sandbox blocks
attribute tricks, ``Immutable`` blocks ``list.append`` and friends, ``StrictUndefined``
turns ``{{ controler.name }}`` into an error instead of a gap in a contract, and customer
values only ever arrive as render *data*, so ``{{7*7}}`` typed by a customer stays literal.
Every printed value passes ``_finalize``, which formats it for the language and marks it as
literal text for the markup parser.

A clause library is code, but a team's own ``--clauses`` library must not hang or exhaust a
build, nor make its output differ between runs; the sandbox is bounded:

* power (``**``) and repetition (``*``) whose result would be larger than ``MAX_TEXT`` (in
  characters, items or digits), ``%`` formatting of text, and numeric filter arguments (padding
  widths such as ``| center(10**9)``) above ``MAX_FILTER_NUMBER`` are refused before they run;
* a rendered text may be at most ``MAX_TEXT`` characters, counted while it renders;
* a text or condition may take at most ``RENDER_SECONDS`` (a timer, in the main thread);
* nothing that makes output differ between runs: no ``| random``, no methods of data
  (``date.strftime('%s')``), and only plain data may be printed (not a function, whose text
  holds a memory address).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any, Literal

from jinja2 import StrictUndefined, Template, TemplateError, TemplateRuntimeError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dpa_gen import locale, template_cache
from dpa_gen.document import Body, anchor
from dpa_gen.errors import shown
from dpa_gen.markup import MarkupError, literal, parse_blocks, reference
from dpa_gen.models.base import Lang
from dpa_gen.models.library import VocabEntry


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


def _kind(exc: BaseException) -> str:
    if isinstance(exc, (LimitError, RecursionError, MemoryError)):
        return "limit"
    if isinstance(exc, (UnstableError, SecurityError)):
        return "unstable"
    return ""


MAX_TEXT = 1_000_000  # characters of one rendered text (and items or digits of one value)
MAX_FILTER_NUMBER = 10_000  # a width, count or length given to a filter
RENDER_SECONDS = 10.0  # one clause text or condition
_PLAIN_DATA = (str, int, float, dt.date, list, tuple, dict)
_UNSTABLE_FILTERS = ("random", "pprint", "format", "xmlattr", "urlize")


class LimitError(TemplateRuntimeError):
    """A clause text that goes beyond a rendering limit."""


class UnstableError(TemplateRuntimeError):
    """A clause text that would print something that differs between runs."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with limits on size and no access to the methods of data."""

    intercepted_binops = frozenset({"**", "*", "%", "//"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Refuse a power or repetition whose result would be too large, and ``%`` on text, before it runs."""
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_repeat(left, right)
        elif operator == "%" and isinstance(left, str):
            raise UnstableError("formats text with %; write the text out, or use a filter such as | money")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """The sandbox's rule, and no methods of plain data."""
        # Methods of data (date.strftime('%s'), str.center(10**9), dict.items) are not for clause
        # text: what they print may depend on the clock or the machine, or be unbounded.
        if callable(value) and isinstance(obj, _PLAIN_DATA):
            return False
        return super().is_safe_attribute(obj, attr, value)


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _check_repeat(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        size = _size(seq)
        if size is not None and isinstance(times, int) and size * max(times, 0) > MAX_TEXT:
            raise LimitError(f"repeats a text or list to more than {MAX_TEXT:,} characters or items")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        digits = exponent * (abs(base).bit_length() * 0.302)  # log10(2) per bit
        if digits > MAX_TEXT or exponent > MAX_TEXT:
            raise LimitError(f"computes a power of more than {MAX_TEXT:,} digits")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` refusing numbers over MAX_FILTER_NUMBER (widths, counts) and huge replacements."""
    passes_context = hasattr(function, "jinja_pass_arg")  # then the value is the second argument

    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, *rest = args[1:] if passes_context else args
        for given in (*rest, *kwargs.values()):
            if isinstance(given, int) and not isinstance(given, bool) and abs(given) > MAX_FILTER_NUMBER:
                raise LimitError(f"| {name}: the number {given:,} is over the limit of {MAX_FILTER_NUMBER:,}")
        if name == "replace" and len(rest) >= 2:
            text, old, new = str(value), str(rest[0]), str(rest[1])
            if (text.count(old) if old else len(text) + 1) * len(new) > MAX_TEXT:
                raise LimitError(f"| replace: the result would be longer than {MAX_TEXT:,} characters")
        return function(*args, **kwargs)

    for attr in ("jinja_pass_arg",):  # keep Jinja's context/environment passing
        if hasattr(function, attr):
            setattr(bounded, attr, getattr(function, attr))
    return bounded


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
    for name in _UNSTABLE_FILTERS:  # output that differs between runs, or reprs of objects
        env.filters.pop(name, None)
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(name, function)
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
            with _time_limit(RENDER_SECONDS):
                return _bounded_text(template.generate(**facts, ref=RefFunction(refs, self.lang)))
        except TemplateError as exc:
            raise ClauseError(_describe(exc), _template_line(exc.__traceback__), _kind(exc)) from None
        except _RUNTIME_ERRORS as exc:
            message = "recurses too deeply" if isinstance(exc, RecursionError) else f"cannot be rendered: {exc}"
            raise ClauseError(message, _template_line(exc.__traceback__), _kind(exc)) from None

    def holds(self, condition: str, facts: Mapping[str, Any]) -> bool:
        """Evaluate a ``when`` condition; errors become ``ClauseError``."""
        compiled = self._conditions.get(condition)
        try:
            if compiled is None:
                compiled = self.env.compile_expression(condition, undefined_to_none=False)
                self._conditions[condition] = compiled
            with _time_limit(RENDER_SECONDS):
                return bool(compiled(**facts))
        except TemplateError as exc:
            raise ClauseError(f"condition {condition!r}: {_describe(exc)}", kind=_kind(exc)) from None
        except _RUNTIME_ERRORS as exc:
            raise ClauseError(f"condition {condition!r} cannot be evaluated: {exc}", kind=_kind(exc)) from None


_EMPTY = "prints a value that this customer file leaves empty; guard it with {% if … %}"


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
    return literal(_plain_text(value))


def _plain_text(value: Any) -> str:
    """``str(value)`` for plain data; ``UnstableError`` for anything else.

    Anything else (a function, a generator) would print its memory address, which differs
    between runs.
    """
    if isinstance(value, (str, int, float, Undefined)):
        return str(value)  # an Undefined raises its own error here
    raise UnstableError(
        f"prints a {type(value).__name__} object, which is not data (its text would differ between runs)"
    )


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
    return _plain_text(value)


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
    return _plain_text(value).rstrip().rstrip(".")


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


class RenderTimeout(LimitError):
    """A text or condition that took longer than ``RENDER_SECONDS``."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``RenderTimeout`` in this code after ``seconds`` (main thread only: a timer signal).

    Why a signal: Jinja's compiled code has no hook per loop iteration; each operation that
    could run long in C (power, repetition, padding) is refused by size before it starts.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(number: int, frame: object) -> None:
        raise RenderTimeout(f"took longer than {seconds:g} s to render")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded_text(chunks: Iterable[str]) -> str:
    """Join rendered chunks, refusing a text over ``MAX_TEXT`` characters as it grows."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_TEXT:
            raise LimitError(f"renders more than {MAX_TEXT:,} characters")
        out.append(chunk)
    return "".join(out)
