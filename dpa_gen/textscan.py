"""Reading library and own texts without Jinja: where the literal text is, and the numbers in it."""

from __future__ import annotations

import re

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_NOT_NEWLINE = re.compile(r"[^\n]")
_DIGITS = re.compile(r"\d+")


def mask_jinja(text: str) -> str:
    """``text`` with each ``{{ }}``, ``{% %}`` and ``{# #}`` blanked out, lines and columns kept."""
    return _JINJA.sub(lambda match: _NOT_NEWLINE.sub(" ", match.group()), text)


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def numbers(text: str) -> list[tuple[str, int]]:
    """Every number written literally (outside Jinja), with its line: ``48``, ``28``, ``3``."""
    masked = mask_jinja(text)
    return [(match.group().lstrip("0") or "0", line_of(masked, match.start())) for match in _DIGITS.finditer(masked)]
