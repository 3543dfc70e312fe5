"""The customer file: parties, processing and the choices that shape one contract.

Only the shape lives here. Ranges the legal team owns (maximum breach-notice hours, notice
periods) are guardrails in ``clauses/policy.yaml``, checked by ``dpa_gen.guardrails``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from dpa_gen.models.base import Date, Flag, Item, LanguageMode, Line, Model, Prose, WholeNumber

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()./-]{4,24}$")]
KvkNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")]
Postcode = Annotated[Line, StringConstraints(max_length=20)]
RegistrationNumber = Annotated[Line, StringConstraints(min_length=1, max_length=40)]
Days = Annotated[WholeNumber, Field(ge=0, le=3650)]


class Address(Model):
    """Where a party is established."""

    street: Line | None = None
    postcode: Postcode | None = None
    city: Line
    country: Country = "NL"


class Contact(Model):
    """A named contact point (privacy questions, breach notices)."""

    name: Line
    role: Prose | None = None
    email: Email
    phone: Phone | None = None


class Representative(Model):
    """The person who signs for a party."""

    name: Line
    role: Item


class Registration(Model):
    """A trade-register entry other than the Dutch KvK."""

    register_name: Item = Field(alias="register")  # "register" would shadow BaseModel.register
    number: RegistrationNumber


class Party(Model):
    """Controller or processor."""

    name: Line
    legal_form: Item | None = None
    kvk: KvkNumber | None = None
    registration: Registration | None = None
    address: Address
    representative: Representative | None = None
    contact: Contact
    dpo: Contact | None = None

    @model_validator(mode="after")
    def _one_register(self) -> Party:
        if self.kvk is not None and self.registration is not None:
            raise ValueError("give either kvk or registration, not both")
        return self


class MainAgreement(Model):
    """The agreement under which the processing takes place."""

    title: Prose
    date: Date | None = None
    reference: Line | None = None


class Contract(Model):
    """Dates, languages and the main agreement."""

    effective_date: Date
    main_agreement: MainAgreement
    language: LanguageMode = LanguageMode.NL_EN
    prevailing_language: Literal["nl", "en"] = "nl"
    reference: Line | None = None


class Processing(Model):
    """Annex I: what is processed, how, why and for how long (art. 28(3) GDPR)."""

    subject_matter: Prose
    nature: Annotated[list[Item], Field(min_length=1, max_length=50)]
    purposes: Annotated[list[Item], Field(min_length=1, max_length=50)]
    data_categories: Annotated[list[Item], Field(min_length=1, max_length=100)]
    data_subjects: Annotated[list[Item], Field(min_length=1, max_length=50)]
    duration: Prose | None = None
    locations: Annotated[list[Country], Field(max_length=50)] = []
    special_category_safeguards: Prose | None = None


class Subprocessor(Model):
    """One entry of Annex III."""

    name: Line
    service: Item
    country: Country
    city: Line | None = None
    safeguard: Literal["adequacy", "scc", "dpf", "bcr"] | None = None


class Subprocessors(Model):
    """How sub-processors are authorised, and which ones are engaged."""

    authorisation: Literal["general", "specific"] = "general"
    notice_days: Days = 30
    # Users write `list:`; the attribute has another name so it does not shadow the builtin.
    engaged: Annotated[list[Subprocessor], Field(max_length=500, alias="list")] = []


class Breach(Model):
    """Personal-data-breach notification to the controller."""

    notice_hours: Annotated[WholeNumber, Field(ge=1, le=720)] = 48


class Audit(Model):
    """Information and audits (art. 28(3)(h) GDPR)."""

    max_per_year: Annotated[WholeNumber, Field(ge=1, le=12)] = 1
    notice_days: Days = 14
    onsite: Flag = True
    auditor: Literal["controller_or_independent", "independent"] = "controller_or_independent"
    reports: Annotated[list[Item], Field(max_length=20)] = []
    costs: Literal["controller", "processor", "controller_unless_breach"] = "controller_unless_breach"


class Deletion(Model):
    """Return or deletion at the end of the processing (art. 28(3)(g) GDPR)."""

    default_action: Literal["delete", "return"] = "delete"
    period_days: Days = 30
    backup_days: Days = 90


class Security(Model):
    """Annex II: the measures of the library's catalogue that apply, and the customer's own."""

    measures: (
        Annotated[list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]], Field(max_length=200)] | None
    ) = None
    additional: Annotated[list[Prose], Field(max_length=100)] = []
    certifications: Annotated[list[Item], Field(max_length=20)] = []


class Liability(Model):
    """A cap on the processor's liability, or (by default) the main agreement's rules."""

    cap_eur: Annotated[WholeNumber, Field(ge=0, le=10**12)] | None = None


class Law(Model):
    """Governing law and forum."""

    governing_law: Literal["NL", "BE"] = "NL"
    court: Line | None = None


class Signing(Model):
    """Place and date of signing shown above the signatures."""

    place: Line | None = None
    date: Date | None = None


class Customer(Model):
    """One customer file."""

    contract: Contract
    controller: Party
    processor: Party
    processing: Processing
    subprocessors: Subprocessors = Subprocessors()
    breach: Breach = Breach()
    audit: Audit = Audit()
    deletion: Deletion = Deletion()
    security: Security = Security()
    liability: Liability = Liability()
    law: Law = Law()
    signing: Signing = Signing()
