"""The neutral contract model that every writer consumes.

Writers never see YAML, pydantic or Jinja; clause logic never sees python-docx or
WeasyPrint. Everything here is frozen data with no behaviour beyond small helpers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, assert_never

from dpa_gen.models.base import Lang, LanguageMode


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text."""

    value: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold text, used for defined terms where they are defined."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emph:
    """Italic text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Ref:
    """A cross-reference: ``label`` is the number shown ("7.3", "III"), ``target`` the anchor."""

    target: str
    label: str


Inline: TypeAlias = Text | Strong | Emph | Ref


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A lettered list: (a), (b), (c)."""

    items: tuple[tuple[Inline, ...], ...]


Body: TypeAlias = Paragraph | ListBlock

HeadingKind = Literal["title", "section", "article", "annex", "group"]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading. Articles and annexes carry their number and the word before it."""

    kind: HeadingKind
    title: str
    number: str | None = None
    prefix: str = ""
    anchor: str | None = None

    @property
    def full_title(self) -> str:
        """The title as a reader sees it: "Artikel 7 – Subverwerkers"."""
        if self.number is None:
            return self.title
        return f"{self.prefix} {self.number} – {self.title}".strip()


ClauseStyle = Literal["clause", "recital", "party", "plain"]


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered paragraph ("7.3", "B", "1.") and its body; ``number`` None is unnumbered."""

    style: ClauseStyle
    number: str | None
    anchor: str
    body: tuple[Body, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: header label and width as a share of the table width (percent)."""

    label: str
    width: int


@dataclass(frozen=True, slots=True)
class Table:
    """An annex table. Each cell is one or more lines of inline text."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[tuple[tuple[Inline, ...], ...], ...], ...]
    header: bool = True


@dataclass(frozen=True, slots=True)
class Signatory:
    """One signature box."""

    party_label: str
    party_name: str
    name: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Signature boxes for both parties, with the labels of their lines."""

    signatories: tuple[Signatory, ...]
    name_label: str
    role_label: str
    date_label: str
    signature_label: str

    def rows(self) -> tuple[tuple[Signatory | None, Signatory | None], ...]:
        """The boxes two by two: the first party's signatories on the left, the other's on the right.

        Why: with joint authority a party has several signatories; each party keeps its column.
        """
        parties = list(dict.fromkeys((s.party_label, s.party_name) for s in self.signatories))
        columns = [[s for s in self.signatories if (s.party_label, s.party_name) == party] for party in parties]
        left, right = ([*columns, [], []])[:2]
        depth = max(len(left), len(right))
        return tuple((left[i] if i < len(left) else None, right[i] if i < len(right) else None) for i in range(depth))


@dataclass(frozen=True, slots=True)
class Parallel:
    """Side by side: each row pairs the Dutch block (left) with the English one (right)."""

    rows: tuple[tuple[Block, Block], ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start the next block on a new page."""


Block: TypeAlias = Heading | Clause | Paragraph | ListBlock | Table | SignatureBlock | Parallel | PageBreak


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Metadata both writers put into the file, and the running header and footer."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    created: dt.date
    header: str
    page_label: str
    library_version: str
    # Where the file comes from (dpa-gen version, library and customer file hashes, language
    # mode, style): filled by the build driver (``provenance.py``); the PDF puts it in its XMP
    # metadata, the DOCX in its custom properties, and ``dpa-gen verify`` reads it back.
    provenance: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole contract in one language or both side by side."""

    mode: LanguageMode
    info: DocumentInfo
    blocks: tuple[Block, ...]
    # The word before an article's number per language ("Artikel", "Clause"), from the labels:
    # the DOCX numbering writes it into its list level ("Artikel %1") before any heading.
    article_words: Mapping[Lang, str]

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages in column order."""
        return self.mode.langs


def anchor(lang: Lang, ident: str) -> str:
    """The anchor of a section or clause in one language (unique in a side-by-side document)."""
    return f"{lang}-{ident}"


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inline nodes without formatting (for tests, metadata and checks)."""
    out: list[str] = []
    for node in inlines:
        match node:
            case Text(value=value):
                out.append(value)
            case Strong(children=children) | Emph(children=children):
                out.append(plain_text(children))
            case Ref(label=label):
                out.append(label)
            case _:
                assert_never(node)
    return "".join(out)
