"""Word-level changes inside one paragraph: the old and new inline text merged, changes marked.

The paragraphs are cut into tokens (words, runs of white space, single punctuation marks,
and each cross-reference whole), each with its formatting (bold, italic, link target).
``difflib`` compares the token lists; the result is rebuilt as inline nodes, deleted tokens
before inserted ones, with neighbouring tokens of one status and formatting joined into
one node, so "within 48 hours" → "within 24 hours" is one deletion and one insertion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import assert_never

from dpa_gen.document import Emph, Inline, Ref, Strong, Text
from dpa_gen.redline.model import ChangedRef, ChangedText, Status

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# An unchanged stretch this small between two changes is folded into them: "~~a b~~ *c d*"
# reads better than "~~a~~ *c* ~~b~~ *d*".
_GLUE = re.compile(r"[\W_]*(\w{1,3}[\W_]*)?")

Format = tuple[bool, bool, str | None]  # bold, italic, the target of a cross-reference
Token = tuple[str, Format]
Piece = tuple[Status | None, Token]


def diff_inlines(old: tuple[Inline, ...], new: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``new`` with the words deleted from ``old`` and those inserted marked."""
    if old == new:
        return new
    return _rebuild(_diff(list(_tokens(old)), list(_tokens(new))))


def diff_text(old: str, new: str) -> tuple[Inline, ...]:
    """A plain text (a heading) with its changes marked."""
    return diff_inlines((Text(old),), (Text(new),))


def changed(inlines: tuple[Inline, ...]) -> bool:
    """Whether any leaf of ``inlines`` is marked."""
    for node in inlines:
        if isinstance(node, ChangedText | ChangedRef):
            return True
        if isinstance(node, Strong | Emph) and changed(node.children):
            return True
    return False


def _tokens(inlines: tuple[Inline, ...], bold: bool = False, italic: bool = False) -> Iterator[Token]:
    for node in inlines:
        match node:
            case Text(value=value):
                for match in _TOKEN.finditer(value):
                    yield match.group(), (bold, italic, None)
            case Strong(children=children):
                yield from _tokens(children, True, italic)
            case Emph(children=children):
                yield from _tokens(children, bold, True)
            case Ref(target=target, label=label):
                yield label, (bold, italic, target)
            case _:
                assert_never(node)


def _diff(old: list[Token], new: list[Token]) -> list[Piece]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    chunks: list[tuple[str, list[Token], list[Token]]] = [
        (tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    # Fold small unchanged stretches between two changes into the changes around them.
    merged: list[tuple[str, list[Token], list[Token]]] = []
    for index, (tag, gone, came) in enumerate(chunks):
        glue = tag == "equal" and index < len(chunks) - 1 and _GLUE.fullmatch("".join(t for t, _ in gone))
        if merged and merged[-1][0] != "equal" and (tag != "equal" or glue):
            merged[-1] = ("replace", merged[-1][1] + gone, merged[-1][2] + came)
        else:
            merged.append((tag, gone, came))
    pieces: list[Piece] = []
    for tag, gone, came in merged:
        if tag == "equal":
            pieces.extend((None, token) for token in came)
        else:
            pieces.extend(("deleted", token) for token in gone)
            pieces.extend(("inserted", token) for token in came)
    return pieces


def _rebuild(pieces: list[Piece]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    run: list[str] = []
    key: tuple[Status | None, Format] | None = None

    def flush() -> None:
        if run and key is not None:
            out.append(_node("".join(run), key[1], key[0]))
        run.clear()

    for status, (text, fmt) in pieces:
        if fmt[2] is not None:  # a cross-reference stays one node
            flush()
            key = None
            out.append(_node(text, fmt, status))
            continue
        if (status, fmt) != key:
            flush()
            key = (status, fmt)
        run.append(text)
    flush()
    return tuple(out)


def _node(text: str, fmt: Format, status: Status | None) -> Inline:
    bold, italic, target = fmt
    node: Inline
    if target is not None:
        node = Ref(target, text) if status is None else ChangedRef(target, text, status)
    else:
        node = Text(text) if status is None else ChangedText(text, status)
    if italic:
        node = Emph((node,))
    if bold:
        node = Strong((node,))
    return node
