"""The exception hierarchy and the positioned diagnostics users see."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Customer values inside messages are wrapped in these two characters, so that CI mode can
# replace them ("--redact") without every message builder knowing about redaction. Neither
# character can come from a file: text hygiene rejects C0 control characters.
_VALUE_START, _VALUE_END = "\x1e", "\x1f"
_VALUE = re.compile(f"{_VALUE_START}(.*?){_VALUE_END}", re.DOTALL)


def shown(value: object) -> str:
    """Quote a customer value for a message; ``--redact`` hides it."""
    text = repr(value) if isinstance(value, str) else str(value)
    return hidden(text)


def hidden(text: str) -> str:
    """Mark customer text (a value, a key the customer invented) that ``--redact`` hides, unquoted."""
    return f"{_VALUE_START}{printable(text)}{_VALUE_END}"


# What must never reach a terminal, a CI log or an XML report as itself: control characters
# (a newline in a key could start a line "::error" that GitHub Actions obeys; ESC drives the
# terminal; XML 1.0 cannot hold most of them), line and paragraph separators, bidi and
# invisible characters, lone surrogates and non-characters.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    r"""``text`` with every unsafe character written as an escape (``\n``, ``\x1b``, ``\u202e``)."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code)
    return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def display_path(path: object) -> str:
    r"""A path as text that can always be printed: bytes that are not UTF-8 shown as ``\xff``.

    Why: a file name that is not valid UTF-8 arrives as lone surrogates, which a terminal,
    a JSON manifest or an XML report cannot encode.
    """
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return printable(text)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True, slots=True, order=True)
class SourcePos:
    """A 1-based position, printed the way compilers and editors expect."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: where, what key, what is wrong and how to fix it."""

    pos: SourcePos | None
    key: str
    message: str
    severity: Severity = "error"
    code: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Report order: by file, line and column, then code and key (findings without a place first)."""
        pos = self.pos or SourcePos("")
        return (pos.file, pos.line, pos.column, self.code, self.key)

    def render(self, *, with_code: bool = False, redact: bool = False) -> str:
        """``path:line:col: error: dotted.key: message`` (with ``CODE`` after the severity)."""
        message = _VALUE.sub("…" if redact else r"\1", self.message)
        head = f"{self.pos}: " if self.pos else ""
        kind = f"{self.severity} {self.code}" if with_code and self.code else self.severity
        key = f"{self.key_text(redact=redact)}: " if self.key else ""
        return printable(f"{head}{kind}: {key}{message}")

    def key_text(self, *, redact: bool = False) -> str:
        """The dotted key, with a key the customer invented hidden when ``redact``, escaped."""
        return printable(_VALUE.sub("…" if redact else r"\1", self.key))

    def __str__(self) -> str:
        return self.render()


class DpaGenError(Exception):
    """Root of every error dpa-gen raises on purpose."""


class UserError(DpaGenError):
    """Bad input: carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class OutputError(DpaGenError):
    """An output file could not be written; the previous file, if any, is untouched."""
