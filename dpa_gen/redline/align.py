"""Align two composed contracts block by block and merge them into one marked-up document.

Blocks are paired by what they are: a clause by its stable anchor (``nl-breach.notification``),
a heading by its anchor (or its title when it has none), a paragraph or list by its text,
a table by its columns; side-by-side rows by their left block, table rows by their text,
then by their text without the first cell (a running number), then by the first cell (a
label), then by position. What is paired is merged word by word (``words``); what is not is
marked deleted (old) or inserted (new), deletions first. The result is the new contract's
``Document`` with the old text at its place (see ``model``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar, assert_never

from dpa_gen.document import (
    Block,
    Body,
    Clause,
    Document,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    SignatureBlock,
    Table,
    plain_text,
)
from dpa_gen.redline.model import ChangedHeading, Status, mark_block, mark_body, mark_inlines
from dpa_gen.redline.words import diff_inlines, diff_text

T = TypeVar("T")
Cell = tuple[tuple[Inline, ...], ...]
Row = tuple[Cell, ...]


def redline_document(old: Document, new: Document) -> Document | None:
    """The new document with the changes since ``old`` marked; None when the texts are the same."""
    if old.blocks == new.blocks:
        return None
    blocks: list[Block] = []
    for before, after in align(old.blocks, new.blocks, _key, _loose_key):
        blocks.extend(_merge(before, after))
    return Document(new.mode, new.info, tuple(blocks), new.article_words)


def align(old: Sequence[T], new: Sequence[T], *keys: Callable[[T], Hashable]) -> list[tuple[T | None, T | None]]:
    """Pair the items of ``old`` and ``new`` in order, by the first key, then by the next ones.

    Items the first key cannot pair (a stretch that differs) are tried with the next key;
    what no key pairs comes out alone, old items before new ones.
    """
    if not keys:
        return [(item, None) for item in old] + [(None, item) for item in new]
    first, rest = keys[0], keys[1:]
    matcher = SequenceMatcher(None, [first(x) for x in old], [first(x) for x in new], autojunk=False)
    out: list[tuple[T | None, T | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            unpaired = align(old[i1:i2], new[j1:j2], *rest)
            out.extend(unpaired)
    return out


def _merge(old: Block | None, new: Block | None) -> list[Block]:
    if new is None:
        assert old is not None
        return [mark_block(old, "deleted")]
    if old is None:
        return [mark_block(new, "inserted")]
    if old == new:
        return [new]
    match old, new:
        case Heading(), Heading():
            return [_heading(old, new)]
        case Clause(), Clause():
            return [_clause(old, new)]
        case Paragraph(), Paragraph():
            return list(_body(old, new))
        case ListBlock(), ListBlock():
            return list(_body(old, new))
        case Table(), Table() if (old.columns, old.header) == (new.columns, new.header):
            pairs = align(old.rows, new.rows, _row_text, _row_tail, _row_head, _kind)
            return [Table(new.columns, tuple(_row(*pair) for pair in pairs), new.header)]
        case Parallel(), Parallel():
            rows: list[tuple[Block, Block]] = []
            for before, after in align(old.rows, new.rows, _row_key, _row_loose_key):
                left = _merge(before[0] if before else None, after[0] if after else None)
                right = _merge(before[1] if before else None, after[1] if after else None)
                if len(left) == len(right) == 1:
                    rows.append((left[0], right[0]))
                else:  # cannot happen for prose; keep it correct anyway
                    assert before is not None and after is not None
                    rows.append((mark_block(before[0], "deleted"), mark_block(before[1], "deleted")))
                    rows.append((mark_block(after[0], "inserted"), mark_block(after[1], "inserted")))
            return [Parallel(tuple(rows))]
        case _:  # signatures, a table with other columns, blocks of two kinds: old out, new in
            return [mark_block(old, "deleted"), mark_block(new, "inserted")]


def _clause(old: Clause, new: Clause) -> Clause:
    pairs: list[tuple[Body | None, Body | None]] = align(old.body, new.body, _text_key, _kind)
    body = [item for before, after in pairs for item in _body(before, after)]
    return Clause(new.style, new.number, new.anchor, tuple(body))


def _heading(old: Heading, new: Heading) -> Heading:
    label_old, label_new = f"{old.prefix} {old.number}", f"{new.prefix} {new.number}"
    return ChangedHeading(
        new.kind,
        new.title,
        new.number,
        new.prefix,
        new.anchor,
        None,
        diff_text(old.title, new.title),
        diff_text(label_old, label_new),
    )


def _body(old: Paragraph | ListBlock | None, new: Paragraph | ListBlock | None) -> list[Paragraph | ListBlock]:
    if new is None:
        assert old is not None
        return [mark_body(old, "deleted")]
    if old is None:
        return [mark_body(new, "inserted")]
    if isinstance(old, Paragraph) and isinstance(new, Paragraph):
        return [Paragraph(diff_inlines(old.inlines, new.inlines))]
    if isinstance(old, ListBlock) and isinstance(new, ListBlock):
        items = align(old.items, new.items, plain_text, _kind)
        return [ListBlock(tuple(_line(*pair) for pair in items))]
    return [mark_body(old, "deleted"), mark_body(new, "inserted")]


def _line(old: tuple[Inline, ...] | None, new: tuple[Inline, ...] | None) -> tuple[Inline, ...]:
    if new is None:
        assert old is not None
        return mark_inlines(old, "deleted")
    if old is None:
        return mark_inlines(new, "inserted")
    return diff_inlines(old, new)


def _row(old: Row | None, new: Row | None) -> Row:
    if old is None or new is None:
        status: Status = "inserted" if old is None else "deleted"
        row = new if old is None else old
        assert row is not None
        return tuple(_mark_cell(cell, status) for cell in row)
    return tuple(_cell(before, after) for before, after in zip(old, new, strict=True))


def _cell(old: Cell, new: Cell) -> Cell:
    return tuple(_line(*pair) for pair in align(old, new, plain_text, _kind))


def _mark_cell(cell: Cell, status: Status) -> Cell:
    return tuple(mark_inlines(line, status) for line in cell)


# --- keys ----------------------------------------------------------------------------------


def _key(block: Block) -> Hashable:
    """What a block is, for pairing: equal keys are the same block, perhaps reworded."""
    match block:
        case Heading(kind=kind, anchor=anchor, title=title):
            return ("heading", kind, anchor or title)
        case Clause(anchor=anchor):
            return ("clause", anchor)
        case Paragraph() | ListBlock():
            return _text_key(block)
        case Table(columns=columns, header=header):
            return ("table", tuple(column.label for column in columns), header)
        case SignatureBlock():
            return ("signatures",)
        case PageBreak():
            return ("break",)
        case Parallel(rows=rows):
            return ("parallel", _key(rows[0][0]) if rows else None)
        case _:
            assert_never(block)


def _loose_key(block: Block) -> Hashable:
    """A second chance for what ``_key`` left unpaired: a clause or section stays itself."""
    match block:
        case Heading(kind=kind, anchor=anchor):
            return ("heading", kind, anchor)
        case Clause(anchor=anchor):
            return ("clause", anchor)
        case _:
            return type(block).__name__


def _text_key(body: Paragraph | ListBlock) -> Hashable:
    if isinstance(body, Paragraph):
        return ("paragraph", plain_text(body.inlines))
    return ("list", tuple(plain_text(item) for item in body.items))


def _kind(item: object) -> Hashable:
    return type(item).__name__


def _row_key(row: tuple[Block, Block]) -> Hashable:
    return _key(row[0])


def _row_loose_key(row: tuple[Block, Block]) -> Hashable:
    return _loose_key(row[0])


def _row_text(row: Row) -> Hashable:
    return tuple(tuple(plain_text(line) for line in cell) for cell in row)


def _row_tail(row: Row) -> Hashable:
    return _row_text(row[1:])


def _row_head(row: Row) -> Hashable:
    return _row_text(row[:1])
