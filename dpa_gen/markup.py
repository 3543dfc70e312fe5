"""Parse rendered clause text (the tiny markup) into document nodes.

Rendering wraps every value a template prints between control characters (see
``render.py``), so this parser knows which characters came from the library and which from
the customer: ``**`` or ``- `` typed by a customer is printed literally, never read as markup.
"""

from __future__ import annotations

import re

from dpa_gen.document import Body, Emph, Inline, ListBlock, Paragraph, Ref, Strong, Text

# Printed values: LITERAL_OPEN value LITERAL_CLOSE; references: REF_OPEN target SEP label REF_CLOSE.
LITERAL_OPEN, LITERAL_CLOSE = "\x01", "\x02"
REF_OPEN, REF_SEP, REF_CLOSE = "\x03", "\x05", "\x04"

_SPANS = re.compile(
    f"{LITERAL_OPEN}(?P<lit>[^{LITERAL_CLOSE}]*){LITERAL_CLOSE}"
    f"|{REF_OPEN}(?P<target>[^{REF_SEP}]*){REF_SEP}(?P<label>[^{REF_CLOSE}]*){REF_CLOSE}"
)
_MARKERS = re.compile(r"\*\*|\*")
_BREAKS = re.compile(r"[\t\r\n]+")


class MarkupError(ValueError):
    """Clause text whose markup does not parse (an unclosed ``**``, say)."""


def literal(value: str) -> str:
    """Wrap a printed value so the parser keeps it verbatim (line breaks become spaces).

    Only ASCII line breaks and tabs are folded: a no-break space (as in "€ 500") must stay.
    """
    return f"{LITERAL_OPEN}{_BREAKS.sub(' ', value)}{LITERAL_CLOSE}"


def reference(target: str, label: str) -> str:
    """Encode a cross-reference for the parser."""
    return f"{REF_OPEN}{target}{REF_SEP}{label}{REF_CLOSE}"


def parse_blocks(rendered: str) -> tuple[Body, ...]:
    """Split rendered text into paragraphs and lettered lists."""
    blocks: list[Body] = []
    for group in re.split(r"\n[ \t]*\n", rendered.strip("\n")):
        blocks.extend(_group_blocks(group))
    return tuple(blocks)


def _group_blocks(group: str) -> list[Body]:
    """One group of lines (no blank line inside): paragraph lines and ``- `` list items."""
    out: list[Body] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    for raw in group.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            _flush(out, paragraph, items=None)
            items.append([line[2:]])
        elif items and raw[:1].isspace():
            items[-1].append(line)  # an indented continuation of the last item
        else:
            _flush(out, None, items)
            paragraph.append(line)
    _flush(out, paragraph, items)
    return out


def _flush(out: list[Body], paragraph: list[str] | None, items: list[list[str]] | None) -> None:
    if paragraph:
        out.append(Paragraph(parse_inlines(" ".join(paragraph))))
        paragraph.clear()
    if items:
        out.append(ListBlock(tuple(parse_inlines(" ".join(item)) for item in items)))
        items.clear()


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """Inline markup: ``**strong**``, ``*emphasis*``; printed values and references as nodes."""
    stack: list[tuple[str, list[Inline]]] = [("", [])]

    def add_text(value: str) -> None:
        children = stack[-1][1]
        if not value:
            return
        if children and isinstance(children[-1], Text):
            children[-1] = Text(children[-1].value + value)
        else:
            children.append(Text(value))

    def add_markup(segment: str) -> None:
        segment = re.sub(r"[ \t]+", " ", segment)
        pos = 0
        for match in _MARKERS.finditer(segment):
            add_text(segment[pos : match.start()])
            pos = match.end()
            marker = match.group()
            if stack[-1][0] == marker:
                _, children = stack.pop()
                node = Strong(tuple(children)) if marker == "**" else Emph(tuple(children))
                stack[-1][1].append(node)
            else:
                stack.append((marker, []))
        add_text(segment[pos:])

    pos = 0
    for match in _SPANS.finditer(text):
        add_markup(text[pos : match.start()])
        pos = match.end()
        if match.group("lit") is not None:
            add_text(match.group("lit"))
        else:
            stack[-1][1].append(Ref(match.group("target"), match.group("label")))
    add_markup(text[pos:])
    if len(stack) != 1:
        raise MarkupError(f"'{stack[-1][0]}' is opened but never closed")
    return tuple(stack[0][1])
