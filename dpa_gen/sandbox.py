"""The bounds of the sandbox clause text renders in: size, time, and nothing that differs between runs.

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
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import TemplateRuntimeError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_TEXT = 1_000_000  # characters of one rendered text (and items or digits of one value)
MAX_FILTER_NUMBER = 10_000  # a width, count or length given to a filter
RENDER_SECONDS = 10.0  # one clause text or condition
_PLAIN_DATA = (str, int, float, dt.date, list, tuple, dict)
UNSTABLE_FILTERS = ("random", "pprint", "format", "xmlattr", "urlize")


class LimitError(TemplateRuntimeError):
    """A clause text that goes beyond a rendering limit."""


class UnstableError(TemplateRuntimeError):
    """A clause text that would print something that differs between runs."""


def error_kind(exc: BaseException) -> str:
    """``ClauseError.kind`` of an exception: "limit", "unstable", or "" for any other error."""
    if isinstance(exc, (LimitError, RecursionError, MemoryError)):
        return "limit"
    if isinstance(exc, (UnstableError, SecurityError)):
        return "unstable"
    return ""


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


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
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


def plain_text(value: Any) -> str:
    """``str(value)`` for plain data; ``UnstableError`` for anything else.

    Anything else (a function, a generator) would print its memory address, which differs
    between runs.
    """
    if isinstance(value, (str, int, float, Undefined)):
        return str(value)  # an Undefined raises its own error here
    raise UnstableError(
        f"prints a {type(value).__name__} object, which is not data (its text would differ between runs)"
    )


class RenderTimeout(LimitError):
    """A text or condition that took longer than ``RENDER_SECONDS``."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
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


def bounded_text(chunks: Iterable[str]) -> str:
    """Join rendered chunks, refusing a text over ``MAX_TEXT`` characters as it grows."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_TEXT:
            raise LimitError(f"renders more than {MAX_TEXT:,} characters")
        out.append(chunk)
    return "".join(out)
