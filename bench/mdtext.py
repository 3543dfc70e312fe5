"""The contract text as pandoc Markdown, for the "pandoc writes a DOCX of the same text" baseline.

Walks the ``dpa_gen.document.Document`` that dpa-gen's writers consume and emits the same
words: headings (with ids), numbered clauses (the number in bold, carrying the clause's
anchor as a bookmark span), lettered lists as pandoc fancy lists ``(a)``, cross-references as
internal links, the annex tables and the signature block as pipe tables. Side-by-side rows
are written Dutch block, then English block: pandoc has no two-column layout, so the
baseline is "the same text to DOCX", which is a floor rather than an equal document.
Page breaks are dropped (pandoc Markdown has none for DOCX).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dpa_gen.document import (
    Block,
    Clause,
    Document,
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
    plain_text,
)

# Characters with a meaning in pandoc Markdown inline text; a backslash makes any ASCII
# punctuation literal, so escaping a few too many is harmless.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~^$@&])")
_LIST_START = re.compile(r"^(\d+)([.)])")
_LEVEL = {"title": 1, "annex": 1, "section": 2, "article": 2, "group": 3}


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def _inline(nodes: Iterable[Inline]) -> str:
    out: list[str] = []
    for node in nodes:
        match node:
            case Text(value=value):
                out.append(_escape(value))
            case Strong(children=children) | Emph(children=children):
                inner = _inline(children)
                mark = "**" if isinstance(node, Strong) else "*"
                core = inner.strip()
                if core:  # emphasis may not start or end with a space: keep the spaces outside
                    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
                    out.append(f"{lead}{mark}{core}{mark}{trail}")
                else:
                    out.append(inner)
            case Ref(target=target, label=label):
                out.append(f"[{_escape(label)}](#{target})")
    return "".join(out)


def _block_text(text: str) -> str:
    """Keep a paragraph a paragraph: a leading ``1.``, ``(a)``, ``-`` or ``>`` would start a list or quote."""
    if match := _LIST_START.match(text):
        return f"{match.group(1)}\\{match.group(2)}{text[match.end() :]}"
    if text[:1] in "-+(>=:" and text[:1]:
        return "\\" + text
    return text


def _cell(lines: Iterable[Iterable[Inline]]) -> str:
    return " / ".join(_inline(line) for line in lines).replace("|", "\\|") or " "


def _pipe_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _blocks(block: Block) -> list[str]:
    """Markdown blocks (paragraph strings) for one document block."""
    match block:
        case Heading():
            level = _LEVEL.get(block.kind, 2)
            ident = f" {{#{block.anchor}}}" if block.anchor else ""
            return [f"{'#' * level} {_escape(block.full_title)}{ident}"]
        case Paragraph(inlines=inlines):
            return [_block_text(_inline(inlines))]
        case ListBlock(items=items):
            letters = "abcdefghijklmnopqrstuvwxyz"
            return ["\n".join(f"({letters[i % 26]}) {_inline(item)}" for i, item in enumerate(items))]
        case Clause(number=number, anchor=anchor, body=body):
            out: list[str] = []
            for index, part in enumerate(body):
                if isinstance(part, ListBlock):
                    out.extend(_blocks(part))
                    continue
                text = _inline(part.inlines)
                if index == 0 and number is not None:
                    text = f"[**{_escape(number)}**]{{#{anchor}}} {text}"
                else:
                    text = _block_text(text)
                out.append(text)
            return out
        case Table(columns=columns, rows=rows):
            header = [_escape(c.label) or " " for c in columns]
            return [_pipe_table(header, [[_cell(cell) for cell in row] for row in rows])]
        case SignatureBlock(signatories=signatories):
            header = [_escape(s.party_label) for s in signatories]
            fields = [
                [_escape(s.party_name) for s in signatories],
                [f"{_escape(block.name_label)}: {_escape(s.name or '')}" for s in signatories],
                [f"{_escape(block.role_label)}: {_escape(s.role or '')}" for s in signatories],
                [f"{_escape(block.date_label)}:" for _ in signatories],
                [f"{_escape(block.signature_label)}:" for _ in signatories],
            ]
            return [_pipe_table(header, fields)]
        case Parallel(rows=rows):
            return [text for left, right in rows for side in (left, right) for text in _blocks(side)]
        case PageBreak():
            return []
    raise TypeError(f"unknown block {type(block).__name__}")


def markdown(document: Document) -> str:
    """The whole document as pandoc Markdown (title block from the document info)."""
    title = _escape(document.info.title)
    parts = [f'---\ntitle: "{title}"\nlang: {document.info.language}\n---']
    for block in document.blocks:
        parts.extend(_blocks(block))
    return "\n\n".join(parts) + "\n"


def word_count(document: Document) -> int:
    """Words of the document's text, to check that the Markdown carries all of it."""
    words = 0

    def count(block: Block) -> None:
        nonlocal words
        match block:
            case Heading():
                words += len(block.full_title.split())
            case Paragraph(inlines=inlines):
                words += len(plain_text(inlines).split())
            case ListBlock(items=items):
                words += sum(len(plain_text(item).split()) for item in items)
            case Clause(number=number, body=body):
                words += 1 if number is not None else 0
                for part in body:
                    count(part)
            case Table(columns=columns, rows=rows):
                words += sum(len(c.label.split()) for c in columns)
                words += sum(len(plain_text(line).split()) for row in rows for cell in row for line in cell)
            case Parallel(rows=rows):
                for left, right in rows:
                    count(left)
                    count(right)
            case _:
                pass

    for block in document.blocks:
        count(block)
    return words
