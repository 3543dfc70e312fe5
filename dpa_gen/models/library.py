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


AgreementKind = Literal["controller_processor", "processor_subprocessor"]


class Roles(Model):
    """The role words of shared clause texts, and what they become in another kind of agreement.

    Why: a sub-processing agreement (art. 28(4)) repeats most obligations one level down. Shared
    texts are written for the controller–processor agreement; in a sub-processing agreement
    each word here is replaced, whole words only, outside Jinja tags (``roles.py``).
    """

    nl: dict[str, str] = {}
    en: dict[str, str] = {}

    def in_(self, lang: Lang) -> dict[str, str]:
        """The word map of ``lang``."""
        return self.nl if lang == "nl" else self.en


class KindMeta(Model):
    """One kind of agreement the library can build."""

    title: Bilingual
    subtitle: Bilingual | None = None
    roles: Roles = Roles()


TITLE_LIMIT = 255  # a DOCX core property (the bilingual title "nl / en") holds at most 255 characters


class LibraryMeta(Model):
    """``library.yaml``: what this library is called, which version it is, the agreements it builds."""

    id: Key
    version: Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.+-]*$", max_length=40)]
    title: Bilingual
    subtitle: Bilingual | None = None
    kinds: dict[AgreementKind, KindMeta] = {}
    # The house style folder (reference.docx, contract.css, logo, fonts), relative to the library.
    style: Annotated[str, Field(min_length=1, max_length=200)] | None = None

    def kind(self, kind: str) -> KindMeta:
        """The title and role words of ``kind`` (the library's own title for the main kind)."""
        return self.kinds.get(kind) or KindMeta(title=self.title, subtitle=self.subtitle)  # type: ignore[call-overload]

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
    special: Flag = False  # a data category of art. 9 or 10 GDPR
    natural_person: Flag = False  # a legal form for a natural person (eenmanszaak)
    public_body: Flag = False  # a legal form of government
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None  # where it applies (a court)

    def in_(self, lang: Lang) -> str:
        """The wording in ``lang``."""
        return self.nl if lang == "nl" else self.en


class Measure(Model):
    """A technical or organisational measure in Annex II.

    ``when`` is a condition on the customer's facts: a measure that would contradict the
    file (back-ups in the EEA for a processor outside it) is left out of a profile, and a
    customer who lists it gets an error.
    """

    id: Key
    nl: LibraryText
    en: LibraryText
    when: str | None = None


class MeasureGroup(Model):
    """A heading of Annex II with its measures."""

    id: Key
    title: Bilingual
    measures: tuple[Measure, ...] = Field(min_length=1)


class Profile(Model):
    """A named set of measures the legal team offers (``baseline``, ``certified``, …)."""

    title: Bilingual
    measures: tuple[Key, ...] = Field(min_length=1)


class Measures(Model):
    """``clauses/measures.yaml``: the catalogue, grouped, and the profiles made of it."""

    groups: tuple[MeasureGroup, ...] = Field(min_length=1)
    profiles: dict[Key, Profile] = {}


class Duty(Model):
    """A GDPR duty or product rule that the resolved contract must cover."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9_]*$")]
    severity: Literal["MUST", "SHOULD", "PRODUCT"]
    source: str
    title: Bilingual
    kinds: tuple[AgreementKind, ...] = ("controller_processor", "processor_subprocessor")


class Duties(Model):
    """``clauses/duties.yaml``."""

    duties: tuple[Duty, ...] = Field(min_length=1)


class TermPolicy(Model):
    """What the legal team allows for one contract term of the customer file.

    ``min``/``max`` bound a number, or a period counted in ``unit``; ``default`` is written
    as a customer file would write the term and applies when a file leaves the term out (the
    build reports it); ``explicit`` makes a file set it; ``open`` is the wording of the term
    when a file leaves it open on purpose (``open``), which is only allowed where given.
    """

    min: WholeNumber | None = None
    max: WholeNumber | None = None
    unit: Literal["hours", "days", "business_days"] | None = None
    default: str | int | tuple[str, ...] | None = None
    explicit: Flag = False
    open: Bilingual | None = None


class Policy(Model):
    """``clauses/policy.yaml``: the terms and guardrails the legal team owns."""

    terms: dict[Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z_]+)+$")], TermPolicy]
    business_day: dict[Lang, tuple[str, str]]  # the defined term, singular and plural
    calendar: Literal["governing_law", "NL", "BE"] = "governing_law"
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
