"""Where a contract file differs from its rebuild, named by article and clause.

Both files, the one being verified and the one rebuilt from its inputs, are read back the
same way: a PDF with poppler's ``pdftotext -raw`` (content-stream order) when it is installed,
else with pypdf; a DOCX paragraph by paragraph with python-docx. Both texts are reduced to
letters and digits (so line breaks, hyphenation and spacing do not count) and cut where each
heading, clause, table and signature block of the rebuilt ``Document`` starts, found by its
first letters in document order. A piece that differs names the clause it belongs to, with the
text around the first difference on both sides.

This is a best effort: a change that moves page breaks in a PDF also moves the running headers
and page labels, so the pieces after it may be reported too; a change to the layout alone
(positions, fonts, colours) leaves the text equal and is reported as such.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from dpa_gen.document import (
    Block,
    Clause,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Parallel,
    SignatureBlock,
    Table,
    plain_text,
)
from dpa_gen.models.base import Lang

_KEY = 48  # letters and digits of a block's start used to find it
_MIN_KEY = 6  # shorter starts ("1.", "Ja") are too common to find reliably
_SLACK = 2000  # how far past its place in the rebuild a block's start may appear in the file
_CONTEXT = 30  # raw characters shown around a difference


@dataclass(frozen=True)
class Difference:
    """One place where the file's text is not the rebuild's."""

    where: str  # "9.1 in Artikel 9 - Datalekken"
    clause: str | None  # the clause id, when the place is a clause
    lang: Lang | None
    expected: str  # the rebuild's text around the difference
    found: str  # the file's text there


@dataclass(frozen=True)
class _Mark:
    where: str
    clause: str | None
    lang: Lang | None
    key: str


class _Text:
    """Text reduced to letters and digits, with the position of each kept character in the original."""

    def __init__(self, raw: str) -> None:
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(raw):
            for c in unicodedata.normalize("NFKC", ch).casefold():
                if c.isalnum():
                    chars.append(c)
                    index.append(i)
        self.raw, self.text, self.index = raw, "".join(chars), index

    def snippet(self, start: int, end: int) -> str:
        """The original text of kept characters ``start:end``, with some context, on one line."""
        if not self.index:
            return ""
        first = self.index[min(start, len(self.index) - 1)]
        last = self.index[min(max(end, start + 1), len(self.index)) - 1] + 1
        start_at, end_at = max(0, first - _CONTEXT), min(len(self.raw), last + _CONTEXT)
        while start_at > 0 and not self.raw[start_at - 1].isspace() and first - start_at < 2 * _CONTEXT:
            start_at -= 1  # whole words
        while end_at < len(self.raw) and not self.raw[end_at].isspace() and end_at - last < 2 * _CONTEXT:
            end_at += 1
        text = " ".join(self.raw[start_at:end_at].split())
        return text if len(text) <= 200 else text[:199] + "…"


def differences(document: Document, expected: bytes, actual: bytes, fmt: str) -> list[Difference]:
    """The places where ``actual`` (the file) says something other than ``expected`` (the rebuild)."""
    raw_expected, raw_actual = extract_texts(expected, actual, fmt)
    exp, act = _Text(raw_expected), _Text(raw_actual)
    marks = list(_marks(document))
    at_exp = _locate(marks, exp.text)
    at_act = _guided(marks, at_exp, act.text)
    common = [i for i in sorted(at_exp) if i in at_act]
    cuts_exp = [0, *(at_exp[i] for i in common), len(exp.text)]
    cuts_act = [0, *(at_act[i] for i in common), len(act.text)]
    out: list[Difference] = []
    for k in range(len(cuts_exp) - 1):
        a_exp, b_exp, a_act, b_act = cuts_exp[k], cuts_exp[k + 1], cuts_act[k], cuts_act[k + 1]
        piece_exp, piece_act = exp.text[a_exp:b_exp], act.text[a_act:b_act]
        if piece_exp == piece_act:
            continue
        same = _common_prefix(piece_exp, piece_act)
        tail = _common_suffix(piece_exp[same:], piece_act[same:])
        owner = _owner(marks, at_exp, a_exp + same)
        out.append(
            Difference(
                owner.where if owner else "the start of the document",
                owner.clause if owner else None,
                owner.lang if owner else None,
                exp.snippet(a_exp + same, b_exp - tail),
                act.snippet(a_act + same, b_act - tail),
            )
        )
    return out


def extract_texts(expected: bytes, actual: bytes, fmt: str) -> tuple[str, str]:
    """The text of both files, read the same way."""
    if fmt == "docx":
        return docx_text(expected), docx_text(actual)
    exe = shutil.which("pdftotext")
    if exe is not None:
        texts = [_pdftotext(exe, data) for data in (expected, actual)]
        if texts[0] is not None and texts[1] is not None:
            return texts[0], texts[1]
    return _pypdf_text(expected), _pypdf_text(actual)


def docx_text(data: bytes) -> str:
    """Every paragraph of the body (tables included), one per line, as python-docx reads it."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def _pdftotext(exe: str, data: bytes) -> str | None:
    with tempfile.TemporaryDirectory(prefix="dpa-gen-verify-") as folder:
        path = Path(folder) / "file.pdf"
        path.write_bytes(data)
        try:
            done = subprocess.run([exe, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def _pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _marks(document: Document) -> Iterator[_Mark]:
    """Each heading, clause, table and signature block, in the order the files show them."""
    marker = _Marker(document)
    single = document.langs[0] if len(document.langs) == 1 else None
    for block in document.blocks:
        yield from marker.visit(block, single)


class _Marker:
    """Turns blocks into marks, remembering the last heading in each language: it says where a mark is."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.heading: dict[Lang | None, str] = {}

    def visit(self, block: Block, lang: Lang | None) -> Iterator[_Mark]:
        """The marks of one block (of each of its halves, for a side-by-side row)."""
        match block:
            case Heading():
                self.heading[lang] = block.full_title
                yield _Mark(block.full_title, None, lang, _key(block.title))
            case Clause():
                yield self._clause(block, lang)
            case Table(rows=rows):
                cells = " ".join(plain_text(line) for row in rows for cell in row for line in cell)
                yield _Mark(f"a table in {self.heading.get(lang, 'the document')}", None, lang, _key(cells))
            case SignatureBlock(signatories=signatories):
                yield _Mark("the signatures", None, lang, _key(" ".join(s.party_label for s in signatories)))
            case Paragraph(inlines=inlines):
                yield _Mark(self.heading.get(lang, "the title page"), None, lang, _key(plain_text(inlines)))
            case ListBlock(items=items):
                yield _Mark(self.heading.get(lang, "the document"), None, lang, _key(" ".join(map(plain_text, items))))
            case Parallel(rows=rows):
                for left, right in rows:
                    yield from self.visit(left, self.document.langs[0])
                    yield from self.visit(right, self.document.langs[1])
            case PageBreak():
                pass
            case _:
                assert_never(block)

    def _clause(self, clause: Clause, lang: Lang | None) -> _Mark:
        """A clause's mark: "7.2 in Artikel 7 – Subverwerkers", its id, and its first words."""
        text = " ".join(
            plain_text(b.inlines) if isinstance(b, Paragraph) else " ".join(plain_text(i) for i in b.items)
            for b in clause.body
        )
        number, place = clause.number, self.heading.get(lang, "")
        where = f"{number} in {place}" if number and place else number or place or "a clause"
        return _Mark(where, clause.anchor.split("-", 1)[-1], lang, _key(text))


def _key(text: str) -> str:
    """The first letters and digits of a block's text (case-folded): what finds the block in a file's text."""
    return _Text(text).text[:_KEY]


def _locate(marks: list[_Mark], text: str) -> dict[int, int]:
    """Where each mark starts in ``text``, searching forward in order; marks not found are left out."""
    found: dict[int, int] = {}
    cursor = 0
    for i, mark in enumerate(marks):
        if len(mark.key) < _MIN_KEY:
            continue
        pos = text.find(mark.key, cursor)
        if pos >= 0:
            found[i] = cursor = pos
    return found


def _guided(marks: list[_Mark], at_expected: dict[int, int], text: str) -> dict[int, int]:
    """Where the marks found in the rebuild start in the file: near where the rebuild has them."""
    found: dict[int, int] = {}
    cursor = last = 0
    for i in sorted(at_expected):
        limit = cursor + (at_expected[i] - last) + _SLACK
        pos = text.find(marks[i].key, cursor, limit + len(marks[i].key))
        if pos >= 0:
            found[i] = cursor = pos
            last = at_expected[i]
    return found


def _owner(marks: list[_Mark], at: dict[int, int], position: int) -> _Mark | None:
    before = [i for i in at if at[i] <= position]
    return marks[max(before, key=lambda i: (at[i], i))] if before else None


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i
