"""The customer file: parties, processing and the terms that shape one contract.

Each field is declared once, here: its type, and in its ``Setting`` its meaning, sample value
and vocabulary. What clause text sees (``facts.py``), the sample customers of ``check``, the
guardrails and the README reference are derived from these declarations; a model adds values
computed from its fields in ``derived_facts``. A field marked ``term=True`` is a contract term
the library's ``policy.yaml`` governs: its range, the library default used when the file
leaves it out (and reported as such), and whether it may be left ``open``. Such a field is
``None`` when the file does not set it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, ValidationInfo, model_validator

from dpa_gen.models.base import Flag, Item, LanguageMode, Line, Model, Prose, is_sample
from dpa_gen.models.clauses import OwnClauses
from dpa_gen.models.parties import Country, Party, Upstream
from dpa_gen.models.settings import FactContext, Setting
from dpa_gen.models.terms import Days, Hours

Kind = Literal["controller_processor", "processor_subprocessor"]
Safeguard = Literal["adequacy", "scc", "dpf", "bcr"]
Region = Literal["eea", "eea_and_adequacy"]
Count = Annotated[int, Field(ge=0, le=100)]
ClauseKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]


def _one_or_more(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Safeguards = Annotated[list[Safeguard], BeforeValidator(_one_or_more), Field(max_length=4)]


class MainAgreement(Model):
    """The agreement under which the processing takes place."""

    title: Annotated[Prose, Setting("the agreement the processing serves (*Hoofdovereenkomst*)")]
    date: Annotated[dt.date | None, Setting("its date", sample="2026-02-01")] = None
    reference: Annotated[Line | None, Setting("its reference", sample="HO-1")] = None


class Contract(Model):
    """The kind of agreement, dates, languages and the main agreement."""

    kind: Annotated[
        Kind,
        Setting(
            "`controller_processor`, or `processor_subprocessor` for the agreement between a processor"
            " and its sub-processor (art. 28(4))",
            sample="controller_processor",
        ),
    ] = "controller_processor"
    effective_date: Annotated[
        dt.date, Setting("when the agreement takes effect; not before the main agreement", sample="2026-03-01")
    ]
    main_agreement: Annotated[MainAgreement, Setting("the main agreement")]
    language: Annotated[
        LanguageMode, Setting("what `build` produces unless `--lang` says otherwise", sample="nl+en")
    ] = LanguageMode.NL_EN
    prevailing_language: Annotated[
        Literal["nl", "en"] | None,
        Setting("which text prevails in a bilingual contract", sample="nl", term=True),
    ] = None
    reference: Annotated[Line | None, Setting("your reference, printed under the title", sample="VO-1")] = None
    accession: Annotated[
        Flag | None,
        Setting("other group companies may accede to the agreement (docking clause)", sample="true", term=True),
    ] = None


class Processing(Model):
    """Annex I: what is processed, how, why, where and for how long (art. 28(3) GDPR)."""

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
        Annotated[list[Country], Field(max_length=50)] | Region | None,
        Setting(
            "where the processor processes and accesses the data: country codes, or `eea` / `eea_and_adequacy`",
            sample=["NL", "US"],
        ),
    ] = None
    transfer_safeguard: Annotated[
        Safeguards | None,
        Setting(
            "the Chapter V mechanism when the processor is established or processes outside the EEA",
            sample=["scc"],
        ),
    ] = None
    special_category_safeguards: Annotated[
        Prose | None, Setting("expected when special categories are processed (warning C108)")
    ] = None
    processor_purposes: Annotated[
        Annotated[list[Item], Field(max_length=10)],
        Setting(
            "narrow purposes of the processor's own (`aggregated_statistics`, `security_and_abuse`,"
            " `service_improvement`); default: none",
            vocabulary="processor_purposes",
        ),
    ] = []
    ai_training: Annotated[
        Literal["not_allowed", "anonymised_only", "with_consent"] | None,
        Setting("whether the processor may use the data to train AI models", sample="not_allowed", term=True),
    ] = None

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Country names and the region of the locations, the special categories, the safeguards' wording."""
        special = tuple(ctx.term("data_categories", item) for item in self.data_categories if ctx.is_special(item))
        codes = tuple(self.locations) if isinstance(self.locations, list) else ()
        return {
            "locations": tuple(ctx.country_name(code) for code in codes),
            "location_codes": codes,
            "region": self.locations if isinstance(self.locations, str) else None,
            "outside_eea": tuple(ctx.country_name(code) for code in codes if not ctx.in_eea(code)),
            "special_categories": special,
            "transfer_safeguard": tuple(ctx.label("safeguards", s) for s in self.transfer_safeguard or ()),
        }


class Subprocessor(Model):
    """One named sub-processor (Annex III; SCC 2021/915 Annex IV)."""

    name: Annotated[Line, Setting("name of the sub-processor", sample="Buiten Inc.")]
    service: Annotated[Item, Setting("service key or own text", vocabulary="services")]
    description: Annotated[Prose | None, Setting("what it does with the data, and where its responsibility ends")] = (
        None
    )
    country: Annotated[Country, Setting("country where it is established", sample="US")]
    city: Annotated[Line | None, Setting("city", sample="Boston")] = None
    address: Annotated[Line | None, Setting("address", sample="1 Main Street")] = None
    contact: Annotated[
        Line | None, Setting("contact person or address for data protection", sample="privacy@x.com")
    ] = None
    locations: Annotated[
        Annotated[list[Country], Field(max_length=20)],
        Setting("countries where it processes the data; default: its own country", sample=["US"]),
    ] = []
    access_from: Annotated[
        Annotated[list[Country], Field(max_length=20)],
        Setting("further countries from which it can access the data (support, administration)", sample=["IN"]),
    ] = []
    safeguard: Annotated[
        Safeguards,
        Setting(
            "transfer safeguard(s) for processing or access outside the EEA: `adequacy`, `scc`, `dpf`, `bcr`",
            sample=["scc"],
        ),
    ] = []

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """Where it processes and accesses data, whether that is outside the EEA, and the safeguards' wording."""
        processing = tuple(self.locations) or (self.country,)
        places = tuple(dict.fromkeys((*processing, *self.access_from)))
        outside = tuple(code for code in places if not ctx.in_eea(code))
        return {
            "country_name": ctx.country_name(self.country),
            "location_names": tuple(ctx.country_name(code) for code in processing),
            "access_names": tuple(ctx.country_name(code) for code in self.access_from),
            "outside_eea": bool(outside),
            "outside_eea_names": tuple(ctx.country_name(code) for code in outside),
            "safeguard_names": tuple(ctx.label("safeguards", s) for s in self.safeguard),
            "safeguard_name": ctx.label("safeguards", self.safeguard[0]) if self.safeguard else None,
        }


class CurrentList(Model):
    """Where the current list of sub-processors is kept, when the agreement does not name them all."""

    where: Annotated[
        Literal["web_page", "order_form", "on_request"],
        Setting("`web_page` (give `url`), `order_form` or `on_request`", sample="web_page"),
    ]
    url: Annotated[Line | None, Setting("the web address of the list", sample="https://example.com/subprocessors")] = (
        None
    )

    @model_validator(mode="after")
    def _url_for_a_web_page(self) -> CurrentList:
        if (self.where == "web_page") != (self.url is not None):
            raise ValueError("give `url` exactly when the list is kept on a web page (where: web_page)")
        return self


class Subprocessors(Model):
    """How sub-processors are authorised, which ones are engaged, and how changes are announced."""

    authorisation: Annotated[
        Literal["general", "specific"] | None, Setting("art. 28(2)", sample="general", term=True)
    ] = None
    notice_days: Annotated[
        Days | None, Setting("advance notice of a new or replaced sub-processor", sample="30 days", term=True)
    ] = None
    objection_days: Annotated[
        Days | None,
        Setting("time to object, counted from the notice; default: the notice period", sample="14 days", term=True),
    ] = None
    engaged: Annotated[
        Annotated[list[Subprocessor], Field(max_length=500, alias="list")],
        Setting(
            "named sub-processors (Annex III)",
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
    categories: Annotated[
        Annotated[list[Item], Field(max_length=50)],
        Setting("categories of sub-processors engaged but not named here (service keys)", vocabulary="services"),
    ] = []
    current_list: Annotated[CurrentList | None, Setting("where the full current list is kept")] = None
    announcement: Annotated[
        Literal["email", "web_page", "email_and_web_page", "in_service"] | None,
        Setting("how intended changes are announced", sample="email", term=True),
    ] = None
    objection_remedy: Annotated[
        Literal["terminate_services", "terminate_agreement"] | None,
        Setting("what the controller may do when an objection is not resolved", sample="terminate_services", term=True),
    ] = None
    refund_prepaid: Annotated[
        Flag | None, Setting("prepaid fees are refunded after such a termination", sample="true", term=True)
    ] = None

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """How many are named, which lie outside the EEA, and whether the annex names them all."""
        entries = ctx.facts_of(self.engaged)
        return {
            "list": entries,
            "count": len(entries),
            "outside_eea": tuple(s for s in entries if s.outside_eea),
            "named_only": not self.categories and self.current_list is None,
            "engaged": bool(entries or self.categories or self.current_list),
        }


class Breach(Model):
    """Personal-data-breach notification to the controller."""

    notice_hours: Annotated[
        Hours | None,
        Setting('"without undue delay and in any event within …" (at most 48 hours)', sample="48 hours", term=True),
    ] = None
    scope: Annotated[
        Literal["breaches_and_suspected", "breaches"] | None,
        Setting("whether suspected breaches are notified too", sample="breaches_and_suspected", term=True),
    ] = None


class Requests(Model):
    """Requests of data subjects (art. 28(3)(e) GDPR)."""

    forward: Annotated[
        Days | None, Setting("forward a request received directly, within", sample="3 business days", term=True)
    ] = None
    assist: Annotated[
        Days | None,
        Setting("carry out the controller's instruction on a request, within", sample="5 business days", term=True),
    ] = None
    costs: Annotated[
        Literal["free", "controller", "free_within_reason"] | None,
        Setting("who pays for this assistance", sample="free_within_reason", term=True),
    ] = None


class Assistance(Model):
    """Assistance with security, breaches, DPIAs and prior consultation (art. 28(3)(f) GDPR)."""

    dpia_days: Annotated[
        Days | None, Setting("information for a DPIA within", sample="10 business days", term=True)
    ] = None
    costs: Annotated[
        Literal["free", "controller", "free_within_reason"] | None,
        Setting("who pays for this assistance", sample="free_within_reason", term=True),
    ] = None
    processing_record: Annotated[
        Literal["on_request", "authority_only"] | None,
        Setting(
            "whether the processor's record of processing (art. 30(2)) is shown to the controller",
            sample="on_request",
            term=True,
        ),
    ] = None


class Audit(Model):
    """Information and audits (art. 28(3)(h) GDPR)."""

    max_per_year: Annotated[Count | None, Setting("audits a year, besides audits for cause", sample=1, term=True)] = (
        None
    )
    notice_days: Annotated[Days | None, Setting("notice before an audit", sample="14 days", term=True)] = None
    onsite: Annotated[
        Flag | None,
        Setting("on-site inspections; without them, remote audits (never certificates only)", sample="true", term=True),
    ] = None
    auditor: Annotated[
        Literal["controller_or_independent", "independent"] | None,
        Setting(
            "who audits; `independent` still keeps the controller's own audit right",
            sample="controller_or_independent",
            term=True,
        ),
    ] = None
    reports: Annotated[
        Annotated[list[Item], Field(max_length=20)],
        Setting("accepted reports (`iso27001`, `soc2_type2`, `isae3402_type2`, …)", vocabulary="assurance"),
    ] = []
    costs: Annotated[
        Literal["controller", "processor", "controller_unless_breach"] | None,
        Setting("who pays for an audit", sample="controller_unless_breach", term=True),
    ] = None
    procedure: Annotated[
        Literal["audit", "reports_first", "questionnaire_first"] | None,
        Setting(
            "audit directly, or first reports or a questionnaire and an audit only when they do not suffice",
            sample="audit",
            term=True,
        ),
    ] = None
    response_days: Annotated[
        Days | None, Setting("answer to an audit request or questionnaire within", sample="10 business days", term=True)
    ] = None
    remediation_days: Annotated[
        Days | None, Setting("remediation plan for findings within", sample="30 days", term=True)
    ] = None


class ServicePeriod(Model):
    """A deletion period for one service."""

    service: Annotated[Item, Setting("service key or own text", vocabulary="services")]
    period: Annotated[Days, Setting("its deletion period", sample="30 days")]


class Deletion(Model):
    """Return or deletion at the end of the processing (art. 28(3)(g) GDPR)."""

    choice: Annotated[
        Literal["return_or_delete", "delete_only"] | None,
        Setting(
            "whether the controller may ask for the data back, or they are deleted",
            sample="return_or_delete",
            term=True,
        ),
    ] = None
    default_action: Annotated[
        Literal["delete", "return"] | None, Setting("when the controller makes no choice", sample="delete", term=True)
    ] = None
    period_days: Annotated[Days | None, Setting("return or deletion within", sample="30 days", term=True)] = None
    counted_from: Annotated[
        Literal["end_of_services", "request"] | None,
        Setting(
            "whether the period runs from the end of the services or from the controller's request",
            sample="end_of_services",
            term=True,
        ),
    ] = None
    per_service: Annotated[
        Annotated[list[ServicePeriod], Field(max_length=20)], Setting("deletion periods per service")
    ] = []
    backup_days: Annotated[
        Days | None, Setting("backups deleted or overwritten within", sample="90 days", term=True)
    ] = None
    return_format: Annotated[
        Prose | None, Setting("format and medium of returned data; default: a common machine-readable format")
    ] = None
    return_costs: Annotated[
        Literal["free", "controller", "agreed_later"] | None,
        Setting("who pays for returning the data", sample="free", term=True),
    ] = None
    data_act: Annotated[
        Flag | None,
        Setting(
            "a cloud service under the EU Data Act: deletion follows the switching period", sample="false", term=True
        ),
    ] = None


class Security(Model):
    """Annex II: a measure profile of the library, or the customer's own list, and its own measures."""

    profile: Annotated[
        ClauseKey | None,
        Setting("a measure profile from `measures.yaml` (`baseline`, …)", sample="baseline", term=True),
    ] = None
    measures: Annotated[
        Annotated[list[ClauseKey], Field(max_length=200)] | None,
        Setting("the measures from `measures.yaml` this processor offers, instead of a profile", sample=["m"]),
    ] = None
    additional: Annotated[Annotated[list[Prose], Field(max_length=100)], Setting("your own measures")] = []
    certifications: Annotated[
        Annotated[list[Item], Field(max_length=20)], Setting("certifications", vocabulary="assurance")
    ] = []


class FeesCap(Model):
    """A cap as the fees paid in a period."""

    months: Annotated[Annotated[int, Field(ge=1, le=60)], Setting("the fees paid in the last … months", sample=12)]
    multiple: Annotated[Annotated[int, Field(ge=1, le=10)], Setting("times those fees", sample=1)] = 1


class Liability(Model):
    """A cap on the processor's liability, or (without one) the main agreement's rules."""

    cap_eur: Annotated[
        Annotated[int, Field(ge=0, le=10**12)] | None,
        Setting("a cap in euros per calendar year", sample=100000, term=True),
    ] = None
    cap_fees: Annotated[FeesCap | None, Setting("a cap as a multiple of the fees of a period")] = None
    fines_within_cap: Annotated[
        Flag | None, Setting("whether recovery of a fine falls under the cap", sample="false", term=True)
    ] = None

    @model_validator(mode="after")
    def _one_cap(self, info: ValidationInfo) -> Liability:
        if self.cap_eur is not None and self.cap_fees is not None and not is_sample(info):
            raise ValueError("give either cap_eur or cap_fees, not both")
        return self


class Transfers(Model):
    """Transfers outside the EEA beyond those of the sub-processors."""

    staff_access: Annotated[
        Literal["not_allowed", "with_safeguards"] | None,
        Setting(
            "whether the processor's own staff may access the data from outside the EEA",
            sample="with_safeguards",
            term=True,
        ),
    ] = None


class Law(Model):
    """Governing law and forum."""

    governing_law: Annotated[
        Literal["NL", "BE", "main_agreement"] | None,
        Setting("`NL`, `BE`, or the law of the main agreement", sample="NL", term=True),
    ] = None
    forum: Annotated[
        Literal["controller_seat", "main_agreement", "court"] | None,
        Setting(
            "the court of the controller's seat, the forum of the main agreement, or the `court` named",
            sample="controller_seat",
            term=True,
        ),
    ] = None
    court: Annotated[
        Item | None,
        Setting(
            "a court key from the vocabulary (`rechtbank_amsterdam`, …)",
            vocabulary="courts",
            sample={"nl": "rechtbank Amsterdam", "en": "Amsterdam District Court"},
        ),
    ] = None


class Signing(Model):
    """Place and date of signing shown above the signatures."""

    place: Annotated[Line | None, Setting("place of signing; default: the controller's seat", sample="Utrecht")] = None
    date: Annotated[dt.date | None, Setting("date of signing", sample="2026-03-01")] = None


class Customer(Model):
    """One customer file."""

    contract: Annotated[Contract, Setting("kind, dates, languages, main agreement")]
    controller: Annotated[Party | None, Setting("the controller (not in a sub-processing agreement)")] = None
    processor: Annotated[Party, Setting("the processor")]
    subprocessor: Annotated[Party | None, Setting("the sub-processor (only in a sub-processing agreement)")] = None
    upstream: Annotated[Upstream | None, Setting("the controllers a sub-processing agreement serves")] = None
    processing: Annotated[Processing, Setting("Annex I")]
    subprocessors: Annotated[Subprocessors, Setting("art. 28(2) and Annex III")] = Subprocessors()
    breach: Annotated[Breach, Setting("personal data breaches")] = Breach()
    requests: Annotated[Requests, Setting("requests of data subjects")] = Requests()
    assistance: Annotated[Assistance, Setting("assistance to the controller")] = Assistance()
    audit: Annotated[Audit, Setting("audits")] = Audit()
    deletion: Annotated[Deletion, Setting("end of the processing")] = Deletion()
    security: Annotated[Security, Setting("Annex II")] = Security()
    transfers: Annotated[Transfers, Setting("transfers")] = Transfers()
    liability: Annotated[Liability, Setting("liability")] = Liability()
    law: Annotated[Law, Setting("law and forum")] = Law()
    signing: Annotated[Signing, Setting("signatures")] = Signing()
    clauses: Annotated[OwnClauses, Setting("the company's own clauses: `add` and `replace`", facts=False)] = (
        OwnClauses()
    )
    library_defaults: Annotated[
        Literal["accept"] | None,
        Setting("`accept`: the library's defaults for terms this file leaves out are chosen, not overlooked"),
    ] = None

    @model_validator(mode="after")
    def _parties_of_the_kind(self, info: ValidationInfo) -> Customer:
        if is_sample(info) and self.controller is not None:
            return self  # the complete sample has every party, so every variable exists
        if self.contract.kind == "controller_processor":
            if self.controller is None:
                raise ValueError("a processor agreement needs `controller` (and `processor`)")
            if self.subprocessor is not None or self.upstream is not None:
                raise ValueError(
                    "`subprocessor` and `upstream` belong to a sub-processing agreement;"
                    " set contract.kind: processor_subprocessor or remove them"
                )
        else:
            if self.subprocessor is None or self.upstream is None:
                raise ValueError("a sub-processing agreement needs `processor`, `subprocessor` and `upstream`")
            if self.controller is not None:
                raise ValueError(
                    "a sub-processing agreement is between `processor` and `subprocessor`; describe the"
                    " controllers under `upstream`, not as `controller`"
                )
        return self

    def parties(self) -> tuple[tuple[str, Party], tuple[str, Party]]:
        """The two parties with their roles: (client, provider) of the processing service."""
        if self.controller is not None:
            return ("controller", self.controller), ("processor", self.processor)
        assert self.subprocessor is not None
        return ("processor", self.processor), ("subprocessor", self.subprocessor)

    def derived_facts(self, ctx: FactContext) -> Mapping[str, Any]:
        """The two parties by the part they play in any kind of agreement, and the place of signing.

        ``client`` is the party on whose behalf data are processed (the controller, or in a
        sub-processing agreement the processor), ``provider`` the party that processes them:
        shared clause texts name the parties through these, so they read right in every kind.
        """
        (_, client), (_, provider) = self.parties()
        place = self.signing.place or client.seat or client.address.city
        return {
            "client": ctx.facts_of(client),
            "provider": ctx.facts_of(provider),
            "signing": ctx.facts_of(self.signing, place=place),
        }
