"""The customer file: parties, processing and the choices that shape one contract.

Each field is declared once, here: its type, and in its ``Setting`` its meaning, sample value
and vocabulary. What clause text sees (``facts.py``), the sample customers of ``check``, the
guardrails and the README reference are derived from these declarations. A model may add
values computed from its fields in ``derived_facts`` (an address as one line, say).
Ranges and defaults the legal team owns are in the library's ``policy.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from dpa_gen.models.base import Flag, Item, LanguageMode, Line, Model, Prose
from dpa_gen.models.settings import FactContext, Setting

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()./-]{4,24}$")]
KvkNumber = Annotated[str, StringConstraints(pattern=r"^\d{8}$")]
Days = Annotated[int, Field(ge=0, le=3650)]


class Address(Model):
    """Where a party is established."""

    street: Annotated[Line | None, Setting("street and number", sample="Straat 1")] = None
    postcode: Annotated[
        Annotated[str, StringConstraints(max_length=20)] | None, Setting("postcode", sample="1000 AA")
    ] = None
    city: Annotated[Line, Setting("city (required)", sample="Utrecht")]
    country: Annotated[Country, Setting("ISO 3166 country code", sample="NL")] = "NL"

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """The country's name, and the address as one line (the country only outside NL)."""
        city = " ".join(part for part in (self.postcode, self.city) if part)
        parts = [part for part in (self.street, city) if part]
        if self.country != "NL":
            parts.append(ctx.country_name(self.country))
        return {"country_name": ctx.country_name(self.country), "text": ", ".join(parts)}


class Contact(Model):
    """A named contact point (privacy questions, breach notices)."""

    name: Annotated[Line, Setting("name of the person or team", sample="Contact")]
    role: Annotated[Prose | None, Setting("role or department", sample={"nl": "functionaris", "en": "officer"})] = None
    email: Annotated[Email, Setting("e-mail address", sample="a@b.nl")]
    phone: Annotated[Phone | None, Setting("phone number", sample="+31 20 1234567")] = None


class Representative(Model):
    """The person who signs for a party."""

    name: Annotated[Line, Setting("name of the signatory", sample="Vertegenwoordiger")]
    role: Annotated[
        Item, Setting("role key or own text", vocabulary="roles", sample={"nl": "bestuurder", "en": "director"})
    ]


class Registration(Model):
    """A trade-register entry other than the Dutch KvK."""

    # "register" would shadow BaseModel.register
    register_name: Annotated[
        Item,
        Setting(
            "register key (`kbo`, …) or own text", vocabulary="registers", sample={"nl": "register", "en": "register"}
        ),
    ] = Field(alias="register")
    number: Annotated[
        Annotated[str, StringConstraints(min_length=1, max_length=40)], Setting("number in that register", sample="1")
    ]


class Party(Model):
    """Controller or processor."""

    name: Annotated[Line, Setting("name as registered", sample="Partij B.V.")]
    legal_form: Annotated[
        Item | None,
        Setting(
            "legal form key or own text", vocabulary="legal_forms", sample={"nl": "rechtsvorm", "en": "legal form"}
        ),
    ] = None
    kvk: Annotated[KvkNumber | None, Setting("8-digit KvK number, quoted", sample="12345678")] = None
    registration: Annotated[Registration | None, Setting("another register")] = None
    address: Annotated[Address, Setting("address")]
    representative: Annotated[Representative | None, Setting("signatory")] = None
    contact: Annotated[Contact, Setting("privacy and breach contact point")]
    dpo: Annotated[Contact | None, Setting("data protection officer")] = None

    @model_validator(mode="after")
    def _one_register(self) -> Party:
        if self.kvk is not None and self.registration is not None:
            raise ValueError("give either kvk or registration, not both")
        return self


class MainAgreement(Model):
    """The agreement under which the processing takes place."""

    title: Annotated[Prose, Setting("the agreement the processing serves (*Hoofdovereenkomst*)")]
    date: Annotated[dt.date | None, Setting("its date", sample="2026-02-01")] = None
    reference: Annotated[Line | None, Setting("its reference", sample="HO-1")] = None


class Contract(Model):
    """Dates, languages and the main agreement."""

    effective_date: Annotated[
        dt.date, Setting("when the agreement takes effect; not before the main agreement", sample="2026-03-01")
    ]
    main_agreement: Annotated[MainAgreement, Setting("the main agreement")]
    language: Annotated[
        LanguageMode, Setting("what `build` produces unless `--lang` says otherwise", sample="nl+en")
    ] = LanguageMode.NL_EN
    prevailing_language: Annotated[
        Literal["nl", "en"], Setting("which text prevails (clause on language)", sample="nl")
    ] = "nl"
    reference: Annotated[Line | None, Setting("your reference, printed under the title", sample="VO-1")] = None


class Processing(Model):
    """Annex I: what is processed, how, why and for how long (art. 28(3) GDPR)."""

    subject_matter: Annotated[Prose, Setting("art. 28(3): subject-matter")]
    nature: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=50)],
        Setting("operations (`storage`, `email_sending`, …)", vocabulary="operations"),
    ]
    purposes: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=50)],
        Setting("`email_marketing`, `payroll`, …", vocabulary="purposes"),
    ]
    data_categories: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=100)],
        Setting(
            "`email_address`, `health` (special category), …",
            vocabulary="data_categories",
            sample=[
                {"nl": "contactgegevens", "en": "contact details"},
                {"nl": "gezondheid", "en": "health", "special": "true"},
            ],
        ),
    ]
    data_subjects: Annotated[
        Annotated[list[Item], Field(min_length=1, max_length=50)],
        Setting("`customers`, `employees`, …", vocabulary="data_subjects"),
    ]
    duration: Annotated[
        Prose | None, Setting("duration of the processing; default: the term of the main agreement")
    ] = None
    locations: Annotated[
        Annotated[list[Country], Field(max_length=50)],
        Setting("where the processor processes (country codes)", sample=["NL", "US"]),
    ] = []
    special_category_safeguards: Annotated[
        Prose | None, Setting("expected when special categories are processed (warning C108)")
    ] = None

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Country names for the locations, and the special categories among the data categories."""
        special = tuple(ctx.term("data_categories", item) for item in self.data_categories if ctx.is_special(item))
        return {
            "locations": tuple(ctx.country_name(code) for code in self.locations),
            "special_categories": special,
        }


class Subprocessor(Model):
    """One entry of Annex III."""

    name: Annotated[Line, Setting("name of the sub-processor", sample="Buiten Inc.")]
    service: Annotated[Item, Setting("service key or own text", vocabulary="services")]
    country: Annotated[Country, Setting("country of establishment", sample="US")]
    city: Annotated[Line | None, Setting("city", sample="Boston")] = None
    safeguard: Annotated[
        Literal["adequacy", "scc", "dpf", "bcr"] | None,
        Setting("transfer safeguard, required outside the EEA", sample="scc"),
    ] = None

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """The country's name, the safeguard's wording and whether it lies outside the EEA."""
        return {
            "country_name": ctx.country_name(self.country),
            "safeguard_name": ctx.label("safeguards", self.safeguard) if self.safeguard else None,
            "outside_eea": not ctx.in_eea(self.country),
        }


class Subprocessors(Model):
    """How sub-processors are authorised, and which ones are engaged."""

    authorisation: Annotated[Literal["general", "specific"], Setting("art. 28(2)", sample="general")] = "general"
    notice_days: Annotated[Days, Setting("notice of a new or replaced sub-processor (policy: 14–90)", sample=30)] = 30
    # Users write `list:`; the attribute has another name so it does not shadow the builtin.
    engaged: Annotated[
        Annotated[list[Subprocessor], Field(max_length=500, alias="list")],
        Setting(
            "Annex III; outside the EEA a `safeguard` (`adequacy`, `scc`, `dpf`, `bcr`) is required",
            sample=[
                {
                    "name": "Binnen B.V.",
                    "service": {"nl": "hosting", "en": "hosting"},
                    "country": "DE",
                    "city": "Berlin",
                },
                {
                    "name": "Buiten Inc.",
                    "service": {"nl": "e-mail", "en": "e-mail"},
                    "country": "US",
                    "safeguard": "scc",
                },
            ],
        ),
    ] = []

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """How many there are, and which lie outside the EEA."""
        entries = ctx.facts_of(self.engaged)
        return {"count": len(entries), "outside_eea": tuple(s for s in entries if s.outside_eea)}


class Breach(Model):
    """Personal-data-breach notification to the controller."""

    notice_hours: Annotated[
        Annotated[int, Field(ge=1, le=720)],
        Setting('"without undue delay and in any event within N hours" (policy: 1–48)', sample=48),
    ] = 48


class Audit(Model):
    """Information and audits (art. 28(3)(h) GDPR)."""

    max_per_year: Annotated[Annotated[int, Field(ge=1, le=12)], Setting("audits a year", sample=1)] = 1
    notice_days: Annotated[Days, Setting("notice before an audit (policy: 5–60)", sample=14)] = 14
    onsite: Annotated[
        Flag, Setting("on-site inspections; without them, remote audits (never certificates only)", sample="true")
    ] = True
    auditor: Annotated[
        Literal["controller_or_independent", "independent"], Setting("who audits", sample="controller_or_independent")
    ] = "controller_or_independent"
    reports: Annotated[
        Annotated[list[Item], Field(max_length=20)],
        Setting("accepted reports (`iso27001`, `soc2_type2`, `isae3402_type2`, …)", vocabulary="assurance"),
    ] = []
    costs: Annotated[
        Literal["controller", "processor", "controller_unless_breach"],
        Setting("who pays for an audit", sample="controller_unless_breach"),
    ] = "controller_unless_breach"


class Deletion(Model):
    """Return or deletion at the end of the processing (art. 28(3)(g) GDPR)."""

    default_action: Annotated[
        Literal["delete", "return"], Setting("when the controller makes no choice", sample="delete")
    ] = "delete"
    period_days: Annotated[Days, Setting("return or deletion within (policy: 0–90)", sample=30)] = 30
    backup_days: Annotated[Days, Setting("backups overwritten within (policy: 0–180)", sample=90)] = 90


class Security(Model):
    """Annex II: the measures of the library's catalogue that apply, and the customer's own."""

    measures: Annotated[
        Annotated[list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]], Field(max_length=200)] | None,
        Setting("Annex II measures from `clauses/measures.yaml`; default: the catalogue's defaults", sample=["m"]),
    ] = None
    additional: Annotated[Annotated[list[Prose], Field(max_length=100)], Setting("your own measures")] = []
    certifications: Annotated[
        Annotated[list[Item], Field(max_length=20)], Setting("certifications", vocabulary="assurance")
    ] = []


class Liability(Model):
    """A cap on the processor's liability, or (by default) the main agreement's rules."""

    cap_eur: Annotated[
        Annotated[int, Field(ge=0, le=10**12)] | None,
        Setting("a cap in euros; otherwise the main agreement's rules (art. 82 untouched)", sample=100000),
    ] = None


class Law(Model):
    """Governing law and forum."""

    governing_law: Annotated[Literal["NL", "BE"], Setting("governing law", sample="NL")] = "NL"
    court: Annotated[
        Line | None, Setting("competent court (a city); default: the processor's city", sample="Amsterdam")
    ] = None


class Signing(Model):
    """Place and date of signing shown above the signatures."""

    place: Annotated[Line | None, Setting("place of signing; default: the controller's city", sample="Utrecht")] = None
    date: Annotated[dt.date | None, Setting("date of signing", sample="2026-03-01")] = None


class Customer(Model):
    """One customer file."""

    contract: Annotated[Contract, Setting("dates, languages, main agreement")]
    controller: Annotated[Party, Setting("the controller")]
    processor: Annotated[Party, Setting("the processor")]
    processing: Annotated[Processing, Setting("Annex I")]
    subprocessors: Annotated[Subprocessors, Setting("art. 28(2) and Annex III")] = Subprocessors()
    breach: Annotated[Breach, Setting("personal data breaches")] = Breach()
    audit: Annotated[Audit, Setting("audits")] = Audit()
    deletion: Annotated[Deletion, Setting("end of the processing")] = Deletion()
    security: Annotated[Security, Setting("Annex II")] = Security()
    liability: Annotated[Liability, Setting("liability")] = Liability()
    law: Annotated[Law, Setting("law and forum")] = Law()
    signing: Annotated[Signing, Setting("signatures")] = Signing()

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Defaults that follow from other fields: the court and the place of signing."""
        return {
            "law": ctx.facts_of(self.law, court=self.law.court or self.processor.address.city),
            "signing": ctx.facts_of(self.signing, place=self.signing.place or self.controller.address.city),
        }
