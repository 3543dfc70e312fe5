"""The marks a redline adds to the neutral document model: what was inserted and what deleted.

A redline is an ordinary ``Document`` of the new contract in which the deleted text of the
old contract stands at its place, and changed pieces carry a ``status``. Every class here
is a subclass of a model class, so the document stays a ``Document`` (other writers would
print it as plain text) and the DOCX redline writer tells the marked pieces apart:

* ``ChangedText`` / ``ChangedRef``: words or a cross-reference inserted or deleted inside a
  paragraph, heading or table cell (inside ``Strong``/``Emph`` as formatting requires);
* a wholly inserted or deleted clause, paragraph, list item or table row has all of its
  leaves marked, so it needs no class of its own;
* ``ChangedHeading``, ``ChangedTable``, ``ChangedSignatures``, ``ChangedBreak``: blocks with
  text the writer adds itself (numbers, labels, column heads, a page break) that are wholly
  inserted or deleted (``status``); a ``ChangedHeading`` with no status has a changed title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_never

from dpa_gen.document import (
    Block,
    Clause,
    Emph,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    Ref,
    SignatureBlock,
    Strong,
    Table,
    Text,
)

Status = Literal["inserted", "deleted"]


@dataclass(frozen=True, slots=True)
class ChangedText(Text):
    """Words inserted into or deleted from the old text."""

    status: Status = "inserted"


@dataclass(frozen=True, slots=True)
class ChangedRef(Ref):
    """A cross-reference inserted or deleted."""

    status: Status = "inserted"


@dataclass(frozen=True, slots=True)
class ChangedHeading(Heading):
    """A heading inserted or deleted whole (``status``), or one whose words changed."""

    status: Status | None = None
    title_inlines: tuple[Inline, ...] = ()  # the title with its changes marked
    label_inlines: tuple[Inline, ...] = ()  # an annex's "Bijlage III" with its changes marked


@dataclass(frozen=True, slots=True)
class ChangedTable(Table):
    """A table inserted or deleted whole, its column heads included."""

    status: Status = "inserted"


@dataclass(frozen=True, slots=True)
class ChangedSignatures(SignatureBlock):
    """Signature boxes inserted or deleted whole."""

    status: Status = "inserted"


@dataclass(frozen=True, slots=True)
class ChangedBreak(PageBreak):
    """A page break inserted or deleted."""

    status: Status = "inserted"


WHOLE = (ChangedHeading, ChangedTable, ChangedSignatures, ChangedBreak)


def whole_status(block: Block) -> Status | None:
    """The status of a block the writer must mark as a whole, else None."""
    if isinstance(block, WHOLE):
        return block.status
    return None


def mark_inlines(inlines: tuple[Inline, ...], status: Status) -> tuple[Inline, ...]:
    """Every leaf of ``inlines`` marked with ``status``, formatting kept."""
    out: list[Inline] = []
    for node in inlines:
        match node:
            case Text(value=value):
                out.append(ChangedText(value, status))
            case Ref(target=target, label=label):
                out.append(ChangedRef(target, label, status))
            case Strong(children=children):
                out.append(Strong(mark_inlines(children, status)))
            case Emph(children=children):
                out.append(Emph(mark_inlines(children, status)))
            case _:
                assert_never(node)
    return tuple(out)


def mark_block(block: Block, status: Status) -> Block:
    """``block`` inserted or deleted as a whole."""
    match block:
        case Heading():
            return ChangedHeading(block.kind, block.title, block.number, block.prefix, block.anchor, status)
        case Clause(style=style, number=number, anchor=anchor, body=body):
            return Clause(style, number, anchor, tuple(mark_body(item, status) for item in body))
        case Paragraph() | ListBlock():
            return mark_body(block, status)
        case Table(columns=columns, rows=rows, header=header):
            return ChangedTable(columns, rows, header, status)
        case SignatureBlock():
            return ChangedSignatures(
                block.signatories, block.name_label, block.role_label, block.date_label, block.signature_label, status
            )
        case PageBreak():
            return ChangedBreak(status)
        case Parallel(rows=rows):
            return Parallel(tuple((mark_block(left, status), mark_block(right, status)) for left, right in rows))
        case _:
            assert_never(block)


def mark_body(body: Paragraph | ListBlock, status: Status) -> Paragraph | ListBlock:
    """A paragraph or list of a clause inserted or deleted as a whole."""
    if isinstance(body, Paragraph):
        return Paragraph(mark_inlines(body.inlines, status))
    return ListBlock(tuple(mark_inlines(item, status) for item in body.items))
