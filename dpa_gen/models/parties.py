"""The parties of a customer file: who signs, where they are established, whom to contact."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, ValidationInfo, model_validator

from dpa_gen.models.base import Item, Line, Model, Prose, is_sample
from dpa_gen.models.settings import FactContext, Setting

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()./-]{4,24}$")]
KvkNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{8}$")]


def _one_or_more(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class Address(Model):
    """Where a party has its office."""

    street: Annotated[Line | None, Setting("street and number", sample="Straat 1")] = None
    postcode: Annotated[
        Annotated[Line, StringConstraints(max_length=20)] | None, Setting("postcode", sample="1000 AA")
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
    """A person who signs for a party."""

    name: Annotated[Line, Setting("name of the signatory", sample="Vertegenwoordiger")]
    role: Annotated[
        Item, Setting("role key or own text", vocabulary="roles", sample={"nl": "bestuurder", "en": "director"})
    ]
    capacity: Annotated[
        Prose | None,
        Setting(
            "the authority the signatory acts under, e.g. a decision of the board of mayor and aldermen",
            sample={"nl": "handelend ter uitvoering van een besluit", "en": "acting under a decision"},
        ),
    ] = None


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
        Annotated[Line, StringConstraints(min_length=1, max_length=40)], Setting("number in that register", sample="1")
    ]
    office: Annotated[
        Line | None, Setting("Belgian RPR court division, e.g. `RPR Antwerpen, afdeling Antwerpen`", sample="RPR Gent")
    ] = None


class Party(Model):
    """A party to the agreement: controller, processor or sub-processor."""

    name: Annotated[
        Line, Setting("name as registered (for a sole proprietor: the person's name)", sample="Partij B.V.")
    ]
    trading_as: Annotated[Line | None, Setting("trade name the party uses", sample="Handelsnaam")] = None
    legal_form: Annotated[
        Item | None,
        Setting(
            "legal form key (`bv`, `stichting`, `public_body`, `eenmanszaak`, `ltd`, …) or own text",
            vocabulary="legal_forms",
            sample={"nl": "rechtsvorm", "en": "legal form"},
        ),
    ] = None
    kvk: Annotated[KvkNumber | None, Setting("8-digit KvK number, quoted", sample="12345678")] = None
    registration: Annotated[Registration | None, Setting("another register (`register`, `number`, `office`)")] = None
    seat: Annotated[
        Line | None,
        Setting("registered seat (*statutaire zetel*), a place; default: the address's city", sample="Utrecht"),
    ] = None
    address: Annotated[Address, Setting("office address")]
    representative: Annotated[
        Annotated[list[Representative], BeforeValidator(_one_or_more), Field(max_length=4)],
        Setting("signatory, or a list of up to four (joint authority)"),
    ] = []
    contact: Annotated[Contact, Setting("privacy and breach contact point")]
    dpo: Annotated[
        Contact | Literal["none"] | None,
        Setting("data protection officer, or `none` when the party has appointed none"),
    ] = None
    code_of_conduct: Annotated[
        Item | None,
        Setting(
            "an approved code of conduct the party adheres to (art. 40 GDPR), e.g. `data_pro`",
            vocabulary="codes_of_conduct",
            sample={"nl": "gedragscode", "en": "code of conduct"},
        ),
    ] = None

    @model_validator(mode="after")
    def _one_register(self, info: ValidationInfo) -> Party:
        if self.kvk is not None and self.registration is not None and not is_sample(info):
            raise ValueError("give either kvk or registration, not both")
        return self

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Which kind of person the party is, its seat, and whether it has no DPO (said explicitly)."""
        form = self.legal_form
        entry = ctx.entry("legal_forms", form.key) if form is not None and form.key else None
        return {
            "seat": self.seat or self.address.city,
            "natural_person": bool(entry and entry.natural_person),
            "public_body": bool(entry and entry.public_body),
            "dpo": None if self.dpo in (None, "none") else ctx.facts_of(self.dpo),
            "no_dpo": self.dpo == "none",
            "representatives": ctx.facts_of(self.representative),
            "representative": ctx.facts_of(self.representative[0]) if self.representative else None,
        }


class Upstream(Model):
    """In a sub-processing agreement: the controller(s) for whom the processor works."""

    controllers: Annotated[
        Prose,
        Setting(
            "who the controllers are, e.g. `the Processor's customers using the Platform`",
            sample={"nl": "de klanten van Verwerker", "en": "the Processor's customers"},
        ),
    ]
    agreement: Annotated[
        Prose | None,
        Setting(
            "the processor agreement(s) with those controllers",
            sample={"nl": "de verwerkersovereenkomsten", "en": "the data processing agreements"},
        ),
    ] = None
