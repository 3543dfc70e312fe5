"""The letters the library writes to customers about their agreement (``clauses/letters.yaml``).

Why a file of its own: a letter is legal text like a clause (the legal team writes and
reviews it, in Dutch and English), but it is not part of any contract, so it must not be
read as a section (``NN-topic.yaml``) nor change the library's digest that contracts record.
Each part of a letter is written like a clause: one ``text``, or ``variants`` whose first
``when`` that holds is used (``letter.kind == 'request'``), with the last as the fallback.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dpa_gen.models.base import Bilingual, Model
from dpa_gen.models.library import Clause

LetterKind = Literal["notice", "request"]
LETTER_KINDS: tuple[LetterKind, ...] = ("notice", "request")


class LetterPart(Clause):
    """One paragraph (or a few) of a letter; ``covers`` is not used in letters."""


class PerKind(Model):
    """A text that differs between the notice (general authorisation) and the request (specific)."""

    notice: Bilingual
    request: Bilingual

    def of(self, kind: LetterKind) -> Bilingual:
        """The text for ``kind``."""
        return self.notice if kind == "notice" else self.request


class LetterLabels(Model):
    """The words of the letter's heading table, in both languages (plain text, no variables)."""

    to: Bilingual
    sender: Bilingual
    date: Bilingual
    subject: Bilingual
    reference: Bilingual
    keywords: Bilingual


class LetterAnnex(Model):
    """The updated annex that follows the letter: its heading and the paragraph above the table."""

    title: Bilingual
    text: Bilingual


class LettersFile(Model):
    """``letters.yaml``: the title, subject line and parts of each letter, and the enclosed annex."""

    labels: LetterLabels
    title: PerKind
    subject: PerKind
    parts: tuple[LetterPart, ...] = Field(min_length=1)
    annex: LetterAnnex

    @model_validator(mode="after")
    def _unique_parts(self) -> LettersFile:
        ids = [part.id for part in self.parts]
        doubles = sorted({ident for ident in ids if ids.count(ident) > 1})
        if doubles:
            raise ValueError(f"part ids must be unique; used twice: {', '.join(doubles)}")
        return self
