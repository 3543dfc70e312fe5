"""The clause library: sections of bilingual clauses, and the data the legal team owns."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, model_validator

from dpa_gen.models.base import Bilingual, ClauseId, Flag, Key, Lang, LibraryText, Model, WholeNumber

SectionKind = Literal["parties", "recitals", "article", "closing", "annex"]
AnnexTable = Literal["parties", "processing", "measures", "subprocessors"]


class Variant(Model):
    """One wording of a clause; the first whose ``when`` holds is used."""

    id: Key
    when: str | None = None
    covers: tuple[str, ...] = ()
    text: Bilingual


class Clause(Model):
    """A numbered paragraph (``5.3``), with one text or several variants."""

    id: ClauseId
    when: str | None = None
    covers: tuple[str, ...] = ()
    text: Bilingual | None = None
    variants: tuple[Variant, ...] | None = None

    @model_validator(mode="after")
    def _text_or_variants(self) -> Clause:
        if (self.text is None) == (self.variants is None):
            raise ValueError("give either `text` or `variants`")
        if self.variants is not None:
            if not self.variants:
                raise ValueError("`variants` must not be empty")
            if self.variants[-1].when is not None:
                raise ValueError("the last variant must have no `when`: it is the fallback")
            ids = [v.id for v in self.variants]
            if len(set(ids)) != len(ids):
                raise ValueError("variant ids must be unique within a clause")
        return self

    @cached_property
    def all_variants(self) -> tuple[Variant, ...]:
        """The variants, with a single ``text`` seen as the variant ``default`` (built once)."""
        if self.variants is not None:
            return self.variants
        assert self.text is not None
        return (Variant(id="default", text=self.text),)


class Section(Model):
    """One topic file: an article, the parties, the recitals, the closing or an annex."""

    id: ClauseId
    kind: SectionKind = "article"
    title: Bilingual
    when: str | None = None
    clauses: tuple[Clause, ...] = ()
    table: AnnexTable | None = None

    @model_validator(mode="after")
    def _shape(self) -> Section:
        if self.table is not None and self.kind != "annex":
            raise ValueError("only an annex can have a `table`")
        if not self.clauses and self.table is None:
            raise ValueError("a section needs clauses (or, for an annex, a table)")
        return self


TITLE_LIMIT = 255  # a DOCX core property (the bilingual title "nl / en") holds at most 255 characters


class LibraryMeta(Model):
    """``library.yaml``: what this library is called and which version it is."""

    id: Key
    version: Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.+-]*$", max_length=40)]
    title: Bilingual
    subtitle: Bilingual | None = None

    @model_validator(mode="after")
    def _title_fits_a_document(self) -> LibraryMeta:
        both = len(self.title.nl) + len(" / ") + len(self.title.en)
        if "\n" in self.title.nl + self.title.en:
            raise ValueError("title: write each title on one line")
        if both > TITLE_LIMIT:
            raise ValueError(
                f'title: the Dutch and English title together ("nl / en") are {both} characters;'
                f" a document title holds at most {TITLE_LIMIT}: shorten them"
            )
        return self


class VocabEntry(Model):
    """One vocabulary key with its contract wording."""

    nl: LibraryText
    en: LibraryText
    special: Flag = False

    def in_(self, lang: Lang) -> str:
        """The wording in ``lang``."""
        return self.nl if lang == "nl" else self.en


class Measure(Model):
    """A technical or organisational measure in Annex II."""

    id: Key
    nl: LibraryText
    en: LibraryText
    default: Flag = True


class MeasureGroup(Model):
    """A heading of Annex II with its measures."""

    id: Key
    title: Bilingual
    measures: tuple[Measure, ...] = Field(min_length=1)


class Measures(Model):
    """``clauses/measures.yaml``."""

    groups: tuple[MeasureGroup, ...] = Field(min_length=1)


class Duty(Model):
    """A GDPR duty or product rule that the resolved contract must cover."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9_]*$")]
    severity: Literal["MUST", "SHOULD", "PRODUCT"]
    source: str
    title: Bilingual


class Duties(Model):
    """``clauses/duties.yaml``."""

    duties: tuple[Duty, ...] = Field(min_length=1)


class Range(Model):
    """An allowed range for a number in a customer file."""

    min: WholeNumber
    max: WholeNumber


class Policy(Model):
    """``clauses/policy.yaml``: guardrails the legal team owns."""

    breach_notice_hours: Range
    subprocessor_notice_days: Range
    audit_notice_days: Range
    deletion_period_days: Range
    backup_deletion_days: Range
    eea_countries: tuple[str, ...]
    adequacy_countries: tuple[str, ...]


class DeprecatedTerm(Model):
    """A word that must not appear in clause text, with what to write instead."""

    lang: Lang
    pattern: str
    use: str
    why: str


class Terms(Model):
    """``clauses/terms.yaml``: term hygiene the legal team owns."""

    deprecated: tuple[DeprecatedTerm, ...] = ()
    capitalised_words: dict[Lang, tuple[str, ...]] = {}
