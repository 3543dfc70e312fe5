"""Find every file a stylesheet asks for (``url(…)``, ``@import``), with its line and column.

Why: a style folder's ``contract.css`` is checked before anything is rendered, so a
reference outside the folder is reported at its position instead of failing mid-render.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CssReference:
    """One URL in a stylesheet."""

    url: str
    line: int
    column: int
    is_import: bool = False


def css_references(text: str) -> list[CssReference]:
    """Every ``url()`` and ``@import`` target of ``text``, in order."""
    import tinycss2  # WeasyPrint's CSS parser; imported here so `check` never loads it

    return list(_walk(tinycss2.parse_component_value_list(text, skip_comments=True)))


def _walk(tokens: Iterable[Any]) -> Iterator[CssReference]:
    after_import = False
    for token in tokens:
        kind = token.type
        if kind in ("whitespace", "comment"):
            continue
        if kind == "url":
            yield CssReference(token.value, token.source_line, token.source_column, after_import)
        elif kind == "function" and token.lower_name == "url":
            strings = [t for t in token.arguments if t.type == "string"]
            value = strings[0].value if strings else ""
            yield CssReference(value, token.source_line, token.source_column, after_import)
        elif kind == "string" and after_import:
            yield CssReference(token.value, token.source_line, token.source_column, True)
        elif kind == "function":
            yield from _walk(token.arguments)
        elif kind in ("{} block", "[] block", "() block"):
            yield from _walk(token.content)
        after_import = kind == "at-keyword" and token.lower_value == "import"
